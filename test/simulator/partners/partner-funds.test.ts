 
/** §1.1–§1.6: resellers, the partner's balances, distributor ↔ reseller transfers, the adjust log, the ledger. */
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { testState } from '../../support/sim-request.js';
import { call, customers, paramError } from './helpers.js';

const DEBIT = { balance_type: 'BALANCE_TYPE_DEBIT' };

async function balances(state: ReturnType<typeof testState>, reseller?: string): Promise<Record<number, any>> {
  const res = await call(state, 'ListPartnerBalances', { query: reseller ? { indirect_partner_id: reseller } : {} });
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.account_balances.map((b: any) => [b.account_type, b]));
}

async function ledger(state: ReturnType<typeof testState>, query: Record<string, string | number> = {}): Promise<any> {
  const res = await call(state, 'ListPartnerAccountChangeRecords', { query: { ...DEBIT, limit: 100, ...query } });
  expect(res.status).toBe(200);
  return res.body;
}

describe('ListIndirectPartners (§1.1)', () => {
  it('lists the resellers with every field and the count', async () => {
    const s = testState(300);
    const res = await call(s, 'ListIndirectPartners', { body: {} });
    const r = s.world.resellers[0]!;
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(6);
    expect(res.body.indirect_partners).toHaveLength(6);
    expect(res.body.indirect_partners[0]).toEqual({
      indirect_partner_id: r.indirectPartnerId, mobile_phone: r.mobilePhone, email: r.email, account_name: r.accountName, name: r.name,
      associated_on: r.associatedOn, account_manager_id: r.accountManagerId, account_manager_name: r.accountManagerName,
    });
  });

  it('pages by offset and limit, and filters by id, account name and association window', async () => {
    const s = testState(300);
    const ids = s.world.resellers.map((r) => r.indirectPartnerId);
    const page = await call(s, 'ListIndirectPartners', { body: { offset: 2, limit: 3 } });
    expect(page.body.count).toBe(6);
    expect(page.body.indirect_partners.map((r: any) => r.indirect_partner_id)).toEqual(ids.slice(2, 5));
    const one = await call(s, 'ListIndirectPartners', { body: { indirect_partner_id: ids[4] } });
    expect(one.body.count).toBe(1);
    expect(one.body.indirect_partners[0].indirect_partner_id).toBe(ids[4]);
    const byName = await call(s, 'ListIndirectPartners', { body: { account_name: s.world.resellers[3]!.accountName.slice(-11) } });
    expect(byName.body.indirect_partners.map((r: any) => r.indirect_partner_id)).toEqual([ids[3]]);
    const at = s.world.resellers[1]!.associatedOn;
    const window = await call(s, 'ListIndirectPartners', { body: { associated_on_begin: at, associated_on_end: at } });
    expect(window.body.indirect_partners.map((r: any) => r.indirect_partner_id)).toEqual([ids[1]]);
    expect((await call(s, 'ListIndirectPartners', { body: { account_name: '', associated_on_begin: null } })).body.count).toBe(6);
  });

  it('validates limit, offset, lengths and times', async () => {
    const s = testState();
    expect(await call(s, 'ListIndirectPartners', { body: { limit: 101 } })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect(await call(s, 'ListIndirectPartners', { body: { limit: 0 } })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect(await call(s, 'ListIndirectPartners', { body: { offset: 40_000_001 } })).toEqual(paramError('offset', 'must be between 0 and 40000000'));
    expect(await call(s, 'ListIndirectPartners', { body: { limit: 1.5 } })).toEqual(paramError('limit', 'must be an integer'));
    expect(await call(s, 'ListIndirectPartners', { body: { account_name: 'a'.repeat(65) } })).toEqual(paramError('account_name', 'must be at most 64 characters'));
    expect(await call(s, 'ListIndirectPartners', { body: { associated_on_begin: '2026-02-30T00:00:00Z' } })).toEqual(
      paramError('associated_on_begin', 'must be a UTC time like 2016-03-28T00:00:00Z'),
    );
    expect(await call(s, 'ListIndirectPartners', { body: [] })).toEqual(paramError('body', 'must be a JSON object'));
  });
});

describe('ListPartnerBalances (§1.2)', () => {
  it('answers the distributor cash, credit, bonus and allocatable accounts, consistent with the ledger', async () => {
    const s = testState();
    const b = await balances(s);
    expect(Object.keys(b)).toEqual(['1', '2', '5', '8']);
    const account = s.partners.funds.scopeAccount(null);
    expect(b[1]).toEqual({
      account_id: account.cashAccountId, account_type: 1, amount: account.cash.toFixed(2), currency: 'CNY', designated_amount: account.designated.toFixed(2), measure_id: 1,
    });
    expect(b[8].amount).toBe(new Money(b[1].amount).minus(b[1].designated_amount).toFixed(2));
    expect(b[2].amount).toBe(b[2].credit_amount);
    // The newest ledger row ends at the cash balance.
    expect((await ledger(s, { limit: 1 })).records[0].balance_after_change).toBe(b[1].amount);
    const credit = await ledger(s, { balance_type: 'BALANCE_TYPE_CREDIT' });
    expect(credit.total_count).toBe(2);
    expect(credit.records[0].balance_after_change).toBe(b[2].credit_amount);
  });

  it('reads a reseller (cash and allocatable only) and nothing for an unknown one', async () => {
    const s = testState();
    const id = s.world.resellers[1]!.indirectPartnerId;
    const b = await balances(s, id);
    expect(Object.keys(b)).toEqual(['1', '8']);
    expect(b[1].amount).toBe(s.partners.funds.scopeAccount(id).cash.toFixed(2));
    expect(b[8].amount).toBe(b[1].amount);
    expect((await ledger(s, { indirect_partner_id: id, limit: 1 })).records[0].balance_after_change).toBe(b[1].amount);
    expect(await call(s, 'ListPartnerBalances', { query: { indirect_partner_id: 'f'.repeat(32) } })).toEqual({ status: 200, body: { account_balances: [] } });
    expect(await call(s, 'ListPartnerBalances', { query: { indirect_partner_id: 'f'.repeat(65) } })).toEqual(paramError('indirect_partner_id', 'must be at most 64 characters'));
  });
});

describe('UpdateIndirectPartnerAccount / ReclaimIndirectPartnerAccount (§1.3, §1.4)', () => {
  it('moves money to a reseller: both balances, both ledgers and the adjust log agree', async () => {
    const s = testState();
    const id = s.world.resellers[0]!.indirectPartnerId;
    const before = await balances(s);
    const resellerBefore = await balances(s, id);
    const res = await call(s, 'UpdateIndirectPartnerAccount', { body: { indirect_partner_id: id, amount: 1234.5 } });
    expect(res.status).toBe(200);
    expect(res.body.transfer_id).toMatch(/^AD\d{12}[0-9a-f]{6}$/);
    const after = await balances(s);
    const resellerAfter = await balances(s, id);
    expect(after[1].amount).toBe(new Money(before[1].amount).minus('1234.50').toFixed(2));
    expect(resellerAfter[1].amount).toBe(new Money(resellerBefore[1].amount).plus('1234.50').toFixed(2));
    expect((await ledger(s, { limit: 1 })).records[0]).toMatchObject({
      trade_detail_type: 'SOURCE_OPERATION_BEADJUST', trade_id: res.body.transfer_id, change_amount: '1234.50', balance_after_change: after[1].amount,
      type: '2', customer_id: id, account_name: s.world.resellers[0]!.accountName, trade_time: '2026-11-15T04:00:00Z',
    });
    expect((await ledger(s, { limit: 1, indirect_partner_id: id })).records[0]).toMatchObject({
      trade_id: res.body.transfer_id, change_amount: '1234.50', balance_after_change: resellerAfter[1].amount, type: '1', customer_id: s.world.partner.domainId,
    });
    const log = await call(s, 'ListPartnerAdjustRecords', { query: { trans_id: res.body.transfer_id } });
    expect(log.body).toEqual({
      total_count: 1,
      records: [{
        customer_id: id, customer_name: s.world.resellers[0]!.name, operation_type: 'SOURCE_OPERATION_BEADJUST', amount: '1234.50', currency: 'CNY',
        apply_scene: '', operation_time: '2026-11-15T04:00:00Z', measure_id: 1, trans_id: res.body.transfer_id, memo: '',
      }],
    });
  });

  it('refuses more than the allocatable funds, or an unknown reseller, and changes nothing', async () => {
    const s = testState();
    const id = s.world.resellers[0]!.indirectPartnerId;
    const before = await balances(s);
    const ledgerBefore = await ledger(s);
    const tooMuch = new Money(before[8].amount).plus('0.01').toFixed(2);
    expect(await call(s, 'UpdateIndirectPartnerAccount', { body: { indirect_partner_id: id, amount: tooMuch } })).toEqual({
      status: 400, body: { error_code: 'CBC.99005003', error_msg: 'Insufficient balance.' },
    });
    expect(await call(s, 'UpdateIndirectPartnerAccount', { body: { indirect_partner_id: 'e'.repeat(32), amount: 1 } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' },
    });
    expect(await balances(s)).toEqual(before);
    expect(await balances(s, id)).toEqual(await balances(testState(), id));
    expect(await ledger(s)).toEqual(ledgerBefore);
  });

  it('reclaims up to the reseller balance and refuses beyond it', async () => {
    const s = testState();
    const id = s.world.resellers[1]!.indirectPartnerId;
    const before = await balances(s, id);
    const all = before[1].amount as string;
    const over = await call(s, 'ReclaimIndirectPartnerAccount', { body: { indirect_partner_id: id, amount: new Money(all).plus('0.01').toFixed(2) } });
    expect(over).toEqual({ status: 400, body: { error_code: 'CBC.99005003', error_msg: 'Insufficient balance.' } });
    expect(await balances(s, id)).toEqual(before);
    const distributorBefore = await balances(s);
    const ok = await call(s, 'ReclaimIndirectPartnerAccount', { body: { indirect_partner_id: id, amount: all } });
    expect(ok.status).toBe(200);
    expect(ok.body.trans_id).toMatch(/^RE\d{12}[0-9a-f]{6}$/);
    expect((await balances(s, id))[1].amount).toBe('0.00');
    expect((await balances(s))[1].amount).toBe(new Money(distributorBefore[1].amount).plus(all).toFixed(2));
    expect((await call(s, 'ListPartnerAdjustRecords', { query: { trans_id: ok.body.trans_id } })).body.records[0].operation_type).toBe('SOURCE_OPERATION_BERETRIEVE');
  });

  it('validates the amount and the reseller id', async () => {
    const s = testState();
    const id = s.world.resellers[0]!.indirectPartnerId;
    const cases: [unknown, string][] = [
      [0, 'must be greater than 0'], ['-5', 'must be greater than 0'], ['1.234', 'must have at most 2 decimal places'], ['abc', 'must be a number'],
      [null, 'is required'], [true, 'must be a number'],
    ];
    for (const [amount, rule] of cases) {
      expect(await call(s, 'UpdateIndirectPartnerAccount', { body: { indirect_partner_id: id, amount } })).toEqual(paramError('amount', rule));
    }
    expect(await call(s, 'ReclaimIndirectPartnerAccount', { body: { amount: 1 } })).toEqual(paramError('indirect_partner_id', 'is required'));
    expect(await call(s, 'ReclaimIndirectPartnerAccount', { body: { indirect_partner_id: id } })).toEqual(paramError('amount', 'is required'));
    // A numeric string and a number with two decimals are both accepted.
    expect((await call(s, 'UpdateIndirectPartnerAccount', { body: { indirect_partner_id: id, amount: '10.10' } })).status).toBe(200);
    expect((await call(s, 'UpdateIndirectPartnerAccount', { body: { indirect_partner_id: id, amount: 10.1 } })).status).toBe(200);
  });
});

describe('ListPartnerAdjustRecords (§1.5)', () => {
  it('lists the scope transfers newest first, with total_count and offset windows', async () => {
    const s = testState();
    const all = await call(s, 'ListPartnerAdjustRecords', { query: { limit: 100 } });
    const expected = s.partners.funds.scopeAccount(null).transfers.length;
    expect(all.body.total_count).toBe(expected);
    expect(all.body.records).toHaveLength(expected);
    const times = all.body.records.map((r: any) => r.operation_time);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await call(s, 'ListPartnerAdjustRecords', { query: { offset: 5, limit: 5 } });
    expect(second.body.total_count).toBe(expected);
    expect(second.body.records).toEqual(all.body.records.slice(5, 10));
    const deflt = await call(s, 'ListPartnerAdjustRecords');
    expect(deflt.body.records).toEqual(all.body.records.slice(0, 10));
  });

  it('scopes to a reseller, filters by customer, type and time, and answers empty for foreign customers', async () => {
    const s = testState();
    const reseller = s.world.resellers.find((r) => s.partners.funds.scopeAccount(r.indirectPartnerId).transfers.length > 0)!.indirectPartnerId;
    const scoped = await call(s, 'ListPartnerAdjustRecords', { query: { indirect_partner_id: reseller, limit: 100 } });
    const theirs = new Set(customers(s, reseller).map((c) => c.customerId));
    expect(scoped.body.total_count).toBeGreaterThan(0);
    for (const r of scoped.body.records) expect(theirs.has(r.customer_id)).toBe(true);
    const foreign = scoped.body.records[0].customer_id;
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { customer_id: foreign } })).toEqual({ status: 200, body: { total_count: 0, records: [] } });
    const mine = await call(s, 'ListPartnerAdjustRecords', { query: { indirect_partner_id: reseller, customer_id: foreign, limit: 100 } });
    expect(mine.body.records.every((r: any) => r.customer_id === foreign)).toBe(true);
    const reclaims = await call(s, 'ListPartnerAdjustRecords', { query: { operation_type: 'SOURCE_OPERATION_BERETRIEVE', limit: 100 } });
    expect(reclaims.body.records.every((r: any) => r.operation_type === 'SOURCE_OPERATION_BERETRIEVE')).toBe(true);
    const t = scoped.body.records[0].operation_time;
    const at = await call(s, 'ListPartnerAdjustRecords', { query: { indirect_partner_id: reseller, operation_time_begin: t, operation_time_end: t } });
    expect(at.body.records.map((r: any) => r.trans_id)).toEqual([scoped.body.records[0].trans_id]);
    expect((await call(s, 'ListPartnerAdjustRecords', { query: { indirect_partner_id: 'f'.repeat(32) } })).body).toEqual({ total_count: 0, records: [] });
  });

  it('validates its parameters', async () => {
    const s = testState();
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { limit: 101 } })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { offset: -1 } })).toEqual(paramError('offset', 'must be between 0 and 2147483647'));
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { limit: 'ten' } })).toEqual(paramError('limit', 'must be an integer'));
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { operation_type: 'ADJUST' } })).toEqual(
      paramError('operation_type', 'must be one of SOURCE_OPERATION_BEADJUST, SOURCE_OPERATION_BERETRIEVE, SOURCE_OPERATION_BEUNBIND'),
    );
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { trans_id: 'x'.repeat(129) } })).toEqual(paramError('trans_id', 'must be at most 128 characters'));
    expect(await call(s, 'ListPartnerAdjustRecords', { query: { operation_time_end: '2026-11-15 04:00:00' } })).toEqual(
      paramError('operation_time_end', 'must be a UTC time like 2016-03-28T00:00:00Z'),
    );
  });
});

describe('ListPartnerAccountChangeRecords (§1.6)', () => {
  it('chains balance_after_change from row to row, newest first', async () => {
    const s = testState();
    const body = await ledger(s);
    expect(body.currency).toBe('CNY');
    expect(body.total_count).toBeGreaterThan(10);
    const rows = body.records;
    for (let i = 0; i + 1 < rows.length; i++) {
      const older = new Money(rows[i + 1].balance_after_change);
      const change = new Money(rows[i].change_amount);
      expect(rows[i].balance_after_change).toBe((rows[i].type === '1' ? older.plus(change) : older.minus(change)).toFixed(2));
    }
    for (const r of rows) {
      if (['SOURCE_OPERATION_BEADJUST', 'SOURCE_OPERATION_BERETRIEVE'].includes(r.trade_detail_type)) expect(r.customer_id).toMatch(/^[0-9a-f]{32}$/);
      else expect(r).not.toHaveProperty('customer_id');
    }
  });

  it('filters by trade type and by Beijing-date window, and pages', async () => {
    const s = testState();
    const adjusts = await ledger(s, { trade_type: 'BEADJUST' });
    expect(adjusts.records.length).toBeGreaterThan(0);
    expect(new Set(adjusts.records.map((r: any) => r.trade_detail_type))).toEqual(new Set(['SOURCE_OPERATION_BEADJUST']));
    const recharges = await ledger(s, { trade_type: 'RECHARGE' });
    expect(new Set(recharges.records.map((r: any) => r.trade_detail_type))).toEqual(new Set(['SOURCE_OPERAIION_RECHARGE']));
    const all = await ledger(s);
    const day = all.records[3].trade_time.slice(0, 10);
    const oneDay = await ledger(s, { trade_time_begin: '2026-11-01', trade_time_end: '2026-11-15' });
    for (const r of oneDay.records) expect(new Date(Date.parse(r.trade_time) + 8 * 3_600_000).toISOString().slice(0, 10) >= '2026-11-01').toBe(true);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const window = await ledger(s, { offset: 2, limit: 2 });
    expect(window.records).toEqual(all.records.slice(2, 4));
    expect(window.total_count).toBe(all.total_count);
  });

  it('validates balance type, trade type and the one-year date span', async () => {
    const s = testState();
    const q = (query: Record<string, string>) => call(s, 'ListPartnerAccountChangeRecords', { query });
    expect(await q({})).toEqual(paramError('balance_type', 'is required'));
    expect(await q({ balance_type: 'BALANCE_TYPE_COUPON' })).toEqual(paramError('balance_type', 'must be one of BALANCE_TYPE_DEBIT, BALANCE_TYPE_CREDIT'));
    expect((await q({ ...DEBIT, trade_type: 'EXPIRED' })).body.error_msg).toBe(
      'Parameter error: trade_type must be one of RECHARGE, DEDEUCT, REFUND, RFROZEN, TRANS, ADJUST, BEADJUST, BERETRIEVE, BEUNBIND, BONUSCONVERT, TRADE_MODE_TRANSFER.',
    );
    expect(await q({ ...DEBIT, trade_time_begin: '2026/01/01' })).toEqual(paramError('trade_time_begin', 'must be a date like 2017-10-21'));
    expect(await q({ ...DEBIT, trade_time_begin: '2025-11-14', trade_time_end: '2026-11-15' })).toEqual(
      paramError('trade_time_end', 'must be within one year of trade_time_begin'),
    );
    expect((await q({ ...DEBIT, trade_time_begin: '2025-11-15', trade_time_end: '2026-11-15' })).status).toBe(200);
    expect(await q({ ...DEBIT, trade_time_begin: '2026-11-02', trade_time_end: '2026-11-01' })).toEqual(
      paramError('trade_time_begin', 'must not be later than trade_time_end'),
    );
    expect(await q({ ...DEBIT, limit: '101' })).toEqual(paramError('limit', 'must be between 1 and 100'));
  });
});

 
/** §2.5–§2.9 and PartnerStore.debitCustomer: customers' balances and ledgers, allocation and reclaim. */
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { CbcError } from '../../../src/simulator/handler.js';
import { testState } from '../../support/sim-request.js';
import { asCustomer, call, customers, fundedResale, paramError } from './helpers.js';

type State = ReturnType<typeof testState>;
const DEBIT = { balance_type: 'BALANCE_TYPE_DEBIT', limit: 100 };
const INSUFFICIENT = { status: 400, body: { error_code: 'CBC.99005003', error_msg: 'Insufficient balance.' } };
const NOT_SUB = { status: 400, body: { error_code: 'CBC.99000035', error_msg: 'The customer is not a sub-customer of the partner.' } };

async function partnerView(s: State, id: string, reseller?: string): Promise<any> {
  const res = await call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: [{ customer_id: id }], ...(reseller ? { indirect_partner_id: reseller } : {}) } });
  return res.body.customer_balances[0];
}

async function ownView(s: State, id: string): Promise<any> {
  return (await asCustomer(s, 'ShowCustomerAccountBalances', id)).body;
}

async function ownLedger(s: State, id: string, query: Record<string, string | number> = {}): Promise<any> {
  const res = await asCustomer(s, 'ListCustomerAccountChangeRecords', id, { query: { ...DEBIT, ...query } });
  expect(res.status).toBe(200);
  return res.body;
}

async function cash(s: State, reseller?: string): Promise<string> {
  const res = await call(s, 'ListPartnerBalances', { query: reseller ? { indirect_partner_id: reseller } : {} });
  return res.body.account_balances[0].amount;
}

describe('ListCustomersBalancesDetail (§2.5) and ShowCustomerAccountBalances (§2.6)', () => {
  it("answers resale customers only, agreeing with the customer's own view and ledger", async () => {
    const s = testState();
    const resale = customers(s, null, '2');
    const consultative = customers(s, null, '1')[0]!;
    const foreign = customers(s, s.world.resellers[0]!.indirectPartnerId, '2')[0]!;
    const ids = [resale[0]!.customerId, consultative.customerId, foreign.customerId, 'unknown', resale[1]!.customerId, resale[0]!.customerId];
    const res = await call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: ids.map((customer_id) => ({ customer_id })) } });
    expect(res.status).toBe(200);
    expect(res.body.customer_balances.map((b: any) => b.customer_id)).toEqual([resale[0]!.customerId, resale[1]!.customerId]);
    for (const b of res.body.customer_balances) {
      const account = s.partners.funds.customerAccount(s.world.customer(b.customer_id)!);
      expect(b).toEqual({ customer_id: b.customer_id, debt_amount: account.debt.toFixed(2), amount: account.cash.toFixed(2), currency: 'CNY', measure_id: 1 });
      const own = await ownView(s, b.customer_id);
      expect(own).toEqual({
        account_balances: [{ account_id: account.accountId, account_type: 1, amount: b.amount, currency: 'CNY', designated_amount: '0.00', measure_id: 1 }],
        debt_amount: b.debt_amount, measure_id: 1, currency: 'CNY',
      });
    }
    const funded = fundedResale(s, null, 1);
    expect((await ownLedger(s, funded.customerId, { limit: 1 })).records[0].balance_after_change).toBe((await partnerView(s, funded.customerId)).amount);
    // A consultative customer sees its own balance although the partner cannot.
    expect((await ownView(s, consultative.customerId)).account_balances[0].amount).toBe(s.partners.funds.customerAccount(consultative).cash.toFixed(2));
  });

  it('shows arrears in both views', async () => {
    const s = testState(400);
    const indebted = customers(s, null, '2').find((c) => s.partners.funds.customerAccount(c).debt.gt(0))!;
    const partner = await partnerView(s, indebted.customerId);
    expect(partner.debt_amount).toBe(s.partners.funds.customerAccount(indebted).debt.toFixed(2));
    expect(partner.amount).toBe('0.00');
    expect((await ownView(s, indebted.customerId)).debt_amount).toBe(partner.debt_amount);
  });

  it("reads a reseller's customers through indirect_partner_id; an unknown reseller is CBC.99000037", async () => {
    const s = testState();
    const reseller = s.world.resellers[0]!.indirectPartnerId;
    const theirs = customers(s, reseller, '2')[0]!;
    expect((await partnerView(s, theirs.customerId, reseller)).customer_id).toBe(theirs.customerId);
    expect(await partnerView(s, customers(s, null, '2')[0]!.customerId, reseller)).toBeUndefined();
    expect(await call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: [{ customer_id: theirs.customerId }], indirect_partner_id: 'e'.repeat(32) } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' },
    });
  });

  it('validates the id list', async () => {
    const s = testState();
    const q = (body: unknown) => call(s, 'ListCustomersBalancesDetail', { body });
    expect(await q({})).toEqual(paramError('customer_infos', 'is required'));
    expect(await q({ customer_infos: [] })).toEqual(paramError('customer_infos', 'must have at least 1 item'));
    expect(await q({ customer_infos: Array.from({ length: 101 }, (_, i) => ({ customer_id: `c${i}` })) })).toEqual(paramError('customer_infos', 'must have at most 100 items'));
    expect(await q({ customer_infos: [{}] })).toEqual(paramError('customer_infos[0].customer_id', 'is required'));
    expect(await q({ customer_infos: ['c1'] })).toEqual(paramError('customer_infos[0]', 'must be an object'));
    expect(await asCustomer(s, 'ShowCustomerAccountBalances', 'f'.repeat(32))).toEqual({ status: 403, body: { error_code: 'CBC.0151', error_msg: 'Access denied.' } });
  });
});

describe('ListCustomerAccountChangeRecords (§2.7)', () => {
  it("chains the customer's ledger, whose allocations are the partner's adjust records", async () => {
    const s = testState();
    const c = customers(s, null, '2').find((x) => s.partners.funds.customerAccount(x).ledger.length >= 3)!;
    const body = await ownLedger(s, c.customerId);
    const rows = body.records;
    expect(body.total_count).toBe(rows.length);
    for (let i = 0; i + 1 < rows.length; i++) {
      const older = new Money(rows[i + 1].balance_after_change);
      const change = new Money(rows[i].change_amount);
      expect(rows[i].balance_after_change).toBe((rows[i].revenue_expense_type === 'REVENUE' ? older.plus(change) : older.minus(change)).toFixed(2));
    }
    expect(rows[0]).toMatchObject({ account_name: c.accountName, bill_cycle: expect.stringMatching(/^\d{4}-\d{2}$/) });
    const allocations = (await ownLedger(s, c.customerId, { trade_type: 'BEADJUST' })).records.map((r: any) => r.trade_id).sort();
    const log = await call(s, 'ListPartnerAdjustRecords', { query: { customer_id: c.customerId, operation_type: 'SOURCE_OPERATION_BEADJUST', limit: 100 } });
    expect(log.body.records.map((r: any) => r.trans_id).sort()).toEqual(allocations);
    const spent = await ownLedger(s, c.customerId, { revenue_expense_type: 'EXPENSE' });
    expect(spent.records.every((r: any) => r.revenue_expense_type === 'EXPENSE')).toBe(true);
    expect((await ownLedger(s, c.customerId, { balance_type: 'BALANCE_TYPE_CREDIT' }))).toEqual({ total_count: 0, currency: 'CNY', records: [] });
    const one = rows[1];
    expect((await ownLedger(s, c.customerId, { trade_id: one.trade_id })).records).toEqual([one]);
    expect((await ownLedger(s, c.customerId, { offset: 1, limit: 1 })).records).toEqual([one]);
  });

  it("shows a consultative customer's own top-ups with their payment channel", async () => {
    const s = testState();
    const c = customers(s, null, '1').find((x) => s.partners.funds.customerAccount(x).ledger.some((e) => e.paymentChannelId))!;
    const recharges = await ownLedger(s, c.customerId, { trade_type: 'RECHARGE' });
    expect(recharges.total_count).toBeGreaterThan(0);
    const channel = recharges.records[0].payment_channel_id;
    expect(['1', '4', '5', '317', '319']).toContain(channel);
    const byChannel = await ownLedger(s, c.customerId, { payment_channel_id: `${channel},2` });
    expect(byChannel.records.every((r: any) => r.payment_channel_id === channel)).toBe(true);
    expect((await ownLedger(s, c.customerId, { payment_channel_no: recharges.records[0].payment_channel_no })).total_count).toBe(1);
  });

  it('validates', async () => {
    const s = testState();
    const id = customers(s, null, '2')[0]!.customerId;
    const q = (query: Record<string, string>) => asCustomer(s, 'ListCustomerAccountChangeRecords', id, { query });
    expect(await q({})).toEqual(paramError('balance_type', 'is required'));
    expect(await q({ balance_type: 'BALANCE_TYPE_DEBIT', revenue_expense_type: '' })).toEqual(paramError('revenue_expense_type', 'must be one of REVENUE, EXPENSE'));
    expect((await q({ balance_type: 'BALANCE_TYPE_DEBIT', trade_type: 'COUPONADJUST' })).body.error_code).toBe('CBC.0100');
    expect(await q({ balance_type: 'BALANCE_TYPE_DEBIT', trade_type: 'X'.repeat(21) })).toEqual(paramError('trade_type', 'must be at most 20 characters'));
    expect(await q({ balance_type: 'BALANCE_TYPE_DEBIT', trade_time_begin: '' })).toEqual(paramError('trade_time_begin', 'must not be empty'));
    expect(await q({ balance_type: 'BALANCE_TYPE_DEBIT', payment_channel_id: '1,3' })).toEqual(
      paramError('payment_channel_id', 'must be one of 1, 2, 4, 5, 6, 7, 10, 11, 317, 319, 320'),
    );
    expect(await q({ balance_type: 'BALANCE_TYPE_DEBIT', limit: '0' })).toEqual(paramError('limit', 'must be between 1 and 100'));
  });
});

describe('UpdateCustomerAccountAmount (§2.8)', () => {
  it('moves money to a resale customer: balances, both ledgers and the adjust log agree', async () => {
    const s = testState();
    const c = customers(s, null, '2')[0]!;
    const before = await partnerView(s, c.customerId);
    const partnerBefore = await cash(s);
    const res = await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: c.customerId, amount: '250.75' } });
    expect(res.status).toBe(200);
    expect(res.body.transfer_id).toMatch(/^AD261115120000[0-9a-f]{6}$/);
    const after = await partnerView(s, c.customerId);
    expect(after.amount).toBe(new Money(before.amount).plus('250.75').toFixed(2));
    expect((await ownView(s, c.customerId)).account_balances[0].amount).toBe(after.amount);
    expect(await cash(s)).toBe(new Money(partnerBefore).minus('250.75').toFixed(2));
    expect((await ownLedger(s, c.customerId, { limit: 1 })).records[0]).toMatchObject({
      trade_detail_type: 'SOURCE_OPERATION_BEADJUST', trade_id: res.body.transfer_id, trade_time: '2026-11-15T04:00:00Z', change_amount: '250.75',
      balance_after_change: after.amount, revenue_expense_type: 'REVENUE', bill_cycle: '2026-11',
    });
    const partnerRow = (await call(s, 'ListPartnerAccountChangeRecords', { query: { balance_type: 'BALANCE_TYPE_DEBIT', limit: 1 } })).body.records[0];
    expect(partnerRow).toMatchObject({ trade_id: res.body.transfer_id, change_amount: '250.75', type: '2', customer_id: c.customerId, account_name: c.accountName, balance_after_change: await cash(s) });
    const log = await call(s, 'ListPartnerAdjustRecords', { query: { trans_id: res.body.transfer_id } });
    expect(log.body.records).toEqual([{
      customer_id: c.customerId, customer_name: c.realName || c.accountName, operation_type: 'SOURCE_OPERATION_BEADJUST', amount: '250.75', currency: 'CNY',
      apply_scene: '', operation_time: '2026-11-15T04:00:00Z', measure_id: 1, trans_id: res.body.transfer_id, memo: '',
    }]);
  });

  it("pays from the reseller's funds when scoped, and refuses what the scope cannot do", async () => {
    const s = testState();
    const reseller = s.world.resellers[0]!.indirectPartnerId;
    const theirs = customers(s, reseller, '2')[0]!;
    const distributorBefore = await cash(s);
    const resellerBefore = await cash(s, reseller);
    expect((await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: theirs.customerId, amount: 10, indirect_partner_id: reseller } })).status).toBe(200);
    expect(await cash(s, reseller)).toBe(new Money(resellerBefore).minus(10).toFixed(2));
    expect(await cash(s)).toBe(distributorBefore);
    // Their customer without the scope, our customer with it, a consultative one: not a (resale) sub-customer.
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: theirs.customerId, amount: 10 } })).toEqual(NOT_SUB);
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: customers(s, null, '2')[0]!.customerId, amount: 10, indirect_partner_id: reseller } })).toEqual(NOT_SUB);
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: customers(s, null, '1')[0]!.customerId, amount: 10 } })).toEqual(NOT_SUB);
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: 'unknown', amount: 10 } })).toEqual(NOT_SUB);
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: theirs.customerId, amount: 10, indirect_partner_id: 'e'.repeat(32) } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' },
    });
    const tooMuch = new Money(await cash(s, reseller)).plus('0.01').toFixed(2);
    const ledgerBefore = await ownLedger(s, theirs.customerId);
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: theirs.customerId, amount: tooMuch, indirect_partner_id: reseller } })).toEqual(INSUFFICIENT);
    expect(await ownLedger(s, theirs.customerId)).toEqual(ledgerBefore);
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: theirs.customerId } })).toEqual(paramError('amount', 'is required'));
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { amount: 1 } })).toEqual(paramError('customer_id', 'is required'));
  });

  it('leaves designated (earmarked) cash untouchable', async () => {
    const s = testState();
    const account = s.partners.funds.scopeAccount(null);
    expect(account.designated.gt(0)).toBe(true);
    const allocatable = account.cash.minus(account.designated);
    const c = customers(s, null, '2')[0]!;
    expect(await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: c.customerId, amount: allocatable.plus('0.01').toFixed(2) } })).toEqual(INSUFFICIENT);
    expect((await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: c.customerId, amount: allocatable.toFixed(2) } })).status).toBe(200);
    expect(await cash(s)).toBe(account.designated.toFixed(2));
  });
});

describe('ReclaimToPartnerAccount (§2.9)', () => {
  it('takes money back from a resale customer into the partner account', async () => {
    const s = testState();
    const c = fundedResale(s, null, 100);
    const before = await partnerView(s, c.customerId);
    const partnerBefore = await cash(s);
    const res = await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: c.customerId, amount: 99.99 } });
    expect(res.status).toBe(200);
    expect(res.body.trans_id).toMatch(/^RE261115120000[0-9a-f]{6}$/);
    expect((await partnerView(s, c.customerId)).amount).toBe(new Money(before.amount).minus('99.99').toFixed(2));
    expect(await cash(s)).toBe(new Money(partnerBefore).plus('99.99').toFixed(2));
    expect((await ownLedger(s, c.customerId, { limit: 1 })).records[0]).toMatchObject({ trade_detail_type: 'SOURCE_OPERATION_BERETRIEVE', trade_id: res.body.trans_id, revenue_expense_type: 'EXPENSE' });
    expect((await call(s, 'ListPartnerAdjustRecords', { query: { trans_id: res.body.trans_id } })).body.records[0].operation_type).toBe('SOURCE_OPERATION_BERETRIEVE');
  });

  it('refuses more than the balance with CBC.99005003 and changes nothing', async () => {
    const s = testState();
    const c = fundedResale(s, null, 1);
    const before = { partner: await partnerView(s, c.customerId), own: await ownLedger(s, c.customerId), cash: await cash(s) };
    const partnerLedger = (await call(s, 'ListPartnerAccountChangeRecords', { query: { balance_type: 'BALANCE_TYPE_DEBIT', limit: 100 } })).body;
    const over = new Money(before.partner.amount).plus('0.01').toFixed(2);
    expect(await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: c.customerId, amount: over } })).toEqual(INSUFFICIENT);
    expect({ partner: await partnerView(s, c.customerId), own: await ownLedger(s, c.customerId), cash: await cash(s) }).toEqual(before);
    expect((await call(s, 'ListPartnerAccountChangeRecords', { query: { balance_type: 'BALANCE_TYPE_DEBIT', limit: 100 } })).body).toEqual(partnerLedger);
    // The whole balance can be reclaimed.
    expect((await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: c.customerId, amount: before.partner.amount } })).status).toBe(200);
    expect((await partnerView(s, c.customerId)).amount).toBe('0.00');
  });

  it('refuses consultative (CBC.99000047) and foreign (CBC.99000035) customers', async () => {
    const s = testState();
    expect(await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: customers(s, null, '1')[0]!.customerId, amount: 1 } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000047', error_msg: 'The allocation account of the sub-customer does not exist.' },
    });
    const reseller = s.world.resellers[0]!.indirectPartnerId;
    expect(await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: customers(s, reseller, '2')[0]!.customerId, amount: 1 } })).toEqual(NOT_SUB);
    expect(await call(s, 'ReclaimToPartnerAccount', { body: { customer_id: customers(s, null, '2')[0]!.customerId, amount: '1.001' } })).toEqual(
      paramError('amount', 'must have at most 2 decimal places'),
    );
  });
});

describe('PartnerStore.debitCustomer', () => {
  it('lowers the cash balance and appends a consumption row', async () => {
    const s = testState();
    const c = fundedResale(s, null, 50);
    const before = await partnerView(s, c.customerId);
    s.partners.debitCustomer(c.customerId, new Money('12.34'), 'CS2611151200ABCDE');
    const after = await partnerView(s, c.customerId);
    expect(after.amount).toBe(new Money(before.amount).minus('12.34').toFixed(2));
    expect((await ownLedger(s, c.customerId, { limit: 1 })).records[0]).toMatchObject({
      trade_detail_type: 'SOURCE_OPERAIION_DEDEUCT', trade_id: 'CS2611151200ABCDE', change_amount: '12.34', balance_after_change: after.amount,
      revenue_expense_type: 'EXPENSE', trade_time: '2026-11-15T04:00:00Z', consume_time: '2026-11-15T04:00:00Z',
    });
    expect((await ownLedger(s, c.customerId, { trade_type: 'DEDEUCT', trade_id: 'CS2611151200ABCDE' })).total_count).toBe(1);
  });

  it('throws CBC.99005003 when the balance is insufficient, changing nothing', async () => {
    const s = testState();
    const c = fundedResale(s, null, 1);
    const before = await ownLedger(s, c.customerId);
    const over = s.partners.funds.customerAccount(c).cash.plus('0.01');
    let thrown: unknown;
    try {
      s.partners.debitCustomer(c.customerId, over, 'CS2611151200ZZZZZ');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CbcError);
    expect(thrown).toMatchObject({ status: 400, code: 'CBC.99005003', message: 'Insufficient balance.' });
    expect(await ownLedger(s, c.customerId)).toEqual(before);
    expect(() => s.partners.debitCustomer('unknown', new Money(1), 'x')).toThrow(RangeError);
    expect(() => s.partners.debitCustomer(c.customerId, new Money(0), 'x')).toThrow(RangeError);
  });
});

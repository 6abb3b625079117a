/**
 * Funds of the partner, its resellers and customers: balances, the fund allocation log and the ledger,
 * equal to the raw endpoints; the ledger's one-year window is checked before any call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListIndirectPartners, ListPartnerAccountChangeRecords, ListPartnerAdjustRecords, ListPartnerBalances, ListSubCustomers,
  type AccountChangeRecord, type AdjustRecordV3,
} from '../../../src/bss/operations/partners/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { money, ok, requests, time } from './support.js';

const ADJUST: Record<string, string> = {
  SOURCE_OPERATION_BEADJUST: 'ALLOCATION', SOURCE_OPERATION_BERETRIEVE: 'RECLAIM', SOURCE_OPERATION_BEUNBIND: 'RECLAIM_ON_UNBINDING',
};
const ADJUST_FIELDS = 'customerId customerName operationType operationTypeCode amount currency applyScene operationTime transId memo';
const adjust = (r: AdjustRecordV3) => ({
  customerId: r.customer_id, customerName: r.customer_name || null, operationType: ADJUST[r.operation_type!], operationTypeCode: r.operation_type,
  amount: money(r.amount), currency: r.currency, applyScene: r.apply_scene || null, operationTime: time(r.operation_time), transId: r.trans_id,
  memo: r.memo || null,
});

const CHANGE_FIELDS = 'accountChangeId tradeDetailType tradeDetailTypeCode tradeTime tradeId changeAmount balanceAfterChange currency direction directionCode customerId accountName';
const change = (r: AccountChangeRecord, currency: string) => ({
  accountChangeId: r.account_change_id, tradeDetailTypeCode: r.trade_detail_type, tradeTime: time(r.trade_time), tradeId: r.trade_id || null,
  changeAmount: money(r.change_amount), balanceAfterChange: money(r.balance_after_change), currency, direction: r.type === '1' ? 'INCOME' : 'EXPENSE',
  directionCode: r.type, customerId: r.customer_id || null, accountName: r.account_name || null,
});

describe('funds: balances, allocations and ledgers', () => {
  let stack: Stack;
  let reseller: string;
  beforeAll(async () => {
    stack = await startStack({ customers: 150, pii: true });
    reseller = (await stack.bss.call(ListIndirectPartners, { body: {} })).indirect_partners![0]!.indirect_partner_id!;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('reads a reseller\'s balances in its scope', async () => {
    const raw = await stack.bss.call(ListPartnerBalances, { indirect_partner_id: reseller });
    expect(raw.account_balances!.length).toBeGreaterThan(0);
    stack.bss.counter.reset();
    const data = await ok(stack, 'query($id: String!) { indirectPartner(indirectPartnerId: $id) { balances { accountId accountTypeCode amount designatedAmount creditAmount currency } } }', { id: reseller });
    expect(data.indirectPartner.balances).toEqual(
      raw.account_balances!.map((b) => ({
        accountId: b.account_id, accountTypeCode: b.account_type, amount: money(b.amount), designatedAmount: money(b.designated_amount),
        creditAmount: money(b.credit_amount), currency: b.currency,
      })),
    );
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, ListPartnerBalances: 1 });
  });

  it('lists allocation records of the partner, of a reseller and of one customer, with filters', async () => {
    const own = await stack.bss.call(ListPartnerAdjustRecords, { offset: 0, limit: 20 });
    const reclaims = await stack.bss.call(ListPartnerAdjustRecords, { operation_type: 'SOURCE_OPERATION_BERETRIEVE', offset: 0, limit: 20 });
    const theirs = await stack.bss.call(ListPartnerAdjustRecords, { indirect_partner_id: reseller, offset: 0, limit: 20 });
    expect(own.total_count).toBeGreaterThan(20);
    expect(reclaims.total_count).toBeGreaterThan(0);
    expect(reclaims.total_count).toBeLessThan(own.total_count!);
    expect(theirs.total_count).toBeGreaterThan(0);
    const data = await ok(
      stack,
      `query($id: String!) {
        partner {
          adjustRecords(first: 20) { totalCount nodes { ${ADJUST_FIELDS} } }
          reclaims: adjustRecords(first: 20, operationType: RECLAIM) { totalCount nodes { ${ADJUST_FIELDS} } }
        }
        indirectPartner(indirectPartnerId: $id) { adjustRecords(first: 20) { totalCount nodes { ${ADJUST_FIELDS} } } }
      }`,
      { id: reseller },
    );
    expect(data.partner.adjustRecords).toEqual({ totalCount: own.total_count, nodes: own.records!.map(adjust) });
    expect(data.partner.reclaims).toEqual({ totalCount: reclaims.total_count, nodes: reclaims.records!.map(adjust) });
    expect(data.indirectPartner.adjustRecords).toEqual({ totalCount: theirs.total_count, nodes: theirs.records!.map(adjust) });

    // One customer's records, through the customer.
    const customerIds = new Set((await stack.bss.paginate(ListSubCustomers, { body: {} })).items.map((c) => c.customer_id));
    const target = own.records!.find((r) => customerIds.has(r.customer_id!))!.customer_id!;
    const mine = await stack.bss.call(ListPartnerAdjustRecords, { customer_id: target, offset: 0, limit: 100 });
    const viaCustomer = await ok(stack, `query($id: String!) { customer(customerId: $id) { adjustRecords(first: 100) { totalCount nodes { ${ADJUST_FIELDS} } } } }`, { id: target });
    expect(viaCustomer.customer.adjustRecords).toEqual({ totalCount: mine.total_count, nodes: mine.records!.map(adjust) });
  });

  it('lists the ledger within a window, cash and credit, the partner\'s and a reseller\'s', async () => {
    const window = { trade_time_begin: '2026-01-01', trade_time_end: '2026-11-15' };
    const cash = await stack.bss.call(ListPartnerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', ...window, offset: 0, limit: 30 });
    const credit = await stack.bss.call(ListPartnerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_CREDIT', ...window, offset: 0, limit: 30 });
    const recharges = await stack.bss.call(ListPartnerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', trade_type: 'RECHARGE', ...window, offset: 0, limit: 30 });
    const theirs = await stack.bss.call(ListPartnerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', indirect_partner_id: reseller, offset: 0, limit: 30 });
    expect(cash.total_count).toBeGreaterThan(30);
    expect(recharges.total_count).toBeGreaterThan(0);
    expect(theirs.total_count).toBeGreaterThan(0);
    stack.bss.counter.reset();
    const data = await ok(
      stack,
      `query($id: String!) {
        partner {
          cash: accountChangeRecords(first: 30, from: "2026-01-01", to: "2026-11-15") { totalCount nodes { ${CHANGE_FIELDS} } }
          credit: accountChangeRecords(first: 30, balanceType: CREDIT, from: "2026-01-01", to: "2026-11-15") { totalCount nodes { ${CHANGE_FIELDS} } }
          recharges: accountChangeRecords(first: 30, tradeType: RECHARGE, from: "2026-01-01", to: "2026-11-15") { totalCount nodes { tradeDetailType } }
        }
        indirectPartner(indirectPartnerId: $id) { accountChangeRecords(first: 30) { totalCount nodes { ${CHANGE_FIELDS} } } }
      }`,
      { id: reseller },
    );
    const strip = ({ tradeDetailType: _t, ...rest }: any) => rest;
    expect({ ...data.partner.cash, nodes: data.partner.cash.nodes.map(strip) }).toEqual({ totalCount: cash.total_count, nodes: cash.records!.map((r) => change(r, cash.currency!)) });
    expect({ ...data.partner.credit, nodes: data.partner.credit.nodes.map(strip) }).toEqual({ totalCount: credit.total_count, nodes: credit.records!.map((r) => change(r, credit.currency!)) });
    const reseller$ = data.indirectPartner.accountChangeRecords;
    expect({ ...reseller$, nodes: reseller$.nodes.map(strip) }).toEqual({ totalCount: theirs.total_count, nodes: theirs.records!.map((r) => change(r, theirs.currency!)) });
    expect(data.partner.recharges.totalCount).toBe(recharges.total_count);
    expect(new Set(data.partner.recharges.nodes.map((n: any) => n.tradeDetailType))).toEqual(new Set(recharges.records!.map((r) => (r.trade_detail_type === 'SOURCE_OPERAIION_RECHARGE' ? 'RECHARGE' : 'RECHARGE_REBATE'))));
    // Every simulated detail type is one the schema knows.
    expect(data.partner.cash.nodes.filter((n: any) => n.tradeDetailType === 'UNKNOWN')).toEqual([]);
    expect(requests(stack)).toEqual({ ListPartnerAccountChangeRecords: 4, ListIndirectPartners: 1 });
  });

  it('refuses a ledger window over one year or a malformed date before calling upstream', async () => {
    stack.bss.counter.reset();
    const tooLong = await stack.graphql('{ partner { domainId accountChangeRecords(from: "2025-01-01", to: "2026-01-02") { totalCount } } }');
    expect(tooLong.data).toEqual({ partner: { domainId: stack.simulator.credentials.domainId, accountChangeRecords: null } });
    expect(tooLong.errors).toMatchObject([
      { path: ['partner', 'accountChangeRecords'], extensions: { code: 'BAD_USER_INPUT', argument: 'to' }, message: expect.stringContaining('at most one year') },
    ]);
    const malformed = await stack.graphql('{ partner { accountChangeRecords(from: "2026-02-30") { totalCount } } }');
    expect(malformed.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'from' } }]);
    expect(stack.bss.counter.requests()).toBe(0);
    // Exactly one year is allowed.
    const year = await ok(stack, '{ partner { accountChangeRecords(from: "2025-11-15", to: "2026-11-15") { totalCount } } }');
    expect(year.partner.accountChangeRecords.totalCount).toBeGreaterThan(0);
  });
});

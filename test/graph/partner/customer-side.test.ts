/**
 * Customer-side fields (a customer token by IAM assume_role): equal to the raw customer-credential
 * reads; a customer without an agency gets a typed error on those fields only, and the rest answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCustomerAccountChangeRecords, ListCustomerCouponChangeRecords, ListSubCustomerCoupons, ListSubCustomers, ShowCustomerAccountBalances,
  type CustomerInformation,
} from '../../../src/bss/operations/partners/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { money, ok, requests, time } from './support.js';

const CUSTOMER_SIDE = `
  ownBalances { accounts { accountId accountType amount designatedAmount currency } debtAmount currency }
  accountChangeRecords(first: 10) { totalCount nodes { accountChangeId tradeDetailTypeCode tradeTime tradeId changeAmount balanceAfterChange direction billCycle paymentChannelId consumeTime } }
  heldCoupons(first: 10) { totalCount nodes { couponId couponCode statusCode couponTypeCode faceValue balance currency effectiveTime expireTime lastUsedTime promotionPlanName version sourceId
    activeTime createTime orderId lockOrderId promotionPlanId promotionPlanDescription promotionId usage frozen useLimits { key value1 value2 valueUnit limitType } } }
  couponChangeRecords(first: 10) { totalCount nodes { couponId tradeDetailType tradeDetailTypeCode tradeTime tradeId changeAmount balanceAfterChange direction billCycle } }`;

const COUPON_DETAIL: Record<string, string> = {
  SOURCE_OPERAIION_PRIZE: 'ACTIVATION', SOURCE_OPERAIION_DEDEUCT: 'YEARLY_MONTHLY_CONSUMPTION', SOURCE_OPERATION_COUPONCANCEL: 'COUPON_RECLAIM',
  SOURCE_OPERAIION_EXPIRECLEAR: 'EXPIRY_CLEARING',
};

describe('customer-side data through token exchange', () => {
  let stack: Stack;
  let own: CustomerInformation[];
  let hasAgency: (id: string) => boolean;

  beforeAll(async () => {
    stack = await startStack({ customers: 150, pii: true });
    own = (await stack.bss.paginate(ListSubCustomers, { body: {} })).items;
    const agencies = new Map(stack.simulator.state.world.customers.map((c) => [c.customerId, c.agency !== null]));
    hasAgency = (id) => agencies.get(id) === true;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('reads balances, ledger, held coupons and coupon ledger as the customer, equal to the raw reads', async () => {
    const c = own.find((x) => x.association_type === '2' && hasAgency(x.customer_id))!;
    const opts = { customerId: c.customer_id };
    const balances = await stack.bss.call(ShowCustomerAccountBalances, {}, opts);
    const ledger = await stack.bss.call(ListCustomerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', offset: 0, limit: 10 }, opts);
    const held = await stack.bss.call(ListSubCustomerCoupons, { offset: 0, limit: 10 }, opts);
    const couponLedger = await stack.bss.call(ListCustomerCouponChangeRecords, { balance_type: 'BALANCE_TYPE_COUPON', offset: 0, limit: 10 }, opts);
    expect(ledger.total_count).toBeGreaterThan(0);
    stack.bss.counter.reset();

    const data = await ok(stack, `query($id: String!) { customer(customerId: $id) { customerId ${CUSTOMER_SIDE} } }`, { id: c.customer_id });
    expect(data.customer).toEqual({
      customerId: c.customer_id,
      ownBalances: {
        accounts: balances.account_balances!.map((b) => ({
          accountId: b.account_id, accountType: 'CASH', amount: money(b.amount), designatedAmount: money(b.designated_amount), currency: b.currency,
        })),
        debtAmount: money(balances.debt_amount),
        currency: balances.currency,
      },
      accountChangeRecords: {
        totalCount: ledger.total_count,
        nodes: ledger.records!.map((r) => ({
          accountChangeId: r.account_change_id, tradeDetailTypeCode: r.trade_detail_type, tradeTime: time(r.trade_time), tradeId: r.trade_id,
          changeAmount: money(r.change_amount), balanceAfterChange: money(r.balance_after_change), direction: r.revenue_expense_type === 'REVENUE' ? 'INCOME' : 'EXPENSE',
          billCycle: r.bill_cycle, paymentChannelId: r.payment_channel_id || null, consumeTime: r.consume_time,
        })),
      },
      heldCoupons: {
        totalCount: held.count,
        nodes: held.user_coupons!.map((h) => ({
          couponId: h.coupon_id, couponCode: h.coupon_code, statusCode: h.status, couponTypeCode: h.coupon_type, faceValue: money(h.face_value), balance: money(h.balance),
          currency: h.currency, effectiveTime: time(h.valid_time), expireTime: time(h.expire_time), lastUsedTime: time(h.reserve_time), promotionPlanName: h.plan_name,
          version: h.coupon_version, sourceId: h.source_id,
          activeTime: time(h.active_time), createTime: time(h.create_time), orderId: h.order_id || null, lockOrderId: h.lock_order_id || null,
          promotionPlanId: h.promotion_plan_id || null, promotionPlanDescription: h.plan_desc || null, promotionId: h.promotion_id || null,
          usage: h.coupon_usage || null, frozen: h.is_frozen === undefined || h.is_frozen === null || h.is_frozen === '' ? null : h.is_frozen === '1',
          useLimits: (h.use_limits ?? []).map((l) => ({ key: l.limit_key || null, value1: l.value1 || null, value2: l.value2 || null, valueUnit: l.value_unit || null, limitType: l.limit_type || null })),
        })),
      },
      couponChangeRecords: {
        totalCount: couponLedger.total_count,
        nodes: couponLedger.records!.map((r) => ({
          couponId: r.coupon_id, tradeDetailType: COUPON_DETAIL[r.trade_detail_type!], tradeDetailTypeCode: r.trade_detail_type, tradeTime: time(r.trade_time),
          tradeId: r.trade_id, changeAmount: money(r.change_amount), balanceAfterChange: money(r.balance_after_change),
          direction: r.revenue_expense_type === 'REVENUE' ? 'INCOME' : 'EXPENSE', billCycle: r.bill_cycle,
        })),
      },
    });
    // The customer token is cached across requests: no IAM call this time.
    expect(requests(stack)).toEqual({
      ListSubCustomers: 1, ShowCustomerAccountBalances: 1, ListCustomerAccountChangeRecords: 1, ListSubCustomerCoupons: 1, ListCustomerCouponChangeRecords: 1,
    });
  });

  it('gives a customer without an agency a typed error on its customer-side fields only', async () => {
    const c = own.find((x) => x.association_type === '2' && !hasAgency(x.customer_id))!;
    expect(c).toBeDefined();
    const result = await stack.graphql(
      `query($id: String!) { customer(customerId: $id) { customerId accountName balance { currency } coupons(first: 5) { totalCount } ${CUSTOMER_SIDE} } }`,
      { id: c.customer_id },
    );
    expect(result.data!.customer).toMatchObject({
      customerId: c.customer_id,
      accountName: c.account_name,
      balance: { currency: 'CNY' },
      coupons: { totalCount: expect.any(Number) },
      ownBalances: null,
      accountChangeRecords: null,
      heldCoupons: null,
      couponChangeRecords: null,
    });
    const errors = [...result.errors!].sort((a, b) => a.path[1].localeCompare(b.path[1]));
    expect(errors.map((e) => e.path)).toEqual([
      ['customer', 'accountChangeRecords'],
      ['customer', 'couponChangeRecords'],
      ['customer', 'heldCoupons'],
      ['customer', 'ownBalances'],
    ]);
    // The customer-only endpoint behind each field, which the failed token exchange stopped.
    const endpoints: Record<string, string> = {
      accountChangeRecords: 'ListCustomerAccountChangeRecords', couponChangeRecords: 'ListCustomerCouponChangeRecords',
      heldCoupons: 'ListSubCustomerCoupons', ownBalances: 'ShowCustomerAccountBalances',
    };
    for (const e of errors) {
      expect(e.message).toBe('The customer has not granted this partner an agency, so its own data (bills, orders it pays, …) cannot be read.');
      // The failing upstream step is the IAM token exchange (assume_role), which the client names, with the endpoint it was for.
      expect(e.extensions).toEqual({
        code: 'CUSTOMER_AGENCY_NOT_GRANTED', upstreamCode: 'IAM.AGENCY_NOT_GRANTED', httpStatus: 403, operation: 'KeystoneCreateAgencyToken',
        forOperation: endpoints[e.path[1]], requestId: expect.any(String),
      });
    }
  });

  it('fails only the no-agency customers of a page, each on its own field', async () => {
    const page = own.slice(0, 20);
    const without = page.map((c, i) => (hasAgency(c.customer_id) ? -1 : i)).filter((i) => i >= 0);
    expect(without.length).toBeGreaterThan(0);
    expect(without.length).toBeLessThan(20);
    const result = await stack.graphql('{ partner { customers(first: 20) { nodes { customerId ownBalances { debtAmount } } } } }');
    const nodes = result.data!.partner.customers.nodes;
    expect(nodes.map((n: any) => n.customerId)).toEqual(page.map((c) => c.customer_id));
    nodes.forEach((n: any, i: number) => (without.includes(i) ? expect(n.ownBalances).toBeNull() : expect(n.ownBalances).toEqual({ debtAmount: expect.stringMatching(/^\d+\.\d{2}$/) })));
    expect(result.errors!.map((e: any) => e.path).sort()).toEqual(without.map((i) => ['partner', 'customers', 'nodes', i, 'ownBalances']).sort());
    expect(new Set(result.errors!.map((e: any) => e.extensions.code))).toEqual(new Set(['CUSTOMER_AGENCY_NOT_GRANTED']));
  });
});

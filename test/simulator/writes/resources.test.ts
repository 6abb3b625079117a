/**
 * Subscription writes (§3.3–§3.8) as every read shows them: the resources (§3.1: expiry, expire_policy,
 * status), the orders they make (§2.1, §2.2, §2.7), the balance and the ledger (refunds credited, renewals
 * debited) under those order ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AutoRenewalResources, CancelAutoRenewalResources, CancelResourcesSubscription, ListCustomerOrders, ListPayPerUseCustomerResources, PayOrders,
  RenewalResources, SetResourcesRenewConfig, ShowCustomerOrderDetails, ShowRefundOrderDetails, UpdatePeriodToOnDemand,
} from '../../../src/bss/operations/commerce/index.js';
import { ListCustomerAccountChangeRecords, ListCustomersBalancesDetail, UpdateCustomerAccountAmount } from '../../../src/bss/operations/partners/index.js';
import type { OrderInstanceV2 } from '../../../src/bss/operations/commerce/index.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

/** The distributor's resale customers with an agency and at least `n` main yearly/monthly resources in use. */
async function withResources(n: number): Promise<{ customer: CustomerRecord; mains: OrderInstanceV2[] }[]> {
  const found: { customer: CustomerRecord; mains: OrderInstanceV2[] }[] = [];
  for (const customer of h.sim.state.world.customers.filter((c) => c.agency !== null && c.indirectPartnerId === null && c.associationType === '2')) {
    const res = await h.client.call(ListPayPerUseCustomerResources, { body: { customer_id: customer.customerId, only_main_resource: 1, status_list: [2], limit: 100 } });
    if ((res.data ?? []).length >= n) found.push({ customer, mains: res.data! });
  }
  return found;
}

const resource = async (customerId: string, resourceId: string) =>
  (await h.client.call(ListPayPerUseCustomerResources, { body: { resource_ids: [resourceId] } }, { customerId })).data![0]!;
const cash = async (customerId: string) =>
  dec((await h.client.call(ListCustomersBalancesDetail, { body: { customer_infos: [{ customer_id: customerId }] } })).customer_balances![0]!.amount);
const ledger = (customerId: string, tradeId: string) =>
  h.client.call(ListCustomerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', trade_id: tradeId }, { customerId });
const addMonth = (iso: string): string => {
  const d = new Date(iso);
  const month = d.getUTCMonth() + 1;
  const next = new Date(Date.UTC(d.getUTCFullYear() + Math.floor(month / 12), month % 12, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return next.toISOString().replace('.000Z', 'Z');
};

let pool: { customer: CustomerRecord; mains: OrderInstanceV2[] }[];
beforeAll(async () => {
  pool = await withResources(1);
  expect(pool.length).toBeGreaterThanOrEqual(3);
});

describe('auto-renewal and conversion to pay-per-use (expire_policy in §3.1)', () => {
  it('AutoRenewalResources, CancelAutoRenewalResources, UpdatePeriodToOnDemand SET_UP / CANCEL', async () => {
    const { customer, mains } = pool[0]!;
    const id = customer.customerId;
    const main = mains.find((m) => m.expire_policy === 0) ?? mains[0]!;
    const rid = main.resource_id!;
    if (main.expire_policy === 3) await h.client.call(CancelAutoRenewalResources, { resource_id: rid }, { customerId: id });
    if (main.expire_policy === 1) await h.client.call(UpdatePeriodToOnDemand, { body: { operation: 'CANCEL', resource_ids: [rid] } }, { customerId: id });

    expect(await h.client.call(AutoRenewalResources, { resource_id: rid, body: { auto_renew_times: 2 } }, { customerId: id })).toEqual({});
    expect((await resource(id, rid)).expire_policy).toBe(3);
    expect(await h.client.call(CancelAutoRenewalResources, { resource_id: rid }, { customerId: id })).toEqual({});
    expect((await resource(id, rid)).expire_policy).toBe(0);
    expect(await h.client.call(UpdatePeriodToOnDemand, { body: { operation: 'SET_UP', resource_ids: [rid] } }, { customerId: id })).toEqual({ error_details: [] });
    expect((await resource(id, rid)).expire_policy).toBe(1);
    // The partner's view is the same resource.
    expect((await h.client.call(ListPayPerUseCustomerResources, { body: { customer_id: id, resource_ids: [rid] } })).data![0]!.expire_policy).toBe(1);
    expect(await h.client.call(UpdatePeriodToOnDemand, { body: { operation: 'CANCEL', resource_ids: [rid] } }, { customerId: id })).toEqual({ error_details: [] });
    expect((await resource(id, rid)).expire_policy).toBe(0);
  });

  it('SetResourcesRenewConfig answers CBC.0000; no read of the reference shows the setting, so the state is checked', async () => {
    const id = pool[0]!.customer.customerId;
    expect(await h.client.call(SetResourcesRenewConfig, { body: { config_name: 'DEDUCTION_DATE', config_value: '5' } }, { customerId: id })).toEqual({ error_code: 'CBC.0000', error_msg: 'success' });
    expect(h.sim.state.commerce.bookFor(pool[0]!.customer).renewConfig.get('DEDUCTION_DATE')).toBe('5');
  });
});

describe('RenewalResources', () => {
  it('without auto-pay: a pending renewal order in both views, the expiry moves only once it is paid, the payment is in the ledger', async () => {
    const { customer, mains } = pool[1]!;
    const id = customer.customerId;
    const rid = mains[0]!.resource_id!;
    const expiry = (await resource(id, rid)).expire_time!;
    await h.client.call(UpdateCustomerAccountAmount, { body: { customer_id: id, amount: '100000.00' } });
    const { order_ids } = await h.client.call(RenewalResources, { body: { resource_ids: [rid], period_type: 2, period_num: 1, is_auto_pay: 0 } }, { customerId: id });
    expect(order_ids).toHaveLength(1);
    const orderId = order_ids![0]!;
    expect((await h.client.call(ListCustomerOrders, { customer_id: id, order_id: orderId })).order_infos![0]).toMatchObject({ order_id: orderId, status: 6, order_type: 2 });
    expect((await resource(id, rid)).expire_time).toBe(expiry);

    const before = await cash(id);
    await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'NO', use_discount: 'NO' } }, { customerId: id });
    const paid = (await h.client.call(ShowCustomerOrderDetails, { order_id: orderId }, { customerId: id })).order_info!;
    expect(paid.status).toBe(5);
    expect((await resource(id, rid)).expire_time).toBe(addMonth(expiry));
    const due = dec(paid.amount_after_discount);
    expect((await cash(id)).toFixed(2)).toBe(before.minus(due).toFixed(2));
    expect((await ledger(id, orderId)).records!.map((r) => [r.trade_detail_type, r.change_amount])).toEqual([['SOURCE_OPERAIION_DEDEUCT', due.toFixed(2)]]);
  });

  it('with auto-pay: the renewal order is completed at once, the expiry moves, the balance and ledger show the debit', async () => {
    const { customer, mains } = pool[2]!;
    const id = customer.customerId;
    const rid = mains[0]!.resource_id!;
    const expiry = (await resource(id, rid)).expire_time!;
    await h.client.call(UpdateCustomerAccountAmount, { body: { customer_id: id, amount: '100000.00' } });
    const before = await cash(id);
    const { order_ids } = await h.client.call(RenewalResources, { body: { resource_ids: [rid], period_type: 2, period_num: 1, is_auto_pay: 1 } }, { customerId: id });
    const orderId = order_ids![0]!;
    const order = (await h.client.call(ListCustomerOrders, { customer_id: id, order_id: orderId })).order_infos![0]!;
    expect(order).toMatchObject({ status: 5, order_type: 2 });
    expect((await resource(id, rid)).expire_time).toBe(addMonth(expiry));
    const due = dec(order.amount_after_discount);
    expect((await cash(id)).toFixed(2)).toBe(before.minus(due).toFixed(2));
    expect((await ledger(id, orderId)).records!.map((r) => [r.trade_detail_type, r.change_amount, r.revenue_expense_type])).toEqual([['SOURCE_OPERAIION_DEDEUCT', due.toFixed(2), 'EXPENSE']]);
  });
});

describe('CancelResourcesSubscription', () => {
  it('an unsubscription order in both views and in §2.7; the resource is closed; the net refund is credited to the balance and the ledger', async () => {
    const { customer, mains } = pool.at(-1)!;
    const id = customer.customerId;
    const rid = mains.at(-1)!.resource_id!;
    const before = await cash(id);
    const { order_ids, fail_resource_infos } = await h.client.call(CancelResourcesSubscription, { body: { resource_ids: [rid], unsubscribe_type: 1 } }, { customerId: id });
    expect(fail_resource_infos).toBeUndefined();
    const orderId = order_ids![0]!;
    expect((await h.client.call(ListCustomerOrders, { customer_id: id, order_id: orderId })).order_infos![0]).toMatchObject({ status: 5, order_type: 4 });
    const refunds = await h.client.call(ShowRefundOrderDetails, { order_id: orderId, customer_id: id });
    expect(refunds.total_count).toBeGreaterThan(0);
    const net = refunds.refund_infos!.reduce((sum, r) => sum.plus(dec(r.amount)), dec(0));
    expect(net.lt(0)).toBe(true);
    const credited = net.negated();
    expect((await cash(id)).toFixed(2)).toBe(before.plus(credited).toFixed(2));
    expect((await ledger(id, orderId)).records!.map((r) => [r.trade_detail_type, r.change_amount, r.revenue_expense_type, r.balance_after_change])).toEqual([
      ['SOURCE_OPERAIION_UNSUBSCRIBE', credited.toFixed(2), 'REVENUE', before.plus(credited).toFixed(2)],
    ]);
    // The resource is no longer in use.
    expect((await resource(id, rid)).status).not.toBe(2);
    expect((await h.client.call(ListPayPerUseCustomerResources, { body: { customer_id: id, resource_ids: [rid], status_list: [2] } })).total_count).toBe(0);
  });
});

/**
 * Order writes (§2.3, §2.4) as every read shows them: the order (§2.1 for the partner, §2.2 for the customer),
 * what it may still use (§2.5, §2.6), the customer's balance (§2.5/§2.6 of the partner reference) and ledger
 * (§2.7) under the order id, the coupon it drew down (§3.5, §3.6), and the resources it provisioned (§3.1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelCustomerOrder, ListCustomerOrders, ListOrderCouponsByOrderId, ListOrderDiscounts, ListPayPerUseCustomerResources, PayOrders,
  ShowCustomerOrderDetails,
} from '../../../src/bss/operations/commerce/index.js';
import {
  ListCustomerAccountChangeRecords, ListCustomerCouponChangeRecords, ListCustomersBalancesDetail, ListSubCustomerCoupons,
} from '../../../src/bss/operations/partners/index.js';
import { BssError } from '../../../src/bss/errors.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

/**
 * Pending (status 6) top-level orders of the distributor's resale customers that granted an agency (their
 * balance is readable by ListCustomersBalancesDetail without a reseller id), found in the world, not asserted on.
 */
function pendingOrders(): { customer: CustomerRecord; orderId: string }[] {
  return h.sim.state.world.customers
    .filter((c) => c.agency !== null && c.indirectPartnerId === null && c.associationType === '2')
    .flatMap((customer) => h.sim.state.commerce.bookFor(customer).orders.filter((o) => o.status === 6 && !o.parentOrderId).map((o) => ({ customer, orderId: o.orderId })));
}

const cash = async (customerId: string) =>
  dec((await h.client.call(ListCustomersBalancesDetail, { body: { customer_infos: [{ customer_id: customerId }] } })).customer_balances![0]!.amount);
const detail = (customerId: string, orderId: string) => h.client.call(ShowCustomerOrderDetails, { order_id: orderId }, { customerId });
const partnerView = async (customerId: string, orderId: string) =>
  (await h.client.call(ListCustomerOrders, { customer_id: customerId, order_id: orderId })).order_infos![0]!;

describe('PayOrders', () => {
  it('in cash: the order is completed in both views, the balance and ledger show the debit under the order id, its resources are provisioned', async () => {
    // An order with a cash balance that covers it.
    const pick = [];
    for (const p of pendingOrders()) {
      const info = (await detail(p.customer.customerId, p.orderId)).order_info!;
      if ((await cash(p.customer.customerId)).gte(dec(info.official_amount))) pick.push(p);
      if (pick.length > 0) break;
    }
    const { customer, orderId } = pick[0]!;
    const id = customer.customerId;
    const before = await cash(id);
    expect((await h.client.call(ListOrderDiscounts, { order_id: orderId }, { customerId: id })).discounts).toBeDefined();

    expect(await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'NO', use_discount: 'NO' } }, { customerId: id })).toEqual({});
    const paid = (await detail(id, orderId)).order_info!;
    expect(paid.status).toBe(5);
    expect(paid.payment_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await partnerView(id, orderId)).status).toBe(5);
    const due = dec(paid.amount_after_discount);
    expect((await cash(id)).toFixed(2)).toBe(before.minus(due).toFixed(2));
    const ledger = await h.client.call(ListCustomerAccountChangeRecords, { balance_type: 'BALANCE_TYPE_DEBIT', trade_id: orderId }, { customerId: id });
    expect(ledger.records!.map((r) => [r.trade_detail_type, r.change_amount, r.revenue_expense_type, r.balance_after_change])).toEqual([
      ['SOURCE_OPERAIION_DEDEUCT', due.toFixed(2), 'EXPENSE', before.minus(due).toFixed(2)],
    ]);
    // A paid order offers nothing more to pay with.
    expect((await h.client.call(ListOrderDiscounts, { order_id: orderId }, { customerId: id })).discounts).toEqual([]);
    expect((await h.client.call(ListOrderCouponsByOrderId, { order_id: orderId }, { customerId: id })).user_coupons).toEqual([]);
    // Its resources exist now (yearly/monthly, status 2 in use).
    const resources = await h.client.call(ListPayPerUseCustomerResources, { body: { order_id: orderId } }, { customerId: id });
    expect(resources.total_count).toBeGreaterThan(0);
    expect(new Set(resources.data!.map((r) => r.status))).toEqual(new Set([2]));
    // Paid once.
    const again = await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'NO', use_discount: 'NO' } }, { customerId: id }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(BssError);
    expect(again).toMatchObject({ code: 'CBC.30000010', httpStatus: 400 });
    expect((await cash(id)).toFixed(2)).toBe(before.minus(due).toFixed(2));
  });

  it('with a coupon: the coupon is drawn down in the customer\'s coupons and coupon ledger under the order id', async () => {
    let chosen: { customer: CustomerRecord; orderId: string; couponId: string; balance: string } | undefined;
    for (const p of pendingOrders()) {
      const offered = await h.client.call(ListOrderCouponsByOrderId, { order_id: p.orderId }, { customerId: p.customer.customerId });
      const coupon = offered.user_coupons?.find((c) => c.coupon_type === 1 || c.coupon_type === 4);
      if (coupon) {
        chosen = { ...p, couponId: coupon.coupon_id!, balance: dec(coupon.balance).toFixed(2) };
        break;
      }
    }
    const { customer, orderId, couponId, balance } = chosen!;
    const id = customer.customerId;
    const type = (await h.client.call(ListOrderCouponsByOrderId, { order_id: orderId }, { customerId: id })).user_coupons!.find((c) => c.coupon_id === couponId)!.coupon_type === 1 ? 301 : 300;
    await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'YES', use_discount: 'NO', coupon_infos: [{ id: couponId, type }] } }, { customerId: id });
    const order = (await detail(id, orderId)).order_info!;
    expect(order.status).toBe(5);
    const used = dec(order.amount_info!.coupon_amount);
    expect(used.gt(0)).toBe(true);
    const held = await h.client.call(ListSubCustomerCoupons, { coupon_id: couponId }, { customerId: id });
    expect(dec(held.user_coupons![0]!.balance).toFixed(2)).toBe(dec(balance).minus(used).toFixed(2));
    const ledger = await h.client.call(ListCustomerCouponChangeRecords, { balance_type: 'BALANCE_TYPE_COUPON', coupon_id: couponId, limit: 1 }, { customerId: id });
    expect(ledger.records!.map((r) => [r.trade_id, r.change_amount, r.revenue_expense_type, r.balance_after_change])).toEqual([
      [orderId, used.toFixed(2), 'EXPENSE', dec(balance).minus(used).toFixed(2)],
    ]);
  });
});

describe('CancelCustomerOrder', () => {
  it('the order is cancelled in both views, offers nothing, and can no longer be paid; the balance is untouched', async () => {
    const { customer, orderId } = pendingOrders().at(-1)!;
    const id = customer.customerId;
    const before = await cash(id);
    expect(await h.client.call(CancelCustomerOrder, { body: { order_id: orderId } }, { customerId: id })).toEqual({});
    expect((await detail(id, orderId)).order_info!.status).toBe(4);
    expect((await partnerView(id, orderId)).status).toBe(4);
    expect((await h.client.call(ListCustomerOrders, { customer_id: id, status: 6 })).order_infos!.map((o) => o.order_id)).not.toContain(orderId);
    expect((await h.client.call(ListOrderDiscounts, { order_id: orderId }, { customerId: id })).discounts).toEqual([]);
    const pay = await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'NO', use_discount: 'NO' } }, { customerId: id }).catch((e: unknown) => e);
    expect(pay).toMatchObject({ code: 'CBC.30000010' });
    expect((await cash(id)).toFixed(2)).toBe(before.toFixed(2));
  });
});

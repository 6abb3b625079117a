/**
 * The reads a payment screen needs before PayOrders (§2.5 ListOrderCouponsByOrderId, §2.6 ListOrderDiscounts)
 * agree with the order itself (§2.2) and with the customer's coupons (§3.5), and what they offer is what the
 * payment then applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListOrderCouponsByOrderId, ListOrderDiscounts, PayOrders, ShowCustomerOrderDetails } from '../../../src/bss/operations/commerce/index.js';
import { ListSubCustomerCoupons, UpdateCustomerAccountAmount } from '../../../src/bss/operations/partners/index.js';
import { dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

function pendingOrders() {
  return h.sim.state.world.customers
    .filter((c) => c.agency !== null && c.indirectPartnerId === null && c.associationType === '2')
    .flatMap((customer) => h.sim.state.commerce.bookFor(customer).orders.filter((o) => o.status === 6 && !o.parentOrderId).map((o) => ({ customer, orderId: o.orderId })));
}

describe('coupons and discounts of a pending order', () => {
  it('every offered discount names this order and its own line items; the partner discount offered is the one PayOrders applies', async () => {
    let checked = 0;
    for (const { customer, orderId } of pendingOrders().slice(0, 8)) {
      const id = customer.customerId;
      const details = await h.client.call(ShowCustomerOrderDetails, { order_id: orderId }, { customerId: id });
      const lineIds = new Set(details.order_line_items!.map((l) => l.order_line_item_id));
      const { discounts } = await h.client.call(ListOrderDiscounts, { order_id: orderId }, { customerId: id });
      for (const d of discounts!) {
        expect(d.orders.map((o) => o.order_id)).toEqual([orderId]);
        for (const item of d.orders[0]!.order_line_items) for (const lineId of item.order_line_item_ids) expect(lineIds.has(lineId)).toBe(true);
      }
      const coupons = await h.client.call(ListOrderCouponsByOrderId, { order_id: orderId }, { customerId: id });
      expect(coupons.count).toBe(coupons.user_coupons!.length);
      // Each offered coupon is one the customer holds, usable (2) or not yet activated (1), and not locked by another order.
      for (const c of coupons.user_coupons!) {
        const held = await h.client.call(ListSubCustomerCoupons, { coupon_id: c.coupon_id! }, { customerId: id });
        expect(held.user_coupons!.map((u) => [u.coupon_id, dec(u.balance).toFixed(2)])).toEqual([[c.coupon_id, dec(c.balance).toFixed(2)]]);
        expect([1, 2]).toContain(c.status);
        if (c.used_by_order_id) expect(c.used_by_order_id).toBe(orderId);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);

    // Pay one order with the partner-granted discount it was offered: the order's discount is that amount.
    for (const { customer, orderId } of pendingOrders()) {
      const id = customer.customerId;
      const { discounts } = await h.client.call(ListOrderDiscounts, { order_id: orderId }, { customerId: id });
      const partner = discounts!.find((d) => d.discount_type === 3);
      if (!partner) continue;
      const offered = partner.orders[0]!.order_line_items.reduce((sum, l) => sum.plus(dec(l.discount_amount ?? 0)), dec(0));
      await h.client.call(UpdateCustomerAccountAmount, { body: { customer_id: id, amount: '100000.00' } });
      await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'NO', use_discount: 'YES', discount_infos: [{ id: partner.discount_id, type: 3 }] } }, { customerId: id });
      const order = (await h.client.call(ShowCustomerOrderDetails, { order_id: orderId }, { customerId: id })).order_info!;
      expect(order.status).toBe(5);
      expect(dec(order.official_amount).minus(dec(order.amount_after_discount)).toFixed(2)).toBe(offered.toFixed(2));
      return;
    }
    throw new Error('no pending order with a partner-granted discount in the test world');
  });
});

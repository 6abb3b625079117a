/**
 * Writes that move money for orders show in the partner's consumption records of the open cycle (§4.2
 * ListSubCustomerBillDetail) under their order ids: a paid order as a purchase (bill type 1 or 2), an
 * unsubscription as a refund (bill type 4, negative).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelResourcesSubscription, ListPayPerUseCustomerResources, PayOrders, ShowCustomerOrderDetails, ShowRefundOrderDetails,
} from '../../../src/bss/operations/commerce/index.js';
import { ListSubCustomerBillDetail } from '../../../src/bss/operations/bills/index.js';
import { UpdateCustomerAccountAmount } from '../../../src/bss/operations/partners/index.js';
import { dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

const CYCLE = '2026-11';
const resale = () => h.sim.state.world.customers.filter((c) => c.agency !== null && c.indirectPartnerId === null && c.associationType === '2');
const records = async (customerId: string, tradeId: string) =>
  (await h.client.call(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: customerId, trade_id: tradeId })).fee_records;

describe('consumption records of the open cycle', () => {
  it('a paid order is a purchase under its order id, for what was paid', async () => {
    const pending = resale().flatMap((customer) => h.sim.state.commerce.bookFor(customer).orders.filter((o) => o.status === 6 && !o.parentOrderId).map((o) => ({ customer, orderId: o.orderId })));
    const { customer, orderId } = pending[0]!;
    const id = customer.customerId;
    expect(await records(id, orderId)).toEqual([]);
    await h.client.call(UpdateCustomerAccountAmount, { body: { customer_id: id, amount: '100000.00' } });
    await h.client.call(PayOrders, { body: { order_id: orderId, use_coupon: 'NO', use_discount: 'NO' } }, { customerId: id });
    const paid = (await h.client.call(ShowCustomerOrderDetails, { order_id: orderId }, { customerId: id })).order_info!;
    const rows = await records(id, orderId);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.bill_detail_type)).size).toBe(1);
    expect([1, 2]).toContain(rows[0]!.bill_detail_type);
    expect(rows.reduce((sum, r) => sum.plus(dec(r.payment_amount)), dec(0)).toFixed(2)).toBe(dec(paid.amount_after_discount).toFixed(2));
  });

  it('an unsubscription is a refund (bill type 4) under its order id, for the net refund', async () => {
    for (const customer of resale()) {
      const id = customer.customerId;
      const mains = await h.client.call(ListPayPerUseCustomerResources, { body: { customer_id: id, only_main_resource: 1, status_list: [2], limit: 10 } });
      const rid = mains.data?.[0]?.resource_id;
      if (!rid) continue;
      const { order_ids } = await h.client.call(CancelResourcesSubscription, { body: { resource_ids: [rid], unsubscribe_type: 1 } }, { customerId: id });
      const orderId = order_ids![0]!;
      const refunds = await h.client.call(ShowRefundOrderDetails, { order_id: orderId, customer_id: id });
      const net = refunds.refund_infos!.reduce((sum, r) => sum.plus(dec(r.amount)), dec(0));
      const rows = await records(id, orderId);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.bill_detail_type)).toEqual(rows.map(() => 4));
      expect(rows.reduce((sum, r) => sum.plus(dec(r.payment_amount)), dec(0)).toFixed(2)).toBe(net.toFixed(2));
      return;
    }
    throw new Error('no customer with a yearly/monthly resource in use');
  });
});

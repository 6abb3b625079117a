/**
 * Coupons issued to customers (§3.2, §3.3) as every read shows them: the partner's issued list (§3.1), the
 * issue/reclaim log (§3.4), the quota they came from (§1.7), the customer's own coupons (§3.5) and its coupon
 * ledger (§3.6), under the coupon id the write returned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePartnerCoupons, ListCustomerCouponChangeRecords, ListIssuedPartnerCoupons, ListPartnerCouponsRecord, ListQuotaCoupons, ListSubCustomerCoupons,
  ReclaimPartnerCoupons,
} from '../../../src/bss/operations/partners/index.js';
import { customersOf, dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

const quotaBalance = async (quotaId: string) => dec((await h.client.call(ListQuotaCoupons, { body: { quota_ids: [quotaId] } })).quotas![0]!.balance);

describe('partner coupons', () => {
  it('CreatePartnerCoupons then ReclaimPartnerCoupons: issued list, log, quota, the customer\'s coupons and coupon ledger', async () => {
    const mine = await h.client.call(ListQuotaCoupons, { body: { quota_status_list: [0], limit: 100 } });
    const quota = [...mine.quotas!].sort((a, b) => dec(b.balance).comparedTo(dec(a.balance)))[0]!;
    const quotaId = quota.quota_id!;
    const before = dec(quota.balance);
    const customer = customersOf(h, null)[0]!;
    const id = customer.customerId;

    const created = await h.client.call(CreatePartnerCoupons, { body: { quota_id: quotaId, customer_ids: [id], face_value: '8.80' } });
    expect(created.error_details ?? []).toEqual([]);
    expect(created.coupon_infos!.map((c) => c.id)).toEqual([id]);
    const couponId = created.coupon_infos![0]!.coupon_id;
    expect((await quotaBalance(quotaId)).toFixed(2)).toBe(before.minus('8.80').toFixed(2));

    const issued = await h.client.call(ListIssuedPartnerCoupons, { coupon_id: couponId });
    expect(issued.total_count).toBe(1);
    expect(issued.user_coupons![0]).toMatchObject({ coupon_id: couponId, customer_id: id, status: 2 });
    expect([dec(issued.user_coupons![0]!.face_value).toFixed(2), dec(issued.user_coupons![0]!.balance).toFixed(2)]).toEqual(['8.80', '8.80']);
    const log = await h.client.call(ListPartnerCouponsRecord, { coupon_ids: [couponId] });
    expect(log.records!.map((r) => [r.operation_type, r.quota_id, r.customer_id, dec(r.operation_amount).toFixed(2), r.result])).toEqual([
      ['1', quotaId, id, '8.80', '0'],
    ]);
    const held = await h.client.call(ListSubCustomerCoupons, { coupon_id: couponId }, { customerId: id });
    expect(held.user_coupons!.map((c) => [c.coupon_id, c.status, dec(c.balance).toFixed(2)])).toEqual([[couponId, 2, '8.80']]);
    const ledger = await h.client.call(ListCustomerCouponChangeRecords, { balance_type: 'BALANCE_TYPE_COUPON', coupon_id: couponId }, { customerId: id });
    expect(ledger.records!.map((r) => [r.trade_detail_type, r.change_amount, r.balance_after_change, r.revenue_expense_type])).toEqual([
      ['SOURCE_OPERAIION_PRIZE', '8.80', '8.80', 'REVENUE'],
    ]);

    expect(await h.client.call(ReclaimPartnerCoupons, { body: { coupon_id: couponId } })).toEqual({});
    expect((await quotaBalance(quotaId)).toFixed(2)).toBe(before.toFixed(2));
    expect((await h.client.call(ListIssuedPartnerCoupons, { coupon_id: couponId })).user_coupons![0]).toMatchObject({ status: 5 });
    const log2 = await h.client.call(ListPartnerCouponsRecord, { coupon_ids: [couponId] });
    expect(log2.records!.map((r) => [r.operation_type, dec(r.operation_amount).toFixed(2)])).toEqual([
      ['2', '8.80'],
      ['1', '8.80'],
    ]);
    const held2 = await h.client.call(ListSubCustomerCoupons, { coupon_id: couponId }, { customerId: id });
    expect(held2.user_coupons!.map((c) => [c.coupon_id, c.status])).toEqual([[couponId, 5]]);
    const ledger2 = await h.client.call(ListCustomerCouponChangeRecords, { balance_type: 'BALANCE_TYPE_COUPON', coupon_id: couponId }, { customerId: id });
    expect(ledger2.records!.map((r) => [r.trade_detail_type, r.change_amount, r.balance_after_change, r.revenue_expense_type])).toEqual([
      ['SOURCE_OPERATION_COUPONCANCEL', '8.80', '0.00', 'EXPENSE'],
      ['SOURCE_OPERAIION_PRIZE', '8.80', '8.80', 'REVENUE'],
    ]);
  });
});

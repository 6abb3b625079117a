/**
 * Reseller coupon quotas (§1.9, §1.10) as every read shows them: the distributor's quota balance (§1.7), the
 * reseller's own quotas (§1.7 with indirect_partner_id), the issued quotas (§1.11) and the records (§1.8),
 * under the quota id the write returned; a reclaimed quota has one status, 6, wherever it is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePartnerCoupons, ListCouponQuotasRecords, ListIssuedCouponQuotas, ListIssuedPartnerCoupons, ListQuotaCoupons, ReclaimCouponQuotas,
  ReclaimPartnerCoupons, UpdateCouponQuotas,
} from '../../../src/bss/operations/partners/index.js';
import { customersOf, dec, startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

async function ownQuota(quotaId: string, indirectPartnerId?: string) {
  const res = await h.client.call(ListQuotaCoupons, { body: { quota_ids: [quotaId], ...(indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {}) } });
  return res.quotas?.[0];
}

describe('reseller coupon quotas', () => {
  it('UpdateCouponQuotas then ReclaimCouponQuotas: parent balance, reseller quota, issued list and records agree', async () => {
    // The distributor's normal voucher quota with the most balance.
    const mine = await h.client.call(ListQuotaCoupons, { body: { quota_status_list: [0], limit: 100 } });
    const parent = mine.quotas!.sort((a, b) => dec(b.balance).comparedTo(dec(a.balance)))[0]!;
    const parentId = parent.quota_id!;
    const parentBefore = dec(parent.balance);
    const [r1, r2] = h.sim.state.world.resellers.map((r) => r.indirectPartnerId);

    const issued = await h.client.call(UpdateCouponQuotas, { body: { quota_id: parentId, indirect_partner_ids: [r1!, r2!], quota_amount: '15.50' } });
    expect(issued.error_details ?? []).toEqual([]);
    expect(issued.simple_quota_infos!.map((q) => q.id)).toEqual([r1, r2]);
    const childId = issued.simple_quota_infos![0]!.quota_id;
    expect(dec((await ownQuota(parentId))!.balance).toFixed(2)).toBe(parentBefore.minus('31.00').toFixed(2));
    // The reseller sees its new quota among its own.
    expect(await ownQuota(childId, r1)).toMatchObject({ quota_id: childId, quota_status: 0 });
    expect(dec((await ownQuota(childId, r1))!.balance).toFixed(2)).toBe('15.50');
    const listed = await h.client.call(ListIssuedCouponQuotas, { quota_id: childId });
    expect(listed.total_count).toBe(1);
    expect(listed.quotas![0]).toMatchObject({ quota_id: childId, quota_status: 0, indirect_partner_id: r1, parent_quota_id: parentId });
    expect(dec(listed.quotas![0]!.balance).toFixed(2)).toBe('15.50');
    const issueRecords = await h.client.call(ListCouponQuotasRecords, { quota_id: childId });
    expect(issueRecords.records!.map((r) => [r.operation_type, r.parent_quota_id, r.indirect_partner_id, dec(r.amount).toFixed(2), r.result])).toEqual([
      ['10', parentId, r1, '15.50', '0'],
    ]);

    const reclaimed = await h.client.call(ReclaimCouponQuotas, { body: { quota_ids: [childId], remark: 'back' } });
    expect(reclaimed.error_details ?? []).toEqual([]);
    expect(reclaimed.simple_quota_infos!.map((q) => [q.quota_id, dec(q.quota_balance).toFixed(2)])).toEqual([[childId, '0.00']]);
    expect(dec((await ownQuota(parentId))!.balance).toFixed(2)).toBe(parentBefore.minus('15.50').toFixed(2));
    // One status for the reclaimed quota, whichever read shows it.
    expect((await ownQuota(childId, r1))!.quota_status).toBe(6);
    expect((await h.client.call(ListIssuedCouponQuotas, { quota_id: childId })).quotas![0]!.quota_status).toBe(6);
    const all = await h.client.call(ListCouponQuotasRecords, { quota_id: childId });
    expect(all.records!.map((r) => [r.operation_type, dec(r.amount).toFixed(2), r.remark ?? ''])).toEqual([
      ['11', '15.50', 'back'],
      ['10', '15.50', ''],
    ]);
    // Reclaimed once: a second reclaim is a per-item CBC.99000012 and changes nothing.
    const again = await h.client.call(ReclaimCouponQuotas, { body: { quota_ids: [childId] } });
    expect(again.error_details!.map((e) => [e.id, e.error_code])).toEqual([[childId, 'CBC.99000012']]);
    expect(dec((await ownQuota(parentId))!.balance).toFixed(2)).toBe(parentBefore.minus('15.50').toFixed(2));
  });

  it('a reseller issuing coupons from its quota: the quota balance drops in both reads of it, and comes back on reclaim', async () => {
    const mine = await h.client.call(ListQuotaCoupons, { body: { quota_status_list: [0], limit: 100 } });
    const parentId = mine.quotas!.sort((a, b) => dec(b.balance).comparedTo(dec(a.balance)))[0]!.quota_id!;
    const reseller = h.sim.state.world.resellers.find((r) => customersOf(h, r.indirectPartnerId).length > 0)!.indirectPartnerId;
    const customer = customersOf(h, reseller)[0]!.customerId;
    const issued = await h.client.call(UpdateCouponQuotas, { body: { quota_id: parentId, indirect_partner_ids: [reseller], quota_amount: '50.00' } });
    const quotaId = issued.simple_quota_infos![0]!.quota_id;
    const balances = async () => [
      dec((await ownQuota(quotaId, reseller))!.balance).toFixed(2),
      dec((await h.client.call(ListIssuedCouponQuotas, { quota_id: quotaId })).quotas![0]!.balance).toFixed(2),
    ];

    const created = await h.client.call(CreatePartnerCoupons, { body: { quota_id: quotaId, customer_ids: [customer], face_value: '12.00', indirect_partner_id: reseller } });
    expect(created.error_details ?? []).toEqual([]);
    const couponId = created.coupon_infos![0]!.coupon_id;
    expect(await balances()).toEqual(['38.00', '38.00']);
    expect((await h.client.call(ListIssuedPartnerCoupons, { coupon_id: couponId, indirect_partner_id: reseller })).user_coupons![0]).toMatchObject({ customer_id: customer, status: 2 });
    await h.client.call(ReclaimPartnerCoupons, { body: { coupon_id: couponId, indirect_partner_id: reseller } });
    expect(await balances()).toEqual(['50.00', '50.00']);
  });
});

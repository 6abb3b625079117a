 
/** §3.1–§3.6: coupons issued by the partner, issue and reclaim, their log, held coupons and the coupon ledger. */
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { CouponBook, type CouponState } from '../../../src/simulator/dataset/partners/coupons.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { asCustomer, call, customers, paramError } from './helpers.js';

type State = ReturnType<typeof testState>;
const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const NOT_SUB = (id: string) => ({ error_code: 'CBC.99000035', error_msg: 'The customer is not a sub-customer of the partner.', id });
const QUOTA_INVALID = { status: 400, body: { error_code: 'CBC.99000012', error_msg: 'The quota does not exist or its status is incorrect.' } };

function issuedBy(s: State, scope: string | null): CouponState[] {
  return s.partners.coupons.issuedCoupons().filter((c) => c.issuer === scope);
}
function listedInIssued(s: State, c: CouponState): boolean {
  return s.world.customer(c.holderId)?.associationType === '2' && c.expireTime > new Date('2024-11-15T04:00:00Z');
}
function currentVoucher(s: State) {
  return s.partners.coupons.quotas().find((q) => q.owner === null && q.quotaType === 0 && CouponBook.quotaStatus(q, TEST_NOW) === 0)!;
}
async function issued(s: State, query: Record<string, string | number | string[]> = {}): Promise<any> {
  const res = await call(s, 'ListIssuedPartnerCoupons', { query: { limit: 100, ...query } });
  expect(res.status).toBe(200);
  return res.body;
}
async function quotaBalance(s: State, id: string, reseller?: string): Promise<string> {
  return (await call(s, 'ListQuotaCoupons', { body: { quota_ids: [id], quota_type: s.partners.coupons.quota(id)!.quotaType, ...(reseller ? { indirect_partner_id: reseller } : {}) } })).body.quotas[0].balance;
}

describe('ListIssuedPartnerCoupons (§3.1)', () => {
  it('lists coupons issued to resale customers, newest first, with exact fields', async () => {
    const s = testState(300);
    const mine = issuedBy(s, null);
    const visible = mine.filter((c) => listedInIssued(s, c));
    expect(mine.length).toBeGreaterThan(visible.length);
    const body = await issued(s);
    expect(body.total_count).toBe(visible.length);
    const newest = [...visible].sort((a, b) => b.createTime.getTime() - a.createTime.getTime())[0]!;
    expect(body.user_coupons[0]).toEqual({
      coupon_id: newest.couponId, status: CouponBook.status(newest, TEST_NOW), customer_id: newest.holderId, coupon_type: newest.couponType, measure_id: 1,
      face_value: newest.faceValue.toFixed(2), effective_time: utc(newest.effectiveTime), expire_time: utc(newest.expireTime), order_id: newest.orderId,
      promotion_plan_id: newest.planId, promotion_plan_name: newest.quotaType === 1 ? '合作伙伴现金券' : '合作伙伴代金券', promotion_plan_desc: '合作伙伴发放的优惠券',
      media_type: 1, fetch_method: 3, use_limits: expect.any(Array), active_time: utc(newest.effectiveTime),
      last_used_time: newest.lastUsedTime ? utc(newest.lastUsedTime) : '', promotion_id: '', create_time: utc(newest.createTime),
      balance: newest.balance.toFixed(2), lock_order_id: '', is_frozen: '0',
    });
    const page = await issued(s, { offset: 3, limit: 4 });
    expect(page.user_coupons).toEqual(body.user_coupons.slice(3, 7));
  });

  it('filters by coupon, customer, order, type, status and time, and scopes to a reseller', async () => {
    const s = testState(300);
    const used = issuedBy(s, null).find((c) => listedInIssued(s, c) && c.orderId)!;
    expect((await issued(s, { coupon_id: used.couponId })).user_coupons.map((c: any) => c.coupon_id)).toEqual([used.couponId]);
    expect((await issued(s, { order_id: used.orderId })).user_coupons.map((c: any) => c.order_id)).toEqual([used.orderId]);
    const held = await issued(s, { customer_id: used.holderId });
    expect(held.user_coupons.every((c: any) => c.customer_id === used.holderId)).toBe(true);
    expect(await issued(s, { customer_id: '' })).toEqual({ total_count: 0, user_coupons: [] });
    expect((await issued(s, { coupon_type: 4 })).user_coupons.every((c: any) => c.coupon_type === 4)).toBe(true);
    const expired = await issued(s, { status: 4 });
    expect(expired.total_count).toBeGreaterThan(0);
    expect(expired.user_coupons.every((c: any) => c.status === 4 && c.expire_time < '2026-11-15T04:00:00Z')).toBe(true);
    const t = utc(used.createTime);
    expect((await issued(s, { create_time_begin: t, create_time_end: t })).user_coupons.map((c: any) => c.coupon_id)).toContain(used.couponId);
    const reseller = s.partners.coupons.issuedCoupons().find((c) => c.issuer !== null && c.issuer !== 'huawei' && listedInIssued(s, c))!.issuer as string;
    const theirs = await issued(s, { indirect_partner_id: reseller });
    expect(theirs.total_count).toBe(issuedBy(s, reseller).filter((c) => listedInIssued(s, c)).length);
    expect((await issued(s, { indirect_partner_id: 'f'.repeat(32) })).total_count).toBe(0);
  });

  it('validates', async () => {
    const s = testState();
    const q = (query: Record<string, string | number>) => call(s, 'ListIssuedPartnerCoupons', { query });
    expect(await q({ coupon_type: 2 })).toEqual(paramError('coupon_type', 'must be one of 1, 4'));
    expect(await q({ status: 6 })).toEqual(paramError('status', 'must be between 1 and 5'));
    expect(await q({ limit: 101 })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect(await q({ expire_time_begin: '2026-13-01T00:00:00Z' })).toEqual(paramError('expire_time_begin', 'must be a UTC time like 2016-03-28T00:00:00Z'));
    expect(await q({ coupon_id: 'c'.repeat(65) })).toEqual(paramError('coupon_id', 'must be at most 64 characters'));
  });
});

describe('CreatePartnerCoupons (§3.2)', () => {
  it('issues one coupon per resale customer; others fail per item; every read sees it', async () => {
    const s = testState();
    const quota = currentVoucher(s);
    const before = await quotaBalance(s, quota.quotaId);
    const target = customers(s, null, '2')[0]!;
    const consultative = customers(s, null, '1')[0]!;
    const foreign = customers(s, s.world.resellers[0]!.indirectPartnerId, '2')[0]!;
    const res = await call(s, 'CreatePartnerCoupons', {
      body: { quota_id: quota.quotaId, customer_ids: [target.customerId, consultative.customerId, foreign.customerId, 'unknown'], face_value: 88.8, memo: 'welcome' },
    });
    expect(res.status).toBe(200);
    expect(res.body.error_details).toEqual([NOT_SUB(consultative.customerId), NOT_SUB(foreign.customerId), NOT_SUB('unknown')]);
    expect(res.body.coupon_infos).toHaveLength(1);
    const { id, coupon_id: couponId } = res.body.coupon_infos[0];
    expect(id).toBe(target.customerId);
    expect(couponId).toMatch(/^CP261115120000[A-Z0-9]{8}$/);
    expect(await quotaBalance(s, quota.quotaId)).toBe(new Money(before).minus('88.80').toFixed(2));
    expect((await issued(s, { coupon_id: couponId })).user_coupons[0]).toMatchObject({
      status: 2, customer_id: target.customerId, coupon_type: 1, face_value: '88.80', balance: '88.80', effective_time: '2026-01-19T04:00:00Z',
      expire_time: '2027-01-19T04:00:00Z', create_time: '2026-11-15T04:00:00Z', promotion_plan_desc: 'welcome',
    });
    const records = await call(s, 'ListPartnerCouponsRecord', { query: { coupon_ids: [couponId] } });
    expect(records.body.records).toEqual([{
      id: expect.stringMatching(/^[0-9a-f]{32}$/), operation_type: '1', quota_id: quota.quotaId, quota_type: 0, coupon_id: couponId, customer_id: target.customerId,
      operation_amount: '88.80', operation_time: '2026-11-15T04:00:00Z', result: '0', remark: 'welcome',
    }]);
    const held = await asCustomer(s, 'ListSubCustomerCoupons', target.customerId, { query: { coupon_id: couponId } });
    expect(held.body.user_coupons[0]).toMatchObject({ coupon_id: couponId, face_value: '88.80', balance: '88.80', source_id: s.world.partner.domainId, status: 2, coupon_version: 2 });
    const ledger = await asCustomer(s, 'ListCustomerCouponChangeRecords', target.customerId, { query: { balance_type: 'BALANCE_TYPE_COUPON', coupon_id: couponId } });
    expect(ledger.body.records).toEqual([{
      coupon_id: couponId, trade_detail_type: 'SOURCE_OPERAIION_PRIZE', trade_time: '2026-11-15T04:00:00Z', trade_id: records.body.records[0].id, change_amount: '88.80',
      balance_after_change: '88.80', revenue_expense_type: 'REVENUE', bill_cycle: '2026-11', account_name: target.accountName, cloud_service_type_name: '', resource_type_name: '',
    }]);
  });

  it('applies restrictions, validity and the quota balance', async () => {
    const s = testState();
    const cash = s.partners.coupons.quotas().find((q) => q.owner === null && q.quotaType === 1)!;
    const target = customers(s, null, '2')[0]!.customerId;
    const issue = (body: Record<string, unknown>) => call(s, 'CreatePartnerCoupons', { body: { quota_id: cash.quotaId, customer_ids: [target], face_value: 10, ...body } });
    const ok = await issue({ cloud_service_types: ['hws.service.type.ec2'], valid_time: '2026-12-01T00:00:00Z', expire_time: '2027-03-01T00:00:00Z', product_ids: ['p-1'] });
    const coupon = (await issued(s, { coupon_id: ok.body.coupon_infos[0].coupon_id })).user_coupons[0];
    expect(coupon).toMatchObject({ status: 1, coupon_type: 4, effective_time: '2026-12-01T00:00:00Z', expire_time: '2027-03-01T00:00:00Z' });
    expect(coupon.use_limits.map((l: any) => [l.limit_key, l.value1])).toEqual([['cloudServiceType', 'hws.service.type.ec2'], ['productId', 'p-1']]);
    expect(await issue({ cloud_service_types: ['hws.service.type.rds'] })).toEqual(paramError('cloud_service_types', "must stay within the quota's restriction"));
    expect(await issue({ cloud_service_types: ['hws.service.type.nope'] })).toEqual({ status: 400, body: { error_code: 'CBC.50000055', error_msg: 'The cloud service type does not exist.' } });
    expect(await issue({ expire_time: '2030-01-01T00:00:00Z' })).toEqual(paramError('expire_time', 'must not be later than the quota expire time'));
    expect(await issue({ valid_time: '2027-01-01T00:00:00Z', expire_time: '2027-01-01T00:00:00Z' })).toEqual(paramError('expire_time', 'must be later than valid_time'));
    expect(await issue({ valid_time: '2020-01-01T00:00:00Z' })).toEqual(paramError('valid_time', 'must not be earlier than the quota effective time'));
    const balance = new Money(await quotaBalance(s, cash.quotaId));
    const two = customers(s, null, '2').slice(0, 2).map((c) => c.customerId);
    const res = await call(s, 'CreatePartnerCoupons', { body: { quota_id: cash.quotaId, customer_ids: two, face_value: balance.toFixed(2) } });
    expect(res.body.coupon_infos.map((c: any) => c.id)).toEqual([two[0]]);
    expect(res.body.error_details).toEqual([{ error_code: 'CBC.99005003', error_msg: 'Insufficient balance.', id: two[1] }]);
    expect(await quotaBalance(s, cash.quotaId)).toBe('0.00');
  });

  it('issues from a reseller quota in the reseller scope only', async () => {
    const s = testState(600);
    const child = s.partners.coupons.quotas().find((q) => q.owner !== null && CouponBook.quotaStatus(q, TEST_NOW) === 0 && customers(s, q.owner, '2').length > 0 && q.balance.gte(5))!;
    const target = customers(s, child.owner, '2')[0]!.customerId;
    const body = { quota_id: child.quotaId, customer_ids: [target], face_value: 5 };
    expect(await call(s, 'CreatePartnerCoupons', { body })).toEqual(QUOTA_INVALID);
    const res = await call(s, 'CreatePartnerCoupons', { body: { ...body, indirect_partner_id: child.owner } });
    expect(res.body.coupon_infos).toHaveLength(1);
    expect((await issued(s, { indirect_partner_id: child.owner!, coupon_id: res.body.coupon_infos[0].coupon_id })).total_count).toBe(1);
  });

  it('validates', async () => {
    const s = testState();
    const quota = currentVoucher(s).quotaId;
    const frozen = s.partners.coupons.quotas().find((q) => q.status === 5)!.quotaId;
    const c = customers(s, null, '2')[0]!.customerId;
    const q = (body: Record<string, unknown>) => call(s, 'CreatePartnerCoupons', { body: { quota_id: quota, customer_ids: [c], face_value: 1, ...body } });
    expect(await q({ customer_ids: [c, c] })).toEqual(paramError('customer_ids', 'must not contain duplicates'));
    expect(await q({ customer_ids: Array.from({ length: 101 }, (_, i) => `c${i}`) })).toEqual(paramError('customer_ids', 'must have at most 100 items'));
    expect(await q({ face_value: 0 })).toEqual(paramError('face_value', 'must be greater than 0'));
    expect(await q({ cloud_service_types: Array.from({ length: 11 }, () => 'hws.service.type.ec2') })).toEqual(paramError('cloud_service_types', 'must have at most 10 items'));
    expect(await q({ quota_id: frozen })).toEqual(QUOTA_INVALID);
    expect(await q({ quota_id: 'missing' })).toEqual(QUOTA_INVALID);
    expect(await q({ indirect_partner_id: 'e'.repeat(32) })).toEqual({ status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' } });
  });
});

describe('ReclaimPartnerCoupons (§3.3)', () => {
  it('answers 204 and returns the remaining value to the quota; later reads show it reclaimed', async () => {
    const s = testState(300);
    const coupon = issuedBy(s, null).find((c) => listedInIssued(s, c) && CouponBook.status(c, TEST_NOW) === 2)!;
    const remaining = coupon.balance.toFixed(2);
    const quotaBefore = await quotaBalance(s, coupon.quotaId!);
    expect(await call(s, 'ReclaimPartnerCoupons', { body: { coupon_id: coupon.couponId } })).toEqual({ status: 204, body: undefined });
    expect((await issued(s, { coupon_id: coupon.couponId })).user_coupons[0]).toMatchObject({ status: 5, balance: '0.00' });
    expect(await quotaBalance(s, coupon.quotaId!)).toBe(new Money(quotaBefore).plus(remaining).toFixed(2));
    const log = await call(s, 'ListPartnerCouponsRecord', { query: { coupon_ids: [coupon.couponId], operation_types: ['2'] } });
    expect(log.body.records).toHaveLength(1);
    expect(log.body.records[0]).toMatchObject({ operation_amount: remaining, operation_time: '2026-11-15T04:00:00Z', customer_id: coupon.holderId });
    const ledger = await asCustomer(s, 'ListCustomerCouponChangeRecords', coupon.holderId, { query: { balance_type: 'BALANCE_TYPE_COUPON', trade_type: 'COUPONCANCEL' } });
    expect(ledger.body.records[0]).toMatchObject({ coupon_id: coupon.couponId, trade_detail_type: 'SOURCE_OPERATION_COUPONCANCEL', change_amount: remaining, balance_after_change: '0.00', revenue_expense_type: 'EXPENSE' });
    expect(await call(s, 'ReclaimPartnerCoupons', { body: { coupon_id: coupon.couponId } })).toEqual({
      status: 200, body: { error_code: 'CBC.99000048', error_msg: 'The coupon has expired or been reclaimed.' },
    });
  });

  it('refuses expired, consultative and foreign coupons', async () => {
    const s = testState(300);
    const expired = issuedBy(s, null).find((c) => listedInIssued(s, c) && CouponBook.status(c, TEST_NOW) === 4)!;
    expect((await call(s, 'ReclaimPartnerCoupons', { body: { coupon_id: expired.couponId } })).body.error_code).toBe('CBC.99000048');
    const consultative = issuedBy(s, null).find((c) => s.world.customer(c.holderId)!.associationType === '1')!;
    expect(await call(s, 'ReclaimPartnerCoupons', { body: { coupon_id: consultative.couponId } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000045', error_msg: 'Coupons issued to consultative-sales sub-customers cannot be reclaimed.' },
    });
    const theirs = s.partners.coupons.issuedCoupons().find((c) => c.issuer !== null)!;
    expect(await call(s, 'ReclaimPartnerCoupons', { body: { coupon_id: theirs.couponId } })).toEqual(paramError('coupon_id', 'is not a coupon issued by the partner'));
    expect(await call(s, 'ReclaimPartnerCoupons', { body: { coupon_id: theirs.couponId, indirect_partner_id: '' } })).toEqual(paramError('indirect_partner_id', 'must not be empty'));
    expect(await call(s, 'ReclaimPartnerCoupons', { body: {} })).toEqual(paramError('coupon_id', 'is required'));
  });
});

describe('ListPartnerCouponsRecord (§3.4)', () => {
  it('batches by coupon id (repeated keys) and applies empty lists and ids as filters', async () => {
    const s = testState(300);
    const all = await call(s, 'ListPartnerCouponsRecord', { query: { limit: 100 } });
    const mine = s.partners.coupons.couponRecords().filter((r) => r.issuer === null);
    expect(all.body.total_count).toBe(mine.length);
    const [a, b] = issuedBy(s, null);
    const two = await call(s, 'ListPartnerCouponsRecord', { query: { coupon_ids: [a!.couponId, b!.couponId], limit: 100 } });
    expect(new Set(two.body.records.map((r: any) => r.coupon_id))).toEqual(new Set([a!.couponId, b!.couponId]));
    expect(two.body.total_count).toBe(mine.filter((r) => r.couponId === a!.couponId || r.couponId === b!.couponId).length);
    const none = { status: 200, body: { total_count: 0, records: [] } };
    expect(await call(s, 'ListPartnerCouponsRecord', { query: { coupon_ids: [''] } })).toEqual(none);
    expect(await call(s, 'ListPartnerCouponsRecord', { query: { operation_types: [''] } })).toEqual(none);
    expect(await call(s, 'ListPartnerCouponsRecord', { query: { quota_id: '' } })).toEqual(none);
    expect(await call(s, 'ListPartnerCouponsRecord', { query: { customer_id: '' } })).toEqual(none);
    expect(await call(s, 'ListPartnerCouponsRecord', { query: { result: '-1' } })).toEqual(none);
    expect((await call(s, 'ListPartnerCouponsRecord', { query: { result: 'x', limit: 100 } })).body.total_count).toBe(mine.length);
    const reclaims = await call(s, 'ListPartnerCouponsRecord', { query: { operation_types: ['2'], limit: 100 } });
    expect(reclaims.body.total_count).toBe(mine.filter((r) => r.operationType === '2').length);
    const cash = await call(s, 'ListPartnerCouponsRecord', { query: { quota_type: 1, limit: 100 } });
    expect(cash.body.records.every((r: any) => r.quota_type === 1)).toBe(true);
    const page = await call(s, 'ListPartnerCouponsRecord', { query: { offset: 2, limit: 3 } });
    expect(page.body.records).toEqual(all.body.records.slice(2, 5));
  });

  it('validates', async () => {
    const s = testState();
    const q = (query: Record<string, string | number | string[]>) => call(s, 'ListPartnerCouponsRecord', { query });
    expect(await q({ coupon_ids: Array.from({ length: 101 }, (_, i) => `c${i}`) })).toEqual(paramError('coupon_ids', 'must have at most 100 items'));
    expect(await q({ operation_types: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] })).toEqual(paramError('operation_types', 'must have at most 8 items'));
    expect(await q({ operation_types: ['10'] })).toEqual(paramError('operation_types', 'must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9'));
    expect(await q({ quota_type: '' })).toEqual(paramError('quota_type', 'must not be empty'));
    expect(await q({ offset: '' })).toEqual(paramError('offset', 'must not be empty'));
    expect(await q({ operation_time_end: '' })).toEqual(paramError('operation_time_end', 'must not be empty'));
    expect(await q({ limit: 101 })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect((await q({ limit: '' })).status).toBe(200);
  });
});

describe('ListSubCustomerCoupons (§3.5)', () => {
  it("lists a customer's coupons (partner and campaign) with float money and the issuer as source", async () => {
    const s = testState(300);
    const holder = issuedBy(s, null).find((c) => CouponBook.status(c, TEST_NOW) === 2 && c.orderId)!;
    const res = await asCustomer(s, 'ListSubCustomerCoupons', holder.holderId, { query: { limit: 100 } });
    const held = s.partners.coupons.heldByCustomer(s.world.customer(holder.holderId)!);
    expect(res.body.count).toBeLessThanOrEqual(held.length);
    const row = res.body.user_coupons.find((c: any) => c.coupon_id === holder.couponId);
    expect(row).toEqual({
      coupon_id: holder.couponId, coupon_code: holder.couponCode, status: 2, customer_id: holder.holderId, coupon_type: holder.couponType, measure_id: 1,
      face_value: holder.faceValue.toFixed(2), valid_time: utc(holder.effectiveTime), expire_time: utc(holder.expireTime), order_id: holder.orderId,
      promotion_plan_id: holder.planId, plan_name: holder.quotaType === 1 ? '合作伙伴现金券' : '合作伙伴代金券', plan_desc: '合作伙伴发放的优惠券', media_type: 1,
      fetch_method: 3, use_limits: expect.any(Array), active_time: utc(holder.effectiveTime), reserve_time: utc(holder.lastUsedTime!), promotion_id: '',
      create_time: utc(holder.createTime), coupon_version: 2, balance: holder.balance.toFixed(2), lock_order_id: '', coupon_usage: '', is_frozen: '0',
      currency: 'CNY', extend_param1: '', source_id: s.world.partner.domainId,
    });
    const fromPartner = await asCustomer(s, 'ListSubCustomerCoupons', holder.holderId, { query: { source_id: s.world.partner.domainId, limit: 100 } });
    expect(fromPartner.body.user_coupons.every((c: any) => c.source_id === s.world.partner.domainId)).toBe(true);
    expect((await asCustomer(s, 'ListSubCustomerCoupons', holder.holderId, { query: { order_id: holder.orderId } })).body.user_coupons.map((c: any) => c.coupon_id)).toEqual([holder.couponId]);
    expect((await asCustomer(s, 'ListSubCustomerCoupons', holder.holderId, { query: { coupon_id: '' } })).body).toEqual({ count: 0, user_coupons: [] });
  });

  it('leaves out coupons expired over a year ago', async () => {
    const s = testState(300);
    const old = s.partners.coupons.issuedCoupons().find((c) => c.expireTime < new Date('2025-11-15T04:00:00Z'))!;
    const res = await asCustomer(s, 'ListSubCustomerCoupons', old.holderId, { query: { limit: 100 } });
    expect(res.body.user_coupons.map((c: any) => c.coupon_id)).not.toContain(old.couponId);
  });

  it("lists the partner's own coupons, and its resellers' unless one is named", async () => {
    const s = testState();
    const own = s.partners.coupons.heldByPartner(null);
    const reseller = s.world.resellers.find((r) => s.partners.coupons.heldByPartner(r.indirectPartnerId).length > 0)!.indirectPartnerId;
    const theirs = s.partners.coupons.heldByPartner(reseller);
    const all = await call(s, 'ListSubCustomerCoupons', { query: { limit: 100 } });
    const ids = all.body.user_coupons.map((c: any) => c.coupon_id);
    for (const c of [...own, ...theirs].filter((x) => x.expireTime > new Date('2025-11-15T04:00:00Z'))) expect(ids).toContain(c.couponId);
    const one = await call(s, 'ListSubCustomerCoupons', { query: { indirect_partner_id: reseller, limit: 100 } });
    expect(one.body.user_coupons.every((c: any) => c.customer_id === reseller)).toBe(true);
    expect((await call(s, 'ListSubCustomerCoupons', { query: { indirect_partner_id: 'f'.repeat(32) } })).body).toEqual({ count: 0, user_coupons: [] });
  });

  it('validates', async () => {
    const s = testState();
    const q = (query: Record<string, string | number>) => call(s, 'ListSubCustomerCoupons', { query });
    expect(await q({ offset: 10 })).toEqual(paramError('limit', 'is required when offset is given'));
    expect(await q({ coupon_type: '' })).toEqual(paramError('coupon_type', 'must not be empty'));
    expect(await q({ coupon_type: 5 })).toEqual(paramError('coupon_type', 'must be between 1 and 4'));
    expect(await q({ active_start_time: '' })).toEqual(paramError('active_start_time', 'must not be empty'));
    expect(await q({ source_id: 's'.repeat(256) })).toEqual(paramError('source_id', 'must be at most 255 characters'));
    expect(await q({ limit: 101 })).toEqual(paramError('limit', 'must be between 1 and 100'));
  });
});

describe('ListCustomerCouponChangeRecords (§3.6)', () => {
  it("chains a coupon's balance through issue and use, agreeing with the coupon", async () => {
    const s = testState(300);
    const coupon = issuedBy(s, null).find((c) => c.orderId && c.createTime > new Date('2026-01-01T00:00:00Z'))!;
    const res = await asCustomer(s, 'ListCustomerCouponChangeRecords', coupon.holderId, { query: { balance_type: 'BALANCE_TYPE_COUPON', coupon_id: coupon.couponId } });
    const rows = res.body.records;
    expect(res.body.currency).toBe('CNY');
    expect(rows.map((r: any) => r.trade_detail_type)).toEqual(['SOURCE_OPERAIION_DEDEUCT', 'SOURCE_OPERAIION_PRIZE']);
    expect(rows[1]).toMatchObject({ change_amount: coupon.faceValue.toFixed(2), balance_after_change: coupon.faceValue.toFixed(2), revenue_expense_type: 'REVENUE' });
    expect(rows[0]).toMatchObject({
      trade_id: coupon.orderId, trade_time: utc(coupon.lastUsedTime!), balance_after_change: coupon.balance.toFixed(2),
      change_amount: coupon.faceValue.minus(coupon.balance).toFixed(2), revenue_expense_type: 'EXPENSE',
    });
    const spent = await asCustomer(s, 'ListCustomerCouponChangeRecords', coupon.holderId, { query: { balance_type: 'BALANCE_TYPE_COUPON', trade_type: 'DEDEUCT', revenue_expense_type: 'EXPENSE' } });
    expect(spent.body.records.every((r: any) => r.trade_detail_type === 'SOURCE_OPERAIION_DEDEUCT')).toBe(true);
    expect(spent.body.records.map((r: any) => r.trade_id)).toContain(coupon.orderId);
  });

  it('validates', async () => {
    const s = testState();
    const id = customers(s, null, '2')[0]!.customerId;
    const q = (query: Record<string, string | number>) => asCustomer(s, 'ListCustomerCouponChangeRecords', id, { query });
    const base = { balance_type: 'BALANCE_TYPE_COUPON' };
    expect(await q({})).toEqual(paramError('balance_type', 'is required'));
    expect(await q({ balance_type: 'BALANCE_TYPE_DEBIT' })).toEqual(paramError('balance_type', 'must be one of BALANCE_TYPE_COUPON'));
    expect(await q({ ...base, revenue_expense_type: '' })).toEqual(paramError('revenue_expense_type', 'must be one of REVENUE, EXPENSE'));
    expect(await q({ ...base, trade_type: '' })).toEqual(paramError('trade_type', 'must be one of ADJUST, DEDEUCT, REFUND, RFROZEN, EXPIRED, COUPONADJUST, COUPONCANCEL'));
    expect(await q({ ...base, trade_time_end: '' })).toEqual(paramError('trade_time_end', 'must not be empty'));
    expect(await q({ ...base, trade_id: 't'.repeat(129) })).toEqual(paramError('trade_id', 'must be at most 128 characters'));
    expect(await q({ ...base, limit: 101 })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect((await q({ ...base, trade_id: '' })).status).toBe(200);
  });
});

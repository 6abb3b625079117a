 
/** §1.7–§1.11: coupon quotas, the distributor → reseller quota tree, its log, issue and reclaim. */
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { CouponBook } from '../../../src/simulator/dataset/partners/coupons.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { call, paramError } from './helpers.js';

type State = ReturnType<typeof testState>;

function distributorQuotas(s: State) {
  return s.partners.coupons.quotas().filter((q) => q.owner === null);
}

function currentVoucher(s: State) {
  return distributorQuotas(s).find((q) => q.quotaType === 0 && CouponBook.quotaStatus(q, TEST_NOW) === 0)!;
}

async function quotaById(s: State, id: string, reseller?: string): Promise<any> {
  const res = await call(s, 'ListQuotaCoupons', { body: { quota_ids: [id], ...(reseller ? { indirect_partner_id: reseller } : {}) } });
  return res.body.quotas[0];
}

describe('ListQuotaCoupons (§1.7)', () => {
  it("lists the distributor's voucher quotas by default, with exact values", async () => {
    const s = testState();
    const res = await call(s, 'ListQuotaCoupons');
    expect(res.status).toBe(200);
    const vouchers = distributorQuotas(s).filter((q) => q.quotaType === 0);
    expect(res.body.total_count).toBe(vouchers.length);
    expect(new Set(res.body.quotas.map((q: any) => q.quota_status))).toEqual(new Set([0, 3, 5]));
    const q = currentVoucher(s);
    expect(res.body.quotas.find((x: any) => x.quota_id === q.quotaId)).toEqual({
      quota_id: q.quotaId, quota_type: 0, create_time: '2026-01-18T04:00:00Z', last_update_time: q.lastUpdateTime.toISOString().replace('.000', ''),
      quota_value: q.value.toFixed(2), quota_status: 0, balance: q.balance.toFixed(2), measure_id: 1, currency: 'CNY',
      effective_time: '2026-01-19T04:00:00Z', expire_time: '2027-01-19T04:00:00Z', limit_infos: [],
    });
    const cash = await call(s, 'ListQuotaCoupons', { body: { quota_type: 1 } });
    expect(cash.body.total_count).toBe(1);
    expect(cash.body.quotas[0].limit_infos).toEqual([
      { limit_key: 'cloudServiceType', limit_values: [{ value1: 'hws.service.type.ec2', value2: '' }, { value1: 'hws.service.type.ebs', value2: '' }] },
    ]);
    expect((await call(s, 'ListQuotaCoupons', { body: { quota_type: '' } })).body).toEqual(res.body);
  });

  it('batches by quota_ids (unknown ids dropped), filters by status and pages', async () => {
    const s = testState();
    const [a, b] = distributorQuotas(s).filter((q) => q.quotaType === 0);
    const res = await call(s, 'ListQuotaCoupons', { body: { quota_ids: [a!.quotaId, 'nope', b!.quotaId] } });
    expect(res.body.total_count).toBe(2);
    expect(res.body.quotas.map((q: any) => q.quota_id).sort()).toEqual([a!.quotaId, b!.quotaId].sort());
    const normal = await call(s, 'ListQuotaCoupons', { body: { quota_status_list: [0] } });
    expect(normal.body.quotas.map((q: any) => q.quota_id)).toEqual([currentVoucher(s).quotaId]);
    const all = await call(s, 'ListQuotaCoupons', { body: {} });
    const second = await call(s, 'ListQuotaCoupons', { body: { offset: 1, limit: 1 } });
    expect(second.body).toEqual({ total_count: all.body.total_count, quotas: all.body.quotas.slice(1, 2) });
  });

  it("reads a reseller's quotas through indirect_partner_id", async () => {
    const s = testState(300);
    const child = s.partners.coupons.quotas().find((q) => q.owner !== null && q.status === 0)!;
    const res = await call(s, 'ListQuotaCoupons', { body: { indirect_partner_id: child.owner } });
    expect(res.body.quotas.map((q: any) => q.quota_id)).toContain(child.quotaId);
    expect(res.body.quotas.every((q: any) => s.partners.coupons.quota(q.quota_id)!.owner === child.owner)).toBe(true);
    expect((await call(s, 'ListQuotaCoupons', { body: { indirect_partner_id: 'f'.repeat(32) } })).body).toEqual({ total_count: 0, quotas: [] });
  });

  it('validates list sizes, enums and times', async () => {
    const s = testState();
    const q = (body: unknown) => call(s, 'ListQuotaCoupons', { body });
    expect(await q({ quota_ids: Array.from({ length: 51 }, (_, i) => `q${i}`) })).toEqual(paramError('quota_ids', 'must have at most 50 items'));
    expect(await q({ quota_status_list: [1] })).toEqual(paramError('quota_status_list[0]', 'must be one of 0, 3, 4, 5'));
    expect(await q({ quota_status_list: [0, 3, 4, 5, 0, 3] })).toEqual(paramError('quota_status_list', 'must have at most 5 items'));
    expect(await q({ quota_type: 2 })).toEqual(paramError('quota_type', 'must be between 0 and 1'));
    expect(await q({ create_time_begin: '' })).toEqual(paramError('create_time_begin', 'must not be empty'));
    expect(await q({ expire_time_end: '2026-11-15' })).toEqual(paramError('expire_time_end', 'must be a UTC time like 2016-03-28T00:00:00Z'));
    expect(await q({ limit: 101 })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect(await q({ quota_ids: 'q1' })).toEqual(paramError('quota_ids', 'must be an array'));
  });
});

describe('ListIssuedCouponQuotas (§1.11) and ListCouponQuotasRecords (§1.8)', () => {
  it('lists reseller quotas with their reseller and parent', async () => {
    const s = testState(600);
    const children = s.partners.coupons.quotas().filter((q) => q.parentQuotaId !== null);
    const res = await call(s, 'ListIssuedCouponQuotas', { query: { limit: 100 } });
    expect(res.body.total_count).toBe(children.length);
    const c = children[0]!;
    const reseller = s.world.reseller(c.owner!)!;
    expect(res.body.quotas.find((q: any) => q.quota_id === c.quotaId)).toMatchObject({
      quota_value: c.value.toFixed(2), balance: c.balance.toFixed(2), quota_status: c.status, indirect_partner_id: reseller.indirectPartnerId,
      indirect_partner_account_name: reseller.accountName, indirect_partner_name: reseller.name, parent_quota_id: c.parentQuotaId,
    });
    expect(new Set(res.body.quotas.map((q: any) => q.quota_status))).toEqual(new Set([0, 6]));
    const one = await call(s, 'ListIssuedCouponQuotas', { query: { indirect_partner_id: c.owner! } });
    expect(one.body.quotas.every((q: any) => q.indirect_partner_id === c.owner)).toBe(true);
    expect((await call(s, 'ListIssuedCouponQuotas', { query: { quota_id: c.quotaId } })).body.total_count).toBe(1);
    expect((await call(s, 'ListIssuedCouponQuotas', { query: { parent_quota_id: c.parentQuotaId!, limit: 100 } })).body.total_count).toBe(children.length);
    // Pattern (b): an empty parent_quota_id filters on an empty parent; none has one.
    expect((await call(s, 'ListIssuedCouponQuotas', { query: { parent_quota_id: '' } })).body).toEqual({ total_count: 0, quotas: [] });
    expect((await call(s, 'ListIssuedCouponQuotas', { query: { quota_id: '', limit: 100 } })).body.total_count).toBe(children.length);
  });

  it('logs every issue and reclaim, with a reseller quota balance that adds up', async () => {
    const s = testState(600);
    const res = await call(s, 'ListCouponQuotasRecords', { query: { limit: 100 } });
    const children = s.partners.coupons.quotas().filter((q) => q.parentQuotaId !== null);
    const reclaimed = children.filter((q) => q.status === 6);
    expect(res.body.total_count).toBe(children.length + reclaimed.length);
    const r = reclaimed[0]!;
    const rows = res.body.records.filter((x: any) => x.quota_id === r.quotaId);
    expect(rows.map((x: any) => x.operation_type)).toEqual(['11', '10']);
    expect(rows[1]).toMatchObject({ amount: r.value.toFixed(2), parent_quota_id: r.parentQuotaId, result: '0', operator: s.world.partner.domainName, indirect_partner_id: r.owner });
    // What the reclaim returned is the value less the coupons issued from it, plus those reclaimed unused.
    const fromIt = s.partners.coupons.issuedCoupons().filter((c) => c.quotaId === r.quotaId);
    const net = fromIt.reduce((sum, c) => (c.reclaimedAt ? sum : sum.plus(c.faceValue)), new Money(0));
    expect(rows[0].amount).toBe(r.value.minus(net).toFixed(2));
    const reclaims = await call(s, 'ListCouponQuotasRecords', { query: { operation_type: '11', limit: 100 } });
    expect(reclaims.body.total_count).toBe(reclaimed.length);
    // A value outside the enum is no filter at all.
    expect((await call(s, 'ListCouponQuotasRecords', { query: { operation_type: '12', limit: 100 } })).body.total_count).toBe(res.body.total_count);
    expect((await call(s, 'ListCouponQuotasRecords', { query: { parent_quota_id: '' } })).body.total_count).toBe(0);
    expect((await call(s, 'ListCouponQuotasRecords', { query: { indirect_partner_id: r.owner!, limit: 100 } })).body.records.every((x: any) => x.indirect_partner_id === r.owner)).toBe(true);
    expect(await call(s, 'ListCouponQuotasRecords', { query: { operation_time_begin: '' } })).toEqual(paramError('operation_time_begin', 'must not be empty'));
    expect(await call(s, 'ListCouponQuotasRecords', { query: { limit: 0 } })).toEqual(paramError('limit', 'must be between 1 and 100'));
  });
});

describe('UpdateCouponQuotas (§1.9) and ReclaimCouponQuotas (§1.10)', () => {
  it('issues a reseller quota per reseller, with per-item failures, seen by every read', async () => {
    const s = testState();
    const parent = currentVoucher(s);
    const before = parent.balance;
    const reseller = s.world.resellers[0]!.indirectPartnerId;
    const res = await call(s, 'UpdateCouponQuotas', { body: { quota_id: parent.quotaId, indirect_partner_ids: [reseller, 'e'.repeat(32)], quota_amount: '100.50' } });
    expect(res.status).toBe(200);
    expect(res.body.error_details).toEqual([{ error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.', id: 'e'.repeat(32) }]);
    expect(res.body.simple_quota_infos).toHaveLength(1);
    const { id, quota_id: childId } = res.body.simple_quota_infos[0];
    expect(id).toBe(reseller);
    expect(childId).toMatch(/^QT\d{12}[A-Z0-9]{6}$/);
    expect((await quotaById(s, parent.quotaId)).balance).toBe(before.minus('100.50').toFixed(2));
    expect(await quotaById(s, childId, reseller)).toMatchObject({ quota_value: '100.50', balance: '100.50', quota_status: 0, effective_time: '2026-11-15T04:00:00Z', expire_time: '2027-01-19T04:00:00Z' });
    const issued = await call(s, 'ListIssuedCouponQuotas', { query: { quota_id: childId } });
    expect(issued.body.quotas[0]).toMatchObject({ parent_quota_id: parent.quotaId, indirect_partner_id: reseller });
    const log = await call(s, 'ListCouponQuotasRecords', { query: { quota_id: childId } });
    expect(log.body.records).toHaveLength(1);
    expect(log.body.records[0]).toMatchObject({ operation_type: '10', amount: '100.50', parent_quota_id: parent.quotaId, operation_time: '2026-11-15T04:00:00Z' });
  });

  it('fails per reseller when the quota runs out, and whole when the quota cannot be issued from', async () => {
    const s = testState(300);
    const parent = currentVoucher(s);
    const [a, b] = s.world.resellers.map((r) => r.indirectPartnerId);
    const half = parent.balance.div(2).toDecimalPlaces(2, Money.ROUND_DOWN).plus('0.01');
    const res = await call(s, 'UpdateCouponQuotas', { body: { quota_id: parent.quotaId, indirect_partner_ids: [a, b], quota_amount: half.toFixed(2) } });
    expect(res.body.simple_quota_infos.map((i: any) => i.id)).toEqual([a]);
    expect(res.body.error_details).toEqual([{ error_code: 'CBC.99005003', error_msg: 'Insufficient balance.', id: b }]);
    const invalid = { status: 400, body: { error_code: 'CBC.99000012', error_msg: 'The quota does not exist or its status is incorrect.' } };
    const expired = distributorQuotas(s).find((q) => CouponBook.quotaStatus(q, TEST_NOW) === 3)!;
    const frozen = distributorQuotas(s).find((q) => q.status === 5)!;
    const cash = distributorQuotas(s).find((q) => q.quotaType === 1)!;
    const child = s.partners.coupons.quotas().find((q) => q.owner !== null)!;
    for (const q of [expired, frozen, cash, child]) {
      expect(await call(s, 'UpdateCouponQuotas', { body: { quota_id: q.quotaId, indirect_partner_ids: [a], quota_amount: 1 } })).toEqual(invalid);
    }
    expect(await call(s, 'UpdateCouponQuotas', { body: { quota_id: 'missing', indirect_partner_ids: [a], quota_amount: 1 } })).toEqual(invalid);
  });

  it('validates the request', async () => {
    const s = testState();
    const id = currentVoucher(s).quotaId;
    const r = s.world.resellers[0]!.indirectPartnerId;
    const q = (body: unknown) => call(s, 'UpdateCouponQuotas', { body });
    expect(await q({ indirect_partner_ids: [r], quota_amount: 1 })).toEqual(paramError('quota_id', 'is required'));
    expect(await q({ quota_id: id, indirect_partner_ids: [], quota_amount: 1 })).toEqual(paramError('indirect_partner_ids', 'must have at least 1 item'));
    expect(await q({ quota_id: id, indirect_partner_ids: Array.from({ length: 101 }, (_, i) => `r${i}`), quota_amount: 1 })).toEqual(
      paramError('indirect_partner_ids', 'must have at most 100 items'),
    );
    expect(await q({ quota_id: id, indirect_partner_ids: [r, r], quota_amount: 1 })).toEqual(paramError('indirect_partner_ids', 'must not contain duplicates'));
    expect(await q({ quota_id: id, indirect_partner_ids: [r], quota_amount: '0.001' })).toEqual(paramError('quota_amount', 'must have at most 2 decimal places'));
  });

  it('reclaims a reseller quota: its balance goes back to the parent; a second reclaim fails per item with 200', async () => {
    const s = testState();
    const parent = currentVoucher(s);
    const reseller = s.world.resellers[1]!.indirectPartnerId;
    const issued = await call(s, 'UpdateCouponQuotas', { body: { quota_id: parent.quotaId, indirect_partner_ids: [reseller], quota_amount: 300 } });
    const childId = issued.body.simple_quota_infos[0].quota_id;
    const parentBefore = (await quotaById(s, parent.quotaId)).balance;
    const res = await call(s, 'ReclaimCouponQuotas', { body: { quota_ids: [childId, 'unknown', parent.quotaId], remark: 'year end' } });
    const failed = (id: string) => ({ error_code: 'CBC.99000012', error_msg: 'The quota does not exist or its status is incorrect.', id });
    expect(res).toEqual({ status: 200, body: { error_details: [failed('unknown'), failed(parent.quotaId)], simple_quota_infos: [{ quota_id: childId, quota_balance: '0.00' }] } });
    expect((await quotaById(s, parent.quotaId)).balance).toBe(new Money(parentBefore).plus(300).toFixed(2));
    expect((await call(s, 'ListIssuedCouponQuotas', { query: { quota_id: childId } })).body.quotas[0]).toMatchObject({ quota_status: 6, balance: '0.00', quota_value: '300.00' });
    expect((await call(s, 'ListCouponQuotasRecords', { query: { quota_id: childId, operation_type: '11' } })).body.records[0]).toMatchObject({ amount: '300.00', remark: 'year end' });
    expect(await call(s, 'ReclaimCouponQuotas', { body: { quota_ids: [childId] } })).toEqual({ status: 200, body: { error_details: [failed(childId)], simple_quota_infos: [] } });
    expect(await call(s, 'ReclaimCouponQuotas', { body: { quota_ids: Array.from({ length: 11 }, (_, i) => `q${i}`) } })).toEqual(paramError('quota_ids', 'must have at most 10 items'));
    expect(await call(s, 'ReclaimCouponQuotas', { body: { quota_ids: [childId], remark: 'r'.repeat(257) } })).toEqual(paramError('remark', 'must be at most 256 characters'));
    expect(await call(s, 'ReclaimCouponQuotas', { body: {} })).toEqual(paramError('quota_ids', 'is required'));
  });
});

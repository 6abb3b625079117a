/**
 * Coupon writes (bss-api-partners.md §3.2 CreatePartnerCoupons, §3.3 ReclaimPartnerCoupons): the one call of each,
 * and what reconciles a lost answer: the issue log (ListPartnerCouponsRecord §3.4) for an issue, the coupon's own
 * status (ListIssuedPartnerCoupons §3.1) for a reclaim. Face values go out as two-decimal strings (§0.3).
 */
import type { Decimal } from 'decimal.js';
import { CreatePartnerCoupons, ReclaimPartnerCoupons } from '../../bss/operations/partners/index.js';
import type { Upstream } from '../list-endpoint.js';
import { couponRecordsList, fetchCoupon, issuedCouponsList, type CouponRecordShape, type CouponShape } from '../coupons.js';
import { scopedKey, wireTime, type Scope } from '../wire.js';
import { toItemFailures, type ItemFailure } from './item-failures.js';
import { fetchEvery } from './walk.js';

export interface CouponIssue {
  readonly quotaId: string;
  readonly customerIds: readonly string[];
  readonly faceValue: Decimal;
  /** The issuer: the partner (null) or the reseller whose quota and customers these are. */
  readonly scope: Scope;
  readonly validFrom?: Date | null;
  readonly expiresAt?: Date | null;
  readonly cloudServiceTypes?: readonly string[] | null;
  readonly productIds?: readonly string[] | null;
  readonly memo?: string | null;
}

export interface IssuedCouponRef {
  readonly customerId: string;
  readonly couponId: string;
}

export interface CouponIssueResult {
  readonly issued: readonly IssuedCouponRef[];
  readonly failed: readonly ItemFailure[];
}

/** §3.2: one call for ≤ 100 customers; Huawei answers per customer (partial success is HTTP 200). */
export async function sendCouponIssue(ctx: Upstream, issue: CouponIssue): Promise<CouponIssueResult> {
  const res = await ctx.bss.call(CreatePartnerCoupons, {
    body: {
      quota_id: issue.quotaId,
      customer_ids: [...issue.customerIds],
      face_value: issue.faceValue.toFixed(2),
      valid_time: wireTime(issue.validFrom),
      expire_time: wireTime(issue.expiresAt),
      cloud_service_types: issue.cloudServiceTypes?.length ? [...issue.cloudServiceTypes] : undefined,
      product_ids: issue.productIds?.length ? [...issue.productIds] : undefined,
      memo: issue.memo ?? undefined,
      indirect_partner_id: issue.scope ?? undefined,
    },
  });
  return {
    issued: (res.coupon_infos ?? []).flatMap((c) => (c.id && c.coupon_id ? [{ customerId: c.id, couponId: c.coupon_id }] : [])),
    failed: toItemFailures(res.error_details),
  };
}

/**
 * Successful issue records (operation type `1`, result `0`) of this quota in [from, to] for these customers with
 * this face value, by customer: one ListPartnerCouponsRecord call per page of 100 (a single customer is filtered
 * upstream too).
 */
export async function findCouponIssues(ctx: Upstream, issue: CouponIssue, window: { readonly from: Date; readonly to: Date }): Promise<Map<string, CouponRecordShape[]>> {
  const records = await fetchEvery(ctx, couponRecordsList(issue.scope, {
    operationTypes: ['1'],
    quotaId: issue.quotaId,
    customerId: issue.customerIds.length === 1 ? issue.customerIds[0] : null,
    operationFrom: window.from,
    operationTo: window.to,
    result: '0',
  }));
  const byCustomer = new Map<string, CouponRecordShape[]>(issue.customerIds.map((id) => [id, []]));
  for (const r of records) {
    if (!r.customerId || !r.couponId || r.amount === null || !r.amount.equals(issue.faceValue)) continue;
    byCustomer.get(r.customerId)?.push(r);
  }
  return byCustomer;
}

/**
 * The coupons an issue created, read once after it (§3.1): one coupon is asked for by id; several by their
 * creation window in the issuer's scope, pages of 100, kept to the ids asked for.
 */
export async function readIssuedCoupons(ctx: Upstream, scope: Scope, couponIds: readonly string[], window: { readonly from: Date; readonly to: Date }): Promise<CouponShape[]> {
  if (couponIds.length === 0) return [];
  if (couponIds.length === 1) {
    const one = await fetchCoupon(ctx, scopedKey(couponIds[0]!, scope));
    return one ? [one] : [];
  }
  const wanted = new Set(couponIds);
  const coupons = await fetchEvery(ctx, issuedCouponsList(scope, { createdFrom: window.from, createdTo: window.to }));
  return coupons.filter((c) => wanted.has(c.couponId));
}

/** §3.3: one coupon back from its holder; 204, nothing to read. */
export async function sendCouponReclaim(ctx: Upstream, couponId: string, scope: Scope): Promise<void> {
  await ctx.bss.call(ReclaimPartnerCoupons, { body: { coupon_id: couponId, indirect_partner_id: scope ?? undefined } });
}

/** §3.1 `status` 5: reclaimed. */
export const COUPON_RECLAIMED = 5;

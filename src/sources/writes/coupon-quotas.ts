/**
 * Coupon quota writes of a distributor towards its resellers (bss-api-partners.md §1.9 UpdateCouponQuotas, §1.10
 * ReclaimCouponQuotas): the one call of each, and the quota log (ListCouponQuotasRecords §1.8) that reconciles a
 * lost answer. Amounts go out as two-decimal strings (§0.3).
 */
import type { Decimal } from 'decimal.js';
import { ReclaimCouponQuotas, UpdateCouponQuotas } from '../../bss/operations/partners/index.js';
import { toDecimalOrNull } from '../../bss/money.js';
import type { Upstream } from '../list-endpoint.js';
import { issuedCouponQuotasList, quotaRecordsList, type CouponQuotaShape, type QuotaRecordShape } from '../coupon-quotas.js';
import { toItemFailures, type ItemFailure } from './item-failures.js';
import { fetchEvery } from './walk.js';

export interface QuotaAllocation {
  /** The distributor's own quota the amounts are carved from. */
  readonly quotaId: string;
  readonly indirectPartnerIds: readonly string[];
  /** Given to each reseller. */
  readonly amount: Decimal;
}

export interface AllocatedQuotaRef {
  readonly indirectPartnerId: string;
  /** The new reseller-side quota. */
  readonly quotaId: string;
}

export interface QuotaAllocationResult {
  readonly allocated: readonly AllocatedQuotaRef[];
  readonly failed: readonly ItemFailure[];
}

/** §1.9: one call for ≤ 100 resellers; Huawei answers per reseller. */
export async function sendQuotaAllocation(ctx: Upstream, a: QuotaAllocation): Promise<QuotaAllocationResult> {
  const res = await ctx.bss.call(UpdateCouponQuotas, {
    body: { quota_id: a.quotaId, indirect_partner_ids: [...a.indirectPartnerIds], quota_amount: a.amount.toFixed(2) },
  });
  return {
    allocated: (res.simple_quota_infos ?? []).flatMap((q) => (q.id && q.quota_id ? [{ indirectPartnerId: q.id, quotaId: q.quota_id }] : [])),
    failed: toItemFailures(res.error_details),
  };
}

export interface QuotaReclaimResult {
  readonly reclaimed: readonly { readonly quotaId: string; readonly balance: Decimal | null }[];
  readonly failed: readonly ItemFailure[];
}

/** §1.10: ≤ 10 reseller-side quotas back to their parents; Huawei answers per quota. */
export async function sendQuotaReclaim(ctx: Upstream, quotaIds: readonly string[], remark: string | null): Promise<QuotaReclaimResult> {
  const res = await ctx.bss.call(ReclaimCouponQuotas, { body: { quota_ids: [...quotaIds], remark: remark ?? undefined } });
  return {
    reclaimed: (res.simple_quota_infos ?? []).flatMap((q) => (q.quota_id ? [{ quotaId: q.quota_id, balance: toDecimalOrNull(q.quota_balance) }] : [])),
    failed: toItemFailures(res.error_details),
  };
}

/** §1.8 operation types. */
export const QUOTA_ISSUE = '10';
export const QUOTA_RECLAIM = '11';

/**
 * Successful quota records of one operation type in [from, to], one ListCouponQuotasRecords call per page of 100:
 * issues carved from `parentQuotaId`, or reclaims (of any quota; the caller keeps its own).
 */
export async function findQuotaRecords(
  ctx: Upstream, f: { readonly operationType: string; readonly parentQuotaId?: string | null; readonly indirectPartnerId?: string | null },
  window: { readonly from: Date; readonly to: Date },
): Promise<QuotaRecordShape[]> {
  const records = await fetchEvery(ctx, quotaRecordsList({
    operationType: f.operationType, parentQuotaId: f.parentQuotaId ?? null, indirectPartnerId: f.indirectPartnerId ?? null,
    operationFrom: window.from, operationTo: window.to,
  }));
  return records.filter((r) => r.result === null || r.result === '0');
}

/** The reseller-side quotas issued from one distributor quota (§1.11 by `parent_quota_id`), pages of 100. */
export function readIssuedQuotas(ctx: Upstream, parentQuotaId: string): Promise<CouponQuotaShape[]> {
  return fetchEvery(ctx, issuedCouponQuotasList({ parentQuotaId }));
}

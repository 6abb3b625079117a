/**
 * Coupon quotas as the upstream reports them (bss-api-partners.md §1.7–§1.11): the partner's quotas, the
 * distributor → reseller quota tree and its issue/reclaim log.
 *
 * Upstream: ListQuotaCoupons §1.7 (≤ 50 `quota_ids`, per `quota_type`), ListIssuedCouponQuotas §1.11,
 * ListCouponQuotasRecords §1.8.
 */
import type { Decimal } from 'decimal.js';
import {
  ListCouponQuotasRecords, ListIssuedCouponQuotas, ListQuotaCoupons,
  type CouponQuotaV2, type IssuedCouponQuota, type QuotaLimitInfo, type QuotaRecord,
} from '../bss/operations/partners/index.js';
import { toDecimalOrNull } from '../bss/money.js';
import { listEndpoint, type Upstream } from './list-endpoint.js';
import { lifeWindowsOnWire, nonEmpty, nonEmptyList, parseScopedKey, parseWireTime, scopedKey, textOrNull, wireTime, type LifeWindows, type Scope } from './wire.js';

// ---------------------------------------------------------------------------------------------------------
// Coupon quotas (§1.7) and quotas issued to resellers (§1.11)

export interface QuotaLimitShape {
  readonly key: string | null;
  readonly values: readonly { readonly value1: string | null; readonly value2: string | null }[];
}

export interface CouponQuotaShape {
  readonly quotaId: string;
  readonly quotaType: number | null;
  readonly status: number | null;
  readonly value: Decimal | null;
  readonly balance: Decimal | null;
  readonly measureId: number | null;
  readonly currency: string | null;
  readonly createTime: Date | null;
  readonly lastUpdateTime: Date | null;
  readonly effectiveTime: Date | null;
  readonly expireTime: Date | null;
  readonly limits: readonly QuotaLimitShape[];
  /** Who issues from it: the partner (null) or a reseller. */
  readonly indirectPartnerId: Scope;
  /** The distributor quota it was carved from; null for a quota Huawei granted. */
  readonly parentQuotaId: string | null;
  /** §1.7 does not say a reseller quota's parent; §1.11 does. */
  readonly parentKnown: boolean;
  readonly indirectPartnerAccountName: string | null;
  readonly indirectPartnerName: string | null;
}

function toLimits(limits: QuotaLimitInfo[] | undefined): QuotaLimitShape[] {
  return (limits ?? []).map((l) => ({
    key: textOrNull(l.limit_key),
    values: (l.limit_values ?? []).map((v) => ({ value1: textOrNull(v.value1), value2: textOrNull(v.value2) })),
  }));
}

/** A §1.7 quota read in `scope`: the partner's own quotas are roots (granted by Huawei). */
export function toCouponQuota(q: CouponQuotaV2, scope: Scope): CouponQuotaShape | null {
  if (!q.quota_id) return null;
  return {
    quotaId: q.quota_id,
    quotaType: q.quota_type ?? null,
    status: q.quota_status ?? null,
    value: toDecimalOrNull(q.quota_value),
    balance: toDecimalOrNull(q.balance),
    measureId: q.measure_id ?? null,
    currency: textOrNull(q.currency),
    createTime: parseWireTime(q.create_time),
    lastUpdateTime: parseWireTime(q.last_update_time),
    effectiveTime: parseWireTime(q.effective_time),
    expireTime: parseWireTime(q.expire_time),
    limits: toLimits(q.limit_infos),
    indirectPartnerId: scope,
    parentQuotaId: null,
    parentKnown: scope === null,
    indirectPartnerAccountName: null,
    indirectPartnerName: null,
  };
}

/** A §1.11 quota: a reseller-side quota with its reseller and parent. */
export function toIssuedCouponQuota(q: IssuedCouponQuota): CouponQuotaShape | null {
  const base = toCouponQuota(q, textOrNull(q.indirect_partner_id));
  if (!base) return null;
  return {
    ...base,
    parentQuotaId: textOrNull(q.parent_quota_id),
    parentKnown: true,
    indirectPartnerAccountName: textOrNull(q.indirect_partner_account_name),
    indirectPartnerName: textOrNull(q.indirect_partner_name),
  };
}

export interface QuotaKey {
  readonly quotaId: string;
  /** §1.7 lists one `quota_type` per call (voucher by default), so a by-id lookup must name it. */
  readonly quotaType: number;
  readonly indirectPartnerId: Scope;
}

/** `type:quotaId` or `type:quotaId@reseller`: the loader key and global id of a quota. */
export function quotaKey(q: { quotaId: string; quotaType: number | null; indirectPartnerId: Scope }): string {
  return `${q.quotaType ?? 0}:${scopedKey(q.quotaId, q.indirectPartnerId)}`;
}

export function parseQuotaKey(key: string): QuotaKey | null {
  const m = /^(\d+):(.+)$/.exec(key);
  if (!m) return null;
  const { id, scope } = parseScopedKey(m[2]!);
  return id ? { quotaId: id, quotaType: Number(m[1]), indirectPartnerId: scope } : null;
}

/** ≤ 50 quotas of one scope and type in one call; `limit` is the number of ids (§5.3). */
export async function fetchQuotas(ctx: Upstream, scope: Scope, quotaType: number, quotaIds: readonly string[]): Promise<CouponQuotaShape[]> {
  const res = await ctx.bss.call(ListQuotaCoupons, {
    body: { quota_ids: [...quotaIds], quota_type: quotaType, indirect_partner_id: scope ?? undefined, offset: 0, limit: quotaIds.length },
  });
  return (res.quotas ?? []).flatMap((q) => toCouponQuota(q, scope) ?? []);
}

/** One reseller-side quota by id (§1.11 filters on a single `quota_id`). */
export async function fetchIssuedQuota(ctx: Upstream, quotaId: string): Promise<CouponQuotaShape | null> {
  const res = await ctx.bss.call(ListIssuedCouponQuotas, { quota_id: quotaId, offset: 0, limit: 1 });
  return (res.quotas ?? []).flatMap((q) => toIssuedCouponQuota(q) ?? []).find((q) => q.quotaId === quotaId) ?? null;
}

export interface CouponQuotaFilters extends LifeWindows {
  readonly quotaType?: number | undefined;
  readonly statuses?: readonly number[] | null;
}

export const couponQuotasList = (scope: Scope, f: CouponQuotaFilters) =>
  listEndpoint({
    op: ListQuotaCoupons,
    request: (offset, limit) => ({
      body: {
        quota_status_list: nonEmptyList(f.statuses),
        quota_type: f.quotaType,
        ...lifeWindowsOnWire(f),
        indirect_partner_id: scope ?? undefined,
        offset,
        limit,
      },
    }),
    page: (res) => ({ items: (res.quotas ?? []).flatMap((q) => toCouponQuota(q, scope) ?? []), total: res.total_count ?? null }),
  });

export interface IssuedQuotaFilters {
  readonly indirectPartnerId?: string | null;
  readonly parentQuotaId?: string | null;
  readonly quotaId?: string | null;
}

export const issuedCouponQuotasList = (f: IssuedQuotaFilters) =>
  listEndpoint({
    op: ListIssuedCouponQuotas,
    request: (offset, limit) => ({
      quota_id: nonEmpty(f.quotaId),
      indirect_partner_id: nonEmpty(f.indirectPartnerId),
      // Never "": an empty parent id is a filter upstream (pattern b) that no issued quota matches.
      parent_quota_id: nonEmpty(f.parentQuotaId),
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.quotas ?? []).flatMap((q) => toIssuedCouponQuota(q) ?? []), total: res.total_count ?? null }),
  });

// ---------------------------------------------------------------------------------------------------------
// Quota issue/reclaim log (§1.8)

export interface QuotaRecordShape {
  readonly recordId: string | null;
  readonly operator: string | null;
  readonly operationType: string | null;
  readonly quotaId: string | null;
  readonly parentQuotaId: string | null;
  readonly amount: Decimal | null;
  readonly operationTime: Date | null;
  readonly result: string | null;
  readonly indirectPartnerId: string | null;
  readonly indirectPartnerAccountName: string | null;
  readonly indirectPartnerName: string | null;
  readonly remark: string | null;
}

function toQuotaRecord(r: QuotaRecord): QuotaRecordShape {
  return {
    recordId: textOrNull(r.id),
    operator: textOrNull(r.operator),
    operationType: textOrNull(r.operation_type),
    quotaId: textOrNull(r.quota_id),
    parentQuotaId: textOrNull(r.parent_quota_id),
    amount: toDecimalOrNull(r.amount),
    operationTime: parseWireTime(r.operation_time),
    result: textOrNull(r.result),
    indirectPartnerId: textOrNull(r.indirect_partner_id),
    indirectPartnerAccountName: textOrNull(r.indirect_partner_account_name),
    indirectPartnerName: textOrNull(r.indirect_partner_name),
    remark: textOrNull(r.remark),
  };
}

export interface QuotaRecordFilters {
  readonly indirectPartnerId?: string | null;
  readonly quotaId?: string | null;
  readonly parentQuotaId?: string | null;
  readonly operationType?: string | undefined;
  readonly operationFrom?: Date | null;
  readonly operationTo?: Date | null;
}

export const quotaRecordsList = (f: QuotaRecordFilters) =>
  listEndpoint({
    op: ListCouponQuotasRecords,
    request: (offset, limit) => ({
      indirect_partner_id: nonEmpty(f.indirectPartnerId),
      quota_id: nonEmpty(f.quotaId),
      parent_quota_id: nonEmpty(f.parentQuotaId),
      operation_type: f.operationType,
      operation_time_begin: wireTime(f.operationFrom),
      operation_time_end: wireTime(f.operationTo),
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.records ?? []).map(toQuotaRecord), total: res.total_count ?? null }),
  });

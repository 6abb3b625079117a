/**
 * Coupons and coupon quotas (bss-api-partners.md §1.7–§1.11, §3): the coupons a partner issued to its
 * resale customers and their issue/reclaim log, the partner's quotas and the distributor → reseller
 * quota tree with its log, and (with a customer token) the coupons a customer holds and its coupon ledger.
 *
 * Upstream: ListIssuedPartnerCoupons §3.1 (one `coupon_id` filter, no id list), ListPartnerCouponsRecord
 * §3.4 (≤ 100 `coupon_ids`, several records per coupon), ListQuotaCoupons §1.7 (≤ 50 `quota_ids`, per
 * `quota_type`), ListIssuedCouponQuotas §1.11, ListCouponQuotasRecords §1.8, ListSubCustomerCoupons §3.5
 * and ListCustomerCouponChangeRecords §3.6 (customer credentials).
 */
import type { Decimal } from 'decimal.js';
import type { BssClient } from '../bss/client.js';
import {
  ListCouponQuotasRecords, ListCustomerCouponChangeRecords, ListIssuedCouponQuotas, ListIssuedPartnerCoupons, ListPartnerCouponsRecord,
  ListQuotaCoupons, ListSubCustomerCoupons,
  type CouponQuotaV2, type CouponRecordV2, type CouponTradeType, type CustomerCouponChangeRecord, type ICouponUseLimitInfoV2,
  type IQueryUserCouponsResultV2, type IQueryUserPartnerCouponsResultV2, type IssuedCouponQuota, type QuotaLimitInfo, type QuotaRecord,
} from '../bss/operations/partners/index.js';
import { toDecimalOrNull } from '../bss/money.js';
import type { GraphQLContext } from '../context.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection } from './connection.js';
import { ledgerWindow, nonEmpty, parseScopedKey, parseWireTime, scopedKey, textOrNull, wireTime, type Scope } from './partner.js';

type Bss = { readonly bss: BssClient };

export interface CouponUseLimitShape {
  readonly limitId: string | null;
  readonly key: string | null;
  readonly value1: string | null;
  readonly value2: string | null;
  readonly valueUnit: string | null;
  readonly limitType: string | null;
  readonly promotionPlanId: string | null;
}

function toUseLimit(l: ICouponUseLimitInfoV2): CouponUseLimitShape {
  return {
    limitId: textOrNull(l.use_limiti_info_id),
    key: textOrNull(l.limit_key),
    value1: textOrNull(l.value1),
    value2: textOrNull(l.value2),
    valueUnit: textOrNull(l.value_unit),
    limitType: textOrNull(l.limit_type),
    promotionPlanId: textOrNull(l.promotion_plan_id),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Issued coupons (§3.1)

export interface CouponShape {
  readonly couponId: string;
  readonly status: number | null;
  readonly customerId: string | null;
  readonly couponType: number | null;
  readonly measureId: number | null;
  readonly faceValue: Decimal | null;
  readonly balance: Decimal | null;
  readonly effectiveTime: Date | null;
  readonly expireTime: Date | null;
  readonly activeTime: Date | null;
  readonly lastUsedTime: Date | null;
  readonly createTime: Date | null;
  readonly orderId: string | null;
  readonly lockOrderId: string | null;
  readonly promotionPlanId: string | null;
  readonly promotionPlanName: string | null;
  readonly promotionPlanDescription: string | null;
  readonly promotionId: string | null;
  readonly mediaType: number | null;
  readonly fetchMethod: number | null;
  readonly useLimits: readonly CouponUseLimitShape[];
  /** `"0"` no, `"1"` frozen. */
  readonly isFrozen: string | null;
  /** The issuer: the partner (null) or the reseller a distributor read it through. */
  readonly indirectPartnerId: Scope;
}

export function toCouponShape(c: IQueryUserPartnerCouponsResultV2, scope: Scope): CouponShape | null {
  if (!c.coupon_id) return null;
  return {
    couponId: c.coupon_id,
    status: c.status ?? null,
    customerId: textOrNull(c.customer_id),
    couponType: c.coupon_type ?? null,
    measureId: c.measure_id ?? null,
    faceValue: toDecimalOrNull(c.face_value),
    balance: toDecimalOrNull(c.balance),
    effectiveTime: parseWireTime(c.effective_time),
    expireTime: parseWireTime(c.expire_time),
    activeTime: parseWireTime(c.active_time),
    lastUsedTime: parseWireTime(c.last_used_time),
    createTime: parseWireTime(c.create_time),
    orderId: textOrNull(c.order_id),
    lockOrderId: textOrNull(c.lock_order_id),
    promotionPlanId: textOrNull(c.promotion_plan_id),
    promotionPlanName: textOrNull(c.promotion_plan_name),
    promotionPlanDescription: textOrNull(c.promotion_plan_desc),
    promotionId: textOrNull(c.promotion_id),
    mediaType: c.media_type ?? null,
    fetchMethod: c.fetch_method ?? null,
    useLimits: (c.use_limits ?? []).map(toUseLimit),
    isFrozen: textOrNull(c.is_frozen),
    indirectPartnerId: scope,
  };
}

export const couponKey = (c: Pick<CouponShape, 'couponId' | 'indirectPartnerId'>): string => scopedKey(c.couponId, c.indirectPartnerId);

/** One issued coupon by `couponKey`: one call (§3.1 filters on a single `coupon_id`). */
export async function fetchCoupon(ctx: Bss, key: string): Promise<CouponShape | null> {
  const { id, scope } = parseScopedKey(key);
  const res = await ctx.bss.call(ListIssuedPartnerCoupons, { coupon_id: id, indirect_partner_id: scope ?? undefined, offset: 0, limit: 1 });
  return (res.user_coupons ?? []).flatMap((c) => toCouponShape(c, scope) ?? []).find((c) => c.couponId === id) ?? null;
}

export interface IssuedCouponFilters {
  readonly customerId?: string | null;
  readonly orderId?: string | null;
  readonly couponId?: string | null;
  readonly couponType?: number | undefined;
  readonly status?: number | undefined;
  readonly createdFrom?: Date | null;
  readonly createdTo?: Date | null;
  readonly effectiveFrom?: Date | null;
  readonly effectiveTo?: Date | null;
  readonly expireFrom?: Date | null;
  readonly expireTo?: Date | null;
}

/** §3.1, one call per page of ≤ 100 (the documented maximum is missing; every sibling allows 100). */
export function issuedCouponsConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: IssuedCouponFilters): Promise<OffsetConnection<CouponShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListIssuedPartnerCoupons, {
        coupon_id: nonEmpty(f.couponId),
        customer_id: nonEmpty(f.customerId),
        order_id: nonEmpty(f.orderId),
        coupon_type: f.couponType,
        status: f.status,
        create_time_begin: wireTime(f.createdFrom),
        create_time_end: wireTime(f.createdTo),
        effective_time_begin: wireTime(f.effectiveFrom),
        effective_time_end: wireTime(f.effectiveTo),
        expire_time_begin: wireTime(f.expireFrom),
        expire_time_end: wireTime(f.expireTo),
        indirect_partner_id: scope ?? undefined,
        offset,
        limit,
      });
      const items = (res.user_coupons ?? []).flatMap((c) => toCouponShape(c, scope) ?? []);
      for (const c of items) ctx.loaders.coupon.prime(couponKey(c), c);
      return { items, total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListIssuedPartnerCoupons.page!.maxLimit },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Coupon issue/reclaim log (§3.4)

export interface CouponRecordShape {
  readonly recordId: string | null;
  readonly operationType: string | null;
  readonly quotaId: string | null;
  readonly quotaType: number | null;
  readonly couponId: string | null;
  readonly customerId: string | null;
  readonly amount: Decimal | null;
  readonly operationTime: Date | null;
  readonly result: string | null;
  readonly remark: string | null;
  readonly indirectPartnerId: Scope;
}

function toCouponRecord(r: CouponRecordV2, scope: Scope): CouponRecordShape {
  return {
    recordId: textOrNull(r.id),
    operationType: textOrNull(r.operation_type),
    quotaId: textOrNull(r.quota_id),
    quotaType: r.quota_type ?? null,
    couponId: textOrNull(r.coupon_id),
    customerId: textOrNull(r.customer_id),
    amount: toDecimalOrNull(r.operation_amount),
    operationTime: parseWireTime(r.operation_time),
    result: textOrNull(r.result),
    remark: textOrNull(r.remark),
    indirectPartnerId: scope,
  };
}

/**
 * Every record of ≤ 100 coupons of one scope: one call per page of 100 until `total_count`, since a
 * coupon can have several records (§5.3). Never called with no ids: an empty list is a filter upstream.
 */
export async function fetchCouponRecords(ctx: Bss, scope: Scope, couponIds: readonly string[]): Promise<CouponRecordShape[]> {
  if (couponIds.length === 0) return [];
  const { items } = await ctx.bss.paginate(ListPartnerCouponsRecord, { coupon_ids: [...couponIds], indirect_partner_id: scope ?? undefined });
  return items.map((r) => toCouponRecord(r, scope));
}

export interface CouponRecordFilters {
  readonly operationTypes?: readonly string[] | undefined;
  readonly quotaId?: string | null;
  readonly quotaType?: number | undefined;
  readonly customerId?: string | null;
  readonly couponIds?: readonly string[] | null;
  readonly operationFrom?: Date | null;
  readonly operationTo?: Date | null;
  readonly result?: string | undefined;
}

export function couponRecordsConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: CouponRecordFilters): Promise<OffsetConnection<CouponRecordShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListPartnerCouponsRecord, {
        // Empty lists are filters upstream (§3.4) that match nothing: an empty argument means "no filter" here.
        operation_types: f.operationTypes && f.operationTypes.length > 0 ? [...f.operationTypes] : undefined,
        quota_id: nonEmpty(f.quotaId),
        quota_type: f.quotaType,
        coupon_ids: f.couponIds && f.couponIds.length > 0 ? [...f.couponIds] : undefined,
        customer_id: nonEmpty(f.customerId),
        operation_time_begin: wireTime(f.operationFrom),
        operation_time_end: wireTime(f.operationTo),
        result: f.result,
        indirect_partner_id: scope ?? undefined,
        offset,
        limit,
      });
      return { items: (res.records ?? []).map((r) => toCouponRecord(r, scope)), total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListPartnerCouponsRecord.page!.maxLimit },
  );
}

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
export async function fetchQuotas(ctx: Bss, scope: Scope, quotaType: number, quotaIds: readonly string[]): Promise<CouponQuotaShape[]> {
  const res = await ctx.bss.call(ListQuotaCoupons, {
    body: { quota_ids: [...quotaIds], quota_type: quotaType, indirect_partner_id: scope ?? undefined, offset: 0, limit: quotaIds.length },
  });
  return (res.quotas ?? []).flatMap((q) => toCouponQuota(q, scope) ?? []);
}

/** One reseller-side quota by id (§1.11 filters on a single `quota_id`). */
export async function fetchIssuedQuota(ctx: Bss, quotaId: string): Promise<CouponQuotaShape | null> {
  const res = await ctx.bss.call(ListIssuedCouponQuotas, { quota_id: quotaId, offset: 0, limit: 1 });
  return (res.quotas ?? []).flatMap((q) => toIssuedCouponQuota(q) ?? []).find((q) => q.quotaId === quotaId) ?? null;
}

export interface CouponQuotaFilters {
  readonly quotaType?: number | undefined;
  readonly statuses?: readonly number[] | null;
  readonly createdFrom?: Date | null;
  readonly createdTo?: Date | null;
  readonly effectiveFrom?: Date | null;
  readonly effectiveTo?: Date | null;
  readonly expireFrom?: Date | null;
  readonly expireTo?: Date | null;
}

export function couponQuotasConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: CouponQuotaFilters): Promise<OffsetConnection<CouponQuotaShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListQuotaCoupons, {
        body: {
          quota_status_list: f.statuses && f.statuses.length > 0 ? [...f.statuses] : undefined,
          quota_type: f.quotaType,
          create_time_begin: wireTime(f.createdFrom),
          create_time_end: wireTime(f.createdTo),
          effective_time_begin: wireTime(f.effectiveFrom),
          effective_time_end: wireTime(f.effectiveTo),
          expire_time_begin: wireTime(f.expireFrom),
          expire_time_end: wireTime(f.expireTo),
          indirect_partner_id: scope ?? undefined,
          offset,
          limit,
        },
      });
      const items = (res.quotas ?? []).flatMap((q) => toCouponQuota(q, scope) ?? []);
      for (const q of items) ctx.loaders.couponQuota.prime(quotaKey(q), q);
      return { items, total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListQuotaCoupons.page!.maxLimit },
  );
}

export interface IssuedQuotaFilters {
  readonly indirectPartnerId?: string | null;
  readonly parentQuotaId?: string | null;
  readonly quotaId?: string | null;
}

export function issuedCouponQuotasConnection(ctx: GraphQLContext, args: ConnectionArgs, f: IssuedQuotaFilters): Promise<OffsetConnection<CouponQuotaShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListIssuedCouponQuotas, {
        quota_id: nonEmpty(f.quotaId),
        indirect_partner_id: nonEmpty(f.indirectPartnerId),
        // Never "": an empty parent id is a filter upstream (pattern b) that no issued quota matches.
        parent_quota_id: nonEmpty(f.parentQuotaId),
        offset,
        limit,
      });
      const items = (res.quotas ?? []).flatMap((q) => toIssuedCouponQuota(q) ?? []);
      for (const q of items) ctx.loaders.issuedCouponQuota.prime(q.quotaId, q);
      return { items, total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListIssuedCouponQuotas.page!.maxLimit },
  );
}

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

export function quotaRecordsConnection(ctx: GraphQLContext, args: ConnectionArgs, f: QuotaRecordFilters): Promise<OffsetConnection<QuotaRecordShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListCouponQuotasRecords, {
        indirect_partner_id: nonEmpty(f.indirectPartnerId),
        quota_id: nonEmpty(f.quotaId),
        parent_quota_id: nonEmpty(f.parentQuotaId),
        operation_type: f.operationType,
        operation_time_begin: wireTime(f.operationFrom),
        operation_time_end: wireTime(f.operationTo),
        offset,
        limit,
      });
      return { items: (res.records ?? []).map(toQuotaRecord), total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListCouponQuotasRecords.page!.maxLimit },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The customer's own coupons (§3.5) and coupon ledger (§3.6), with a customer token

export interface HeldCouponShape {
  readonly couponId: string | null;
  readonly couponCode: string | null;
  readonly status: number | null;
  readonly couponType: number | null;
  readonly faceValue: Decimal | null;
  readonly balance: Decimal | null;
  readonly currency: string | null;
  readonly effectiveTime: Date | null;
  readonly expireTime: Date | null;
  readonly activeTime: Date | null;
  readonly lastUsedTime: Date | null;
  readonly createTime: Date | null;
  readonly orderId: string | null;
  readonly lockOrderId: string | null;
  readonly promotionPlanId: string | null;
  readonly promotionPlanName: string | null;
  readonly promotionPlanDescription: string | null;
  readonly promotionId: string | null;
  readonly mediaType: number | null;
  readonly fetchMethod: number | null;
  readonly useLimits: readonly CouponUseLimitShape[];
  readonly version: number | null;
  readonly usage: string | null;
  readonly isFrozen: string | null;
  readonly sourceId: string | null;
}

/** §3.5 names the §3.1 concepts differently (`valid_time`, `plan_name`, `reserve_time`): mapped here. */
function toHeldCoupon(c: IQueryUserCouponsResultV2): HeldCouponShape {
  return {
    couponId: textOrNull(c.coupon_id),
    couponCode: textOrNull(c.coupon_code),
    status: c.status ?? null,
    couponType: c.coupon_type ?? null,
    // float64 on this endpoint; the lossless client keeps its exact text, so the decimal is exact too.
    faceValue: toDecimalOrNull(c.face_value),
    balance: toDecimalOrNull(c.balance),
    currency: textOrNull(c.currency),
    effectiveTime: parseWireTime(c.valid_time),
    expireTime: parseWireTime(c.expire_time),
    activeTime: parseWireTime(c.active_time),
    lastUsedTime: parseWireTime(c.reserve_time),
    createTime: parseWireTime(c.create_time),
    orderId: textOrNull(c.order_id),
    lockOrderId: textOrNull(c.lock_order_id),
    promotionPlanId: textOrNull(c.promotion_plan_id),
    promotionPlanName: textOrNull(c.plan_name),
    promotionPlanDescription: textOrNull(c.plan_desc),
    promotionId: textOrNull(c.promotion_id),
    mediaType: c.media_type ?? null,
    fetchMethod: c.fetch_method ?? null,
    useLimits: (c.use_limits ?? []).map(toUseLimit),
    version: c.coupon_version ?? null,
    usage: textOrNull(c.coupon_usage),
    isFrozen: textOrNull(c.is_frozen),
    sourceId: textOrNull(c.source_id),
  };
}

export interface HeldCouponFilters {
  readonly couponType?: number | undefined;
  readonly status?: number | undefined;
  readonly orderId?: string | null;
  readonly sourceId?: string | null;
}

/** ListSubCustomerCoupons §3.5 with the customer's token: every coupon it holds, Huawei's campaigns' too. */
export function heldCouponsConnection(ctx: GraphQLContext, customerId: string, args: ConnectionArgs, f: HeldCouponFilters): Promise<OffsetConnection<HeldCouponShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(
        ListSubCustomerCoupons,
        // offset and limit always travel together, as the endpoint requires.
        { coupon_type: f.couponType, status: f.status, order_id: nonEmpty(f.orderId), source_id: nonEmpty(f.sourceId), offset, limit },
        { customerId },
      );
      return { items: (res.user_coupons ?? []).map(toHeldCoupon), total: res.count ?? null };
    },
    { ...ctx.limits, pageMax: ListSubCustomerCoupons.page!.maxLimit },
  );
}

export interface CouponChangeShape {
  readonly couponId: string | null;
  readonly tradeDetailType: string | null;
  readonly tradeTime: Date | null;
  readonly tradeId: string | null;
  readonly changeAmount: Decimal | null;
  readonly balanceAfterChange: Decimal | null;
  readonly revenueExpenseType: string | null;
  readonly billCycle: string | null;
  readonly accountName: string | null;
  readonly serviceTypeName: string | null;
  readonly resourceTypeName: string | null;
  readonly currency: string | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function toCouponChange(r: CustomerCouponChangeRecord, currency: string | null): CouponChangeShape {
  return {
    couponId: textOrNull(r.coupon_id),
    tradeDetailType: textOrNull(r.trade_detail_type),
    tradeTime: parseWireTime(r.trade_time),
    tradeId: textOrNull(r.trade_id),
    changeAmount: toDecimalOrNull(r.change_amount),
    balanceAfterChange: toDecimalOrNull(r.balance_after_change),
    revenueExpenseType: textOrNull(r.revenue_expense_type),
    billCycle: r.bill_cycle && MONTH.test(r.bill_cycle) ? r.bill_cycle : null,
    accountName: textOrNull(r.account_name),
    serviceTypeName: textOrNull(r.cloud_service_type_name),
    resourceTypeName: textOrNull(r.resource_type_name),
    currency,
  };
}

export interface CouponChangeFilters {
  readonly revenueExpenseType?: 'REVENUE' | 'EXPENSE' | undefined;
  readonly tradeType?: CouponTradeType | undefined;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly tradeId?: string | null;
  readonly couponId?: string | null;
}

/** ListCustomerCouponChangeRecords §3.6 with the customer's token, one call per page of ≤ 100. */
export function couponChangesConnection(ctx: GraphQLContext, customerId: string, args: ConnectionArgs, f: CouponChangeFilters): Promise<OffsetConnection<CouponChangeShape>> {
  const window = ledgerWindow(f.from, f.to);
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(
        ListCustomerCouponChangeRecords,
        {
          balance_type: 'BALANCE_TYPE_COUPON',
          revenue_expense_type: f.revenueExpenseType,
          trade_type: f.tradeType,
          ...window,
          trade_id: nonEmpty(f.tradeId),
          coupon_id: nonEmpty(f.couponId),
          offset,
          limit,
        },
        { customerId },
      );
      const currency = textOrNull(res.currency);
      return { items: (res.records ?? []).map((r) => toCouponChange(r, currency)), total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListCustomerCouponChangeRecords.page!.maxLimit },
  );
}

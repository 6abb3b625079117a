/**
 * Coupons as the upstream reports them (bss-api-partners.md §3): the coupons a partner issued to its resale
 * customers and their issue/reclaim log, and (with a customer token) the coupons a customer holds and its
 * coupon ledger.
 *
 * Upstream: ListIssuedPartnerCoupons §3.1 (one `coupon_id` filter, no id list), ListPartnerCouponsRecord
 * §3.4 (≤ 100 `coupon_ids`, several records per coupon), ListSubCustomerCoupons §3.5 and
 * ListCustomerCouponChangeRecords §3.6 (customer credentials).
 */
import type { Decimal } from 'decimal.js';
import {
  ListCustomerCouponChangeRecords, ListIssuedPartnerCoupons, ListPartnerCouponsRecord, ListSubCustomerCoupons,
  type CouponRecordV2, type CouponTradeType, type CustomerCouponChangeRecord, type ICouponUseLimitInfoV2,
  type IQueryUserCouponsResultV2, type IQueryUserPartnerCouponsResultV2,
} from '../bss/operations/partners/index.js';
import { toDecimalOrNull } from '../bss/money.js';
import { fetchListPage, listEndpoint, type Upstream } from './list-endpoint.js';
import type { LedgerWindow } from './partner-funds.js';
import { lifeWindowsOnWire, nonEmpty, nonEmptyList, parseScopedKey, parseWireTime, scopedKey, textOrNull, wireMonth, wireTime, type LifeWindows, type Scope } from './wire.js';

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

/**
 * What §3.1 (`IQueryUserPartnerCouponsResultV2`) and §3.5 (`IQueryUserCouponsResultV2`) say of a coupon under the
 * same wire names. The rest each spells its own way (`effective_time` / `valid_time`, `promotion_plan_name` /
 * `plan_name`, `last_used_time` / `reserve_time`), mapped in its own row.
 */
export interface CommonCouponShape {
  readonly status: number | null;
  readonly couponType: number | null;
  readonly faceValue: Decimal | null;
  readonly balance: Decimal | null;
  readonly expireTime: Date | null;
  readonly activeTime: Date | null;
  readonly createTime: Date | null;
  readonly orderId: string | null;
  readonly lockOrderId: string | null;
  readonly promotionPlanId: string | null;
  readonly promotionId: string | null;
  readonly mediaType: number | null;
  readonly fetchMethod: number | null;
  readonly useLimits: readonly CouponUseLimitShape[];
}

type CommonWireCoupon = Pick<IQueryUserPartnerCouponsResultV2 & IQueryUserCouponsResultV2,
  'status' | 'coupon_type' | 'face_value' | 'balance' | 'expire_time' | 'active_time' | 'create_time' | 'order_id' | 'lock_order_id' |
  'promotion_plan_id' | 'promotion_id' | 'media_type' | 'fetch_method' | 'use_limits' | 'is_frozen'>;

function commonCouponFields(c: Partial<CommonWireCoupon>): CommonCouponShape & { readonly isFrozen: string | null } {
  return {
    status: c.status ?? null,
    couponType: c.coupon_type ?? null,
    // float64 on §3.5; the lossless client keeps its exact text, so the decimal is exact too.
    faceValue: toDecimalOrNull(c.face_value),
    balance: toDecimalOrNull(c.balance),
    expireTime: parseWireTime(c.expire_time),
    activeTime: parseWireTime(c.active_time),
    createTime: parseWireTime(c.create_time),
    orderId: textOrNull(c.order_id),
    lockOrderId: textOrNull(c.lock_order_id),
    promotionPlanId: textOrNull(c.promotion_plan_id),
    promotionId: textOrNull(c.promotion_id),
    mediaType: c.media_type ?? null,
    fetchMethod: c.fetch_method ?? null,
    useLimits: (c.use_limits ?? []).map(toUseLimit),
    isFrozen: textOrNull(c.is_frozen),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Issued coupons (§3.1)

export interface CouponShape extends CommonCouponShape {
  readonly couponId: string;
  readonly customerId: string | null;
  readonly measureId: number | null;
  readonly effectiveTime: Date | null;
  readonly lastUsedTime: Date | null;
  readonly promotionPlanName: string | null;
  readonly promotionPlanDescription: string | null;
  /** `"0"` no, `"1"` frozen. */
  readonly isFrozen: string | null;
  /** The issuer: the partner (null) or the reseller a distributor read it through. */
  readonly indirectPartnerId: Scope;
}

export function toCouponShape(c: IQueryUserPartnerCouponsResultV2, scope: Scope): CouponShape | null {
  if (!c.coupon_id) return null;
  return {
    ...commonCouponFields(c),
    couponId: c.coupon_id,
    customerId: textOrNull(c.customer_id),
    measureId: c.measure_id ?? null,
    effectiveTime: parseWireTime(c.effective_time),
    lastUsedTime: parseWireTime(c.last_used_time),
    promotionPlanName: textOrNull(c.promotion_plan_name),
    promotionPlanDescription: textOrNull(c.promotion_plan_desc),
    indirectPartnerId: scope,
  };
}

export const couponKey = (c: Pick<CouponShape, 'couponId' | 'indirectPartnerId'>): string => scopedKey(c.couponId, c.indirectPartnerId);

/** One issued coupon by `couponKey`: one call (§3.1 filters on a single `coupon_id`). */
export async function fetchCoupon(ctx: Upstream, key: string): Promise<CouponShape | null> {
  const { id, scope } = parseScopedKey(key);
  const res = await ctx.bss.call(ListIssuedPartnerCoupons, { coupon_id: id, indirect_partner_id: scope ?? undefined, offset: 0, limit: 1 });
  return (res.user_coupons ?? []).flatMap((c) => toCouponShape(c, scope) ?? []).find((c) => c.couponId === id) ?? null;
}

export interface IssuedCouponFilters extends LifeWindows {
  readonly customerId?: string | null;
  readonly orderId?: string | null;
  readonly couponId?: string | null;
  readonly couponType?: number | undefined;
  readonly status?: number | undefined;
}

/** §3.1, pages of ≤ 100 (the documented maximum is missing; every sibling allows 100). */
export const issuedCouponsList = (scope: Scope, f: IssuedCouponFilters) =>
  listEndpoint({
    op: ListIssuedPartnerCoupons,
    request: (offset, limit) => ({
      coupon_id: nonEmpty(f.couponId),
      customer_id: nonEmpty(f.customerId),
      order_id: nonEmpty(f.orderId),
      coupon_type: f.couponType,
      status: f.status,
      ...lifeWindowsOnWire(f),
      indirect_partner_id: scope ?? undefined,
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.user_coupons ?? []).flatMap((c) => toCouponShape(c, scope) ?? []), total: res.total_count ?? null }),
  });

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
export async function fetchCouponRecords(ctx: Upstream, scope: Scope, couponIds: readonly string[]): Promise<CouponRecordShape[]> {
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

export const couponRecordsList = (scope: Scope, f: CouponRecordFilters) =>
  listEndpoint({
    op: ListPartnerCouponsRecord,
    request: (offset, limit) => ({
      operation_types: nonEmptyList(f.operationTypes),
      quota_id: nonEmpty(f.quotaId),
      quota_type: f.quotaType,
      coupon_ids: nonEmptyList(f.couponIds),
      customer_id: nonEmpty(f.customerId),
      operation_time_begin: wireTime(f.operationFrom),
      operation_time_end: wireTime(f.operationTo),
      result: f.result,
      indirect_partner_id: scope ?? undefined,
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.records ?? []).map((r) => toCouponRecord(r, scope)), total: res.total_count ?? null }),
  });

// ---------------------------------------------------------------------------------------------------------
// The customer's own coupons (§3.5) and coupon ledger (§3.6), with a customer token

export interface HeldCouponShape extends CommonCouponShape {
  readonly couponId: string | null;
  readonly couponCode: string | null;
  readonly currency: string | null;
  readonly effectiveTime: Date | null;
  readonly lastUsedTime: Date | null;
  readonly promotionPlanName: string | null;
  readonly promotionPlanDescription: string | null;
  readonly version: number | null;
  readonly usage: string | null;
  readonly isFrozen: string | null;
  readonly sourceId: string | null;
  /** The holder, whose token read it (not on the wire: the gateway asked for this customer's coupons). */
  readonly customerId: string;
  /** The holder's reseller; null for the partner's own customer. */
  readonly indirectPartnerId: string | null;
}

/** The customer a held coupon was read for. */
export interface CouponHolder {
  readonly customerId: string;
  readonly indirectPartnerId: string | null;
}

/** §3.5 names the §3.1 concepts differently (`valid_time`, `plan_name`, `reserve_time`): mapped here. */
function toHeldCoupon(c: IQueryUserCouponsResultV2, holder: CouponHolder): HeldCouponShape {
  return {
    ...commonCouponFields(c),
    customerId: holder.customerId,
    indirectPartnerId: holder.indirectPartnerId,
    couponId: textOrNull(c.coupon_id),
    couponCode: textOrNull(c.coupon_code),
    currency: textOrNull(c.currency),
    effectiveTime: parseWireTime(c.valid_time),
    lastUsedTime: parseWireTime(c.reserve_time),
    promotionPlanName: textOrNull(c.plan_name),
    promotionPlanDescription: textOrNull(c.plan_desc),
    version: c.coupon_version ?? null,
    usage: textOrNull(c.coupon_usage),
    sourceId: textOrNull(c.source_id),
  };
}

export interface HeldCouponFilters {
  readonly couponId?: string | null;
  readonly couponType?: number | undefined;
  readonly status?: number | undefined;
  readonly orderId?: string | null;
  readonly sourceId?: string | null;
}

/** ListSubCustomerCoupons §3.5 with the customer's token: every coupon it holds, Huawei's campaigns' too. */
export const heldCouponsList = (holder: CouponHolder, f: HeldCouponFilters) =>
  listEndpoint({
    op: ListSubCustomerCoupons,
    // offset and limit always travel together, as the endpoint requires.
    request: (offset, limit) => ({
      coupon_id: nonEmpty(f.couponId), coupon_type: f.couponType, status: f.status, order_id: nonEmpty(f.orderId), source_id: nonEmpty(f.sourceId), offset, limit,
    }),
    page: (res) => ({ items: (res.user_coupons ?? []).map((c) => toHeldCoupon(c, holder)), total: res.count ?? null }),
    options: { customerId: holder.customerId },
  });

/** A held coupon's key and global id: `customerId[@indirectPartnerId]/couponId` (ids are hex or alphanumeric, never `/`). */
export function encodeHeldCouponKey(c: CouponHolder & { readonly couponId: string | null }): string {
  return `${scopedKey(c.customerId, c.indirectPartnerId)}/${c.couponId ?? ''}`;
}

export function decodeHeldCouponKey(key: string): (CouponHolder & { couponId: string }) | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return null;
  const { id, scope } = parseScopedKey(key.slice(0, slash));
  return id ? { customerId: id, indirectPartnerId: scope, couponId: key.slice(slash + 1) } : null;
}

/** One held coupon by key: ListSubCustomerCoupons with `coupon_id`, through the holder's token (one call). */
export async function fetchHeldCoupon(ctx: Upstream, key: string): Promise<HeldCouponShape | null> {
  const k = decodeHeldCouponKey(key);
  if (!k) return null;
  const page = await fetchListPage(ctx, heldCouponsList(k, { couponId: k.couponId }), 0, 10);
  return page.items.find((c) => c.couponId === k.couponId) ?? null;
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

function toCouponChange(r: CustomerCouponChangeRecord, currency: string | null): CouponChangeShape {
  return {
    couponId: textOrNull(r.coupon_id),
    tradeDetailType: textOrNull(r.trade_detail_type),
    tradeTime: parseWireTime(r.trade_time),
    tradeId: textOrNull(r.trade_id),
    changeAmount: toDecimalOrNull(r.change_amount),
    balanceAfterChange: toDecimalOrNull(r.balance_after_change),
    revenueExpenseType: textOrNull(r.revenue_expense_type),
    billCycle: wireMonth(r.bill_cycle),
    accountName: textOrNull(r.account_name),
    serviceTypeName: textOrNull(r.cloud_service_type_name),
    resourceTypeName: textOrNull(r.resource_type_name),
    currency,
  };
}

export interface CouponChangeFilters {
  readonly revenueExpenseType?: 'REVENUE' | 'EXPENSE' | undefined;
  readonly tradeType?: CouponTradeType | undefined;
  readonly tradeId?: string | null;
  readonly couponId?: string | null;
}


/** ListCustomerCouponChangeRecords §3.6 with the customer's token. */
export const couponChangesList = (customerId: string, f: CouponChangeFilters, window: LedgerWindow) =>
  listEndpoint({
    op: ListCustomerCouponChangeRecords,
    request: (offset, limit) => ({
      balance_type: 'BALANCE_TYPE_COUPON' as const,
      revenue_expense_type: f.revenueExpenseType,
      trade_type: f.tradeType,
      ...window,
      trade_id: nonEmpty(f.tradeId),
      coupon_id: nonEmpty(f.couponId),
      offset,
      limit,
    }),
    page: (res) => {
      const currency = textOrNull(res.currency);
      return { items: (res.records ?? []).map((r) => toCouponChange(r, currency)), total: res.total_count ?? null };
    },
    options: { customerId },
  });

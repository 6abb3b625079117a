/**
 * A customer's consumption records of one cycle, as the partner sees them: ListSubCustomerBillDetail
 * `GET /v2/bills/subcustomer-bills/res-fee-records` (bss-api-commerce.md §4.2; partner credentials only;
 * referral and resale customers alike; pages of up to 1000): the query, its request, wire → shape, one page,
 * the whole walk (through the bill cache for closed cycles), and the keys the request's loaders use.
 *
 * Amounts are exact decimals (decimal.js) of the 8-decimal record amounts, never floats and never rounded;
 * Huawei warns they need not equal the 2-decimal monthly sums (§0.6). Wire records become camelCase shapes
 * here and nowhere else.
 */
import type { Decimal } from 'decimal.js';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import {
  ListSubCustomerBillDetail,
  type ListSubCustomerBillDetailRequest, type SubCustomerMonthlyBillDetail,
} from '../bss/operations/bills/index.js';
import type { BillCache, BillCacheKey } from '../caches/bill-cache.js';
import type { Language } from '../language.js';
import type { Page, Upstream } from './list-endpoint.js';
import { nonEmpty, parseWireTime, textOrNull, type Scope } from './wire.js';

/** The bill cache and the credential scope it is keyed by are optional: without them every walk goes upstream. */
export interface ConsumptionContext extends Upstream {
  readonly language: Language;
  readonly billCache?: BillCache | undefined;
  readonly partnerDomainId?: string | undefined;
}

/** The largest page 4.2 takes (unverified upstream, §8; the simulator enforces it). */
export const CONSUMPTION_PAGE_MAX = ListSubCustomerBillDetail.page!.maxLimit;

// ---------------------------------------------------------------------------------------------------------
// Query

/** One customer's records of one cycle, with the 4.2 filters a client may add. */
export interface ConsumptionQuery {
  readonly customerId: string;
  /** The reseller the customer belongs to: a distributor sees its resellers' customers' records only with it. */
  readonly indirectPartnerId: string | null;
  readonly cycle: string;
  readonly serviceTypeCode?: string | null;
  readonly regionCode?: string | null;
  /** E1, an int on 4.2. */
  readonly chargeMode?: number | null;
  /** E2. */
  readonly billType?: number | null;
  readonly resourceId?: string | null;
  readonly resourceName?: string | null;
  readonly tradeId?: string | null;
  /** `YYYY-MM-DD`, both or neither, inside the cycle. */
  readonly billDateBegin?: string | null;
  readonly billDateEnd?: string | null;
}

const QUERY_FIELDS = [
  'customerId', 'indirectPartnerId', 'cycle', 'serviceTypeCode', 'regionCode', 'chargeMode', 'billType', 'resourceId',
  'resourceName', 'tradeId', 'billDateBegin', 'billDateEnd',
] as const satisfies readonly (keyof ConsumptionQuery)[];

/** A canonical text of a query: equal queries give equal keys, whatever order their fields were set in. */
export function consumptionQueryKey(q: ConsumptionQuery): string {
  return JSON.stringify(QUERY_FIELDS.map((f) => q[f] ?? null));
}

export function decodeConsumptionQueryKey(text: string): ConsumptionQuery {
  const values = JSON.parse(text) as (string | number | null)[];
  return Object.fromEntries(QUERY_FIELDS.map((f, i) => [f, values[i] ?? null])) as unknown as ConsumptionQuery;
}

function consumptionRequest(q: ConsumptionQuery, offset: number, limit: number): ListSubCustomerBillDetailRequest {
  // Unset filters are omitted, never sent empty (§0.4: an empty service/region code is CBC.0100 here).
  const req: ListSubCustomerBillDetailRequest = { bill_cycle: q.cycle, customer_id: q.customerId, offset, limit };
  const optional: Partial<ListSubCustomerBillDetailRequest> = {
    service_type_code: nonEmpty(q.serviceTypeCode),
    region_code: nonEmpty(q.regionCode),
    charging_mode: q.chargeMode ?? undefined,
    bill_detail_type: q.billType ?? undefined,
    resource_id: nonEmpty(q.resourceId),
    resource_name: nonEmpty(q.resourceName),
    trade_id: nonEmpty(q.tradeId),
    indirect_partner_id: nonEmpty(q.indirectPartnerId),
    bill_date_begin: nonEmpty(q.billDateBegin),
    bill_date_end: nonEmpty(q.billDateEnd),
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) (req as unknown as Record<string, unknown>)[name] = value;
  return req;
}

// ---------------------------------------------------------------------------------------------------------
// Records

export interface ConsumptionRecordShape {
  /** The record's unique id (`id`). */
  readonly id: string;
  readonly cycle: string;
  readonly customerId: string;
  /** The scope the record was read in (part of its key: a refetch must ask the same way). */
  readonly indirectPartnerId: string | null;
  /** `"1"` referral, `"2"` resale. */
  readonly associationType: string | null;
  readonly serviceTypeCode: string;
  readonly serviceTypeName: string | null;
  readonly resourceTypeCode: string;
  readonly resourceTypeName: string | null;
  /** E1, an int on 4.2. */
  readonly chargeModeCode: number | null;
  /** E2. */
  readonly billTypeCode: number | null;
  readonly tradeId: string | null;
  readonly tradeTime: Date | null;
  readonly consumeTime: Date | null;
  readonly resourceId: string | null;
  readonly resourceName: string | null;
  readonly resourceTag: string | null;
  readonly productSpecDescription: string | null;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  readonly productId: string | null;
  readonly productName: string | null;
  readonly usageTypeCode: string | null;
  readonly usageAmount: Decimal | null;
  readonly usageMeasureId: number | null;
  readonly freeResourceUsage: Decimal | null;
  readonly freeResourceMeasureId: number | null;
  readonly reservedInstanceUsage: Decimal | null;
  readonly reservedInstanceMeasureId: number | null;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly paymentAmount: Decimal;
  readonly cashAmount: Decimal | null;
  readonly creditAmount: Decimal | null;
  readonly couponAmount: Decimal | null;
  readonly flexiPurchaseCouponAmount: Decimal | null;
  readonly storedValueCardAmount: Decimal | null;
  readonly debtAmount: Decimal | null;
  readonly writeoffAmount: Decimal | null;
  /** E5. */
  readonly periodTypeCode: number | null;
  readonly periodNum: Decimal | null;
  readonly accountManagerId: string | null;
  /** The reseller the customer was associated with (`partner_id`). */
  readonly partnerId: string | null;
  readonly subServiceTypeCode: string | null;
  readonly subServiceTypeName: string | null;
  readonly subResourceTypeCode: string | null;
  readonly subResourceTypeName: string | null;
  readonly subResourceId: string | null;
  readonly subResourceName: string | null;
}

export function toConsumptionRecord(r: SubCustomerMonthlyBillDetail, q: Pick<ConsumptionQuery, 'cycle' | 'customerId' | 'indirectPartnerId'>): ConsumptionRecordShape {
  return {
    id: r.id,
    cycle: r.bill_cycle || q.cycle,
    customerId: r.customer_id || q.customerId,
    indirectPartnerId: q.indirectPartnerId || null,
    associationType: textOrNull(r.association_type),
    serviceTypeCode: r.service_type_code,
    serviceTypeName: textOrNull(r.service_type_name),
    resourceTypeCode: r.resource_type_code,
    resourceTypeName: textOrNull(r.resource_type_name),
    chargeModeCode: r.charging_mode ?? null,
    billTypeCode: r.bill_detail_type ?? null,
    tradeId: textOrNull(r.trade_id),
    tradeTime: parseWireTime(r.trade_time),
    consumeTime: parseWireTime(r.consume_time),
    resourceId: textOrNull(r.resource_id),
    resourceName: textOrNull(r.resource_name),
    resourceTag: textOrNull(r.resource_tag),
    productSpecDescription: textOrNull(r.product_spec_desc),
    regionCode: textOrNull(r.region_code),
    regionName: textOrNull(r.region_name),
    productId: textOrNull(r.product_id),
    productName: textOrNull(r.product_name),
    usageTypeCode: textOrNull(r.usage_type),
    usageAmount: toDecimalOrNull(r.usage_amount),
    usageMeasureId: r.usage_measure_id ?? null,
    freeResourceUsage: toDecimalOrNull(r.free_resource_usage),
    freeResourceMeasureId: r.free_resource_measure_id ?? null,
    reservedInstanceUsage: toDecimalOrNull(r.ri_usage),
    reservedInstanceMeasureId: r.ri_usage_measure_id ?? null,
    officialAmount: toDecimal(r.official_amount),
    discountAmount: toDecimal(r.official_discount_amount),
    paymentAmount: toDecimal(r.payment_amount),
    cashAmount: toDecimalOrNull(r.cash_amount),
    creditAmount: toDecimalOrNull(r.credit_amount),
    couponAmount: toDecimalOrNull(r.coupon_amount),
    flexiPurchaseCouponAmount: toDecimalOrNull(r.flexipurchase_coupon_amount),
    storedValueCardAmount: toDecimalOrNull(r.stored_value_card_amount),
    debtAmount: toDecimalOrNull(r.debt_amount),
    writeoffAmount: toDecimalOrNull(r.writeoff_amount),
    periodTypeCode: r.period_type ?? null,
    periodNum: toDecimalOrNull(r.period_num),
    accountManagerId: textOrNull(r.account_manager_id),
    partnerId: textOrNull(r.partner_id),
    subServiceTypeCode: textOrNull(r.sub_service_type_code),
    subServiceTypeName: textOrNull(r.sub_service_type_name),
    subResourceTypeCode: textOrNull(r.sub_resource_type_code),
    subResourceTypeName: textOrNull(r.sub_resource_type_name),
    subResourceId: textOrNull(r.sub_resource_id),
    subResourceName: textOrNull(r.sub_resource_name),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Fetching

/** One page (limit ≤ 1000): one upstream call. Names come in the request's language (X-Language). */
export async function fetchConsumptionPage(ctx: ConsumptionContext, q: ConsumptionQuery, offset: number, limit: number): Promise<Page<ConsumptionRecordShape>> {
  const res = await ctx.bss.call(ListSubCustomerBillDetail, consumptionRequest(q, offset, limit), { language: ctx.language });
  return { items: (res.fee_records ?? []).map((r) => toConsumptionRecord(r, q)), total: res.total_count ?? null };
}

/** The bill cache's key of a whole query (credential scope, language, canonical query; the cycle sets its lifetime). */
function cacheKey(ctx: ConsumptionContext, q: ConsumptionQuery): BillCacheKey {
  return {
    scope: ctx.partnerDomainId ?? '', language: ctx.language, kind: 'records', query: consumptionQueryKey(q), cycle: q.cycle,
    // Whose records: what a reseller's gated view checks before reading the shared entry (src/caches/bill-cache.ts).
    owner: { customerId: q.customerId, indirectPartnerId: q.indirectPartnerId ?? null },
  };
}

async function walkAll(ctx: ConsumptionContext, q: ConsumptionQuery, signal?: AbortSignal): Promise<ConsumptionRecordShape[]> {
  const { items } = await ctx.bss.paginate(ListSubCustomerBillDetail, consumptionRequest(q, 0, CONSUMPTION_PAGE_MAX), {
    language: ctx.language,
    pageSize: CONSUMPTION_PAGE_MAX,
    signal,
  });
  return items.map((r) => toConsumptionRecord(r, q));
}

/**
 * Every record of the query: ceil(N / 1000) calls (one when N = 0), the pages after the first concurrently;
 * none when the bill cache holds the query (closed cycles: long; the open cycle: briefly or never).
 */
export async function fetchAllConsumption(ctx: ConsumptionContext, q: ConsumptionQuery): Promise<readonly ConsumptionRecordShape[]> {
  if (!ctx.billCache) return walkAll(ctx, q);
  return ctx.billCache.load(cacheKey(ctx, q), () => walkAll(ctx, q));
}

/**
 * Every record of the query, one upstream page (≤ 1000) at a time, as each arrives: the streaming walk
 * behind whole-month pulls (src/resolvers/consumption-pull.ts). With a bill cache, a cached query comes from it
 * in chunks of ≤ 1000 (no call), and an uncached one is gathered as it streams and stored when complete.
 */
export async function* consumptionPages(ctx: ConsumptionContext, q: ConsumptionQuery, signal?: AbortSignal): AsyncGenerator<readonly ConsumptionRecordShape[]> {
  const key = ctx.billCache ? cacheKey(ctx, q) : null;
  const cached = key ? ctx.billCache!.peek<ConsumptionRecordShape>(key) : undefined;
  if (key) ctx.billCache!.options.onLookup?.(cached !== undefined);
  if (cached) {
    if (cached.length === 0) yield cached;
    for (let at = 0; at < cached.length; at += CONSUMPTION_PAGE_MAX) yield cached.slice(at, at + CONSUMPTION_PAGE_MAX);
    return;
  }
  const gathered: ConsumptionRecordShape[] | null = key && ctx.billCache!.ttlFor(q.cycle) > 0 ? [] : null;
  const pages = ctx.bss.pages(ListSubCustomerBillDetail, consumptionRequest(q, 0, CONSUMPTION_PAGE_MAX), {
    language: ctx.language,
    pageSize: CONSUMPTION_PAGE_MAX,
    signal,
  });
  for await (const page of pages) {
    const records = page.items.map((r) => toConsumptionRecord(r, q));
    if (gathered) for (const r of records) gathered.push(r);
    yield records;
  }
  if (key && gathered) ctx.billCache!.store(key, gathered);
}

/** The loader key of a partner-wide pull. */
export function consumptionPullKey(scope: 'all' | Scope, cycles: readonly string[]): string {
  return JSON.stringify({ scope, cycles });
}

export function decodeConsumptionPullKey(key: string): { scope: 'all' | Scope; cycles: string[] } {
  return JSON.parse(key) as { scope: 'all' | Scope; cycles: string[] };
}

// ---------------------------------------------------------------------------------------------------------
// Loader keys

/** `{ q, w }`: the query's canonical key and a window [offset, limit], or null for every record. */
export function consumptionAllKey(q: ConsumptionQuery): string {
  return JSON.stringify({ q: consumptionQueryKey(q), w: null });
}

export function consumptionWindowKey(q: ConsumptionQuery, offset: number, limit: number): string {
  return JSON.stringify({ q: consumptionQueryKey(q), w: [offset, limit] });
}

export function decodeConsumptionKey(text: string): { queryKey: string; window: readonly [number, number] | null } {
  const { q, w } = JSON.parse(text) as { q: string; w: [number, number] | null };
  return { queryKey: q, window: w };
}

/**
 * A record's key, for `node(id)`. 4.2 cannot filter by record id, but it needs the customer and cycle and
 * can filter by trade id and resource id, which narrow a refetch to a handful of rows (one page).
 */
export interface ConsumptionRecordKey {
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
  readonly cycle: string;
  readonly id: string;
  readonly tradeId: string | null;
  readonly resourceId: string | null;
}

export function encodeConsumptionRecordKey(k: ConsumptionRecordKey): string {
  return JSON.stringify([k.indirectPartnerId ?? '', k.customerId, k.cycle, k.id, k.tradeId ?? '', k.resourceId ?? '']);
}

export function decodeConsumptionRecordKey(value: string): ConsumptionRecordKey | null {
  let parts: unknown;
  try {
    parts = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 6 || !parts.every((p) => typeof p === 'string')) return null;
  const [scope, customerId, cycle, id, tradeId, resourceId] = parts as string[];
  if (!customerId || !cycle || !id || !/^\d{4}-\d{2}$/.test(cycle)) return null;
  return { indirectPartnerId: scope || null, customerId, cycle, id, tradeId: tradeId || null, resourceId: resourceId || null };
}

/** Records by key: one filtered walk per distinct (scope, customer, cycle, trade id, resource id). */
export async function fetchConsumptionRecordsByKey(ctx: ConsumptionContext, keys: readonly string[]): Promise<(ConsumptionRecordShape | null | Error)[]> {
  const walks = new Map<string, Promise<readonly ConsumptionRecordShape[]>>();
  const decoded = keys.map(decodeConsumptionRecordKey);
  const queryOf = (k: ConsumptionRecordKey): ConsumptionQuery => ({
    customerId: k.customerId, indirectPartnerId: k.indirectPartnerId, cycle: k.cycle, tradeId: k.tradeId, resourceId: k.resourceId,
  });
  for (const k of decoded) {
    if (!k) continue;
    const qk = consumptionQueryKey(queryOf(k));
    if (!walks.has(qk)) walks.set(qk, fetchAllConsumption(ctx, queryOf(k)));
  }
  return Promise.all(
    decoded.map(async (k) => {
      if (!k) return null;
      try {
        const rows = await walks.get(consumptionQueryKey(queryOf(k)))!;
        return rows.find((r) => r.id === k.id) ?? null;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

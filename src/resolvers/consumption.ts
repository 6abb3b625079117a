/**
 * A customer's consumption records of one cycle, as the partner sees them: ListSubCustomerBillDetail
 * `GET /v2/bills/subcustomer-bills/res-fee-records` (bss-api-commerce.md §4.2; partner credentials only;
 * referral and resale customers alike; pages of up to 1000).
 *
 * `Customer.consumption(cycle)` is a view with `total`, `byServiceType` and `records`. The sums need every
 * record of the cycle; the records connection needs one window. Both go through one request-scoped loader
 * (src/loaders/bill-loaders.ts `consumption`), keyed by customer + scope + cycle + filters, so that:
 * - `total` / `byServiceType` alone walk the cycle once at 1000 per page: ceil(N / 1000) calls (one when N = 0);
 * - `records(first, after)` alone costs one call per ≤ 1000 rows of its window;
 * - asked together in one request they share the walk: still ceil(N / 1000) calls, the window is a slice.
 *
 * Amounts are exact decimal sums (decimal.js) of the 8-decimal record amounts, never floats and never
 * rounded; Huawei warns they need not equal the 2-decimal monthly sums (§0.6). Wire records become
 * camelCase shapes here and nowhere else.
 */
import type { Decimal } from 'decimal.js';
import { sumDecimals, toDecimal, toDecimalOrNull } from '../bss/money.js';
import {
  ListSubCustomerBillDetail,
  type ListSubCustomerBillDetailRequest, type SubCustomerMonthlyBillDetail,
} from '../bss/operations/bills/index.js';
import type { GraphQLContext } from '../context.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection, type Page } from './connection.js';
import { parseWireTime } from './order.js';

export type ConsumptionContext = Pick<GraphQLContext, 'bss' | 'language'>;

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

const set = (value: string | null | undefined): string | undefined => (value ? value : undefined);

function consumptionRequest(q: ConsumptionQuery, offset: number, limit: number): ListSubCustomerBillDetailRequest {
  // Unset filters are omitted, never sent empty (§0.4: an empty service/region code is CBC.0100 here).
  const req: ListSubCustomerBillDetailRequest = { bill_cycle: q.cycle, customer_id: q.customerId, offset, limit };
  const optional: Partial<ListSubCustomerBillDetailRequest> = {
    service_type_code: set(q.serviceTypeCode),
    region_code: set(q.regionCode),
    charging_mode: q.chargeMode ?? undefined,
    bill_detail_type: q.billType ?? undefined,
    resource_id: set(q.resourceId),
    resource_name: set(q.resourceName),
    trade_id: set(q.tradeId),
    indirect_partner_id: set(q.indirectPartnerId),
    bill_date_begin: set(q.billDateBegin),
    bill_date_end: set(q.billDateEnd),
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

const text = (value: string | null | undefined): string | null => (value ? value : null);

export function toConsumptionRecord(r: SubCustomerMonthlyBillDetail, q: Pick<ConsumptionQuery, 'cycle' | 'customerId' | 'indirectPartnerId'>): ConsumptionRecordShape {
  return {
    id: r.id,
    cycle: r.bill_cycle || q.cycle,
    customerId: r.customer_id || q.customerId,
    indirectPartnerId: q.indirectPartnerId || null,
    associationType: text(r.association_type),
    serviceTypeCode: r.service_type_code,
    serviceTypeName: text(r.service_type_name),
    resourceTypeCode: r.resource_type_code,
    resourceTypeName: text(r.resource_type_name),
    chargeModeCode: r.charging_mode ?? null,
    billTypeCode: r.bill_detail_type ?? null,
    tradeId: text(r.trade_id),
    tradeTime: parseWireTime(r.trade_time),
    consumeTime: parseWireTime(r.consume_time),
    resourceId: text(r.resource_id),
    resourceName: text(r.resource_name),
    resourceTag: text(r.resource_tag),
    productSpecDescription: text(r.product_spec_desc),
    regionCode: text(r.region_code),
    regionName: text(r.region_name),
    productId: text(r.product_id),
    productName: text(r.product_name),
    usageTypeCode: text(r.usage_type),
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
    accountManagerId: text(r.account_manager_id),
    partnerId: text(r.partner_id),
    subServiceTypeCode: text(r.sub_service_type_code),
    subServiceTypeName: text(r.sub_service_type_name),
    subResourceTypeCode: text(r.sub_resource_type_code),
    subResourceTypeName: text(r.sub_resource_type_name),
    subResourceId: text(r.sub_resource_id),
    subResourceName: text(r.sub_resource_name),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Fetching

/** One page (limit ≤ 1000): one upstream call. Names come in the request's language (X-Language). */
export async function fetchConsumptionPage(ctx: ConsumptionContext, q: ConsumptionQuery, offset: number, limit: number): Promise<Page<ConsumptionRecordShape>> {
  const res = await ctx.bss.call(ListSubCustomerBillDetail, consumptionRequest(q, offset, limit), { language: ctx.language });
  return { items: (res.fee_records ?? []).map((r) => toConsumptionRecord(r, q)), total: res.total_count ?? null };
}

/** Every record of the query: ceil(N / 1000) calls (one when N = 0), the pages after the first concurrently. */
export async function fetchAllConsumption(ctx: ConsumptionContext, q: ConsumptionQuery): Promise<ConsumptionRecordShape[]> {
  const { items } = await ctx.bss.paginate(ListSubCustomerBillDetail, consumptionRequest(q, 0, CONSUMPTION_PAGE_MAX), {
    language: ctx.language,
    pageSize: CONSUMPTION_PAGE_MAX,
  });
  return items.map((r) => toConsumptionRecord(r, q));
}

/**
 * Every record of the query, one upstream page (≤ 1000) at a time, as each arrives: the streaming walk
 * behind whole-month pulls (src/resolvers/consumption-pull.ts).
 */
export async function* consumptionPages(ctx: ConsumptionContext, q: ConsumptionQuery, signal?: AbortSignal): AsyncGenerator<ConsumptionRecordShape[]> {
  const pages = ctx.bss.pages(ListSubCustomerBillDetail, consumptionRequest(q, 0, CONSUMPTION_PAGE_MAX), {
    language: ctx.language,
    pageSize: CONSUMPTION_PAGE_MAX,
    signal,
  });
  for await (const page of pages) yield page.items.map((r) => toConsumptionRecord(r, q));
}

// ---------------------------------------------------------------------------------------------------------
// The view

/** What `Customer.consumption(cycle, …)` resolves to: the query only; every field loads through the loader. */
export interface ConsumptionViewShape {
  readonly query: ConsumptionQuery;
}

export interface ServiceTypeConsumptionShape {
  readonly serviceTypeCode: string;
  /** The name a record carried, for a code the catalogue does not know. */
  readonly serviceTypeName: string | null;
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
  readonly recordCount: number;
}

export async function allRecords(ctx: Pick<GraphQLContext, 'loaders'>, q: ConsumptionQuery): Promise<readonly ConsumptionRecordShape[]> {
  const result = await ctx.loaders.consumption.load(consumptionAllKey(q));
  return result.items;
}

/** The exact sum of `paymentAmount` over every record of the view. */
export async function consumptionTotal(ctx: Pick<GraphQLContext, 'loaders'>, q: ConsumptionQuery): Promise<Decimal> {
  return sumDecimals((await allRecords(ctx, q)).map((r) => r.paymentAmount));
}

/** The exact sum of `officialAmount` (list price) over every record of the view. */
export async function consumptionOfficialTotal(ctx: Pick<GraphQLContext, 'loaders'>, q: ConsumptionQuery): Promise<Decimal> {
  return sumDecimals((await allRecords(ctx, q)).map((r) => r.officialAmount));
}

/** Exact sums per service type, ordered by service type code (a stable order for exports and diffs). */
export async function consumptionByServiceType(ctx: Pick<GraphQLContext, 'loaders'>, q: ConsumptionQuery): Promise<ServiceTypeConsumptionShape[]> {
  const groups = new Map<string, { name: string | null; records: ConsumptionRecordShape[] }>();
  for (const r of await allRecords(ctx, q)) {
    let group = groups.get(r.serviceTypeCode);
    if (!group) groups.set(r.serviceTypeCode, (group = { name: r.serviceTypeName, records: [] }));
    group.records.push(r);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, g]) => ({
      serviceTypeCode: code,
      serviceTypeName: g.name,
      amount: sumDecimals(g.records.map((r) => r.paymentAmount)),
      officialAmount: sumDecimals(g.records.map((r) => r.officialAmount)),
      recordCount: g.records.length,
    }));
}

/** `records(first, after, …)`: windows through the shared loader (a slice of the walk when sums are asked too). */
export function consumptionRecordsConnection(ctx: GraphQLContext, q: ConsumptionQuery, args: ConnectionArgs): Promise<OffsetConnection<ConsumptionRecordShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const page = await ctx.loaders.consumption.load(consumptionWindowKey(q, offset, limit));
      for (const r of page.items) ctx.loaders.consumptionRecord.prime(encodeConsumptionRecordKey(r), r);
      return page;
    },
    { ...ctx.limits, pageMax: CONSUMPTION_PAGE_MAX },
  );
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
  const walks = new Map<string, Promise<ConsumptionRecordShape[]>>();
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

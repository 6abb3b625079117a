/**
 * Monthly bills.
 * - The partner's view: ListSubcustomerMonthlyBills `GET /v2/bills/partner-bills/subcustomer-bills/monthly-sum`
 *   (bss-api-commerce.md §4.1; partner credentials only): one row per resale customer, service type, resource
 *   type, charge mode and E3 bill type. The upstream REQUIRES `charge_mode`, so a listing over every charge
 *   mode is the concatenation of one list per mode, with offsets mapped across them (see `mergedModesFetch`).
 * - A customer's own view: ShowCustomerMonthlySum `GET /v2/bills/customer-bills/monthly-sum` (§4.4; customer
 *   credentials only: the client exchanges a customer token by IAM assume_role, and a customer that granted
 *   no agency fails with the typed `no-agency` error on that field).
 *
 * Wire records become camelCase shapes here and nowhere else; charge modes arrive as strings on 4.1 and ints
 * on 4.4 and are kept as the raw code, the enums in src/schema/bill-enums.ts map them.
 */
import type { Decimal } from 'decimal.js';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import {
  ListSubcustomerMonthlyBills, ShowCustomerMonthlySum,
  type BillSumInfoV2, type BillSumRecordInfoV2, type ListSubcustomerMonthlyBillsRequest, type ShowCustomerMonthlySumResponse,
} from '../bss/operations/bills/index.js';
import type { GraphQLContext } from '../context.js';
import { offsetConnection, type ConnectionArgs, type FetchPage, type OffsetConnection, type Page } from './connection.js';
import { customerKey, type CustomerShape } from './customer.js';

/** What a fetch needs: loaders pass their own context, resolvers the GraphQL one. */
export type BillContext = Pick<GraphQLContext, 'bss' | 'language'>;

// ---------------------------------------------------------------------------------------------------------
// Partner monthly sums (4.1)

/** One monthly-bills listing: the filters of 4.1 except `charge_mode`, which `chargeModes` spells out. */
export interface MonthlyBillsQuery {
  readonly cycle: string;
  /** The reseller whose customers are listed (a distributor only), or null for the partner's own. */
  readonly indirectPartnerId: string | null;
  readonly customerId: string | null;
  readonly serviceTypeCode: string | null;
  /** E3 as the string 4.1 takes. */
  readonly billType: string | null;
}

export interface AccountDetailShape {
  /** E15. */
  readonly balanceTypeCode: string;
  readonly amount: Decimal;
  /** E3, a string. */
  readonly billTypeCode: string;
}

export interface MonthlyBillShape {
  readonly cycle: string;
  /** The scope the row was listed in (part of its key: a refetch must ask the same way). */
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
  readonly serviceTypeCode: string;
  readonly serviceTypeName: string | null;
  readonly resourceTypeCode: string;
  readonly resourceTypeName: string | null;
  /** E3, the string 4.1 sends. */
  readonly billTypeCode: string;
  /** E1, the string 4.1 sends. */
  readonly chargeModeCode: string;
  readonly amount: Decimal;
  readonly debtAmount: Decimal | null;
  readonly adjustmentAmount: Decimal | null;
  readonly discountAmount: Decimal | null;
  readonly measureId: number | null;
  readonly currency: string | null;
  readonly accountDetails: readonly AccountDetailShape[];
}

export function toMonthlyBill(row: BillSumInfoV2, cycle: string, indirectPartnerId: string | null, currency: string | null): MonthlyBillShape {
  return {
    cycle,
    indirectPartnerId,
    customerId: row.customer_id,
    serviceTypeCode: row.cloud_service_type,
    serviceTypeName: row.cloud_service_type_name || null,
    resourceTypeCode: row.resource_type_code,
    resourceTypeName: row.resource_type_name || null,
    billTypeCode: String(row.bill_type),
    chargeModeCode: String(row.charge_mode),
    amount: toDecimal(row.amount),
    debtAmount: toDecimalOrNull(row.debt_amount),
    adjustmentAmount: toDecimalOrNull(row.adjustment_amount),
    discountAmount: toDecimalOrNull(row.discount_amount),
    measureId: row.measure_id ?? null,
    currency,
    accountDetails: (row.account_details ?? []).map((d) => ({
      balanceTypeCode: d.balance_type,
      amount: toDecimal(d.amount),
      billTypeCode: String(d.bill_type),
    })),
  };
}

/**
 * A monthly bill's key: everything 4.1 distinguishes rows by, plus the scope and cycle it was read in.
 * JSON, so ids holding any character stay unambiguous.
 */
export interface MonthlyBillKey {
  readonly indirectPartnerId: string | null;
  readonly cycle: string;
  readonly customerId: string;
  readonly serviceTypeCode: string;
  readonly resourceTypeCode: string;
  readonly chargeModeCode: string;
  readonly billTypeCode: string;
}

export function encodeMonthlyBillKey(k: MonthlyBillKey): string {
  return JSON.stringify([k.indirectPartnerId ?? '', k.cycle, k.customerId, k.serviceTypeCode, k.resourceTypeCode, k.chargeModeCode, k.billTypeCode]);
}

export function decodeMonthlyBillKey(text: string): MonthlyBillKey | null {
  let parts: unknown;
  try {
    parts = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 7 || !parts.every((p) => typeof p === 'string')) return null;
  const [scope, cycle, customerId, serviceTypeCode, resourceTypeCode, chargeModeCode, billTypeCode] = parts as string[];
  if (!cycle || !/^\d{4}-\d{2}$/.test(cycle) || !customerId || !serviceTypeCode || !resourceTypeCode || !chargeModeCode || !billTypeCode) return null;
  return { indirectPartnerId: scope || null, cycle, customerId, serviceTypeCode, resourceTypeCode, chargeModeCode, billTypeCode };
}

function monthlyBillsRequest(q: MonthlyBillsQuery, chargeMode: string, offset: number, limit: number): ListSubcustomerMonthlyBillsRequest {
  // Unset filters are omitted, never sent empty (§0.4).
  return {
    cycle: q.cycle,
    charge_mode: chargeMode,
    ...(q.customerId ? { customer_id: q.customerId } : {}),
    ...(q.serviceTypeCode ? { cloud_service_type: q.serviceTypeCode } : {}),
    ...(q.billType ? { bill_type: q.billType } : {}),
    ...(q.indirectPartnerId ? { indirect_partner_id: q.indirectPartnerId } : {}),
    offset,
    limit,
  };
}

/** One page of one charge mode's list (limit ≤ 100): one upstream call. 4.1 reads no X-Language. */
export async function fetchMonthlyBillsPage(ctx: BillContext, q: MonthlyBillsQuery, chargeMode: string, offset: number, limit: number): Promise<Page<MonthlyBillShape>> {
  const res = await ctx.bss.call(ListSubcustomerMonthlyBills, monthlyBillsRequest(q, chargeMode, offset, limit));
  const scope = q.indirectPartnerId || null;
  return { items: (res.bill_sums ?? []).map((row) => toMonthlyBill(row, q.cycle, scope, res.currency ?? null)), total: res.count ?? null };
}

/** Every row of one charge mode's list (one call per 100 rows). */
export async function fetchAllMonthlyBills(ctx: BillContext, q: MonthlyBillsQuery, chargeMode: string): Promise<MonthlyBillShape[]> {
  const rows: MonthlyBillShape[] = [];
  const pageMax = ListSubcustomerMonthlyBills.page!.maxLimit;
  for (let offset = 0; ; ) {
    const page = await fetchMonthlyBillsPage(ctx, q, chargeMode, offset, pageMax);
    rows.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || (page.total !== null ? offset >= page.total : page.items.length < pageMax)) return rows;
  }
}

/** Fetches one page of one mode's list. */
export type FetchModePage<T> = (mode: string, offset: number, limit: number) => Promise<Page<T>>;

/**
 * One list over several upstream lists that differ only in `charge_mode`, concatenated in `modes` order:
 * row r of the merged list is row r − (rows of the earlier modes) of its mode's list. Returns a fetch of the
 * window [offset, offset + limit) for `offsetConnection` (give it an unbounded pageMax: this walks the
 * per-mode pages itself); its total is the sum of the modes' counts.
 *
 * Calls: every mode needs at least one (its count is part of totalCount), and the fewest are made — one per
 * mode, plus one per further `pageMax` rows a window takes from a mode. A window at offset 0 asks every
 * mode's first page at once (each mode's offset is then 0); a later window must learn each mode's count
 * before it knows where the next mode starts, so it asks the modes one after another.
 */
export function mergedModesFetch<T>(modes: readonly string[], fetchMode: FetchModePage<T>, pageMax: number): FetchPage<T> {
  return async (offset, limit) => {
    const items: T[] = [];
    let total = 0;
    let skip = offset;
    let need = limit;
    const firstLimit = (): number => Math.min(Math.max(need, 1), pageMax);
    const concurrent = offset === 0 ? modes.map((mode) => fetchMode(mode, 0, firstLimit())) : null;
    // Only the concurrent pages that are awaited below report their failure; the others must not go unhandled.
    concurrent?.forEach((p) => p.catch(() => undefined));
    for (const [i, mode] of modes.entries()) {
      const first = concurrent ? await concurrent[i]! : await fetchMode(mode, skip, firstLimit());
      // 4.1 always counts; were a count missing, what was seen is the best lower bound.
      const count = first.total ?? skip + first.items.length;
      total += count;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      let at = skip + first.items.length;
      skip = 0;
      const taken = first.items.slice(0, need);
      items.push(...taken);
      need -= taken.length;
      while (need > 0 && at < count) {
        const page = await fetchMode(mode, at, Math.min(need, pageMax));
        if (page.items.length === 0) break;
        const more = page.items.slice(0, need);
        items.push(...more);
        need -= more.length;
        at += page.items.length;
      }
    }
    return { items, total };
  };
}

/**
 * `Partner.monthlyBills` / `IndirectPartner.monthlyBills`: a connection over 4.1, merged over `modes`
 * (every mode 4.1 accepts when the client names none). Pages go through the request's page loader, so
 * the same page asked twice in one request (aliases, node refetches) costs one call, and every row primes
 * the by-key loader.
 */
export function monthlyBillsConnection(
  ctx: GraphQLContext,
  args: ConnectionArgs,
  q: MonthlyBillsQuery,
  modes: readonly string[],
): Promise<OffsetConnection<MonthlyBillShape>> {
  const pageMax = ListSubcustomerMonthlyBills.page!.maxLimit;
  const fetchMode: FetchModePage<MonthlyBillShape> = async (mode, offset, limit) => {
    const page = await ctx.loaders.monthlyBillsPage.load(monthlyBillsPageKey(q, mode, offset, limit));
    for (const row of page.items) ctx.loaders.monthlyBill.prime(encodeMonthlyBillKey(row), row);
    return page;
  };
  return offsetConnection(args, mergedModesFetch(modes, fetchMode, pageMax), { ...ctx.limits, pageMax: Number.MAX_SAFE_INTEGER });
}

/** The page loader's key: the query, the mode and the window. */
export function monthlyBillsPageKey(q: MonthlyBillsQuery, mode: string, offset: number, limit: number): string {
  return JSON.stringify([q.cycle, q.indirectPartnerId ?? '', q.customerId ?? '', q.serviceTypeCode ?? '', q.billType ?? '', mode, offset, limit]);
}

export function decodeMonthlyBillsPageKey(text: string): { q: MonthlyBillsQuery; mode: string; offset: number; limit: number } {
  const [cycle, scope, customerId, serviceTypeCode, billType, mode, offset, limit] = JSON.parse(text) as [string, string, string, string, string, string, number, number];
  return {
    q: { cycle, indirectPartnerId: scope || null, customerId: customerId || null, serviceTypeCode: serviceTypeCode || null, billType: billType || null },
    mode,
    offset,
    limit,
  };
}

/**
 * Monthly bills by key, for `node(id)`: one 4.1 walk per distinct (scope, cycle, customer, service type,
 * charge mode, bill type) — filters that leave one row per resource type — shared by every key of a batch
 * that differs only in the resource type.
 */
export async function fetchMonthlyBillsByKey(ctx: BillContext, keys: readonly string[]): Promise<(MonthlyBillShape | null | Error)[]> {
  const groups = new Map<string, Promise<MonthlyBillShape[]>>();
  const decoded = keys.map(decodeMonthlyBillKey);
  for (const key of decoded) {
    if (!key) continue;
    const q: MonthlyBillsQuery = {
      cycle: key.cycle,
      indirectPartnerId: key.indirectPartnerId,
      customerId: key.customerId,
      serviceTypeCode: key.serviceTypeCode,
      billType: key.billTypeCode,
    };
    const groupKey = monthlyBillsPageKey(q, key.chargeModeCode, 0, 0);
    if (!groups.has(groupKey)) groups.set(groupKey, fetchAllMonthlyBills(ctx, q, key.chargeModeCode));
  }
  return Promise.all(
    decoded.map(async (key) => {
      if (!key) return null;
      const q = { cycle: key.cycle, indirectPartnerId: key.indirectPartnerId, customerId: key.customerId, serviceTypeCode: key.serviceTypeCode, billType: key.billTypeCode };
      try {
        const rows = await groups.get(monthlyBillsPageKey(q, key.chargeModeCode, 0, 0))!;
        return rows.find((row) => encodeMonthlyBillKey(row) === encodeMonthlyBillKey(key)) ?? null;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The customer of a bill row

/** Customer fields answerable from the id alone. */
const ID_ONLY_FIELDS: ReadonlySet<string> = new Set(['customerId', 'id', '__typename']);

/**
 * Whether a selection set asks only for fields answerable from an id. Fragments are followed; a field under
 * @skip/@include counts as asked (a needless lookup at worst, never a wrong answer).
 */
function selectsOnly(set: SelectionSetNode | undefined, allowed: ReadonlySet<string>, info: GraphQLResolveInfo): boolean {
  if (!set) return true;
  return set.selections.every((s) => {
    if (s.kind === 'Field') return allowed.has(s.name.value);
    if (s.kind === 'InlineFragment') return selectsOnly(s.selectionSet, allowed, info);
    const fragment = info.fragments[s.name.value];
    return fragment ? selectsOnly(fragment.selectionSet, allowed, info) : false;
  });
}

/**
 * Whether the selection below this field reaches a `customer` field that asks for more than its id, at any
 * depth, through fragments: then the customers behind the rows are worth listing up front (ListSubCustomers,
 * 100 a page) rather than looked up one call each. An over-estimate (any field named `customer`) only costs
 * that listing.
 */
export function selectsCustomerDetails(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  const reaches = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === 'Field') return (s.name.value === 'customer' && !selectsOnly(s.selectionSet, ID_ONLY_FIELDS, info)) || reaches(s.selectionSet);
      if (s.kind === 'InlineFragment') return reaches(s.selectionSet);
      // A fragment spread once is enough (and a cycle of spreads, which validation refuses anyway, cannot loop).
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return reaches(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => reaches(node.selectionSet));
}

/**
 * The customer a bill row belongs to. A bill row carries only the customer id, and a customer lookup is one
 * ListSubCustomers call per distinct customer (no id-list endpoint): when the query asks only for the id
 * (`customer { customerId }`, as BI exports do) the customer is answered from the row, without a call;
 * anything more goes through the customer loader (de-duplicated per request).
 */
export function billCustomer(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  customerId: string,
  indirectPartnerId: string | null,
): CustomerShape | Promise<CustomerShape | null> {
  if (info.fieldNodes.every((node) => selectsOnly(node.selectionSet, ID_ONLY_FIELDS, info))) return idOnlyCustomer(customerId, indirectPartnerId);
  // The scoped key lets the loader ask the row's own scope (a reseller's customer) directly.
  return ctx.loaders.customer.load(customerKey({ customerId, indirectPartnerId }));
}

/**
 * A customer shape holding only what a bill row knows. The cast is sound because it is used only when the
 * query selects nothing but the id fields, which read `customerId` and `indirectPartnerId` alone; built
 * this way it also stays valid as the partner graph adds fields to `CustomerShape`.
 */
function idOnlyCustomer(customerId: string, indirectPartnerId: string | null): CustomerShape {
  const known: Pick<CustomerShape, 'customerId' | 'indirectPartnerId'> = { customerId, indirectPartnerId };
  return known as CustomerShape;
}

// ---------------------------------------------------------------------------------------------------------
// A customer's own monthly bill (4.4)

export interface CustomerMonthlySumQuery {
  readonly customerId: string;
  readonly cycle: string;
  readonly serviceTypeCode: string | null;
}

export interface CustomerBillSumShape {
  readonly cycle: string;
  readonly customerId: string;
  readonly accountName: string | null;
  readonly serviceTypeCode: string;
  readonly serviceTypeName: string | null;
  readonly resourceTypeCode: string;
  readonly resourceTypeName: string | null;
  /** E1, an int on 4.4. */
  readonly chargeModeCode: number;
  /** E4. */
  readonly billTypeCode: number;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly truncatedAmount: Decimal;
  readonly consumeAmount: Decimal;
  readonly couponAmount: Decimal;
  readonly flexiPurchaseCouponAmount: Decimal;
  readonly storedValueCardAmount: Decimal;
  readonly cashAmount: Decimal;
  readonly creditAmount: Decimal;
  readonly debtAmount: Decimal;
  readonly writeoffAmount: Decimal;
  readonly measureId: number | null;
}

/** The summary of 4.4: totals over every row (not just a page) and the first page of rows. */
export interface CustomerMonthlySummaryShape {
  readonly query: CustomerMonthlySumQuery;
  readonly currency: string | null;
  readonly measureId: number | null;
  readonly consumeAmount: Decimal;
  readonly debtAmount: Decimal;
  readonly couponAmount: Decimal;
  readonly flexiPurchaseCouponAmount: Decimal;
  readonly storedValueCardAmount: Decimal;
  readonly cashAmount: Decimal;
  readonly creditAmount: Decimal;
  readonly writeoffAmount: Decimal;
  /** Rows of the first page (offset 0, the endpoint's largest page). */
  readonly firstRows: readonly CustomerBillSumShape[];
  readonly totalRows: number | null;
}

const money = (value: string | number | undefined | null): Decimal => toDecimalOrNull(value) ?? toDecimal(0);

function toCustomerBillSum(row: BillSumRecordInfoV2, q: CustomerMonthlySumQuery): CustomerBillSumShape {
  return {
    cycle: row.bill_cycle || q.cycle,
    customerId: row.customer_id || q.customerId,
    accountName: row.account_name || null,
    serviceTypeCode: row.service_type_code,
    serviceTypeName: row.service_type_name || null,
    resourceTypeCode: row.resource_type_code,
    resourceTypeName: row.resource_type_name || null,
    chargeModeCode: row.charging_mode,
    billTypeCode: row.bill_type,
    officialAmount: money(row.official_amount),
    discountAmount: money(row.official_discount_amount),
    truncatedAmount: money(row.truncated_amount),
    consumeAmount: money(row.consume_amount),
    couponAmount: money(row.coupon_amount),
    flexiPurchaseCouponAmount: money(row.flexipurchase_coupon_amount),
    storedValueCardAmount: money(row.stored_value_card_amount),
    cashAmount: money(row.cash_amount),
    creditAmount: money(row.credit_amount),
    debtAmount: money(row.debt_amount),
    writeoffAmount: money(row.writeoff_amount),
    measureId: row.measure_id ?? null,
  };
}

async function callCustomerMonthlySum(ctx: BillContext, q: CustomerMonthlySumQuery, offset: number, limit: number): Promise<ShowCustomerMonthlySumResponse> {
  return ctx.bss.call(
    ShowCustomerMonthlySum,
    { bill_cycle: q.cycle, ...(q.serviceTypeCode ? { service_type_code: q.serviceTypeCode } : {}), offset, limit },
    // Customer-only (§0.2 class C): the client exchanges the partner's token for the customer's.
    { customerId: q.customerId },
  );
}

/** The summary with the first page of rows at the endpoint's largest page: one call (plus a token exchange when not cached). */
export async function fetchCustomerMonthlySummary(ctx: BillContext, q: CustomerMonthlySumQuery): Promise<CustomerMonthlySummaryShape> {
  const res = await callCustomerMonthlySum(ctx, q, 0, ShowCustomerMonthlySum.page!.maxLimit);
  return {
    query: q,
    currency: res.currency ?? null,
    measureId: res.measure_id ?? null,
    consumeAmount: money(res.consume_amount),
    debtAmount: money(res.debt_amount),
    couponAmount: money(res.coupon_amount),
    flexiPurchaseCouponAmount: money(res.flexipurchase_coupon_amount),
    storedValueCardAmount: money(res.stored_value_card_amount),
    cashAmount: money(res.cash_amount),
    creditAmount: money(res.credit_amount),
    writeoffAmount: money(res.writeoff_amount),
    firstRows: (res.bill_sums ?? []).map((row) => toCustomerBillSum(row, q)),
    totalRows: res.total_count ?? null,
  };
}

export function customerMonthlySumKey(q: CustomerMonthlySumQuery): string {
  return JSON.stringify([q.customerId, q.cycle, q.serviceTypeCode ?? '']);
}

export function decodeCustomerMonthlySumKey(text: string): CustomerMonthlySumQuery {
  const [customerId, cycle, serviceTypeCode] = JSON.parse(text) as [string, string, string];
  return { customerId, cycle, serviceTypeCode: serviceTypeCode || null };
}

/**
 * The rows of a summary as a connection: served from the summary's first page (already fetched) when the
 * window lies in it, so `monthlySummary { rows(first: 100) }` costs the summary's one call; a window past
 * it reads further pages of 1000.
 */
export function customerBillSumsConnection(ctx: GraphQLContext, summary: CustomerMonthlySummaryShape, args: ConnectionArgs): Promise<OffsetConnection<CustomerBillSumShape>> {
  const first = summary.firstRows;
  const covered = (end: number) => end <= first.length || (summary.totalRows !== null && summary.totalRows <= first.length);
  return offsetConnection(
    args,
    async (offset, limit) => {
      if (covered(offset + limit)) return { items: first.slice(offset, offset + limit), total: summary.totalRows };
      const res = await callCustomerMonthlySum(ctx, summary.query, offset, limit);
      return { items: (res.bill_sums ?? []).map((row) => toCustomerBillSum(row, summary.query)), total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ShowCustomerMonthlySum.page!.maxLimit },
  );
}

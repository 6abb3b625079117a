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
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import {
  ListSubcustomerMonthlyBills, ShowCustomerMonthlySum,
  type BillSumInfoV2, type BillSumRecordInfoV2, type ListSubcustomerMonthlyBillsRequest,
} from '../bss/operations/bills/index.js';
import type { Language } from '../language.js';
import type { Page, Upstream } from './list-endpoint.js';

/** What a fetch needs: the client and the language names come in. */
export interface BillContext extends Upstream {
  readonly language: Language;
}

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

function callCustomerMonthlySum(ctx: BillContext, q: CustomerMonthlySumQuery, offset: number, limit: number) {
  return ctx.bss.call(
    ShowCustomerMonthlySum,
    { bill_cycle: q.cycle, ...(q.serviceTypeCode ? { service_type_code: q.serviceTypeCode } : {}), offset, limit },
    // Customer-only (§0.2 class C): the client exchanges the partner's token for the customer's.
    { customerId: q.customerId },
  );
}

/** Rows [offset, offset + limit) of a customer's summary (limit ≤ 1000): one call. */
export async function fetchCustomerBillSumsPage(ctx: BillContext, q: CustomerMonthlySumQuery, offset: number, limit: number): Promise<Page<CustomerBillSumShape>> {
  const res = await callCustomerMonthlySum(ctx, q, offset, limit);
  return { items: (res.bill_sums ?? []).map((row) => toCustomerBillSum(row, q)), total: res.total_count ?? null };
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


/**
 * A customer's own cost data, read with its token (bss-api-commerce.md §4.5–4.7, §4.10–4.11): transaction
 * (flow) bills, per-resource bills, resource detail bills with enterprise projects, amortised monthly costs,
 * and the cost-analysis aggregation. Every endpoint is customer-only and pages at ≤ 1000 rows; each is a
 * `ListEndpoint` the resolvers turn into a connection. Amounts are exact decimals; codes stay raw here and are
 * named by the schema.
 */
import type { Decimal } from 'decimal.js';
import {
  ListCosts, ListCustomerBillsFeeRecords, ListCustomerBillsMonthlyBreakDown, ListCustomerselfResourceRecordDetails,
  ListCustomerselfResourceRecords,
  type CostDataByDimension, type MonthlyBillRecord, type MonthlyBillRes, type NvlCostAnalysedBillDetail, type ResFeeRecordV2,
} from '../bss/operations/bills/index.js';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import type { Language } from '../language.js';
import { listEndpoint } from './list-endpoint.js';
import { nonEmpty, parseWireTime, textOrNull } from './wire.js';

const money = (value: string | number | null | undefined): Decimal => toDecimalOrNull(value) ?? toDecimal(0);

/** What every row of these bills says about where the money went. */
export interface CostRowBase {
  readonly cycle: string | null;
  readonly customerId: string;
  readonly serviceTypeCode: string | null;
  readonly serviceTypeName: string | null;
  readonly resourceTypeCode: string | null;
  readonly resourceTypeName: string | null;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  readonly enterpriseProjectId: string | null;
  readonly enterpriseProjectName: string | null;
  /** E1. */
  readonly chargeModeCode: number | null;
  /** E2. */
  readonly billTypeCode: number | null;
}

/**
 * The row fields of §4.5 (`MonthlyBillRecord`) and §4.10 (`NvlCostAnalysedBillDetail`), which spell them alike
 * (`service_type_code`, `region_code`, `charging_mode` …); §4.6 and §4.7 use other names, mapped in their own rows.
 */
interface CodeNamedWireRow {
  readonly bill_cycle?: string | null;
  readonly customer_id?: string | null;
  readonly service_type_code?: string | null;
  readonly service_type_name?: string | null;
  readonly resource_type_code?: string | null;
  readonly resource_type_name?: string | null;
  readonly region_code?: string | null;
  readonly region_name?: string | null;
  readonly enterprise_project_id?: string | null;
  readonly enterprise_project_name?: string | null;
  readonly charging_mode?: number | null;
  readonly bill_type?: number | null;
}

function codeNamedRow(r: CodeNamedWireRow, customerId: string): CostRowBase {
  return {
    cycle: textOrNull(r.bill_cycle),
    customerId: r.customer_id || customerId,
    serviceTypeCode: textOrNull(r.service_type_code),
    serviceTypeName: textOrNull(r.service_type_name),
    resourceTypeCode: textOrNull(r.resource_type_code),
    resourceTypeName: textOrNull(r.resource_type_name),
    regionCode: textOrNull(r.region_code),
    regionName: textOrNull(r.region_name),
    enterpriseProjectId: textOrNull(r.enterprise_project_id),
    enterpriseProjectName: textOrNull(r.enterprise_project_name),
    chargeModeCode: r.charging_mode ?? null,
    billTypeCode: r.bill_type ?? null,
  };
}

/** How a resource bill row (§4.6 `ResFeeRecordV2`, §4.7 `MonthlyBillRes`: the same wire names) was paid. */
export interface CardPaymentSplit {
  readonly cashAmount: Decimal;
  readonly creditAmount: Decimal;
  readonly couponAmount: Decimal;
  readonly flexiPurchaseCouponAmount: Decimal;
  readonly storedCardAmount: Decimal;
  readonly bonusAmount: Decimal;
  readonly debtAmount: Decimal;
  readonly adjustmentAmount: Decimal;
}

type WireAmount = string | number | null | undefined;

function cardPaymentSplit(r: {
  readonly cash_amount?: WireAmount; readonly credit_amount?: WireAmount; readonly coupon_amount?: WireAmount;
  readonly flexipurchase_coupon_amount?: WireAmount; readonly stored_card_amount?: WireAmount; readonly bonus_amount?: WireAmount;
  readonly debt_amount?: WireAmount; readonly adjustment_amount?: WireAmount;
}): CardPaymentSplit {
  return {
    cashAmount: money(r.cash_amount),
    creditAmount: money(r.credit_amount),
    couponAmount: money(r.coupon_amount),
    flexiPurchaseCouponAmount: money(r.flexipurchase_coupon_amount),
    storedCardAmount: money(r.stored_card_amount),
    bonusAmount: money(r.bonus_amount),
    debtAmount: money(r.debt_amount),
    adjustmentAmount: money(r.adjustment_amount),
  };
}

// ---- 4.5 transaction bills ------------------------------------------------------------------------

export interface FeeRecordShape extends CostRowBase {
  readonly tradeId: string | null;
  readonly tradeTime: Date | null;
  readonly consumeTime: Date | null;
  /** `1` paid, `2` not fully settled, `3` not yet billed. */
  readonly status: number | null;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly eraseAmount: Decimal;
  readonly consumeAmount: Decimal;
  readonly cashAmount: Decimal;
  readonly creditAmount: Decimal;
  readonly couponAmount: Decimal;
  readonly flexiPurchaseCouponAmount: Decimal;
  readonly storedValueCardAmount: Decimal;
  readonly bonusAmount: Decimal;
  readonly debtAmount: Decimal;
  readonly writeoffAmount: Decimal;
}

export interface CostFilters {
  readonly serviceTypeCode?: string | null;
  readonly resourceTypeCode?: string | null;
  readonly regionCode?: string | null;
  readonly chargeMode?: number | null;
  readonly billType?: number | null;
  readonly enterpriseProjectId?: string | null;
  readonly resourceId?: string | null;
  readonly tradeId?: string | null;
}

function toFeeRecord(r: MonthlyBillRecord, customerId: string): FeeRecordShape {
  return {
    ...codeNamedRow(r, customerId),
    tradeId: textOrNull(r.trade_id),
    tradeTime: parseWireTime(r.trade_time),
    consumeTime: parseWireTime(r.consume_time),
    status: r.status ?? null,
    officialAmount: money(r.official_amount),
    discountAmount: money(r.official_discount_amount),
    eraseAmount: money(r.erase_amount),
    consumeAmount: money(r.consume_amount),
    cashAmount: money(r.cash_amount),
    creditAmount: money(r.credit_amount),
    couponAmount: money(r.coupon_amount),
    flexiPurchaseCouponAmount: money(r.flexipurchase_coupon_amount),
    storedValueCardAmount: money(r.stored_value_card_amount),
    bonusAmount: money(r.bonus_amount),
    debtAmount: money(r.debt_amount),
    writeoffAmount: money(r.writeoff_amount),
  };
}

/** §4.5 ListCustomerBillsFeeRecords with the customer's token, pages of ≤ 1000. */
export const feeRecordsList = (customerId: string, language: Language, cycle: string, f: CostFilters) =>
  listEndpoint({
    op: ListCustomerBillsFeeRecords,
    request: (offset, limit) => ({
      bill_cycle: cycle,
      service_type_code: nonEmpty(f.serviceTypeCode),
      resource_type_code: nonEmpty(f.resourceTypeCode),
      region_code: nonEmpty(f.regionCode),
      charging_mode: f.chargeMode ?? undefined,
      bill_type: f.billType ?? undefined,
      trade_id: nonEmpty(f.tradeId),
      enterprise_project_id: nonEmpty(f.enterpriseProjectId),
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.records ?? []).map((r) => toFeeRecord(r, customerId)), total: res.total_count ?? null }),
    options: { customerId, language },
  });

// ---- 4.6 per-resource bills -----------------------------------------------------------------------

export interface ResourceBillShape extends CostRowBase, CardPaymentSplit {
  readonly resourceId: string | null;
  readonly resourceName: string | null;
  readonly productSpecDescription: string | null;
  readonly tradeId: string | null;
  readonly billDate: string | null;
  readonly usageTypeCode: string | null;
  readonly usage: Decimal | null;
  readonly usageMeasureId: number | null;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly amount: Decimal;
}

function toResourceBill(r: ResFeeRecordV2, cycle: string, customerId: string): ResourceBillShape {
  return {
    cycle,
    customerId: r.customer_id || customerId,
    serviceTypeCode: textOrNull(r.cloud_service_type),
    serviceTypeName: textOrNull(r.cloud_service_type_name),
    resourceTypeCode: textOrNull(r.resource_type),
    resourceTypeName: textOrNull(r.resource_type_name),
    regionCode: textOrNull(r.region),
    regionName: textOrNull(r.region_name),
    enterpriseProjectId: textOrNull(r.enterprise_project_id),
    enterpriseProjectName: textOrNull(r.enterprise_project_name),
    // E1 is a string on 4.6.
    chargeModeCode: r.charge_mode ? Number(r.charge_mode) : null,
    billTypeCode: r.bill_type ?? null,
    resourceId: textOrNull(r.resource_id),
    resourceName: textOrNull(r.resource_name),
    productSpecDescription: textOrNull(r.product_spec_desc),
    tradeId: textOrNull(r.trade_id),
    billDate: textOrNull(r.bill_date),
    usageTypeCode: textOrNull(r.usage_type),
    usage: toDecimalOrNull(r.usage),
    usageMeasureId: r.usage_measure_id ?? null,
    officialAmount: money(r.official_amount),
    discountAmount: money(r.discount_amount),
    amount: money(r.amount),
    ...cardPaymentSplit(r),
  };
}

/** §4.6 ListCustomerselfResourceRecords with the customer's token, per detail record (`statistic_type` 3), pages of ≤ 1000. */
export const resourceBillsList = (customerId: string, language: Language, cycle: string, f: CostFilters) =>
  listEndpoint({
    op: ListCustomerselfResourceRecords,
    request: (offset, limit) => ({
      cycle,
      cloud_service_type: nonEmpty(f.serviceTypeCode),
      region: nonEmpty(f.regionCode),
      // E1 travels as a string here.
      charge_mode: f.chargeMode === null || f.chargeMode === undefined ? undefined : String(f.chargeMode),
      bill_type: f.billType ?? undefined,
      resource_id: nonEmpty(f.resourceId),
      enterprise_project_id: nonEmpty(f.enterpriseProjectId),
      trade_id: nonEmpty(f.tradeId),
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.fee_records ?? []).map((r) => toResourceBill(r, cycle, customerId)), total: res.total_count ?? null }),
    options: { customerId, language },
  });

// ---- 4.7 resource detail bills ---------------------------------------------------------------------

export interface ResourceDetailBillShape extends CostRowBase, CardPaymentSplit {
  readonly resourceId: string | null;
  readonly resourceName: string | null;
  readonly productSpecDescription: string | null;
  readonly parentResourceId: string | null;
  readonly rootResourceId: string | null;
  readonly tradeId: string | null;
  readonly billDate: string | null;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly consumeAmount: Decimal;
}

function toResourceDetailBill(r: MonthlyBillRes, cycle: string, customerId: string): ResourceDetailBillShape {
  return {
    cycle: r.cycle || cycle,
    customerId: r.customer_id || customerId,
    serviceTypeCode: textOrNull(r.cloud_service_type),
    serviceTypeName: textOrNull(r.cloud_service_type_name),
    resourceTypeCode: textOrNull(r.resource_Type_code),
    resourceTypeName: textOrNull(r.resource_type_name),
    regionCode: textOrNull(r.region),
    regionName: textOrNull(r.region_name),
    enterpriseProjectId: textOrNull(r.enterprise_project_id),
    enterpriseProjectName: textOrNull(r.enterprise_project_name),
    chargeModeCode: r.charge_mode ?? null,
    billTypeCode: r.bill_type ?? null,
    resourceId: textOrNull(r.res_instance_id),
    resourceName: textOrNull(r.resource_name),
    productSpecDescription: textOrNull(r.product_spec_desc),
    parentResourceId: textOrNull(r.parent_resource_id),
    rootResourceId: textOrNull(r.root_resource_id),
    tradeId: textOrNull(r.trade_id),
    billDate: textOrNull(r.bill_date),
    officialAmount: money(r.official_amount),
    discountAmount: money(r.discount_amount),
    consumeAmount: money(r.consume_amount),
    ...cardPaymentSplit(r),
  };
}

/** `1` per billing cycle (Huawei's default), `2` per day. */
export type DetailStatistic = 1 | 2;

/** §4.7 ListCustomerselfResourceRecordDetails with the customer's token (POST body), pages of ≤ 1000. */
export const resourceDetailBillsList = (customerId: string, language: Language, cycle: string, f: CostFilters, statistic: DetailStatistic) =>
  listEndpoint({
    op: ListCustomerselfResourceRecordDetails,
    request: (offset, limit) => ({
      body: {
        cycle,
        cloud_service_type: nonEmpty(f.serviceTypeCode),
        resource_type: nonEmpty(f.resourceTypeCode),
        region: nonEmpty(f.regionCode),
        res_instance_id: nonEmpty(f.resourceId),
        charge_mode: f.chargeMode ?? undefined,
        bill_type: f.billType ?? undefined,
        enterprise_project_id: nonEmpty(f.enterpriseProjectId),
        statistic_type: statistic,
        offset,
        limit,
      },
    }),
    page: (res) => ({ items: (res.monthly_records ?? []).map((r) => toResourceDetailBill(r, cycle, customerId)), total: res.total_count ?? null }),
    options: { customerId, language },
  });

// ---- 4.10 amortised monthly costs ------------------------------------------------------------------

export interface AmortizedCostShape extends CostRowBase {
  readonly sharedMonth: string | null;
  readonly resourceId: string | null;
  readonly resourceName: string | null;
  readonly orderId: string | null;
  readonly consumeAmount: Decimal;
  readonly pastMonthsAmortizedAmount: Decimal;
  readonly currentMonthAmortizedAmount: Decimal;
  readonly futureMonthsAmortizedAmount: Decimal;
  readonly amortizedCashAmount: Decimal;
  readonly amortizedCreditAmount: Decimal;
  readonly amortizedCouponAmount: Decimal;
  readonly amortizedFlexiPurchaseCouponAmount: Decimal;
  readonly amortizedStoredValueCardAmount: Decimal;
  readonly amortizedBonusAmount: Decimal;
}

function toAmortizedCost(r: NvlCostAnalysedBillDetail, customerId: string): AmortizedCostShape {
  return {
    ...codeNamedRow(r, customerId),
    sharedMonth: textOrNull(r.shared_month),
    resourceId: textOrNull(r.resource_id),
    resourceName: textOrNull(r.resource_name),
    orderId: textOrNull(r.order_id),
    consumeAmount: money(r.consume_amount),
    pastMonthsAmortizedAmount: money(r.past_months_amortized_amount),
    currentMonthAmortizedAmount: money(r.current_month_amortized_amount),
    futureMonthsAmortizedAmount: money(r.future_months_amortized_amount),
    amortizedCashAmount: money(r.amortized_cash_amount),
    amortizedCreditAmount: money(r.amortized_credit_amount),
    amortizedCouponAmount: money(r.amortized_coupon_amount),
    amortizedFlexiPurchaseCouponAmount: money(r.amortized_flexipurchase_coupon_amount),
    amortizedStoredValueCardAmount: money(r.amortized_stored_value_card_amount),
    amortizedBonusAmount: money(r.amortized_bonus_amount),
  };
}

/** §4.10 ListCustomerBillsMonthlyBreakDown with the customer's token (`shared_month`), pages of ≤ 1000. */
export const amortizedCostsList = (customerId: string, language: Language, month: string, f: CostFilters) =>
  listEndpoint({
    op: ListCustomerBillsMonthlyBreakDown,
    request: (offset, limit) => ({
      shared_month: month,
      service_type_code: nonEmpty(f.serviceTypeCode),
      resource_type_code: nonEmpty(f.resourceTypeCode),
      region_code: nonEmpty(f.regionCode),
      charging_mode: f.chargeMode ?? undefined,
      bill_type: f.billType ?? undefined,
      resource_id: nonEmpty(f.resourceId),
      enterprise_project_id: nonEmpty(f.enterpriseProjectId),
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.details ?? []).map((r) => toAmortizedCost(r, customerId)), total: res.total_count ?? null }),
    options: { customerId, language },
  });

// ---- 4.11 cost analysis ----------------------------------------------------------------------------

export interface CostPointShape {
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  readonly period: string;
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
}

export interface CostGroupShape {
  readonly dimensions: readonly { readonly key: string; readonly value: string }[];
  readonly points: readonly CostPointShape[];
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
}

export interface CostQuery {
  /** `1` day, `2` month. */
  readonly timeMeasureId: 1 | 2;
  readonly begin: string;
  readonly end: string;
  readonly groupBy: readonly { readonly type: string; readonly key: string }[];
  readonly costType: 'ORIGINAL_COST' | 'AMORTIZED_COST';
  readonly amountType: 'PAYMENT_AMOUNT' | 'NET_AMOUNT';
  readonly filters: readonly { readonly exclude: boolean; readonly key: string; readonly values: readonly string[] }[];
}

function toCostGroup(c: CostDataByDimension): CostGroupShape {
  return {
    dimensions: (c.dimensions ?? []).map((d) => ({ key: d.key, value: d.value })),
    points: (c.costs ?? []).map((p) => ({ period: p.time_dimension_value, amount: money(p.amount), officialAmount: money(p.official_amount) })),
    amount: money(c.amount_by_costs),
    officialAmount: money(c.official_amount_by_costs),
  };
}

/** §4.11 ListCosts with the customer's token (POST body), pages of ≤ 1000 groups. */
export const costsList = (customerId: string, language: Language, q: CostQuery) =>
  listEndpoint({
    op: ListCosts,
    request: (offset, limit) => ({
      body: {
        time_condition: { time_measure_id: q.timeMeasureId, begin_time: q.begin, end_time: q.end },
        groupby: q.groupBy.map((g) => ({ type: g.type, key: g.key })),
        cost_type: q.costType,
        amount_type: q.amountType,
        filters: q.filters.length > 0 ? q.filters.map((f) => ({ operator: f.exclude ? 1 : 0, filter_factor: { key: f.key, value: [...f.values] } })) : undefined,
        offset,
        limit,
      },
    }),
    page: (res) => ({ items: (res.cost_data ?? []).map(toCostGroup), total: res.total_count ?? null }),
    options: { customerId, language },
  });

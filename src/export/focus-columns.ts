/**
 * One consumption record (ListSubCustomerBillDetail §4.2) as one FOCUS 1.2 row: every mandatory column,
 * the sub-account (customer), resource, region and consumed-quantity columns, and Huawei's own codes as
 * `x_` columns. Values are text or null: decimals exact (`formatDecimal`, the same text as the graph's
 * `Decimal`), times UTC ISO 8601 with `Z`. docs/export.md explains each derivation.
 */
import type { Decimal } from 'decimal.js';
import { formatDecimal } from '../bss/money.js';
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';
import type { CustomerShape } from '../sources/customers.js';
import { chargeKind, serviceKind } from './focus-categories.js';

export const FOCUS_VERSION = '1.2';

/** Huawei Cloud China bills in yuan; 4.2's `currency` is always CNY. */
export const BILLING_CURRENCY = 'CNY';
export const HUAWEI_CLOUD = 'Huawei Cloud';

export const FOCUS_COLUMNS = [
  // FOCUS 1.2 mandatory columns, in the spec's (alphabetical) order.
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart',
  'ContractedCost', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity', 'PricingUnit',
  'ProviderName', 'PublisherName', 'ServiceCategory', 'ServiceName', 'ServiceSubcategory',
  // Optional FOCUS columns Huawei's records can fill.
  'ConsumedQuantity', 'ConsumedUnit', 'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType',
  'SubAccountId', 'SubAccountName',
  // Huawei's own fields (FOCUS custom columns are `x_`-prefixed).
  'x_RecordId', 'x_BillCycle', 'x_ServiceTypeCode', 'x_ResourceTypeCode', 'x_ChargingMode', 'x_BillDetailType',
  'x_TradeId', 'x_TradeTime', 'x_ConsumeTime', 'x_IndirectPartnerId', 'x_PartnerId', 'x_AssociationType',
  'x_UsageType', 'x_UsageMeasureId', 'x_DiscountAmount', 'x_CashAmount', 'x_CreditAmount', 'x_CouponAmount',
  'x_FlexiPurchaseCouponAmount', 'x_StoredValueCardAmount', 'x_DebtAmount', 'x_WriteoffAmount',
  'x_FreeResourceUsage', 'x_FreeResourceUnit', 'x_ReservedInstanceUsage', 'x_ReservedInstanceUnit',
  'x_PeriodType', 'x_PeriodNum', 'x_ProductId', 'x_ProductName', 'x_ProductSpecDescription', 'x_ResourceTag',
  'x_AccountManagerId', 'x_SubServiceTypeCode', 'x_SubResourceTypeCode', 'x_SubResourceId', 'x_SubResourceName',
] as const;

export type FocusColumn = (typeof FOCUS_COLUMNS)[number];
export type FocusRow = Readonly<Record<FocusColumn, string | null>>;

export interface RowSource {
  readonly record: ConsumptionRecordShape;
  readonly customer: CustomerShape;
  /** The customer's name as this caller may see it (masked unless the caller may see personal data). */
  readonly subAccountName: string | null;
}

export interface RowContext {
  /** The partner account whose credentials the gateway holds: the account Huawei invoices. */
  readonly partnerDomainId: string;
  /** A measure id's unit name in the request's language (the cached ListMeasureUnits), null if unknown. */
  readonly unitName: (measureId: number) => string | null;
  /**
   * Service and resource type names in the request's language (the cached catalogues): a record keeps the
   * names of the language it was read in (the store's records are synced once), so the rows take the
   * catalogue's; null for a code it does not list (the record's own name then).
   */
  readonly serviceTypeName?: (code: string) => string | null;
  readonly resourceTypeName?: (code: string) => string | null;
  /** Names and descriptions in English: the spec description keeps only its language-neutral parts. */
  readonly english?: boolean;
}

/** Chinese, Japanese and Korean characters and full-width forms. */
export const CJK = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Huawei writes `product_spec_desc` in Chinese whatever X-Language says (bss-api-commerce.md §0: X-Language
 * localises name fields only), e.g. `通用计算增强型|c6.2xlarge.4|8vCPUs|32GB|linux`. In English the description
 * keeps its language-neutral parts (`c6.2xlarge.4|8vCPUs|32GB|linux`); the raw text stays in x_ProductSpecDescription.
 */
export function neutralSpecDescription(text: string): string {
  return text.split('|').filter((part) => part !== '' && !CJK.test(part)).join('|');
}

const HOUR_MS = 3_600_000;

/** E5 `period_type` → how long one period lasts (metered usage) and its name as a pricing unit. */
export const PERIODS: ReadonlyMap<number, { readonly ms: number | null; readonly unit: string }> = new Map([
  [19, { ms: null, unit: 'Year' }],
  [20, { ms: null, unit: 'Month' }],
  [24, { ms: 24 * HOUR_MS, unit: 'Day' }],
  [25, { ms: HOUR_MS, unit: 'Hour' }],
  [5, { ms: null, unit: 'One-off' }],
]);

const dec = (value: Decimal | null): string | null => (value === null ? null : formatDecimal(value));
const int = (value: number | null): string | null => (value === null ? null : String(value));

/** UTC ISO 8601 with `Z`; whole seconds without the `.000` FOCUS examples never show. */
export function isoTime(value: Date): string {
  return value.toISOString().replace('.000Z', 'Z');
}

/** A `YYYY-MM` cycle is a Beijing-time (UTC+8) month: 2026-10 → [2026-09-30T16:00:00Z, 2026-10-31T16:00:00Z). */
export function billingPeriod(cycle: string): { start: Date; end: Date } {
  const [year, month] = cycle.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, month - 1, 1) - 8 * HOUR_MS), end: new Date(Date.UTC(year, month, 1) - 8 * HOUR_MS) };
}

/**
 * The charge period: metered usage covers its hour or day from `consume_time`; any other record (an order's
 * charge, a refund, an adjustment) happened at one instant, given a one-second window so End > Start.
 */
const periodTexts = new Map<string, { readonly start: Date; readonly startText: string; readonly endText: string }>();

/** Every row of a cycle shares its billing period: computed and written once per cycle. */
function billingPeriodTexts(cycle: string): { readonly start: Date; readonly startText: string; readonly endText: string } {
  let texts = periodTexts.get(cycle);
  if (!texts) {
    const { start, end } = billingPeriod(cycle);
    texts = { start, startText: isoTime(start), endText: isoTime(end) };
    // One entry per month ever exported: twelve a year.
    periodTexts.set(cycle, texts);
  }
  return texts;
}

function chargePeriod(r: ConsumptionRecordShape, fallback: Date): { start: Date; end: Date } {
  const start = r.consumeTime ?? r.tradeTime ?? fallback;
  const periodMs = r.periodTypeCode === null ? null : (PERIODS.get(r.periodTypeCode)?.ms ?? null);
  const usage = chargeKind(r.billTypeCode, r.chargeModeCode).category === 'Usage';
  return { start, end: new Date(start.getTime() + (usage && periodMs !== null ? periodMs : 1000)) };
}

/**
 * Who issues the customer's invoice: Huawei Cloud for referral customers (association type 1, Huawei bills
 * them directly); for resale customers (2) the partner that sells: the customer's reseller, else the partner
 * itself, named by account id (a name would cost an upstream call per export).
 */
function invoiceIssuer(customer: CustomerShape, record: ConsumptionRecordShape, ctx: RowContext): string {
  const association = record.associationType ?? customer.associationType;
  if (association !== '2') return HUAWEI_CLOUD;
  return customer.indirectPartnerId ?? ctx.partnerDomainId;
}

function unit(ctx: RowContext, measureId: number | null): string | null {
  return measureId === null ? null : (ctx.unitName(measureId) ?? String(measureId));
}

export function focusRow({ record: r, customer, subAccountName }: RowSource, ctx: RowContext): FocusRow {
  const kind = chargeKind(r.billTypeCode, r.chargeModeCode);
  const service = serviceKind(r.serviceTypeCode);
  const billing = billingPeriodTexts(r.cycle);
  const charge = chargePeriod(r, billing.start);
  const usage = kind.category === 'Usage' && r.usageAmount !== null;
  const period = r.periodTypeCode === null ? undefined : PERIODS.get(r.periodTypeCode);
  // FOCUS: PricingQuantity is required for Usage and Purchase rows; metered usage is priced per its own
  // unit, an order per period bought (period_num, else one), a credit or adjustment has none.
  const pricing =
    usage ? { quantity: dec(r.usageAmount), unit: unit(ctx, r.usageMeasureId) }
    : kind.category === 'Usage' || kind.category === 'Purchase' ? { quantity: r.periodNum ? formatDecimal(r.periodNum) : '1', unit: period?.unit ?? 'Unit' }
    : { quantity: null, unit: null };
  const serviceName = ctx.serviceTypeName?.(r.serviceTypeCode) || r.serviceTypeName || r.serviceTypeCode;
  const billed = formatDecimal(r.paymentAmount);
  const resourceTypeName = ctx.resourceTypeName?.(r.resourceTypeCode) || r.resourceTypeName || r.resourceTypeCode;
  const spec = r.productSpecDescription && ctx.english ? neutralSpecDescription(r.productSpecDescription) : r.productSpecDescription;
  return {
    BilledCost: billed,
    BillingAccountId: ctx.partnerDomainId,
    BillingAccountName: null,
    BillingCurrency: BILLING_CURRENCY,
    BillingPeriodEnd: billing.endText,
    BillingPeriodStart: billing.startText,
    ChargeCategory: kind.category,
    ChargeClass: kind.correction ? 'Correction' : null,
    ChargeDescription: spec ? `${resourceTypeName}: ${spec}` : resourceTypeName,
    ChargeFrequency: kind.frequency,
    ChargePeriodEnd: isoTime(charge.end),
    ChargePeriodStart: isoTime(charge.start),
    // Huawei's discount (official_discount_amount) is the negotiated one; there are no commitment discounts here.
    ContractedCost: formatDecimal(r.officialAmount.minus(r.discountAmount)),
    // No amortisation: a prepaid order's cost stays on the row that bought it.
    EffectiveCost: billed,
    InvoiceIssuerName: invoiceIssuer(customer, r, ctx),
    ListCost: formatDecimal(r.officialAmount),
    PricingQuantity: pricing.quantity,
    PricingUnit: pricing.unit,
    ProviderName: HUAWEI_CLOUD,
    PublisherName: HUAWEI_CLOUD,
    ServiceCategory: service.category,
    ServiceName: serviceName,
    ServiceSubcategory: service.subcategory,
    ConsumedQuantity: usage ? dec(r.usageAmount) : null,
    ConsumedUnit: usage ? unit(ctx, r.usageMeasureId) : null,
    RegionId: r.regionCode,
    RegionName: r.regionName,
    ResourceId: r.resourceId,
    ResourceName: r.resourceName,
    ResourceType: ctx.resourceTypeName?.(r.resourceTypeCode) || r.resourceTypeName || null,
    SubAccountId: r.customerId,
    SubAccountName: subAccountName,
    x_RecordId: r.id,
    x_BillCycle: r.cycle,
    x_ServiceTypeCode: r.serviceTypeCode,
    x_ResourceTypeCode: r.resourceTypeCode,
    x_ChargingMode: int(r.chargeModeCode),
    x_BillDetailType: int(r.billTypeCode),
    x_TradeId: r.tradeId,
    x_TradeTime: r.tradeTime ? isoTime(r.tradeTime) : null,
    x_ConsumeTime: r.consumeTime ? isoTime(r.consumeTime) : null,
    x_IndirectPartnerId: customer.indirectPartnerId,
    x_PartnerId: r.partnerId,
    x_AssociationType: r.associationType ?? customer.associationType,
    x_UsageType: r.usageTypeCode,
    x_UsageMeasureId: int(r.usageMeasureId),
    x_DiscountAmount: formatDecimal(r.discountAmount),
    x_CashAmount: dec(r.cashAmount),
    x_CreditAmount: dec(r.creditAmount),
    x_CouponAmount: dec(r.couponAmount),
    x_FlexiPurchaseCouponAmount: dec(r.flexiPurchaseCouponAmount),
    x_StoredValueCardAmount: dec(r.storedValueCardAmount),
    x_DebtAmount: dec(r.debtAmount),
    x_WriteoffAmount: dec(r.writeoffAmount),
    x_FreeResourceUsage: dec(r.freeResourceUsage),
    x_FreeResourceUnit: r.freeResourceUsage === null ? null : unit(ctx, r.freeResourceMeasureId),
    x_ReservedInstanceUsage: dec(r.reservedInstanceUsage),
    x_ReservedInstanceUnit: r.reservedInstanceUsage === null ? null : unit(ctx, r.reservedInstanceMeasureId),
    x_PeriodType: int(r.periodTypeCode),
    x_PeriodNum: dec(r.periodNum),
    x_ProductId: r.productId,
    x_ProductName: r.productName,
    x_ProductSpecDescription: r.productSpecDescription,
    x_ResourceTag: r.resourceTag,
    x_AccountManagerId: r.accountManagerId,
    x_SubServiceTypeCode: r.subServiceTypeCode,
    x_SubResourceTypeCode: r.subResourceTypeCode,
    x_SubResourceId: r.subResourceId,
    x_SubResourceName: r.subResourceName,
  };
}

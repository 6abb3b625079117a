/**
 * CSV formula-injection guard (OWASP "CSV Injection"): a spreadsheet opening the CSV runs a cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a customer who names a resource
 * `=HYPERLINK(…)` would get it run on the partner's desktop. Such a cell of a free-text column is written
 * with a leading `'` (OWASP's advice; spreadsheets show the text, not a result). Only the CSV is guarded:
 * NDJSON is read by programs, never opened as a sheet, and keeps every value byte for byte.
 *
 * Every column is classified here, so a column added to FOCUS_COLUMNS does not compile until someone has
 * decided whether its text can carry a formula.
 */
import { FOCUS_COLUMNS, type FocusColumn } from './focus-columns.js';

/**
 * How a column is filled (src/export/focus-columns.ts `focusRow`), which decides whether it is guarded:
 * - `text`: names and descriptions, free text. Customers write resource names, tags, spec descriptions and
 *   their own names; Huawei's localised names (services, regions, resource types, units) are text it may
 *   change at will. Guarded: a harmless name that starts with a trigger (`-backup`) gains a `'`, a small
 *   price against a formula run on the partner's machine (NDJSON has the raw text).
 * - `decimal`: amounts and quantities (`formatDecimal`). Never guarded: a refund's `-1.50` must stay a
 *   number a spreadsheet sums, and its text must stay exact.
 * - `id`: account, record, resource, trade and product ids, copied into other systems to join on; an
 *   altered id joins nothing. Ids are Huawei's, not free text.
 * - `code`: Huawei's codes (service/resource type codes, E1/E2/E5 numbers, association type) and the fixed
 *   FOCUS values this gateway writes itself (categories, currency, provider): a closed vocabulary.
 * - `time`: ISO 8601 instants and `YYYY-MM` cycles, written by the gateway.
 */
export type ColumnKind = 'text' | 'decimal' | 'id' | 'code' | 'time';

const COLUMN_KINDS: Readonly<Record<FocusColumn, ColumnKind>> = {
  BilledCost: 'decimal',
  BillingAccountId: 'id',
  // null today (the name would cost a call); a name once filled.
  BillingAccountName: 'text',
  BillingCurrency: 'code',
  BillingPeriodEnd: 'time',
  BillingPeriodStart: 'time',
  ChargeCategory: 'code',
  ChargeClass: 'code',
  // The resource type name and the product's spec description.
  ChargeDescription: 'text',
  ChargeFrequency: 'code',
  ChargePeriodEnd: 'time',
  ChargePeriodStart: 'time',
  ContractedCost: 'decimal',
  EffectiveCost: 'decimal',
  // `Huawei Cloud`, or the reseller's / partner's account id (never a name: see focusRow's invoiceIssuer).
  InvoiceIssuerName: 'id',
  ListCost: 'decimal',
  PricingQuantity: 'decimal',
  // A unit name from ListMeasureUnits, or a period unit (`Month`, …).
  PricingUnit: 'text',
  ProviderName: 'code',
  PublisherName: 'code',
  ServiceCategory: 'code',
  ServiceName: 'text',
  ServiceSubcategory: 'code',
  ConsumedQuantity: 'decimal',
  ConsumedUnit: 'text',
  RegionId: 'code',
  RegionName: 'text',
  ResourceId: 'id',
  ResourceName: 'text',
  // The resource type's name (its code is x_ResourceTypeCode).
  ResourceType: 'text',
  SubAccountId: 'id',
  SubAccountName: 'text',
  x_RecordId: 'id',
  x_BillCycle: 'time',
  x_ServiceTypeCode: 'code',
  x_ResourceTypeCode: 'code',
  x_ChargingMode: 'code',
  x_BillDetailType: 'code',
  x_TradeId: 'id',
  x_TradeTime: 'time',
  x_ConsumeTime: 'time',
  x_IndirectPartnerId: 'id',
  x_PartnerId: 'id',
  x_AssociationType: 'code',
  x_UsageType: 'code',
  x_UsageMeasureId: 'id',
  x_DiscountAmount: 'decimal',
  x_CashAmount: 'decimal',
  x_CreditAmount: 'decimal',
  x_CouponAmount: 'decimal',
  x_FlexiPurchaseCouponAmount: 'decimal',
  x_StoredValueCardAmount: 'decimal',
  x_DebtAmount: 'decimal',
  x_WriteoffAmount: 'decimal',
  x_FreeResourceUsage: 'decimal',
  x_FreeResourceUnit: 'text',
  x_ReservedInstanceUsage: 'decimal',
  x_ReservedInstanceUnit: 'text',
  x_PeriodType: 'code',
  x_PeriodNum: 'decimal',
  x_ProductId: 'id',
  x_ProductName: 'text',
  x_ProductSpecDescription: 'text',
  x_ResourceTag: 'text',
  x_AccountManagerId: 'id',
  x_SubServiceTypeCode: 'code',
  x_SubResourceTypeCode: 'code',
  x_SubResourceId: 'id',
  x_SubResourceName: 'text',
};

/** A column's kind (the store's export needs no quoting check for decimals and times). */
export function columnKind(column: FocusColumn): ColumnKind {
  return COLUMN_KINDS[column];
}

/** The columns whose CSV cells are guarded, in FOCUS_COLUMNS order. */
export const GUARDED_COLUMNS: readonly FocusColumn[] = FOCUS_COLUMNS.filter((c) => COLUMN_KINDS[c] === 'text');

/** `=`, `+`, `-`, `@`, tab, carriage return: the first characters that make a spreadsheet cell a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A free-text value as a CSV cell: prefixed with `'` when it would start a formula; null stays null. */
export function guardFormula(value: string | null): string | null {
  return value !== null && FORMULA_START.test(value) ? `'${value}` : value;
}

/** What the CSV writes in a column for a value (before RFC 4180 quoting): the guard on text columns only. */
export function csvCellText(column: FocusColumn, value: string | null): string | null {
  return COLUMN_KINDS[column] === 'text' ? guardFormula(value) : value;
}

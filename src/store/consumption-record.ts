/**
 * A consumption record as the store keeps and returns it (the gateway's ConsumptionRecordShape), and its
 * mapping to and from table rows: here and nowhere else.
 */
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';
import type { ConsumptionRecordsTable } from './database.js';
import { fromNumeric, fromNumericOrNull, toNumeric, toNumericOrNull } from './numeric.js';
import type { Selectable } from 'kysely';

/**
 * The record the store keeps and returns is the gateway's own consumption record (src/sources), field for
 * field: a record read from the store and one pulled live are interchangeable by construction.
 */
export type StoredConsumptionRecord = ConsumptionRecordShape;

export type ConsumptionRecordRow = Selectable<ConsumptionRecordsTable>;

/** A record's columns besides its unit's key (cycle, scope, customer), as the sync writes them. */
export type RecordColumns = Omit<ConsumptionRecordRow, 'cycle' | 'indirect_partner_id' | 'scope_key' | 'customer_id'>;

/**
 * The columns `json_to_recordset` reads a batch of records as (replace-customer-cycle.ts), in table order.
 * The types are the table's: NUMERIC from exact text, timestamptz from ISO text.
 */
export const RECORD_COLUMN_TYPES: ReadonlyArray<readonly [keyof RecordColumns, string]> = [
  ['record_id', 'text'], ['association_type', 'text'], ['service_type_code', 'text'], ['service_type_name', 'text'],
  ['resource_type_code', 'text'], ['resource_type_name', 'text'], ['charge_mode', 'integer'], ['bill_type', 'integer'],
  ['trade_id', 'text'], ['trade_time', 'timestamptz'], ['consume_time', 'timestamptz'], ['resource_id', 'text'],
  ['resource_name', 'text'], ['resource_tag', 'text'], ['product_spec_description', 'text'], ['region_code', 'text'],
  ['region_name', 'text'], ['product_id', 'text'], ['product_name', 'text'], ['usage_type_code', 'text'],
  ['usage_amount', 'numeric'], ['usage_measure_id', 'integer'], ['free_resource_usage', 'numeric'],
  ['free_resource_measure_id', 'integer'], ['reserved_instance_usage', 'numeric'], ['reserved_instance_measure_id', 'integer'],
  ['official_amount', 'numeric'], ['discount_amount', 'numeric'], ['payment_amount', 'numeric'], ['cash_amount', 'numeric'],
  ['credit_amount', 'numeric'], ['coupon_amount', 'numeric'], ['flexi_purchase_coupon_amount', 'numeric'],
  ['stored_value_card_amount', 'numeric'], ['debt_amount', 'numeric'], ['writeoff_amount', 'numeric'], ['period_type', 'integer'],
  ['period_num', 'numeric'], ['account_manager_id', 'text'], ['partner_id', 'text'], ['sub_service_type_code', 'text'],
  ['sub_service_type_name', 'text'], ['sub_resource_type_code', 'text'], ['sub_resource_type_name', 'text'],
  ['sub_resource_id', 'text'], ['sub_resource_name', 'text'],
];

/** A record's columns for a write (JSON-safe: decimals as exact text, times as ISO text). */
export function recordColumns(r: StoredConsumptionRecord): Record<keyof RecordColumns, string | number | null> {
  return {
    record_id: r.id,
    association_type: r.associationType,
    service_type_code: r.serviceTypeCode,
    service_type_name: r.serviceTypeName,
    resource_type_code: r.resourceTypeCode,
    resource_type_name: r.resourceTypeName,
    charge_mode: r.chargeModeCode,
    bill_type: r.billTypeCode,
    trade_id: r.tradeId,
    trade_time: r.tradeTime?.toISOString() ?? null,
    consume_time: r.consumeTime?.toISOString() ?? null,
    resource_id: r.resourceId,
    resource_name: r.resourceName,
    resource_tag: r.resourceTag,
    product_spec_description: r.productSpecDescription,
    // '' is "no region" in rollups; the records keep NULL for it.
    region_code: r.regionCode || null,
    region_name: r.regionName,
    product_id: r.productId,
    product_name: r.productName,
    usage_type_code: r.usageTypeCode,
    usage_amount: toNumericOrNull(r.usageAmount),
    usage_measure_id: r.usageMeasureId,
    free_resource_usage: toNumericOrNull(r.freeResourceUsage),
    free_resource_measure_id: r.freeResourceMeasureId,
    reserved_instance_usage: toNumericOrNull(r.reservedInstanceUsage),
    reserved_instance_measure_id: r.reservedInstanceMeasureId,
    official_amount: toNumeric(r.officialAmount),
    discount_amount: toNumeric(r.discountAmount),
    payment_amount: toNumeric(r.paymentAmount),
    cash_amount: toNumericOrNull(r.cashAmount),
    credit_amount: toNumericOrNull(r.creditAmount),
    coupon_amount: toNumericOrNull(r.couponAmount),
    flexi_purchase_coupon_amount: toNumericOrNull(r.flexiPurchaseCouponAmount),
    stored_value_card_amount: toNumericOrNull(r.storedValueCardAmount),
    debt_amount: toNumericOrNull(r.debtAmount),
    writeoff_amount: toNumericOrNull(r.writeoffAmount),
    period_type: r.periodTypeCode,
    period_num: toNumericOrNull(r.periodNum),
    account_manager_id: r.accountManagerId,
    partner_id: r.partnerId,
    sub_service_type_code: r.subServiceTypeCode,
    sub_service_type_name: r.subServiceTypeName,
    sub_resource_type_code: r.subResourceTypeCode,
    sub_resource_type_name: r.subResourceTypeName,
    sub_resource_id: r.subResourceId,
    sub_resource_name: r.subResourceName,
  };
}

export function recordFromRow(row: ConsumptionRecordRow): StoredConsumptionRecord {
  return {
    id: row.record_id,
    cycle: row.cycle,
    customerId: row.customer_id,
    indirectPartnerId: row.indirect_partner_id,
    associationType: row.association_type,
    serviceTypeCode: row.service_type_code,
    serviceTypeName: row.service_type_name,
    resourceTypeCode: row.resource_type_code,
    resourceTypeName: row.resource_type_name,
    chargeModeCode: row.charge_mode,
    billTypeCode: row.bill_type,
    tradeId: row.trade_id,
    tradeTime: row.trade_time,
    consumeTime: row.consume_time,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    resourceTag: row.resource_tag,
    productSpecDescription: row.product_spec_description,
    regionCode: row.region_code,
    regionName: row.region_name,
    productId: row.product_id,
    productName: row.product_name,
    usageTypeCode: row.usage_type_code,
    usageAmount: fromNumericOrNull(row.usage_amount),
    usageMeasureId: row.usage_measure_id,
    freeResourceUsage: fromNumericOrNull(row.free_resource_usage),
    freeResourceMeasureId: row.free_resource_measure_id,
    reservedInstanceUsage: fromNumericOrNull(row.reserved_instance_usage),
    reservedInstanceMeasureId: row.reserved_instance_measure_id,
    officialAmount: fromNumeric(row.official_amount),
    discountAmount: fromNumeric(row.discount_amount),
    paymentAmount: fromNumeric(row.payment_amount),
    cashAmount: fromNumericOrNull(row.cash_amount),
    creditAmount: fromNumericOrNull(row.credit_amount),
    couponAmount: fromNumericOrNull(row.coupon_amount),
    flexiPurchaseCouponAmount: fromNumericOrNull(row.flexi_purchase_coupon_amount),
    storedValueCardAmount: fromNumericOrNull(row.stored_value_card_amount),
    debtAmount: fromNumericOrNull(row.debt_amount),
    writeoffAmount: fromNumericOrNull(row.writeoff_amount),
    periodTypeCode: row.period_type,
    periodNum: fromNumericOrNull(row.period_num),
    accountManagerId: row.account_manager_id,
    partnerId: row.partner_id,
    subServiceTypeCode: row.sub_service_type_code,
    subServiceTypeName: row.sub_service_type_name,
    subResourceTypeCode: row.sub_resource_type_code,
    subResourceTypeName: row.sub_resource_type_name,
    subResourceId: row.sub_resource_id,
    subResourceName: row.sub_resource_name,
  };
}

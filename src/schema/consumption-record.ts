/**
 * `ConsumptionRecord` (ListSubCustomerBillDetail §4.2) with its usage quantities, convertible through the
 * upstream conversions table, its edges (customer, order, resource, reference data) and its node refetch. The
 * `consumption(…)` views that list records are in consumption.ts.
 */
import type { Decimal } from 'decimal.js';
import { requireScope } from '../auth/scope.js';
import type { GraphQLContext } from '../context.js';
import { billCustomer } from '../resolvers/bill.js';
import { decodeConsumptionRecordKey, encodeConsumptionRecordKey, type ConsumptionRecordShape } from '../sources/consumption-records.js';
import { regionByCode } from '../sources/geography.js';
import { encodeOrderKey } from '../sources/orders.js';
import { measureUnitById, resourceTypeByCode, serviceTypeByCode, usageTypes } from '../sources/reference.js';
import { encodeResourceKey } from '../sources/resources.js';
import { CONVERSION_DECIMALS, convertQuantity, type QuantityShape } from '../resolvers/usage-conversion.js';
import { builder } from './builder.js';
import { BillDetailType, BillPeriodType, ChargeMode, billDetailType, billPeriodType, chargeMode, tradeIsOrder } from './bill-enums.js';
import { Customer } from './customer.js';
import { Region } from './geography.js';
import { Order } from './order.js';
import { MeasureUnit, ResourceType, ServiceType } from './reference.js';
import { Resource } from './resource.js';
import { UsageType } from './usage-type.js';

/** A quantity converted when a unit is asked for (no unit: as the record has it, no lookup). */
const convertUsage = (ctx: GraphQLContext, q: QuantityShape | null, unit: string | null | undefined): QuantityShape | Promise<QuantityShape> | null =>
  q === null ? null : convertQuantity(ctx, q, unit);

// ---------------------------------------------------------------------------------------------------------
// ConsumptionRecord (4.2)


export const UsageQuantity = builder.objectRef<QuantityShape>('UsageQuantity').implement({
  description:
    'A metered quantity and its unit (e.g. 3600 seconds, 12.5 GB), as the record has it or converted with `unit:` ' +
    'through the upstream conversions table (see docs/consumption.md).',
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Decimal', description: 'The quantity: exact, unless `exact` is false.' }),
    exact: t.exposeBoolean('exact', {
      description:
        `False only when a conversion's quotient does not terminate (e.g. seconds → days): then \`amount\` is rounded half-up to ${CONVERSION_DECIMALS} decimal places.`,
    }),
    measureId: t.exposeInt('measureId', { nullable: true, description: 'The raw unit id (`*_measure_id`).' }),
    unit: t.field({
      type: MeasureUnit,
      nullable: true,
      description: 'The unit, from the cached measurement units (ListMeasureUnits, no call per record).',
      resolve: (q, _args, ctx) => (q.measureId === null ? null : measureUnitById(ctx, q.measureId)),
    }),
  }),
});

const quantity = (amount: Decimal | null, measureId: number | null): QuantityShape | null => (amount === null ? null : { amount, measureId, exact: true });

/** The optional `unit` argument of the usage fields. */
const UNIT_ARG_DESCRIPTION =
  'Convert to this unit: a name people type ("GB", "MB", "hour", "minutes"), a measure id as text (e.g. "11") or an ' +
  'abbreviation or name as `measureUnits` lists it (e.g. "M"), read in the ' +
  'quantity\'s own measure type. Converted through the cached ListConversions table, exactly; no path or another measure type is ' +
  'the error UNIT_CONVERSION_NOT_FOUND. Omitted: the unit the record has.';

export const ConsumptionRecord = builder.objectRef<ConsumptionRecordShape>('ConsumptionRecord');

builder.node(ConsumptionRecord, {
  description:
    'One consumption (detail) record of a customer (`SubCustomerMonthlyBillDetail`, ListSubCustomerBillDetail ' +
    '`GET /v2/bills/subcustomer-bills/res-fee-records`, bss-api-commerce.md §4.2): a usage record, or an order\'s ' +
    'charge or refund for one resource. Amounts are the raw rated amounts with up to 8 decimals.',
  id: { resolve: (r) => encodeConsumptionRecordKey(r) },
  // The key names the scope the record was read in: a reseller key may refetch only its own (the bill cache
  // behind the loader checks the customer too, as it answers without an upstream call).
  loadOne: (id, ctx) => {
    const key = decodeConsumptionRecordKey(id);
    if (!key) return null;
    requireScope(ctx.caller, key.indirectPartnerId);
    return ctx.loaders.consumptionRecord.load(id);
  },
  fields: (t) => ({
    recordId: t.exposeString('id', { description: 'The record\'s unique id upstream (`id`).' }),
    cycle: t.expose('cycle', { type: 'BillingCycle', description: 'The billing cycle (`bill_cycle`).' }),
    customerId: t.exposeString('customerId', { description: 'The customer account id.' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer (free when listed under it, or when only its id is selected; else the customer loader).',
      resolve: (r, _args, ctx, info) => billCustomer(ctx, info, r.customerId, r.indirectPartnerId),
    }),
    serviceType: t.field({
      type: ServiceType,
      description: 'The service type (`service_type_code`), from the cached catalogue.',
      resolve: (r, _args, ctx) => serviceTypeByCode(ctx, r.serviceTypeCode, r.serviceTypeName),
    }),
    resourceType: t.field({
      type: ResourceType,
      description: 'The resource type (`resource_type_code`), from the cached catalogue.',
      resolve: (r, _args, ctx) => resourceTypeByCode(ctx, r.resourceTypeCode, r.resourceTypeName),
    }),
    chargeMode: t.field({ type: ChargeMode, description: 'The charge mode (E1).', resolve: (r) => chargeMode(r.chargeModeCode) }),
    chargeModeCode: t.exposeInt('chargeModeCode', { nullable: true, description: 'The raw `charging_mode` code (E1).' }),
    billType: t.field({ type: BillDetailType, description: 'The bill type (E2 `bill_detail_type`).', resolve: (r) => billDetailType(r.billTypeCode) }),
    billTypeCode: t.exposeInt('billTypeCode', { nullable: true, description: 'The raw `bill_detail_type` code (E2).' }),
    tradeId: t.exposeString('tradeId', {
      nullable: true,
      description: 'The order id for bill types NEW_PURCHASE, RENEWAL, MODIFICATION, UNSUBSCRIPTION and AUTO_RENEWAL; a transaction id otherwise.',
    }),
    tradeTime: t.expose('tradeTime', { type: 'DateTime', nullable: true, description: 'When the amount was deducted (`trade_time`).' }),
    consumeTime: t.expose('consumeTime', {
      type: 'DateTime',
      nullable: true,
      description: 'When the consumption happened (`consume_time`): the payment time of an order, the usage time of pay-per-use.',
    }),
    order: t.field({
      type: Order,
      nullable: true,
      description:
        'The order behind an order-type record (`trade_id`), through the order loader: one ListCustomerOrders call per ' +
        'distinct order of the page (no id-list endpoint). Null, without a call, for other bill types.',
      resolve: (r, _args, ctx) =>
        r.tradeId && tradeIsOrder(r.billTypeCode) ? ctx.loaders.order.load(encodeOrderKey({ orderId: r.tradeId, indirectPartnerId: r.indirectPartnerId })) : null,
    }),
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource id (`resource_id`).' }),
    resourceName: t.exposeString('resourceName', { nullable: true, description: 'The resource name (`resource_name`).' }),
    resourceTag: t.exposeString('resourceTag', { nullable: true, description: 'The resource\'s tags (`resource_tag`).' }),
    resource: t.field({
      type: Resource,
      nullable: true,
      description:
        'The resource, if it still exists: yearly/monthly through the resource loader (ListPayPerUseCustomerResources, ' +
        '≤ 50 ids per call per customer), pay-per-use through ListCustomerOnDemandResources (resale customers only, ' +
        '≤ 50 ids per call). Null, without a call, for other charge modes and for consultative-sales customers\' pay-per-use records.',
      resolve: (r, _args, ctx) => recordResource(ctx, r),
    }),
    productSpecDescription: t.exposeString('productSpecDescription', { nullable: true, description: 'The spec description (`product_spec_desc`).' }),
    region: t.field({
      type: Region,
      nullable: true,
      description: 'The region (`region_code`, `region_name`).',
      resolve: (r, _args, ctx) => (r.regionCode ? regionByCode(ctx, r.regionCode, r.regionName) : null),
    }),
    productId: t.exposeString('productId', { nullable: true, description: 'The product id (`product_id`).' }),
    productName: t.exposeString('productName', { nullable: true, description: 'The product name (`product_name`).' }),
    usageTypeCode: t.exposeString('usageTypeCode', { nullable: true, description: 'The raw usage type code (`usage_type`).' }),
    usageType: t.field({
      type: UsageType,
      nullable: true,
      description: 'The usage type metered (`usage_type`), from the cached usage types of the record\'s resource type.',
      resolve: async (r, _args, ctx) =>
        r.usageTypeCode ? ((await usageTypes(ctx, r.resourceTypeCode)).find((u) => u.code === r.usageTypeCode) ?? null) : null,
    }),
    usage: t.field({
      type: UsageQuantity,
      nullable: true,
      description: 'The usage (`usage_amount`, `usage_measure_id`); null for order records.',
      args: { unit: t.arg.string({ description: UNIT_ARG_DESCRIPTION }) },
      resolve: (r, args, ctx) => convertUsage(ctx, quantity(r.usageAmount, r.usageMeasureId), args.unit),
    }),
    freeResourceUsage: t.field({
      type: UsageQuantity,
      nullable: true,
      description: 'Usage covered by resource packages (`free_resource_usage`, `free_resource_measure_id`).',
      args: { unit: t.arg.string({ description: UNIT_ARG_DESCRIPTION }) },
      resolve: (r, args, ctx) => convertUsage(ctx, quantity(r.freeResourceUsage, r.freeResourceMeasureId), args.unit),
    }),
    reservedInstanceUsage: t.field({
      type: UsageQuantity,
      nullable: true,
      description: 'Reserved-instance usage (`ri_usage`, `ri_usage_measure_id`).',
      args: { unit: t.arg.string({ description: UNIT_ARG_DESCRIPTION }) },
      resolve: (r, args, ctx) => convertUsage(ctx, quantity(r.reservedInstanceUsage, r.reservedInstanceMeasureId), args.unit),
    }),
    officialAmount: t.expose('officialAmount', { type: 'Decimal', description: 'List price (`official_amount`), yuan.' }),
    discountAmount: t.expose('discountAmount', { type: 'Decimal', description: 'Discount off the list price (`official_discount_amount`).' }),
    paymentAmount: t.expose('paymentAmount', { type: 'Decimal', description: 'Amount due (`payment_amount`); negative for refunds.' }),
    cashAmount: t.expose('cashAmount', { type: 'Decimal', nullable: true, description: 'Paid from the cash account (`cash_amount`).' }),
    creditAmount: t.expose('creditAmount', { type: 'Decimal', nullable: true, description: 'Paid from the credit account (`credit_amount`).' }),
    couponAmount: t.expose('couponAmount', { type: 'Decimal', nullable: true, description: 'Paid with cash coupons (`coupon_amount`).' }),
    flexiPurchaseCouponAmount: t.expose('flexiPurchaseCouponAmount', {
      type: 'Decimal', nullable: true, description: 'Paid with flexi-purchase coupons (`flexipurchase_coupon_amount`).',
    }),
    storedValueCardAmount: t.expose('storedValueCardAmount', {
      type: 'Decimal', nullable: true, description: 'Paid with stored-value cards (`stored_value_card_amount`).',
    }),
    debtAmount: t.expose('debtAmount', { type: 'Decimal', nullable: true, description: 'Owed: the account lacked funds (`debt_amount`).' }),
    writeoffAmount: t.expose('writeoffAmount', { type: 'Decimal', nullable: true, description: 'Debt written off (`writeoff_amount`).' }),
    periodType: t.field({ type: BillPeriodType, description: 'The billing period (E5 `period_type`).', resolve: (r) => billPeriodType(r.periodTypeCode) }),
    periodTypeCode: t.exposeInt('periodTypeCode', { nullable: true, description: 'The raw `period_type` code (E5).' }),
    periodCount: t.expose('periodNum', { type: 'Decimal', nullable: true, description: 'Number of periods (`period_num`).' }),
    accountManagerId: t.exposeString('accountManagerId', { nullable: true, description: 'The customer\'s account manager (`account_manager_id`).' }),
    indirectPartnerId: t.exposeString('partnerId', { nullable: true, description: 'The reseller the customer was associated with (`partner_id`).' }),
    subServiceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'For a whole-machine bundle: the sub-service\'s own service type (`sub_service_type_code`).',
      resolve: (r, _args, ctx) => (r.subServiceTypeCode ? serviceTypeByCode(ctx, r.subServiceTypeCode, r.subServiceTypeName) : null),
    }),
    subResourceType: t.field({
      type: ResourceType,
      nullable: true,
      description: 'For a whole-machine bundle: the sub-resource\'s type (`sub_resource_type_code`).',
      resolve: (r, _args, ctx) => (r.subResourceTypeCode ? resourceTypeByCode(ctx, r.subResourceTypeCode, r.subResourceTypeName) : null),
    }),
    subResourceId: t.exposeString('subResourceId', { nullable: true, description: 'The sub-resource id (`sub_resource_id`; a reserved instance id for RIs).' }),
    subResourceName: t.exposeString('subResourceName', { nullable: true, description: 'The sub-resource name (`sub_resource_name`).' }),
  }),
});

/** E1 1 → the yearly/monthly list, E1 3 → the pay-per-use list (visible for resale customers only, §3.2). */
function recordResource(ctx: GraphQLContext, r: ConsumptionRecordShape) {
  if (!r.resourceId) return null;
  const key = encodeResourceKey({ customerId: r.customerId, indirectPartnerId: r.indirectPartnerId, resourceId: r.resourceId });
  if (r.chargeModeCode === 1) return ctx.loaders.periodResource.load(key);
  if (r.chargeModeCode === 3 && r.associationType === '2') return ctx.loaders.onDemandResource.load(key);
  return null;
}

export const ConsumptionRecordConnection = builder.connectionObject(
  { type: ConsumptionRecord, name: 'ConsumptionRecordConnection' },
  { name: 'ConsumptionRecordEdge' },
);


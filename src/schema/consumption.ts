/**
 * Consumption (ListSubCustomerBillDetail §4.2): `ConsumptionRecord` with its usage quantities (convertible
 * through the upstream conversions table), and the `consumption(…)` views on `Customer`, `IndirectPartner` and
 * `Partner`: exact decimal totals, breakdowns and the records, for one cycle or a range of cycles.
 * Behaviour lives in src/resolvers/consumption.ts (views, sums), consumption-pull.ts (partner-wide pulls) and
 * usage-conversion.ts; loaders in src/loaders/bill-loaders.ts; upstream costs in docs/cost/bills.md.
 */
import type { Decimal } from 'decimal.js';
import { requireScope, scopeFor, wholeScopeFor } from '../auth/scope.js';
import { openCycleOf, type GraphQLContext } from '../context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { billCustomer, selectsCustomerDetails } from '../resolvers/bill.js';
import {
  consumptionBreakdown, consumptionByCycle, consumptionCycles, consumptionRecordsConnection, consumptionSums,
  type ConsumptionGroupShape, type ConsumptionSums, type ConsumptionViewShape, type CycleArgs, type CycleConsumptionShape,
} from '../resolvers/consumption.js';
import {
  consumptionPullKey, decodeConsumptionRecordKey, encodeConsumptionRecordKey,
  type ConsumptionQuery, type ConsumptionRecordShape,
} from '../sources/consumption-records.js';
import { primeCustomer } from '../resolvers/customer.js';
import { regionByCode } from '../sources/geography.js';
import { encodeOrderKey } from '../sources/orders.js';
import { measureUnitById, resourceTypeByCode, serviceTypeByCode, usageTypes } from '../sources/reference.js';
import { encodeResourceKey } from '../sources/resources.js';
import { CONVERSION_DECIMALS, convertQuantity, type QuantityShape } from '../resolvers/usage-conversion.js';
import { builder } from './builder.js';
import {
  BillDetailType, BillPeriodType, ChargeMode, billDetailType, billDetailTypeFilter, billPeriodType, chargeMode, chargeModeFilter, tradeIsOrder,
} from './bill-enums.js';
import { Customer } from './customer.js';
import { Region } from './geography.js';
import { IndirectPartner } from './indirect-partner.js';
import { Order } from './order.js';
import { Partner } from './partner.js';
import { MeasureUnit, ResourceType, ServiceType } from './reference.js';
import { Resource } from './resource.js';
import { UsageType } from './usage-type.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** A quantity converted when a unit is asked for (no unit: as the record has it, no lookup). */
const convertUsage = (ctx: GraphQLContext, q: QuantityShape | null, unit: string | null | undefined): QuantityShape | Promise<QuantityShape> | null =>
  q === null ? null : convertQuantity(ctx, q, unit);

// ---------------------------------------------------------------------------------------------------------
// ConsumptionRecord (4.2)


const UsageQuantity = builder.objectRef<QuantityShape>('UsageQuantity').implement({
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
  'Convert to this unit: a measure id as text (e.g. "11") or an abbreviation as `measureUnits` lists it (e.g. "M"), read in the ' +
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

const ConsumptionRecordConnection = builder.connectionObject(
  { type: ConsumptionRecord, name: 'ConsumptionRecordConnection' },
  { name: 'ConsumptionRecordEdge' },
);

// ---------------------------------------------------------------------------------------------------------
// Breakdowns

/** The exact sums every breakdown row carries. */
function sumFields<S extends ConsumptionSums>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, S>) {
  return {
    amount: t.field({ type: 'Decimal', description: 'Exact sum of the records\' `paymentAmount` (amount due), unrounded.', resolve: (s) => s.amount }),
    officialAmount: t.field({ type: 'Decimal', description: 'Exact sum of the records\' `officialAmount` (list price).', resolve: (s) => s.officialAmount }),
    discountAmount: t.field({ type: 'Decimal', description: 'Exact sum of the records\' `discountAmount`.', resolve: (s) => s.discountAmount }),
    recordCount: t.int({ description: 'How many records the sums cover.', resolve: (s) => s.recordCount }),
  };
}

const ServiceTypeConsumption = builder.objectRef<ConsumptionGroupShape>('ServiceTypeConsumption').implement({
  description: 'The consumption of one service type: exact sums over its records.',
  fields: (t) => ({
    serviceType: t.field({
      type: ServiceType,
      description: 'The service type, from the cached catalogue.',
      resolve: (g, _args, ctx) => serviceTypeByCode(ctx, g.key, g.sample.serviceTypeName),
    }),
    ...sumFields(t),
  }),
});

const ResourceTypeConsumption = builder.objectRef<ConsumptionGroupShape>('ResourceTypeConsumption').implement({
  description: 'The consumption of one resource type: exact sums over its records.',
  fields: (t) => ({
    resourceType: t.field({
      type: ResourceType,
      description: 'The resource type, from the cached catalogue.',
      resolve: (g, _args, ctx) => resourceTypeByCode(ctx, g.key, g.sample.resourceTypeName),
    }),
    ...sumFields(t),
  }),
});

const RegionConsumption = builder.objectRef<ConsumptionGroupShape>('RegionConsumption').implement({
  description: 'The consumption in one region (or of records without a region): exact sums over its records.',
  fields: (t) => ({
    regionCode: t.string({ nullable: true, description: 'The region code (`region_code`); null for records without one.', resolve: (g) => g.key || null }),
    region: t.field({
      type: Region,
      nullable: true,
      description: 'The region; null for records without one.',
      resolve: (g, _args, ctx) => (g.key ? regionByCode(ctx, g.key, g.sample.regionName) : null),
    }),
    ...sumFields(t),
  }),
});

const ChargeModeConsumption = builder.objectRef<ConsumptionGroupShape>('ChargeModeConsumption').implement({
  description: 'The consumption of one charge mode: exact sums over its records.',
  fields: (t) => ({
    chargeMode: t.field({ type: ChargeMode, description: 'The charge mode (E1).', resolve: (g) => chargeMode(g.sample.chargeModeCode) }),
    chargeModeCode: t.int({ nullable: true, description: 'The raw `charging_mode` code (E1).', resolve: (g) => g.sample.chargeModeCode }),
    ...sumFields(t),
  }),
});

const CycleConsumption = builder.objectRef<CycleConsumptionShape>('CycleConsumption').implement({
  description: 'The consumption of one billing cycle of the view\'s range: exact sums over its records (zero for a cycle without any).',
  fields: (t) => ({
    cycle: t.field({ type: 'BillingCycle', description: 'The billing cycle.', resolve: (c) => c.cycle }),
    ...sumFields(t),
  }),
});

const CustomerConsumptionSum = builder.objectRef<ConsumptionGroupShape>('CustomerConsumptionSum').implement({
  description: 'The consumption of one customer within a partner-wide view: exact sums over its records.',
  fields: (t) => ({
    customerId: t.string({ description: 'The customer account id.', resolve: (g) => g.sample.customerId }),
    indirectPartnerId: t.string({
      nullable: true,
      description: 'The reseller whose customer it is (the scope its records were read in); null for the partner\'s own.',
      resolve: (g) => g.sample.indirectPartnerId,
    }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer, as the pull listed it (no further call).',
      resolve: (g, _args, ctx, info) => billCustomer(ctx, info, g.sample.customerId, g.sample.indirectPartnerId),
    }),
    ...sumFields(t),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// The views

const VIEW_COST =
  'Computed from every record of the view, shared by every field of it in one request (see docs/cost/bills.md).';

/**
 * Makes `customer` under a partner-wide view's records and rows cost nothing: the customers the pull listed
 * (a reseller's, listed to be enumerated) are primed as they arrive. The partner's own customers come from
 * ListConsumeSubCustomers, ids only; they are listed (ListSubCustomers, 100 a page) only when the query asks
 * a `customer` for more than its id, so a BI pull of amounts pays no call for names it does not show.
 */
async function primePulled(ctx: GraphQLContext, view: ConsumptionViewShape, info: GraphQLResolveInfo): Promise<void> {
  if (view.kind !== 'partner') return;
  const live = await ctx.loaders.consumptionPull.load(consumptionPullKey(view.scope, view.cycles));
  live.onCustomer((c) => primeCustomer(ctx, c));
  if ((view.scope === 'all' || view.scope === null) && selectsCustomerDetails(info)) {
    // Should the listing fail, each customer is looked up on its own instead (its error on that field).
    await ctx.loaders.allCustomersOf(null).catch(() => undefined);
  }
}

async function breakdown(ctx: GraphQLContext, view: ConsumptionViewShape, dimension: Parameters<typeof consumptionBreakdown>[2]) {
  return consumptionBreakdown(ctx, view, dimension);
}

function viewFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, ConsumptionViewShape>) {
  return {
    cycle: t.field({
      type: 'BillingCycle',
      nullable: true,
      description: 'The billing cycle of a single-cycle view; null for a range (see `fromCycle`, `toCycle`).',
      resolve: (v) => (v.cycles.length === 1 ? v.cycles[0]! : null),
    }),
    fromCycle: t.field({ type: 'BillingCycle', description: 'The first cycle of the view (inclusive).', resolve: (v) => v.cycles[0]! }),
    toCycle: t.field({ type: 'BillingCycle', description: 'The last cycle of the view (inclusive).', resolve: (v) => v.cycles[v.cycles.length - 1]! }),
    total: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`paymentAmount\` (amount due) over every record of the view, unrounded. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).amount,
    }),
    officialTotal: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`officialAmount\` (list price) over the same records. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).officialAmount,
    }),
    discountTotal: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`discountAmount\` over the same records. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).discountAmount,
    }),
    recordCount: t.int({
      nullable: true,
      description: `How many records the view has. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).recordCount,
    }),
    byServiceType: t.field({
      type: [ServiceTypeConsumption],
      nullable: true,
      description: `Exact sums per service type, ordered by service type code; they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'serviceType'),
    }),
    byResourceType: t.field({
      type: [ResourceTypeConsumption],
      nullable: true,
      description: `Exact sums per resource type, ordered by resource type code; they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'resourceType'),
    }),
    byRegion: t.field({
      type: [RegionConsumption],
      nullable: true,
      description: `Exact sums per region, ordered by region code (records without a region first); they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'region'),
    }),
    byChargeMode: t.field({
      type: [ChargeModeConsumption],
      nullable: true,
      description: `Exact sums per charge mode, ordered by E1 code; they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'chargeMode'),
    }),
    byCycle: t.field({
      type: [CycleConsumption],
      nullable: true,
      description: `Exact sums per cycle, every cycle of the range oldest first (a trend); they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => consumptionByCycle(ctx, v),
    }),
    records: t.connection(
      {
        type: ConsumptionRecord,
        nullable: true,
        description:
          'The records: cycle by cycle in upstream order (a partner-wide view: customer by customer, own customers in the ' +
          'order ListConsumeSubCustomers names them, then each reseller\'s in listing order, then cycle by cycle). A single ' +
          'customer\'s single cycle alone costs one call per ≤ 1000 rows of the page; otherwise, and whenever sums are asked ' +
          'too, it is a slice of the view\'s walk, no extra call. On a partner-wide view a forward window (`first`/`after`) ' +
          'streams: each record is executed as its page arrives, and the pull stops once the operation is answered.',
        resolve: async (v, args, ctx, info) => {
          await primePulled(ctx, v, info);
          return consumptionRecordsConnection(ctx, v, args);
        },
      },
      ConsumptionRecordConnection,
    ),
  };
}

const CustomerConsumption = builder.objectRef<ConsumptionViewShape>('CustomerConsumption').implement({
  description:
    'A customer\'s consumption in one cycle or a range of cycles as the partner sees it (ListSubCustomerBillDetail ' +
    '`GET /v2/bills/subcustomer-bills/res-fee-records`, §4.2). Sums are exact decimal sums of the 8-decimal record amounts; ' +
    'Huawei warns they need not equal the 2-decimal monthly sums (§0.6).',
  fields: (t) => viewFields(t),
});

const PartnerConsumption = builder.objectRef<ConsumptionViewShape>('PartnerConsumption').implement({
  description:
    'Consumption across many customers in one cycle or a range (the partner\'s own and every reseller\'s under `Partner`, ' +
    'one reseller\'s under `IndirectPartner`), pulled customer by customer within the upstream rate budget. Sums are exact ' +
    'decimal sums of the 8-decimal record amounts. Own customers without consumption in a cycle (ListConsumeSubCustomers §4.3) ' +
    'are not asked for it.',
  fields: (t) => ({
    ...viewFields(t),
    byCustomer: t.field({
      type: [CustomerConsumptionSum],
      nullable: true,
      description: `Exact sums per customer, ordered by reseller (own customers first) then customer id; they add up to \`total\`. ${VIEW_COST}`,
      resolve: async (v, _args, ctx, info) => {
        await primePulled(ctx, v, info);
        return breakdown(ctx, v, 'customer');
      },
    }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// The fields

const CYCLE_ARGS_DESCRIPTION = {
  cycle: 'The billing cycle, `YYYY-MM` (UTC+8). Give `cycle`, or `fromCycle` and `toCycle`; not a future cycle.',
  fromCycle: 'The first cycle of a range (inclusive); with `toCycle`. A range spans at most 18 cycles (records are kept 18 months).',
  toCycle: 'The last cycle of a range (inclusive), not after the current cycle (UTC+8).',
};

/** The cycles asked for, validated against the current cycle (the bill cache's clock, else the gateway's). */
function cyclesOf(ctx: GraphQLContext, args: CycleArgs): string[] {
  return consumptionCycles(args, openCycleOf(ctx));
}

builder.objectFields(Customer, (t) => ({
  consumption: t.field({
    type: CustomerConsumption,
    nullable: true,
    description:
      'The customer\'s consumption records of one cycle or a range and their exact sums (ListSubCustomerBillDetail §4.2, ' +
      'partner credentials; records are kept 18 months). Costs nothing by itself: see its fields. A reseller API key sees ' +
      'its own reseller\'s customers only (FORBIDDEN otherwise).',
    args: {
      cycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.cycle }),
      fromCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.fromCycle }),
      toCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.toCycle }),
      serviceTypeCode: t.arg.string({ description: 'Only this service type (`service_type_code`).' }),
      regionCode: t.arg.string({ description: 'Only this region (`region_code`), e.g. `cn-north-4`.' }),
      chargeMode: t.arg({ type: ChargeMode, description: 'Only this charge mode (`charging_mode`).' }),
      billType: t.arg({ type: BillDetailType, description: 'Only this bill type (`bill_detail_type`, E2).' }),
      resourceId: t.arg.string({ description: 'Only this resource (`resource_id`).' }),
      resourceName: t.arg.string({ description: 'Only resources of this name (`resource_name`).' }),
      tradeId: t.arg.string({ description: 'Only this order or transaction (`trade_id`).' }),
      billDateBegin: t.arg.string({ description: 'First day, `YYYY-MM-DD` in the cycle (`bill_date_begin`); give both days or neither.' }),
      billDateEnd: t.arg.string({ description: 'Last day, `YYYY-MM-DD` in the cycle (`bill_date_end`).' }),
    },
    resolve: (customer, args, ctx): ConsumptionViewShape => {
      scopeFor(ctx.caller, customer.indirectPartnerId);
      const cycles = cyclesOf(ctx, args);
      // Records listed here lead back to this customer: no lookup for `record.customer`.
      primeCustomer(ctx, customer);
      const query: ConsumptionQuery = {
        customerId: customer.customerId,
        indirectPartnerId: customer.indirectPartnerId,
        cycle: cycles[0]!,
        serviceTypeCode: args.serviceTypeCode,
        regionCode: args.regionCode,
        chargeMode: chargeModeFilter(args.chargeMode),
        billType: billDetailTypeFilter(args.billType),
        resourceId: args.resourceId,
        resourceName: args.resourceName,
        tradeId: args.tradeId,
        billDateBegin: args.billDateBegin,
        billDateEnd: args.billDateEnd,
      };
      return { kind: 'customer', query, cycles };
    },
  }),
}));

const PULL_COST =
  'Upstream: the own customers that consumed per cycle (ListConsumeSubCustomers, pages of 100), each reseller\'s customers ' +
  '(ListSubCustomers, pages of 100; the own customers too only when a `customer` is asked for more than its id), then each ' +
  'customer\'s records per cycle (ListSubCustomerBillDetail, ' +
  'pages of 1000), customers concurrently within the per-API rate budget; closed cycles come from the bill cache. ' +
  'Formula: docs/cost/bills.md.';

builder.objectField(Partner, 'consumption', (t) =>
  t.field({
    type: PartnerConsumption,
    nullable: true,
    description:
      'Consumption of the whole business in one cycle or a range: the partner\'s own customers and every reseller\'s ' +
      `(a reseller API key: that reseller's customers only). ${PULL_COST}`,
    args: {
      cycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.cycle }),
      fromCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.fromCycle }),
      toCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.toCycle }),
    },
    resolve: (_partner, args, ctx): ConsumptionViewShape => ({ kind: 'partner', scope: wholeScopeFor(ctx.caller), cycles: cyclesOf(ctx, args) }),
  }),
);

builder.objectField(IndirectPartner, 'consumption', (t) =>
  t.field({
    type: PartnerConsumption,
    nullable: true,
    description: `Consumption of the reseller's customers in one cycle or a range (read with \`indirect_partner_id\`). ${PULL_COST}`,
    args: {
      cycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.cycle }),
      fromCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.fromCycle }),
      toCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.toCycle }),
    },
    resolve: (p, args, ctx): ConsumptionViewShape => {
      const scope = scopeFor(ctx.caller, p.indirectPartnerId) ?? p.indirectPartnerId;
      return { kind: 'partner', scope, cycles: cyclesOf(ctx, args) };
    },
  }),
);

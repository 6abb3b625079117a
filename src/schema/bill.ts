/**
 * Bills: `MonthlyBill` (the partner's monthly sums of its resale customers, ListSubcustomerMonthlyBills §4.1)
 * with `Partner.monthlyBills` / `IndirectPartner.monthlyBills`; `ConsumptionRecord` and the
 * `Customer.consumption(cycle)` view (ListSubCustomerBillDetail §4.2); and the customer's own monthly bill
 * `Customer.monthlySummary(cycle)` (ShowCustomerMonthlySum §4.4, through token exchange).
 * Behaviour lives in src/resolvers/bill.ts and src/resolvers/consumption.ts; loaders in src/loaders/bill-loaders.ts.
 */
import type { ServiceTypeConsumptionShape } from '../resolvers/consumption.js';
import {
  billCustomer, customerBillSumsConnection, customerMonthlySumKey, encodeMonthlyBillKey, monthlyBillsConnection,
  type AccountDetailShape, type CustomerBillSumShape, type CustomerMonthlySummaryShape, type MonthlyBillShape, type MonthlyBillsQuery,
} from '../resolvers/bill.js';
import {
  consumptionByServiceType, consumptionOfficialTotal, consumptionRecordsConnection, consumptionTotal, encodeConsumptionRecordKey,
  type ConsumptionQuery, type ConsumptionRecordShape, type ConsumptionViewShape,
} from '../resolvers/consumption.js';
import { primeCustomer } from '../resolvers/customer.js';
import { regionByCode } from '../resolvers/geography.js';
import { encodeOrderKey } from '../resolvers/order.js';
import { measureUnitById, resourceTypeByCode, serviceTypeByCode, usageTypes } from '../resolvers/reference.js';
import { encodeResourceKey } from '../resolvers/resource.js';
import type { ArgBuilder } from '@pothos/core';
import type { Decimal } from 'decimal.js';
import type { GraphQLContext } from '../context.js';
import { builder } from './builder.js';
import {
  BalanceType, BillDetailType, BillPeriodType, ChargeMode, CustomerBillType, MonthlyBillType, balanceType, billDetailType,
  billDetailTypeFilter, billPeriodType, chargeMode, chargeModeFilter, customerBillType, monthlyBillChargeModes, monthlyBillType,
  monthlyBillTypeFilter, tradeIsOrder,
} from './bill-enums.js';
import { Customer } from './customer.js';
import { IndirectPartner } from './indirect-partner.js';
import { Region } from './geography.js';
import { Order } from './order.js';
import { Partner } from './partner.js';
import { MeasureUnit, ResourceType, ServiceType } from './reference.js';
import { Resource } from './resource.js';
import { UsageType } from './usage-type.js';

/** A numeric code from a wire string (4.1 sends E1 as `"3"`); null for a code that is not a number. */
const numericCode = (code: string): number | null => (/^\d+$/.test(code) ? Number(code) : null);

// ---------------------------------------------------------------------------------------------------------
// MonthlyBill (4.1)

const MonthlyBillAccountDetail = builder.objectRef<AccountDetailShape>('MonthlyBillAccountDetail').implement({
  description: 'The part of a monthly sum paid from one account (`BalanceTypeDeductSumV2`, ListSubcustomerMonthlyBills §4.1).',
  fields: (t) => ({
    balanceType: t.field({ type: BalanceType, description: 'The account paid from (E15).', resolve: (d) => balanceType(d.balanceTypeCode) }),
    balanceTypeCode: t.exposeString('balanceTypeCode', { description: 'The raw `balance_type` code (E15), e.g. `BALANCE_TYPE_DEBIT`.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Amount paid from that account, yuan; negative for unsubscriptions and write-offs.' }),
    billType: t.field({ type: MonthlyBillType, description: 'The bill type (E3).', resolve: (d) => monthlyBillType(d.billTypeCode) }),
    billTypeCode: t.exposeString('billTypeCode', { description: 'The raw `bill_type` code (E3, a string).' }),
  }),
});

export const MonthlyBill = builder.objectRef<MonthlyBillShape>('MonthlyBill');

builder.node(MonthlyBill, {
  description:
    'One monthly sum of a resale customer: one customer, service type, resource type, charge mode and bill type in one ' +
    'cycle (`BillSumInfoV2`, ListSubcustomerMonthlyBills `GET /v2/bills/partner-bills/subcustomer-bills/monthly-sum`, ' +
    'bss-api-commerce.md §4.1). Amounts are pre-tax, 2-decimal yuan. Its global id is that composite key; `node(id)` ' +
    'refetches it with those filters (one call).',
  id: { resolve: (b) => encodeMonthlyBillKey(b) },
  loadOne: (id, ctx) => ctx.loaders.monthlyBill.load(id),
  fields: (t) => ({
    cycle: t.expose('cycle', { type: 'BillingCycle', description: 'The billing cycle (`cycle`, UTC+8 month).' }),
    customerId: t.exposeString('customerId', { description: 'The customer account id (`customer_id`).' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description:
        'The customer. Free when only `customerId`/`id` are selected (answered from the row); other fields go through ' +
        'the customer loader: one ListSubCustomers call per distinct customer of the page.',
      resolve: (b, _args, ctx, info) => billCustomer(ctx, info, b.customerId, b.indirectPartnerId),
    }),
    billType: t.field({ type: MonthlyBillType, description: 'Consumption, unsubscription or write-off (E3).', resolve: (b) => monthlyBillType(b.billTypeCode) }),
    billTypeCode: t.exposeString('billTypeCode', { description: 'The raw `bill_type` code (E3, a string: "0", "1", "2").' }),
    chargeMode: t.field({ type: ChargeMode, description: 'The charge mode (E1).', resolve: (b) => chargeMode(b.chargeModeCode) }),
    chargeModeCode: t.int({
      nullable: true,
      description: 'The raw `charge_mode` code (E1; a string upstream on this endpoint, normalised to an int).',
      resolve: (b) => numericCode(b.chargeModeCode),
    }),
    serviceType: t.field({
      type: ServiceType,
      description: 'The service type (`cloud_service_type`), from the cached catalogue.',
      resolve: (b, _args, ctx) => serviceTypeByCode(ctx, b.serviceTypeCode, b.serviceTypeName),
    }),
    resourceType: t.field({
      type: ResourceType,
      description: 'The resource type (`resource_type_code`), from the cached catalogue.',
      resolve: (b, _args, ctx) => resourceTypeByCode(ctx, b.resourceTypeCode, b.resourceTypeName),
    }),
    amount: t.expose('amount', { type: 'Decimal', description: 'The amount, yuan (`amount`); negative for unsubscriptions and write-offs.' }),
    debtAmount: t.expose('debtAmount', {
      type: 'Decimal',
      nullable: true,
      description: 'Owed because the customer account lacked funds (`debt_amount`); null for unsubscriptions and write-offs.',
    }),
    adjustmentAmount: t.expose('adjustmentAmount', {
      type: 'Decimal',
      nullable: true,
      description: 'Debt written off (`adjustment_amount`); null for unsubscriptions and write-offs.',
    }),
    discountAmount: t.expose('discountAmount', {
      type: 'Decimal',
      nullable: true,
      description: 'Discount (`discount_amount`); null for unsubscriptions and write-offs.',
    }),
    measureId: t.exposeInt('measureId', { nullable: true, description: 'Unit of the amounts (`measure_id`), 1 = yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency of the listing (`currency`), `CNY`.' }),
    accountDetails: t.field({
      type: [MonthlyBillAccountDetail],
      description: 'The amount paid split by account (`account_details`); debt is not a payment and has no entry.',
      resolve: (b) => [...b.accountDetails],
    }),
  }),
});

const MonthlyBillConnection = builder.connectionObject(
  { type: MonthlyBill, name: 'MonthlyBillConnection' },
  { name: 'MonthlyBillEdge' },
);

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The 4.1 filters as arguments, shared by the partner and reseller fields. */
function monthlyBillArgs(arg: ArgBuilder<Types>) {
  return {
    cycle: arg({ type: 'BillingCycle', required: true, description: 'The billing cycle, `YYYY-MM` (UTC+8).' }),
    chargeMode: arg({
      type: ChargeMode,
      description:
        'Only this charge mode (`charge_mode`: YEARLY_MONTHLY, ON_DEMAND or SAVINGS_PLAN). The upstream requires one; ' +
        'when omitted every mode is fetched and the lists are concatenated in that order.',
    }),
    billType: arg({ type: MonthlyBillType, description: 'Only this bill type (`bill_type`, E3).' }),
    serviceTypeCode: arg.string({ description: 'Only this service type (`cloud_service_type`), e.g. `hws.service.type.ec2`.' }),
    customerId: arg.string({ description: 'Only this customer (`customer_id`).' }),
  };
}

interface MonthlyBillArgs {
  readonly cycle: string;
  readonly chargeMode?: number | null | undefined;
  readonly billType?: number | null | undefined;
  readonly serviceTypeCode?: string | null | undefined;
  readonly customerId?: string | null | undefined;
}

function monthlyBillsQuery(args: MonthlyBillArgs, indirectPartnerId: string | null): MonthlyBillsQuery {
  return {
    cycle: args.cycle,
    indirectPartnerId,
    customerId: args.customerId || null,
    serviceTypeCode: args.serviceTypeCode || null,
    billType: monthlyBillTypeFilter(args.billType) ?? null,
  };
}

const MONTHLY_BILLS_COST =
  'Upstream: ListSubcustomerMonthlyBills `GET /v2/bills/partner-bills/subcustomer-bills/monthly-sum`, pages of ≤ 100. ' +
  'Without `chargeMode` a page costs one call per charge mode (3), each mode\'s count making up `totalCount`; with it, one call.';

builder.objectField(Partner, 'monthlyBills', (t) =>
  t.connection(
    {
      type: MonthlyBill,
      // Nullable, like every field that calls upstream: a failure there leaves the rest of the query standing.
      nullable: true,
      description:
        'Monthly sums of the partner\'s own resale customers in one cycle (reseller customers\' sums are under ' +
        `\`IndirectPartner.monthlyBills\`). ${MONTHLY_BILLS_COST}`,
      args: monthlyBillArgs(t.arg),
      resolve: (_partner, args, ctx) => monthlyBillsConnection(ctx, args, monthlyBillsQuery(args, null), monthlyBillChargeModes(args.chargeMode)),
    },
    MonthlyBillConnection,
  ),
);

builder.objectField(IndirectPartner, 'monthlyBills', (t) =>
  t.connection(
    {
      type: MonthlyBill,
      nullable: true,
      description:
        'Monthly sums of the reseller\'s resale customers in one cycle (the same listing with `indirect_partner_id`; ' +
        `distributors only). ${MONTHLY_BILLS_COST}`,
      args: monthlyBillArgs(t.arg),
      resolve: (p, args, ctx) =>
        monthlyBillsConnection(ctx, args, monthlyBillsQuery(args, p.indirectPartnerId), monthlyBillChargeModes(args.chargeMode)),
    },
    MonthlyBillConnection,
  ),
);

// ---------------------------------------------------------------------------------------------------------
// ConsumptionRecord (4.2)

interface QuantityShape {
  readonly amount: Decimal;
  readonly measureId: number | null;
}

const UsageQuantity = builder.objectRef<QuantityShape>('UsageQuantity').implement({
  description: 'A metered quantity and its unit (e.g. 3600 seconds, 12.5 GB).',
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Decimal', description: 'The quantity, exact.' }),
    measureId: t.exposeInt('measureId', { nullable: true, description: 'The raw unit id (`*_measure_id`).' }),
    unit: t.field({
      type: MeasureUnit,
      nullable: true,
      description: 'The unit, from the cached measurement units (ListMeasureUnits, no call per record).',
      resolve: (q, _args, ctx) => (q.measureId === null ? null : measureUnitById(ctx, q.measureId)),
    }),
  }),
});

const quantity = (amount: Decimal | null, measureId: number | null): QuantityShape | null => (amount === null ? null : { amount, measureId });

export const ConsumptionRecord = builder.objectRef<ConsumptionRecordShape>('ConsumptionRecord');

builder.node(ConsumptionRecord, {
  description:
    'One consumption (detail) record of a customer (`SubCustomerMonthlyBillDetail`, ListSubCustomerBillDetail ' +
    '`GET /v2/bills/subcustomer-bills/res-fee-records`, bss-api-commerce.md §4.2): a usage record, or an order\'s ' +
    'charge or refund for one resource. Amounts are the raw rated amounts with up to 8 decimals.',
  id: { resolve: (r) => encodeConsumptionRecordKey(r) },
  loadOne: (id, ctx) => ctx.loaders.consumptionRecord.load(id),
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
      resolve: (r) => quantity(r.usageAmount, r.usageMeasureId),
    }),
    freeResourceUsage: t.field({
      type: UsageQuantity,
      nullable: true,
      description: 'Usage covered by resource packages (`free_resource_usage`, `free_resource_measure_id`).',
      resolve: (r) => quantity(r.freeResourceUsage, r.freeResourceMeasureId),
    }),
    reservedInstanceUsage: t.field({
      type: UsageQuantity,
      nullable: true,
      description: 'Reserved-instance usage (`ri_usage`, `ri_usage_measure_id`).',
      resolve: (r) => quantity(r.reservedInstanceUsage, r.reservedInstanceMeasureId),
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

const ServiceTypeConsumption = builder.objectRef<ServiceTypeConsumptionShape>('ServiceTypeConsumption').implement({
  description: 'The consumption of one service type in a cycle: exact sums over its records.',
  fields: (t) => ({
    serviceType: t.field({
      type: ServiceType,
      description: 'The service type, from the cached catalogue.',
      resolve: (s, _args, ctx) => serviceTypeByCode(ctx, s.serviceTypeCode, s.serviceTypeName),
    }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Exact sum of the records\' `paymentAmount` (amount due), unrounded.' }),
    officialAmount: t.expose('officialAmount', { type: 'Decimal', description: 'Exact sum of the records\' `officialAmount` (list price).' }),
    recordCount: t.exposeInt('recordCount', { description: 'How many records the sums cover.' }),
  }),
});

const CONSUMPTION_COST =
  'Computed from every record of the cycle: ListSubCustomerBillDetail walked at 1000 per page, ceil(N / 1000) calls, ' +
  'shared with `total`, `officialTotal`, `byServiceType` and `records` of the same view.';

const CustomerConsumption = builder.objectRef<ConsumptionViewShape>('CustomerConsumption').implement({
  description:
    'A customer\'s consumption in one cycle as the partner sees it (ListSubCustomerBillDetail ' +
    '`GET /v2/bills/subcustomer-bills/res-fee-records`, §4.2). Sums are exact decimal sums of the 8-decimal record amounts; ' +
    'Huawei warns they need not equal the 2-decimal monthly sums (§0.6).',
  fields: (t) => ({
    cycle: t.field({ type: 'BillingCycle', description: 'The billing cycle.', resolve: (v) => v.query.cycle }),
    total: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`paymentAmount\` (amount due) over all the cycle's records matching the filters. ${CONSUMPTION_COST}`,
      resolve: (v, _args, ctx) => consumptionTotal(ctx, v.query),
    }),
    officialTotal: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`officialAmount\` (list price) over the same records. ${CONSUMPTION_COST}`,
      resolve: (v, _args, ctx) => consumptionOfficialTotal(ctx, v.query),
    }),
    byServiceType: t.field({
      type: [ServiceTypeConsumption],
      nullable: true,
      description: `The same sums per service type, ordered by service type code. ${CONSUMPTION_COST}`,
      resolve: (v, _args, ctx) => consumptionByServiceType(ctx, v.query),
    }),
    records: t.connection(
      {
        type: ConsumptionRecord,
        nullable: true,
        description:
          'The records, in upstream order. Alone: one call per ≤ 1000 rows of the page. Asked with `total` or ' +
          '`byServiceType`: served from their walk, no extra call.',
        resolve: (v, args, ctx) => consumptionRecordsConnection(ctx, v.query, args),
      },
      ConsumptionRecordConnection,
    ),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// The customer's own monthly bill (4.4)

const CustomerBillSum = builder.objectRef<CustomerBillSumShape>('CustomerBillSum').implement({
  description:
    'One row of a customer\'s own monthly bill: a service type, resource type, charge mode and bill type ' +
    '(`BillSumRecordInfoV2`, ShowCustomerMonthlySum §4.4). 2-decimal yuan.',
  fields: (t) => ({
    cycle: t.expose('cycle', { type: 'BillingCycle', description: 'The billing cycle (`bill_cycle`).' }),
    customerId: t.exposeString('customerId', { description: 'The account that consumed (`customer_id`).' }),
    accountName: t.exposeString('accountName', { nullable: true, description: 'Its login name (`account_name`).' }),
    serviceType: t.field({
      type: ServiceType,
      description: 'The service type, from the cached catalogue.',
      resolve: (s, _args, ctx) => serviceTypeByCode(ctx, s.serviceTypeCode, s.serviceTypeName),
    }),
    resourceType: t.field({
      type: ResourceType,
      description: 'The resource type, from the cached catalogue.',
      resolve: (s, _args, ctx) => resourceTypeByCode(ctx, s.resourceTypeCode, s.resourceTypeName),
    }),
    chargeMode: t.field({ type: ChargeMode, description: 'The charge mode (E1).', resolve: (s) => chargeMode(s.chargeModeCode) }),
    chargeModeCode: t.exposeInt('chargeModeCode', { description: 'The raw `charging_mode` code (E1).' }),
    billType: t.field({ type: CustomerBillType, description: 'Consumption, refund or adjustment (E4).', resolve: (s) => customerBillType(s.billTypeCode) }),
    billTypeCode: t.exposeInt('billTypeCode', { description: 'The raw `bill_type` code (E4).' }),
    officialAmount: t.expose('officialAmount', { type: 'Decimal', description: 'List price (`official_amount`).' }),
    discountAmount: t.expose('discountAmount', { type: 'Decimal', description: 'Discount (`official_discount_amount`).' }),
    truncatedAmount: t.expose('truncatedAmount', { type: 'Decimal', description: 'Rounding (truncation) amount (`truncated_amount`).' }),
    consumeAmount: t.expose('consumeAmount', { type: 'Decimal', description: 'Amount due = official − discount − truncated (`consume_amount`).' }),
    couponAmount: t.expose('couponAmount', { type: 'Decimal', description: 'Paid with cash coupons.' }),
    flexiPurchaseCouponAmount: t.expose('flexiPurchaseCouponAmount', { type: 'Decimal', description: 'Paid with flexi-purchase coupons (reserved).' }),
    storedValueCardAmount: t.expose('storedValueCardAmount', { type: 'Decimal', description: 'Paid with stored-value cards (reserved).' }),
    cashAmount: t.expose('cashAmount', { type: 'Decimal', description: 'Paid from the cash account.' }),
    creditAmount: t.expose('creditAmount', { type: 'Decimal', description: 'Paid from the credit account.' }),
    debtAmount: t.expose('debtAmount', { type: 'Decimal', description: 'Owed (the account lacked funds).' }),
    writeoffAmount: t.expose('writeoffAmount', { type: 'Decimal', description: 'Debt written off.' }),
  }),
});

const CustomerBillSumConnection = builder.connectionObject(
  { type: CustomerBillSum, name: 'CustomerBillSumConnection' },
  { name: 'CustomerBillSumEdge' },
);

const CustomerMonthlySummary = builder.objectRef<CustomerMonthlySummaryShape>('CustomerMonthlySummary').implement({
  description:
    'A customer\'s own monthly bill (ShowCustomerMonthlySum `GET /v2/bills/customer-bills/monthly-sum`, §4.4), read ' +
    'with the customer\'s token (IAM assume_role on the agency it granted the partner). Totals cover every row.',
  fields: (t) => ({
    cycle: t.field({ type: 'BillingCycle', description: 'The billing cycle.', resolve: (s) => s.query.cycle }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency (`currency`), `CNY`.' }),
    consumeAmount: t.expose('consumeAmount', { type: 'Decimal', description: 'Grand total, refunds included (`consume_amount`).' }),
    debtAmount: t.expose('debtAmount', { type: 'Decimal', description: 'Total owed (`debt_amount`).' }),
    couponAmount: t.expose('couponAmount', { type: 'Decimal', description: 'Paid with cash coupons (`coupon_amount`).' }),
    flexiPurchaseCouponAmount: t.expose('flexiPurchaseCouponAmount', { type: 'Decimal', description: 'Paid with flexi-purchase coupons (reserved).' }),
    storedValueCardAmount: t.expose('storedValueCardAmount', { type: 'Decimal', description: 'Paid with stored-value cards (reserved).' }),
    cashAmount: t.expose('cashAmount', { type: 'Decimal', description: 'Paid from the cash account (`cash_amount`).' }),
    creditAmount: t.expose('creditAmount', { type: 'Decimal', description: 'Paid from the credit account (`credit_amount`).' }),
    writeoffAmount: t.expose('writeoffAmount', { type: 'Decimal', description: 'Debt written off (`writeoff_amount`).' }),
    rows: t.connection(
      {
        type: CustomerBillSum,
        description: 'The bill\'s rows. The first 1000 come with the summary\'s own call; later windows cost one call per ≤ 1000 rows.',
        resolve: (s, args, ctx) => customerBillSumsConnection(ctx, s, args),
      },
      CustomerBillSumConnection,
    ),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Customer edges

builder.objectFields(Customer, (t) => ({
  consumption: t.field({
    type: CustomerConsumption,
    description:
      'The customer\'s consumption records of one cycle and their exact sums (ListSubCustomerBillDetail §4.2, partner ' +
      'credentials; records are kept 18 months). Costs nothing by itself: see its fields.',
    args: {
      cycle: t.arg({ type: 'BillingCycle', required: true, description: 'The billing cycle, `YYYY-MM` (UTC+8).' }),
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
    resolve: (customer, args, ctx) => {
      // Records listed here lead back to this customer: no lookup for `record.customer`.
      primeCustomer(ctx, customer);
      const query: ConsumptionQuery = {
        customerId: customer.customerId,
        indirectPartnerId: customer.indirectPartnerId,
        cycle: args.cycle,
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
      return { query };
    },
  }),
  monthlySummary: t.field({
    type: CustomerMonthlySummary,
    // Nullable: a customer without an agency gets a typed error (CUSTOMER_AGENCY_NOT_GRANTED) here and only here.
    nullable: true,
    description:
      'The customer\'s own monthly bill, read with its token: ShowCustomerMonthlySum `GET /v2/bills/customer-bills/monthly-sum` ' +
      '(customer-only, §4.4). One call for totals and up to 1000 rows, plus one IAM token exchange per customer while its ' +
      'token is cached. A customer who granted no agency yields the error CUSTOMER_AGENCY_NOT_GRANTED on this field.',
    args: {
      cycle: t.arg({ type: 'BillingCycle', required: true, description: 'The billing cycle, `YYYY-MM` (UTC+8).' }),
      serviceTypeCode: t.arg.string({ description: 'Only this service type (`service_type_code`).' }),
    },
    resolve: (customer, args, ctx) =>
      ctx.loaders.customerMonthlySummary.load(
        customerMonthlySumKey({ customerId: customer.customerId, cycle: args.cycle, serviceTypeCode: args.serviceTypeCode || null }),
      ),
  }),
}));

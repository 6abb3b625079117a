/**
 * A customer's own cost data, as its Billing Center and Cost Center show it, through the customer's token
 * (bss-api-commerce.md §4.5–4.7, §4.10–4.11): transaction bills (`feeRecords`), per-resource bills
 * (`resourceBills`), resource detail bills with enterprise projects (`resourceDetailBills`), amortised costs
 * (`amortizedCosts`) and the cost analysis (`costs`), as edges of `Customer`. Each is customer-only: a customer
 * who granted no agency gets CUSTOMER_AGENCY_NOT_GRANTED on that field, and the rest of the query answers.
 */
import type { ArgBuilder } from '@pothos/core';
import { openCycleOf } from '../context.js';
import {
  amortizedCostsConnection, costsConnection, feeRecordsConnection, resourceBillsConnection, resourceDetailBillsConnection,
} from '../resolvers/customer-costs.js';
import { customerEdge } from '../resolvers/id-edges.js';
import type {
  AmortizedCostShape, CardPaymentSplit, CostFilters, CostGroupShape, CostPointShape, CostRowBase, FeeRecordShape, ResourceBillShape, ResourceDetailBillShape,
} from '../sources/customer-costs.js';
import { regionByCode } from '../sources/geography.js';
import { resourceTypeByCode, serviceTypeByCode } from '../sources/reference.js';
import { BillDetailType, ChargeMode, billDetailType, billDetailTypeFilter, chargeMode, chargeModeFilter } from './bill-enums.js';
import { builder } from './builder.js';
import { Customer } from './customer.js';
import { Region } from './geography.js';
import { EnterpriseProject } from './order.js';
import { ResourceType, ServiceType } from './reference.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const TOKEN_NOTE = 'Customer-only: through the customer\'s token (one IAM exchange per customer while not cached); CUSTOMER_AGENCY_NOT_GRANTED when it granted no agency.';

/** The fields every row of these bills has: when, whose, which service, resource type, region, project, mode and type. */
function costRowFields<Row extends CostRowBase>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Row>) {
  return {
    cycle: t.field({ type: 'BillingCycle', nullable: true, description: 'The billing cycle (UTC+8).', resolve: (r) => r.cycle }),
    customerId: t.string({ description: 'The customer whose bill it is.', resolve: (r) => r.customerId }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer: free when only its id is asked (the row holds it), else the customer loader.',
      resolve: (r, _args, ctx, info) => customerEdge(ctx, info, r.customerId, null),
    }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The cloud service type, from the cached catalogue (the row\'s own name when the catalogue lacks it).',
      resolve: (r, _args, ctx) => (r.serviceTypeCode ? serviceTypeByCode(ctx, r.serviceTypeCode, r.serviceTypeName) : null),
    }),
    resourceType: t.field({
      type: ResourceType,
      nullable: true,
      description: 'The resource type, from the cached catalogue.',
      resolve: (r, _args, ctx) => (r.resourceTypeCode ? resourceTypeByCode(ctx, r.resourceTypeCode, r.resourceTypeName) : null),
    }),
    region: t.field({
      type: Region,
      nullable: true,
      description: 'The region (gateway table of region names, no call).',
      resolve: (r, _args, ctx) => (r.regionCode ? regionByCode(ctx, r.regionCode) : null),
    }),
    enterpriseProject: t.field({
      type: EnterpriseProject,
      nullable: true,
      description: 'The enterprise project the cost is attributed to (`enterprise_project_id`/`_name`; `0` is the default project).',
      resolve: (r) => (r.enterpriseProjectId || r.enterpriseProjectName ? { id: r.enterpriseProjectId, name: r.enterpriseProjectName } : null),
    }),
    chargeMode: t.field({ type: ChargeMode, description: 'The charge mode (E1).', resolve: (r) => chargeMode(r.chargeModeCode) }),
    billType: t.field({ type: BillDetailType, description: 'The bill type (E2).', resolve: (r) => billDetailType(r.billTypeCode) }),
  };
}

const dec = (description: string) => ({ type: 'Decimal' as const, description });

/** How a resource bill row was paid (§4.6 and §4.7 alike); fields with resolvers, as `expose` cannot name a generic row's keys. */
function cardPaymentFields<Row extends CardPaymentSplit>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Row>) {
  return {
    cashAmount: t.field({ ...dec('Paid in cash.'), resolve: (r) => r.cashAmount }),
    creditAmount: t.field({ ...dec('Paid on credit.'), resolve: (r) => r.creditAmount }),
    couponAmount: t.field({ ...dec('Paid with cash coupons.'), resolve: (r) => r.couponAmount }),
    flexiPurchaseCouponAmount: t.field({ ...dec('Paid with flexi-purchase coupons.'), resolve: (r) => r.flexiPurchaseCouponAmount }),
    storedCardAmount: t.field({ ...dec('Paid with stored-value cards.'), resolve: (r) => r.storedCardAmount }),
    bonusAmount: t.field({ ...dec('Paid with bonus.'), resolve: (r) => r.bonusAmount }),
    debtAmount: t.field({ ...dec('Owed.'), resolve: (r) => r.debtAmount }),
    adjustmentAmount: t.field({ ...dec('Adjusted.'), resolve: (r) => r.adjustmentAmount }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// 4.5 transaction bills

const FeeRecord = builder.objectRef<FeeRecordShape>('CustomerFeeRecord').implement({
  description:
    'One transaction of the customer\'s own bill (流水账单): ListCustomerBillsFeeRecords `GET /v2/bills/customer-bills/fee-records` ' +
    '(`MonthlyBillRecord`, §4.5). Yuan, exact.',
  fields: (t) => ({
    ...costRowFields(t),
    tradeId: t.exposeString('tradeId', { nullable: true, description: 'The order id (bill types 1/2/3/4/8) or transaction id (`trade_id`).' }),
    tradeTime: t.expose('tradeTime', { type: 'DateTime', nullable: true, description: 'When the transaction happened.' }),
    consumeTime: t.expose('consumeTime', { type: 'DateTime', nullable: true, description: 'The usage period of the transaction (`consume_time`).' }),
    statusCode: t.exposeInt('status', { nullable: true, description: 'The raw `status`: 1 paid, 2 not fully settled, 3 not yet billed.' }),
    officialAmount: t.expose('officialAmount', dec('List price (`official_amount`) = discount + erased + consumed.')),
    discountAmount: t.expose('discountAmount', dec('Discount (`official_discount_amount`).')),
    eraseAmount: t.expose('eraseAmount', dec('Rounded off (`erase_amount`).')),
    consumeAmount: t.expose('consumeAmount', dec('What was consumed (`consume_amount`).')),
    cashAmount: t.expose('cashAmount', dec('Paid in cash.')),
    creditAmount: t.expose('creditAmount', dec('Paid on credit.')),
    couponAmount: t.expose('couponAmount', dec('Paid with cash coupons.')),
    flexiPurchaseCouponAmount: t.expose('flexiPurchaseCouponAmount', dec('Paid with flexi-purchase coupons.')),
    storedValueCardAmount: t.expose('storedValueCardAmount', dec('Paid with stored-value cards.')),
    bonusAmount: t.expose('bonusAmount', dec('Paid with bonus.')),
    debtAmount: t.expose('debtAmount', dec('Owed.')),
    writeoffAmount: t.expose('writeoffAmount', dec('Written off.')),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// 4.6 per-resource bills

const ResourceBill = builder.objectRef<ResourceBillShape>('CustomerResourceBill').implement({
  description:
    'One record of the customer\'s own per-resource bill: ListCustomerselfResourceRecords `GET /v2/bills/customer-bills/res-fee-records` ' +
    '(`ResFeeRecordV2`, §4.6, per detail record). Yuan, exact.',
  fields: (t) => ({
    ...costRowFields(t),
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource id.' }),
    resourceName: t.exposeString('resourceName', { nullable: true, description: 'The resource name.' }),
    specDescription: t.exposeString('productSpecDescription', { nullable: true, description: 'Product specification description (`product_spec_desc`).' }),
    tradeId: t.exposeString('tradeId', { nullable: true, description: 'Order id or transaction id (`trade_id`).' }),
    billDate: t.exposeString('billDate', { nullable: true, description: 'The day billed, `YYYY-MM-DD` (`bill_date`).' }),
    usageTypeCode: t.exposeString('usageTypeCode', { nullable: true, description: 'The usage type (`usage_type`), pay-per-use only.' }),
    usage: t.expose('usage', { type: 'Decimal', nullable: true, description: 'The usage, in `usageMeasureId`; pay-per-use only.' }),
    usageMeasureId: t.exposeInt('usageMeasureId', { nullable: true, description: 'Unit of `usage` (see `measureUnits`).' }),
    officialAmount: t.expose('officialAmount', dec('List price.')),
    discountAmount: t.expose('discountAmount', dec('Discount.')),
    amount: t.expose('amount', dec('What was paid (2 decimals) = cash + credit + coupons + cards + bonus + debt + adjustment.')),
    ...cardPaymentFields(t),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// 4.7 resource detail bills

const ResourceDetailStatistic = builder.enumType('ResourceDetailStatistic', {
  description: 'How resource detail bills are summed (`statistic_type` of §4.7).',
  values: {
    PER_CYCLE: { value: 1, description: 'One row per resource and billing cycle (Huawei\'s default).' },
    PER_DAY: { value: 2, description: 'One row per resource and day.' },
  } as const,
});

const ResourceDetailBill = builder.objectRef<ResourceDetailBillShape>('CustomerResourceDetailBill').implement({
  description:
    'One row of the customer\'s resource detail bill, with its enterprise project and resource relations: ' +
    'ListCustomerselfResourceRecordDetails `POST /v2/bills/customer-bills/res-records/query` (`MonthlyBillRes`, §4.7). Yuan, exact.',
  fields: (t) => ({
    ...costRowFields(t),
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource instance id (`res_instance_id`).' }),
    resourceName: t.exposeString('resourceName', { nullable: true, description: 'The resource name.' }),
    specDescription: t.exposeString('productSpecDescription', { nullable: true, description: 'Product specification description.' }),
    parentResourceId: t.exposeString('parentResourceId', { nullable: true, description: 'The parent resource (`parent_resource_id`).' }),
    rootResourceId: t.exposeString('rootResourceId', { nullable: true, description: 'The root resource (`root_resource_id`).' }),
    tradeId: t.exposeString('tradeId', { nullable: true, description: 'Order id or transaction id (`trade_id`).' }),
    billDate: t.exposeString('billDate', { nullable: true, description: 'The day, `YYYY-MM-DD`, for `statistic: PER_DAY`; else null.' }),
    officialAmount: t.expose('officialAmount', dec('List price.')),
    discountAmount: t.expose('discountAmount', dec('Discount.')),
    consumeAmount: t.expose('consumeAmount', dec('What was consumed (2 decimals).')),
    ...cardPaymentFields(t),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// 4.10 amortised costs

const AmortizedCost = builder.objectRef<AmortizedCostShape>('AmortizedCost').implement({
  description:
    'One resource\'s amortised cost in a month (Cost Center, 成本分摊): ListCustomerBillsMonthlyBreakDown ' +
    '`GET /v2/costs/cost-analysed-bills/monthly-breakdown` (`NvlCostAnalysedBillDetail`, §4.10). Yuan, exact.',
  fields: (t) => ({
    ...costRowFields(t),
    month: t.expose('sharedMonth', { type: 'BillingCycle', nullable: true, description: 'The month the cost is amortised into (`shared_month`).' }),
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource id.' }),
    resourceName: t.exposeString('resourceName', { nullable: true, description: 'The resource name.' }),
    orderId: t.exposeString('orderId', { nullable: true, description: 'The yearly/monthly order amortised.' }),
    consumeAmount: t.expose('consumeAmount', dec('The whole consumption = past + current + future amortised amounts.')),
    pastMonthsAmortizedAmount: t.expose('pastMonthsAmortizedAmount', dec('Amortised into earlier months.')),
    currentMonthAmortizedAmount: t.expose('currentMonthAmortizedAmount', dec('Amortised into this month.')),
    futureMonthsAmortizedAmount: t.expose('futureMonthsAmortizedAmount', dec('Still to amortise into later months.')),
    amortizedCashAmount: t.expose('amortizedCashAmount', dec('This month\'s share paid in cash.')),
    amortizedCreditAmount: t.expose('amortizedCreditAmount', dec('This month\'s share paid on credit.')),
    amortizedCouponAmount: t.expose('amortizedCouponAmount', dec('This month\'s share paid with cash coupons.')),
    amortizedFlexiPurchaseCouponAmount: t.expose('amortizedFlexiPurchaseCouponAmount', dec('This month\'s share paid with flexi-purchase coupons.')),
    amortizedStoredValueCardAmount: t.expose('amortizedStoredValueCardAmount', dec('This month\'s share paid with stored-value cards.')),
    amortizedBonusAmount: t.expose('amortizedBonusAmount', dec('This month\'s share paid with bonus.')),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// 4.11 cost analysis

const CostPoint = builder.objectRef<CostPointShape>('CostPoint').implement({
  description: 'A group\'s cost in one day or month (`Cost`, ListCosts §4.11).',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The day (`YYYY-MM-DD`) or month (`YYYY-MM`).' }),
    amount: t.expose('amount', dec('The cost (payment or net amount, as asked).')),
    officialAmount: t.expose('officialAmount', dec('The list price.')),
  }),
});

const CostDimension = builder.objectRef<CostGroupShape['dimensions'][number]>('CostDimension').implement({
  description: 'The value of one grouping of a cost group (`DimensionGroup`).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The grouping, e.g. `CLOUD_SERVICE_TYPE`, a tag key or a cost unit.' }),
    value: t.exposeString('value', { description: 'Its value in this group.' }),
  }),
});

const CostGroup = builder.objectRef<CostGroupShape>('CostGroup').implement({
  description: 'The cost of one group over the window (`CostDataByDimension`, ListCosts `POST /v4/costs/cost-analysed-bills/query`, §4.11).',
  fields: (t) => ({
    dimensions: t.field({ type: [CostDimension], description: 'The grouping values that make this group.', resolve: (g) => [...g.dimensions] }),
    points: t.field({ type: [CostPoint], description: 'The cost per day or month of the window.', resolve: (g) => [...g.points] }),
    amount: t.expose('amount', dec('The cost over the whole window (`amount_by_costs`).')),
    officialAmount: t.expose('officialAmount', dec('The list price over the whole window.')),
  }),
});

const CostGranularity = builder.enumType('CostGranularity', {
  description: 'The time unit of a cost analysis (`time_measure_id`).',
  values: { DAY: { value: 1, description: 'Days: `from`/`to` are `YYYY-MM-DD`.' }, MONTH: { value: 2, description: 'Months: `from`/`to` are `YYYY-MM`.' } } as const,
});

const CostType = builder.enumType('CostType', {
  description: 'Which cost a cost analysis sums (`cost_type`).',
  values: { ORIGINAL_COST: { description: 'As billed.' }, AMORTIZED_COST: { description: 'Amortised over the months it covers.' } } as const,
});

const CostAmountType = builder.enumType('CostAmountType', {
  description: 'Which amount a cost analysis sums (`amount_type`).',
  values: { PAYMENT_AMOUNT: { description: 'What was paid.' }, NET_AMOUNT: { description: 'Net of coupons and cards.' } } as const,
});

const CostGroupBy = builder.inputType('CostGroupBy', {
  description: 'One grouping of a cost analysis (`GroupBy`): at most 2, not two tags nor two cost units.',
  fields: (t) => ({
    type: t.string({ defaultValue: 'dimension', description: '`dimension` (default), `tag` or `cost_unit`.' }),
    key: t.string({ required: true, description: 'A dimension such as `CLOUD_SERVICE_TYPE`, `REGION`, `RESOURCE_ID`, or the tag key / cost unit.' }),
  }),
});

const CostFilter = builder.inputType('CostFilter', {
  description: 'One filter of a cost analysis (`FilterV2`).',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The dimension filtered, e.g. `CLOUD_SERVICE_TYPE`.' }),
    values: t.stringList({ required: true, description: 'Its values.' }),
    exclude: t.boolean({ defaultValue: false, description: 'Exclude these values instead of keeping only them (`operator` 1).' }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// The edges

const connection = <T>(type: PothosSchemaTypes.ObjectRef<Types, T>, name: string) => builder.connectionObject({ type, name: `${name}Connection` }, { name: `${name}Edge` });
const FeeRecordConnection = connection(FeeRecord, 'CustomerFeeRecord');
const ResourceBillConnection = connection(ResourceBill, 'CustomerResourceBill');
const ResourceDetailBillConnection = connection(ResourceDetailBill, 'CustomerResourceDetailBill');
const AmortizedCostConnection = connection(AmortizedCost, 'AmortizedCost');
const CostGroupConnection = connection(CostGroup, 'CostGroup');

function costFilterArgs(arg: ArgBuilder<Types>) {
  return {
    serviceTypeCode: arg.string({ description: 'Only this service type.' }),
    resourceTypeCode: arg.string({ description: 'Only this resource type (not on `resourceBills`, whose endpoint has no such filter).' }),
    regionCode: arg.string({ description: 'Only this region.' }),
    chargeMode: arg({ type: ChargeMode, description: 'Only this charge mode (E1).' }),
    billType: arg({ type: BillDetailType, description: 'Only this bill type (E2).' }),
    enterpriseProjectId: arg.string({ description: 'Only this enterprise project (`0`: the default project).' }),
  };
}

interface CostFilterArgs {
  serviceTypeCode?: string | null;
  resourceTypeCode?: string | null;
  regionCode?: string | null;
  chargeMode?: number | null;
  billType?: number | null;
  enterpriseProjectId?: string | null;
  resourceId?: string | null;
  tradeId?: string | null;
}

const filtersOf = (a: CostFilterArgs): CostFilters => ({
  ...a,
  chargeMode: chargeModeFilter(a.chargeMode),
  billType: billDetailTypeFilter(a.billType),
});

const CYCLE_ARG = 'The billing cycle, `YYYY-MM` (UTC+8): the current one or one of the 17 before it.';

builder.objectFields(Customer, (t) => ({
  feeRecords: t.connection(
    {
      type: FeeRecord,
      nullable: true,
      description:
        `The customer's own transaction bills of a cycle. Upstream: ListCustomerBillsFeeRecords \`GET /v2/bills/customer-bills/fee-records\` (§4.5), one call per page of ≤ 1000. ${TOKEN_NOTE}`,
      args: {
        cycle: t.arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG }),
        ...costFilterArgs(t.arg),
        tradeId: t.arg.string({ description: 'Only this order or transaction (`trade_id`).' }),
      },
      resolve: (c, args, ctx) => feeRecordsConnection(ctx, c.customerId, args.cycle, openCycleOf(ctx), args, filtersOf(args)),
    },
    FeeRecordConnection,
  ),
  resourceBills: t.connection(
    {
      type: ResourceBill,
      nullable: true,
      description:
        'The customer\'s own bill per resource of a cycle, record by record. Upstream: ListCustomerselfResourceRecords ' +
        `\`GET /v2/bills/customer-bills/res-fee-records\` (§4.6), one call per page of ≤ 1000. ${TOKEN_NOTE}`,
      args: {
        cycle: t.arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG }),
        ...costFilterArgs(t.arg),
        resourceId: t.arg.string({ description: 'Only this resource (`resource_id`).' }),
        tradeId: t.arg.string({ description: 'Only this order or transaction (`trade_id`).' }),
      },
      resolve: (c, args, ctx) => resourceBillsConnection(ctx, c.customerId, args.cycle, openCycleOf(ctx), args, filtersOf(args)),
    },
    ResourceBillConnection,
  ),
  resourceDetailBills: t.connection(
    {
      type: ResourceDetailBill,
      nullable: true,
      description:
        'The customer\'s own resource detail bills of a cycle, per cycle or per day, with enterprise projects. Upstream: ' +
        `ListCustomerselfResourceRecordDetails \`POST /v2/bills/customer-bills/res-records/query\` (§4.7), one call per page of ≤ 1000. ${TOKEN_NOTE}`,
      args: {
        cycle: t.arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG }),
        statistic: t.arg({ type: ResourceDetailStatistic, defaultValue: 1, description: 'One row per cycle (default) or per day.' }),
        ...costFilterArgs(t.arg),
        resourceId: t.arg.string({ description: 'Only this resource (`res_instance_id`).' }),
      },
      resolve: (c, args, ctx) =>
        resourceDetailBillsConnection(ctx, c.customerId, args.cycle, openCycleOf(ctx), args.statistic === 2 ? 2 : 1, args, filtersOf(args)),
    },
    ResourceDetailBillConnection,
  ),
  amortizedCosts: t.connection(
    {
      type: AmortizedCost,
      nullable: true,
      description:
        'The customer\'s amortised costs of a month, per resource (Cost Center; the customer must have enabled it). Upstream: ' +
        `ListCustomerBillsMonthlyBreakDown \`GET /v2/costs/cost-analysed-bills/monthly-breakdown\` (§4.10), one call per page of ≤ 1000. ${TOKEN_NOTE}`,
      args: {
        month: t.arg({ type: 'BillingCycle', required: true, description: 'The month costs are amortised into (`shared_month`): the current one or one of the 17 before it.' }),
        ...costFilterArgs(t.arg),
        resourceId: t.arg.string({ description: 'Only this resource (`resource_id`).' }),
      },
      resolve: (c, args, ctx) => amortizedCostsConnection(ctx, c.customerId, args.month, openCycleOf(ctx), args, filtersOf(args)),
    },
    AmortizedCostConnection,
  ),
  costs: t.connection(
    {
      type: CostGroup,
      nullable: true,
      description:
        'The customer\'s cost analysis: costs over a window of days or months, grouped by up to two dimensions, tags or cost units ' +
        `(Cost Center). Upstream: ListCosts \`POST /v4/costs/cost-analysed-bills/query\` (§4.11), one call per page of ≤ 1000 groups. ${TOKEN_NOTE}`,
      args: {
        granularity: t.arg({ type: CostGranularity, defaultValue: 2, description: 'Days or months (default).' }),
        from: t.arg.string({ required: true, description: 'First day (`YYYY-MM-DD`) or month (`YYYY-MM`) of the window, as `granularity` says.' }),
        to: t.arg.string({ required: true, description: 'Last day or month of the window.' }),
        groupBy: t.arg({ type: [CostGroupBy], defaultValue: [{ type: 'dimension', key: 'CLOUD_SERVICE_TYPE' }], description: 'Up to 2 groupings; default by service type.' }),
        costType: t.arg({ type: CostType, defaultValue: 'ORIGINAL_COST', description: 'As billed (default) or amortised.' }),
        amountType: t.arg({ type: CostAmountType, defaultValue: 'PAYMENT_AMOUNT', description: 'What was paid (default) or net.' }),
        filters: t.arg({ type: [CostFilter], description: 'Up to 100 filters.' }),
      },
      resolve: (c, args, ctx) =>
        costsConnection(ctx, c.customerId, args, {
          timeMeasureId: args.granularity === 1 ? 1 : 2,
          begin: args.from,
          end: args.to,
          groupBy: (args.groupBy ?? []).map((g) => ({ type: g.type ?? 'dimension', key: g.key })),
          costType: args.costType ?? 'ORIGINAL_COST',
          amountType: args.amountType ?? 'PAYMENT_AMOUNT',
          filters: (args.filters ?? []).map((f) => ({ key: f.key, values: f.values, exclude: f.exclude ?? false })),
        }),
    },
    CostGroupConnection,
  ),
}));

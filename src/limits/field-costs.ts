/**
 * What one instance of a field costs upstream, keyed by schema coordinate (`Type.field`), from the cost
 * tables in docs/cost/partner.md, commerce.md and bills.md. The estimator (cost.ts) multiplies these by
 * page counts and nesting. Only fields that differ from the defaults are listed:
 *
 * - leaf fields (scalars, enums) cost 0;
 * - a connection costs 1 call per upstream page of 100;
 * - any other object or list field costs 1 call per instance (a loader read), so a new field the table
 *   does not know yet is over- rather than under-estimated and never crashes the estimator.
 *
 * Cached reference data (service types, resource types, units, usage types, regions, geography) is
 * counted as 0: after the first request of a process it costs nothing.
 */

export interface FieldCost {
  /** Calls per instance, or per upstream page for a connection. A function reads the field's arguments. */
  readonly calls?: number | ((args: Readonly<Record<string, unknown>>) => number);
  /** Connection: the endpoint's page maximum (rows per call). */
  readonly pageMax?: number;
  /** Connection: leading pages that cost nothing (already read by the parent field). */
  readonly freePages?: number;
  /** Batched loader: ids per call; siblings of one list share calls. */
  readonly batch?: number;
  /** Plain list: items assumed per instance, for the cost of what is selected under it. */
  readonly listSize?: number | ((args: Readonly<Record<string, unknown>>) => number);
  /** Free when the nearest enclosing list is one of these (the loader was primed by that list). */
  readonly freeUnder?: readonly string[];
  /** Free when only these fields (and `__typename`) are selected under it: the parent record holds them. */
  readonly freeSelection?: readonly string[];
  /** Fields of one object sharing a key share one call (e.g. an order's details). */
  readonly shareKey?: string;
  /** Consumption view: calls per customer-month over the cycle range; `perScope`: every customer of the scope. */
  readonly consumption?: 'customer' | 'scope';
  /** Connection: at most as many items as the store's newest listing counts (cost.ts `knownSize`). */
  readonly knownSize?: KnownSize;
}

/** Lists whose size the sync's listing knows: the resellers, and the customers of the largest reseller. */
export type KnownSize = 'resellers' | 'resellerCustomers';

const FREE: FieldCost = { calls: 0 };
/** The process-wide reference cache answers these. */
const CACHED: FieldCost = { calls: 0 };
const PAGE_100: FieldCost = { calls: 1, pageMax: 100 };
/** Customer-token endpoints: the page call, the customer token is cached by the client. */
const CUSTOMER_PAGE_100: FieldCost = { calls: 1, pageMax: 100 };
/** Reseller loader: 1 call per distinct reseller, and a page holds few resellers. */
const RESELLER: FieldCost = { calls: 1, batch: 100 };
const CUSTOMER_LOADER: FieldCost = { calls: 1 };
const ORDER_LOADER: FieldCost = { calls: 1 };
const QUOTA_LOADER: FieldCost = { calls: 1, batch: 50 };
const RESOURCES_OF_CUSTOMER = ['Customer.resources', 'Customer.periodResources', 'Customer.onDemandResources'];
/** Edges answered from the row when only these are asked (resolvers/id-edges.ts). */
const CUSTOMER_ID_ONLY = ['id', 'customerId'];
const RESELLER_ID_ONLY = ['id', 'indirectPartnerId'];
/** One customer's records of one cycle, windowed: 1 call per ≤ 1000 rows. */
const RECORDS_1000: FieldCost = { calls: 1, pageMax: 1000 };

const REFERENCE_FIELDS = [
  'serviceType', 'resourceType', 'subServiceType', 'subResourceType', 'ownerServiceType', 'usageType', 'unit', 'sizeUnit', 'region',
];
const TYPES_WITH_REFERENCES = [
  'MonthlyBill', 'ServiceTypeConsumption', 'ResourceTypeConsumption', 'RegionConsumption', 'ConsumptionRecord', 'CustomerBillSum', 'Order', 'OrderLineItem', 'OrderProduct', 'OrderRefund',
  'Resource', 'PeriodResource', 'OnDemandResource', 'ResourceSpec', 'UsageQuantity', 'UsageType', 'ResourceType', 'ServiceType',
  'CustomerFeeRecord', 'CustomerResourceBill', 'CustomerResourceDetailBill', 'AmortizedCost', 'ServiceResource',
];
/** A customer's own cost rows (customer-costs.ts): read from the row, its customer free for the id. */
const COST_ROWS = ['CustomerFeeRecord', 'CustomerResourceBill', 'CustomerResourceDetailBill', 'AmortizedCost'];

/** Fields read from the parent record (no call), by type. */
const FROM_RECORD: Readonly<Record<string, readonly string[]>> = {
  Order: ['agentPayment', 'amountBreakdown', 'enterpriseProjects', 'subOrders'],
  OrderAmountBreakdown: ['discounts'],
  OrderLineItem: ['amountBreakdown', 'baseProduct', 'product'],
  ConsumptionRecord: ['usage', 'freeResourceUsage', 'reservedInstanceUsage'],
  Coupon: ['useLimits'],
  HeldCoupon: ['useLimits'],
  CouponQuota: ['limits'],
  CouponQuotaLimit: ['values'],
  MonthlyBill: ['accountDetails'],
  CostGroup: ['dimensions', 'points'],
  PriceQuote: ['products', 'discounts'],
  RenewalQuote: ['products', 'discounts', 'resources', 'failures'],
  DiscountPrice: ['products'],
  OrderUsableCoupons: ['coupons', 'maxUse'],
  Resource: ['spec'],
  PeriodResource: ['spec', 'enterpriseProject'],
  OnDemandResource: ['spec'],
  CustomerOwnBalances: ['accounts'],
  // A consumption view's sums and groups are computed from the records its view walked (counted on `consumption`).
  CustomerConsumption: ['byServiceType', 'byResourceType', 'byRegion', 'byChargeMode', 'byCycle'],
  PartnerConsumption: ['byServiceType', 'byResourceType', 'byRegion', 'byChargeMode', 'byCycle'],
};

const TABLE: Record<string, FieldCost> = {
  // Root fields.
  'Query.partner': FREE,
  'Query.customer': CUSTOMER_LOADER,
  'Query.indirectPartner': RESELLER,
  'Query.order': { calls: 2 },
  'Query.node': { calls: 1 },
  'Query.nodes': { calls: (a) => idCount(a), listSize: (a) => idCount(a) },
  'Query.serviceTypes': CACHED,
  'Query.resourceTypes': CACHED,
  'Query.usageTypes': CACHED,
  'Query.measureUnits': CACHED,
  'Query.conversions': CACHED,
  'Query.provinces': CACHED,
  'Query.cities': CACHED,
  'Query.counties': CACHED,
  'Province.cities': CACHED,
  'City.counties': CACHED,
  'City.province': CACHED,
  'ResourceType.usageTypes': CACHED,
  'ServiceType.resourceTypes': CACHED,

  // Partner and resellers (partner.md).
  'Partner.balances': { calls: 1, listSize: 3 },
  'IndirectPartner.balances': { calls: 1, listSize: 3 },
  'Partner.indirectPartners': { ...PAGE_100, knownSize: 'resellers' },
  'Partner.customers': PAGE_100,
  'IndirectPartner.customers': { ...PAGE_100, knownSize: 'resellerCustomers' },
  'Partner.adjustRecords': PAGE_100,
  'IndirectPartner.adjustRecords': PAGE_100,
  'Customer.adjustRecords': PAGE_100,
  'Partner.accountChangeRecords': PAGE_100,
  'IndirectPartner.accountChangeRecords': PAGE_100,

  // Customers.
  'Customer.indirectPartner': { ...RESELLER, freeUnder: ['IndirectPartner.customers'], freeSelection: RESELLER_ID_ONLY },
  'Customer.balance': { calls: 1, batch: 100 },
  'Customer.newCustomerTag': { calls: 1, batch: 200 },
  'Customer.coupons': PAGE_100,
  'Customer.couponRecords': PAGE_100,
  'Customer.ownBalances': { calls: 1 },
  'Customer.accountChangeRecords': CUSTOMER_PAGE_100,
  'Customer.heldCoupons': CUSTOMER_PAGE_100,
  'Customer.couponChangeRecords': CUSTOMER_PAGE_100,
  'HeldCoupon.customer': { ...CUSTOMER_LOADER, freeUnder: ['Customer.heldCoupons'], freeSelection: CUSTOMER_ID_ONLY },
  'HeldCoupon.coupon': { calls: 1 },
  // Telling a customer from a reseller lists the resellers once per request (free in a reseller's listing): over-estimated per row.
  'AdjustRecord.customer': CUSTOMER_LOADER,
  'AdjustRecord.indirectPartner': RESELLER,
  'AccountChangeRecord.customer': CUSTOMER_LOADER,
  'AccountChangeRecord.indirectPartner': RESELLER,

  // Coupons and quotas.
  'Partner.issuedCoupons': PAGE_100,
  'IndirectPartner.issuedCoupons': PAGE_100,
  'Coupon.customer': { ...CUSTOMER_LOADER, freeSelection: CUSTOMER_ID_ONLY },
  'Coupon.order': ORDER_LOADER,
  'Coupon.indirectPartner': { ...RESELLER, freeSelection: RESELLER_ID_ONLY },
  'Coupon.records': { calls: 1, batch: 100, listSize: 3, shareKey: 'couponRecords' },
  'Coupon.quota': { calls: 2, batch: 50, shareKey: 'couponRecords' },
  'CouponRecord.coupon': { calls: 1 },
  'CouponRecord.customer': { ...CUSTOMER_LOADER, freeSelection: CUSTOMER_ID_ONLY },
  'CouponRecord.quota': QUOTA_LOADER,
  'Partner.couponQuotas': PAGE_100,
  'IndirectPartner.couponQuotas': PAGE_100,
  'Partner.issuedCouponQuotas': PAGE_100,
  'CouponQuota.issuedQuotas': PAGE_100,
  'CouponQuota.parentQuota': QUOTA_LOADER,
  'CouponQuota.indirectPartner': { ...RESELLER, freeSelection: RESELLER_ID_ONLY },
  'CouponQuota.couponRecords': PAGE_100,
  'Order.coupons': PAGE_100,
  'CouponQuota.records': PAGE_100,
  'Partner.quotaRecords': PAGE_100,
  'IndirectPartner.quotaRecords': PAGE_100,
  'QuotaRecord.quota': QUOTA_LOADER,
  'QuotaRecord.parentQuota': QUOTA_LOADER,
  'QuotaRecord.indirectPartner': { ...RESELLER, freeSelection: RESELLER_ID_ONLY },
  'Partner.couponRecords': PAGE_100,
  'IndirectPartner.couponRecords': PAGE_100,

  // Orders and resources (commerce.md).
  'Partner.orders': PAGE_100,
  'IndirectPartner.orders': PAGE_100,
  'Customer.orders': PAGE_100,
  'Order.customer': { ...CUSTOMER_LOADER, freeUnder: ['Customer.orders'], freeSelection: CUSTOMER_ID_ONLY },
  'Order.consumptionRecords': RECORDS_1000,
  'Order.createdBy': { calls: 1, shareKey: 'orderDetails' },
  'Order.paymentDeadline': { calls: 1, shareKey: 'orderDetails' },
  'Order.lineItems': { calls: 1, pageMax: 100 },
  'Order.resources': PAGE_100,
  'Order.refundDetails': { calls: 1, listSize: 3 },
  'OrderRefund.baseOrder': ORDER_LOADER,
  // Pay-per-use list and on-demand list, one call to each per page.
  'Customer.resources': { calls: 2, pageMax: 100 },
  'Customer.periodResources': PAGE_100,
  'Customer.onDemandResources': PAGE_100,
  'Resource.customer': { ...CUSTOMER_LOADER, freeUnder: RESOURCES_OF_CUSTOMER, freeSelection: CUSTOMER_ID_ONLY },
  'PeriodResource.customer': { ...CUSTOMER_LOADER, freeUnder: RESOURCES_OF_CUSTOMER, freeSelection: CUSTOMER_ID_ONLY },
  'OnDemandResource.customer': { ...CUSTOMER_LOADER, freeUnder: RESOURCES_OF_CUSTOMER, freeSelection: CUSTOMER_ID_ONLY },
  'Resource.consumptionRecords': RECORDS_1000,
  'PeriodResource.consumptionRecords': RECORDS_1000,
  'OnDemandResource.consumptionRecords': RECORDS_1000,
  'PeriodResource.parent': { calls: 1, batch: 50 },
  'PeriodResource.children': { calls: 1, batch: 50, listSize: 5 },
  // The customer's completed orders, then up to a few candidate orders checked.
  'PeriodResource.order': { calls: 3 },

  // Bills (bills.md): without a charge mode the three modes are each asked.
  'Partner.monthlyBills': { calls: (a) => (a['chargeMode'] ? 1 : 3), pageMax: 100 },
  'IndirectPartner.monthlyBills': { calls: (a) => (a['chargeMode'] ? 1 : 3), pageMax: 100 },
  'Customer.monthlyBills': { calls: (a) => (a['chargeMode'] ? 1 : 3), pageMax: 100 },
  'MonthlyBill.customer': { ...CUSTOMER_LOADER, freeSelection: ['id', 'customerId'] },
  'Customer.consumption': { consumption: 'customer' },
  'IndirectPartner.consumption': { consumption: 'scope' },
  'Partner.consumption': { consumption: 'scope' },
  // The view's walk (counted on `consumption`) holds the records; a window past it is 1 call per 1000.
  'CustomerConsumption.records': { calls: 1, pageMax: 1000, freePages: 1 },
  'PartnerConsumption.records': { calls: 0 },
  'PartnerConsumption.byCustomer': { calls: 0, listSize: 100 },
  // Which cycle is answered from where: the view's plan, read with the view (no call of its own).
  'PartnerConsumption.cycles': { calls: 0 },
  'CustomerConsumption.cycles': { calls: 0 },
  'CustomerConsumptionSum.customer': { calls: 1, batch: 100 },
  'ConsumptionRecord.customer': { ...CUSTOMER_LOADER, freeUnder: ['CustomerConsumption.records'], freeSelection: ['id', 'customerId'] },
  'ConsumptionRecord.order': ORDER_LOADER,
  'ConsumptionRecord.resource': { calls: 1, batch: 50 },
  // The summary's one call (plus a customer token, cached by the client) holds the first 1000 rows.
  'Customer.monthlySummary': { calls: 1 },
  'CustomerMonthlySummary.rows': { calls: 1, pageMax: 1000, freePages: 1 },

  // A customer's own cost data, 95th-percentile usage (customer token) and price quotes (issue 15).
  'Customer.feeRecords': RECORDS_1000,
  'Customer.resourceBills': RECORDS_1000,
  'Customer.resourceDetailBills': RECORDS_1000,
  'Customer.amortizedCosts': RECORDS_1000,
  'Customer.costs': RECORDS_1000,
  'Customer.percentileUsage': RECORDS_1000,
  'Resource.percentileUsage': { calls: 1 },
  'PeriodResource.percentileUsage': { calls: 1 },
  'OnDemandResource.percentileUsage': { calls: 1 },
  // The first 1000 points come with the month.
  'PercentileUsage.points': { calls: 1, pageMax: 1000, freePages: 1 },
  'PercentileUsageSummary.customer': { ...CUSTOMER_LOADER, freeSelection: CUSTOMER_ID_ONLY },
  'Query.onDemandQuote': { calls: 1 },
  'Query.periodQuote': { calls: 1 },
  'Query.renewalQuote': { calls: 1 },
  'ServiceType.resources': CACHED,
};

for (const type of COST_ROWS) {
  TABLE[`${type}.customer`] ??= { ...CUSTOMER_LOADER, freeSelection: CUSTOMER_ID_ONLY };
  TABLE[`${type}.enterpriseProject`] ??= FREE;
}

for (const type of TYPES_WITH_REFERENCES) {
  for (const field of REFERENCE_FIELDS) TABLE[`${type}.${field}`] ??= CACHED;
}
for (const [type, fields] of Object.entries(FROM_RECORD)) {
  for (const field of fields) TABLE[`${type}.${field}`] ??= FREE;
}

function idCount(args: Readonly<Record<string, unknown>>): number {
  const ids = args['ids'];
  return Array.isArray(ids) ? ids.length : 1;
}

export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = TABLE;

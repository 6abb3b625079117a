/**
 * Bills: `MonthlyBill` (the partner's monthly sums of its resale customers, ListSubcustomerMonthlyBills §4.1)
 * with `Partner.monthlyBills` / `IndirectPartner.monthlyBills`; and the customer's own monthly bill
 * `Customer.monthlySummary(cycle)` (ShowCustomerMonthlySum §4.4, through token exchange). Consumption records
 * and the `consumption` views (§4.2) are in src/schema/consumption.ts.
 * Behaviour lives in src/resolvers/bill.ts; loaders in src/loaders/bill-loaders.ts.
 */
import { billCustomer, customerBillSumsConnection, monthlyBillsConnection } from '../resolvers/bill.js';
import {
  customerMonthlySumKey, decodeMonthlyBillKey, encodeMonthlyBillKey,
  type AccountDetailShape, type CustomerBillSumShape, type CustomerMonthlySummaryShape, type MonthlyBillShape, type MonthlyBillsQuery,
} from '../sources/monthly-bills.js';
import { resourceTypeByCode, serviceTypeByCode } from '../sources/reference.js';
import type { ArgBuilder } from '@pothos/core';
import { builder } from './builder.js';
import { openCycleOf, type GraphQLContext } from '../context.js';
import { checkCycle } from '../resolvers/input.js';
import { primeCustomer } from '../resolvers/customer.js';
import { isConsultative } from '../sources/customers.js';
import { requireScope, scopeOfArg } from '../auth/scope.js';
import { maskAccountName, personal } from '../auth/pii.js';
import {
  BalanceType, ChargeMode, CustomerBillType, MonthlyBillType, balanceType, chargeMode, customerBillType, monthlyBillChargeModes, monthlyBillType,
  monthlyBillTypeFilter,
} from './bill-enums.js';
import { Customer } from './customer.js';
import { IndirectPartner } from './indirect-partner.js';
import { Partner } from './partner.js';
import { ResourceType, ServiceType } from './reference.js';

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
  loadOne: (id, ctx) => {
    const key = decodeMonthlyBillKey(id);
    // Not a key this graph hands out: nothing to load (and no scope to check it against).
    if (!key) return null;
    requireScope(ctx.caller, key.indirectPartnerId);
    return ctx.loaders.monthlyBill.load(id);
  },
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

const CYCLE_ARG_DESCRIPTION =
  'The billing cycle, `YYYY-MM` (UTC+8): the current one or one of the 17 before it (Huawei keeps bills 18 months); ' +
  'any other is BAD_USER_INPUT before any call.';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The 4.1 filters as arguments, shared by the partner and reseller fields. */
function monthlyBillArgs(arg: ArgBuilder<Types>) {
  return {
    cycle: arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG_DESCRIPTION }),
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

/** The 4.1 query of the arguments; the cycle checked against the open one first (`checkCycle`), before any call. */
function monthlyBillsQuery(ctx: GraphQLContext, args: MonthlyBillArgs, indirectPartnerId: string | null): MonthlyBillsQuery {
  return {
    cycle: checkCycle(args.cycle, openCycleOf(ctx)),
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
        `\`IndirectPartner.monthlyBills\`; for a reseller API key, its own reseller's). ${MONTHLY_BILLS_COST}`,
      args: monthlyBillArgs(t.arg),
      resolve: (_partner, args, ctx) =>
        monthlyBillsConnection(ctx, args, monthlyBillsQuery(ctx, args, scopeOfArg(ctx.caller, null)), monthlyBillChargeModes(args.chargeMode)),
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
        monthlyBillsConnection(ctx, args, monthlyBillsQuery(ctx, args, requireScope(ctx.caller, p.indirectPartnerId)), monthlyBillChargeModes(args.chargeMode)),
    },
    MonthlyBillConnection,
  ),
);

builder.objectField(Customer, 'monthlyBills', (t) =>
  t.connection(
    {
      type: MonthlyBill,
      nullable: true,
      description:
        'The customer\'s monthly sums in one cycle, as its partner sees them (the same listing as `Partner.monthlyBills` ' +
        'with `customer_id`, and `indirect_partner_id` for a reseller\'s customer; partner credentials, no token). ' +
        `Rows lead back to this customer without a lookup. None (no call) for a consultative-sales customer. ${MONTHLY_BILLS_COST}`,
      args: (({ customerId: _customerId, ...rest }) => rest)(monthlyBillArgs(t.arg)),
      resolve: (c, args, ctx) => {
        if (isConsultative(c)) return emptyMonthlyBills();
        primeCustomer(ctx, c);
        const q = monthlyBillsQuery(ctx, { ...args, customerId: c.customerId }, requireScope(ctx.caller, c.indirectPartnerId));
        return monthlyBillsConnection(ctx, args, q, monthlyBillChargeModes(args.chargeMode));
      },
    },
    MonthlyBillConnection,
  ),
);

/** Monthly bills list resale customers only: a consultative-sales customer has none to list. */
const emptyMonthlyBills = () => ({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 });

// ---------------------------------------------------------------------------------------------------------
// The customer's own monthly bill (4.4)

const CustomerBillSum = builder.objectRef<CustomerBillSumShape>('CustomerBillSum').implement({
  description:
    'One row of a customer\'s own monthly bill: a service type, resource type, charge mode and bill type ' +
    '(`BillSumRecordInfoV2`, ShowCustomerMonthlySum §4.4). 2-decimal yuan.',
  fields: (t) => ({
    cycle: t.expose('cycle', { type: 'BillingCycle', description: 'The billing cycle (`bill_cycle`).' }),
    customerId: t.exposeString('customerId', { description: 'The account that consumed (`customer_id`).' }),
    accountName: t.string({
      nullable: true,
      description: 'Its login name (`account_name`); masked unless the API key has the PII permission.',
      resolve: (s, _args, ctx) => personal(ctx, s.accountName, { customerId: s.customerId, field: 'CustomerBillSum.accountName' }, maskAccountName),
    }),
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
  monthlySummary: t.field({
    type: CustomerMonthlySummary,
    // Nullable: a customer without an agency gets a typed error (CUSTOMER_AGENCY_NOT_GRANTED) here and only here.
    nullable: true,
    description:
      'The customer\'s own monthly bill, read with its token: ShowCustomerMonthlySum `GET /v2/bills/customer-bills/monthly-sum` ' +
      '(customer-only, §4.4). One call for totals and up to 1000 rows, plus one IAM token exchange per customer while its ' +
      'token is cached. A customer who granted no agency yields the error CUSTOMER_AGENCY_NOT_GRANTED on this field.',
    args: {
      cycle: t.arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG_DESCRIPTION }),
      serviceTypeCode: t.arg.string({ description: 'Only this service type (`service_type_code`).' }),
    },
    resolve: (customer, args, ctx) =>
      ctx.loaders.customerMonthlySummary.load(
        customerMonthlySumKey({ customerId: customer.customerId, cycle: checkCycle(args.cycle, openCycleOf(ctx)), serviceTypeCode: args.serviceTypeCode || null }),
      ),
  }),
}));

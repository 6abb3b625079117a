/**
 * `Customer`: a customer account of the partner or of one of its resellers; `Query.customer`,
 * `Partner.customers` and `IndirectPartner.customers`. Partner-side fields use the partner's credentials
 * (ListSubCustomers §2.2, ListCustomersBalancesDetail §2.5, ListSubCustomerNewTag §2.4); customer-side
 * fields (`ownBalances`, `accountChangeRecords`, and `heldCoupons`/`couponChangeRecords` in coupon.ts) use a
 * customer token got through the agency the customer granted: without one, only those fields fail, with
 * `extensions.code` CUSTOMER_AGENCY_NOT_GRANTED. Other graph files add their edges to Customer (orders,
 * resources, consumption, coupons) with `builder.objectFields`.
 */
import type { ArgBuilder } from '@pothos/core';
import { customerAccountChangesConnection, customersConnection } from '../resolvers/customer.js';
import {
  customerKey, isConsultative,
  type CustomerAccountChangeShape, type CustomerBalanceShape, type CustomerOwnBalancesShape, type CustomerShape, type NewCustomerTagShape,
} from '../sources/customers.js';
import { parseScopedKey, scopedKey, type Scope } from '../sources/wire.js';
import { boundReseller, requireScope, scopeOfArg } from '../auth/scope.js';
import { maskAccountName, maskEmail, maskName, maskPhone, personal, requirePii } from '../auth/pii.js';
import type { GraphQLContext } from '../context.js';
import { builder } from './builder.js';
import { customerEdge, resellerEdge } from '../resolvers/id-edges.js';
import { counterpartyKind } from '../resolvers/partner.js';
import { IndirectPartner } from './indirect-partner.js';
import { AccountBalanceRef, AccountChangeRecord, AdjustRecord, AdjustRecordConnection, Partner, adjustRecordArgs, resolveAdjustRecords } from './partner.js';
import {
  AccountTradeDetailType, AssociationType, CustomerLevel, CustomerTradeType, CustomerType, FrozenState, LedgerBalanceType, LedgerDirection,
  NewCustomerTagValue, VerificationStatus, accountTradeDetailType, associationType, customerLevel, customerType, directionFromRevenueExpense,
  filterCode, frozenState, newCustomerTagValue, revenueExpenseFilter, verificationStatus,
} from './partner-enums.js';

export const Customer = builder.objectRef<CustomerShape>('Customer');

const CustomerBalance = builder.objectRef<CustomerBalanceShape>('CustomerBalance').implement({
  description:
    'A resale customer\'s balance as its partner sees it (ListCustomersBalancesDetail ' +
    '`POST /v2/accounts/customer-accounts/balances/batch-query`, §2.5).',
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Decimal', nullable: true, description: 'Total available amount, yuan.' }),
    debtAmount: t.expose('debtAmount', { type: 'Decimal', nullable: true, description: 'Total arrears, yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY`.' }),
  }),
});

const NewCustomerTag = builder.objectRef<NewCustomerTagShape>('NewCustomerTag').implement({
  description: 'A customer\'s SMB new-customer tag (ListSubCustomerNewTag `POST /v2/partners/sub-customers/new-customers-tags/batch-query`, §2.4).',
  fields: (t) => ({
    tag: t.field({ type: NewCustomerTagValue, description: 'The tag.', resolve: (g) => newCustomerTagValue(g.tag) }),
    tagCode: t.exposeString('tag', { description: 'The raw `new_customer_tag` (`""` without real-name authentication).' }),
    tagType: t.exposeString('tagType', { nullable: true, description: 'The tag family (`customer_tag_type`), `SMB`.' }),
    effectiveMonth: t.expose('effectiveMonth', { type: 'BillingCycle', nullable: true, description: 'Month the tag takes effect.' }),
    expireMonth: t.expose('expireMonth', { type: 'BillingCycle', nullable: true, description: 'Month the tag expires; in the past once it lapsed.' }),
  }),
});

const CustomerOwnBalances = builder.objectRef<CustomerOwnBalancesShape>('CustomerOwnBalances').implement({
  description: 'A customer\'s balances as the customer itself reads them (ShowCustomerAccountBalances `GET /v2/accounts/customer-accounts/balances`, §2.6).',
  fields: (t) => ({
    accounts: t.field({ type: [AccountBalanceRef], description: 'One balance per account type.', resolve: (b) => [...b.accounts] }),
    debtAmount: t.expose('debtAmount', { type: 'Decimal', nullable: true, description: 'Total arrears, yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY`.' }),
  }),
});

const CustomerAccountChangeRecord = builder.objectRef<CustomerAccountChangeShape>('CustomerAccountChangeRecord').implement({
  description:
    'One entry of a customer\'s own income and expense ledger (ListCustomerAccountChangeRecords ' +
    '`GET /v2/accounts/customer-accounts/account-change-records`, §2.7).',
  fields: (t) => ({
    accountChangeId: t.exposeString('accountChangeId', { nullable: true, description: 'Ledger serial number.' }),
    tradeDetailType: t.field({ type: AccountTradeDetailType, description: 'What the entry was.', resolve: (r) => accountTradeDetailType(r.tradeDetailType) }),
    tradeDetailTypeCode: t.exposeString('tradeDetailType', { nullable: true, description: 'The raw `trade_detail_type` (Huawei\'s spelling).' }),
    tradeTime: t.expose('tradeTime', { type: 'DateTime', nullable: true, description: 'When the transaction happened.' }),
    tradeId: t.exposeString('tradeId', { nullable: true, description: 'The transaction id, or the order id.' }),
    changeAmount: t.expose('changeAmount', { type: 'Decimal', nullable: true, description: 'Amount changed, yuan (decimal text on the wire).' }),
    balanceAfterChange: t.expose('balanceAfterChange', { type: 'Decimal', nullable: true, description: 'Balance afterwards, yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency of the ledger, `CNY`.' }),
    direction: t.field({ type: LedgerDirection, description: 'Income or expense.', resolve: (r) => directionFromRevenueExpense(r.revenueExpenseType) }),
    directionCode: t.exposeString('revenueExpenseType', { nullable: true, description: 'The raw `revenue_expense_type`.' }),
    billCycle: t.expose('billCycle', { type: 'BillingCycle', nullable: true, description: 'The billing cycle of the entry.' }),
    paymentChannelId: t.exposeString('paymentChannelId', { nullable: true, description: 'Payment channel code (`payment_channel_id`: 1 Alipay, 2 bank transfer, …).' }),
    paymentChannelNo: t.exposeString('paymentChannelNo', { nullable: true, description: 'Payment channel serial number.' }),
    consumeTime: t.exposeString('consumeTime', {
      nullable: true,
      description: 'Consumption time as Huawei writes it: a time, or a charging start and end for pay-per-use (`consume_time`).',
    }),
    accountName: t.string({
      nullable: true,
      description: 'The account name; masked unless the API key has the PII permission.',
      resolve: (r, _args, ctx) => personal(ctx, r.accountName, { customerId: r.customerId, field: 'CustomerAccountChangeRecord.accountName' }, maskAccountName),
    }),
    serviceTypeName: t.exposeString('serviceTypeName', { nullable: true, description: 'Cloud service name (`cloud_service_type_name`; the endpoint gives no code).' }),
    resourceTypeName: t.exposeString('resourceTypeName', { nullable: true, description: 'Resource type name (reserved upstream).' }),
  }),
});

const CustomerAccountChangeRecordConnection = builder.connectionObject(
  { type: CustomerAccountChangeRecord, name: 'CustomerAccountChangeRecordConnection' },
  { name: 'CustomerAccountChangeRecordEdge' },
);

builder.node(Customer, {
  description:
    'A customer account (domain) associated with the partner or with one of its resellers (ListSubCustomers ' +
    '`POST /v2/partners/sub-customers/query`, §2.2).',
  // A reseller's customer carries its reseller in the id, so a refetch asks that reseller's scope directly.
  id: { resolve: (c) => customerKey(c) },
  // A reseller key may refetch only its own customers: the scope is the one the global id names.
  loadOne: (id, ctx) => {
    requireScope(ctx.caller, parseScopedKey(id).scope);
    return ctx.loaders.customer.load(id);
  },
  fields: (t) => ({
    customerId: t.exposeString('customerId', { description: 'The customer account (domain) id: `customer_id` upstream.' }),
    accountName: t.string({
      description: 'Login name of the customer main account; masked (`p************1`) unless the API key has the PII permission.',
      resolve: (c, _args, ctx) => personal(ctx, c.accountName, { customerId: c.customerId, field: 'Customer.accountName' }, maskAccountName) ?? '',
    }),
    name: t.string({
      nullable: true,
      description: 'Real-name-authentication name (a person or a company); masked (`张**`) unless the API key has the PII permission.',
      resolve: (c, _args, ctx) => personal(ctx, c.name, { customerId: c.customerId, field: 'Customer.name' }, maskName),
    }),
    associationType: t.field({ type: AssociationType, description: 'Resale or consultative sales.', resolve: (c) => associationType(c.associationType) }),
    associationTypeCode: t.exposeString('associationType', { nullable: true, description: 'The raw `association_type` code.' }),
    associatedOn: t.expose('associatedOn', { type: 'DateTime', nullable: true, description: 'When the customer was associated with the partner.' }),
    label: t.exposeString('label', { nullable: true, description: 'The customer\'s tag (`label`), as the partner set it.' }),
    telephone: t.string({
      nullable: true,
      description: 'Phone number; masked (`138****5678`) unless the API key has the PII permission.',
      resolve: (c, _args, ctx) => personal(ctx, c.telephone, { customerId: c.customerId, field: 'Customer.telephone' }, maskPhone),
    }),
    countryCode: t.exposeString('countryCode', { nullable: true, description: 'Phone country prefix, e.g. `0086`.' }),
    email: t.string({
      nullable: true,
      description: 'E-mail address; masked (`a***@example.com`) unless the API key has the PII permission.',
      resolve: (c, _args, ctx) => personal(ctx, c.email, { customerId: c.customerId, field: 'Customer.email' }, maskEmail),
    }),
    verificationStatus: t.field({ type: VerificationStatus, description: 'Real-name authentication status.', resolve: (c) => verificationStatus(c.verifiedStatus) }),
    verificationStatusCode: t.exposeString('verifiedStatus', { nullable: true, description: 'The raw `verified_status` code.' }),
    customerType: t.field({ type: CustomerType, description: 'Individual or enterprise.', resolve: (c) => customerType(c.customerType) }),
    customerTypeCode: t.exposeInt('customerType', { nullable: true, description: 'The raw `customer_type` code.' }),
    frozenState: t.field({ type: FrozenState, description: 'Whether the account is frozen.', resolve: (c) => frozenState(c.isFrozen) }),
    frozenStateCode: t.exposeInt('isFrozen', { nullable: true, description: 'The raw `is_frozen` code.' }),
    level: t.field({ type: CustomerLevel, description: 'Huawei\'s customer level.', resolve: (c) => customerLevel(c.customerLevel) }),
    levelCode: t.exposeString('customerLevel', { nullable: true, description: 'The raw `customer_level`.' }),
    accountManagers: t.exposeStringList('accountManagers', { description: 'Login names of the customer\'s account managers (currently at most one).' }),
    xaccountId: t.exposeString('xaccountId', { nullable: true, description: 'The user\'s id on the partner\'s sales platform (`xaccount_id`).' }),
    xaccountType: t.exposeString('xaccountType', { nullable: true, description: 'The partner platform identifier (`xaccount_type`).' }),
    indirectPartnerId: t.exposeString('indirectPartnerId', { nullable: true, description: 'The reseller whose customer this is; null for the partner\'s own.' }),
    indirectPartner: t.field({
      type: IndirectPartner,
      nullable: true,
      description:
        'The reseller whose customer this is; null for the partner\'s own customers. Free when only its id is asked; else the reseller loader: ' +
        'free when the reseller was already read in this request, else one ListIndirectPartners call per distinct reseller.',
      resolve: (c, _args, ctx, info) => resellerEdge(ctx, info, c.indirectPartnerId),
    }),
    balance: t.field({
      type: CustomerBalance,
      nullable: true,
      description:
        'The balance of a resale customer; null for consultative-sales customers, whose funds the partner cannot see. ' +
        'Upstream: ListCustomersBalancesDetail, batched: ≤ 100 customers of one scope per call.',
      // Consultative customers are silently left out upstream: no need to ask.
      resolve: (c, _args, ctx) => (isConsultative(c) ? null : ctx.loaders.customerBalance.load(customerKey(c))),
    }),
    newCustomerTag: t.field({
      type: NewCustomerTag,
      nullable: true,
      description: 'The SMB new-customer tag. Upstream: ListSubCustomerNewTag, batched: ≤ 200 customers of one scope per call.',
      resolve: (c, _args, ctx) => ctx.loaders.newCustomerTag.load(customerKey(c)),
    }),
    adjustRecords: t.connection(
      {
        type: AdjustRecord,
        nullable: true,
        description:
          'Fund allocations to and reclaims from this customer. Upstream: ListPartnerAdjustRecords with `customer_id` ' +
          '(and the reseller for a reseller\'s customer), one call per page of ≤ 100.',
        args: adjustRecordArgs(t.arg),
        resolve: (c, args, ctx) => resolveAdjustRecords(ctx, c.indirectPartnerId, c.customerId, args),
      },
      AdjustRecordConnection,
    ),
    ownBalances: t.field({
      type: CustomerOwnBalances,
      nullable: true,
      description:
        'The customer\'s balances as it reads them itself, through a customer token (IAM assume_role on the agency it granted). ' +
        'Upstream: ShowCustomerAccountBalances `GET /v2/accounts/customer-accounts/balances`, one call per customer. ' +
        'Fails with CUSTOMER_AGENCY_NOT_GRANTED when the customer granted no agency.',
      resolve: (c, _args, ctx) => ctx.loaders.customerOwnBalances.load(c.customerId),
    }),
    accountChangeRecords: t.connection(
      {
        type: CustomerAccountChangeRecord,
        nullable: true,
        description:
          'The customer\'s own income and expense ledger, through a customer token. Upstream: ListCustomerAccountChangeRecords ' +
          '`GET /v2/accounts/customer-accounts/account-change-records`, one call per page of ≤ 100. Fails with ' +
          'CUSTOMER_AGENCY_NOT_GRANTED when the customer granted no agency.',
        args: {
          balanceType: t.arg({
            type: LedgerBalanceType,
            defaultValue: 'BALANCE_TYPE_DEBIT',
            description: 'Which account\'s ledger (`balance_type`, required upstream); resale customers have no credit account.',
          }),
          direction: t.arg({ type: LedgerDirection, description: 'Only income or only expense (`revenue_expense_type`).' }),
          tradeType: t.arg({ type: CustomerTradeType, description: 'Only entries of this category (`trade_type`).' }),
          from: t.arg.string({ description: 'First day, `YYYY-MM-DD` in Beijing time (`trade_time_begin`). The window may span at most one year.' }),
          to: t.arg.string({ description: 'Last day, `YYYY-MM-DD` in Beijing time (`trade_time_end`); upstream default: today.' }),
          tradeId: t.arg.string({ description: 'Only entries of this transaction or order (`trade_id`).' }),
        },
        resolve: (c, args, ctx) =>
          customerAccountChangesConnection(ctx, c.customerId, args, {
            balanceType: args.balanceType ?? 'BALANCE_TYPE_DEBIT',
            revenueExpenseType: revenueExpenseFilter(args.direction),
            tradeType: (args.tradeType ?? undefined) as Parameters<typeof customerAccountChangesConnection>[3]['tradeType'],
            from: args.from,
            to: args.to,
            tradeId: args.tradeId,
          }),
      },
      CustomerAccountChangeRecordConnection,
    ),
  }),
});

builder.queryField('customer', (t) =>
  t.field({
    type: Customer,
    nullable: true,
    description:
      'One customer by its account id, from the partner or any of its resellers; null when it is not one of theirs. ' +
      'Upstream: ListSubCustomers with the exact `customer_id`, in the partner\'s own scope first, then in each reseller\'s ' +
      '(skipped when `indirectPartnerId` is given). A reseller API key looks only in its own scope (no search): another ' +
      'reseller\'s or the partner\'s customer is null, exactly like an unknown id; naming another reseller is FORBIDDEN.',
    args: {
      customerId: t.arg.string({ required: true, description: 'The customer account (domain) id.' }),
      indirectPartnerId: t.arg.string({ description: 'The reseller whose customer it is, when known: one call in that reseller\'s scope, no search.' }),
    },
    resolve: (_root, args, ctx) => {
      // Partner-wide keys without a reseller search every scope; a reseller key's plain id means its own scope.
      const scope = boundReseller(ctx.caller) ? scopeOfArg(ctx.caller, args.indirectPartnerId) : args.indirectPartnerId || null;
      return ctx.loaders.customer.load(scopedKey(args.customerId, scope));
    },
  }),
);

export const CustomerConnection = builder.connectionObject({ type: Customer, name: 'CustomerConnection' }, { name: 'CustomerEdge' });

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

function customerFilterArgs(arg: ArgBuilder<Types>) {
  return {
    accountName: arg.string({
      description: 'Login names containing this text (`account_name`, fuzzy, no spaces). Needs an API key with the PII permission (FORBIDDEN otherwise).',
    }),
    name: arg.string({
      description: 'Real-name-authentication names containing this text (`customer`, fuzzy). Needs an API key with the PII permission (FORBIDDEN otherwise).',
    }),
    label: arg.string({ description: 'Tags containing this text (`label`, fuzzy, case-sensitive, no spaces).' }),
    associationType: arg({ type: AssociationType, description: 'Only resale or only consultative-sales customers (`association_type`).' }),
    associatedFrom: arg({ type: 'DateTime', description: 'Only customers associated after this time (`associated_on_begin`).' }),
    associatedTo: arg({ type: 'DateTime', description: 'Only customers associated before this time (`associated_on_end`).' }),
  };
}

interface CustomerFilterArgs {
  accountName?: string | null;
  name?: string | null;
  label?: string | null;
  associationType?: string | null;
  associatedFrom?: Date | null;
  associatedTo?: Date | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

function resolveCustomers(ctx: GraphQLContext, scope: Scope, args: CustomerFilterArgs) {
  // Searching masked data by name would unmask it one guess at a time.
  if (args.name) requirePii(ctx.caller, 'name');
  if (args.accountName) requirePii(ctx.caller, 'accountName');
  return customersConnection(ctx, scope, args, {
    accountName: args.accountName,
    name: args.name,
    label: args.label,
    associationType: filterCode(args.associationType, 'associationType') as '1' | '2' | undefined,
    associatedFrom: args.associatedFrom,
    associatedTo: args.associatedTo,
  });
}

builder.objectField(Partner, 'customers', (t) =>
  t.connection(
    {
      type: Customer,
      nullable: true,
      description:
        'The partner\'s own customers, or one reseller\'s with `indirectPartnerId`; for a reseller API key its own reseller\'s ' +
        '(another reseller: FORBIDDEN). Upstream: ListSubCustomers ' +
        '`POST /v2/partners/sub-customers/query`, one call per page of ≤ 100.',
      args: {
        ...customerFilterArgs(t.arg),
        indirectPartnerId: t.arg.string({ description: 'List this reseller\'s customers instead (`indirect_partner_id`; distributors only).' }),
      },
      resolve: (_p, args, ctx) => resolveCustomers(ctx, scopeOfArg(ctx.caller, args.indirectPartnerId), args),
    },
    CustomerConnection,
  ),
);

builder.objectField(IndirectPartner, 'customers', (t) =>
  t.connection(
    {
      type: Customer,
      nullable: true,
      description: 'The reseller\'s customers. Upstream: ListSubCustomers with `indirect_partner_id`, one call per page of ≤ 100.',
      args: customerFilterArgs(t.arg),
      resolve: (p, args, ctx) => resolveCustomers(ctx, requireScope(ctx.caller, p.indirectPartnerId), args),
    },
    CustomerConnection,
  ),
);

// ---------------------------------------------------------------------------------------------------------
// Whom a fund-allocation or ledger row names (the rows are defined in partner.ts, below this file)

const COUNTERPARTY_COST =
  'In a reseller\'s listing free when only its id is asked; in the partner\'s own, telling a customer from a reseller lists ' +
  'the resellers once per request (ListIndirectPartners, pages of 100), which also answers the reseller. Anything beyond a ' +
  'customer\'s id: the customer loader.';


/** A row naming a customer or a reseller by `customer_id`, in the scope it was listed in. */
interface CounterpartyRow {
  readonly customerId: string | null;
  readonly indirectPartnerId: Scope;
}

function counterpartyEdges<Row extends CounterpartyRow>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Row>, what: string) {
  return {
    customer: t.field({
      type: Customer,
      nullable: true,
      description: `The customer ${what}; null when \`customerId\` names a reseller. ${COUNTERPARTY_COST}`,
      resolve: async (r, _args, ctx, info) =>
        (await counterpartyKind(ctx, r.indirectPartnerId, r.customerId)) === 'customer' ? customerEdge(ctx, info, r.customerId, r.indirectPartnerId) : null,
    }),
    indirectPartner: t.field({
      type: IndirectPartner,
      nullable: true,
      description: `The reseller ${what}, for a distributor's allocation to a reseller; null when \`customerId\` names a customer. ${COUNTERPARTY_COST}`,
      resolve: async (r, _args, ctx, info) =>
        (await counterpartyKind(ctx, r.indirectPartnerId, r.customerId)) === 'reseller' ? resellerEdge(ctx, info, r.customerId) : null,
    }),
  };
}

builder.objectFields(AdjustRecord, (t) => counterpartyEdges(t, 'the funds moved to or from'));
builder.objectFields(AccountChangeRecord, (t) => counterpartyEdges(t, 'concerned (allocations, reclaims and unbinding reclaims only)'));

export { CustomerBalance, NewCustomerTag };

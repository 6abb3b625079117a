/**
 * `Partner`: the account whose credentials the gateway holds, and `Query.partner`; its funds: balances,
 * the fund allocation log and the ledger, with the record types `IndirectPartner` shares. The partner's
 * resellers, customers and coupons are added to `Partner` by indirect-partner.ts, customer.ts and
 * coupon.ts; orders and bills by the commerce and bill files.
 */
import type { ArgBuilder } from '@pothos/core';
import { accountBalances, accountChangesConnection, adjustRecordsConnection, thePartner } from '../resolvers/partner.js';
import { type AccountBalance, type AccountChangeShape, type AdjustRecordShape, type PartnerShape } from '../sources/partner-funds.js';
import { type Scope } from '../sources/wire.js';
import { builder } from './builder.js';
import { ACCOUNT_TYPE_UNKNOWN, AccountType, KNOWN_ACCOUNT_TYPES, knownCode } from './enums.js';
import {
  AccountTradeDetailType, AdjustOperationType, LedgerBalanceType, LedgerDirection, PartnerTradeType, accountTradeDetailType, adjustOperationType,
  directionFromType, filterCode,
} from './partner-enums.js';
import type { GraphQLContext } from '../context.js';
import { requirePartnerWide } from '../auth/scope.js';
import { maskAccountName, maskName, personal } from '../auth/pii.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export const AccountBalanceRef = builder.objectRef<AccountBalance>('AccountBalance').implement({
  description:
    'One balance of a partner, reseller or customer account (ListPartnerBalances §1.2; a customer\'s own: ' +
    'ShowCustomerAccountBalances §2.6, bss-api-partners.md).',
  fields: (t) => ({
    accountId: t.exposeString('accountId', { description: 'Huawei account identifier of this balance.' }),
    accountType: t.field({
      type: AccountType,
      description: 'Which kind of balance this is.',
      resolve: (b) => knownCode(KNOWN_ACCOUNT_TYPES, b.accountType, ACCOUNT_TYPE_UNKNOWN),
    }),
    accountTypeCode: t.exposeInt('accountType', { description: 'The raw `account_type` code, for codes newer than this schema.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'The balance, exact.' }),
    designatedAmount: t.expose('designatedAmount', {
      type: 'Decimal',
      nullable: true,
      description: 'Earmarked part of the balance (专款专用); the allocatable funds are amount − designatedAmount.',
    }),
    creditAmount: t.expose('creditAmount', { type: 'Decimal', nullable: true, description: 'Total credit line; credit accounts only.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code, `CNY` on Huawei Cloud China.' }),
    memo: t.exposeString('memo', { nullable: true, description: 'Remark Huawei attaches to the balance.' }),
  }),
});

export const Partner = builder.objectRef<PartnerShape>('Partner');

builder.node(Partner, {
  description: 'The partner (solution provider or distributor) whose Huawei Cloud credentials this gateway holds.',
  id: { resolve: (p) => p.domainId },
  loadOne: (id, ctx) => (id === ctx.partnerDomainId ? thePartner(ctx) : null),
  fields: (t) => ({
    domainId: t.exposeString('domainId', { description: 'The partner account (domain) id.' }),
    balances: t.field({
      type: [AccountBalanceRef],
      // Nullable, like every field that calls upstream: a failure there leaves the rest of the partner standing.
      nullable: true,
      description:
        'The partner account balances, one per account type. Upstream: ListPartnerBalances `GET /v2/accounts/partner-accounts/balances`, one call. ' +
        'FORBIDDEN for a reseller API key (the partner\'s own funds; a reseller reads its own as `indirectPartner.balances`).',
      resolve: (_p, _args, ctx) => {
        requirePartnerWide(ctx.caller, 'Partner.balances');
        return accountBalances(ctx);
      },
    }),
  }),
});

builder.queryField('partner', (t) =>
  t.field({
    type: Partner,
    description: 'The partner account this gateway acts for.',
    resolve: (_root, _args, ctx) => thePartner(ctx),
  }),
);

// ---------------------------------------------------------------------------------------------------------
// Fund allocation log (§1.5)

export const AdjustRecord = builder.objectRef<AdjustRecordShape>('AdjustRecord').implement({
  description:
    'One fund allocation (拨款) or reclaim between the partner and a customer, or between a distributor and a reseller ' +
    '(ListPartnerAdjustRecords `GET /v3/accounts/partner-accounts/adjust-records`, §1.5).',
  fields: (t) => ({
    customerId: t.exposeString('customerId', {
      nullable: true,
      description: 'The customer\'s account id, or for a distributor\'s allocation to a reseller the reseller\'s id (`customer_id`).',
    }),
    customerName: t.string({
      nullable: true,
      description: 'The customer\'s (or reseller\'s) name; masked (`张**`) unless the API key has the PII permission.',
      resolve: (r, _args, ctx) => personal(ctx, r.customerName, { customerId: r.customerId, field: 'AdjustRecord.customerName' }, maskName),
    }),
    operationType: t.field({ type: AdjustOperationType, description: 'Allocation, reclaim, or reclaim on unbinding.', resolve: (r) => adjustOperationType(r.operationType) }),
    operationTypeCode: t.exposeString('operationType', { nullable: true, description: 'The raw `operation_type` code.' }),
    amount: t.expose('amount', { type: 'Decimal', nullable: true, description: 'The amount moved, yuan (decimal text on the wire).' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY`.' }),
    applyScene: t.exposeString('applyScene', { nullable: true, description: 'Usage scenario (free text).' }),
    operationTime: t.expose('operationTime', { type: 'DateTime', nullable: true, description: 'When the funds moved.' }),
    transId: t.exposeString('transId', { nullable: true, description: 'The transaction id (`transfer_id`/`trans_id` of the allocation or reclaim).' }),
    memo: t.exposeString('memo', { nullable: true, description: 'Remark.' }),
  }),
});

export const AdjustRecordConnection = builder.connectionObject({ type: AdjustRecord, name: 'AdjustRecordConnection' }, { name: 'AdjustRecordEdge' });

/** The ListPartnerAdjustRecords filters, shared by `Partner`, `IndirectPartner` and `Customer`. */
export function adjustRecordArgs(arg: ArgBuilder<Types>) {
  return {
    operationType: arg({ type: AdjustOperationType, description: 'Only records of this kind (`operation_type`).' }),
    operationFrom: arg({ type: 'DateTime', description: 'Only records after this time (`operation_time_begin`).' }),
    operationTo: arg({ type: 'DateTime', description: 'Only records before this time (`operation_time_end`).' }),
    transId: arg.string({ description: 'Only the records of this transaction (`trans_id`).' }),
  };
}

export interface AdjustRecordArgs {
  operationType?: string | null;
  operationFrom?: Date | null;
  operationTo?: Date | null;
  transId?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export function resolveAdjustRecords(ctx: GraphQLContext, scope: Scope, customerId: string | null | undefined, args: AdjustRecordArgs) {
  return adjustRecordsConnection(ctx, scope, args, {
    customerId,
    operationType: filterCode(args.operationType, 'operationType') as Parameters<typeof adjustRecordsConnection>[3]['operationType'],
    operationFrom: args.operationFrom,
    operationTo: args.operationTo,
    transId: args.transId,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Partner ledger (§1.6)

export const AccountChangeRecord = builder.objectRef<AccountChangeShape>('AccountChangeRecord').implement({
  description:
    'One entry of the partner\'s (or a reseller\'s) income and expense ledger (收支明细; ListPartnerAccountChangeRecords ' +
    '`GET /v2/accounts/partner-accounts/account-change-records`, §1.6).',
  fields: (t) => ({
    accountChangeId: t.exposeString('accountChangeId', { nullable: true, description: 'Ledger entry serial number.' }),
    tradeDetailType: t.field({ type: AccountTradeDetailType, description: 'What the entry was.', resolve: (r) => accountTradeDetailType(r.tradeDetailType) }),
    tradeDetailTypeCode: t.exposeString('tradeDetailType', { nullable: true, description: 'The raw `trade_detail_type` (Huawei\'s spelling).' }),
    tradeTime: t.expose('tradeTime', { type: 'DateTime', nullable: true, description: 'When the transaction happened.' }),
    tradeId: t.exposeString('tradeId', { nullable: true, description: 'The transaction id, or the order id for order payments.' }),
    changeAmount: t.expose('changeAmount', { type: 'Decimal', nullable: true, description: 'The amount changed, yuan (decimal text on the wire).' }),
    balanceAfterChange: t.expose('balanceAfterChange', { type: 'Decimal', nullable: true, description: 'The balance after the change, yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency of the ledger, `CNY`.' }),
    direction: t.field({ type: LedgerDirection, description: 'Income or expense.', resolve: (r) => directionFromType(r.type) }),
    directionCode: t.exposeString('type', { nullable: true, description: 'The raw `type`: "1" income, "2" expense.' }),
    customerId: t.exposeString('customerId', { nullable: true, description: 'The customer concerned; filled for allocations, reclaims and unbinding reclaims only.' }),
    accountName: t.string({
      nullable: true,
      description: 'That customer\'s login name; masked (`p************1`) unless the API key has the PII permission.',
      resolve: (r, _args, ctx) => personal(ctx, r.accountName, { customerId: r.customerId, field: 'AccountChangeRecord.accountName' }, maskAccountName),
    }),
  }),
});

export const AccountChangeRecordConnection = builder.connectionObject(
  { type: AccountChangeRecord, name: 'AccountChangeRecordConnection' },
  { name: 'AccountChangeRecordEdge' },
);

/** The ListPartnerAccountChangeRecords filters, shared by `Partner` and `IndirectPartner`. */
export function accountChangeArgs(arg: ArgBuilder<Types>) {
  return {
    balanceType: arg({
      type: LedgerBalanceType,
      defaultValue: 'BALANCE_TYPE_DEBIT',
      description: 'Which account\'s ledger (`balance_type`, required upstream): the cash account unless told otherwise.',
    }),
    tradeType: arg({ type: PartnerTradeType, description: 'Only entries of this category (`trade_type`).' }),
    from: arg.string({
      description: 'First day, `YYYY-MM-DD` in Beijing time (`trade_time_begin`); upstream default: a year before `to`. The window may span at most one year.',
    }),
    to: arg.string({ description: 'Last day, `YYYY-MM-DD` in Beijing time (`trade_time_end`); upstream default: today.' }),
  };
}

export interface AccountChangeArgs {
  balanceType?: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT' | null;
  tradeType?: string | null;
  from?: string | null;
  to?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export function resolveAccountChanges(ctx: GraphQLContext, scope: Scope, args: AccountChangeArgs) {
  return accountChangesConnection(ctx, scope, args, {
    balanceType: args.balanceType ?? 'BALANCE_TYPE_DEBIT',
    tradeType: (args.tradeType ?? undefined) as Parameters<typeof accountChangesConnection>[3]['tradeType'],
    from: args.from,
    to: args.to,
  });
}

builder.objectFields(Partner, (t) => ({
  adjustRecords: t.connection(
    {
      type: AdjustRecord,
      nullable: true,
      description:
        'The partner\'s fund allocations to and reclaims from its customers (and, for a distributor, its resellers); FORBIDDEN for a reseller API key. ' +
        'Upstream: ListPartnerAdjustRecords `GET /v3/accounts/partner-accounts/adjust-records`, one call per page of ≤ 100.',
      args: {
        ...adjustRecordArgs(t.arg),
        customerId: t.arg.string({ description: 'Only records involving this customer or reseller (`customer_id`).' }),
      },
      resolve: (_p, args, ctx) => {
        requirePartnerWide(ctx.caller, 'Partner.adjustRecords');
        return resolveAdjustRecords(ctx, null, args.customerId, args);
      },
    },
    AdjustRecordConnection,
  ),
  accountChangeRecords: t.connection(
    {
      type: AccountChangeRecord,
      nullable: true,
      description:
        'The partner\'s income and expense ledger; FORBIDDEN for a reseller API key. Upstream: ListPartnerAccountChangeRecords ' +
        '`GET /v2/accounts/partner-accounts/account-change-records`, one call per page of ≤ 100.',
      args: accountChangeArgs(t.arg),
      resolve: (_p, args, ctx) => {
        requirePartnerWide(ctx.caller, 'Partner.accountChangeRecords');
        return resolveAccountChanges(ctx, null, args);
      },
    },
    AccountChangeRecordConnection,
  ),
}));

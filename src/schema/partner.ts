/**
 * `Partner`: the account whose credentials the gateway holds, and `Query.partner`.
 */
import { accountBalances, thePartner, type AccountBalance, type PartnerShape } from '../resolvers/partner.js';
import { builder } from './builder.js';
import { ACCOUNT_TYPE_UNKNOWN, AccountType, KNOWN_ACCOUNT_TYPES, knownCode } from './enums.js';

export const AccountBalanceRef = builder.objectRef<AccountBalance>('AccountBalance').implement({
  description: 'One balance of a partner or reseller account (ListPartnerBalances, bss-api-partners.md §1.2).',
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
      description: 'The partner account balances, one per account type. Upstream: `GET /v2/accounts/partner-accounts/balances`.',
      resolve: (_p, _args, ctx) => accountBalances(ctx),
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

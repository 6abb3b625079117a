/**
 * `IndirectPartner`: a cloud reseller (云经销商, tier-2) of the distributor, with its funds; `Query.indirectPartner`
 * and `Partner.indirectPartners`. Upstream: ListIndirectPartners `POST /v2/partners/indirect-partners/query`
 * (bss-api-partners.md §1.1); the reseller's own data is the partner endpoints called with its
 * `indirect_partner_id` (§0.1). Its customers are added in customer.ts, its coupons and quotas in
 * coupon.ts, its orders in order.ts.
 */
import { accountBalances } from '../resolvers/partner.js';
import { indirectPartnersConnection } from '../resolvers/indirect-partner.js';
import { type IndirectPartnerShape } from '../sources/indirect-partners.js';
import { builder } from './builder.js';
import { boundReseller, requireScope } from '../auth/scope.js';
import { maskAccountName, maskEmail, maskName, maskPhone, personal, requirePii } from '../auth/pii.js';
import {
  AccountBalanceRef, AccountChangeRecord, AccountChangeRecordConnection, AdjustRecord, AdjustRecordConnection, Partner, accountChangeArgs,
  adjustRecordArgs, resolveAccountChanges, resolveAdjustRecords,
} from './partner.js';

export const IndirectPartner = builder.objectRef<IndirectPartnerShape>('IndirectPartner');

builder.node(IndirectPartner, {
  description:
    'A cloud reseller (indirect partner, 二级经销商) attached to the distributor whose credentials the gateway holds ' +
    '(ListIndirectPartners §1.1). The distributor reads the reseller\'s funds, customers and coupons on its behalf.',
  id: { resolve: (p) => p.indirectPartnerId },
  loadOne: (id, ctx) => ctx.loaders.indirectPartner.load(requireScope(ctx.caller, id) ?? id),
  fields: (t) => ({
    indirectPartnerId: t.exposeString('indirectPartnerId', { description: 'The reseller id: `indirect_partner_id` everywhere upstream.' }),
    // A reseller's contact details are a person's as often as a company's: masked like a customer's.
    accountName: t.string({
      nullable: true,
      description: 'The reseller\'s account name; masked unless the API key has the PII permission.',
      resolve: (p, _args, ctx) => personal(ctx, p.accountName, { indirectPartnerId: p.indirectPartnerId, field: 'IndirectPartner.accountName' }, maskAccountName),
    }),
    name: t.string({
      nullable: true,
      description: 'The reseller\'s (company) name; masked (`张**`) unless the API key has the PII permission.',
      resolve: (p, _args, ctx) => personal(ctx, p.name, { indirectPartnerId: p.indirectPartnerId, field: 'IndirectPartner.name' }, maskName),
    }),
    mobilePhone: t.string({
      nullable: true,
      description: 'The reseller\'s mobile number; masked (`138****5678`) unless the API key has the PII permission.',
      resolve: (p, _args, ctx) => personal(ctx, p.mobilePhone, { indirectPartnerId: p.indirectPartnerId, field: 'IndirectPartner.mobilePhone' }, maskPhone),
    }),
    email: t.string({
      nullable: true,
      description: 'The reseller\'s e-mail address; masked (`a***@example.com`) unless the API key has the PII permission.',
      resolve: (p, _args, ctx) => personal(ctx, p.email, { indirectPartnerId: p.indirectPartnerId, field: 'IndirectPartner.email' }, maskEmail),
    }),
    associatedOn: t.expose('associatedOn', { type: 'DateTime', nullable: true, description: 'When the reseller was associated with the distributor.' }),
    accountManagerId: t.exposeString('accountManagerId', { nullable: true, description: 'Login name of its account manager.' }),
    accountManagerName: t.exposeString('accountManagerName', { nullable: true, description: 'Name of its account manager (the distributor\'s staff, not the reseller\'s personal data).' }),
    balances: t.field({
      type: [AccountBalanceRef],
      nullable: true,
      description:
        'The reseller\'s account balances, one per account type. Upstream: ListPartnerBalances ' +
        '`GET /v2/accounts/partner-accounts/balances` with `indirect_partner_id`, one call.',
      resolve: (p, _args, ctx) => accountBalances(ctx, p.indirectPartnerId),
    }),
    adjustRecords: t.connection(
      {
        type: AdjustRecord,
        nullable: true,
        description:
          'Fund allocations to and reclaims from the reseller\'s customers. Upstream: ListPartnerAdjustRecords with ' +
          '`indirect_partner_id`, one call per page of ≤ 100.',
        args: {
          ...adjustRecordArgs(t.arg),
          customerId: t.arg.string({ description: 'Only records involving this customer of the reseller (`customer_id`).' }),
        },
        resolve: (p, args, ctx) => resolveAdjustRecords(ctx, p.indirectPartnerId, args.customerId, args),
      },
      AdjustRecordConnection,
    ),
    accountChangeRecords: t.connection(
      {
        type: AccountChangeRecord,
        nullable: true,
        description:
          'The reseller\'s income and expense ledger. Upstream: ListPartnerAccountChangeRecords with `indirect_partner_id`, ' +
          'one call per page of ≤ 100.',
        args: accountChangeArgs(t.arg),
        resolve: (p, args, ctx) => resolveAccountChanges(ctx, p.indirectPartnerId, args),
      },
      AccountChangeRecordConnection,
    ),
  }),
});

export const IndirectPartnerConnection = builder.connectionObject(
  { type: IndirectPartner, name: 'IndirectPartnerConnection' },
  { name: 'IndirectPartnerEdge' },
);

builder.objectField(Partner, 'indirectPartners', (t) =>
  t.connection(
    {
      type: IndirectPartner,
      nullable: true,
      description:
        'The distributor\'s cloud resellers. Upstream: ListIndirectPartners `POST /v2/partners/indirect-partners/query`, ' +
        'one call per page of ≤ 100 (distributors only). A reseller API key sees only its own reseller here.',
      args: {
        accountName: t.arg.string({ description: 'Only resellers whose account name matches (`account_name`). Needs an API key with the PII permission.' }),
        associatedFrom: t.arg({ type: 'DateTime', description: 'Only resellers associated after this time (`associated_on_begin`).' }),
        associatedTo: t.arg({ type: 'DateTime', description: 'Only resellers associated before this time (`associated_on_end`).' }),
      },
      resolve: (_p, args, ctx) => {
        if (args.accountName) requirePii(ctx.caller, 'accountName');
        return indirectPartnersConnection(ctx, args, { ...args, only: boundReseller(ctx.caller) });
      },
    },
    IndirectPartnerConnection,
  ),
);

builder.queryField('indirectPartner', (t) =>
  t.field({
    type: IndirectPartner,
    nullable: true,
    description:
      'One reseller of the distributor by id; null when it is not one of its resellers. Upstream: ListIndirectPartners, one call. ' +
      'A reseller API key may ask only for its own reseller (another: FORBIDDEN).',
    args: { indirectPartnerId: t.arg.string({ required: true, description: 'The reseller id (`indirect_partner_id`).' }) },
    resolve: (_root, args, ctx) => ctx.loaders.indirectPartner.load(requireScope(ctx.caller, args.indirectPartnerId) ?? args.indirectPartnerId),
  }),
);

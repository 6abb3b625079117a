/**
 * Fund mutations (docs/writes.md): allocateCustomerFunds, reclaimCustomerFunds, allocateResellerFunds,
 * reclaimResellerFunds. Behaviour: src/resolvers/mutation/funds.ts, through the one write path (run-write.ts).
 */
import { builder } from '../builder.js';
import { Customer } from '../customer.js';
import { IndirectPartner } from '../indirect-partner.js';
import { customerFunds, resellerFunds, type CustomerFundsPayload, type ResellerFundsPayload } from '../../resolvers/mutation/funds.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';

const customerFundsInput = (name: string, what: string) =>
  builder.inputType(name, {
    description: `${what} Amounts are yuan, greater than 0 with at most 2 decimals.`,
    fields: (t) => ({
      customerId: t.string({ required: true, description: 'The resale customer (≤ 64 characters).' }),
      amount: t.field({ type: 'Decimal', required: true, description: 'Yuan, > 0, at most 2 decimals, e.g. "100.00".' }),
      idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
      indirectPartnerId: t.string({
        required: false,
        description:
          'The reseller whose customer it is (`indirect_partner_id`): the reseller\'s account pays or receives. Absent: a reseller key\'s own; ' +
          'for an admin key the customer is looked for in the partner\'s scope, then the resellers\' (naming it saves that search).',
      }),
    }),
  });

const AllocateCustomerFundsInput = customerFundsInput('AllocateCustomerFundsInput', 'Moves funds from the partner (or the named reseller) to a resale customer.');
const ReclaimCustomerFundsInput = customerFundsInput('ReclaimCustomerFundsInput', 'Takes funds back from a resale customer to the partner (or the named reseller).');

const resellerFundsInput = (name: string, what: string) =>
  builder.inputType(name, {
    description: `${what} Amounts are yuan, greater than 0 with at most 2 decimals.`,
    fields: (t) => ({
      indirectPartnerId: t.string({ required: true, description: 'The reseller (`indirect_partner_id`, ≤ 64 characters).' }),
      amount: t.field({ type: 'Decimal', required: true, description: 'Yuan, > 0, at most 2 decimals, e.g. "100.00".' }),
      idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    }),
  });

const AllocateResellerFundsInput = resellerFundsInput('AllocateResellerFundsInput', 'Moves funds from the distributor to one of its resellers.');
const ReclaimResellerFundsInput = resellerFundsInput('ReclaimResellerFundsInput', 'Takes funds back from a reseller to the distributor (at most its balance).');

const customerFundsPayload = (name: string, what: string) =>
  builder.objectRef<CustomerFundsPayload>(name).implement({
    description: `${what} The customer as it is after the transfer, so a client re-renders without a second query.`,
    fields: (t) => ({
      transferId: t.exposeString('transferId', { nullable: true, description: 'The upstream\'s transaction id (`transfer_id` / `trans_id`): find it in `adjustRecords(transId:)`.' }),
      replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
      customer: t.field({
        type: Customer,
        description: 'The customer, with `balance` read after the transfer (ListCustomersBalancesDetail, one call; none on a replay).',
        resolve: async (p, _args, ctx) => {
          const customer = await ctx.loaders.customer.load(p.customerKey);
          if (!customer) throw new Error(`customer ${p.customerKey} vanished after the write`);
          return customer;
        },
      }),
    }),
  });

const resellerFundsPayload = (name: string, what: string) =>
  builder.objectRef<ResellerFundsPayload>(name).implement({
    description: `${what} The reseller as it is after the transfer, so a client re-renders without a second query.`,
    fields: (t) => ({
      transferId: t.exposeString('transferId', { nullable: true, description: 'The upstream\'s transaction id (`transfer_id` / `trans_id`): find it in `adjustRecords(transId:)`.' }),
      replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
      indirectPartner: t.field({
        type: IndirectPartner,
        description: 'The reseller, with `balances` read after the transfer (ListPartnerBalances, one call; none on a replay).',
        resolve: async (p, _args, ctx) => {
          const reseller = await ctx.loaders.indirectPartner.load(p.indirectPartnerId);
          if (!reseller) throw new Error(`reseller ${p.indirectPartnerId} vanished after the write`);
          return reseller;
        },
      }),
    }),
  });

const AllocateCustomerFundsPayload = customerFundsPayload('AllocateCustomerFundsPayload', 'Funds allocated to a customer.');
const ReclaimCustomerFundsPayload = customerFundsPayload('ReclaimCustomerFundsPayload', 'Funds reclaimed from a customer.');
const AllocateResellerFundsPayload = resellerFundsPayload('AllocateResellerFundsPayload', 'Funds allocated to a reseller.');
const ReclaimResellerFundsPayload = resellerFundsPayload('ReclaimResellerFundsPayload', 'Funds reclaimed from a reseller.');

builder.mutationFields((t) => ({
  allocateCustomerFunds: t.field({
    type: AllocateCustomerFundsPayload,
    description:
      'Allocates funds to a resale customer. Upstream: UpdateCustomerAccountAmount `POST /v2/accounts/partner-accounts/adjust-amount` (§2.8), ' +
      `after one ListSubCustomers lookup of the customer. Admin keys; reseller keys for their own customers. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: AllocateCustomerFundsInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => customerFunds(ctx, 'allocate-customer', input),
  }),
  reclaimCustomerFunds: t.field({
    type: ReclaimCustomerFundsPayload,
    description:
      'Reclaims funds from a resale customer. Upstream: ReclaimToPartnerAccount `POST /v2/accounts/partner-accounts/reclaim` (§2.9), ' +
      `after one ListSubCustomers lookup of the customer. Admin keys; reseller keys for their own customers. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: ReclaimCustomerFundsInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => customerFunds(ctx, 'reclaim-customer', input),
  }),
  allocateResellerFunds: t.field({
    type: AllocateResellerFundsPayload,
    description:
      'Allocates the distributor\'s funds to a reseller. Upstream: UpdateIndirectPartnerAccount `POST /v2/accounts/partner-accounts/indirect-partner-adjust` ' +
      `(§1.3), after one ListIndirectPartners lookup. Admin keys only. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: AllocateResellerFundsInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => resellerFunds(ctx, 'allocate-reseller', input),
  }),
  reclaimResellerFunds: t.field({
    type: ReclaimResellerFundsPayload,
    description:
      'Reclaims funds from a reseller to the distributor. Upstream: ReclaimIndirectPartnerAccount `POST /v2/accounts/partner-accounts/indirect-partner-reclaim` ' +
      `(§1.4), after one ListIndirectPartners lookup. Admin keys only. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: ReclaimResellerFundsInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => resellerFunds(ctx, 'reclaim-reseller', input),
  }),
}));

/**
 * createCustomer: a Huawei Cloud account for a user of the partner's sales platform (CreateSubCustomer §2.1),
 * through runWrite. Upstream access and the reconciliation rule: src/sources/writes/customers.ts; docs/writes.md.
 *
 * A reseller key creates its own customers (`indirect_partner_id` = its reseller); an admin key the partner's, or
 * a named reseller's. The mobile number and verification code are personal data: they are hashed into the
 * idempotency record with the rest of the input and sent upstream, never stored, audited or logged.
 */
import { boundReseller, forbidden } from '../../auth/scope.js';
import type { GraphQLContext } from '../../context.js';
import { ListSubCustomers } from '../../bss/operations/partners/index.js';
import { customerKey, type CustomerShape } from '../../sources/customers.js';
import { scopedKey, type Scope } from '../../sources/wire.js';
import {
  createCustomerProblem, findCreatedCustomer, sendCreateCustomer, type CreateCustomerInput, type CreatedCustomerQuery,
} from '../../sources/writes/customers.js';
import { assertMayWrite, runWrite } from './run-write.js';
import { customerSnapshot } from './snapshots.js';
import { checkOptionalId } from './write-input.js';
import { keyOrFresh, reconciledFrom, refuseProblem } from './write-lookup.js';

const ROLES = ['admin', 'reseller'] as const;

export interface CreateCustomerMutationInput {
  readonly xaccountId: string;
  readonly xaccountType: string;
  readonly accountName?: string | null;
  readonly mobilePhone?: string | null;
  readonly verificationCode?: string | null;
  readonly closeMarketingMessages?: boolean | null;
  readonly indirectPartnerId?: string | null;
  readonly idempotencyKey?: string | null;
}

interface CreatedOutcome {
  readonly customerId: string;
  readonly accountName: string | null;
  readonly warningCode: string | null;
}

export interface CreatedCustomerAnswer {
  readonly customerId: string;
  readonly indirectPartnerId: Scope;
  readonly warningCode: string | null;
  /** Masked (snapshots.ts); null when it is not listed yet (Huawei associates asynchronously). */
  readonly customer: CustomerShape | null;
}

export interface CreateCustomerPayload {
  readonly replayed: boolean;
  readonly customerId: string;
  readonly warningCode: string | null;
  /** Loader key of the customer, when it could be read after the write. */
  readonly customerKey: string | null;
}

function scopeOf(ctx: GraphQLContext, named: string | null): Scope {
  const bound = boundReseller(ctx.caller);
  if (bound !== null && named && named !== bound) throw forbidden(`This API key may only create customers of reseller ${bound} (input.indirectPartnerId names ${named}).`);
  return bound ?? named;
}

export function createCustomer(ctx: GraphQLContext, raw: CreateCustomerMutationInput): Promise<CreateCustomerPayload> {
  const mutation = 'createCustomer';
  assertMayWrite(ctx, mutation, ROLES);
  const scope = scopeOf(ctx, checkOptionalId(raw.indirectPartnerId, 'input.indirectPartnerId'));
  const input: CreateCustomerInput = {
    xaccountId: raw.xaccountId, xaccountType: raw.xaccountType, accountName: raw.accountName ?? null, mobilePhone: raw.mobilePhone ?? null,
    verificationCode: raw.verificationCode ?? null, closeMarketingMessages: raw.closeMarketingMessages ?? null, indirectPartnerId: scope,
  };
  refuseProblem(createCustomerProblem(input));
  const idempotencyKey = keyOrFresh(raw.idempotencyKey);
  // Kept while an outcome is unknown: ids only (the account name is a login name, personal data).
  const query: CreatedCustomerQuery = { xaccountId: input.xaccountId, indirectPartnerId: scope, accountName: null };
  return runWrite<CreatedCustomerQuery, CreatedOutcome, CreatedCustomerAnswer, CreateCustomerPayload>(ctx, {
    mutation,
    roles: ROLES,
    idempotencyKey,
    input,
    targets: { indirectPartnerId: scope, detail: { xaccountId: input.xaccountId, upstream: 'CreateSubCustomer' } },
    prepare: () => Promise.resolve(query),
    send: (c) => sendCreateCustomer(c, input),
    reconcile: async (c, q, sentAt) => reconciledFrom(await findCreatedCustomer(c, q, sentAt), (found) => ({ customerId: found.customerId, accountName: found.accountName, warningCode: null })),
    invalidate(c, q) {
      // Customer lists of the scope now hold one more.
      c.loaders.forgetReads([ListSubCustomers.name]);
      c.loaders.customer.clearAll();
      void q;
    },
    async read(c, q, outcome) {
      const customer = await c.loaders.customer.load(scopedKey(outcome.customerId, q.indirectPartnerId)).catch(() => null);
      return { customerId: outcome.customerId, indirectPartnerId: q.indirectPartnerId, warningCode: outcome.warningCode, customer: customer ? customerSnapshot(customer) : null };
    },
    payload(c, answer, replayed) {
      let key: string | null = null;
      if (answer.customer) {
        key = customerKey(answer.customer);
        c.loaders.customer.prime(key, answer.customer);
      }
      return { replayed, customerId: answer.customerId, warningCode: answer.warningCode, customerKey: key };
    },
    reference: (o) => o.customerId,
  });
}

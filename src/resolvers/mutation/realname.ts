/**
 * Real-name authentication for one of the partner's own customers (§2.10–§2.12), through runWrite:
 * submitPersonalRealnameAuth, submitEnterpriseRealnameAuth and changeEnterpriseRealnameAuth. Admin keys only: the
 * endpoints take no `indirect_partner_id`, so Huawei accepts only the partner's own customers, and a reseller's
 * customers are the reseller's to authenticate. Upstream access and the reconciliation rule:
 * src/sources/writes/realname.ts; docs/writes.md.
 *
 * Everything but the customer id is personal data (names, certificate numbers, bank cards): hashed into the
 * idempotency record and sent upstream, never stored, audited or logged. The plan kept while an outcome is
 * unknown is the customer id and the review state read just before the send.
 */
import type { GraphQLContext } from '../../context.js';
import { ListSubCustomers, ShowRealnameAuthenticationReviewResult } from '../../bss/operations/partners/index.js';
import { badInput } from '../input.js';
import {
  enterpriseRealnameProblem, findRealnameApplication, personalRealnameProblem, readReviewState, sendEnterpriseRealname,
  sendEnterpriseRealnameChange, sendPersonalRealname,
  type EnterpriseRealnameInput, type PersonalRealnameInput, type RealnameSubmittedShape, type ReviewState,
} from '../../sources/writes/realname.js';
import { assertMayWrite, runWrite } from './run-write.js';
import { NOT_FOUND, writeError } from './write-errors.js';
import { checkId } from './write-input.js';
import { keyOrFresh, reconciledFrom, refuseProblem } from './write-lookup.js';

const ROLES = ['admin'] as const;

interface RealnamePlan {
  readonly customerId: string;
  /** §2.13 before the send: an accepted application always changes it. */
  readonly before: ReviewState;
}

export interface RealnamePayload {
  readonly replayed: boolean;
  readonly customerId: string;
  readonly manualReview: boolean;
}

/** The partner's own customer (ListSubCustomers in the partner's scope), then its review state (one call each). */
async function prepareRealname(ctx: GraphQLContext, customerId: string): Promise<RealnamePlan> {
  const customer = await ctx.loaders.customer.load(customerId);
  if (!customer) throw writeError(NOT_FOUND, `Customer ${customerId} is not a customer of the partner; nothing was sent.`, { argument: 'input.customerId' });
  if (customer.indirectPartnerId !== null) {
    throw badInput(`"input.customerId": customer ${customerId} is reseller ${customer.indirectPartnerId}'s; Huawei takes real-name applications for the partner's own customers only`, 'input.customerId');
  }
  return { customerId, before: await readReviewState(ctx, customerId) };
}

function realnameWrite(
  ctx: GraphQLContext, mutation: string, upstream: string, customerId: string, idempotencyKey: string | null | undefined, input: unknown,
  send: (c: GraphQLContext) => Promise<RealnameSubmittedShape>,
): Promise<RealnamePayload> {
  return runWrite<RealnamePlan, RealnameSubmittedShape, RealnameSubmittedShape, RealnamePayload>(ctx, {
    mutation,
    roles: ROLES,
    idempotencyKey: keyOrFresh(idempotencyKey),
    input,
    targets: { customerId, indirectPartnerId: null, detail: { upstream } },
    prepare: (c) => prepareRealname(c, customerId),
    send: (c) => send(c),
    reconcile: async (c, plan) => reconciledFrom(await findRealnameApplication(c, plan.customerId, plan.before), (o) => o),
    invalidate(c) {
      // The review result and the customer's verified status changed.
      c.loaders.forgetReads([ShowRealnameAuthenticationReviewResult.name, ListSubCustomers.name]);
      c.loaders.customer.clear(customerId);
    },
    read: (_c, _plan, outcome) => Promise.resolve(outcome),
    payload: (_c, answer, replayed) => ({ replayed, customerId: answer.customerId, manualReview: answer.manualReview }),
    reference: () => null,
  });
}

export interface PersonalRealnameMutationInput extends Omit<PersonalRealnameInput, 'verifiedType' | 'bankCard'> {
  readonly verifiedType?: number | null;
  readonly bankCard?: PersonalRealnameInput['bankCard'] | null;
  readonly idempotencyKey?: string | null;
}

export function submitPersonalRealnameAuth(ctx: GraphQLContext, raw: PersonalRealnameMutationInput): Promise<RealnamePayload> {
  const mutation = 'submitPersonalRealnameAuth';
  assertMayWrite(ctx, mutation, ROLES);
  const input: PersonalRealnameInput = { ...raw, customerId: checkId(raw.customerId, 'input.customerId'), verifiedType: raw.verifiedType ?? null, bankCard: raw.bankCard ?? null };
  refuseProblem(personalRealnameProblem(input));
  const { idempotencyKey, ...hashed } = raw;
  return realnameWrite(ctx, mutation, 'CreatePersonalRealnameAuth', input.customerId, idempotencyKey, hashed, (c) => sendPersonalRealname(c, input));
}

export interface EnterpriseRealnameMutationInput extends Omit<EnterpriseRealnameInput, 'certificateType' | 'regCountry' | 'regAddress' | 'legalPerson'> {
  readonly certificateType?: number | null;
  readonly regCountry?: string | null;
  readonly regAddress?: string | null;
  readonly legalPerson?: EnterpriseRealnameInput['legalPerson'] | null;
  readonly idempotencyKey?: string | null;
}

function enterpriseInput(raw: EnterpriseRealnameMutationInput): EnterpriseRealnameInput {
  const input: EnterpriseRealnameInput = {
    customerId: checkId(raw.customerId, 'input.customerId'), certificateType: raw.certificateType ?? null, files: raw.files, corpName: raw.corpName,
    verifiedNumber: raw.verifiedNumber, regCountry: raw.regCountry ?? null, regAddress: raw.regAddress ?? null, xaccountType: raw.xaccountType,
    legalPerson: raw.legalPerson ?? null,
  };
  refuseProblem(enterpriseRealnameProblem(input));
  return input;
}

export function submitEnterpriseRealnameAuth(ctx: GraphQLContext, raw: EnterpriseRealnameMutationInput): Promise<RealnamePayload> {
  const mutation = 'submitEnterpriseRealnameAuth';
  assertMayWrite(ctx, mutation, ROLES);
  const input = enterpriseInput(raw);
  return realnameWrite(ctx, mutation, 'CreateEnterpriseRealnameAuthentication', input.customerId, raw.idempotencyKey, input, (c) => sendEnterpriseRealname(c, input));
}

/** Individual → enterprise, the only change Huawei offers (`change_type` 1). */
export function changeEnterpriseRealnameAuth(ctx: GraphQLContext, raw: EnterpriseRealnameMutationInput): Promise<RealnamePayload> {
  const mutation = 'changeEnterpriseRealnameAuth';
  assertMayWrite(ctx, mutation, ROLES);
  const input = enterpriseInput(raw);
  return realnameWrite(ctx, mutation, 'ChangeEnterpriseRealnameAuthentication', input.customerId, raw.idempotencyKey, input, (c) => sendEnterpriseRealnameChange(c, input));
}

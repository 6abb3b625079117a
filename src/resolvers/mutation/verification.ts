/**
 * sendVerificationCode (SendVerificationMessageCode §2.15), through runWrite. Admin keys only: the endpoint takes
 * no `indirect_partner_id`, so the reseller guard (src/auth/scoped-bss.ts) has no subtree to hold it to. Upstream
 * access and why a lost answer is reported unconfirmed rather than reconciled: src/sources/writes/verification.ts.
 * The mobile number is personal data: hashed into the idempotency record, sent upstream, never stored or logged.
 */
import type { GraphQLContext } from '../../context.js';
import {
  findVerificationCode, sendVerificationCode as send, verificationCodeProblem, type VerificationCodeInput, type VerificationSentShape,
} from '../../sources/writes/verification.js';
import { assertMayWrite, runWrite } from './run-write.js';
import { keyOrFresh, reconciledFrom, refuseProblem } from './write-lookup.js';

const ROLES = ['admin'] as const;

export interface VerificationCodeMutationInput {
  readonly mobilePhone: string;
  readonly scene: 29 | 18;
  readonly customerId?: string | null;
  readonly validMinutes?: number | null;
  readonly lang?: 'zh-cn' | 'en-us' | null;
  readonly idempotencyKey?: string | null;
}

export interface VerificationCodePayload extends VerificationSentShape {
  readonly replayed: boolean;
}

export function sendVerificationCode(ctx: GraphQLContext, raw: VerificationCodeMutationInput): Promise<VerificationCodePayload> {
  const mutation = 'sendVerificationCode';
  assertMayWrite(ctx, mutation, ROLES);
  const input: VerificationCodeInput = {
    mobilePhone: raw.mobilePhone, scene: raw.scene, customerId: raw.customerId ?? null, validMinutes: raw.validMinutes ?? null, lang: raw.lang ?? null,
  };
  refuseProblem(verificationCodeProblem(input));
  return runWrite<null, VerificationSentShape, VerificationSentShape, VerificationCodePayload>(ctx, {
    mutation,
    roles: ROLES,
    idempotencyKey: keyOrFresh(raw.idempotencyKey),
    input,
    targets: { customerId: input.customerId, detail: { scene: input.scene, upstream: 'SendVerificationMessageCode' } },
    prepare: () => Promise.resolve(null),
    send: (c) => send(c, input),
    reconcile: () => Promise.resolve(reconciledFrom(findVerificationCode(), (o) => o)),
    invalidate: () => undefined,
    read: (_c, _plan, outcome) => Promise.resolve(outcome),
    payload: (_c, answer, replayed) => ({ ...answer, replayed }),
    reference: () => null,
  });
}

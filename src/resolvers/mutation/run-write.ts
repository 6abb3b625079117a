/**
 * The one path every mutation takes (docs/writes.md). In order:
 *
 * 1. who: analyst keys never write; reseller keys only where the mutation allows it, in their own subtree
 *    (the mutation's `prepare` picks the scope; the guarded client refuses any other);
 * 2. the store: no store, no write (without idempotency records a retry could move money twice);
 * 3. the idempotency key, claimed per (API key name, idempotency key) with a hash of the canonical input:
 *    same input → the stored answer (`replayed: true`, no upstream call); another input → IDEMPOTENCY_KEY_REUSED;
 *    held by a request in flight → wait for its answer, IN_PROGRESS after a bound; outcome unknown → reconcile
 *    first;
 * 4. `prepare` (reads that pick the scope and check the targets), then the one upstream write, never retried;
 * 5. when its answer is lost after it was sent (timeout, reset connection, 5xx, cut body), `reconcile` from the
 *    upstream's own records: found → applied; proven absent → the error, key released; undecidable →
 *    OUTCOME_UNKNOWN and the key kept `unknown` until a later call with it reconciles;
 * 6. settle the record, audit (a log line and a row), invalidate what the write changed, read the changed
 *    objects once and answer.
 *
 * Mutation input checks (BAD_USER_INPUT) run before this, in each mutation's resolver: bad input costs nothing.
 */
import type { GraphQLError } from 'graphql';
import { BssError, isOutcomeUnknown, isThrottleCode } from '../../bss/errors.js';
import { forbidden } from '../../auth/scope.js';
import type { Role } from '../../auth/caller.js';
import type { GraphQLContext, WriteOptions } from '../../context.js';
import { currentScope } from '../../ops/request-scope.js';
import { errorFields } from '../../ops/log.js';
import {
  appendAudit, claimIdempotencyKey, recordPendingWrite, releaseIdempotencyKey, resumeUnknownKey, settleIdempotencyKey, type ClaimResult, type Store,
} from '../../store/index.js';
import { decodeAnswer, encodeAnswer } from './answer-codec.js';
import { markAudited } from './refusal-audit.js';
import { requestHash } from './request-hash.js';
import {
  IDEMPOTENCY_KEY_REUSED, IN_PROGRESS, OUTCOME_UNKNOWN, STORE_UNAVAILABLE, upstreamFailure, upstreamWriteError, writeError, type UpstreamFailure,
} from './write-errors.js';

/** How a lost answer was settled from the upstream's own records. */
export type Reconciled<O> =
  | { readonly kind: 'found'; readonly outcome: O }
  | { readonly kind: 'absent' }
  /** `check`: what the caller should look at to find out (e.g. "adjust records of customer X after 10:02:11Z"). */
  | { readonly kind: 'undecidable'; readonly check: string };

/** What the audit and the log line say about a write: ids and amounts only, never personal data. */
export interface WriteTargets {
  readonly customerId?: string | null;
  readonly indirectPartnerId?: string | null;
  readonly amount?: string | null;
  /** Further ids (quota, coupon, a list's size): flat, no names. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * One mutation's behaviour. `Plan` is what `prepare` settled (scope, targets) and what is stored while an
 * outcome is unknown; `Outcome` is what the write (or its reconciliation) gave; `Answer` what is stored and
 * replayed (the changed objects as read after the write). All three must survive `encodeAnswer` (JSON with
 * Decimals and Dates): no personal data in them (the store keeps none).
 */
export interface WriteDefinition<Plan, Outcome, Answer, Payload> {
  /** The mutation's name, e.g. `allocateCustomerFunds` (the idempotency record's operation, the audit's). */
  readonly mutation: string;
  /** The roles that may run it at all; analyst is never one. */
  readonly roles: readonly Role[];
  readonly idempotencyKey: string;
  /** The validated input, as hashed (canonical JSON: Decimals normalised, key order ignored). */
  readonly input: unknown;
  /** Ids and amount for the audit, known before any call. */
  readonly targets: WriteTargets;
  /** Reads before the write: the scope, the targets' existence (and a reseller's right to them). May refuse. */
  prepare(ctx: GraphQLContext): Promise<Plan>;
  /** The one upstream write. */
  send(ctx: GraphQLContext, plan: Plan): Promise<Outcome>;
  /** After a lost answer: was the write applied? `sentAt` is when it was sent, by the write clock. */
  reconcile(ctx: GraphQLContext, plan: Plan, sentAt: Date): Promise<Reconciled<Outcome>>;
  /** Drops every cached value the write changed (request loaders, process caches) so reads show the new state. */
  invalidate(ctx: GraphQLContext, plan: Plan, outcome: Outcome): void | Promise<void>;
  /** Reads the changed objects once (they are stored, replayed and primed into the request's loaders). `sentAt`: when the write left. */
  read(ctx: GraphQLContext, plan: Plan, outcome: Outcome, sentAt: Date): Promise<Answer>;
  /** The GraphQL payload from an answer (first or replayed): primes the request's loaders with its objects. */
  payload(ctx: GraphQLContext, answer: Answer, replayed: boolean): Payload;
  /** The transfer id (or upstream id) of an outcome, for the audit and the log line. */
  reference(outcome: Outcome): string | null;
  /**
   * Sending the write twice leaves the state it leaves once (a setting, not a transfer): an outcome that cannot be
   * told may be settled by sending it again with a new key, and OUTCOME_UNKNOWN says so instead of forbidding it.
   */
  readonly repeatable?: boolean;
}

const DEFAULT_WAIT_MS = 10_000;
const DEFAULT_POLL_MS = 100;

/** What an `unknown` record, or one in progress whose write was sent, holds: enough to reconcile it from another request. */
interface Pending<Plan> {
  readonly pending: { readonly plan: Plan; readonly sentAt: Date };
}
interface Applied<Answer> {
  readonly applied: Answer;
  readonly reference: string | null;
}
interface Refused {
  readonly refused: UpstreamFailure;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A lost answer: the write may have been carried out (src/bss/errors.ts `isOutcomeUnknown`): no complete answer
 * after it left (`answer-lost`: reset, timeout, a cut body), or a 5xx (a proxy's 502/504 or BSS's own 500 can come
 * after the change was applied). A write that provably never left (`transport`: a refused connection, a connect
 * timeout) and a 4xx are not lost answers; nor is a failure of a step before the write (`forOperation`: the
 * customer token's IAM exchange timed out or answered 5xx), which never sent the write at all.
 */
export function isLostAnswer(error: unknown): error is BssError {
  return error instanceof BssError && error.forOperation === undefined && isOutcomeUnknown(error);
}

/** Huawei answered the write itself with a refusal (not a step before it, such as the customer token's exchange). */
function isWriteRefusal(error: unknown): error is BssError {
  return error instanceof BssError && error.kind === 'upstream' && error.forOperation === undefined;
}

/** A refusal that proves nothing was done and may pass (throttling): the key is released, not kept as failed. */
function isTransientRefusal(error: BssError): boolean {
  return error.httpStatus === 429 || isThrottleCode(error.code);
}

/**
 * Refuses a caller whose role may not run this mutation (FORBIDDEN), before its input is even checked: analyst
 * keys never write; admin-only mutations (the partner's own funds and quotas) refuse reseller keys.
 */
export function assertMayWrite(ctx: Pick<GraphQLContext, 'caller'>, mutation: string, roles: readonly Role[]): void {
  const { role } = ctx.caller;
  if (roles.includes(role) && role !== 'analyst') return;
  throw forbidden(`${role === 'reseller' ? 'A' : 'An'} ${role} API key may not run ${mutation}${role === 'reseller' ? ': it moves the partner\'s own funds or quotas (admin keys only)' : ' (analyst keys are read-only)'}.`);
}

export async function runWrite<Plan, Outcome, Answer, Payload>(
  ctx: GraphQLContext, def: WriteDefinition<Plan, Outcome, Answer, Payload>,
): Promise<Payload> {
  assertMayWrite(ctx, def.mutation, def.roles);
  const store = ctx.store;
  if (!store) {
    throw writeError(STORE_UNAVAILABLE, `${def.mutation} needs the state store for its idempotency record, and this gateway has none; nothing was sent.`);
  }
  const run = new WriteRun(ctx, store, def);
  try {
    return await run.execute();
  } catch (error) {
    // Audited by the run (refusals after the claim, failures, unknown outcomes): not again as a refusal.
    markAudited(error);
    throw error;
  }
}

class WriteRun<Plan, Outcome, Answer, Payload> {
  private readonly hash: string;
  private readonly options: WriteOptions;

  constructor(
    private readonly ctx: GraphQLContext,
    private readonly store: Store,
    private readonly def: WriteDefinition<Plan, Outcome, Answer, Payload>,
  ) {
    this.hash = requestHash(def.mutation, def.input);
    this.options = ctx.writes ?? {};
  }

  private get ref() {
    return { apiKeyName: this.ctx.caller.name, idempotencyKey: this.def.idempotencyKey, requestHash: this.hash };
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  async execute(): Promise<Payload> {
    const claim = await this.claim();
    switch (claim.kind) {
      case 'claimed':
        return this.writeOnce();
      case 'replay':
        return this.replay(claim.answer);
      case 'reused':
        await this.audit('refused', null, { reason: IDEMPOTENCY_KEY_REUSED });
        throw writeError(
          IDEMPOTENCY_KEY_REUSED,
          `Idempotency key "${this.def.idempotencyKey}" was already used with ${claim.operation === this.def.mutation ? 'another input' : `another mutation (${claim.operation})`}; use a new key for a new request.`,
          { idempotencyKey: this.def.idempotencyKey },
        );
      case 'in_progress':
        await this.audit('refused', null, { reason: IN_PROGRESS });
        throw writeError(
          IN_PROGRESS,
          `Idempotency key "${this.def.idempotencyKey}" is held by a request still in progress (since ${claim.since.toISOString()}); ask again with the same key for its answer.`,
          { idempotencyKey: this.def.idempotencyKey },
        );
      case 'unknown':
        return this.settleUnknown(claim.answer);
    }
  }

  /** Claims the key; while another request holds it, waits (bounded) for that request's answer. */
  private async claim(): Promise<ClaimResult> {
    const deadline = Date.now() + (this.options.waitMs ?? DEFAULT_WAIT_MS);
    for (;;) {
      const claim = await claimIdempotencyKey(this.store, {
        ...this.ref, operation: this.def.mutation, ...(this.options.staleAfterMs !== undefined ? { staleAfterMs: this.options.staleAfterMs } : {}),
      });
      if (claim.kind !== 'in_progress' || Date.now() >= deadline) return claim;
      await sleep(Math.min(this.options.pollMs ?? DEFAULT_POLL_MS, Math.max(1, deadline - Date.now())));
    }
  }

  private replay(stored: unknown): Payload {
    const answer = decodeAnswer<Applied<Answer> | Refused>(stored);
    if ('refused' in answer) throw upstreamWriteError(answer.refused, { retryable: false, replayed: true });
    void this.audit('replayed', answer.reference);
    return this.def.payload(this.ctx, answer.applied, true);
  }

  /** This request owns the key: prepare, send once, and settle whatever happens. */
  private async writeOnce(): Promise<Payload> {
    let plan: Plan;
    try {
      plan = await this.def.prepare(this.ctx);
    } catch (error) {
      // Nothing was sent: the key is free again for a corrected request.
      await releaseIdempotencyKey(this.store, this.ref);
      await this.audit('refused', null, { reason: codeOf(error) });
      throw error;
    }
    const sentAt = this.now();
    // Write-ahead: should this process die between the send and the settle, the next call with the key finds the
    // pending write and reconciles it (store/idempotency.ts), rather than sending it a second time.
    let recorded: boolean;
    try {
      recorded = await recordPendingWrite(this.store, this.ref, encodeAnswer({ pending: { plan, sentAt } } satisfies Pending<Plan>));
    } catch (error) {
      await releaseIdempotencyKey(this.store, this.ref).catch(() => false);
      throw writeError(STORE_UNAVAILABLE, `${this.def.mutation}: the idempotency record could not be written (${codeOf(error)}); nothing was sent.`);
    }
    if (!recorded) {
      // The record is no longer this claim's (held so long that another request took it as abandoned): never send.
      throw writeError(IN_PROGRESS, `Idempotency key "${this.def.idempotencyKey}" was taken over while this request prepared; nothing was sent. Ask again with the same key for its answer.`, { idempotencyKey: this.def.idempotencyKey });
    }
    await this.audit('attempted', null);
    let outcome: Outcome;
    try {
      outcome = await this.def.send(this.ctx, plan);
    } catch (error) {
      if (isLostAnswer(error)) return this.reconcileLost(plan, sentAt, error);
      if (isWriteRefusal(error)) {
        const failure = upstreamFailure(error);
        if (isTransientRefusal(error)) {
          await releaseIdempotencyKey(this.store, this.ref);
          await this.audit('failed', null, { code: failure.code, upstreamRequestId: failure.requestId, retryable: true });
          throw upstreamWriteError(failure, { retryable: true });
        }
        // Huawei refused the request itself (insufficient balance, not a sub-customer, …): final for this input.
        await settleIdempotencyKey(this.store, this.ref, 'failed', encodeAnswer({ refused: failure } satisfies Refused));
        await this.audit('failed', null, { code: failure.code, upstreamRequestId: failure.requestId });
        throw upstreamWriteError(failure, { retryable: false });
      }
      // Provably never sent: a refused connection or connect timeout, aborted before its turn, or no customer token
      // (no agency, IAM failed). Nothing happened, so the key is free again for the same request.
      await releaseIdempotencyKey(this.store, this.ref);
      await this.audit('failed', null, { code: codeOf(error), retryable: true });
      // A connection that could not be opened is an upstream failure a client retries with the same key; the
      // token's failures keep their own typed error (CUSTOMER_AGENCY_NOT_GRANTED, IAM's code with forOperation).
      if (error instanceof BssError && error.kind === 'transport') throw upstreamWriteError(upstreamFailure(error), { retryable: true });
      throw error;
    }
    return this.applied(plan, outcome, sentAt, false);
  }

  /** The answer was lost after sending: find out from the upstream's records before answering anything. */
  private async reconcileLost(plan: Plan, sentAt: Date, lost: BssError): Promise<Payload> {
    this.ctx.log?.warn({ event: 'write.answer_lost', mutation: this.def.mutation, idempotencyKey: this.def.idempotencyKey, err: errorFields(lost) });
    // Held as unknown first: should this process die while reconciling, the next call with the key reconciles.
    await settleIdempotencyKey(this.store, this.ref, 'unknown', encodeAnswer({ pending: { plan, sentAt } } satisfies Pending<Plan>));
    const reconciled = await this.tryReconcile(plan, sentAt);
    switch (reconciled.kind) {
      case 'found':
        return this.applied(plan, reconciled.outcome, sentAt, false, 'reconciled');
      case 'absent': {
        await releaseIdempotencyKey(this.store, this.ref, 'unknown');
        const failure = upstreamFailure(lost);
        await this.audit('not_applied', null, { code: failure.code, upstreamRequestId: failure.requestId, reconciled: true });
        throw upstreamWriteError(failure, { retryable: true });
      }
      case 'undecidable':
        return this.unknown(reconciled.check, lost);
    }
  }

  /** A later call with a key whose outcome is unknown: reconcile; absent → the key is free, so this call writes. */
  private async settleUnknown(stored: unknown): Promise<Payload> {
    const { pending } = decodeAnswer<Pending<Plan>>(stored);
    const reconciled = await this.tryReconcile(pending.plan, pending.sentAt);
    switch (reconciled.kind) {
      case 'found':
        return this.applied(pending.plan, reconciled.outcome, pending.sentAt, true, 'reconciled');
      case 'absent': {
        await this.audit('not_applied', null, { reconciled: true });
        // Proven not applied: this call is the retry its client meant it to be. Taking the key back is one
        // statement, so of several calls that reconciled it at once only one writes; the others wait for its answer.
        if (await resumeUnknownKey(this.store, this.ref)) return this.writeOnce();
        return this.execute();
      }
      case 'undecidable':
        return this.unknown(reconciled.check, null);
    }
  }

  private async tryReconcile(plan: Plan, sentAt: Date): Promise<Reconciled<Outcome>> {
    try {
      return await this.def.reconcile(this.ctx, plan, sentAt);
    } catch (error) {
      this.ctx.log?.warn({ event: 'write.reconcile_failed', mutation: this.def.mutation, idempotencyKey: this.def.idempotencyKey, err: errorFields(error) });
      return { kind: 'undecidable', check: `the upstream's records could not be read to reconcile (${codeOf(error)})` };
    }
  }

  private async unknown(check: string, lost: BssError | null): Promise<never> {
    await this.audit('unknown', null, { check, ...(lost ? { code: lost.code, upstreamRequestId: lost.requestId ?? null } : {}) });
    throw writeError(
      OUTCOME_UNKNOWN,
      `${this.def.mutation}: the answer was lost and whether it was applied cannot be told yet: ${check}. ` +
        (this.def.repeatable
          ? `The idempotency key "${this.def.idempotencyKey}" stays held; sending the write again with a new key is harmless (it sets, it does not add).`
          : `The idempotency key "${this.def.idempotencyKey}" is held; send the same request with it again to reconcile (never with a new key).`),
      { idempotencyKey: this.def.idempotencyKey, check, ...(lost ? { upstreamCode: lost.code } : {}) },
    );
  }

  /** The write happened: settle, audit, invalidate, read the changed objects, answer. */
  private async applied(plan: Plan, outcome: Outcome, sentAt: Date, replayed: boolean, how: 'sent' | 'reconciled' = 'sent'): Promise<Payload> {
    const reference = this.def.reference(outcome);
    // The money moved: nothing below may turn that into an error the client would retry with a new key.
    await this.def.invalidate(this.ctx, plan, outcome);
    const answer = await this.def.read(this.ctx, plan, outcome, sentAt);
    const settled = await settleIdempotencyKey(this.store, this.ref, 'applied', encodeAnswer({ applied: answer, reference } satisfies Applied<Answer>))
      .catch((error: unknown) => {
        this.ctx.log?.error({ event: 'write.settle_failed', mutation: this.def.mutation, idempotencyKey: this.def.idempotencyKey, err: errorFields(error) });
        return false;
      });
    await this.audit('applied', reference, { how, settled });
    return this.def.payload(this.ctx, answer, replayed);
  }

  /** One audit row and one log line: who, what, on whom, how it ended. Never throws: the write's answer matters more. */
  private async audit(outcome: string, reference: string | null, extra: Readonly<Record<string, string | number | boolean | null>> = {}): Promise<void> {
    const t = this.def.targets;
    const detail = { ...(t.amount ? { amount: t.amount } : {}), ...(t.detail ?? {}), ...(reference ? { reference } : {}), ...extra };
    const requestId = currentScope()?.id ?? null;
    this.ctx.log?.info({
      event: 'write', caller: this.ctx.caller.name, mutation: this.def.mutation, idempotencyKey: this.def.idempotencyKey, outcome,
      customerId: t.customerId ?? null, indirectPartnerId: t.indirectPartnerId ?? null, ...detail,
    });
    try {
      await appendAudit(this.store, {
        apiKeyName: this.ctx.caller.name, operation: this.def.mutation, idempotencyKey: this.def.idempotencyKey, requestId,
        customerId: t.customerId ?? null, indirectPartnerId: t.indirectPartnerId ?? null, outcome, detail,
      });
    } catch (error) {
      this.ctx.log?.error({ event: 'write.audit_failed', mutation: this.def.mutation, idempotencyKey: this.def.idempotencyKey, err: errorFields(error) });
    }
  }
}

function codeOf(error: unknown): string {
  if (error instanceof BssError) return error.code;
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
}

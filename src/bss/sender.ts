/**
 * One logical upstream request with everything around it: per-attempt rate budget, authentication
 * (AK/SK signature or token), the HTTP exchange, counting, the `onRequest` hook, response parsing and
 * retries. Shared by the BSS client and the IAM token exchange so both obey the same rules.
 */
import type { BudgetShare, LeaveShare } from './budget-share.js';
import type { CallCounter, RequestHook } from './call-counter.js';
import type { PartnerCredentials } from './credentials.js';
import { BssError } from './errors.js';
import type { HttpRequestParts } from './http-request.js';
import type { BudgetSlot, RateBudget } from './rate-budget.js';
import { interpretResponse } from './response.js';
import { abortedError, runWithRetry, type RetryOptions } from './retry.js';
import { formatSdkDate, signRequest, type SigningAlgorithm } from './signer.js';
import type { Clock, Sleep } from './time.js';
import { TransportFailure, type Transport, type TransportResponse } from './transport.js';

export type Auth =
  | { readonly kind: 'aksk'; readonly credentials: PartnerCredentials }
  | { readonly kind: 'token'; readonly token: string };

export interface SigningConfig {
  readonly algorithm?: SigningAlgorithm;
  /** V11-HMAC-SHA256 only: region (`globe` for global credentials in the Go SDK) and service name. */
  readonly derived?: { readonly region: string; readonly service: string };
}

export interface SendSpec {
  readonly operation: string;
  readonly kind: 'read' | 'write';
  readonly budgetKey: string;
  readonly rate: number;
  readonly caller: 'partner' | 'customer';
  /** A share of the budget this call must also pass (the background sync's calls: src/bss/budget-share.ts). */
  readonly share?: BudgetShare | undefined;
  /** Whose call this is (an API key's name, the sync): the budget queues tenants fairly (src/bss/fair-queue.ts). */
  readonly tenant?: string | undefined;
  /** Each attempt's deadline for its whole answer (src/bss/deadlines.ts); default: the transport's. */
  readonly timeoutMs?: number | undefined;
  /** Background work until this fires (`CallOptions.backgroundUntil`): queued after interactive calls. */
  readonly backgroundUntil?: AbortSignal | undefined;
}

export interface SendResult {
  readonly body: unknown;
  readonly response: TransportResponse;
  readonly attempts: number;
}

export interface SenderDeps {
  readonly transport: Transport;
  readonly budget: RateBudget;
  readonly counter: CallCounter;
  readonly onRequest?: RequestHook | undefined;
  readonly retry: RetryOptions;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly signing: SigningConfig;
  readonly userAgent: string;
  /** The deadline of an attempt whose spec names none (the transport's default), for the retry budget. */
  readonly defaultTimeoutMs?: number | undefined;
  /** Removes the configured secrets, plus `extra` (e.g. the customer token of this call), from a message. */
  readonly redact: (text: string, extra?: readonly string[]) => string;
}

/** The headers of one attempt: the request's own, authentication, then the unsigned User-Agent. */
export function authenticate(parts: HttpRequestParts, auth: Auth, now: Date, signing: SigningConfig, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { ...parts.headers };
  if (auth.kind === 'token') {
    headers['X-Auth-Token'] = auth.token;
  } else {
    const { credentials } = auth;
    // GlobalCredentials (Node SDK): X-Domain-Id and, for temporary keys, X-Security-Token are present at
    // signing time and therefore signed, together with Content-Type and host (huawei-auth-and-errors.md §2.6).
    headers['X-Domain-Id'] = credentials.domainId;
    if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken;
    const signed = signRequest(
      { method: parts.method, url: parts.url, headers, body: parts.body },
      { ak: credentials.ak, sk: credentials.sk },
      { sdkDate: formatSdkDate(now), style: 'node', ...(signing.algorithm ? { algorithm: signing.algorithm } : {}), ...(signing.derived ? { derived: signing.derived } : {}) },
    );
    headers['X-Sdk-Date'] = signed['X-Sdk-Date'];
    headers['Authorization'] = signed.Authorization;
  }
  // Added after signing, as the Node SDK's HTTP layer does, so a proxy that rewrites it breaks nothing.
  headers['User-Agent'] = userAgent;
  return headers;
}

export class Sender {
  constructor(private readonly deps: SenderDeps) {}

  async send(spec: SendSpec, parts: HttpRequestParts, auth: Auth, signal?: AbortSignal): Promise<SendResult> {
    const { deps } = this;
    const extraSecrets = auth.kind === 'token' ? [auth.token] : [];
    const redact = (text: string): string => deps.redact(text, extraSecrets);
    return runWithRetry(
      async (attempt) => {
        let leave: LeaveShare | undefined;
        let slot: BudgetSlot;
        try {
          leave = spec.share ? await spec.share.enter(spec.budgetKey, spec.rate, signal) : undefined;
          slot = await deps.budget.acquire(spec.budgetKey, spec.rate, signal, spec.tenant, spec.backgroundUntil);
          leave?.(slot.startedAt);
        } catch (reason) {
          leave?.(undefined);
          throw abortedError(spec.operation, attempt - 1, reason);
        }
        // The attempt's place in the budget's window runs until a window after its answer (src/bss/rate-budget.ts).
        try {
          return await this.exchange(spec, parts, auth, attempt, redact, signal);
        } finally {
          slot.settle();
        }
      },
      {
        operation: spec.operation,
        retryable: spec.kind === 'read',
        options: deps.retry,
        clock: deps.clock,
        sleep: deps.sleep,
        random: deps.random,
        signal,
        attemptDeadlineMs: spec.timeoutMs ?? deps.defaultTimeoutMs,
      },
    );
  }

  /** One attempt on the wire: sign, send, count, interpret. */
  private async exchange(spec: SendSpec, parts: HttpRequestParts, auth: Auth, attempt: number, redact: (text: string) => string, signal: AbortSignal | undefined): Promise<SendResult> {
    const { deps } = this;
    const started = deps.clock();
    const headers = authenticate(parts, auth, new Date(started), deps.signing, deps.userAgent);
    deps.counter.recordRequest(spec.operation);
    let response: TransportResponse;
    try {
      response = await deps.transport.send({ method: parts.method, url: parts.url, headers, body: parts.body, signal, timeoutMs: spec.timeoutMs });
    } catch (failure) {
      // A write that may have left has an unknown outcome: `answer-lost`, for the caller to reconcile.
      const lost = spec.kind === 'write' && (!(failure instanceof TransportFailure) || failure.maybeSent);
      const kind = lost ? 'answer-lost' : 'transport';
      const error =
        failure instanceof TransportFailure
          ? new BssError({ kind, operation: spec.operation, code: failure.code, message: redact(failure.message), attempts: attempt, cause: failure.cause })
          : new BssError({ kind, operation: spec.operation, code: 'TRANSPORT.CONNECTION', message: 'request failed before a response', attempts: attempt, cause: failure });
      this.emit(spec, attempt, started, undefined, error.code, undefined);
      throw error;
    }
    try {
      const body = interpretResponse(response, { operation: spec.operation, attempts: attempt, redact });
      this.emit(spec, attempt, started, response.status, undefined, response.headers['x-request-id']);
      return { body, response, attempts: attempt };
    } catch (error) {
      const bss = error as BssError;
      this.emit(spec, attempt, started, response.status, bss.code, bss.requestId);
      // A write answered 2xx with a cut body was carried out, but what it returned (a transfer id) is lost.
      if (spec.kind === 'write' && bss.kind === 'transport') throw copyOf(bss, { kind: 'answer-lost' });
      throw error;
    }
  }

  private emit(spec: SendSpec, attempt: number, started: number, status: number | undefined, errorCode: string | undefined, requestId: string | undefined): void {
    const hook = this.deps.onRequest;
    if (!hook) return;
    try {
      hook({ operation: spec.operation, status, durationMs: this.deps.clock() - started, attempt, errorCode, requestId, caller: spec.caller });
    } catch {
      // A broken metrics hook must not turn a good upstream answer into a failure.
    }
  }
}

/** A copy of a failure with some facts changed: errors may be cached and shared, so they are never changed in place. */
function copyOf(error: BssError, changes: { readonly attempts?: number; readonly forOperation?: string; readonly kind?: BssError['kind'] }): BssError {
  return new BssError({
    kind: changes.kind ?? error.kind,
    operation: error.operation,
    code: error.code,
    message: error.upstreamMessage,
    httpStatus: error.httpStatus,
    requestId: error.requestId,
    attempts: changes.attempts ?? error.attempts,
    forOperation: changes.forOperation ?? error.forOperation,
    cause: error.cause,
  });
}

/** The same error with a different attempt count (a token-refresh repeat adds its attempts to the first round's). */
export function withAttempts(error: BssError, attempts: number): BssError {
  return copyOf(error, { attempts });
}

/** The same failure, saying which BSS operation it stopped (a token exchange's failure is cached and shared). */
export function withForOperation(error: BssError, forOperation: string): BssError {
  return copyOf(error, { forOperation });
}

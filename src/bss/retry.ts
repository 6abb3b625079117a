/**
 * When and how long to wait before trying a call again.
 *
 * Only reads are retried (spec.kind === 'read'; POST searches are reads): on throttling (HTTP 429,
 * APIGW.0308 / APIG.0308, CBC.0250, IAM.0012), on 5xx, on connection failures and timeouts, and on a 2xx
 * whose JSON body is cut (TRANSPORT.BAD_JSON). A write is never retried automatically, not even after a
 * timeout or a cut body: the first attempt may have been carried out, and a second transfer or coupon is
 * worse than an error.
 *
 * Delays: exponential with full jitter (random in [0, min(cap, base·2^(n−1))]) for 5xx and transport
 * failures; for throttling, a random delay in Huawei's advised 2–5 s (huawei-auth-and-errors.md §9.4) —
 * a throttle means the quota's window is full, and a short jittered retry would only land in it again.
 * Attempts and total time are both bounded: a retry is started only when its whole deadline fits in what is
 * left of the total budget (the delay before it, plus the attempt's own deadline from src/bss/deadlines.ts).
 * So a call that keeps failing ends within the budget (30 s) of its start, whatever its kind: a read (5 s) may
 * still time out and be retried several times, but a bill page (20 s) that hung is not tried again at 20 s
 * only to hang until 40 s; a quick failure of one (a 5xx, a 429) is still retried while 20 s fit.
 */
import { BssError, isThrottleCode } from './errors.js';
import type { Clock, Sleep } from './time.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  readonly maxAttempts: number;
  /** Base of the exponential back-off for 5xx and transport failures. Default 200 ms. */
  readonly baseDelayMs: number;
  /** Cap of one exponential back-off delay. Default 5 s. */
  readonly maxDelayMs: number;
  /**
   * No retry is started that could end later than this after the first attempt began: its delay plus its
   * attempt's deadline must fit in what is left. Default 30 s.
   */
  readonly totalTimeMs: number;
  /** Range of the delay after a throttling answer. Default 2–5 s. */
  readonly throttleMinDelayMs: number;
  readonly throttleMaxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  totalTimeMs: 30_000,
  throttleMinDelayMs: 2_000,
  throttleMaxDelayMs: 5_000,
};

export type RetryReason = 'throttle' | 'transient';

const TRANSIENT_TRANSPORT: ReadonlySet<string> = new Set(['TRANSPORT.TIMEOUT', 'TRANSPORT.CONNECTION', 'TRANSPORT.BAD_JSON']);

/** Why an error may be worth another attempt of a read, or null when it is final. */
export function retryReason(error: BssError): RetryReason | null {
  if (error.kind === 'no-agency' || error.kind === 'answer-lost') return null;
  // BAD_JSON is a 2xx whose body was cut on its way (a proxy, a dropped connection mid-body): the read was
  // answered and may well be answered whole the next time, so it is retried like a 5xx.
  if (error.kind === 'transport') return TRANSIENT_TRANSPORT.has(error.code) ? 'transient' : null;
  if (error.httpStatus === 429 || isThrottleCode(error.code) || error.code === 'IAM.0012') return 'throttle';
  if (error.httpStatus !== undefined && error.httpStatus >= 500) return 'transient';
  return null;
}

/** The delay before attempt `completed + 1`, given `completed` attempts so far (1-based) and a random in [0, 1). */
export function backoffDelay(completed: number, reason: RetryReason, options: RetryOptions, random: number): number {
  if (reason === 'throttle') {
    return Math.round(options.throttleMinDelayMs + random * Math.max(0, options.throttleMaxDelayMs - options.throttleMinDelayMs));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (completed - 1));
  return Math.round(random * ceiling);
}

export interface RetryContext {
  readonly operation: string;
  /** false for writes: the first failure is final. */
  readonly retryable: boolean;
  readonly options: RetryOptions;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly signal?: AbortSignal | undefined;
  /**
   * How long one attempt may take before it is abandoned (its response deadline): a retry is started only
   * when the delay and this fit in the budget left. 0 or unset: only the delay is counted.
   */
  readonly attemptDeadlineMs?: number | undefined;
}

/**
 * Runs `attempt(1)`, `attempt(2)`, … until one succeeds or the failure is final. `attempt` must throw
 * `BssError`s that already carry its attempt number; anything else is a bug and is rethrown at once.
 */
export async function runWithRetry<T>(attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const startedAt = ctx.clock();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof BssError) || !ctx.retryable || n >= ctx.options.maxAttempts) throw error;
      const reason = retryReason(error);
      if (reason === null) throw error;
      const delay = backoffDelay(n, reason, ctx.options, ctx.random());
      // A retry that could not finish inside the budget would only stretch the caller's wait past it.
      if (ctx.clock() - startedAt + delay + (ctx.attemptDeadlineMs ?? 0) > ctx.options.totalTimeMs) throw error;
      try {
        await ctx.sleep(delay, ctx.signal);
      } catch (abort) {
        throw abortedError(ctx.operation, n, abort);
      }
    }
  }
}

export function abortedError(operation: string, attempts: number, cause: unknown): BssError {
  return new BssError({ kind: 'transport', operation, code: 'TRANSPORT.ABORTED', message: 'the call was aborted by the caller', attempts, cause });
}

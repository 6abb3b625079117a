/**
 * Customer tokens for customer-only endpoints, cached per (partner credential, customer id, agency)
 * (iam-tokens.md §6.1):
 *
 * - kept until `expires_at` minus a margin (default 1 h, §6.3), then fetched again;
 * - single-flight: concurrent callers for one key share one IAM call (lru-cache `fetch`);
 * - `invalidate` drops a token BSS rejected (401), so the caller can re-acquire and retry once (§6.4);
 * - a customer without an agency is remembered for a short while (default 5 min, §6.7), so a page of
 *   50 such customers does not cost 50 IAM calls on every query.
 */
import { LRUCache } from 'lru-cache';
import { BssError } from './errors.js';
import type { AgencyToken, IamClient } from './iam-client.js';
import type { Clock } from './time.js';

export interface CustomerTokenOptions {
  readonly iam: IamClient;
  /** The partner credential's identity (`credentialIdentity`): tokens are never shared across partners. */
  readonly identity: string;
  /** The agency customers granted the partner (its `xaccountType`); absent → every customer call fails. */
  readonly agencyName?: string | undefined;
  /** Renew this long before `expires_at`. Default 1 hour. */
  readonly refreshMarginMs?: number;
  /** How long "no agency" is remembered. Default 5 minutes. */
  readonly negativeTtlMs?: number;
  /** Tokens kept at most (least recently used dropped first). Default 10,000. */
  readonly maxEntries?: number;
  readonly clock: Clock;
}

interface NegativeEntry {
  readonly error: BssError;
  readonly until: number;
}

export class CustomerTokens {
  private readonly tokens: LRUCache<string, AgencyToken, { customerId: string; agencyName: string }>;
  private readonly negative: LRUCache<string, NegativeEntry>;
  private readonly margin: number;
  private readonly negativeTtl: number;

  constructor(private readonly options: CustomerTokenOptions) {
    this.margin = options.refreshMarginMs ?? 3_600_000;
    this.negativeTtl = options.negativeTtlMs ?? 300_000;
    const clock = options.clock;
    this.tokens = new LRUCache({
      max: options.maxEntries ?? 10_000,
      perf: { now: clock },
      // Read the clock on every check: an injected fake clock moves in jumps.
      ttlResolution: 0,
      fetchMethod: async (_key, _stale, { options: entryOptions, context }) => {
        try {
          const token = await options.iam.createAgencyToken(context);
          entryOptions.ttl = this.ttlFor(token, clock());
          return token;
        } catch (error) {
          if (error instanceof BssError && error.kind === 'no-agency' && this.negativeTtl > 0) {
            this.negative.set(this.key(context.customerId, context.agencyName), { error, until: clock() + this.negativeTtl });
          }
          throw error;
        }
      },
    });
    this.negative = new LRUCache({ max: options.maxEntries ?? 10_000 });
  }

  /**
   * How long a token stays cached: until `expires_at − margin`. A token that lives less than the margin
   * (a test IAM with short lifetimes) is kept for half its remaining life instead of not at all.
   * lru-cache treats an entry as stale once its age is *greater than* the ttl, so the ttl is one less
   * than the intended life; the minimum is 1 ms, because a ttl of 0 would mean "forever".
   */
  private ttlFor(token: AgencyToken, now: number): number {
    const remaining = token.expiresAt - now;
    const life = remaining - this.margin > 0 ? remaining - this.margin : Math.floor(remaining / 2);
    return Math.max(1, life - 1);
  }

  private key(customerId: string, agencyName: string): string {
    return `${this.options.identity}\u0000${customerId}\u0000${agencyName}`;
  }

  /** A live token for the customer, from the cache or from IAM. */
  async get(customerId: string, signal?: AbortSignal): Promise<string> {
    const agencyName = this.options.agencyName;
    if (!agencyName) {
      throw new BssError({
        kind: 'no-agency',
        operation: 'KeystoneCreateAgencyToken',
        code: 'IAM.AGENCY_NOT_CONFIGURED',
        message: `no agency name is configured, so no customer token can be had for customer ${customerId}; set the agency (the partner's xaccountType) customers grant the partner`,
        httpStatus: 403,
        attempts: 0,
      });
    }
    const key = this.key(customerId, agencyName);
    const negative = this.negative.get(key);
    if (negative) {
      if (this.options.clock() < negative.until) throw negative.error;
      this.negative.delete(key);
    }
    // The shared fetch is not tied to one caller's signal: aborting it would fail every other waiter.
    const pending = this.tokens.fetch(key, { context: { customerId, agencyName } });
    const token = await raceAbort(pending, signal);
    if (!token) throw new Error('token cache returned no value');
    return token.token;
  }

  /** Drops `token` for the customer if it is still the cached one (another caller may have renewed it). */
  invalidate(customerId: string, token: string): void {
    const agencyName = this.options.agencyName;
    if (!agencyName) return;
    const key = this.key(customerId, agencyName);
    if (this.tokens.peek(key)?.token === token) this.tokens.delete(key);
  }

  /** Forgets every token and every negative answer (tests, credential rotation). */
  clear(): void {
    this.tokens.clear();
    this.negative.clear();
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

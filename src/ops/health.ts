/**
 * GET /healthz: the process answers (liveness; touches nothing else). GET /readyz: the state store (when the
 * gateway has one) answers and is migrated to this build (src/store/store-health.ts, checked first: it costs no
 * quota), and the upstream is reachable and accepts the credentials (readiness), proven by one cheap partner
 * read (ListPartnerBalances); the answer is cached briefly so frequent probes do not spend the API quota.
 *
 * A credential rejection is cached longer: Huawei locks an AK after a few consecutive signature failures
 * (huawei-auth-and-errors.md), and a probe every few seconds would get there fast. Both routes are open
 * (no API key) and answer before authentication; the bodies carry Huawei's code, never a message that
 * could echo an AK.
 *
 * While the process drains before it stops (src/http-drain.ts), /readyz answers 503 `SHUTTING_DOWN` without a
 * check, so a balancer sends the replica nothing new; /healthz stays 200 — the process is alive, finishing answers.
 */
import type { Plugin } from 'graphql-yoga';
import type { BssClient } from '../bss/client.js';
import { BssError, isGatewayCode, isThrottleCode } from '../bss/errors.js';
import { ListPartnerBalances } from '../bss/operations/partners/index.js';
import { checkStoreHealth } from '../store/store-health.js';
import type { StoreReader } from '../store/store.js';

export interface HealthOptions {
  readonly bss: BssClient;
  /** The state store, when the gateway has one: unready while it is unreachable or behind this build's migrations. */
  readonly store?: StoreReader;
  /** How long a successful check is reused. Default 5 s. */
  readonly readyTtlMs?: number;
  /** How long a failed check is reused. Default 5 s. */
  readonly unreadyTtlMs?: number;
  /** How long a credential rejection is reused. Default 60 s. */
  readonly rejectedTtlMs?: number;
  /** The check gives up (and reports unready) after this long, retries included. Default 5 s. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
  /** True once the process is shutting down (src/http-drain.ts): readiness answers 503 `SHUTTING_DOWN` at once, checking nothing. */
  readonly shuttingDown?: () => boolean;
}

/** The readiness code of a replica that drains before it stops: the balancer should send it nothing new. */
export const SHUTTING_DOWN = 'SHUTTING_DOWN';

export type Readiness =
  | { readonly status: 'ready'; readonly checkedAt: string }
  | { readonly status: 'unready'; readonly reason: string; readonly code: string; readonly httpStatus: number | null; readonly checkedAt: string };

function rejectsCredentials(error: BssError): boolean {
  if (error.httpStatus === 401 || error.httpStatus === 403) return true;
  // APIGW.0301–0307 are the gateway's authentication failures (signature, AK, token, expired).
  return isGatewayCode(error.code) && /\.030[1-7]$/.test(error.code);
}

function reasonFor(error: unknown): { reason: string; code: string; httpStatus: number | null; rejected: boolean } {
  if (!(error instanceof BssError)) return { reason: 'the readiness check failed unexpectedly', code: 'INTERNAL', httpStatus: null, rejected: false };
  const base = { code: error.code, httpStatus: error.httpStatus ?? null };
  if (error.code === 'TRANSPORT.ABORTED') return { ...base, reason: 'the upstream did not answer in time', rejected: false };
  if (error.kind === 'transport' && error.code === 'TRANSPORT.BAD_JSON') return { ...base, reason: 'the upstream answered with a malformed body', rejected: false };
  if (error.kind === 'transport') return { ...base, reason: 'the upstream is unreachable', rejected: false };
  if (rejectsCredentials(error)) return { ...base, reason: 'the upstream rejected the credentials', rejected: true };
  if (error.httpStatus === 429 || isThrottleCode(error.code)) return { ...base, reason: 'the upstream is throttling this account', rejected: false };
  return { ...base, reason: 'the upstream answered with an error', rejected: false };
}

/** Runs the readiness check at most once per TTL; concurrent probes share the check in flight. */
export class ReadinessCheck {
  private cached: { readonly answer: Readiness; readonly until: number } | undefined;
  private inFlight: Promise<Readiness> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: HealthOptions) {
    this.now = options.now ?? Date.now;
  }

  check(): Promise<Readiness> {
    const now = this.now();
    if (this.cached && now < this.cached.until) return Promise.resolve(this.cached.answer);
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async run(): Promise<Readiness> {
    const o = this.options;
    if (o.store) {
      const store = await checkStoreHealth(o.store);
      if (!store.ok) {
        const answer: Readiness = { status: 'unready', reason: store.reason, code: store.code, httpStatus: null, checkedAt: new Date(this.now()).toISOString() };
        this.cached = { answer, until: this.now() + (o.unreadyTtlMs ?? 5_000) };
        return answer;
      }
    }
    try {
      await o.bss.call(ListPartnerBalances, {}, { signal: AbortSignal.timeout(o.timeoutMs ?? 5_000) });
      const answer: Readiness = { status: 'ready', checkedAt: new Date(this.now()).toISOString() };
      this.cached = { answer, until: this.now() + (o.readyTtlMs ?? 5_000) };
      return answer;
    } catch (error) {
      const { reason, code, httpStatus, rejected } = reasonFor(error);
      const answer: Readiness = { status: 'unready', reason, code, httpStatus, checkedAt: new Date(this.now()).toISOString() };
      this.cached = { answer, until: this.now() + (rejected ? (o.rejectedTtlMs ?? 60_000) : (o.unreadyTtlMs ?? 5_000)) };
      return answer;
    }
  }
}

export function useHealthRoutes(options: HealthOptions): Plugin {
  const readiness = new ReadinessCheck(options);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const json = (status: number, body: unknown) =>
        new fetchAPI.Response(request.method === 'HEAD' ? null : JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        });
      if (url.pathname === '/healthz') {
        endResponse(json(200, { status: 'ok' }));
        return;
      }
      if (url.pathname !== '/readyz') return;
      if (options.shuttingDown?.()) {
        const answer: Readiness = { status: 'unready', reason: 'the gateway is shutting down', code: SHUTTING_DOWN, httpStatus: null, checkedAt: new Date((options.now ?? Date.now)()).toISOString() };
        endResponse(json(503, answer));
        return;
      }
      return readiness.check().then((answer) => endResponse(json(answer.status === 'ready' ? 200 : 503, answer)));
    },
  };
}

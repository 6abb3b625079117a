/**
 * What one HTTP request did, gathered while it runs: its id, operation, and the upstream calls, retries
 * and throttle waits made on its behalf. An AsyncLocalStorage carries it, because the BSS client's hooks
 * fire deep below the resolvers (inside DataLoader batches, pagination, token exchange) where no GraphQL
 * context is at hand; the shared client stays request-agnostic.
 *
 * A load shared through a process-wide cache (reference data, closed bills) is counted once, on the
 * request that started it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  readonly id: string;
  readonly method: string;
  /** The path only: the query string may hold a cycle or customer id, which are not for logs. */
  readonly path: string;
  readonly startedAt: number;
  operationName: string | undefined;
  operationType: string | undefined;
  /** First 16 hex digits of the document's SHA-256: identifies the query text without showing it. */
  documentHash: string | undefined;
  /** HTTP requests sent upstream (every attempt) and how many of them were retries. */
  upstreamRequests: number;
  upstreamRetries: number;
  upstreamThrottled: number;
  /** Upstream requests that failed, by operation and code (e.g. `ListSubCustomers:CBC.0999`). */
  readonly upstreamErrors: string[];
  /** An attempt failed for the upstream's sake (no response, 5xx, throttling), not a business answer. */
  upstreamTrouble: boolean;
  throttleWaits: number;
  throttleWaitMs: number;
  /** `extensions.code` of every GraphQL error in the response, in order. */
  readonly errorCodes: string[];
  /** Whether the response carried data (partial or full), for the outcome. */
  hasData: boolean | undefined;
  /** The request's signal: aborted when the client went away before its answer (the outcome `cancelled`). */
  readonly signal: AbortSignal | undefined;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The request being served in this async context, if any. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

// A client's id is kept only when it is an ordinary token: no spaces, quotes or control characters that
// could forge log fields or response headers, and short.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The incoming `x-request-id` when sane, else a fresh UUID. */
export function requestIdFrom(header: string | null): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** An ordinary absolute URL's path: scheme, authority, then a plain path (no escapes or dot segments). */
const PLAIN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[A-Za-z0-9_\-/]*)?(?:[?#]|$)/i;

/**
 * The path of a request URL: read directly when it is plain (every request a client normally sends), else as
 * URL normalises it (escapes, dot segments); '/' when URL cannot parse it either.
 */
export function pathOf(url: string): string {
  const plain = PLAIN_URL.exec(url);
  if (plain) return plain[1] || '/';
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return '/';
  }
}

export function newScope(request: Request, now = Date.now()): RequestScope {
  return {
    id: requestIdFrom(request.headers.get('x-request-id')),
    method: request.method,
    path: pathOf(request.url),
    startedAt: now,
    operationName: undefined,
    operationType: undefined,
    documentHash: undefined,
    upstreamRequests: 0,
    upstreamRetries: 0,
    upstreamThrottled: 0,
    upstreamErrors: [],
    upstreamTrouble: false,
    throttleWaits: 0,
    throttleWaitMs: 0,
    errorCodes: [],
    hasData: undefined,
    signal: request.signal,
  };
}

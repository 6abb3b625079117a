/**
 * One structured log line per HTTP request (GraphQL, export, health, anything), with the request id
 * echoed in `x-request-id`, the operation name and a hash of the document (never the query text or the
 * variables: they hold customer ids and personal data), the duration, what it cost upstream (requests,
 * retries, throttling, rate-budget waits, failed attempts by operation/code/status/request id), the
 * GraphQL error codes and the HTTP status. The same summary feeds the request metrics.
 *
 * The request scope (src/ops/request-scope.ts) is entered by yoga's request instrumentation, which wraps
 * all of the handling, plugins included, so upstream hooks firing anywhere below see it.
 */
import { createHash } from 'node:crypto';
import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

import { FIELDS_CHOSEN, type Log } from './log.js';
import type { Metrics } from './metrics.js';
import { outcomeOf } from './metrics.js';
import { currentScope, newScope, runInScope, type RequestScope } from './request-scope.js';
import { isAsyncIterable } from './incremental.js';

export interface RequestLogOptions {
  readonly log: Log;
  readonly metrics?: Metrics | undefined;
  /** The GraphQL endpoint's path. Default `/graphql`. */
  readonly graphqlPath?: string;
}

/** Probe and scrape paths: logged at debug, or they would drown the lines that matter. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The fields of one request's log line. Exported for routes that log outside yoga's flow. */
export function requestLine(scope: RequestScope, status: number, durationMs: number): Record<string, unknown> {
  return {
    // Every key below is fixed here, and none is a redacted one (test/ops/log-redaction.test.ts): the log's
    // redaction walk over every line's fields is skipped for it (src/ops/log.ts).
    [FIELDS_CHOSEN]: true,
    requestId: scope.id,
    method: scope.method,
    path: scope.path,
    status,
    durationMs,
    ...(scope.operationName !== undefined || scope.documentHash !== undefined
      ? { operationName: scope.operationName ?? null, operationType: scope.operationType ?? null, documentHash: scope.documentHash ?? null }
      : {}),
    upstreamRequests: scope.upstreamRequests,
    upstreamRetries: scope.upstreamRetries,
    upstreamThrottled: scope.upstreamThrottled,
    throttleWaits: scope.throttleWaits,
    throttleWaitMs: scope.throttleWaitMs,
    errorCodes: scope.errorCodes,
    ...(scope.upstreamErrors.length > 0 ? { upstreamErrors: scope.upstreamErrors } : {}),
  };
}

function recordResult(scope: RequestScope, result: ExecutionResult): void {
  const errors = (result.errors ?? []) as readonly GraphQLError[];
  for (const error of errors) {
    const code = error.extensions?.['code'];
    scope.errorCodes.push(typeof code === 'string' ? code : 'UNCODED');
  }
  const hasData = result.data !== undefined && result.data !== null;
  scope.hasData = scope.hasData === undefined ? hasData : scope.hasData || hasData;
}

/** Hashes of recent documents: clients send the same few texts again and again (yoga caches their parse too). */
const HASHES = new Map<string, string>();
const MAX_HASHES = 1_000;

function documentHash(query: string): string {
  let hash = HASHES.get(query);
  if (hash === undefined) {
    hash = createHash('sha256').update(query).digest('hex').slice(0, 16);
    if (HASHES.size >= MAX_HASHES) HASHES.clear();
    // Long documents are rare and each would pin its text: only short ones are remembered.
    if (query.length <= 10_000) HASHES.set(query, hash);
  }
  return hash;
}

function persistedHash(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  const hash = typeof persisted?.sha256Hash === 'string' ? /^(?:sha256:)?([0-9a-f]{64})$/.exec(persisted.sha256Hash)?.[1] : undefined;
  return hash;
}

function sanitizedName(name: unknown): string | undefined {
  return typeof name === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name) ? name : undefined;
}

export function useRequestLog(options: RequestLogOptions): Plugin {
  const { log, metrics } = options;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  // Params seen: a GraphQL request (rather than GraphiQL's page or a CORS preflight on the same path).
  const sawParams = new WeakSet<RequestScope>();

  return {
    instrumentation: {
      request({ request }, wrapped) {
        return runInScope(newScope(request), wrapped);
      },
    },
    onParams({ params }) {
      const scope = currentScope();
      if (!scope) return;
      sawParams.add(scope);
      scope.operationName ??= sanitizedName(params.operationName);
      if (typeof params.query === 'string') scope.documentHash = documentHash(params.query);
      // A trusted document by hash: the manifest's hash is the SHA-256 of the same text, so the log line matches.
      else scope.documentHash = persistedHash(params.extensions)?.slice(0, 16);
    },
    onParse() {
      return ({ result }) => {
        const scope = currentScope();
        if (!scope || !result || result instanceof Error) return;
        const operation = getOperationAST(result as DocumentNode, scope.operationName);
        if (!operation) return;
        scope.operationType = operation.operation;
        scope.operationName ??= operation.name?.value;
      };
    },
    onResultProcess({ result }) {
      const scope = currentScope();
      if (!scope || isAsyncIterable(result)) return;
      for (const one of Array.isArray(result) ? result : [result]) recordResult(scope, one as ExecutionResult);
    },
    onResponse({ response }) {
      const scope = currentScope();
      if (!scope) return;
      const durationMs = Date.now() - scope.startedAt;
      try {
        response.headers.set('x-request-id', scope.id);
      } catch {
        // Immutable headers (a proxied fetch Response): the id is still in the log line.
      }
      const graphql = scope.path === graphqlPath && (sawParams.has(scope) || response.status >= 400);
      try {
        metrics?.observeRequest(scope, response.status, durationMs, graphql);
      } catch {
        // Metrics must never fail a response.
      }
      const line = requestLine(scope, response.status, durationMs);
      if (graphql) line['outcome'] = outcomeOf(scope, response.status);
      const message = graphql ? 'graphql request' : 'http request';
      if (QUIET_PATHS.has(scope.path)) log.debug(line, message);
      // The client went away: the status is of an answer nobody reads (work stopped for it may have failed).
      else if (scope.signal?.aborted === true) log.info({ ...line, clientClosed: true }, message);
      else if (response.status >= 500) log.error(line, message);
      // Upstream trouble (no answer, 5xx, throttling, a malformed body) is worth a warning; business
      // answers (a customer without an agency) and a client's own mistakes (4xx, bad input) are routine.
      else if (scope.upstreamTrouble) log.warn(line, message);
      else log.info(line, message);
    },
  };
}

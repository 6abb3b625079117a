/**
 * createGateway → the yoga instance: the schema, the per-request context, GraphiQL with the contract
 * operations as the default query, masked errors (no stack traces or upstream internals leak), a code on
 * every error (src/error-codes.ts), and the plugins of the HTTP edge, in the order a request meets them:
 * health and metrics routes (no key needed for /healthz), API-key authentication, CSRF prevention, query
 * limits, @defer/@stream, the export route, and a JSON 404 for any other path.
 */
import { createYoga, type Plugin, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { useDeferStream } from './defer-stream.js';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { contractTabs, renderOfflineGraphiQL, useGraphiQLAssets } from './graphiql.js';
import { createContext, type GatewayServices, type GraphQLContext } from './context.js';
import { maskError } from './errors.js';
import { useErrorCodes } from './error-codes.js';
import { yogaLogger } from './logger.js';
import { useWriteRefusalAudit } from './resolvers/mutation/refusal-audit.js';
import { createLog } from './ops/log.js';
import { pino } from 'pino';
import { useOperationLifetime } from './ops/operation-lifetime.js';
import { useRequestLog } from './ops/request-log.js';
import { useCacheAge } from './ops/cache-age.js';
import { schema } from './schema/index.js';
import { useApiKeyAuth } from './auth/auth-plugin.js';
import type { ApiKeyEntry } from './auth/api-keys.js';
import { DEFAULT_QUERY_LIMITS, useQueryLimits, type QueryLimits } from './limits/limits-plugin.js';
import { DEFAULT_KEY_CONCURRENCY, useKeyConcurrency, type KeyConcurrency } from './limits/key-concurrency.js';
import { useHealthRoutes } from './ops/health.js';
import { useMetrics } from './ops/metrics.js';
import { useConsumptionExport } from './export/export-plugin.js';
import { useCsrfPrevention, useNotFound } from './http-edge.js';
import { useTrustedDocuments, type TrustedDocumentsOptions } from './limits/trusted-documents.js';

export type Gateway = YogaServerInstance<Record<string, never>, GraphQLContext>;

const DEFAULT_QUERY = `# Partner Graph: one query across the partner's Huawei Cloud business.
query Partner {
  partner {
    id
    domainId
    balances { accountType amount currency }
  }
  serviceTypes { code name }
}
`;

const GRAPHQL_PATH = '/graphql';

/** A GET or simple POST passes CSRF prevention with one of these (any value); see useCsrfPrevention. */
export const CSRF_HEADERS: readonly string[] = ['x-graphql-yoga-csrf', 'authorization'];

export interface HttpOptions {
  readonly graphiql: boolean;
  readonly introspection: boolean;
  /** CORS origins; empty: none; `['*']`: any. */
  readonly corsOrigins: readonly string[];
}

export const DEFAULT_HTTP: HttpOptions = { graphiql: true, introspection: true, corsOrigins: [] };

export interface GatewayOptions {
  /** Variables filled into the GraphiQL example tabs (e.g. a real customer id of the simulator). */
  readonly exampleVariables?: Record<string, unknown>;
  /** Where yoga's own log lines go (default: stderr, warnings and errors). */
  readonly logger?: YogaLogger;
  /** API keys; null or absent: open (only allowed on the simulator; main.ts enforces that). */
  readonly apiKeys?: readonly ApiKeyEntry[] | null;
  readonly http?: HttpOptions;
  readonly queryLimits?: QueryLimits;
  /** Persisted operations accepted by hash (src/limits/trusted-documents.ts); absent: query text only. */
  readonly trustedDocuments?: TrustedDocumentsOptions;
  /** Operations per API key at once, and waiting (src/limits/key-concurrency.ts); default 16 and 64. */
  readonly keyConcurrency?: KeyConcurrency;
  /** True once the process drains before it stops (src/http-drain.ts): /readyz answers 503 `SHUTTING_DOWN`. */
  readonly shuttingDown?: () => boolean;
}

function corsOption(origins: readonly string[]) {
  if (origins.length === 0) return false as const;
  const any = origins.includes('*');
  // Decided per request: yoga's static list would answer an unlisted origin with the only listed one, or
  // with `null` (which sandboxed documents match); an unlisted origin gets no CORS headers at all.
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || (!any && !origins.includes(origin))) return false as const;
    return { origin: [origin], credentials: false, methods: ['GET', 'POST'] };
  };
}

export function createGateway(services: GatewayServices, options: GatewayOptions = {}): Gateway {
  const http = options.http ?? DEFAULT_HTTP;
  const limits = options.queryLimits ?? DEFAULT_QUERY_LIMITS;
  // Without a configured log, warnings and errors go to stderr as before, as JSON lines.
  const log = services.log ?? createLog('warn', pino.destination(2));
  // Plugins of different packages type their context differently; yoga accepts them all at run time.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- yoga plugins differ in context type
  const plugins: Plugin<any>[] = [
    // Codes for the errors yoga and graphql-js make without one (variables that do not coerce, the CSRF
    // refusal), so every error a client gets can be branched on. Before the request log: result hooks run
    // in this order, and the log and metrics should count the codes the client gets, not UNCODED.
    useErrorCodes(),
    // It opens the request scope (request id, upstream counts) through yoga's request instrumentation, which
    // wraps the whole request: every plugin runs inside it, the one above included.
    useRequestLog({ log, metrics: services.metrics }),
    useHealthRoutes({ bss: services.bss, ...(services.store ? { store: services.store } : {}), ...(options.shuttingDown ? { shuttingDown: options.shuttingDown } : {}) }),
    ...(services.metrics ? [useMetrics(services.metrics)] : []),
    // Before the key check's refusal of analyst mutations, so that refusal is audited too (docs/writes.md).
    useWriteRefusalAudit(),
    useApiKeyAuth({ keys: options.apiKeys ?? null }),
    // A cross-site "simple" request (GET without custom headers, POST as text/plain or a form) is refused:
    // it must carry a header a browser only sends after a CORS preflight, or a non-simple content type.
    // `content-type` itself is no such header (text/plain is simple), so it is not listed.
    // The refusal names these headers (src/http-edge.ts).
    useCsrfPrevention(CSRF_HEADERS),
    // A hash becomes its document here, so every limit below checks the trusted document like any other.
    ...(options.trustedDocuments ? [useTrustedDocuments(options.trustedDocuments)] : []),
    ...useQueryLimits(limits),
    // After the limits, so a refused operation never takes a turn: at most N operations per API key run at once.
    useKeyConcurrency(options.keyConcurrency ?? DEFAULT_KEY_CONCURRENCY),
    // After the timeout, so a timed-out operation also ends the upstream work started for it.
    useOperationLifetime(),
    // `extensions.cacheAge` on an answer that used cached partner data (src/ops/cache-age.ts).
    useCacheAge(),
    ...(http.introspection ? [] : [useDisableIntrospection()]),
    useDeferStream(),
    useConsumptionExport(services),
    useGraphiQLAssets(),
    // Last: any path the routes above did not answer gets a JSON 404 (yoga's own has an empty body).
    useNotFound(GRAPHQL_PATH),
  ];
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request }) => createContext(services, request),
    graphiql: http.graphiql
      ? { title: 'Partner Graph', defaultQuery: DEFAULT_QUERY, defaultTabs: [{ query: DEFAULT_QUERY }, ...contractTabs(options.exampleVariables)] }
      : false,
    renderGraphiQL: renderOfflineGraphiQL,
    plugins,
    cors: corsOption(http.corsOrigins),
    landingPage: false,
    // Our useBodyLimit (src/limits/body-limit.ts) checks Content-Length and counts a chunked body; yoga's own limit
    // would pipe every body through a TransformStream as well (a stream pipeline and an abort per request).
    maxRequestBodySize: false,
    // Upstream errors keep their code, status and request id; anything unexpected becomes "Unexpected error.".
    maskedErrors: { maskError },
    logging: options.logger ?? yogaLogger(log),
  });
}

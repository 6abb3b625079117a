/**
 * Authenticates every request at the HTTP edge from `Authorization: Bearer <key>` against the configured
 * API keys, answers 401 itself when the key is missing or wrong (so nothing below ever runs for a
 * stranger), and remembers the caller for the context factory and the export route (`callerOf`).
 *
 * Guarded: every path but a short allowlist, so a path the server answers in a form nobody listed (yoga
 * serves its endpoint at `/graphql/` and `//graphql` too) can never skip the key. Not guarded: the GraphiQL
 * page itself (a GET of /graphql asking for HTML with no query: static, it runs nothing; its queries need
 * the key, set in its Headers tab) and its static assets, CORS preflights (browsers never send credentials
 * on them), and /healthz, /readyz, /metrics, which plugins before this one answer.
 */
import { getOperationAST, GraphQLError, type DocumentNode, type OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { OPEN_CALLER, type Caller } from './caller.js';
import { authenticate, type ApiKeyEntry } from './api-keys.js';
import { FORBIDDEN } from './scope.js';
import { ASSET_PREFIX } from '../graphiql.js';

export interface ApiKeyAuthOptions {
  /** The configured keys; null: no keys configured, every request is the open caller (simulator only). */
  readonly keys: readonly ApiKeyEntry[] | null;
}

export const UNAUTHENTICATED = 'UNAUTHENTICATED';
export const REALM = 'partner-graph';

const callers = new WeakMap<Request, Caller>();

/** The authenticated caller of a request (the open caller when keys are off). */
export function callerOf(request: Request): Caller {
  return callers.get(request) ?? OPEN_CALLER;
}

/** For the plugin (and tests): bind a caller to a request. */
export function bindCaller(request: Request, caller: Caller): void {
  callers.set(request, caller);
}

/** The paths that need a key: all but GraphiQL's static assets (the health and metrics routes end earlier). */
export function isGuardedPath(pathname: string): boolean {
  return !pathname.startsWith(ASSET_PREFIX);
}

/** The GraphiQL page: a browser GET of /graphql with no operation in it. */
function isGraphiQLPage(request: Request, url: URL): boolean {
  return request.method === 'GET' && url.pathname === '/graphql' && !url.searchParams.has('query') && (request.headers.get('accept') ?? '').includes('text/html');
}

/** The key of `Authorization: Bearer <key>` (scheme case-insensitive, RFC 6750), or null. */
export function bearerKey(header: string | null): string | null {
  const m = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

/** The 401 a stranger gets: a GraphQL-over-HTTP error body, the media type the client accepts, a Bearer challenge. */
export function unauthorized(request: Request, reason: 'missing' | 'invalid'): Response {
  const message =
    reason === 'missing'
      ? 'An API key is required: send it as "Authorization: Bearer <key>".'
      : 'The API key is not valid.';
  const accept = request.headers.get('accept') ?? '';
  const type = accept.includes('application/graphql-response+json') ? 'application/graphql-response+json' : 'application/json';
  // RFC 6750 §3.1: no error code when no credentials came; `invalid_token` when they were wrong.
  const challenge = reason === 'missing' ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token"`;
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: UNAUTHENTICATED } }] }), {
    status: 401,
    headers: { 'content-type': `${type}; charset=utf-8`, 'www-authenticate': challenge },
  });
}

/**
 * Roles and operation types: analyst keys are read-only, refused a mutation before it runs. Admin keys may
 * write; reseller keys may run the mutations that act inside their own subtree (each mutation checks its own
 * roles and scope before any call: src/resolvers/mutation/run-write.ts, docs/writes.md).
 */
export function mayRun(caller: Caller, operation: OperationTypeNode | 'query' | 'mutation' | 'subscription'): boolean {
  return operation !== 'mutation' || caller.role !== 'analyst';
}

/** The refusal of an operation the caller's role may not run, or null when it may. */
export function operationRefusal(caller: Caller, document: DocumentNode, operationName?: string | null): GraphQLError | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation || mayRun(caller, operation.operation)) return null;
  return new GraphQLError(`An ${caller.role} API key is read-only: ${operation.operation} operations need an admin (or, inside its subtree, a reseller) key.`, {
    extensions: { code: FORBIDDEN, http: { status: 403 } },
  });
}

export function useApiKeyAuth(options: ApiKeyAuthOptions): Plugin<{ caller?: Caller }> {
  const keys = options.keys;
  return {
    onRequest({ request, url, endResponse }) {
      if (keys === null || request.method === 'OPTIONS' || !isGuardedPath(url.pathname) || isGraphiQLPage(request, url)) return;
      const key = bearerKey(request.headers.get('authorization'));
      if (key === null) return endResponse(unauthorized(request, 'missing'));
      const caller = authenticate(keys, key);
      if (caller === null) return endResponse(unauthorized(request, 'invalid'));
      bindCaller(request, caller);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const caller = args.contextValue.caller ?? OPEN_CALLER;
      const refusal = operationRefusal(caller, args.document, args.operationName);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

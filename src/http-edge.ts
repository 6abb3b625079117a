/**
 * The HTTP edge's own refusals, in the GraphQL-over-HTTP error shape every other refusal of the gateway
 * has (`{"errors":[{"message","extensions":{"code"}}]}`), so a client parses one shape whatever refused
 * it: an unknown path (404 `NOT_FOUND`) and a cross-site simple request (403, naming the headers that
 * let it through). The node server's refusals before yoga (src/http-server.ts) use the same body.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { BAD_REQUEST } from './error-codes.js';
import { currentScope } from './ops/request-scope.js';

export const NOT_FOUND = 'NOT_FOUND';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The body of one error, GraphQL over HTTP. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

export function errorResponse(status: number, message: string, code: string, headers: Record<string, string> = {}): Response {
  return new Response(errorBody(message, code), { status, headers: { 'content-type': JSON_CONTENT_TYPE, 'cache-control': 'no-store', ...headers } });
}

/** The paths the gateway serves, for the 404 message (the path asked for is not echoed). */
const SERVED = '/graphql, /export/consumption, /healthz, /readyz and /metrics';

export function notFound(): Response {
  // The log line and metrics count the code like a GraphQL error's.
  currentScope()?.errorCodes.push(NOT_FOUND);
  return errorResponse(404, `Not found: this gateway serves ${SERVED}.`, NOT_FOUND);
}

/**
 * A JSON 404 for every path no route answered (yoga's own is an empty body). Last of the plugins: the
 * routes before it (health, metrics, export, GraphiQL assets) end the response for their paths.
 */
export function useNotFound(graphqlPath: string): Plugin {
  return {
    onRequest({ url, endResponse }) {
      if (url.pathname === graphqlPath || url.pathname === `${graphqlPath}/`) return;
      endResponse(notFound());
    },
  };
}

/**
 * yoga's CSRF prevention, with a refusal that says which headers let a request through (its own message,
 * "Required CSRF header(s) not present", names none).
 */
export function useCsrfPrevention(requestHeaders: readonly string[]): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [...requestHeaders] });
  const message =
    `Required CSRF header(s) not present: a GET, or a POST of text/plain or a form, must carry one of the headers ` +
    `${requestHeaders.join(', ')} (any value, e.g. "${requestHeaders[0]}: 1").`;
  return {
    onRequestParse(payload) {
      try {
        return inner.onRequestParse?.(payload);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        throw new GraphQLError(message, { extensions: { ...error.extensions, code: BAD_REQUEST, requiredHeaders: [...requestHeaders] } });
      }
    },
  };
}

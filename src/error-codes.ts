/**
 * Every GraphQL error a client gets carries `extensions.code`, the errors graphql-yoga and graphql-js make
 * before any resolver runs included, so a typed client can branch on the code instead of the message. The
 * names are Apollo Server's, which GraphQL clients already know.
 *
 * yoga (5.24) codes most of those itself: GRAPHQL_PARSE_FAILED (syntax), GRAPHQL_VALIDATION_FAILED (validation),
 * BAD_REQUEST (a malformed body or parameter, batching, a method it does not serve) and
 * OPERATION_RESOLUTION_FAILURE (an unknown `operationName`, several operations and no name). Two kinds come
 * without one, and get one here:
 * - variables that do not coerce (`"ten"` for an `Int`, null or nothing for a required variable): yoga's
 *   executor (@graphql-tools/executor) refuses the operation before running a field, with status 400 and
 *   graphql-js's message, which already names the variable → BAD_USER_INPUT (a refusal of one of our own
 *   scalars carries that code already);
 * - an error the HTTP edge refuses with a 4xx and no code (CSRF prevention's 403) → BAD_REQUEST.
 * A code is only added, never replaced; the status and the message stay as yoga made them.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isAsyncIterable } from './ops/incremental.js';

export const BAD_USER_INPUT = 'BAD_USER_INPUT';
export const BAD_REQUEST = 'BAD_REQUEST';

function uncoded(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && typeof error.extensions['code'] !== 'string';
}

/** A refusal yoga answers with a 4xx: it says so in `extensions.http` (stripped from the response later). */
function refusedByHttpEdge(error: GraphQLError): boolean {
  const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A copy with the code (errors may be shared: yoga caches parse and validation results). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: { ...error.extensions, code },
  });
}

function codeErrors<R extends ExecutionResult>(result: R, code: string, applies: (error: GraphQLError) => boolean): R {
  if (!result.errors?.some((e) => uncoded(e) && applies(e))) return result;
  return { ...result, errors: result.errors.map((e) => (uncoded(e) && applies(e) ? withCode(e, code) : e)) };
}

export function useErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          // No `data`: the executor refused the operation before running a field. What it refuses without a
          // code is variables that do not coerce (an unresolvable operation comes with its own code).
          if (result.data !== undefined) return;
          const coded = codeErrors(result, BAD_USER_INPUT, () => true);
          if (coded !== result) setResult(coded);
        },
      };
    },
    // The last look at every result, thrown refusals of the request parsers and plugins included.
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) return;
      const results = Array.isArray(result) ? result : [result];
      const coded = results.map((one) => codeErrors(one, BAD_REQUEST, refusedByHttpEdge));
      if (coded.every((one, i) => one === results[i])) return;
      setResult(Array.isArray(result) ? coded : coded[0]!);
    },
  };
}

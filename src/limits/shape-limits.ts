/**
 * Depth, alias and token limits (graphql-armor), each refusal a GraphQL error with its own code and the
 * numbers, so a client can tell which limit it hit. Depth ignores `__schema` (GraphiQL's and codegen's
 * introspection query is deep by nature) and counts fragments as the fields they stand for.
 */
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';

export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';
export const TOO_MANY_ALIASES = 'TOO_MANY_ALIASES';
export const TOO_MANY_TOKENS = 'TOO_MANY_TOKENS';

/** Refused before execution: 400 under application/graphql-response+json, 200 under application/json. */
export const BEFORE_EXECUTION = { status: 400, spec: true } as const;

function limitError(message: string, code: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: BEFORE_EXECUTION } });
}

/** armor's own message reads "Syntax Error: Query depth limit of 12 exceeded, found 13."; keep its numbers. */
function found(error: GraphQLError): number | null {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : null;
}

export function useShapeLimits(limits: { maxDepth: number; maxAliases: number; maxTokens: number }): Plugin[] {
  return [
    maxTokensPlugin({
      n: limits.maxTokens,
      propagateOnRejection: false,
      onReject: [
        () => {
          throw limitError(`The operation has more than ${limits.maxTokens} tokens, the limit; send a smaller document.`, TOO_MANY_TOKENS, {
            maxTokens: limits.maxTokens,
          });
        },
      ],
    }) as Plugin,
    maxDepthPlugin({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        (ctx: ValidationContext | null, error: GraphQLError) => {
          const depth = found(error);
          ctx?.reportError(
            limitError(`The operation is nested ${depth ?? 'more than ' + limits.maxDepth} levels deep; the limit is ${limits.maxDepth}.`, QUERY_TOO_DEEP, {
              depth,
              maxDepth: limits.maxDepth,
            }),
          );
        },
      ],
    }) as Plugin,
    maxAliasesPlugin({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [
        (ctx: ValidationContext | null, error: GraphQLError) => {
          const aliases = found(error);
          ctx?.reportError(
            limitError(`The operation uses ${aliases ?? 'more than ' + limits.maxAliases} aliases; the limit is ${limits.maxAliases}.`, TOO_MANY_ALIASES, {
              aliases,
              maxAliases: limits.maxAliases,
            }),
          );
        },
      ],
    }) as Plugin,
  ];
}

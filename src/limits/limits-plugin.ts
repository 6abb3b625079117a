/**
 * STUB (issue 5 fills this in): refuses operations over the cost (estimated upstream calls), depth, alias
 * and token limits before execution, and aborts executions that run past the timeout.
 */
import type { Plugin } from 'graphql-yoga';

export interface QueryLimits {
  readonly maxCost: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxBodyBytes: number;
  readonly executionTimeoutMs: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxCost: 2_500, maxDepth: 12, maxAliases: 30, maxTokens: 5_000, maxBodyBytes: 1_048_576, executionTimeoutMs: 300_000,
};

export function useQueryLimits(_limits: QueryLimits): Plugin[] {
  return [];
}

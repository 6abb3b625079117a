/**
 * The query limits of the HTTP edge, in the order a request meets them: body size (before parsing),
 * well-formed parameters (JSON parameters, Unicode in variables), tokens (while parsing), depth and
 * aliases (validation), cost in estimated upstream calls (before execution), and the execution timeout.
 * Every refusal is a GraphQL error with its own code and the numbers involved; docs/limits.md describes
 * them for users.
 */
import { GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { boundReseller } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { DEFAULT_LIMITS, type GraphLimits } from '../context.js';
import { useBodyLimit } from './body-limit.js';
import { estimateCost } from './cost.js';
import { consumptionCoverage, knownCoverage } from './coverage-cache.js';
import type { ConsumptionCoverage, Store } from '../store/index.js';
import { useKnownOperationTypes } from './operation-types.js';
import { BEFORE_EXECUTION, useShapeLimits } from './shape-limits.js';
import { useExecutionTimeout } from './timeout.js';
import { useWellFormedParams } from './well-formed.js';

export interface QueryLimits {
  /** Largest estimated upstream calls one operation may cost; refused before execution beyond it. */
  readonly maxCost: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  /** Largest request body accepted, in bytes (413 beyond). */
  readonly maxBodyBytes: number;
  /** An operation still running after this ends with EXECUTION_TIMEOUT. */
  readonly executionTimeoutMs: number;
  /** Customers assumed in a partner's or reseller's scope when estimating a scope-wide consumption view. */
  readonly assumedCustomersPerScope?: number;
}

export const DEFAULT_ASSUMED_CUSTOMERS = 100;

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxCost: 2_500, maxDepth: 12, maxAliases: 30, maxTokens: 5_000, maxBodyBytes: 1_048_576, executionTimeoutMs: 300_000,
};

export const QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY';

export function costError(estimatedCost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `The operation would make an estimated ${estimatedCost} upstream calls, over the limit of ${maxCost}; ask for smaller pages or fewer nested lists, or split it.`,
    { extensions: { code: QUERY_TOO_COSTLY, estimatedCost, maxCost, http: BEFORE_EXECUTION } },
  );
}

interface CostContext {
  readonly limits?: GraphLimits;
  readonly store?: Store;
  readonly caller?: Caller;
}

/** Refuses an operation whose estimate is over `maxCost`; an accepted one reports it in `extensions.cost`. */
export function useCostLimit(maxCost: number, assumedCustomers: number): Plugin {
  const estimates = new EstimateMemo();
  type ExecutePayload = Parameters<NonNullable<Plugin['onExecute']>>[0];
  const check = ({ args, setResultAndStopExecution }: ExecutePayload, graph: GraphLimits, coverage: ConsumptionCoverage | undefined) => {
    // A reseller key's consumption views are answered in its scope, so priced by it (and remembered apart).
    const caller = (args.contextValue as CostContext | undefined)?.caller;
    const reseller = caller ? boundReseller(caller) : null;
    const operation = `${args.operationName ?? ''}\u0000${graph.defaultFirst}\u0000${graph.maxFirst}\u0000${reseller ?? ''}`;
    const estimated = estimates.get(args.document, coverage, operation, args.variableValues, () =>
      estimateCost(args.schema, args.document, args.operationName, args.variableValues, {
        defaultFirst: graph.defaultFirst,
        maxFirst: graph.maxFirst,
        assumedCustomers,
        reseller,
        ...(coverage ? { coverage } : {}),
      }));
    if (estimated > maxCost) {
      setResultAndStopExecution({ errors: [costError(estimated, maxCost)] });
      return undefined;
    }
    return {
      onExecuteDone({ result, setResult }: { result: unknown; setResult: (result: ExecutionResult) => void }) {
        if (Symbol.asyncIterator in (result as object)) return; // an incremental response: the estimate stays out
        const done = result as ExecutionResult;
        if (done.data === undefined) return; // refused before running (e.g. variables that do not coerce)
        setResult({ ...done, extensions: { ...done.extensions, cost: { estimated, limit: maxCost } } });
      },
    };
  };
  return {
    // Not async: without a store there is nothing to wait for, and a promise here makes envelop wait a turn.
    onExecute(payload) {
      const context = payload.args.contextValue as CostContext | undefined;
      const graph = context?.limits ?? DEFAULT_LIMITS;
      if (!context?.store) return check(payload, graph, undefined);
      const known = knownCoverage(context.store);
      if (known) return check(payload, graph, known);
      // A store that cannot be read prices every view live: the estimate errs towards refusing, never towards flooding.
      return consumptionCoverage(context.store).then(
        (coverage) => check(payload, graph, coverage),
        () => check(payload, graph, undefined),
      );
    },
  };
}

const NO_COVERAGE = {};
/** Estimates remembered per document at most (a document asked with ever new variables is not hoarded). */
const MAX_PER_DOCUMENT = 100;

/**
 * The estimate of a document (yoga's parse cache hands the same DocumentNode to every request with the same text)
 * with the same operation, variables and store coverage (a new object every few seconds): clients send the same
 * operations again and again, and walking the document each time was a measurable share of a cached request.
 */
class EstimateMemo {
  private readonly byDocument = new WeakMap<DocumentNode, WeakMap<object, Map<string, number>>>();

  get(document: DocumentNode, coverage: object | undefined, operation: string, variables: unknown, estimate: () => number): number {
    let byCoverage = this.byDocument.get(document);
    if (!byCoverage) this.byDocument.set(document, (byCoverage = new WeakMap()));
    let known = byCoverage.get(coverage ?? NO_COVERAGE);
    if (!known) byCoverage.set(coverage ?? NO_COVERAGE, (known = new Map()));
    const text = variablesKey(variables);
    // Variables too deep for JSON.stringify (a hostile 10,000-deep list): estimated, not remembered.
    if (text === null) return estimate();
    const key = `${operation}\u0000${text}`;
    let estimated = known.get(key);
    if (estimated === undefined) {
      estimated = estimate();
      if (known.size >= MAX_PER_DOCUMENT) known.clear();
      known.set(key, estimated);
    }
    return estimated;
  }
}

/** The variables as memo key text; null when they nest deeper than JSON.stringify goes (it throws a RangeError). */
function variablesKey(variables: unknown): string | null {
  if (variables === undefined || variables === null) return '';
  try {
    return JSON.stringify(variables);
  } catch {
    return null;
  }
}

export function useQueryLimits(limits: QueryLimits): Plugin[] {
  return [
    useBodyLimit(limits.maxBodyBytes),
    useWellFormedParams(),
    ...useShapeLimits(limits),
    useKnownOperationTypes(),
    useCostLimit(limits.maxCost, limits.assumedCustomersPerScope ?? DEFAULT_ASSUMED_CUSTOMERS),
    useExecutionTimeout(limits.executionTimeoutMs),
  ];
}

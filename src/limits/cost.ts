/**
 * Estimates how many upstream calls an operation will make, before it runs, so a query that would flood
 * Huawei Cloud's quota (10 requests per second per API) is refused with its estimate instead of being
 * started. The walk follows fragments and resolved variables; a field's own cost comes from the table in
 * field-costs.ts, multiplied by how many instances of its parent the query can produce:
 *
 * - a connection asked for n items costs ⌈n / pageMax⌉ calls per page call per parent, and what is
 *   selected under its `edges`/`nodes` runs n times per parent;
 * - a batched loader under a list costs ⌈n / batch⌉ calls per list, not n;
 * - a consumption view costs one call per customer-month; a partner- or reseller-wide view also lists the
 *   scope's customers. Its customers are the store's newest listing's (the counts the gateway knows per scope),
 *   or the configured assumption before any listing; each cycle the store holds whole costs nothing (a view
 *   of only such cycles nothing at all), so a range is priced by its unsynced cycles alone. A reseller key's
 *   views are answered in its own scope (src/auth/scope.ts), so they are priced by that scope alone: its
 *   customers, and the cycles complete for it, whatever the other scopes hold;
 * - a list of resellers, or of one reseller's customers, holds at most as many items as that listing counted.
 *
 * It is an estimate: lists are assumed full, de-duplication across different branches is not seen, and
 * cached reference data counts as free.
 */
import {
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { FIELD_COSTS, type FieldCost, type KnownSize } from './field-costs.js';
import { cyclesBetween, monthIndex } from '../sources/billing-cycles.js';
import type { ConsumptionCoverage } from '../store/index.js';

export interface CostOptions {
  /** Items of a connection asked for without first/last. */
  readonly defaultFirst: number;
  /** first/last above this is refused by the connection before any call, so it never counts for more. */
  readonly maxFirst: number;
  /** Customers assumed in the partner's (or one reseller's) scope for a scope-wide consumption view. */
  readonly assumedCustomers: number;
  /**
   * What the state store holds (src/store/consumption-coverage.ts): a view whose every cycle is complete is
   * answered from it (no call), and an unsynced scope-wide view is priced by the scopes' real customer counts.
   */
  readonly coverage?: ConsumptionCoverage;
  /**
   * The reseller the caller is bound to (a reseller API key), null or absent for partner-wide callers: every
   * consumption view it asks is answered in that reseller's scope, and priced so.
   */
  readonly reseller?: string | null;
  /** Items assumed in a plain list field (not a connection) whose size the table does not give. */
  readonly defaultListSize?: number;
  /** Page maximum of a connection the table does not list. */
  readonly defaultPageMax?: number;
  readonly costs?: Readonly<Record<string, FieldCost>>;
}

/** Beyond this the number is meaningless and certainly over any limit. */
const CEILING = 1e12;

type Args = Readonly<Record<string, unknown>>;

/** How many objects of the current type the query can produce, and from how many lists. */
interface Scope {
  readonly count: number;
  readonly groups: number;
  /** Coordinate of the nearest enclosing list or connection (for `freeUnder`). */
  readonly owner: string;
  /** Items per page of the enclosing connection, for its `edges` and `nodes`. */
  readonly pageItems: number;
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Record<string, unknown>;
  readonly options: Required<Omit<CostOptions, 'costs' | 'coverage' | 'reseller'>> & Pick<CostOptions, 'coverage'>;
  readonly reseller: string | null;
  readonly costs: Readonly<Record<string, FieldCost>>;
}

function findOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Estimated upstream calls of the operation; 0 when it cannot be found (execution reports that). */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Readonly<Record<string, unknown>> | null | undefined,
  options: CostOptions,
): number {
  const operation = findOperation(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const walk: Walk = {
    schema,
    fragments,
    // Variables that do not coerce fail the execution anyway; estimate with defaults meanwhile.
    variables: coerced.coerced ?? {},
    options: { defaultListSize: 10, defaultPageMax: 100, ...options },
    reseller: options.reseller ?? null,
    costs: options.costs ?? FIELD_COSTS,
  };
  return Math.min(CEILING, Math.ceil(selectionCost(walk, operation.selectionSet, root, { count: 1, groups: 1, owner: '', pageItems: 0 })));
}

interface CollectedField {
  readonly node: FieldNode;
  readonly parent: GraphQLCompositeType;
}

/** The fields of a selection set with fragments inlined, each with the type it is selected on. */
function collectFields(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, out: CollectedField[], seen: Set<string>): CollectedField[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      out.push({ node: selection, parent });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(walk, selection.selectionSet, conditionType(walk, selection.typeCondition?.name.value, parent), out, seen);
    } else {
      // A fragment spread twice into one selection set executes once (its fields merge).
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      collectFields(walk, fragment.selectionSet, conditionType(walk, fragment.typeCondition.name.value, parent), out, seen);
    }
  }
  return out;
}

function conditionType(walk: Walk, name: string | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType {
  const type: GraphQLNamedType | undefined | null = name ? walk.schema.getType(name) : undefined;
  return type && (isObjectType(type) || isAbstractType(type) || 'getFields' in type) ? (type as GraphQLCompositeType) : fallback;
}

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

function argumentsOf(walk: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode): Args {
  try {
    return getArgumentValues(def, node, walk.variables);
  } catch {
    return {}; // invalid arguments fail the field itself; they cost nothing upstream
  }
}

function resolve(value: number | ((args: Args) => number) | undefined, args: Args, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === 'function' ? value(args) : value;
}

function isConnection(type: GraphQLNamedType): boolean {
  return type.name.endsWith('Connection') && 'getFields' in type && 'edges' in type.getFields();
}

function isPagingType(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection') || type.name.endsWith('Edge') || type.name === 'PageInfo';
}

function clampCount(value: unknown, max: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.min(Math.max(Math.trunc(value), 0), max);
}

function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, scope: Scope): number {
  const shared = new Set<string>();
  let total = 0;
  for (const { node, parent: on } of collectFields(walk, selectionSet, parent, [], new Set())) {
    const name = node.name.value;
    if (name.startsWith('__')) continue; // introspection and __typename: no upstream call
    const def = fieldDef(on, name);
    if (!def) continue;
    const coordinate = `${on.name}.${name}`;
    const rule = walk.costs[coordinate];
    if (rule?.shareKey) {
      if (shared.has(rule.shareKey)) continue;
      shared.add(rule.shareKey);
    }
    total += fieldCost(walk, node, def, coordinate, rule, on, scope);
    if (total >= CEILING) return CEILING;
  }
  return total;
}

function fieldCost(
  walk: Walk,
  node: FieldNode,
  def: GraphQLField<unknown, unknown>,
  coordinate: string,
  rule: FieldCost | undefined,
  on: GraphQLCompositeType,
  scope: Scope,
): number {
  const args = argumentsOf(walk, def, node);
  const named = getNamedType(def.type);
  const list = isListType(getNullableType(def.type));
  const { count, groups } = scope;

  if (isLeafType(named)) return count * resolve(rule?.calls, args, 0);
  const child = named as GraphQLCompositeType;
  const below = (s: Scope): number => (node.selectionSet ? selectionCost(walk, node.selectionSet, child, s) : 0);

  if (rule?.consumption) {
    const coverage = walk.options.coverage;
    const cycles = cyclesOf(args);
    // The store answers each cycle of a view complete for the view's scope and the live pull only the others
    // (src/resolvers/consumption-store.ts): a synced cycle costs nothing, an unsynced one its scope's calls.
    const complete = completeCyclesFor(coverage, walk.reseller);
    const months = cycles ? cycles.filter((c) => !complete?.has(c)).length : cycleMonths(args);
    if (months === 0) return below({ ...scope, owner: coordinate });
    if (rule.consumption === 'customer') return count * months + below({ ...scope, owner: coordinate });
    const { customers, listing } = scopePull(coverage, coordinate, walk.options.assumedCustomers, walk.reseller);
    return count * (months * customers + listing) + below({ ...scope, owner: coordinate });
  }

  if (isConnection(named)) {
    const first = clampCount(args['first'], walk.options.maxFirst);
    const last = clampCount(args['last'], walk.options.maxFirst);
    // A page holds no more items than the list has: the store's newest listing knows how many resellers there
    // are and how many customers each has, and what is nested under the page runs once per item.
    const known = rule?.knownSize ? knownSize(walk.options.coverage, rule.knownSize) : null;
    const asked = first ?? last ?? walk.options.defaultFirst;
    const items = known === null ? asked : Math.min(asked, known);
    const pageMax = rule?.pageMax ?? walk.options.defaultPageMax;
    const pages = Math.max(Math.ceil(Math.max(items, 1) / pageMax) - (rule?.freePages ?? 0), 0);
    // `last` without `before` first probes the list's total.
    const probe = last !== null && first === null && args['before'] == null ? 1 : 0;
    const own = count * (pages + probe) * resolve(rule?.calls, args, 1);
    return own + below({ count, groups, owner: coordinate, pageItems: items });
  }

  // Paging wrappers (edges, nodes, node, pageInfo) cost nothing; their lists hold the page's items.
  const defaultCalls = isPagingType(on) ? 0 : 1;
  const perInstance = resolve(rule?.calls, args, defaultCalls);
  let own: number;
  if (rule?.freeUnder?.includes(scope.owner) || onlySelects(walk, node, child, rule?.freeSelection)) own = 0;
  else if (rule?.batch) own = groups * Math.ceil(count / groups / rule.batch) * perInstance;
  else own = count * perInstance;

  if (!list) return own + below(scope);
  const size = isPagingType(on) ? scope.pageItems : resolve(rule?.listSize, args, walk.options.defaultListSize);
  const owner = isPagingType(on) ? scope.owner : coordinate;
  return own + below({ count: count * size, groups: count, owner, pageItems: 0 });
}

function onlySelects(walk: Walk, node: FieldNode, type: GraphQLCompositeType, allowed: readonly string[] | undefined): boolean {
  if (!allowed || !node.selectionSet) return false;
  return collectFields(walk, node.selectionSet, type, [], new Set()).every(({ node: f }) => f.name.value === '__typename' || allowed.includes(f.name.value));
}

/** The cycles a view names, oldest first; null when unreadable (refused later, before any call). */
function cyclesOf(args: Args): string[] | null {
  const from = args['fromCycle'] ?? args['cycle'];
  const to = args['toCycle'] ?? args['cycle'] ?? args['fromCycle'];
  if (typeof from !== 'string' || typeof to !== 'string' || cycleIndex(from) === null || cycleIndex(to) === null || from > to) return null;
  return cyclesBetween(from, to);
}

/**
 * The cycles a view answers from the store without a call: for a reseller key those complete for its own scope
 * (another scope's failed or pending customer is not in its views), else those complete for every scope.
 */
function completeCyclesFor(coverage: ConsumptionCoverage | undefined, reseller: string | null): ReadonlySet<string> | undefined {
  if (!coverage) return undefined;
  if (reseller === null || !coverage.completeCyclesByScope) return coverage.completeCycles;
  return coverage.completeCyclesByScope.get(reseller) ?? new Set();
}

/** Rows per page of the lists a scope-wide pull starts with (ListConsumeSubCustomers, ListSubCustomers). */
const LISTING_PAGE = 100;
const listingPages = (customers: number): number => Math.max(1, Math.ceil(customers / LISTING_PAGE));

/**
 * What a scope-wide view pulls per month (one record call per customer) and the calls that list who is in it,
 * from the store's newest listing (src/sync/listing.ts, the same lists the live pull makes): for `Partner` every
 * scope — the own consumers' pages, ListIndirectPartners, each reseller's customer pages; for `IndirectPartner`
 * the largest reseller (which one is not known before execution). A reseller key's view, whichever field asks,
 * is its own scope's pull: its customers and their pages. Without a listing: the assumed customers.
 */
function scopePull(
  coverage: ConsumptionCoverage | undefined, coordinate: string, assumed: number, reseller: string | null,
): { customers: number; listing: number } {
  if (!coverage || coverage.customersByScope.size === 0) return { customers: assumed, listing: Math.ceil(assumed / LISTING_PAGE) };
  if (reseller !== null) {
    // A reseller the newest listing did not name (new since, or its listing failed): the assumption, erring high.
    const customers = coverage.customersByScope.get(reseller) ?? assumed;
    return { customers, listing: listingPages(customers) };
  }
  const resellers = [...coverage.customersByScope.entries()].filter(([scope]) => scope !== null).map(([, n]) => n);
  if (coordinate.startsWith('IndirectPartner.')) {
    const largest = Math.max(0, ...resellers);
    return { customers: largest, listing: listingPages(largest) };
  }
  const own = coverage.customersByScope.get(null) ?? 0;
  return {
    customers: own + resellers.reduce((a, b) => a + b, 0),
    listing: listingPages(own) + 1 + resellers.reduce((n, c) => n + listingPages(c), 0),
  };
}

/**
 * How many items a list holds at most, from the store's newest listing; null when it does not know. The partner's
 * own customers are not here: the sync lists only those that consumed (ListConsumeSubCustomers), fewer than
 * `Partner.customers` returns, and a count too small would let a costly query through.
 */
function knownSize(coverage: ConsumptionCoverage | undefined, size: KnownSize): number | null {
  if (!coverage || coverage.customersByScope.size === 0) return null;
  const resellers = [...coverage.customersByScope.entries()].filter(([scope]) => scope !== null).map(([, n]) => n);
  if (resellers.length === 0) return null;
  return size === 'resellers' ? resellers.length : Math.max(...resellers);
}

/** Months a consumption view covers: `cycle`, or `fromCycle`..`toCycle` inclusive; 1 when unreadable. */
export function cycleMonths(args: Args): number {
  const from = cycleIndex(args['fromCycle'] ?? args['cycle']);
  const to = cycleIndex(args['toCycle'] ?? args['cycle'] ?? args['fromCycle']);
  if (from === null || to === null || to < from) return 1;
  return to - from + 1;
}

/** The cycle's month index (src/resolvers/billing-cycles.ts); null for anything not `YYYY-MM` (refused later). */
function cycleIndex(value: unknown): number | null {
  return typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) ? monthIndex(value) : null;
}

/**
 * Consumption views answered from the state store (src/store/, filled by the background sync), cycle by cycle:
 * each cycle of a view that is completely synced for its scope (for one customer's view: that customer's unit of
 * the cycle, src/store/sync-progress.ts `customerCycleCompletion`) reads the rollups for its sums and breakdowns and
 * pages its records by keyset, with no upstream call at all; each other cycle is a live pull of that cycle alone
 * (consumption.ts). A view's plan says which cycle is which (`source`: STORE, LIVE or MIXED, and `cycles`), so a
 * sum over both is never mistaken for one source's answer. A view filtered on what the rollups do not carry
 * (resource, trade id, bill dates), or with no store, is live in every cycle.
 *
 * The caller's scope is part of every statement (`ConsumptionSelection.scope`), so a reseller's view reads its
 * own customers' rows only, whatever it asks.
 */
import DataLoader from 'dataloader';
import type { GraphQLContext } from '../context.js';
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';
import { encodeConsumptionRecordKey } from '../sources/consumption-records.js';
import {
  customerCycleCompletion, cycleCompletion, decodeRecordCursor, encodeRecordCursor, pageConsumptionRecords, readConsumptionSummary,
  type BreakdownDimension, type ConsumptionSelection, type Store, type StoreGroup, type StoreSums,
} from '../store/index.js';
import { checkCounts, type ConnectionArgs, type OffsetConnection } from './connection.js';
import type { ConsumptionDimension, ConsumptionGroupShape } from './consumption-cells.js';
import type { ConsumptionViewShape } from './consumption-view.js';
import { badInput } from './input.js';

type StoreContext = Pick<GraphQLContext, 'store' | 'loaders' | 'limits'>;

/** A contiguous run of a view's cycles the store answers: its selection, and the batch of summary parts its fields ask for. */
export interface StoreView {
  readonly store: Store;
  readonly selection: ConsumptionSelection;
  /** When the run's data was synced: the oldest of its cycles' completion times. */
  readonly syncedAt: Date | null;
  /** Totals and breakdowns asked by the view's fields in one tick: one statement (GROUPING SETS). */
  readonly summary: DataLoader<SummaryPart, StoreSums | StoreGroup[]>;
}

type SummaryPart = 'total' | BreakdownDimension;

/** Where one cycle of a view is answered from, and (from the store) when it was synced. */
export interface CycleSourceShape {
  readonly cycle: string;
  readonly source: 'STORE' | 'LIVE';
  readonly syncedAt: Date | null;
}

/**
 * How a view is answered, cycle by cycle: the runs of consecutive synced cycles the store answers (one store
 * view each, oldest first), and the view narrowed to its other cycles, pulled live (null when the store answers
 * every cycle). `stored` is empty when the view is wholly live.
 */
export interface ViewPlan {
  readonly cycles: readonly CycleSourceShape[];
  readonly stored: readonly StoreView[];
  readonly live: ConsumptionViewShape | null;
}

const plans = new WeakMap<ConsumptionViewShape, Promise<ViewPlan>>();

/** The store selection of a view over `fromCycle..toCycle`, or null when it filters on what the rollups do not carry. */
function selectionOf(view: ConsumptionViewShape, fromCycle: string, toCycle: string): ConsumptionSelection | null {
  if (view.kind === 'partner') return { scope: view.scope, fromCycle, toCycle };
  const q = view.query;
  if (q.resourceId || q.resourceName || q.tradeId || q.billDateBegin || q.billDateEnd) return null;
  return {
    scope: q.indirectPartnerId ?? null,
    customerIds: [q.customerId],
    fromCycle,
    toCycle,
    serviceTypeCode: q.serviceTypeCode ?? null,
    regionCode: q.regionCode ?? null,
    chargeMode: q.chargeMode ?? null,
    billType: q.billType ?? null,
  };
}

/** The plan of a consumption view (which cycles the store answers). Memoised per view: every field shares it. */
export function viewPlanOf(ctx: StoreContext, view: ConsumptionViewShape): Promise<ViewPlan> {
  let found = plans.get(view);
  if (!found) {
    found = resolvePlan(ctx, view);
    plans.set(view, found);
  }
  return found;
}

function livePlan(view: ConsumptionViewShape): ViewPlan {
  return { cycles: view.cycles.map((cycle) => ({ cycle, source: 'LIVE', syncedAt: null })), stored: [], live: view };
}

async function resolvePlan(ctx: StoreContext, view: ConsumptionViewShape): Promise<ViewPlan> {
  const store = ctx.store;
  const whole = store ? selectionOf(view, view.cycles[0]!, view.cycles[view.cycles.length - 1]!) : null;
  if (!store || !whole) return livePlan(view);
  // A customer's view needs only that customer's unit of each cycle synced; a scope-wide view, every unit of
  // its scope. A store that cannot be read answers nothing: the view is a live pull, as without a store.
  const completion = await (view.kind === 'customer'
    ? customerCycleCompletion(store, { indirectPartnerId: view.query.indirectPartnerId ?? null, customerId: view.query.customerId }, view.cycles)
    : cycleCompletion(store, whole.scope, view.cycles)
  ).catch(() => null);
  if (!completion) return livePlan(view);
  const cycles: CycleSourceShape[] = view.cycles.map((cycle) => {
    const syncedAt = completion.get(cycle) ?? null;
    return { cycle, source: syncedAt ? 'STORE' : 'LIVE', syncedAt };
  });
  // Consecutive synced cycles read as one selection (the store's selections are contiguous ranges).
  const runs: CycleSourceShape[][] = [];
  let previous: CycleSourceShape | null = null;
  for (const c of cycles) {
    if (c.source === 'STORE') {
      if (previous?.source === 'STORE') runs[runs.length - 1]!.push(c);
      else runs.push([c]);
    }
    previous = c;
  }
  const stored = runs.map((run) => storeViewOver(store, selectionOf(view, run[0]!.cycle, run[run.length - 1]!.cycle)!, run));
  const liveCycles = cycles.filter((c) => c.source === 'LIVE').map((c) => c.cycle);
  const live = liveCycles.length === 0 ? null : liveCycles.length === view.cycles.length ? view : { ...view, cycles: liveCycles };
  return { cycles, stored, live };
}

function storeViewOver(store: Store, selection: ConsumptionSelection, run: readonly CycleSourceShape[]): StoreView {
  const syncedAt = run.reduce<Date | null>((oldest, c) => (!oldest || (c.syncedAt && c.syncedAt < oldest) ? c.syncedAt : oldest), null);
  const summary = new DataLoader<SummaryPart, StoreSums | StoreGroup[]>(async (parts) => {
    const result = await readConsumptionSummary(store, selection, parts.filter((p): p is BreakdownDimension => p !== 'total'));
    return parts.map((p) => (p === 'total' ? result.totals : (result.breakdowns[p] ?? [])));
  });
  return { store, selection, syncedAt, summary };
}

/** The store view of a consumption view whose every cycle the store answers, else null. */
export async function storeViewOf(ctx: StoreContext, view: ConsumptionViewShape): Promise<StoreView | null> {
  const plan = await viewPlanOf(ctx, view);
  return plan.live === null && plan.stored.length === 1 ? plan.stored[0]! : null;
}

export async function storeSums(sv: StoreView): Promise<StoreSums> {
  return (await sv.summary.load('total')) as StoreSums;
}

/** A breakdown row in the shape the live fold gives (its key in the same text form, so both sort alike). */
function toGroup(dimension: ConsumptionDimension | 'cycle', g: StoreGroup): ConsumptionGroupShape {
  const key =
    dimension === 'customer' ? JSON.stringify([g.indirectPartnerId ?? '', String(g.key)]) : g.key === null ? '' : String(g.key);
  return {
    key,
    sample: {
      serviceTypeName: dimension === 'serviceType' ? g.name : null,
      resourceTypeName: dimension === 'resourceType' ? g.name : null,
      regionName: dimension === 'region' ? g.name : null,
      chargeModeCode: dimension === 'chargeMode' && typeof g.key === 'number' ? g.key : null,
      customerId: dimension === 'customer' ? String(g.key) : '',
      indirectPartnerId: dimension === 'customer' ? g.indirectPartnerId : null,
    },
    amount: g.amount,
    officialAmount: g.officialAmount,
    discountAmount: g.discountAmount,
    recordCount: g.recordCount,
  };
}

export async function storeBreakdown(sv: StoreView, dimension: ConsumptionDimension | 'cycle'): Promise<ConsumptionGroupShape[]> {
  const groups = (await sv.summary.load(dimension)) as StoreGroup[];
  return groups.map((g) => toGroup(dimension, g));
}

function cursorArg(text: string | null | undefined, argument: 'after' | 'before') {
  if (!text) return null;
  const cursor = decodeRecordCursor(text);
  if (!cursor) throw badInput(`"${argument}" is not a cursor of this connection; pass an edge's cursor or pageInfo.endCursor as it was returned`, argument);
  return cursor;
}

/**
 * The records connection on keyset cursors: a page reads its own rows through the records' primary key, and
 * `totalCount` comes from the rollups, so neither costs a walk (nor an upstream call).
 */
export async function storeRecordsConnection(ctx: StoreContext, sv: StoreView, args: ConnectionArgs): Promise<OffsetConnection<ConsumptionRecordShape>> {
  const { first, last } = checkCounts(args, ctx.limits.maxFirst);
  const after = cursorArg(args.after, 'after');
  const before = cursorArg(args.before, 'before');
  // Keyset pages run one way from one cursor: forward from `after`, backward from `before`.
  if (last === null && before) throw badInput('page forward with "first" and "after", or backward with "last" and "before"', 'before');
  if (last !== null && after) throw badInput('page forward with "first" and "after", or backward with "last" and "before"', 'after');
  const page = await pageConsumptionRecords(
    sv.store,
    sv.selection,
    last !== null ? { last, before } : { first: first ?? ctx.limits.defaultFirst, after },
  );
  const edges = page.edges.map(({ cursor, record }) => {
    ctx.loaders.consumptionRecord.prime(encodeConsumptionRecordKey(record), record);
    const node: ConsumptionRecordShape = record;
    return { cursor: encodeRecordCursor(cursor), node };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

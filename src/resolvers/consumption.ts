/**
 * Consumption views: `consumption(cycle | fromCycle,toCycle)` on Customer, IndirectPartner and Partner — which
 * records a view covers, their exact sums and breakdowns, and the records connection. Records come through
 * the request's loaders from src/sources/consumption-records.ts (ListSubCustomerBillDetail §4.2) or, for a
 * partner-wide view, from a live pull (src/sources/live-pull.ts).
 *
 * `Customer.consumption(cycle)` is a view with `total`, `byServiceType` and `records`. The sums need every
 * record of the cycle; the records connection needs one window. Both go through one request-scoped loader
 * (src/loaders/bill-loaders.ts `consumption`), keyed by customer + scope + cycle + filters, so that:
 * - `total` / `byServiceType` alone walk the cycle once at 1000 per page: ceil(N / 1000) calls (one when N = 0);
 * - `records(first, after)` alone costs one call per ≤ 1000 rows of its window;
 * - asked together in one request they share the walk: still ceil(N / 1000) calls, the window is a slice.
 */
import { sumDecimals } from '../bss/money.js';
import type { GraphQLContext } from '../context.js';
import {
  CONSUMPTION_PAGE_MAX, consumptionAllKey, consumptionPullKey, consumptionWindowKey, encodeConsumptionRecordKey,
  type ConsumptionQuery, type ConsumptionRecordShape,
} from '../sources/consumption-records.js';
import type { LivePull } from '../sources/live-pull.js';
import { cyclesBetween } from '../sources/billing-cycles.js';
import type { ConsumptionViewShape } from './consumption-view.js';
import {
  arrayConnection, liveConnection, offsetConnection,
  type ConnectionArgs, type LiveConnection, type OffsetConnection,
} from './connection.js';
import {
  CellAccumulator, DIMENSIONS, addSums, cellsOf, mergeGroups, rollUp, sumCells,
  type Cell, type ConsumptionDimension, type ConsumptionGroupShape, type ConsumptionSums,
} from './consumption-cells.js';
import { badInput, checkCycle } from './input.js';
import { storeBreakdown, storeRecordsConnection, storeSums, viewPlanOf, type CycleSourceShape } from './consumption-store.js';
import { mixedRecordsConnection, type MixedConnection } from './consumption-mixed-records.js';

export type { ConsumptionDimension, ConsumptionGroupShape, ConsumptionSums } from './consumption-cells.js';
export type { ConsumptionViewShape } from './consumption-view.js';
export type { CycleSourceShape } from './consumption-store.js';

// ---------------------------------------------------------------------------------------------------------
// The view

type ViewContext = Pick<GraphQLContext, 'loaders' | 'store' | 'limits'>;

export interface CycleArgs {
  readonly cycle?: string | null | undefined;
  readonly fromCycle?: string | null | undefined;
  readonly toCycle?: string | null | undefined;
}

/**
 * The cycles a view covers, oldest first: `cycle`, or `fromCycle`..`toCycle` inclusive. Refused with
 * BAD_USER_INPUT naming the argument: both forms or neither, half a range, from after to, or a cycle outside
 * the 18 Huawei keeps up to `openCycle` (the current one, UTC+8): `checkCycle`, the one rule of every cycle
 * argument. A range inside those 18 cycles spans at most 18.
 */
export function consumptionCycles(args: CycleArgs, openCycle: string): string[] {
  const { cycle, fromCycle, toCycle } = args;
  const ranged = Boolean(fromCycle) || Boolean(toCycle);
  if (cycle && ranged) throw badInput('pass either "cycle" or "fromCycle" and "toCycle", not both', 'cycle');
  if (!cycle && !ranged) throw badInput('pass "cycle", or "fromCycle" and "toCycle" for a range', 'cycle');
  if (cycle) return [checkCycle(cycle, openCycle, 'cycle')];
  if (!fromCycle) throw badInput('"fromCycle" is required with "toCycle"', 'fromCycle');
  if (!toCycle) throw badInput('"toCycle" is required with "fromCycle"', 'toCycle');
  if (fromCycle > toCycle) throw badInput('"fromCycle" must not be later than "toCycle"', 'fromCycle');
  checkCycle(toCycle, openCycle, 'toCycle');
  checkCycle(fromCycle, openCycle, 'fromCycle');
  return cyclesBetween(fromCycle, toCycle);
}

export async function allRecords(ctx: ViewContext, q: ConsumptionQuery): Promise<readonly ConsumptionRecordShape[]> {
  const result = await ctx.loaders.consumption.load(consumptionAllKey(q));
  return result.items;
}

/** Every record of the view, in a stable order: cycle by cycle (a partner view: customer by customer first). */
export async function viewRecords(ctx: ViewContext, view: ConsumptionViewShape): Promise<readonly ConsumptionRecordShape[]> {
  if (view.kind === 'partner') return (await (await ctx.loaders.consumptionPull.load(consumptionPullKey(view.scope, view.cycles))).done).records;
  const perCycle = await Promise.all(view.cycles.map((cycle) => allRecords(ctx, { ...view.query, cycle })));
  return perCycle.length === 1 ? perCycle[0]! : perCycle.flat();
}

export function sumsOf(records: readonly ConsumptionRecordShape[]): ConsumptionSums {
  return {
    amount: sumDecimals(records.map((r) => r.paymentAmount)),
    officialAmount: sumDecimals(records.map((r) => r.officialAmount)),
    discountAmount: sumDecimals(records.map((r) => r.discountAmount)),
    recordCount: records.length,
  };
}

const liveCells = new WeakMap<LivePull, Promise<readonly Cell[]>>();

/**
 * The view's cells (src/resolvers/consumption-cells.ts). A partner-wide view folds its pull as the pages land,
 * once per pull however many fields ask, so its sums are ready right after the last page.
 */
async function viewCells(ctx: ViewContext, view: ConsumptionViewShape): Promise<readonly Cell[]> {
  if (view.kind !== 'partner') return cellsOf(await viewRecords(ctx, view));
  const live = await ctx.loaders.consumptionPull.load(consumptionPullKey(view.scope, view.cycles));
  let cells = liveCells.get(live);
  if (!cells) {
    const fold = new CellAccumulator();
    live.onRecords((records) => fold.add(records));
    liveCells.set(live, (cells = live.done.then(() => fold.cells())));
  }
  return cells;
}

/**
 * Sums and breakdowns add the view's parts: each run of synced cycles from the store, the other cycles from their
 * live pull (src/resolvers/consumption-store.ts `viewPlanOf`). Decimal addition is exact, so a mixed answer equals
 * an all-live one to the last digit.
 */
export async function consumptionSums(ctx: ViewContext, view: ConsumptionViewShape): Promise<ConsumptionSums> {
  const plan = await viewPlanOf(ctx, view);
  if (!plan.live && plan.stored.length === 1) return storeSums(plan.stored[0]!);
  const parts: Promise<ConsumptionSums>[] = plan.stored.map((sv) => storeSums(sv));
  if (plan.live) parts.push(viewCells(ctx, plan.live).then(sumCells));
  return addSums(await Promise.all(parts));
}

/** The view narrowed to the cycles the store does not answer (null: none), for what only a live pull gives. */
export async function liveViewOf(ctx: ViewContext, view: ConsumptionViewShape): Promise<ConsumptionViewShape | null> {
  return (await viewPlanOf(ctx, view)).live;
}

export interface ConsumptionSourceShape {
  /** STORE: every cycle from the store; LIVE: none; MIXED: some of each (`cycles` says which). */
  readonly source: 'STORE' | 'LIVE' | 'MIXED';
  /** The oldest completion of the cycles answered from the store; null when none is. */
  readonly syncedAt: Date | null;
  readonly cycles: readonly CycleSourceShape[];
}

/** Where a view's answers come from, as a whole and per cycle (src/resolvers/consumption-store.ts). */
export async function consumptionSource(ctx: ViewContext, view: ConsumptionViewShape): Promise<ConsumptionSourceShape> {
  const plan = await viewPlanOf(ctx, view);
  const source = !plan.live ? 'STORE' : plan.stored.length === 0 ? 'LIVE' : 'MIXED';
  const syncedAt = plan.stored.reduce<Date | null>((oldest, sv) => (!oldest || (sv.syncedAt && sv.syncedAt < oldest) ? sv.syncedAt : oldest), null);
  return { source, syncedAt, cycles: plan.cycles };
}

async function groupsBy(ctx: ViewContext, view: ConsumptionViewShape, dimension: ConsumptionDimension | 'cycle'): Promise<ConsumptionGroupShape[]> {
  const plan = await viewPlanOf(ctx, view);
  const order = dimension === 'cycle' ? undefined : DIMENSIONS[dimension].order;
  const parts: Promise<ConsumptionGroupShape[]>[] = plan.stored.map((sv) => storeBreakdown(sv, dimension));
  if (plan.live) parts.push(viewCells(ctx, plan.live).then((cells) => rollUp(cells, dimension, order)));
  return mergeGroups(await Promise.all(parts), order);
}

export async function consumptionBreakdown(ctx: ViewContext, view: ConsumptionViewShape, dimension: ConsumptionDimension): Promise<ConsumptionGroupShape[]> {
  return groupsBy(ctx, view, dimension);
}

export interface CycleConsumptionShape extends ConsumptionSums {
  readonly cycle: string;
}

/** Exact sums per cycle of the view, every cycle of the range present (zero when it has no records), oldest first. */
export async function consumptionByCycle(ctx: ViewContext, view: ConsumptionViewShape): Promise<CycleConsumptionShape[]> {
  const rows = await groupsBy(ctx, view, 'cycle');
  const groups = new Map(rows.map((g) => [g.key, g]));
  return view.cycles.map((cycle) => {
    const g = groups.get(cycle);
    return g ? { cycle, amount: g.amount, officialAmount: g.officialAmount, discountAmount: g.discountAmount, recordCount: g.recordCount } : { cycle, ...sumsOf([]) };
  });
}

/** One cycle's records of a view's live part, in view order (a partner-wide pull's records of that cycle). */
async function liveCycleRecords(ctx: ViewContext, live: ConsumptionViewShape, cycle: string): Promise<readonly ConsumptionRecordShape[]> {
  if (live.kind === 'customer') return allRecords(ctx, { ...live.query, cycle });
  const pull = await ctx.loaders.consumptionPull.load(consumptionPullKey(live.scope, live.cycles));
  let byCycle = pulledByCycle.get(pull);
  if (!byCycle) {
    byCycle = pull.done.then((p) => {
      const split = new Map<string, ConsumptionRecordShape[]>();
      for (const r of p.records) {
        const list = split.get(r.cycle);
        if (list) list.push(r);
        else split.set(r.cycle, [r]);
      }
      return split;
    });
    pulledByCycle.set(pull, byCycle);
  }
  return (await byCycle).get(cycle) ?? [];
}

const pulledByCycle = new WeakMap<LivePull, Promise<Map<string, ConsumptionRecordShape[]>>>();

/**
 * `records(first, after, …)`. A single customer's single cycle windows through the shared loader (one call
 * per ≤ 1000 rows alone, a slice of the walk when sums are asked too); a range pages over the view's records
 * in their stable order; a partner-wide view streams its window from the live pull (`edges`/`nodes` are
 * async iterables, completed by the executor record by record, or sent incrementally under `@stream`).
 */
export async function consumptionRecordsConnection(
  ctx: GraphQLContext, view: ConsumptionViewShape, args: ConnectionArgs,
): Promise<OffsetConnection<ConsumptionRecordShape> | LiveConnection<ConsumptionRecordShape> | MixedConnection<ConsumptionRecordShape>> {
  const plan = await viewPlanOf(ctx, view);
  if (!plan.live && plan.stored.length === 1) return storeRecordsConnection(ctx, plan.stored[0]!, args);
  if (plan.stored.length > 0) {
    // Cycle by cycle across the store/live boundary: a cursor names its cycle and a keyset or an offset in it.
    const live = plan.live;
    return mixedRecordsConnection(ctx, plan, args, (cycle) => (live ? liveCycleRecords(ctx, live, cycle) : Promise.resolve([])));
  }
  if (view.kind === 'customer' && view.cycles.length === 1) {
    const q = { ...view.query, cycle: view.cycles[0]! };
    return offsetConnection(
      args,
      async (offset, limit) => {
        const page = await ctx.loaders.consumption.load(consumptionWindowKey(q, offset, limit));
        for (const r of page.items) ctx.loaders.consumptionRecord.prime(encodeConsumptionRecordKey(r), r);
        return page;
      },
      { ...ctx.limits, pageMax: CONSUMPTION_PAGE_MAX },
    );
  }
  if (view.kind === 'partner') {
    // Streamed: each record is executed as its page lands, while the pull goes on (see live-pull.ts).
    const live = await ctx.loaders.consumptionPull.load(consumptionPullKey(view.scope, view.cycles));
    return liveConnection(args, { iterate: (start, end) => live.iterate(start, end), all: () => live.done.then((p) => p.records) }, ctx.limits);
  }
  const records = await viewRecords(ctx, view);
  const connection = await arrayConnection(args, records, ctx.limits);
  for (const { node } of connection.edges) ctx.loaders.consumptionRecord.prime(encodeConsumptionRecordKey(node), node);
  return connection;
}


/**
 * Consumption views answered from the state store (src/store/, filled by the background sync): a view whose
 * every cycle is completely synced for its scope reads the rollups for its sums and breakdowns and pages its
 * records by keyset, with no upstream call at all. Any other view — a cycle not synced yet, a filter the
 * rollups do not carry (resource, trade id, bill dates), no store — is a live pull (consumption.ts), and says so
 * in `source`.
 *
 * The whole view takes one source: sums mixed from two sources could not be told apart from a wrong answer.
 * The caller's scope is part of every statement (`ConsumptionSelection.scope`), so a reseller's view reads
 * its own customers' rows only, whatever it asks.
 */
import DataLoader from 'dataloader';
import type { GraphQLContext } from '../context.js';
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';
import { encodeConsumptionRecordKey } from '../sources/consumption-records.js';
import {
  completeSince, decodeRecordCursor, encodeRecordCursor, pageConsumptionRecords, readConsumptionSummary,
  type BreakdownDimension, type ConsumptionSelection, type Store, type StoreGroup, type StoreSums,
} from '../store/index.js';
import { checkCounts, type ConnectionArgs, type OffsetConnection } from './connection.js';
import type { ConsumptionDimension, ConsumptionGroupShape } from './consumption-cells.js';
import type { ConsumptionViewShape } from './consumption-view.js';
import { badInput } from './input.js';

type StoreContext = Pick<GraphQLContext, 'store' | 'loaders' | 'limits'>;

/** A view the store answers: its selection, and the batch of summary parts its fields ask for. */
export interface StoreView {
  readonly store: Store;
  readonly selection: ConsumptionSelection;
  /** When the view's data was synced: the oldest of its cycles' completion times. */
  readonly syncedAt: Date | null;
  /** Totals and breakdowns asked by the view's fields in one tick: one statement (GROUPING SETS). */
  readonly summary: DataLoader<SummaryPart, StoreSums | StoreGroup[]>;
}

type SummaryPart = 'total' | BreakdownDimension;

const storeViews = new WeakMap<ConsumptionViewShape, Promise<StoreView | null>>();

/** The store selection of a view, or null when it filters on what the rollups do not carry. */
function selectionOf(view: ConsumptionViewShape): ConsumptionSelection | null {
  const fromCycle = view.cycles[0]!;
  const toCycle = view.cycles[view.cycles.length - 1]!;
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

/** The store view of a consumption view, or null when the view must be pulled live. Memoised per view. */
export function storeViewOf(ctx: StoreContext, view: ConsumptionViewShape): Promise<StoreView | null> {
  let found = storeViews.get(view);
  if (!found) {
    found = resolveStoreView(ctx, view);
    storeViews.set(view, found);
  }
  return found;
}

async function resolveStoreView(ctx: StoreContext, view: ConsumptionViewShape): Promise<StoreView | null> {
  const store = ctx.store;
  const selection = store ? selectionOf(view) : null;
  if (!store || !selection) return null;
  // A store that cannot be read answers nothing: the view is a live pull, as without a store.
  const syncedAt = await completeSince(store, selection.scope, view.cycles).catch(() => null);
  if (!syncedAt) return null;
  const summary = new DataLoader<SummaryPart, StoreSums | StoreGroup[]>(async (parts) => {
    const result = await readConsumptionSummary(store, selection, parts.filter((p): p is BreakdownDimension => p !== 'total'));
    return parts.map((p) => (p === 'total' ? result.totals : (result.breakdowns[p] ?? [])));
  });
  return { store, selection, syncedAt, summary };
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

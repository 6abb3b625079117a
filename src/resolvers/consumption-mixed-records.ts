/**
 * The records connection of a view answered partly from the store and partly live (consumption-store.ts
 * `ViewPlan`): pages run cycle by cycle, oldest first, and may cross from a stored cycle into a live one and back.
 * A cursor names its cycle and its place in it the way that cycle is read: a stored cycle's cursor is the store's
 * keyset cursor (src/store/record-pages.ts, the same one a wholly stored view gives), a live cycle's names the
 * offset in that cycle's records in view order. So a cursor stays valid across the boundary, and a stored
 * cursor stays valid once the rest of the range is synced too.
 *
 * A cursor whose cycle has changed source since it was issued (its cycle synced meanwhile) cannot be placed: it
 * is refused with BAD_USER_INPUT, and the client starts again from the first page.
 */
import type { GraphQLContext } from '../context.js';
import { encodeConsumptionRecordKey, type ConsumptionRecordShape } from '../sources/consumption-records.js';
import { decodeRecordCursor, encodeRecordCursor, pageConsumptionRecords, type RecordCursor } from '../store/index.js';
import { checkCounts, type ConnectionArgs, type Edge, type OffsetConnection } from './connection.js';
import { storeSums, type ViewPlan } from './consumption-store.js';
import { badInput } from './input.js';

type MixedContext = Pick<GraphQLContext, 'loaders' | 'limits'>;

/** A page whose `totalCount` is read only when asked: it needs the live cycles' whole pull. */
export interface MixedConnection<T> {
  readonly edges: Edge<T>[];
  readonly pageInfo: OffsetConnection<T>['pageInfo'];
  readonly totalCount: Promise<number>;
}

/** A place in one cycle: the store's keyset (a stored cycle) or an offset into its records (a live cycle). */
type Place =
  | { readonly source: 'STORE'; readonly cycle: string; readonly keyset: RecordCursor }
  | { readonly source: 'LIVE'; readonly cycle: string; readonly offset: number };

const LIVE_TAG = 'live';

function encodePlace(place: Place): string {
  if (place.source === 'STORE') return encodeRecordCursor(place.keyset);
  return Buffer.from(JSON.stringify([LIVE_TAG, place.cycle, place.offset])).toString('base64url');
}

function decodeLivePlace(text: string): Place | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 3 || parts[0] !== LIVE_TAG) return null;
    const [, cycle, offset] = parts as unknown[];
    if (typeof cycle !== 'string' || !/^\d{4}-\d{2}$/.test(cycle) || !Number.isSafeInteger(offset) || (offset as number) < 0) return null;
    return { source: 'LIVE', cycle, offset: offset as number };
  } catch {
    return null;
  }
}

/** The place a client's cursor names in this view, refused (BAD_USER_INPUT, naming the argument) when it names none. */
function placeArg(plan: ViewPlan, text: string | null | undefined, argument: 'after' | 'before'): Place | null {
  if (!text) return null;
  const keyset = decodeRecordCursor(text);
  const place: Place | null = keyset ? { source: 'STORE', cycle: keyset.cycle, keyset } : decodeLivePlace(text);
  if (!place) throw badInput(`"${argument}" is not a cursor of this connection; pass an edge's cursor or pageInfo.endCursor as it was returned`, argument);
  const cycle = plan.cycles.find((c) => c.cycle === place.cycle);
  if (!cycle) throw badInput(`"${argument}" names cycle ${place.cycle}, outside this view's range`, argument);
  if (cycle.source !== place.source) {
    throw badInput(
      `"${argument}" was issued while cycle ${place.cycle} was answered ${place.source === 'STORE' ? 'from the store' : 'live'}; it is now ` +
      `${cycle.source === 'STORE' ? 'synced' : 'live'}, so the cursor cannot be placed: start again from the first page`,
      argument,
    );
  }
  return place;
}

type Direction = 'forward' | 'backward';

/**
 * Up to `limit` records of one cycle from `from` (exclusive; null: the cycle's start, or its end going
 * backward), in the walk's direction (backward: newest first).
 */
async function readCycle(
  plan: ViewPlan, liveRecords: (cycle: string) => Promise<readonly ConsumptionRecordShape[]>,
  cycle: string, direction: Direction, from: Place | null, limit: number,
): Promise<Edge<ConsumptionRecordShape>[]> {
  const source = plan.cycles.find((c) => c.cycle === cycle)!.source;
  if (source === 'STORE') {
    const sv = plan.stored.find((s) => s.selection.fromCycle <= cycle && cycle <= s.selection.toCycle)!;
    const keyset = from?.source === 'STORE' ? from.keyset : null;
    const page = await pageConsumptionRecords(
      sv.store, { ...sv.selection, fromCycle: cycle, toCycle: cycle },
      direction === 'forward' ? { first: limit, after: keyset } : { last: limit, before: keyset },
    );
    const edges = page.edges.map(({ cursor, record }) => ({ cursor: encodePlace({ source: 'STORE', cycle, keyset: cursor }), node: record as ConsumptionRecordShape }));
    return direction === 'forward' ? edges : edges.reverse();
  }
  const records = await liveRecords(cycle);
  const offset = from?.source === 'LIVE' ? from.offset : null;
  const edge = (i: number): Edge<ConsumptionRecordShape> => ({ cursor: encodePlace({ source: 'LIVE', cycle, offset: i }), node: records[i]! });
  const edges: Edge<ConsumptionRecordShape>[] = [];
  if (direction === 'forward') {
    for (let i = offset === null ? 0 : offset + 1; i < records.length && edges.length < limit; i++) edges.push(edge(i));
  } else {
    for (let i = (offset ?? records.length) - 1; i >= 0 && edges.length < limit; i--) edges.push(edge(i));
  }
  return edges;
}

/**
 * A forward (`first`/`after`) or backward (`last`/`before`) page over the view's cycles. It reads one record past
 * the page to tell whether there is a next one (going forward) or a previous one (going backward); the other side
 * is known from the cursor itself: the record it names precedes (or follows) the page.
 */
export async function mixedRecordsConnection(
  ctx: MixedContext, plan: ViewPlan, args: ConnectionArgs, liveRecords: (cycle: string) => Promise<readonly ConsumptionRecordShape[]>,
): Promise<MixedConnection<ConsumptionRecordShape>> {
  const { first, last } = checkCounts(args, ctx.limits.maxFirst);
  const after = placeArg(plan, args.after, 'after');
  const before = placeArg(plan, args.before, 'before');
  // As a wholly stored view pages: one way from one cursor.
  if (last === null && before) throw badInput('page forward with "first" and "after", or backward with "last" and "before"', 'before');
  if (last !== null && after) throw badInput('page forward with "first" and "after", or backward with "last" and "before"', 'after');
  const direction: Direction = last !== null ? 'backward' : 'forward';
  const size = last ?? first ?? ctx.limits.defaultFirst;
  const from = direction === 'forward' ? after : before;
  const cycles = plan.cycles.map((c) => c.cycle);
  if (direction === 'backward') cycles.reverse();
  const start = from ? cycles.indexOf(from.cycle) : 0;
  const found: Edge<ConsumptionRecordShape>[] = [];
  for (let i = start; i < cycles.length && found.length <= size; i++) {
    const cycle = cycles[i]!;
    found.push(...(await readCycle(plan, liveRecords, cycle, direction, from?.cycle === cycle ? from : null, size + 1 - found.length)));
  }
  const more = found.length > size;
  const edges = found.slice(0, size);
  if (direction === 'backward') edges.reverse();
  for (const { node } of edges) ctx.loaders.consumptionRecord.prime(encodeConsumptionRecordKey(node), node);
  let total: Promise<number> | null = null;
  return {
    edges,
    pageInfo: {
      hasNextPage: direction === 'forward' ? more : before !== null,
      hasPreviousPage: direction === 'forward' ? after !== null : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // Read only when asked: the stored runs' counts come from the rollups, the live cycles' from their pull.
    get totalCount(): Promise<number> {
      total ??= Promise.all([
        ...plan.stored.map(async (sv) => (await storeSums(sv)).recordCount),
        ...plan.cycles.filter((c) => c.source === 'LIVE').map(async (c) => (await liveRecords(c.cycle)).length),
      ]).then((counts) => counts.reduce((a, b) => a + b, 0));
      return total;
    },
  };
}

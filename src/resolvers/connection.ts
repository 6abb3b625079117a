/**
 * Relay connections over Huawei's offset/limit paging. A cursor is the row offset of its edge (opaque,
 * base64url), so `after` maps straight onto the upstream `offset`. A `first` larger than the endpoint's
 * page maximum is served by walking upstream pages; `first` beyond the configured maximum is refused
 * with a clear error instead of flooding the upstream. Plain functions: no GraphQL in here.
 */
import { badInput } from './input.js';
import type { FetchPage, Page } from '../sources/list-endpoint.js';

export interface ConnectionArgs {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly last?: number | null | undefined;
  readonly before?: string | null | undefined;
}


export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface OffsetConnection<T> {
  readonly edges: Edge<T>[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: number | null;
}

export interface ConnectionLimits {
  /** Largest `limit` the endpoint accepts. */
  readonly pageMax: number;
  /** Edges when neither first nor last is given. */
  readonly defaultFirst: number;
  /** Largest first/last a client may ask for (configured; protects the upstream quota). */
  readonly maxFirst: number;
}

const PREFIX = 'offset:';

export function offsetToCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

export function cursorToOffset(cursor: string, argument: 'after' | 'before'): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(cursor) || !Number.isSafeInteger(offset) || offset < 0 || String(offset) !== text.slice(PREFIX.length)) {
    throw badInput(`"${argument}" is not a cursor of this connection; pass an edge's cursor or pageInfo.endCursor as it was returned`, argument);
  }
  return offset;
}

function checkCount(value: number | null | undefined, argument: 'first' | 'last', max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) throw badInput(`"${argument}" must be a whole number of at least 0 (got ${value})`, argument);
  if (value > max) throw badInput(`"${argument}" may be at most ${max} (got ${value}); page with "after" for more`, argument);
  return value;
}

/** Reads rows [offset, offset + count) by walking upstream pages, stopping early at the end of the list. */
async function readWindow<T>(fetchPage: FetchPage<T>, offset: number, count: number, pageMax: number): Promise<Page<T>> {
  const items: T[] = [];
  let total: number | null = null;
  let at = offset;
  // A zero-size window still needs the total, and the upstream wants limit >= 1.
  let remaining = Math.max(count, 1);
  for (;;) {
    const limit = Math.min(remaining, pageMax);
    const page = await fetchPage(at, limit);
    total = page.total;
    // Not push(...items): a page of ~100k+ rows (a whole month sliced in memory) overflows the call stack.
    for (const item of page.items) items.push(item);
    at += page.items.length;
    remaining -= page.items.length;
    if (remaining <= 0 || page.items.length < limit || (total !== null && at >= total)) break;
  }
  return { items: items.slice(0, count), total };
}

/** `first` and `last`, checked against the configured maximum; never both. */
export function checkCounts(args: ConnectionArgs, max: number): { first: number | null; last: number | null } {
  const first = checkCount(args.first, 'first', max);
  const last = checkCount(args.last, 'last', max);
  if (first !== null && last !== null) throw badInput('pass either "first" or "last", not both', 'last');
  return { first, last };
}

export async function offsetConnection<T>(args: ConnectionArgs, fetchPage: FetchPage<T>, limits: ConnectionLimits): Promise<OffsetConnection<T>> {
  const { first, last } = checkCounts(args, limits.maxFirst);
  const afterOffset = args.after ? cursorToOffset(args.after, 'after') + 1 : 0;
  let beforeOffset = args.before ? cursorToOffset(args.before, 'before') : null;

  let start = afterOffset;
  let count = first ?? limits.defaultFirst;
  if (last !== null) {
    // Paging backwards needs the end of the list: the `before` cursor, or the total from a probe.
    if (beforeOffset === null) beforeOffset = (await readWindow(fetchPage, 0, 0, limits.pageMax)).total ?? 0;
    start = Math.max(afterOffset, beforeOffset - last);
    count = beforeOffset - start;
  } else if (beforeOffset !== null) {
    count = Math.min(count, Math.max(0, beforeOffset - start));
  }

  const { items, total } = await readWindow(fetchPage, start, count, limits.pageMax);
  const edges = items.map((node, i) => ({ cursor: offsetToCursor(start + i), node }));
  const end = start + items.length;
  const hasNextPage = total !== null ? end < total && (beforeOffset === null || end < beforeOffset) : items.length === count && count > 0;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: total,
  };
}

/** A connection over a list already in memory (reference data, merged results). */
export function arrayConnection<T>(args: ConnectionArgs, all: readonly T[], limits: Omit<ConnectionLimits, 'pageMax'>): Promise<OffsetConnection<T>> {
  return offsetConnection(args, async (offset, limit) => ({ items: all.slice(offset, offset + limit), total: all.length }), {
    ...limits,
    pageMax: Number.MAX_SAFE_INTEGER,
  });
}

/** A list still arriving: a window of it as it comes, and the whole once complete. */
export interface LiveList<T> {
  /** Items [start, end) as they arrive; throws when the list fails. */
  iterate(start: number, end: number): AsyncIterable<T>;
  /**
   * Every item, once the list is complete; rejects when it fails. A function, so that no promise exists for a
   * connection that never uses it (a refused `first`, say): one left unawaited would reject unhandled when the
   * list fails, and an unhandled rejection ends the process.
   */
  all(): Promise<readonly T[]>;
}

/** A connection whose edges stream: `edges` (and so the relay plugin's `nodes`) is an async iterable. */
export interface LiveConnection<T> {
  readonly edges: AsyncIterable<Edge<T>>;
  readonly pageInfo: Promise<OffsetConnection<T>['pageInfo']>;
  readonly totalCount: Promise<number>;
}

/** An edge whose cursor is encoded only if a query asks for it (most streamed pulls select `nodes`). */
class OffsetEdge<T> implements Edge<T> {
  constructor(private readonly offset: number, readonly node: T) {}

  get cursor(): string {
    return offsetToCursor(this.offset);
  }
}

/**
 * A forward window (`first`/`after`) of a list still arriving, streamed: each item is handed to the executor
 * as it arrives, so a big list is executed while it is fetched. `totalCount` and `pageInfo` need the whole
 * list and resolve at its end. Paging backwards (`last`/`before`) needs the end first: it waits for the whole
 * list and answers like `arrayConnection`.
 */
export function liveConnection<T>(args: ConnectionArgs, list: LiveList<T>, limits: Omit<ConnectionLimits, 'pageMax'>): LiveConnection<T> | Promise<OffsetConnection<T>> {
  const { first, last } = checkCounts(args, limits.maxFirst);
  if (last !== null || args.before) return list.all().then((all) => arrayConnection(args, all, limits));
  const start = args.after ? cursorToOffset(args.after, 'after') + 1 : 0;
  const end = start + (first ?? limits.defaultFirst);
  const window = list.all().then((all) => ({ total: all.length, size: Math.max(0, Math.min(end, all.length) - start) }));
  const pageInfo = window.then(({ total, size }) => ({
    hasNextPage: start + size < total,
    hasPreviousPage: start > 0,
    startCursor: size > 0 ? offsetToCursor(start) : null,
    endCursor: size > 0 ? offsetToCursor(start + size - 1) : null,
  }));
  const totalCount = window.then((w) => w.total);
  // Fields not asked for never await these: a failed list must not become an unhandled rejection.
  for (const p of [pageInfo, totalCount]) p.catch(() => undefined);
  return {
    // An iterable, not an iterator: `edges` and `nodes` asked together each walk it from the start.
    edges: {
      async *[Symbol.asyncIterator]() {
        let offset = start;
        for await (const node of list.iterate(start, end)) yield new OffsetEdge(offset++, node);
      },
    },
    pageInfo,
    totalCount,
  };
}

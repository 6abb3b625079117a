/**
 * Offset/limit walks (bss-api-partners.md §0.5, bss-api-commerce.md §0.3): `offset` is a row offset,
 * `limit` at most `page.maxLimit`, the total under `count`, `total_count` or nowhere.
 *
 * Call counts are the point: with a count field a walk makes exactly ceil(total / pageSize) calls (one
 * when the total is 0) and never asks for a page past the end; without one it stops on a short page, so
 * it makes one extra call only when the last page happens to be full.
 */
import type { CallOptions, PaginateOptions } from './call-options.js';
import type { OperationSpec, PageSpec } from './operations/spec.js';

export interface Page<Item> {
  readonly items: Item[];
  /** The offset this page was asked for. */
  readonly offset: number;
  /** The endpoint's total, or null where it returns none. */
  readonly total: number | null;
}

/** The element type of a list response: the items of its array-valued fields. */
export type PageItem<Res> = {
  [K in keyof Res]-?: NonNullable<Res[K]> extends readonly (infer E)[] ? E : never;
}[keyof Res];

export type CallFn = <Req, Res>(op: OperationSpec<Req, Res>, req: Req, opts?: CallOptions) => Promise<Res>;

type Fields = Record<string, unknown>;

function pageSpec(op: OperationSpec): PageSpec {
  if (!op.page) throw new TypeError(`${op.name} is not paginated (its spec has no page)`);
  return op.page;
}

function pageSizeFor(page: PageSpec, requested: number | undefined): number {
  if (requested === undefined) return page.maxLimit;
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`page size must be a positive integer (got ${requested})`);
  // A larger limit is CBC.0100 upstream; clamping keeps a caller's "as many as possible" working.
  return Math.min(requested, page.maxLimit);
}

/** Where the walk starts: an offset the caller put in the request, else 0. */
function startOffset(page: PageSpec, req: unknown): number {
  const fields = (req ?? {}) as Fields;
  const holder = page.in === 'body' ? ((fields['body'] ?? {}) as Fields) : fields;
  const offset = holder['offset'];
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : 0;
}

/** The request with `offset`/`limit` set where the endpoint reads them. */
export function withPage<Req>(page: PageSpec, req: Req, offset: number, limit: number): Req {
  const fields = (req ?? {}) as Fields;
  if (page.in === 'body') return { ...fields, body: { ...((fields['body'] ?? {}) as Fields), offset, limit } } as Req;
  return { ...fields, offset, limit } as Req;
}

function itemsOf<Item>(page: PageSpec, res: unknown): Item[] {
  const value = (res as Fields | undefined)?.[page.itemsField];
  // Huawei omits empty arrays in some answers; absent means no items.
  return Array.isArray(value) ? (value as Item[]) : [];
}

function totalOf(page: PageSpec, res: unknown): number | null {
  if (page.countField === null) return null;
  const value = (res as Fields | undefined)?.[page.countField];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function callOptions(opts: PaginateOptions): CallOptions {
  return { customerId: opts.customerId, signal: opts.signal, language: opts.language, backgroundUntil: opts.backgroundUntil };
}

/** Pages one at a time, each yielded as soon as it arrives. */
export async function* walkPages<Req, Res, Item>(call: CallFn, op: OperationSpec<Req, Res>, req: Req, opts: PaginateOptions = {}): AsyncGenerator<Page<Item>> {
  const page = pageSpec(op);
  const size = pageSizeFor(page, opts.pageSize);
  let wanted = opts.maxItems ?? Number.POSITIVE_INFINITY;
  let offset = startOffset(page, req);
  while (wanted > 0) {
    const limit = Math.min(size, wanted);
    const res = await call(op, withPage(page, req, offset, limit), callOptions(opts));
    const items = itemsOf<Item>(page, res);
    const total = totalOf(page, res);
    yield { items, offset, total };
    wanted -= items.length;
    offset += limit;
    if (items.length === 0) return;
    if (total !== null) {
      if (offset >= total) return;
    } else if (items.length < limit) {
      // No count (or none returned): a short page is the last one.
      return;
    }
  }
}

/**
 * Every item of a walk, in order, and the total (the endpoint's count, or the number of items where it
 * has none). Once the first page gives the total, the rest are requested `concurrency` at a time.
 */
export async function collectPages<Req, Res, Item>(
  call: CallFn,
  op: OperationSpec<Req, Res>,
  req: Req,
  opts: PaginateOptions = {},
): Promise<{ items: Item[]; total: number }> {
  const page = pageSpec(op);
  if (page.countField === null) {
    const items: Item[] = [];
    for await (const p of walkPages<Req, Res, Item>(call, op, req, opts)) items.push(...p.items);
    return { items, total: items.length };
  }

  const size = pageSizeFor(page, opts.pageSize);
  const maxItems = opts.maxItems ?? Number.POSITIVE_INFINITY;
  if (maxItems <= 0) return { items: [], total: 0 };
  const start = startOffset(page, req);
  const firstLimit = Math.min(size, maxItems);
  const first = await call(op, withPage(page, req, start, firstLimit), callOptions(opts));
  const firstItems = itemsOf<Item>(page, first);
  const total = totalOf(page, first);
  if (total === null) {
    // The count field is documented but absent (some endpoints return it "only on success"): fall back
    // to the short-page rule, one page at a time.
    const items = [...firstItems];
    if (firstItems.length === firstLimit && firstItems.length < maxItems) {
      const rest = withPage(page, req, start + firstLimit, 0);
      for await (const p of walkPages<Req, Res, Item>(call, op, rest, { ...opts, maxItems: maxItems - firstItems.length })) items.push(...p.items);
    }
    return { items, total: items.length };
  }

  // Full pages up to the total; only a maxItems bound shortens the last one (as in walkPages).
  const end = Math.min(total, start + maxItems);
  const requests: { offset: number; limit: number }[] = [];
  for (let offset = start + firstLimit; offset < end; offset += size) requests.push({ offset, limit: Math.min(size, start + maxItems - offset) });
  const results: Item[][] = new Array(requests.length);
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // After one page fails the walk has failed: no further pages are asked for.
    while (next < requests.length && !failed) {
      const index = next++;
      const r = requests[index]!;
      try {
        results[index] = itemsOf<Item>(page, await call(op, withPage(page, req, r.offset, r.limit), callOptions(opts)));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return { items: [...firstItems, ...results.flat()], total };
}

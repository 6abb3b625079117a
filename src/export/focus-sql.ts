/**
 * The store's export: a cycle's records read in chunks, one statement per chunk that hands the chunk's records
 * back as one value of compact JSON arrays (the raw columns, no FOCUS derivation), and each chunk written as
 * FOCUS lines in JavaScript (focus-text.ts). A chunk of thousands of rows costs one round trip and no row
 * object in the engine's driver.
 *
 * Where the time went before: the statement wrote every row's CSV or NDJSON text itself, ~40 µs a row in the
 * embedded engine's single WebAssembly thread (and `row_to_json` ~80 ms a chunk on PostgreSQL), so neither
 * engine reached 50,000 rows/s in NDJSON. Handing over raw columns as JSON costs the engine about a third of
 * that; the text is written (below: by the writer threads) while the engine reads the next chunk. Figures:
 * bench/RESULTS.md "Consumption from the store".
 *
 * The chunks are written by the store's writer threads (focus-writer-threads.ts), so the gateway's event loop
 * only orders the chunks' bytes and sends them: its one thread had been the limit (NDJSON ~45,000 rows/s on
 * either engine). On PostgreSQL each thread also runs its chunks' statements on a connection of its own; the
 * embedded engine has one connection, so there the chunk's JSON text is read here and handed to a thread. (The
 * database writing some chunks' text itself, which paid before the threads, measured slower with them and was
 * removed: bench/RESULTS.md, "Writer threads".)
 *
 * Scope stays in the SQL (`selectionConditions`); the customers' names, the catalogues and the language are
 * applied per row by the writer, from the request's own maps.
 */
import { sql, type RawBuilder } from 'kysely';
import { checkSelection, selectionConditions, type ConsumptionSelection, type Store } from '../store/index.js';
import { FocusTextWriter, NUMERIC_COLUMNS, STORED_COLUMNS, writeChunk, type FocusTextContext } from './focus-text.js';
import { writerThreadsOf, type FocusWriterThreads } from './focus-writer-threads.js';

export type { FocusCustomer } from './focus-text.js';
export type FocusSqlContext = FocusTextContext;

/** Whole lines (each ends with the format's line end) as UTF-8 (focus-text.ts), and how many rows they are. */
export interface FocusTextChunk {
  readonly bytes: Uint8Array;
  readonly rows: number;
}

/** Rows per statement: a few MB of JSON per round trip, a few hundred statements for a large month. */
export const FOCUS_CHUNK_ROWS = 5_000;

/**
 * Rows written per piece of text handed to the stream: the writer runs on the gateway's event loop, and a
 * thousand rows (~10 ms) is as long as it holds it at a time.
 */
export const FOCUS_SLICE_ROWS = 1_000;

/** A record's place in the keyset order within a cycle: scope key, customer id, record id. */
type Key = readonly [string, string, string];

interface ChunkRow {
  /** The chunk's records as comma-separated JSON arrays (STORED_COLUMNS), null when it has none. */
  readonly body: string | null;
  readonly rows: number;
}

const KEY = sql`(scope_key, customer_id, record_id)`;
const keyAfter = (after: Key | null): RawBuilder<unknown> =>
  after ? sql`and ${KEY} > (${after[0]}::text, ${after[1]}::text, ${after[2]}::text)` : sql``;

const PAGE_COLUMNS = sql.raw(STORED_COLUMNS.join(', '));

/** The stored columns as one JSON array per record; NUMERIC as its exact text (JSON.parse would make a float). */
const ROW_ARRAY = sql.raw(`json_build_array(${STORED_COLUMNS.map((c) => (NUMERIC_COLUMNS.has(c) ? `${c}::text` : c)).join(', ')})`);

/**
 * Where the chunk after `after` ends: the key of its `limit`-th record, null when fewer remain (the chunk then
 * runs to the cycle's end). An index-only walk of `limit` primary-key entries: a millisecond or two, so the
 * chunks' boundaries run ahead of their reads and several chunks can be read at once.
 */
function boundaryQuery(selection: ConsumptionSelection, cycle: string, after: Key | null, limit: number): RawBuilder<{ scope_key: string; customer_id: string; record_id: string }> {
  return sql`
    select scope_key, customer_id, record_id from consumption_records
    where cycle = ${cycle} and ${selectionConditions(selection, 'records', false)} ${keyAfter(after)}
    order by scope_key, customer_id, record_id
    offset ${limit - 1} limit 1`;
}

/** The records of one chunk: those of `cycle` in the selection after `after` up to `upto` (included; null: to the end). */
function chunkConditions(selection: ConsumptionSelection, cycle: string, after: Key | null, upto: Key | null): RawBuilder<unknown> {
  const until = upto ? sql`and ${KEY} <= (${upto[0]}::text, ${upto[1]}::text, ${upto[2]}::text)` : sql``;
  return sql`cycle = ${cycle} and ${selectionConditions(selection, 'records', false)} ${keyAfter(after)} ${until}`;
}

/** The statement for one chunk as compact JSON arrays of its raw columns (written by focus-text.ts). */
function chunkQuery(selection: ConsumptionSelection, cycle: string, after: Key | null, upto: Key | null, limit: number): RawBuilder<ChunkRow> {
  return sql`
    select string_agg(${ROW_ARRAY}::text, ',' order by scope_key, customer_id, record_id) as body, count(*)::int as rows
    from (
      -- Only the columns written (the aggregate sorts what it is given: the whole record was ~15 % slower).
      select scope_key, ${PAGE_COLUMNS} from consumption_records
      where ${chunkConditions(selection, cycle, after, upto)}
      -- Redundant with the bounds, but it tells the planner the chunk's size: one primary-key range scan, and no
      -- JIT compilation (PostgreSQL compiles a statement it thinks large, ~0.4 s here for a 0.1 s chunk).
      order by scope_key, customer_id, record_id
      limit ${limit}
    ) page`;
}

function cyclesOf(from: string, to: string): string[] {
  const cycles: string[] = [];
  for (let [year, month] = from.split('-').map(Number) as [number, number]; ; month === 12 ? ((year += 1), (month = 1)) : (month += 1)) {
    const cycle = `${year}-${String(month).padStart(2, '0')}`;
    if (cycle > to) return cycles;
    cycles.push(cycle);
  }
}

/** Chunk statements in flight at once by default: the next one is read while the current one is written and sent. */
export const FOCUS_CHUNKS_AHEAD = 2;

/**
 * Chunk statements in flight when the writer threads write the chunks: two threads take two chunks each, so
 * that each has the next statement queued on its connection while it writes the current chunk.
 */
export const FOCUS_CHUNKS_AHEAD_THREADS = 4;

/**
 * The selection's FOCUS rows as text, in the store's keyset order (cycle, the partner's own customers before
 * resellers', customer id, record id): the order `storedPages` yields them.
 *
 * Up to `ahead` chunks are in flight, yielded in order: their boundaries come first from cheap key walks
 * (`boundaryQuery`), so a chunk's read does not wait for the previous chunk's. On PostgreSQL they run on the
 * pool's connections side by side; the embedded engine runs one statement at a time, and there it reads the
 * next chunk while the gateway writes and sends the current one. Each chunk is written and yielded
 * `sliceRows` rows at a time.
 */
export async function* focusTextChunks(
  store: Store, selection: ConsumptionSelection, format: 'csv' | 'ndjson', ctx: FocusSqlContext,
  options: {
    readonly chunkRows?: number; readonly sliceRows?: number; readonly ahead?: number; readonly signal?: AbortSignal;
    /**
     * Writer threads that write the chunks (focus-writer-threads.ts); null: this thread writes them. Default:
     * the store's own (none on a store without attachments).
     */
    readonly threads?: FocusWriterThreads | null;
  } = {},
): AsyncGenerator<FocusTextChunk> {
  checkSelection(selection);
  const limit = options.chunkRows ?? FOCUS_CHUNK_ROWS;
  const slice = options.sliceRows ?? FOCUS_SLICE_ROWS;
  const threads = options.threads !== undefined ? options.threads : writerThreadsOf(store);
  const onThreads = threads?.open(ctx, format) ?? null;
  const ahead = Math.max(1, options.ahead ?? (onThreads ? FOCUS_CHUNKS_AHEAD_THREADS : FOCUS_CHUNKS_AHEAD));
  const writer = onThreads ? null : new FocusTextWriter(ctx, format);
  // Every chunk of every cycle as (cycle, after, upto), walked lazily one boundary at a time.
  async function* ranges(): AsyncGenerator<{ cycle: string; after: Key | null; upto: Key | null }> {
    for (const cycle of cyclesOf(selection.fromCycle, selection.toCycle)) {
      let after: Key | null = null;
      for (;;) {
        const { rows: [end] } = await boundaryQuery(selection, cycle, after, limit).execute(store.db);
        const upto: Key | null = end ? [end.scope_key, end.customer_id, end.record_id] : null;
        yield { cycle, after, upto };
        if (!upto) break;
        after = upto;
      }
    }
  }
  // `bytes`: a writer thread wrote the chunk's lines; else `chunk.body` holds its raw columns for this thread's writer.
  type Read =
    | { readonly cycle: string; readonly chunk: ChunkRow; readonly bytes?: undefined }
    | { readonly cycle: string; readonly bytes: Uint8Array | null; readonly rows: number };
  const read = async (range: { cycle: string; after: Key | null; upto: Key | null }): Promise<Read> => {
    const { cycle, after, upto } = range;
    const statement = chunkQuery(selection, cycle, after, upto, limit);
    // On a server the thread runs the same statement on a connection of its own and writes its rows there; the
    // embedded engine has one connection, so its rows' JSON text is read here and handed to the thread.
    if (onThreads && threads!.runsStatements) return { cycle, ...(await onThreads.query(cycle, statement.compile(store.db))) };
    const chunk = (await statement.execute(store.db)).rows[0]!;
    if (onThreads) return { cycle, ...(await onThreads.rows(cycle, chunk.body, chunk.rows)) };
    return { cycle, chunk };
  };
  const walk = ranges();
  const inFlight: Promise<Read>[] = [];
  let walked = false;
  const fill = async (): Promise<void> => {
    while (!walked && inFlight.length < ahead) {
      const next = await walk.next();
      if (next.done) walked = true;
      else {
        const pending = read(next.value);
        // Settled later, in order; a failure is raised when its turn comes (and not as an unhandled rejection meanwhile).
        pending.catch(() => undefined);
        inFlight.push(pending);
      }
    }
  };
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      await fill();
      const pending = inFlight.shift();
      if (!pending) return;
      const done = await pending;
      if (done.bytes !== undefined) {
        // Written by a thread (null: an empty chunk).
        if (done.bytes) yield { bytes: done.bytes, rows: done.rows };
        if (options.signal?.aborted) return;
        continue;
      }
      const { cycle, chunk } = done;
      // Empty: a cycle without records (or the empty tail of one whose count is a multiple of the chunk size).
      if (chunk.rows === 0 || chunk.body === null) continue;
      for (const part of writeChunk(writer!, cycle, chunk.body, slice)) {
        yield part;
        if (options.signal?.aborted) return;
      }
    }
  } finally {
    // Stopped early (the client went away, or a failure): let the statements already sent finish before the
    // caller may close the store.
    await Promise.allSettled(inFlight);
    onThreads?.release();
    await walk.return(undefined);
  }
}

/**
 * The export's writer threads (node:worker_threads): the store's chunks are written as FOCUS lines off the
 * gateway's event loop, by the same writer (focus-text.ts) in focus-writer-thread.ts, and their bytes come
 * back by transfer. Why: the gateway's one thread was the export's limit — on PostgreSQL, per NDJSON row ~2 µs
 * decoding the chunk's text, ~3 µs JSON.parse, ~11 µs writing 2.2 KB (CPU profile, bench/RESULTS.md) — so
 * NDJSON stayed near 45,000 rows/s while the server's backends had time to spare; on the embedded engine the
 * same thread also receives the engine's answers from its process.
 *
 * Threads start on the first chunk that needs one (up to `size`), are reused by later exports, and end with
 * the store (StoreAttachments). A thread that fails or exits fails the chunks it held, with the error the
 * export gives any failure of the store (its error marker); the next chunk starts another thread.
 */
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/index.js';
import type { FocusTextContext } from './focus-text.js';
import type { ThreadReply, ThreadRequest } from './focus-writer-protocol.js';

/** Threads per store: the machine's other core, and a second so one thread's parse overlaps another's write. */
export const FOCUS_WRITER_THREADS = 2;

/** A chunk's statement as the thread runs it (Kysely's compiled query). */
export interface ChunkStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

interface Pending {
  resolve(written: { bytes: Uint8Array | null; rows: number }): void;
  reject(error: Error): void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** The export contexts this thread holds. */
  readonly contexts: Set<number>;
}

const THREAD_URL = new URL('./focus-writer-thread.mjs', import.meta.url);

export class FocusWriterThreads {
  private readonly threads: Thread[] = [];
  private nextJob = 1;
  private nextContext = 1;
  private closed = false;

  constructor(private readonly serverUrl: string | undefined, readonly size = FOCUS_WRITER_THREADS) {}

  /**
   * The threads run the chunks' statements on connections of their own (they were given a server); otherwise
   * each chunk's rows are read by the caller and handed over (`FocusThreadExport.rows`).
   */
  get runsStatements(): boolean {
    return this.serverUrl !== undefined;
  }

  /** One export's handle: its chunks are written with its context, until `release`. */
  open(ctx: FocusTextContext, format: 'csv' | 'ndjson'): FocusThreadExport {
    return new FocusThreadExport(this, this.nextContext++, ctx, format);
  }

  /** Chunks the threads wrote (tests: which path wrote an export). */
  chunksWritten = 0;

  /** The threads now running. */
  running(): readonly Worker[] {
    return this.threads.map((t) => t.worker);
  }

  /** Tests: every running thread dies when its next chunk comes, as a thread that fails midway would. */
  dieOnNextChunk(): void {
    for (const thread of this.threads) thread.worker.postMessage({ kind: 'die-on-next-chunk' } satisfies ThreadRequest);
  }

  /** @internal A job on the least busy thread (a new one while fewer than `size` run and all are busy). */
  send(context: { id: number; ctx: FocusTextContext; format: 'csv' | 'ndjson' }, job: (id: number) => ThreadRequest): Promise<{ bytes: Uint8Array | null; rows: number }> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    let thread = this.threads.reduce<Thread | undefined>((best, t) => (!best || t.pending.size < best.pending.size ? t : best), undefined);
    if (!thread || (thread.pending.size > 0 && this.threads.length < this.size)) thread = this.start();
    if (!thread.contexts.has(context.id)) {
      thread.contexts.add(context.id);
      thread.worker.postMessage({ kind: 'context', context: context.id, ctx: context.ctx, format: context.format } satisfies ThreadRequest);
    }
    const id = this.nextJob++;
    const target = thread;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage(job(id));
    });
  }

  /** @internal The threads holding the context forget it. */
  release(context: number): void {
    for (const thread of this.threads) {
      if (thread.contexts.delete(context)) thread.worker.postMessage({ kind: 'release', context } satisfies ThreadRequest);
    }
  }

  /** Ends every thread (their chunks in flight fail). Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) this.fail(thread, new Error('the store is closed'));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private start(): Thread {
    const worker = new Worker(THREAD_URL, { workerData: { serverUrl: this.serverUrl }, name: 'partner-graph-export-writer' });
    // An idle thread does not keep the process alive (the store's close ends it anyway).
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), contexts: new Set() };
    worker.on('message', (reply: ThreadReply) => {
      const waiting = thread.pending.get(reply.job);
      if (!waiting) return;
      thread.pending.delete(reply.job);
      if (reply.kind === 'written') {
        this.chunksWritten++;
        waiting.resolve({ bytes: reply.bytes, rows: reply.rows });
      }
      else waiting.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
    });
    worker.on('error', (error) => this.fail(thread, new Error(`an export writer thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.fail(thread, new Error(`an export writer thread exited (code ${code})`)));
    this.threads.push(thread);
    return thread;
  }

  /** The thread is gone: its chunks fail, and later chunks go to the others (or a new one). */
  private fail(thread: Thread, error: Error): void {
    const at = this.threads.indexOf(thread);
    if (at >= 0) this.threads.splice(at, 1);
    for (const waiting of thread.pending.values()) waiting.reject(error);
    thread.pending.clear();
  }
}

/** One export's use of the threads. */
export class FocusThreadExport {
  constructor(
    private readonly threads: FocusWriterThreads, readonly id: number, readonly ctx: FocusTextContext, readonly format: 'csv' | 'ndjson',
  ) {}

  /** The chunk's statement run and its rows written on a thread (PostgreSQL). */
  query(cycle: string, statement: ChunkStatement): Promise<{ bytes: Uint8Array | null; rows: number }> {
    return this.threads.send(this, (job) => ({ kind: 'query', job, context: this.id, cycle, sql: statement.sql, parameters: statement.parameters }));
  }

  /** Rows already read (the chunk statement's JSON text) written on a thread. */
  rows(cycle: string, body: string | null, rows: number): Promise<{ bytes: Uint8Array | null; rows: number }> {
    return this.threads.send(this, (job) => ({ kind: 'rows', job, context: this.id, cycle, body, rows }));
  }

  release(): void {
    this.threads.release(this.id);
  }
}

const THREADS = Symbol('focus-writer-threads');

/** The store's writer threads (created with the first export that uses them), or null when the store has none. */
export function writerThreadsOf(store: Store): FocusWriterThreads | null {
  return store.attachments?.get(THREADS, () => new FocusWriterThreads(store.serverUrl)) ?? null;
}

/**
 * The main-thread side of the embedded engine: PGlite runs in a worker thread (pglite-worker.mjs) and this
 * client sends it one statement at a time. Its WASM never runs on the gateway's event loop, so a sync's
 * load does not stall front-end queries; rows come back by structured clone (NUMERIC as exact text).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreDatabaseError, type SqlExecutor, type SqlResult } from './sql-executor.js';

export type WorkerRequest =
  | { readonly kind: 'query'; readonly id: number; readonly sql: string; readonly params: readonly unknown[] }
  | { readonly kind: 'close'; readonly id: number };

type ErrorData = { message: string; name?: string; code?: string; detail?: string; constraint?: string; table?: string };

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'start-failed'; readonly error: ErrorData }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly rows: Record<string, unknown>[]; readonly affectedRows: number }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: ErrorData };

interface Pending {
  resolve(result: SqlResult): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

/** What the client needs of the engine's thread or process. */
interface EngineChannel {
  on(event: 'message', listener: (reply: WorkerReply) => void): EngineChannel;
  on(event: 'error', listener: (error: Error) => void): EngineChannel;
  on(event: 'exit', listener: (code: number) => void): EngineChannel;
  off(event: string, listener: (...args: never[]) => void): EngineChannel;
  postMessage(request: WorkerRequest): void;
  terminate(): Promise<unknown>;
}

/**
 * The same engine as a child process (`pglite-worker.mjs` over IPC, v8 serialization so Dates and exact text
 * come through as with a thread): PGlite's WebAssembly heap (~400 MB once open, ~800 MB while initdb runs,
 * never returned) then counts outside the gateway's process.
 */
function engineProcess(dataDir: string): EngineChannel {
  const child = fork(fileURLToPath(WORKER_URL), [dataDir], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const channel: EngineChannel = {
    on(event: string, listener: (...args: never[]) => void) {
      child.on(event, listener as (...args: unknown[]) => void);
      return channel;
    },
    off(event: string, listener: (...args: never[]) => void) {
      child.off(event, listener as (...args: unknown[]) => void);
      return channel;
    },
    postMessage(request) {
      child.send(request);
    },
    terminate() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      return exited;
    },
  } as EngineChannel;
  return channel;
}

export class PgliteWorkerClient implements SqlExecutor {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set once the worker is gone (closed, or died): every later query fails with it. */
  private gone: Error | null = null;

  private constructor(private readonly worker: EngineChannel) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind !== 'reply') return;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve({ rows: reply.rows, affectedRows: reply.affectedRows });
      else waiting.reject(new StoreDatabaseError(reply.error));
    });
    worker.on('error', (error) => this.fail(new Error(`the embedded store's worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.fail(new Error(`the embedded store's worker exited (code ${code})`)));
  }

  /**
   * Starts the worker and waits until PGlite is open. `dataDir`: a directory (created by PGlite when
   * missing) or `memory://` for a store that lives as long as the worker.
   */
  static async start(dataDir: string, options: { readonly process?: boolean } = {}): Promise<PgliteWorkerClient> {
    const worker: EngineChannel = options.process
      ? engineProcess(dataDir)
      : (new Worker(WORKER_URL, { workerData: { dataDir }, name: 'partner-graph-store' }) as unknown as EngineChannel);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply): void => {
        if (reply.kind === 'ready') done(null);
        else if (reply.kind === 'start-failed') done(new StoreDatabaseError({ ...reply.error, message: `the embedded store could not open ${dataDir}: ${reply.error.message}` }));
      };
      const onError = (error: Error): void => done(error);
      const onExit = (code: number): void => done(new Error(`the embedded store's worker exited while opening ${dataDir} (code ${code})`));
      const done = (error: Error | null): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    return new PgliteWorkerClient(worker);
  }

  query(sql: string, params: readonly unknown[]): Promise<SqlResult> {
    return this.send({ kind: 'query', id: this.nextId++, sql, params });
  }

  /** Closes PGlite cleanly (its files are consistent on disk), then ends the thread. Idempotent. */
  async close(): Promise<void> {
    if (this.gone) return;
    try {
      await this.send({ kind: 'close', id: this.nextId++ });
    } finally {
      this.fail(new Error('the store is closed'));
      await this.worker.terminate();
    }
  }

  private send(request: WorkerRequest): Promise<SqlResult> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise<SqlResult>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private fail(error: Error): void {
    this.gone ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.gone);
    this.pending.clear();
  }
}

// The embedded engine's own thread: it owns the one PGlite instance and answers the gateway's queries, so
// PGlite's WASM never runs on the gateway's event loop (a load stalls the thread it runs on for ~400 ms at a
// time). Main-thread side: pglite-worker-client.ts; the messages are typed there (WorkerRequest/WorkerReply).
//
// PGlite's own worker mode (@electric-sql/pglite/worker) is written for browser Web Workers (navigator.locks
// for leader election, BroadcastChannel between tabs, Web Worker globals): Node 20 has no navigator.locks, so
// this thread is ours. Plain JavaScript: Node 20's worker threads do not inherit tsx's loader.
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { STORE_TYPE_PARSERS } from './type-parsers.mjs';

/** The fields of a PostgreSQL error worth keeping across the thread boundary (as node-postgres names them). */
const ERROR_FIELDS = ['code', 'detail', 'hint', 'severity', 'schema', 'table', 'column', 'constraint', 'position', 'where'];

function errorData(error) {
  const data = { message: error instanceof Error ? error.message : String(error), name: error?.name ?? 'Error' };
  for (const field of ERROR_FIELDS) if (typeof error?.[field] === 'string') data[field] = error[field];
  return data;
}

async function run(db, sql, params) {
  // Without parameters: the simple protocol, as node-postgres does it, so a migration file of several
  // statements runs the same on both engines.
  if (params.length === 0) {
    const results = await db.exec(sql);
    const last = results[results.length - 1];
    return { rows: last?.rows ?? [], affectedRows: last?.affectedRows ?? 0 };
  }
  const result = await db.query(sql, params);
  return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
}

// The channel to the gateway: this thread's parentPort, or, when the engine runs as a child process of its own
// (StoreConfig.engineProcess: PGlite's WebAssembly heap, hundreds of MB, then counts outside the gateway's
// process), the IPC channel; the data directory then comes as the first argument. A child whose gateway went
// away (the channel closed) exits.
const channel = parentPort ?? {
  postMessage: (message) => process.send(message),
  on: (event, listener) => process.on(event, listener),
  close: () => undefined,
};
const dataDir = parentPort ? workerData.dataDir : process.argv[2];
if (!parentPort) process.on('disconnect', () => process.exit(0));

let db;
try {
  db = await PGlite.create(dataDir, { parsers: STORE_TYPE_PARSERS });
} catch (error) {
  if (parentPort) {
    parentPort.postMessage({ kind: 'start-failed', error: errorData(error) });
    process.exit(1);
  }
  await new Promise((resolve) => process.send({ kind: 'start-failed', error: errorData(error) }, resolve));
  process.exit(1);
}

// One request at a time, in arrival order: the client sends BEGIN … COMMIT as separate requests and holds
// its single connection for the whole transaction, so order is all a transaction needs here.
let queue = Promise.resolve();
channel.on('message', (request) => {
  queue = queue.then(async () => {
    if (request.kind === 'close') {
      try {
        await db.close();
        channel.postMessage({ kind: 'reply', id: request.id, ok: true, rows: [], affectedRows: 0 });
      } catch (error) {
        channel.postMessage({ kind: 'reply', id: request.id, ok: false, error: errorData(error) });
      }
      channel.close();
      return;
    }
    try {
      const { rows, affectedRows } = await run(db, request.sql, request.params);
      channel.postMessage({ kind: 'reply', id: request.id, ok: true, rows, affectedRows });
    } catch (error) {
      channel.postMessage({ kind: 'reply', id: request.id, ok: false, error: errorData(error) });
    }
  });
});
channel.postMessage({ kind: 'ready' });

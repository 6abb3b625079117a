/**
 * One of the export's writer threads (main-thread side: focus-writer-threads.ts). It writes chunks of stored
 * rows as FOCUS lines with the gateway's own writer (focus-text.ts) and hands the bytes back by transfer (no
 * copy), so the gateway's event loop only orders and sends them. On PostgreSQL it also runs the chunk's
 * statement on a connection of its own: the rows' JSON text (a few MB a chunk) is received, decoded and
 * parsed here, not on the gateway's thread. Its statements are queued on that connection, so the server
 * reads the next chunk while this thread writes the current one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { FocusTextWriter, writeChunk } from './focus-text.js';
import type { ThreadReply, ThreadRequest } from './focus-writer-protocol.js';

const port = parentPort!;
const serverUrl = (workerData as { serverUrl?: string } | undefined)?.serverUrl;

/** The writers of the exports this thread has chunks of, by the export's context id. */
const writers = new Map<number, FocusTextWriter>();

let client: Promise<pg.Client> | null = null;
function connection(): Promise<pg.Client> {
  if (!serverUrl) return Promise.reject(new Error('this export writer thread has no database server'));
  client ??= (async () => {
    const c = new pg.Client({ connectionString: serverUrl, application_name: 'partner-graph-export' });
    // A connection that fails between statements: the next chunk opens another (the failing one's statement
    // is rejected by node-postgres itself). Without a listener the error would end the thread.
    c.on('error', () => {
      client = null;
    });
    try {
      await c.connect();
    } catch (error) {
      client = null;
      throw error;
    }
    return c;
  })();
  return client;
}

function errorData(error: unknown): { message: string; code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return { message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}

function reply(message: ThreadReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function write(job: number, context: number, cycle: string, body: string | null, rows: number): void {
  const writer = writers.get(context);
  if (!writer) throw new Error(`no context ${context} on this export writer thread`);
  if (rows === 0 || body === null) {
    reply({ kind: 'written', job, bytes: null, rows: 0 });
    return;
  }
  // The whole chunk as one piece (the gateway's thread only orders and sends it).
  const [written] = writeChunk(writer, cycle, body);
  reply({ kind: 'written', job, bytes: written!.bytes, rows: written!.rows }, [written!.bytes.buffer as ArrayBuffer]);
}

/** Tests: the next chunk ends this thread (focus-writer-threads.test.ts). */
let dieOnNextChunk = false;

port.on('message', (request: ThreadRequest) => {
  if (dieOnNextChunk && (request.kind === 'rows' || request.kind === 'query')) throw new Error('export writer thread ended on request');
  switch (request.kind) {
    case 'context':
      writers.set(request.context, new FocusTextWriter(request.ctx, request.format));
      return;
    case 'release':
      writers.delete(request.context);
      return;
    case 'rows':
      try {
        write(request.job, request.context, request.cycle, request.body, request.rows);
      } catch (error) {
        reply({ kind: 'failed', job: request.job, error: errorData(error) });
      }
      return;
    case 'query': {
      // Sent at once: node-postgres queues it behind this connection's earlier chunks, in order.
      const { job, context, cycle } = request;
      connection()
        .then((c) => c.query<{ body: string | null; rows: number }>(request.sql, [...request.parameters]))
        .then(({ rows: [row] }) => write(job, context, cycle, row?.body ?? null, row?.rows ?? 0))
        .catch((error: unknown) => reply({ kind: 'failed', job, error: errorData(error) }));
      return;
    }
    case 'die-on-next-chunk':
      dieOnNextChunk = true;
      return;
  }
});

/**
 * Other replicas' cache invalidations, heard on PostgreSQL LISTEN (channel `partner_graph_cache`, sent by
 * src/store/partner-cache-rows.ts with the delete). LISTEN needs a session of its own, so this is one dedicated
 * node-postgres client beside the store's pool. A lost connection may have missed notifications: on reconnect
 * `onReset` runs, and the replica drops its whole in-process cache (answers it held may predate a write).
 * Reconnects back off from 1 s to 30 s; until one works, this replica's in-process entries may miss other
 * replicas' writes for up to their TTL (docs/deploy.md, "Cache per replica or shared").
 */
import pg from 'pg';
import { PARTNER_CACHE_CHANNEL } from './partner-cache-rows.js';

export interface CacheChannelHandlers {
  /** A notification's payload (text, as sent). */
  readonly onMessage: (payload: string) => void;
  /** The connection came back after a loss: notifications may have been missed. */
  readonly onReset: () => void;
  /** The connection failed or was lost (for logs); a reconnect is scheduled. */
  readonly onError?: (error: unknown) => void;
}

export interface CacheChannel {
  /** Resolves once listening (or rejects with the first connection's error; reconnects continue). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export function listenForCacheInvalidations(connectionString: string, handlers: CacheChannelHandlers): CacheChannel {
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;
  let lost = false;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, application_name: 'partner-graph-cache-listener' });
    const fail = (error: unknown): void => {
      if (client !== next || closed) return;
      client = undefined;
      lost = true;
      handlers.onError?.(error);
      next.end().catch(() => undefined);
      schedule();
    };
    client = next;
    next.on('error', fail);
    next.on('end', () => fail(new Error('the cache invalidation channel was closed')));
    next.on('notification', (message) => {
      if (message.channel === PARTNER_CACHE_CHANNEL && message.payload !== undefined) handlers.onMessage(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${PARTNER_CACHE_CHANNEL}`);
    } catch (error) {
      fail(error);
      throw error;
    }
    retryMs = FIRST_RETRY_MS;
    if (lost) {
      lost = false;
      handlers.onReset();
    }
  };

  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch(() => undefined);
    }, retryMs);
    timer.unref();
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  };

  const ready = connect();
  ready.catch(() => undefined);
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}

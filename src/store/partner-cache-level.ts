/**
 * The store's partner-cache second level, in the shape the cache takes (src/caches/second-level.ts
 * `PartnerCacheSecondLevel`; main.ts injects it when DATABASE_URL names a PostgreSQL server): rows in
 * partner_cache_entries (src/store/partner-cache-rows.ts) and invalidations told to the other replicas by
 * NOTIFY (src/store/partner-cache-channel.ts).
 *
 * Why NOTIFY rather than a generation read on every hit: the in-process level answers in about a microsecond
 * and a generation check would put a PostgreSQL round trip (~0.2–0.5 ms, bench/cache-placement.ts) on every
 * hit; a notification costs nothing per read and arrives within milliseconds of the write's commit. The
 * generation counter exists too, but only to keep an answer loaded before a write out of the shared rows.
 */
import { randomUUID } from 'node:crypto';
import { listenForCacheInvalidations, type CacheChannel } from './partner-cache-channel.js';
import { invalidateCacheRows, purgeCacheRows, readCacheRow, writeCacheRow, type CacheRow, type CacheRowKey, type CacheRowsInvalidation } from './partner-cache-rows.js';
import type { StoreReader } from './store.js';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a longer invalidation is sent as "drop everything". */
const MAX_PAYLOAD_BYTES = 7_000;

interface Message {
  /** The replica that sent it (its own invalidation it has applied already). */
  readonly o: string;
  readonly w: CacheRowsInvalidation;
}

export interface StorePartnerCacheLevelOptions {
  /** The server the store uses: the listener opens one more connection to it. */
  readonly connectionString: string;
  /** Expired rows are purged every this many writes. */
  readonly purgeEvery?: number;
  /** Clock for the purge (epoch ms, the cache's). */
  readonly now?: () => number;
  /** The invalidation channel failed (it reconnects). */
  readonly onChannelError?: (error: unknown) => void;
}

export interface StorePartnerCacheLevel {
  read(key: CacheRowKey, now: number): ReturnType<typeof readCacheRow>;
  write(entry: CacheRow, generation: string): Promise<void>;
  invalidate(what: CacheRowsInvalidation): Promise<void>;
  subscribe(onInvalidate: (what: CacheRowsInvalidation) => void, onReset: () => void): () => void;
  /** Resolves once the invalidation channel listens (tests wait for it; the gateway need not). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export function storePartnerCacheLevel(store: StoreReader, options: StorePartnerCacheLevelOptions): StorePartnerCacheLevel {
  const origin = randomUUID();
  const purgeEvery = options.purgeEvery ?? 1_000;
  const now = options.now ?? Date.now;
  const subscribers = new Set<{ onInvalidate: (what: CacheRowsInvalidation) => void; onReset: () => void }>();
  let writes = 0;
  let channel: CacheChannel | undefined;

  const open = (): CacheChannel => {
    channel ??= listenForCacheInvalidations(options.connectionString, {
      onMessage(payload) {
        let message: Message;
        try {
          message = JSON.parse(payload) as Message;
        } catch {
          message = { o: '', w: { all: true } }; // unreadable: assume the widest
        }
        if (message.o === origin) return;
        for (const s of subscribers) s.onInvalidate(message.w);
      },
      onReset() {
        for (const s of subscribers) s.onReset();
      },
      ...(options.onChannelError ? { onError: options.onChannelError } : {}),
    });
    return channel;
  };

  return {
    read: (key, at) => readCacheRow(store, key, at),
    async write(entry, generation) {
      if (++writes % purgeEvery === 0) void purgeCacheRows(store, now()).catch(() => undefined);
      await writeCacheRow(store, entry, generation);
    },
    async invalidate(what) {
      let payload = JSON.stringify({ o: origin, w: what } satisfies Message);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) payload = JSON.stringify({ o: origin, w: { all: true } } satisfies Message);
      await invalidateCacheRows(store, what, payload);
    },
    subscribe(onInvalidate, onReset) {
      const subscriber = { onInvalidate, onReset };
      subscribers.add(subscriber);
      open();
      return () => subscribers.delete(subscriber);
    },
    listening: () => open().ready,
    async close() {
      subscribers.clear();
      await channel?.close();
    },
  };
}

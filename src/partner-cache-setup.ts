/**
 * The process-wide partner-data cache as `npm start` builds it (src/caches/partner-cache.ts): in-process only,
 * or — when DATABASE_URL names a PostgreSQL server, so other replicas may share the database — with the store's
 * shared second level behind it (src/store/partner-cache-level.ts). With PGlite the store is this process's
 * alone: a second level would only add a round trip, so there is none. Here because only the top of the
 * layers may join the cache (below the store) to the store.
 */
import { PartnerDataCache } from './caches/partner-cache.js';
import { exactJsonCodec } from './caches/exact-json.js';
import { Money } from './bss/money.js';
import type { Config } from './config.js';
import type { Log } from './ops/log.js';
import type { Metrics } from './ops/metrics.js';
import type { Store } from './store/index.js';
import { storePartnerCacheLevel } from './store/partner-cache-level.js';

/** A failing shared level is logged once per this long per operation, not on every read. */
const LOG_EVERY_MS = 10_000;

export interface PartnerCacheSetup {
  readonly cache: PartnerDataCache | undefined;
  /** Stops listening for other replicas' invalidations (at shutdown, before the store closes). */
  close(): Promise<void>;
}

export function setUpPartnerCache(config: Config, store: Store | undefined, metrics: Metrics, log: Log): PartnerCacheSetup {
  if (config.partnerCache.maxEntries === 0) return { cache: undefined, close: async () => undefined };
  const options = {
    ttlMs: config.partnerCache.ttlMs,
    maxEntries: config.partnerCache.maxEntries,
    staleFactor: config.partnerCache.staleFactor,
    onLookup: (_kind: unknown, hit: boolean) => metrics.cacheLookup('partner', hit),
  };
  const url = config.store.databaseUrl;
  if (!store || store.engine !== 'postgresql' || url === undefined) {
    const cache = new PartnerDataCache(options);
    return { cache, close: async () => undefined };
  }
  const lastLogged = new Map<string, number>();
  const warn = (what: string, error: unknown): void => {
    const now = Date.now();
    if (now - (lastLogged.get(what) ?? -Infinity) < LOG_EVERY_MS) return;
    lastLogged.set(what, now);
    const err = error instanceof Error ? { name: error.name, message: error.message } : String(error);
    log.warn({ event: 'cache.shared.failed', operation: what, err }, 'shared partner cache unavailable: this replica reads through its own cache and the upstream');
  };
  const level = storePartnerCacheLevel(store, { connectionString: url, onChannelError: (error) => warn('listen', error) });
  // Restored Decimals compute like the gateway's money (its precision and rounding), not decimal.js's defaults.
  const cache = new PartnerDataCache({ ...options, secondLevel: { level, codec: exactJsonCodec(Money), onError: warn, sharePersonalData: config.partnerCache.sharePersonalData } });
  return {
    cache,
    async close() {
      cache.close();
      await level.close();
    },
  };
}

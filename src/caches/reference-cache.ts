/**
 * Reference data (service types, resource types, units, …) changes rarely and is small, so it is cached
 * across requests, keyed by what was asked and the language, with a TTL. lru-cache's `fetch` makes
 * concurrent misses share one upstream call.
 */
import { LRUCache } from 'lru-cache';
import { runShared } from '../bss/shared-load.js';
import type { Language } from '../language.js';

export interface ReferenceCacheOptions {
  /** How long an entry stays fresh. */
  readonly ttlMs: number;
  /** Entries kept at most (lists per language and per parent code). */
  readonly max?: number;
  /** Told whether each lookup was served without a new upstream load (a hit, or joining one in flight), for metrics. */
  readonly onLookup?: (hit: boolean) => void;
}

type Loader = () => Promise<unknown>;

const entryKey = (kind: string, language: Language, key: string): string => `${kind}\u0000${language}\u0000${key}`;

export class ReferenceCache {
  private readonly cache: LRUCache<string, { value: unknown }, Loader>;
  private readonly onLookup: ((hit: boolean) => void) | undefined;

  constructor(options: ReferenceCacheOptions) {
    this.onLookup = options.onLookup;
    this.cache = new LRUCache<string, { value: unknown }, Loader>({
      max: options.max ?? 500,
      ttl: options.ttlMs,
      // Shared by every request that asks meanwhile: not bound to the one that started it (src/bss/shared-load.ts).
      fetchMethod: async (_key, _stale, { context }) => ({ value: await runShared(context) }),
    });
  }

  /** The cached value for (kind, language, key), loading it once when absent or stale. */
  async get<T>(kind: string, language: Language, load: () => Promise<T>, key = ''): Promise<T> {
    const status: LRUCache.Status<string, { value: unknown }> = {};
    try {
      const entry = await this.cache.fetch(entryKey(kind, language, key), { context: load, status });
      return entry!.value as T;
    } finally {
      this.onLookup?.(status.fetch === 'hit' || status.fetch === 'inflight');
    }
  }

  /**
   * `get`, but a fresh entry is answered as the value itself, not a promise of it: a field served from the cache then
   * completes without a turn of the event loop (and an operation made only of such fields executes synchronously,
   * which spared a cached request's execution its promise machinery: bench/hot-path.ts). Counted as a hit, like `get`.
   */
  read<T>(kind: string, language: Language, load: () => Promise<T>, key = ''): T | Promise<T> {
    const entry = this.cache.get(entryKey(kind, language, key));
    if (entry === undefined) return this.get(kind, language, load, key);
    this.onLookup?.(true);
    return entry.value as T;
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * What the partner-data cache (src/caches/partner-cache.ts) needs from a second level shared by replicas, and
 * nothing more: the cache sits below the store (DESIGN.md layers), so it names this interface and main.ts
 * injects the store's implementation (src/store/partner-cache-rows.ts). Values cross it as text (the cache
 * encodes them exactly, src/caches/exact-json.ts); times are epoch ms of the cache's clock.
 */

/** Where an entry lives: the same three parts as the in-process key. */
export interface SharedEntryKey {
  readonly kind: string;
  readonly scope: string;
  readonly key: string;
}

export interface SharedEntry extends SharedEntryKey {
  readonly value: string;
  readonly storedAt: number;
  readonly expiresAt: number;
  readonly customers: readonly string[];
  readonly resellers: readonly string[];
}

/** A read: the entry if one is fresh at `now`, and the invalidation generation it was read under. */
export interface SharedRead {
  readonly entry: Pick<SharedEntry, 'value' | 'storedAt' | 'customers' | 'resellers'> | undefined;
  /** Pass it back to `write`: the write is dropped if any invalidation happened since. */
  readonly generation: string;
}

/** What a write made stale: entries naming these customers or resellers, of these kinds, or everything. */
export interface SharedInvalidation {
  readonly customers?: readonly string[];
  readonly resellers?: readonly string[];
  readonly kinds?: readonly string[];
  readonly all?: boolean;
}

export interface PartnerCacheSecondLevel {
  read(key: SharedEntryKey, now: number): Promise<SharedRead>;
  /** Stores the entry unless an invalidation happened after `generation` was read. */
  write(entry: SharedEntry, generation: string): Promise<void>;
  /** Deletes the matching entries for every replica and tells the other replicas to drop them from their first level. */
  invalidate(what: SharedInvalidation): Promise<void>;
  /**
   * Calls `onInvalidate` with another replica's invalidations, and `onReset` when some may have been missed (the
   * channel was lost and is back): the first level then drops everything. Returns how to stop listening.
   */
  subscribe(onInvalidate: (what: SharedInvalidation) => void, onReset: () => void): () => void;
}

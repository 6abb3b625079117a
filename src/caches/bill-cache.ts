/**
 * The process-wide cache of bill reads that do not change: every record of one consumption query
 * (ListSubCustomerBillDetail §4.2 walked whole) and the cycle's consumer list (ListConsumeSubCustomers §4.3).
 *
 * Huawei: "cache past cycles for long periods; cache the current cycle for minutes at most" (§4). So an entry of
 * a closed cycle (before the current one in UTC+8, by the `now` clock) lives `closedCycleTtlMs`, the open (or a
 * future) cycle `openCycleTtlMs` (0: never stored). Keys hold the credential scope (the partner domain id the
 * gateway signs with; a reseller's scope is the query's `indirect_partner_id`, part of the query key), the
 * language (names come localised) and the canonical query key. A key's scope is only what was asked, though:
 * a reseller's request reads through its gate (`gated`), which checks whose data an entry is before answering,
 * hit or miss, so no caller ever reads another's bills.
 *
 * Memory is bounded by records, not entries (lru-cache `maxSize` + `sizeCalculation`): an entry weighs its
 * record count (at least 1). Concurrent misses of one key share one fetch; failures are never stored.
 */
import { LRUCache } from 'lru-cache';
import { runShared } from '../bss/shared-load.js';

export interface BillCacheOptions {
  readonly closedCycleTtlMs: number;
  readonly openCycleTtlMs: number;
  /** Records kept at most, over all entries; 0 disables the cache. */
  readonly maxRecords: number;
  /** The clock deciding which cycle is open (tests freeze it). */
  readonly now?: () => Date;
  /** Called on every lookup (hit: answered from the cache or a fetch already running), for metrics. */
  readonly onLookup?: (hit: boolean) => void;
}

/** What an entry is keyed by. */
export interface BillCacheKey {
  /** The credential scope: the partner domain id the upstream calls are signed for. */
  readonly scope: string;
  readonly language: string;
  /** What was read: e.g. `records` + a canonical consumption query key, or `consumers` + a cycle. */
  readonly kind: string;
  readonly query: string;
  /** The billing cycle the entry belongs to (decides its lifetime). */
  readonly cycle: string;
  /**
   * Whose data the entry holds: one customer, in the scope it was read in (null: the partner's own). Absent:
   * partner-wide data (the cycle's consumer list). Not part of the key (the query names it already): it is
   * what a gated view (`gated`) checks before a caller reads the entry.
   */
  readonly owner?: BillCacheOwner;
}

export interface BillCacheOwner {
  readonly customerId: string;
  readonly indirectPartnerId: string | null;
}

/**
 * A caller's right to read entries (a reseller key's: src/auth/scoped-bss.ts `scopeGate`). The cache is shared
 * by every caller, and a hit makes no upstream call, so the scope guard on the BSS client never sees it: the
 * gate stands in for that guard on every read.
 */
export interface BillCacheGate {
  /** Resolves when the caller may read `owner`'s data (undefined: partner-wide data); rejects (FORBIDDEN) otherwise. */
  admit(owner: BillCacheOwner | undefined): Promise<void>;
  /** Without waiting: whether `owner`'s data is already known to be the caller's (if not, a `peek` is a miss). */
  admitted(owner: BillCacheOwner | undefined): boolean;
}

const UTC8_MS = 8 * 3600 * 1000;

/** The open billing cycle at an instant: the month in Beijing time (UTC+8). */
export function openCycleAt(now: Date): string {
  return new Date(now.getTime() + UTC8_MS).toISOString().slice(0, 7);
}

export class BillCache {
  private readonly cache: LRUCache<string, readonly unknown[]> | null;
  private readonly inFlight = new Map<string, Promise<readonly unknown[]>>();

  constructor(readonly options: BillCacheOptions) {
    this.cache =
      options.maxRecords > 0
        ? new LRUCache<string, readonly unknown[]>({ maxSize: options.maxRecords, sizeCalculation: (v) => Math.max(1, v.length) })
        : null;
  }

  /** The open cycle now (UTC+8), by this cache's clock. */
  openCycle(): string {
    return openCycleAt(this.options.now?.() ?? new Date());
  }

  /** How long an entry of this cycle may live; 0: not stored. */
  ttlFor(cycle: string): number {
    return cycle < this.openCycle() ? this.options.closedCycleTtlMs : this.options.openCycleTtlMs;
  }

  /** A stored entry, or undefined (no metrics: see `load`). */
  peek<T>(key: BillCacheKey): readonly T[] | undefined {
    return this.cache?.get(textOf(key)) as readonly T[] | undefined;
  }

  /**
   * The entry for the key: stored, or being fetched by another caller (shared), or fetched now with `fetch`
   * and stored for its cycle's lifetime.
   */
  async load<T>(key: BillCacheKey, fetch: () => Promise<readonly T[]>): Promise<readonly T[]> {
    const text = textOf(key);
    const stored = this.cache?.get(text);
    if (stored) {
      this.options.onLookup?.(true);
      return stored as readonly T[];
    }
    const running = this.inFlight.get(text);
    this.options.onLookup?.(running !== undefined);
    if (running) return running as Promise<readonly T[]>;
    // Joined by concurrent callers: not bound to the request that started it (src/bss/shared-load.ts).
    const started = runShared(fetch).then((value) => {
      this.store(key, value);
      return value;
    });
    this.inFlight.set(text, started);
    try {
      return await started;
    } finally {
      this.inFlight.delete(text);
    }
  }

  /** Stores a value fetched elsewhere (a streaming walk that gathered it page by page). */
  store<T>(key: BillCacheKey, value: readonly T[]): void {
    const ttl = this.ttlFor(key.cycle);
    if (!this.cache || ttl <= 0) return;
    this.cache.set(textOf(key), value, { ttl });
  }

  /**
   * This cache as one caller may read it: `load` first waits for the gate to admit the entry's owner (or fails
   * with its refusal, before any lookup or fetch), and `peek` answers only for owners already admitted (a miss
   * otherwise, so the caller goes the guarded upstream way). No gate (a partner-wide caller): the cache itself.
   */
  gated(gate: BillCacheGate | null | undefined): BillCache {
    if (!gate) return this;
    const view = Object.create(this) as BillCache;
    view.peek = <T>(key: BillCacheKey): readonly T[] | undefined => (gate.admitted(key.owner) ? this.peek<T>(key) : undefined);
    view.load = async <T>(key: BillCacheKey, fetch: () => Promise<readonly T[]>): Promise<readonly T[]> => {
      await gate.admit(key.owner);
      return this.load<T>(key, fetch);
    };
    return view;
  }

  /** Entries and records held (for tests and metrics). */
  get stats(): { entries: number; records: number } {
    return { entries: this.cache?.size ?? 0, records: this.cache?.calculatedSize ?? 0 };
  }
}

function textOf(key: BillCacheKey): string {
  return JSON.stringify([key.scope, key.language, key.kind, key.query, key.cycle]);
}

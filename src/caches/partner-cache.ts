/**
 * Partner data shared across requests: customers, balances, resellers, orders, resources and coupons, as the
 * upstream answered them, each kind with its own lifetime (balances move with every payment, so theirs is
 * short). Many users of one sales platform ask the same pages; with one quota of 10 calls/s per API, an answer
 * read once and served to everyone asking within its TTL is what lets the gateway serve more requests than the
 * quota allows calls.
 *
 * - **Scoped.** A key holds the caller's scope (the partner's own, or one reseller's), so a reseller key never
 *   reads an entry another scope filled, even for the same request text.
 * - **Coalesced.** Concurrent misses of one key share one load; a waiter that goes away leaves it, and the load
 *   is aborted only when no waiter is left.
 * - **Invalidated by writes.** `invalidateCustomer`, `invalidateReseller`, `invalidateKind`, `invalidateAll`.
 *   An entry is tagged with the customers and resellers its request and answer name; an invalidation also
 *   drops every load in flight (its answer may predate the write: it is returned to its waiters, not stored).
 * - **Aged.** Every answer says how old it is (`ageMs`, 0 for a fresh load), so a response can tell its client.
 * - **Stale while revalidating, bounded.** An entry past its TTL but younger than TTL × `staleFactor` (2 by
 *   default; 0 turns it off) is answered at once with its true age while one refresh loads in the background.
 *   Without it, the first asker after expiry waits for the upstream and everyone else joins that wait: one hung
 *   read held every user of a hot page for the read deadline (bench/LOAD.md, 30 s). A refresh that fails or hangs
 *   leaves the entry serving until its bound (a failed one is tried again at most once a second); past the
 *   bound the entry is gone and askers wait for a load as before. Invalidations drop stale entries too.
 *   Nobody waits for a refresh, so its load is told so (`backgroundUntil`): the upstream budget serves it after
 *   every caller that is waiting (src/bss/rate-budget.ts), until someone joins it — then it is urgent again.
 *
 * - **Shared, when given a second level.** With `secondLevel` (main.ts injects the store's, PostgreSQL only), a
 *   miss here reads the entry another replica stored before asking the upstream, and an upstream answer is stored
 *   there for the others; the in-process entries stay in front (microsecond hits, one load per replica for
 *   concurrent misses). Invalidations delete the shared rows too and reach the other replicas' in-process entries
 *   (src/caches/second-level.ts says how). The second level failing or slow is a miss, never a failed read
 *   (src/caches/second-level-link.ts). A stale answer comes only from this replica's own entries.
 *
 * The cache knows nothing of the wire: the BSS side (src/loaders/cached-reads.ts) says which kind a read is and
 * which customers and resellers it names. Failures are never stored. Bounded by entries (LRU).
 */
import { LRUCache } from 'lru-cache';
import type { SharedInvalidation } from './second-level.js';
import { SecondLevelLink, type SecondLevelOptions } from './second-level-link.js';

export const PARTNER_DATA_KINDS = ['customers', 'balances', 'resellers', 'orders', 'resources', 'coupons'] as const;
export type PartnerDataKind = (typeof PARTNER_DATA_KINDS)[number];

/** Lifetime of an entry per kind, in ms; 0: that kind is not cached. */
export type PartnerCacheTtls = Readonly<Record<PartnerDataKind, number>>;

/**
 * Defaults (docs/deploy.md, "Every environment variable" and "Cache per replica or shared"): balances change with every payment or adjustment, so 10 s; lists and details of
 * customers, orders, resources and coupons 60 s; resellers, which a distributor rarely adds, 5 min.
 */
export const DEFAULT_PARTNER_CACHE_TTLS_MS: PartnerCacheTtls = {
  customers: 60_000, balances: 10_000, resellers: 300_000, orders: 60_000, resources: 60_000, coupons: 60_000,
};

export const DEFAULT_PARTNER_CACHE_MAX_ENTRIES = 5_000;

/** An expired entry still answers (refreshed in the background) until it is TTL × this old; 0: never. */
export const DEFAULT_PARTNER_CACHE_STALE_FACTOR = 2;

/** After a background refresh failed, the next stale answer starts another no sooner than this. */
const REFRESH_RETRY_MS = 1_000;

/**
 * With a shared level, each replica's entry goes stale early by a random part of this spread: 20 % of its TTL, at
 * most 2 s. An entry read from the shared level keeps the time it was loaded, so without a spread every replica's
 * copy would expire at the same instant and each would refresh it from the upstream (3 replicas: 3 loads per TTL
 * of a hot key, measured in bench/LOAD.md). Spread, the first to go stale loads it and the others find its newer
 * row. Seconds are enough to separate refreshes that take a fraction of one; more would only shorten the TTLs.
 */
const SHARED_EXPIRY_SPREAD = 0.2;
const SHARED_EXPIRY_SPREAD_MAX_MS = 2_000;

export interface PartnerCacheOptions {
  readonly ttlMs?: Partial<PartnerCacheTtls>;
  /** Entries kept at most (least recently used go first). */
  readonly maxEntries?: number;
  /**
   * An expired entry younger than TTL × this is answered at once (with its true age) while one refresh loads in
   * the background; 0 (or anything up to 1) turns stale answers off. Default 2.
   */
  readonly staleFactor?: number;
  /** Clock in ms (tests inject one). */
  readonly now?: () => number;
  /** Random in [0, 1) for the spread of expiries with a shared level (tests inject one). */
  readonly random?: () => number;
  /** Told of every lookup: hit (an entry, or joining a load in flight) or miss, for metrics. */
  readonly onLookup?: (kind: PartnerDataKind, hit: boolean) => void;
  /** A level shared by replicas behind this one (PostgreSQL), with how to reach it; absent: this process only. */
  readonly secondLevel?: SecondLevelOptions;
}

export interface PartnerCacheKey {
  readonly kind: PartnerDataKind;
  /** Whose view the answer is: `partner`, or `reseller:<id>` for a reseller key. Part of the key. */
  readonly scope: string;
  /** What was asked (operation, credentials, language and the canonical request). */
  readonly key: string;
  /**
   * The answer holds personal data (names, login names, phone numbers, e-mails): it stays in this process and
   * never goes to the shared level, unless the shared level's `sharePersonalData` allows it.
   */
  readonly personal?: boolean;
}

/** Who an answer is about, for invalidation. */
export interface PartnerCacheTags {
  readonly customers: readonly string[];
  readonly resellers: readonly string[];
}

export interface PartnerCacheAnswer<T> {
  readonly value: T;
  /** How old the answer is: 0 when this lookup loaded it from the upstream or joined that load. */
  readonly ageMs: number;
  /** Whether it came from an entry, here or shared (true), rather than an upstream load (joined or started). */
  readonly cached: boolean;
}

/**
 * Loads an answer. `backgroundUntil` is given to a background refresh (its stale answer was served: nobody waits
 * for it) and fires when a caller joins it; a load someone waits for gets none.
 */
export type PartnerCacheLoad<T> = (signal: AbortSignal, backgroundUntil?: AbortSignal) => Promise<{ readonly value: T; readonly tags: PartnerCacheTags }>;

interface Entry {
  readonly value: unknown;
  readonly kind: PartnerDataKind;
  readonly storedAt: number;
  readonly expiresAt: number;
  /** Past `expiresAt` and before this, the entry answers while a refresh loads; from this on it is gone. */
  readonly staleUntil: number;
  readonly customers: ReadonlySet<string>;
  readonly resellers: ReadonlySet<string>;
  /** A stale answer starts no refresh before this (set when a background refresh failed). */
  retryAfter: number;
}

/** What a load gave: an upstream answer (`storedAt` undefined), or a shared entry with its time. */
interface Loaded {
  readonly value: unknown;
  readonly storedAt?: number;
}

interface InFlight {
  readonly promise: Promise<Loaded>;
  readonly controller: AbortController;
  waiters: number;
  /** Cleared by an invalidation while loading: the answer may predate the write. */
  storable: boolean;
  /** A background refresh's: aborted when a caller joins it, which makes its upstream calls interactive again. */
  readonly urgent: AbortController | undefined;
}

export class PartnerDataCache {
  private readonly ttl: PartnerCacheTtls;
  private readonly entries: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, InFlight>();
  private readonly staleFactor: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onLookup: ((kind: PartnerDataKind, hit: boolean) => void) | undefined;
  private readonly shared: SecondLevelLink | undefined;
  private readonly sharePersonalData: boolean;
  private readonly unsubscribe: () => void;

  constructor(options: PartnerCacheOptions = {}) {
    this.ttl = { ...DEFAULT_PARTNER_CACHE_TTLS_MS, ...options.ttlMs };
    this.entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? DEFAULT_PARTNER_CACHE_MAX_ENTRIES });
    const factor = options.staleFactor ?? DEFAULT_PARTNER_CACHE_STALE_FACTOR;
    if (!(Number.isFinite(factor) && factor >= 0)) throw new RangeError('the partner cache\'s stale factor must be a number ≥ 0');
    this.staleFactor = factor;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.onLookup = options.onLookup;
    this.shared = options.secondLevel ? new SecondLevelLink(options.secondLevel) : undefined;
    this.sharePersonalData = options.secondLevel?.sharePersonalData === true;
    // Another replica's write: its rows are gone already; what this replica holds of them goes now.
    this.unsubscribe = this.shared?.subscribe((what) => this.drop(matcherOf(what)), () => this.drop(() => true)) ?? (() => undefined);
  }

  /** Whether answers of `kind` are kept at all (TTL above 0). */
  caches(kind: PartnerDataKind): boolean {
    return this.ttl[kind] > 0;
  }

  ttlMs(kind: PartnerDataKind): number {
    return this.ttl[kind];
  }

  /**
   * The answer for `key`: a fresh entry, a stale one within its bound (starting one background refresh), the load
   * already running for it, or a new load. `signal` is this waiter's: when it aborts, this call rejects with its
   * reason, and the load stops once no waiter is left (a background refresh has none: it runs to its end).
   */
  async get<T>(key: PartnerCacheKey, load: PartnerCacheLoad<T>, signal?: AbortSignal): Promise<PartnerCacheAnswer<T>> {
    signal?.throwIfAborted();
    const id = `${key.kind}\u0000${key.scope}\u0000${key.key}`;
    const now = this.now();
    const entry = this.entries.get(id);
    if (entry && now < entry.staleUntil) {
      this.onLookup?.(key.kind, true);
      if (now >= entry.expiresAt) this.refresh(id, key, entry, now, load as PartnerCacheLoad<unknown>);
      return { value: entry.value as T, ageMs: Math.max(0, now - entry.storedAt), cached: true };
    }
    if (entry) this.entries.delete(id);

    let flight = this.inFlight.get(id);
    this.onLookup?.(key.kind, flight !== undefined);
    if (!flight) flight = this.start(id, key, load as PartnerCacheLoad<unknown>);
    // Joining a background refresh: someone waits for it now, so it must not queue behind interactive calls.
    else flight.urgent?.abort();
    flight.waiters += 1;
    const loaded = await this.wait(id, flight, signal);
    if (loaded.storedAt === undefined) return { value: loaded.value as T, ageMs: 0, cached: false };
    return { value: loaded.value as T, ageMs: Math.max(0, this.now() - loaded.storedAt), cached: true };
  }

  /** Drops every entry about this customer (its pages, balances, orders, …) and every load in flight. */
  invalidateCustomer(customerId: string): number {
    return this.invalidate({ customers: [customerId] });
  }

  /**
   * Drops every entry about this reseller — read by its key, or naming it (its account, its customer lists) —
   * and every load in flight. A customer's own data read by a partner-wide key is the customer's: `invalidateCustomer`.
   */
  invalidateReseller(indirectPartnerId: string): number {
    return this.invalidate({ resellers: [indirectPartnerId] });
  }

  /** Drops every entry of these kinds, in every scope, and every load in flight. */
  invalidateKind(...kinds: PartnerDataKind[]): number {
    return this.invalidate({ kinds });
  }

  invalidateAll(): number {
    return this.invalidate({ all: true });
  }

  /**
   * Resolves when the shared level has done every invalidation (and write) asked of it so far, or gave up (bounded):
   * a write's caller awaits it before answering, so the next read on any replica cannot find the old row.
   */
  settled(): Promise<void> {
    return this.shared?.settled() ?? Promise.resolve();
  }

  /** Stops listening for other replicas' invalidations (at shutdown). */
  close(): void {
    this.unsubscribe();
  }

  /** Entries held (those past their stale bound until they are next looked up or evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** One background load for a stale entry, unless one is running or the last one failed under a second ago. */
  private refresh(id: string, key: PartnerCacheKey, entry: Entry, now: number, load: PartnerCacheLoad<unknown>): void {
    if (this.inFlight.has(id) || now < entry.retryAfter) return;
    // Newer than this entry: a shared row as old as it is what is being refreshed, not an answer.
    this.start(id, key, load, entry.storedAt, true).promise.catch(() => {
      // The stale entry keeps answering until its bound; the upstream is not asked again on every lookup.
      entry.retryAfter = this.now() + REFRESH_RETRY_MS;
    });
  }

  private start(id: string, key: PartnerCacheKey, load: PartnerCacheLoad<unknown>, newerThan?: number, background = false): InFlight {
    const { kind } = key;
    const controller = new AbortController();
    const urgent = background ? new AbortController() : undefined;
    const flight: InFlight = { promise: undefined as unknown as Promise<Loaded>, controller, waiters: 0, storable: true, urgent };
    (flight as { promise: Promise<Loaded> }).promise = this.loadThrough(key, load, controller.signal, newerThan, urgent?.signal).then(
      ({ value, tags, storedAt: sharedAt, generation }) => {
        if (this.inFlight.get(id) === flight) this.inFlight.delete(id);
        if (flight.storable && !controller.signal.aborted) {
          const storedAt = sharedAt ?? this.now();
          const ttl = this.ttl[kind];
          this.entries.set(id, {
            value,
            kind,
            storedAt,
            expiresAt: storedAt + ttl - (this.shared ? Math.floor(this.random() * Math.min(ttl * SHARED_EXPIRY_SPREAD, SHARED_EXPIRY_SPREAD_MAX_MS)) : 0),
            staleUntil: storedAt + Math.max(ttl, ttl * this.staleFactor),
            customers: new Set(tags.customers),
            resellers: new Set(tags.resellers),
            retryAfter: 0,
          });
          // An upstream answer, for the other replicas; the generation keeps it out if a write came meanwhile.
          if (sharedAt === undefined && generation !== undefined) this.shared?.write(key, value, storedAt, storedAt + ttl, tags, generation);
        }
        return sharedAt === undefined ? { value } : { value, storedAt: sharedAt };
      },
      (error: unknown) => {
        if (this.inFlight.get(id) === flight) this.inFlight.delete(id);
        throw error;
      },
    );
    // A load whose every waiter left still settles; nobody may be listening.
    flight.promise.catch(() => undefined);
    this.inFlight.set(id, flight);
    return flight;
  }

  /**
   * The shared entry when there is a fresh one (for a refresh: one newer than the entry refreshed), else the
   * upstream's answer (with the generation read before it).
   */
  private async loadThrough(key: PartnerCacheKey, load: PartnerCacheLoad<unknown>, signal: AbortSignal, newerThan?: number, backgroundUntil?: AbortSignal): Promise<{
    value: unknown; tags: PartnerCacheTags; storedAt?: number; generation?: string;
  }> {
    if (!this.shared || (key.personal === true && !this.sharePersonalData)) return load(signal, backgroundUntil);
    const { hit, generation } = await this.shared.read(key, this.now());
    if (hit && (newerThan === undefined || hit.storedAt > newerThan)) return { value: hit.value, tags: { customers: hit.customers, resellers: hit.resellers }, storedAt: hit.storedAt };
    signal.throwIfAborted();
    const loaded = await load(signal, backgroundUntil);
    return generation === undefined ? loaded : { ...loaded, generation };
  }

  private wait(id: string, flight: InFlight, signal: AbortSignal | undefined): Promise<Loaded> {
    if (!signal) return flight.promise;
    return new Promise((resolve, reject) => {
      const leave = (): void => {
        flight.waiters -= 1;
        if (flight.waiters === 0) {
          // Nobody wants it any more: stop the upstream work and let the next asker start afresh.
          if (this.inFlight.get(id) === flight) this.inFlight.delete(id);
          flight.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  /** Drops here, and (when shared) in the shared level and, through it, in the other replicas. */
  private invalidate(what: SharedInvalidation): number {
    const dropped = this.drop(matcherOf(what));
    this.shared?.invalidate(what);
    return dropped;
  }

  private drop(matches: (entry: Entry) => boolean): number {
    for (const flight of this.inFlight.values()) flight.storable = false;
    this.inFlight.clear();
    let dropped = 0;
    for (const [id, entry] of this.entries.entries()) {
      if (!matches(entry)) continue;
      this.entries.delete(id);
      dropped += 1;
    }
    return dropped;
  }
}

/** Whether an entry is one an invalidation names. */
function matcherOf(what: SharedInvalidation): (entry: Entry) => boolean {
  if (what.all) return () => true;
  const kinds = new Set(what.kinds ?? []);
  const customers = what.customers ?? [];
  const resellers = what.resellers ?? [];
  return (entry) => kinds.has(entry.kind) || customers.some((c) => entry.customers.has(c)) || resellers.some((r) => entry.resellers.has(r));
}

/**
 * How the partner-data cache uses its shared second level (src/caches/second-level.ts) without ever failing or
 * stalling a read on it: a read that fails or takes longer than `readTimeoutMs` is a miss (the answer comes from
 * the upstream as with no second level); writes go in the background; invalidations go at once and `settled()`
 * lets a write's caller wait for them (bounded), so the next read on any replica finds the rows gone. Every
 * failure is told to `onError` (logs, metrics), never to the reader.
 */
import { exactJsonCodec, type ExactJsonCodec } from './exact-json.js';
import type { PartnerCacheSecondLevel, SharedEntryKey, SharedInvalidation } from './second-level.js';

/** A shared read slower than this is a miss: PostgreSQL answers in about a millisecond (bench/cache-placement.ts). */
export const DEFAULT_SECOND_LEVEL_READ_TIMEOUT_MS = 500;
/** How long `settled()` waits for pending invalidations and writes before giving up on them. */
export const DEFAULT_SECOND_LEVEL_SETTLE_TIMEOUT_MS = 2_000;

export interface SecondLevelOptions {
  readonly level: PartnerCacheSecondLevel;
  /** How values become text (default: exact JSON with decimal.js's own Decimal). */
  readonly codec?: ExactJsonCodec;
  readonly readTimeoutMs?: number;
  readonly settleTimeoutMs?: number;
  /** Told of every failed or timed-out operation; the cache carries on with its first level and the upstream. */
  readonly onError?: (operation: 'read' | 'write' | 'invalidate', error: unknown) => void;
  /**
   * Whether answers that hold personal data (keys marked `personal`) go to the shared level too. Off by default:
   * the shared level is a table in PostgreSQL, and the gateway keeps personal data out of its store unless the
   * deployment allows it (PARTNER_GRAPH_CACHE_SHARE_PERSONAL_DATA, docs/security.md).
   */
  readonly sharePersonalData?: boolean;
}

export interface SharedHit {
  readonly value: unknown;
  readonly storedAt: number;
  readonly customers: readonly string[];
  readonly resellers: readonly string[];
}

class SecondLevelTimeout extends Error {
  constructor(ms: number) {
    super(`the shared cache did not answer within ${ms} ms`);
    this.name = 'SecondLevelTimeout';
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SecondLevelTimeout(ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class SecondLevelLink {
  private readonly level: PartnerCacheSecondLevel;
  private readonly codec: ExactJsonCodec;
  private readonly readTimeoutMs: number;
  private readonly settleTimeoutMs: number;
  private readonly onError: NonNullable<SecondLevelOptions['onError']>;
  private readonly pending = new Set<Promise<void>>();

  constructor(options: SecondLevelOptions) {
    this.level = options.level;
    this.codec = options.codec ?? exactJsonCodec();
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_SECOND_LEVEL_READ_TIMEOUT_MS;
    this.settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SECOND_LEVEL_SETTLE_TIMEOUT_MS;
    this.onError = options.onError ?? (() => undefined);
  }

  /** The fresh shared entry if there is one, and the generation to write under; `{}` when the level failed. */
  async read(key: SharedEntryKey, now: number): Promise<{ readonly hit?: SharedHit; readonly generation?: string }> {
    try {
      const { entry, generation } = await within(this.level.read(key, now), this.readTimeoutMs);
      if (!entry) return { generation };
      return { hit: { value: this.codec.decode(entry.value), storedAt: entry.storedAt, customers: entry.customers, resellers: entry.resellers }, generation };
    } catch (error) {
      this.onError('read', error);
      return {};
    }
  }

  /** Stores an upstream answer for the other replicas, in the background. */
  write(key: SharedEntryKey, value: unknown, storedAt: number, expiresAt: number, tags: { customers: readonly string[]; resellers: readonly string[] }, generation: string): void {
    this.track('write', async () => {
      await this.level.write({ ...key, value: this.codec.encode(value), storedAt, expiresAt, customers: tags.customers, resellers: tags.resellers }, generation);
    });
  }

  /** Deletes the matching shared entries and tells the other replicas; `settled()` waits for it. */
  invalidate(what: SharedInvalidation): void {
    this.track('invalidate', () => this.level.invalidate(what));
  }

  subscribe(onInvalidate: (what: SharedInvalidation) => void, onReset: () => void): () => void {
    return this.level.subscribe(onInvalidate, onReset);
  }

  /** Resolves once every invalidation and write started so far is done, failed, or past the settle bound. */
  async settled(): Promise<void> {
    if (this.pending.size === 0) return;
    await within(Promise.all([...this.pending]), this.settleTimeoutMs).catch((error: unknown) => this.onError('invalidate', error));
  }

  private track(operation: 'write' | 'invalidate', run: () => Promise<void>): void {
    const done: Promise<void> = run()
      .catch((error: unknown) => this.onError(operation, error))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }
}

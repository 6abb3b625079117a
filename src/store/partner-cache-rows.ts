/**
 * The partner-data cache's shared second level in the store (migration 0004; the cache's side is
 * src/caches/second-level.ts, and main.ts joins them, so the store never imports the cache): one row per
 * kind + scope + request, read by replicas on their in-process miss, written after an upstream load, deleted
 * by writes' invalidations. Values are text the cache encoded; times are the cache's epoch ms.
 *
 * An answer loaded before a write must not land after it (another replica's load still in flight when the
 * write's invalidation ran). A generation counter, bumped by every invalidation, is read with the miss and the
 * write stores only while it is unchanged; the write holds the counter's row FOR SHARE and the invalidation
 * updates it before it deletes, so either the write commits first and the delete (a later statement, a later
 * snapshot) removes it, or the write sees the new generation and stores nothing.
 */
import { sql } from 'kysely';
import type { StoreReader } from './store.js';

/** The LISTEN/NOTIFY channel replicas tell each other their invalidations on (src/store/partner-cache-channel.ts). */
export const PARTNER_CACHE_CHANNEL = 'partner_graph_cache';

export interface CacheRowKey {
  readonly kind: string;
  readonly scope: string;
  readonly key: string;
}

export interface CacheRow extends CacheRowKey {
  readonly value: string;
  readonly storedAt: number;
  readonly expiresAt: number;
  readonly customers: readonly string[];
  readonly resellers: readonly string[];
}

export interface CacheRowsInvalidation {
  readonly customers?: readonly string[];
  readonly resellers?: readonly string[];
  readonly kinds?: readonly string[];
  readonly all?: boolean;
}

/**
 * The request as stored: PostgreSQL text cannot hold NUL, which the cache's keys use as a separator; a JSON
 * string literal escapes it (and is one-to-one, so two requests never share a row).
 */
function storedKey(key: string): string {
  return JSON.stringify(key);
}

/** The row if it is fresh at `now` (the request text compared, not only its hash), and the current generation. */
export async function readCacheRow(store: StoreReader, key: CacheRowKey, now: number): Promise<{
  entry: Pick<CacheRow, 'value' | 'storedAt' | 'customers' | 'resellers'> | undefined;
  generation: string;
}> {
  const { rows } = await sql<{ generation: string; value: string | null; stored_at: number | null; customers: string[] | null; resellers: string[] | null }>`
    select g.n::text as generation, e.value, e.stored_at, e.customers, e.resellers
    from partner_cache_generation g
    left join partner_cache_entries e
      on e.kind = ${key.kind} and e.scope = ${key.scope} and e.key_hash = md5(${storedKey(key.key)}) and e.key = ${storedKey(key.key)} and e.expires_at > ${now}
    where g.id = 1`.execute(store.db);
  const row = rows[0];
  if (!row) throw new Error('partner_cache_generation has no row: the store is not migrated');
  if (row.value === null) return { entry: undefined, generation: row.generation };
  return { entry: { value: row.value, storedAt: Number(row.stored_at), customers: row.customers ?? [], resellers: row.resellers ?? [] }, generation: row.generation };
}

/** Stores (or replaces with a newer) row, unless an invalidation bumped the generation since `generation`; true when stored. */
export async function writeCacheRow(store: StoreReader, row: CacheRow, generation: string): Promise<boolean> {
  const result = await sql`
    insert into partner_cache_entries as e (kind, scope, key_hash, key, value, stored_at, expires_at, customers, resellers)
    select ${row.kind}, ${row.scope}, md5(${storedKey(row.key)}), ${storedKey(row.key)}, ${row.value}, ${row.storedAt}::bigint, ${row.expiresAt}::bigint,
      ${[...row.customers]}::text[], ${[...row.resellers]}::text[]
    from partner_cache_generation g
    where g.id = 1 and g.n = ${generation}::bigint
    for share of g
    on conflict (kind, scope, key_hash) do update
      set key = excluded.key, value = excluded.value, stored_at = excluded.stored_at, expires_at = excluded.expires_at,
        customers = excluded.customers, resellers = excluded.resellers
      where e.stored_at <= excluded.stored_at`.execute(store.db);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

/**
 * Deletes the rows the invalidation names and bumps the generation, in one transaction, and tells the other
 * replicas on the channel (delivered at commit). `payload` is what they receive. Returns the rows deleted.
 */
export async function invalidateCacheRows(store: StoreReader, what: CacheRowsInvalidation, payload: string): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    // First: this waits for writes holding the counter, so the delete below sees what they stored.
    await sql`update partner_cache_generation set n = n + 1 where id = 1`.execute(trx);
    const deleted = what.all
      ? await sql`delete from partner_cache_entries`.execute(trx)
      : await sql`
        delete from partner_cache_entries
        where kind = any(${[...(what.kinds ?? [])]}::text[])
          or customers && ${[...(what.customers ?? [])]}::text[]
          or resellers && ${[...(what.resellers ?? [])]}::text[]`.execute(trx);
    await sql`select pg_notify(${PARTNER_CACHE_CHANNEL}, ${payload})`.execute(trx);
    return Number(deleted.numAffectedRows ?? 0n);
  });
}

/** Deletes rows expired more than `graceMs` before `now`; returns how many. */
export async function purgeCacheRows(store: StoreReader, now: number, graceMs = 60_000): Promise<number> {
  const result = await sql`delete from partner_cache_entries where expires_at < ${now - graceMs}`.execute(store.db);
  return Number(result.numAffectedRows ?? 0n);
}

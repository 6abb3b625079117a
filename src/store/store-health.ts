/**
 * What readiness (/readyz, src/ops/health.ts) needs of the state store: it answers, and every migration this
 * build ships is applied. A replica whose store is unreachable would book no shared quota and keep no
 * idempotency record, and one whose database lags the build (a migration still running on another replica, or
 * one that failed) would fail its queries: neither should get traffic. One cheap statement, no upstream call.
 */
import { sql } from 'kysely';
import { SqlFileMigrationProvider } from './migrate.js';
import type { StoreReader } from './store.js';

export type StoreHealth =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'STORE_UNAVAILABLE' | 'STORE_NOT_MIGRATED'; readonly reason: string };

let newestShipped: Promise<string | undefined> | undefined;

/** The newest migration under src/store/migrations (read once per process). */
function newestMigration(): Promise<string | undefined> {
  newestShipped ??= new SqlFileMigrationProvider().getMigrations().then((m) => Object.keys(m).sort().at(-1));
  return newestShipped;
}

/** PostgreSQL's "undefined_table": the migrations' own table is missing, so none was ever applied. */
const isMissingTable = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === '42P01' || /relation .* does not exist/i.test(error instanceof Error ? error.message : '');

/** A store that does not answer within `timeoutMs` (a server gone quiet, a pool with no free connection) is unavailable. */
export async function checkStoreHealth(store: StoreReader, timeoutMs = 5_000): Promise<StoreHealth> {
  const expected = await newestMigration();
  let applied: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const read = sql<{ name: string }>`select name from store_migrations order by name desc limit 1`.execute(store.db);
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the state store did not answer in time')), timeoutMs);
    });
    read.catch(() => undefined); // answered after the timeout: nobody is listening
    const { rows } = await Promise.race([read, late]);
    applied = rows[0]?.name;
  } catch (error) {
    if (isMissingTable(error)) return { ok: false, code: 'STORE_NOT_MIGRATED', reason: 'the state store has no migrations applied' };
    return { ok: false, code: 'STORE_UNAVAILABLE', reason: 'the state store is unreachable' };
  } finally {
    clearTimeout(timer);
  }
  if (expected !== undefined && (applied === undefined || applied < expected)) {
    return { ok: false, code: 'STORE_NOT_MIGRATED', reason: `the state store is not migrated to ${expected} (newest applied: ${applied ?? 'none'})` };
  }
  return { ok: true };
}

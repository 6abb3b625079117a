/**
 * One consumption sync at a time per database. Every replica runs the sync (src/sync/), and its progress is
 * in the store, but nothing else stops two replicas from taking the same pending units: both would list the
 * same cycles and read the same customers' records, each within its own share — twice the upstream calls for
 * the same rows, out of the one quota the replicas share. So a pass runs only while it holds a PostgreSQL
 * session advisory lock: `pg_try_advisory_lock` on one pooled connection kept for the pass, released at its
 * end (or by the server when that connection or the replica dies). A replica that finds it taken skips that
 * pass and tries again later; whichever replica comes first syncs. PGlite is one process's own file: no lock.
 */
import { sql } from 'kysely';
import type { Store } from './store.js';

/** The lock's key: PostgreSQL's own hash of a name no other lock of the gateway uses (the Migrator uses its own). */
const LOCK = sql`hashtext('partner-graph.consumption-sync')`;

export type LeaseOutcome<T> = { readonly ran: true; readonly result: T } | { readonly ran: false };

/** Runs `work` while this process holds the sync lock; `{ ran: false }` at once when another session holds it. */
export async function withSyncLease<T>(store: Store, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
  if (store.engine !== 'postgresql') return { ran: true, result: await work() };
  return store.db.connection().execute(async (session) => {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_lock(${LOCK}) as got`.execute(session);
    if (!rows[0]?.got) return { ran: false } as const;
    try {
      return { ran: true, result: await work() } as const;
    } finally {
      // A failed unlock (the connection broke) leaves nothing held: the server released it with the session.
      await sql`select pg_advisory_unlock(${LOCK})`.execute(session).catch(() => undefined);
    }
  });
}

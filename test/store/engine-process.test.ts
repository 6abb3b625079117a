/**
 * The embedded engine as a child process (StoreConfig.engineProcess, PARTNER_GRAPH_STORE_PROCESS, the gateway's
 * default): the same queries, exact NUMERIC text and Dates, the database's errors with their codes, and no
 * process left behind after close. PGlite's WebAssembly heap then stays out of the gateway's RSS.
 */
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore, MEMORY_DATA_DIR, StoreDatabaseError, replaceCustomerCycle, readSyncProgress } from '../../src/store/index.js';
import { OPEN_TIMEOUT_MS } from './engines.js';
import { record } from './records.js';

const children = (): string[] => {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('pglite-worker'));
  } catch {
    return [];
  }
};

describe('the embedded engine in a child process', () => {
  it('answers like the worker thread, keeps its heap out of this process, and leaves nothing behind', async () => {
    const before = process.memoryUsage().rss;
    const store = await openStore({ databaseUrl: undefined, dataDir: MEMORY_DATA_DIR, engineProcess: true });
    try {
      expect(children()).toHaveLength(1);
      // Far less than the ~400 MB PGlite takes in a thread of this process.
      expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
      expect(store.migrationsApplied).toContain('0002_sync_bookkeeping');
      const { rows } = await sql<{ n: string; t: Date }>`select 12345678901234.12345678::numeric as n, now() as t`.execute(store.db);
      expect(rows[0]!.n).toBe('12345678901234.12345678');
      expect(rows[0]!.t).toBeInstanceOf(Date);
      const unit = { cycle: '2026-10', indirectPartnerId: null, customerId: 'c1' };
      await replaceCustomerCycle(store, { ...unit, records: [record({ id: 'r1', cycle: '2026-10', customerId: 'c1' })] });
      expect((await readSyncProgress(store, unit))!.amount!.toFixed()).toBe('1');
      const error = await sql`select * from no_such_table`.execute(store.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreDatabaseError);
      expect((error as StoreDatabaseError).code).toBe('42P01');
    } finally {
      await store.close();
    }
    expect(children()).toHaveLength(0);
  }, OPEN_TIMEOUT_MS);
});

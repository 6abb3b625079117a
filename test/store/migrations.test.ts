/**
 * Migrations: the numbered SQL files apply once, the same on both engines; a second start (or two at once on
 * one PostgreSQL database) applies nothing again; the embedded engine's files outlive the process.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RECORD_COLUMN_TYPES } from '../../src/store/consumption-record.js';
import { openStore, pageConsumptionRecords, replaceCustomerCycle } from '../../src/store/index.js';
import { SqlFileMigrationProvider } from '../../src/store/migrate.js';
import { OPEN_TIMEOUT_MS, TEST_DATABASE_URL, createTestDatabase, describeEachEngine } from './engines.js';
import { record } from './records.js';

const PG_TYPES: Record<string, string> = { text: 'text', integer: 'integer', numeric: 'numeric', timestamptz: 'timestamp with time zone' };

describeEachEngine('migrations', (store) => {
  it('applied the numbered files once, in order', async () => {
    const applied = await store().db.selectFrom('store_migrations' as never).select(sql<string>`name`.as('name')).orderBy(sql`name`).execute();
    expect(applied.map((r) => r.name)).toEqual(['0001_state_store', '0002_sync_bookkeeping', '0003_upstream_rate_starts', '0004_partner_cache_entries', '0005_unit_read_started']);
    expect(store().migrationsApplied).toEqual(['0001_state_store', '0002_sync_bookkeeping', '0003_upstream_rate_starts', '0004_partner_cache_entries', '0005_unit_read_started']);
  });

  it('gave consumption_records the columns the store writes, with their types, and the keyset primary key', async () => {
    const { rows } = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = 'consumption_records'`.execute(store().db);
    const columns = Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
    for (const [name, type] of RECORD_COLUMN_TYPES) expect(columns[name], name).toBe(PG_TYPES[type]);
    expect(Object.keys(columns).sort()).toEqual([...RECORD_COLUMN_TYPES.map(([n]) => n), 'cycle', 'indirect_partner_id', 'scope_key', 'customer_id'].sort());
    const { rows: key } = await sql<{ attname: string }>`
      select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = 'consumption_records'::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`.execute(store().db);
    expect(key.map((r) => r.attname)).toEqual(['cycle', 'scope_key', 'customer_id', 'record_id']);
  });

  it('the write path\'s tables hold their keys: one idempotency record per API key × idempotency key', async () => {
    const row = { api_key_name: 'bi', idempotency_key: 'k-1', operation: 'transfer', request_hash: 'h1', state: 'in_progress' as const, expires_at: new Date(Date.now() + 86_400_000) };
    await store().db.insertInto('idempotency_records').values(row).execute();
    await expect(store().db.insertInto('idempotency_records').values({ ...row, request_hash: 'h2' }).execute()).rejects.toMatchObject({ code: '23505' });
    await store().db.insertInto('idempotency_records').values({ ...row, api_key_name: 'other' }).execute();
    await expect(store().db.insertInto('idempotency_records').values({ ...row, idempotency_key: 'k-2', state: 'done' as never }).execute())
      .rejects.toMatchObject({ code: '23514' });
    const [audit] = await store().db.insertInto('audit_log').values({ api_key_name: 'bi', operation: 'transfer', outcome: 'applied', detail: JSON.stringify({ amount: '1.00' }) })
      .returning(['id', 'detail']).execute();
    expect(audit).toEqual({ id: 1, detail: { amount: '1.00' } });
  });
});

describe('migration files', () => {
  it('must be numbered NNNN_words.sql, each number once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-migrations-'));
    try {
      await writeFile(join(dir, '0001_first.sql'), 'select 1;');
      expect(Object.keys(await new SqlFileMigrationProvider(pathToFileURL(`${dir}/`)).getMigrations())).toEqual(['0001_first']);
      await writeFile(join(dir, '0001_again.sql'), 'select 1;');
      await expect(new SqlFileMigrationProvider(pathToFileURL(`${dir}/`)).getMigrations()).rejects.toThrow(/two store migrations are numbered 0001/);
      await rm(join(dir, '0001_again.sql'));
      await writeFile(join(dir, '2_Bad.sql'), 'select 1;');
      await expect(new SqlFileMigrationProvider(pathToFileURL(`${dir}/`)).getMigrations()).rejects.toThrow(/must be named NNNN_/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the embedded engine on files [pglite]', () => {
  it('keeps the store across a close and a reopen, and applies nothing the second time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-files-'));
    try {
      const first = await openStore({ databaseUrl: undefined, dataDir: dir });
      expect(first.migrationsApplied).toEqual(['0001_state_store', '0002_sync_bookkeeping', '0003_upstream_rate_starts', '0004_partner_cache_entries', '0005_unit_read_started']);
      expect(first.location).toBe(join(dir, 'pglite'));
      await replaceCustomerCycle(first, { cycle: '2026-10', indirectPartnerId: null, customerId: 'c1', records: [record({ id: 'r1', cycle: '2026-10', customerId: 'c1' })] });
      await first.close();
      await first.close();
      const second = await openStore({ databaseUrl: undefined, dataDir: dir });
      try {
        expect(second.migrationsApplied).toEqual([]);
        const page = await pageConsumptionRecords(second, { scope: 'all', fromCycle: '2026-10', toCycle: '2026-10' }, { first: 5 });
        expect(page.edges.map((e) => e.record.id)).toEqual(['r1']);
      } finally {
        await second.close();
      }
      await expect(first.db.selectFrom('audit_log').selectAll().execute()).rejects.toThrow(/destroyed|closed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, OPEN_TIMEOUT_MS);
});

describe.skipIf(!TEST_DATABASE_URL)('two gateways starting at once on one server [postgresql]', () => {
  it('apply each migration once: one applies, the other waits on the advisory lock and finds nothing to do', async () => {
    const database = await createTestDatabase();
    try {
      const config = { databaseUrl: database.url, dataDir: 'memory://' };
      const stores = await Promise.all([openStore(config), openStore(config), openStore(config)]);
      try {
        expect(stores.map((s) => s.migrationsApplied).flat()).toEqual(['0001_state_store', '0002_sync_bookkeeping', '0003_upstream_rate_starts', '0004_partner_cache_entries', '0005_unit_read_started']);
        const { rows } = await sql<{ n: number }>`select count(*)::bigint as n from store_migrations`.execute(stores[0]!.db);
        expect(rows[0]!.n).toBe(5);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await database.drop();
    }
  }, OPEN_TIMEOUT_MS);

  it('refuses a URL it cannot reach with the connection error, not a hang', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.port = '1';
    await expect(openStore({ databaseUrl: url.toString(), dataDir: 'memory://' })).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});

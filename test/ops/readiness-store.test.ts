/**
 * /readyz and the state store: a gateway with a store is ready only while the store answers and holds every
 * migration this build ships; the store is checked first, so an unready store spends no upstream call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { BssClient } from '../../src/bss/client.js';
import { ReadinessCheck } from '../../src/ops/health.js';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../src/store/index.js';
import { SqlFileMigrationProvider } from '../../src/store/migrate.js';

/** A client whose partner read always succeeds, counting its calls. */
function fakeBss(): { bss: BssClient; calls: () => number } {
  let calls = 0;
  const bss = { call: async () => { calls += 1; return {}; } } as unknown as BssClient;
  return { bss, calls: () => calls };
}

const fresh = { readyTtlMs: 0, unreadyTtlMs: 0 };
let migrated: Store;
let unmigrated: Store;
let newest: string;

beforeAll(async () => {
  [migrated, unmigrated] = await Promise.all([
    openStore({ databaseUrl: undefined, dataDir: MEMORY_DATA_DIR }),
    openStore({ databaseUrl: undefined, dataDir: MEMORY_DATA_DIR }, { migrate: false }),
  ]);
  newest = Object.keys(await new SqlFileMigrationProvider().getMigrations()).sort().at(-1)!;
}, 120_000);
afterAll(async () => {
  await unmigrated?.close();
});

describe('readiness with a state store', () => {
  it('is ready when the store is migrated to this build and the upstream answers', async () => {
    const { bss, calls } = fakeBss();
    const answer = await new ReadinessCheck({ bss, store: migrated, ...fresh }).check();
    expect(answer.status).toBe('ready');
    expect(calls()).toBe(1);
  });

  it('is unready, with no upstream call, while the store has no migrations applied', async () => {
    const { bss, calls } = fakeBss();
    const answer = await new ReadinessCheck({ bss, store: unmigrated, ...fresh }).check();
    expect(answer).toMatchObject({ status: 'unready', code: 'STORE_NOT_MIGRATED', reason: 'the state store has no migrations applied', httpStatus: null });
    expect(calls()).toBe(0);
  });

  it('is unready while the store lags the newest migration this build ships, and ready again once it is applied', async () => {
    const { bss, calls } = fakeBss();
    const check = new ReadinessCheck({ bss, store: migrated, ...fresh });
    const [row] = (await sql<{ name: string; timestamp: string }>`select name, timestamp from store_migrations where name = ${newest}`.execute(migrated.db)).rows;
    await sql`delete from store_migrations where name = ${newest}`.execute(migrated.db);
    const behind = await check.check();
    expect(behind).toMatchObject({ status: 'unready', code: 'STORE_NOT_MIGRATED' });
    expect(behind.status === 'unready' && behind.reason).toMatch(new RegExp(`^the state store is not migrated to ${newest} \\(newest applied: \\d{4}_`));
    await sql`insert into store_migrations (name, timestamp) values (${row!.name}, ${row!.timestamp})`.execute(migrated.db);
    expect((await check.check()).status).toBe('ready');
    expect(calls()).toBe(1);
  });

  it('is unready while the store does not answer (closed)', async () => {
    const { bss, calls } = fakeBss();
    await migrated.close();
    const answer = await new ReadinessCheck({ bss, store: migrated, ...fresh }).check();
    expect(answer).toMatchObject({ status: 'unready', code: 'STORE_UNAVAILABLE', reason: 'the state store is unreachable' });
    expect(calls()).toBe(0);
  });
});

/**
 * Several replicas on one PostgreSQL database each run the consumption sync; one pass at a time does the work
 * (src/store/sync-lease.ts): two syncs on two pools of one database, started at once, make the upstream calls of
 * one pass, the other skips; the lock is released with the pass. PGlite is one process's store: no lock there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPullBound, totalCalls } from '../../bench/bounds.js';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../src/store/index.js';
import { withSyncLease } from '../../src/store/sync-lease.js';
import { ConsumptionSync } from '../../src/sync/index.js';
import { OPEN_TIMEOUT_MS, TEST_DATABASE_URL, createTestDatabase } from '../store/engines.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';

const CYCLE = '2026-10';

describe.skipIf(!TEST_DATABASE_URL)('one consumption sync at a time on one PostgreSQL [postgresql]', () => {
  let stack: Stack;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaA: Store;
  let replicaB: Store;

  beforeAll(async () => {
    stack = await startStack({ customers: 30, resellers: 2 });
    database = await createTestDatabase();
    // Two replicas: two pools on one database, as two gateway processes with one DATABASE_URL.
    replicaA = await openStore({ databaseUrl: database.url, dataDir: MEMORY_DATA_DIR });
    replicaB = await openStore({ databaseUrl: database.url, dataDir: MEMORY_DATA_DIR });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
    await stack?.close();
  });

  it('two replicas passing at once make one pass\'s upstream calls; the other skips, and may pass once the lock is free', async () => {
    const world = stack.simulator.state.world;
    const bound = monthPullBound({
      resellers: world.resellers.map((r) => r.indirectPartnerId),
      customers: world.customers.map((c) => ({
        customerId: c.customerId, indirectPartnerId: c.indirectPartnerId, associationType: c.associationType,
        records: stack.simulator.state.bills.records(c.customerId, CYCLE).length,
      })),
    });
    const a = new ConsumptionSync({ bss: stack.bss, store: replicaA, now: () => TEST_NOW, cycles: [CYCLE] });
    const b = new ConsumptionSync({ bss: stack.bss, store: replicaB, now: () => TEST_NOW, cycles: [CYCLE] });
    stack.bss.counter.reset();
    const [ra, rb] = await Promise.all([a.runPass(), b.runPass()]);
    const [lead, skipped] = ra.skipped ? [rb, ra] : [ra, rb];
    expect(skipped).toEqual({ cycles: 0, cyclesComplete: 0, cyclesFailed: 0, unitsSynced: 0, unitsFailed: 0, records: 0, driftStale: 0, skipped: true });
    expect(lead.skipped).toBeUndefined();
    expect(lead.cyclesComplete).toBe(1);
    expect(lead.unitsSynced).toBe(world.customers.filter((c) => c.indirectPartnerId !== null || stack.simulator.state.bills.records(c.customerId, CYCLE).length > 0).length);
    // Exactly the calls of one month's sync (bench/bounds.ts), not two.
    expect(stack.bss.counter.requests()).toBe(totalCalls(bound));

    // The lock went with the pass: the replica that skipped passes now, and finds nothing left to read.
    stack.bss.counter.reset();
    const again = await (ra.skipped ? a : b).runPass();
    expect(again.skipped).toBeUndefined();
    expect(again.unitsSynced).toBe(0);
    expect(stack.bss.counter.requests()).toBe(0);
  }, 180_000);

  it('a second session cannot take the lock while one holds it, and can once it is released', async () => {
    let inner: Awaited<ReturnType<typeof withSyncLease<string>>> | undefined;
    const outer = await withSyncLease(replicaA, async () => {
      inner = await withSyncLease(replicaB, async () => 'b ran');
      return 'a ran';
    });
    expect(outer).toEqual({ ran: true, result: 'a ran' });
    expect(inner).toEqual({ ran: false });
    expect(await withSyncLease(replicaB, async () => 'b ran')).toEqual({ ran: true, result: 'b ran' });
  });
});

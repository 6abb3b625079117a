/**
 * `Query.consumptionSync` (contract: examples/store.graphql) over a stack with an in-memory store and a sync:
 * one row per kept cycle, the counts of summarizeSyncCycles, a reseller key's counts limited to its customers;
 * and the sync's metrics and log lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/api-keys.js';
import { Metrics } from '../../src/ops/metrics.js';
import { syncObserver } from '../../src/ops/sync-log.js';
import { summarizeSyncCycles } from '../../src/store/index.js';
import { ContractConsumptionSyncDocument } from '../generated/graphql.js';
import { OPEN_TIMEOUT_MS } from '../store/engines.js';
import { startStack, type Stack } from '../support/stack.js';

const CYCLES = ['2026-10', '2026-11'];

describe('Query.consumptionSync', () => {
  let stack: Stack;
  let reseller: string;
  beforeAll(async () => {
    stack = await startStack({
      customers: 30,
      resellers: 2,
      store: 'memory',
      sync: { cycles: CYCLES },
      apiKeys: [{ name: 'admin', role: 'admin', sha256: sha256Hex('pg_admin') }],
    });
    reseller = stack.simulator.state.world.resellers[0]!.indirectPartnerId;
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.close();
  });

  const asAdmin = { authorization: 'Bearer pg_admin' };

  it('shows no cycle before the first pass, then each kept cycle complete with its counts', async () => {
    const before = await stack.graphql(ContractConsumptionSyncDocument, {}, asAdmin);
    expect(before.errors).toBeUndefined();
    expect(before.data!.consumptionSync.cycles).toEqual([]);

    await stack.sync!.runPass();
    const { data, errors } = await stack.graphql(ContractConsumptionSyncDocument, {}, asAdmin);
    expect(errors).toBeUndefined();
    const summaries = await summarizeSyncCycles(stack.store!);
    expect(data!.consumptionSync.cycles.map((c) => c.cycle)).toEqual(['2026-11', '2026-10']);
    for (const row of data!.consumptionSync.cycles) {
      const s = summaries.find((x) => x.cycle === row.cycle)!;
      expect(row).toEqual({
        cycle: s.cycle, complete: true, customersSynced: s.customersTotal, customersTotal: s.customersTotal, records: s.records,
        syncedAt: s.syncedAt!.toISOString(),
      });
      expect(row.records).toBeGreaterThan(0);
    }
  }, 120_000);

  it('counts only a reseller\'s own customers for its key', async () => {
    const mine = stack.simulator.state.world.customersOf(reseller).length;
    const scoped = await startStack({
      customers: 30, resellers: 2, store: stack.store!,
      apiKeys: [{ name: 'r', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex('pg_reseller') }],
    });
    try {
      const { data, errors } = await scoped.graphql(ContractConsumptionSyncDocument, {}, { authorization: 'Bearer pg_reseller' });
      expect(errors).toBeUndefined();
      for (const row of data!.consumptionSync.cycles) expect(row.customersTotal).toBe(mine);
    } finally {
      await scoped.close();
    }
  }, 120_000);

  it('answers an empty list, not an error, without a store', async () => {
    const bare = await startStack({ customers: 5 });
    try {
      const { data, errors } = await bare.graphql('{ consumptionSync { enabled cycles { cycle } } }');
      expect(errors).toBeUndefined();
      expect(data.consumptionSync).toEqual({ enabled: false, cycles: [] });
    } finally {
      await bare.close();
    }
  });
});

describe('the sync\'s metrics and log lines', () => {
  it('counts units, records, drift and calls, and logs cycles and failures without customer data', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.trackSync(() => ({ ListSubCustomerBillDetail: 7, ListConsumeSubCustomers: 1 }));
    const lines: Record<string, unknown>[] = [];
    const log = { info: (o: Record<string, unknown>) => lines.push(o), warn: (o: Record<string, unknown>) => lines.push(o), error: (o: Record<string, unknown>) => lines.push(o) };
    const observe = syncObserver(log as never, metrics);
    observe({ type: 'cycle-started', cycle: '2026-10', units: 3 });
    observe({ type: 'unit-synced', cycle: '2026-10', records: 1200 });
    observe({ type: 'unit-synced', cycle: '2026-10', records: 30 });
    observe({ type: 'unit-failed', cycle: '2026-10', code: 'CBC.0999' });
    observe({ type: 'drift-checked', cycle: '2026-10', checked: 3, differing: 1, replaced: 1 });
    observe({ type: 'cycle-finished', cycle: '2026-10', complete: false, synced: 2, failed: 1, records: 1230, durationMs: 5 });
    observe({ type: 'pass-finished', durationMs: 9, cycles: 2, cyclesComplete: 1, cyclesFailed: 0, unitsSynced: 2, unitsFailed: 1, records: 1230, driftStale: 1 });
    const { body } = await metrics.render();
    expect(body).toContain('consumption_sync_units_total{outcome="synced"} 2');
    expect(body).toContain('consumption_sync_units_total{outcome="failed"} 1');
    expect(body).toContain('consumption_sync_records_total 1230');
    expect(body).toContain('consumption_sync_drift_units_total 2');
    expect(body).toContain('consumption_sync_upstream_calls{operation="ListSubCustomerBillDetail"} 7');
    expect(body).toContain('consumption_sync_cycles_complete 1');
    expect(body).toContain('consumption_sync_cycles 2');
    expect(body).toMatch(/consumption_sync_lag_seconds \d/);
    expect(lines.map((l) => l.event)).toEqual(['sync.cycle.started', 'sync.unit.failed', 'sync.drift', 'sync.cycle.incomplete', 'sync.pass']);
    expect(JSON.stringify(lines)).not.toMatch(/customer/i);
  });
});

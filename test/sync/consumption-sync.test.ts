/**
 * The background consumption sync against the simulator, on both store engines (PGlite in memory always,
 * PostgreSQL when TEST_DATABASE_URL is set): the calls of a one-month sync equal the lower bound of
 * bench/bounds.ts; a restart after a crash reads no unit twice; drift re-reads only the changed customer; joins
 * and leaves; the store's totals equal a live pull's for every customer to the last digit.
 */
import { Decimal } from 'decimal.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { monthPullBound, pageCalls, totalCalls } from '../../bench/bounds.js';
import type { WorldTruth } from '../../bench/sim-protocol.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { fetchAllConsumption } from '../../src/sources/consumption-records.js';
import type { BssClient } from '../../src/bss/index.js';
import { markUnitsStale, readSyncProgress, readSyncedUnits, summarizeSyncCycles, type Store } from '../../src/store/index.js';
import { ConsumptionSync, type ConsumptionSyncOptions } from '../../src/sync/index.js';
import type { SyncEvent } from '../../src/sync/events.js';
import { ENGINES, OPEN_TIMEOUT_MS, TEST_DATABASE_URL, openTestStore } from '../store/engines.js';
import { adjustRecord } from '../support/sim-adjust.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';

const CYCLE = '2026-10';
const RECORD_PAGE = 1000;

function truthOf(stack: Stack, cycle: string): WorldTruth {
  const world = stack.simulator.state.world;
  return {
    resellers: world.resellers.map((r) => r.indirectPartnerId),
    customers: world.customers.map((c) => ({
      customerId: c.customerId, indirectPartnerId: c.indirectPartnerId, associationType: c.associationType,
      records: stack.simulator.state.bills.records(c.customerId, cycle).length,
    })),
  };
}

for (const engine of ENGINES) {
  const skip = engine === 'postgresql' && !TEST_DATABASE_URL;
  describe.skipIf(skip)(`the consumption sync [${engine}]`, () => {
    let stack: Stack;
    let store: Store;
    const syncs: ConsumptionSync[] = [];

    const newSync = (options: Partial<ConsumptionSyncOptions> = {}): ConsumptionSync => {
      const sync = new ConsumptionSync({ bss: stack.bss, store, now: () => TEST_NOW, cycles: [CYCLE], ...options });
      syncs.push(sync);
      return sync;
    };

    beforeAll(async () => {
      stack = await startStack({ customers: 40, resellers: 2 });
    }, OPEN_TIMEOUT_MS);
    afterAll(async () => {
      await stack.close();
    });
    afterEach(async () => {
      for (const s of syncs.splice(0)) await s.stop();
      await store?.close();
    }, OPEN_TIMEOUT_MS);

    const open = async (): Promise<void> => {
      store = await openTestStore(engine);
    };

    it('syncs one month with exactly the lower bound of upstream calls, and the store equals a live pull to the last digit', async () => {
      await open();
      const bound = monthPullBound(truthOf(stack, CYCLE));
      stack.bss.counter.reset();
      const result = await newSync().runPass();
      const calls = stack.bss.counter.snapshot().calls;
      expect(calls.ListSubCustomerBillDetail).toBe(bound.ListSubCustomerBillDetail);
      expect(calls.ListIndirectPartners).toBe(bound.ListIndirectPartners);
      expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(totalCalls(bound));
      expect(result.unitsFailed).toBe(0);
      expect(result.cyclesComplete).toBe(1);

      const [summary] = await summarizeSyncCycles(store);
      expect(summary).toMatchObject({ cycle: CYCLE, complete: true });
      // Every customer of the cycle: the store's totals and count against a live pull by another client.
      const live = simulatorClient(stack.simulator);
      try {
        const units = await readSyncedUnits(store, { cycles: [CYCLE] });
        expect(units.length).toBe(summary!.customersTotal);
        let records = 0;
        for (const unit of units) {
          const pulled = await fetchAllConsumption({ bss: live, language: 'zh_CN' }, { customerId: unit.customerId, indirectPartnerId: unit.indirectPartnerId, cycle: CYCLE });
          const progress = (await readSyncProgress(store, unit))!;
          const sum = (pick: (r: (typeof pulled)[number]) => Decimal): string => pulled.reduce((s, r) => s.plus(pick(r)), new Decimal(0)).toFixed();
          expect(progress.recordCount).toBe(pulled.length);
          expect(progress.amount!.toFixed()).toBe(sum((r) => r.paymentAmount));
          expect(progress.officialAmount!.toFixed()).toBe(sum((r) => r.officialAmount));
          expect(progress.discountAmount!.toFixed()).toBe(sum((r) => r.discountAmount));
          records += pulled.length;
        }
        expect(summary!.records).toBe(records);
      } finally {
        await live.close();
      }
    }, 120_000);

    it('resumes after a crash mid-cycle without reading any unit twice', async () => {
      await open();
      const bound = monthPullBound(truthOf(stack, CYCLE));
      stack.bss.counter.reset();
      let synced = 0;
      // One unit at a time, so the "crash" falls between two units: nothing is in flight when it stops.
      const first: ConsumptionSync = newSync({
        concurrency: 1,
        onEvent: (e: SyncEvent) => {
          if (e.type === 'unit-synced' && ++synced === 7) void first.stop();
        },
      });
      const partial = await first.runPass();
      expect(partial.unitsSynced).toBe(7);
      const [mid] = await summarizeSyncCycles(store);
      expect(mid).toMatchObject({ complete: false, customersSynced: 7 });
      const afterCrash = stack.bss.counter.snapshot().calls;

      // A new process: a new sync on the same store. The cycle is listed already: only the remaining units are read.
      const second = newSync();
      const rest = await second.runPass();
      expect(rest.unitsSynced).toBe(mid!.customersTotal - 7);
      expect(second.calls().calls).toEqual({ ListSubCustomerBillDetail: bound.ListSubCustomerBillDetail! - afterCrash.ListSubCustomerBillDetail! });
      expect(stack.bss.counter.calls('ListSubCustomerBillDetail')).toBe(bound.ListSubCustomerBillDetail);
      const [done] = await summarizeSyncCycles(store);
      expect(done).toMatchObject({ complete: true, customersSynced: mid!.customersTotal });
      // A third pass has nothing to read.
      stack.bss.counter.reset();
      await newSync().runPass();
      expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
    }, 120_000);

    it('keeps a refresh\'s newer records when a pass that read the unit before the change commits after it', async () => {
      await open();
      const OPEN = '2026-11'; // the open cycle at TEST_NOW, the one refreshOpenCycle reads
      await newSync({ cycles: [OPEN] }).runPass();
      const target = (await readSyncedUnits(store, { cycles: [OPEN] })).find((u) => stack.simulator.state.bills.records(u.customerId, OPEN).length > 0)!;
      const unit = { cycle: OPEN, customerId: target.customerId, indirectPartnerId: target.indirectPartnerId };
      const before = (await readSyncProgress(store, unit))!.amount!;
      await markUnitsStale(store, [unit]);

      // The pass's first read of the unit is held once its answer (the records before the change) is in.
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let first = true;
      const bss = Object.create(stack.bss) as BssClient;
      bss.withBudgetShare = (share, tenant) => {
        const view = stack.bss.withBudgetShare(share, tenant);
        const call = view.call.bind(view) as (op: { name: string }, req: { customer_id?: string }, opts?: object) => Promise<unknown>;
        Object.defineProperty(view, 'call', {
          value: async (op: { name: string }, req: { customer_id?: string }, opts?: object) => {
            const res = await call(op, req, opts);
            if (first && op.name === 'ListSubCustomerBillDetail' && req.customer_id === unit.customerId) {
              first = false;
              held();
              await gate;
            }
            return res;
          },
        });
        return view;
      };
      const sync = newSync({ bss, cycles: [OPEN], concurrency: 1 });
      const pass = sync.runPass();
      await holding;
      const undo = adjustRecord(stack.simulator, unit.customerId, OPEN, '7.25');
      try {
        // A write's refresh reads the unit after the change and commits first.
        expect(await sync.refreshOpenCycle(unit.customerId, unit.indirectPartnerId)).toBe(true);
        expect((await readSyncProgress(store, unit))!.amount!.toFixed()).toBe(before.plus('7.25').toFixed());
        release();
        const result = await pass;
        expect(result.unitsFailed).toBe(0);
        // The pass's older read was refused: the store still shows the change.
        const after = (await readSyncProgress(store, unit))!;
        expect(after.state).toBe('synced');
        expect(after.amount!.toFixed()).toBe(before.plus('7.25').toFixed());
      } finally {
        release();
        undo();
      }
    }, 120_000);

    it('re-reads only the customer whose closed-cycle record changed (drift), and writes a referral customer\'s change from its check page', async () => {
      await open();
      const sync = newSync({ refreshMs: 1 });
      await sync.runPass();
      const world = stack.simulator.state.world;
      // A referral customer's check reads its first page (1000 records): one that fits in it is compared exactly.
      const withRecords = (type: '1' | '2', max: number) =>
        world.customersOf(null).find((c) => {
          const n = stack.simulator.state.bills.records(c.customerId, CYCLE).length;
          return c.associationType === type && n > 0 && n <= max;
        })!;
      const resale = withRecords('2', Infinity);
      const referral = withRecords('1', RECORD_PAGE);
      expect(referral).toBeDefined();
      const before = new Map((await readSyncedUnits(store, { cycles: [CYCLE] })).map((u) => [u.customerId, u.syncedAt!.getTime()]));
      const resaleBefore = (await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: resale.customerId }))!;
      const referralBefore = (await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: referral.customerId }))!;
      const undo = [adjustRecord(stack.simulator, resale.customerId, CYCLE, '1.25'), adjustRecord(stack.simulator, referral.customerId, CYCLE, '0.5')];
      try {
        const events: SyncEvent[] = [];
        const again = newSync({ refreshMs: 1, onEvent: (e) => events.push(e) });
        await new Promise((r) => setTimeout(r, 5));
        stack.bss.counter.reset();
        await again.runPass();
        const drift = events.find((e) => e.type === 'drift-checked');
        expect(drift).toMatchObject({ differing: 1, replaced: 1 });

        // Calls: the listing, the monthly sums, one check page per non-resale customer, and the changed customer's records.
        const calls = stack.bss.counter.snapshot().calls;
        const units = await readSyncedUnits(store, { cycles: [CYCLE] });
        const types = new Map(world.customers.map((c) => [c.customerId, c.associationType]));
        const nonResale = units.filter((u) => types.get(u.customerId) !== '2').length;
        const changedPages = pageCalls(stack.simulator.state.bills.records(resale.customerId, CYCLE).length, RECORD_PAGE);
        expect(calls.ListSubCustomerBillDetail).toBe(nonResale + changedPages);
        expect(calls.ListSubcustomerMonthlyBills).toBeGreaterThanOrEqual(3);

        // Only the two changed customers were written again.
        const rewritten = units.filter((u) => u.syncedAt!.getTime() !== before.get(u.customerId)).map((u) => u.customerId).sort();
        expect(rewritten).toEqual([resale.customerId, referral.customerId].sort());
        const resaleAfter = (await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: resale.customerId }))!;
        const referralAfter = (await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: referral.customerId }))!;
        expect(resaleAfter.amount!.minus(resaleBefore.amount!).toFixed()).toBe('1.25');
        expect(referralAfter.amount!.minus(referralBefore.amount!).toFixed()).toBe('0.5');
        expect((await summarizeSyncCycles(store))[0]).toMatchObject({ complete: true });
      } finally {
        for (const u of undo.reverse()) u();
      }
    }, 120_000);

    it('records customers who join a cycle\'s listing and marks those who leave, keeping their records', async () => {
      await open();
      const bills = stack.simulator.state.bills;
      const consumers = bills.scopeCycle(CYCLE, null).consumers;
      const [late, leaver] = [consumers[0]!, consumers[1]!];
      // The first listing lacks `late` (it joins later); the second lacks `leaver`.
      let hidden = late;
      const scopeCycle = bills.scopeCycle.bind(bills);
      bills.scopeCycle = (c: string, scope: string | null) => {
        const sc = scopeCycle(c, scope);
        return scope === null && c === CYCLE ? { ...sc, consumers: sc.consumers.filter((id) => id !== hidden) } : sc;
      };
      try {
        await newSync().runPass();
        const first = await readSyncedUnits(store, { cycles: [CYCLE], scope: null });
        expect(first.map((u) => u.customerId)).not.toContain(late);
        const leaverRecords = (await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: leaver }))!.recordCount;
        expect(leaverRecords).toBeGreaterThan(0);

        hidden = leaver;
        const events: SyncEvent[] = [];
        await new Promise((r) => setTimeout(r, 5));
        stack.bss.counter.reset();
        await newSync({ refreshMs: 1, onEvent: (e) => events.push(e) }).runPass();
        expect(events.find((e) => e.type === 'listing')).toMatchObject({ joined: 1, left: 1 });
        const units = await readSyncedUnits(store, { cycles: [CYCLE], scope: null });
        expect(units.find((u) => u.customerId === late)).toMatchObject({ state: 'synced', left: false });
        expect(units.find((u) => u.customerId === leaver)).toMatchObject({ state: 'synced', left: true });
        expect((await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: leaver }))!.recordCount).toBe(leaverRecords);
        // The joiner's records were read; nobody else's (besides the drift check's pages of referral customers).
        expect(stack.bss.counter.calls('ListSubCustomerBillDetail')).toBeGreaterThanOrEqual(pageCalls(bills.records(late, CYCLE).length, RECORD_PAGE));
        const [summary] = await summarizeSyncCycles(store);
        expect(summary).toMatchObject({ complete: true });
      } finally {
        delete (bills as { scopeCycle?: unknown }).scopeCycle;
      }
    }, 120_000);

    it('goes on with the other cycles when one cycle\'s listing fails, and lists it on the next pass', async () => {
      await open();
      const bills = stack.simulator.state.bills;
      const scopeCycle = bills.scopeCycle.bind(bills);
      bills.scopeCycle = (c: string, scope: string | null) => {
        if (c === CYCLE) throw new Error('listing down');
        return scopeCycle(c, scope);
      };
      const events: SyncEvent[] = [];
      try {
        const result = await newSync({ cycles: [CYCLE, '2026-09'], onEvent: (e) => events.push(e) }).runPass();
        expect(result).toMatchObject({ cyclesFailed: 1, cyclesComplete: 1 });
        expect(events.find((e) => e.type === 'cycle-failed')).toMatchObject({ cycle: CYCLE, code: 'CBC.0999' });
      } finally {
        delete (bills as { scopeCycle?: unknown }).scopeCycle;
      }
      const retry = await newSync({ cycles: [CYCLE, '2026-09'] }).runPass();
      expect(retry).toMatchObject({ cyclesFailed: 0, cyclesComplete: 2 });
    }, 120_000);

    it('records a failed unit with its error code and reads it again on the next pass', async () => {
      await open();
      const victim = stack.simulator.state.bills.scopeCycle(CYCLE, null).consumers[2]!;
      const bills = stack.simulator.state.bills;
      const records = bills.records.bind(bills);
      bills.records = (id: string, c: string) => {
        if (id === victim) throw new Error('boom');
        return records(id, c);
      };
      try {
        const result = await newSync().runPass();
        expect(result.unitsFailed).toBe(1);
        const failed = (await readSyncProgress(store, { cycle: CYCLE, indirectPartnerId: null, customerId: victim }))!;
        expect(failed.state).toBe('failed');
        expect(failed.lastError).toMatch(/ListSubCustomerBillDetail: CBC\.0999/);
        expect((await summarizeSyncCycles(store))[0]).toMatchObject({ complete: false });
      } finally {
        delete (bills as { records?: unknown }).records;
      }
      stack.bss.counter.reset();
      const retry = await newSync().runPass();
      expect(retry).toMatchObject({ unitsSynced: 1, unitsFailed: 0, cyclesComplete: 1 });
      expect(Object.keys(stack.bss.counter.snapshot().calls)).toEqual(['ListSubCustomerBillDetail']);
    }, 120_000);
  });
}

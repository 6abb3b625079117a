/**
 * Idempotency keys outlive the gateway, on both store engines: a new gateway on the same PGlite data directory (or
 * the same PostgreSQL database: another replica, or a restart) replays a key's answer without a call, and reconciles
 * a key an earlier gateway left `unknown` (its reconciliation could not read the adjust log) — the money moved once.
 * On PostgreSQL also two replicas at once (two store clients on one database): one key sent to both moves money once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../../src/gateway.js';
import { ReferenceCache } from '../../../src/caches/reference-cache.js';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../../src/store/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { createTestDatabase, OPEN_TIMEOUT_MS, TEST_DATABASE_URL } from '../../store/engines.js';
import { codes, newKey, plus, requests, resaleCustomers, simCustomerCash, writesOperation } from './support.js';

const ALLOCATE = writesOperation('ContractAllocateCustomerFunds');

interface Engine {
  readonly name: string;
  /** Opens the engine's store again on the same data (a new process would). */
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

function pgliteDir(): Engine {
  const dir = mkdtempSync(join(tmpdir(), 'pg-writes-'));
  return {
    name: 'pglite',
    open: () => openStore({ databaseUrl: undefined, dataDir: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgres(): Promise<Engine> {
  const db = await createTestDatabase();
  return { name: 'postgresql', open: () => openStore({ databaseUrl: db.url, dataDir: MEMORY_DATA_DIR }), dispose: () => db.drop() };
}

/** Another gateway on the same simulator and client, with its own store: a restarted process, or a second replica. */
function gatewayOn(stack: Stack, store: Store): (variables: Record<string, unknown>) => Promise<{ data?: any; errors?: any[] }> {
  const started = performance.now();
  const gateway: Gateway = createGateway({
    bss: stack.bss, partnerDomainId: stack.simulator.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN',
    now: () => TEST_NOW, store, writes: { clock: () => new Date(TEST_NOW.getTime() + Math.floor(performance.now() - started)) },
  });
  return async (variables) => {
    const res = await gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ALLOCATE, variables }) });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
}

const engines: [string, () => Promise<Engine>][] = [['pglite, a data directory', async () => pgliteDir()], ...(TEST_DATABASE_URL ? [['postgresql', postgres] as [string, () => Promise<Engine>]] : [])];
if (!TEST_DATABASE_URL) console.warn('writes restart test: PostgreSQL skipped — set TEST_DATABASE_URL (bash .ci/with-postgres npx vitest run test/graph/writes)');

for (const [engineName, makeEngine] of engines) {
  describe(`idempotency across a restart [${engineName}]`, () => {
    let engine: Engine;
    let stack: Stack;
    let first: Store | undefined;
    let second: Store | undefined;
    let customerId: string;
    beforeAll(async () => {
      engine = await makeEngine();
      first = await engine.open();
      stack = await startStack({ customers: 40, store: first });
      customerId = resaleCustomers(stack, null)[0]!.customerId;
    }, OPEN_TIMEOUT_MS);
    afterAll(async () => {
      await stack?.close();
      await first?.close().catch(() => undefined);
      await second?.close();
      await engine?.dispose();
    }, OPEN_TIMEOUT_MS);

    it('a new gateway on the same data replays a key and reconciles one left unknown', async () => {
      // Gateway one: an applied write, and a write whose answer was lost and whose reconciliation failed.
      const applied = newKey('restart-applied');
      const lost = newKey('restart-lost');
      const ok = await stack.graphql(ALLOCATE, { customerId, amount: '6.00', idempotencyKey: applied });
      expect(ok.errors).toBeUndefined();
      const before = simCustomerCash(stack, customerId);
      stack.simulator.faults.once('UpdateCustomerAccountAmount', 'lost-after-apply');
      stack.simulator.setFaults({ operations: ['ListPartnerAdjustRecords'], errorRate: 1 });
      const unknown = await stack.graphql(ALLOCATE, { customerId, amount: '0.09', idempotencyKey: lost });
      stack.simulator.resetFaults();
      expect(codes(unknown)).toEqual(['OUTCOME_UNKNOWN']);
      expect(unknown.errors![0].message).toMatch(/could not be read to reconcile/);
      expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.09'));

      // The process ends; a new one opens the same store.
      await first!.close();
      first = undefined;
      second = await engine.open();
      const again = gatewayOn(stack, second);
      stack.bss.counter.reset();
      const replay = await again({ customerId, amount: '6.00', idempotencyKey: applied });
      expect(replay.data.allocateCustomerFunds).toEqual({ ...ok.data.allocateCustomerFunds, replayed: true });
      expect(stack.bss.counter.snapshot().totalRequests).toBe(0);

      // The unknown key: reconciled from the adjust log, found, never sent again.
      const settled = await again({ customerId, amount: '0.09', idempotencyKey: lost });
      expect(settled.errors).toBeUndefined();
      expect(settled.data.allocateCustomerFunds.replayed).toBe(true);
      expect(requests(stack)).toEqual({ ListPartnerAdjustRecords: 1, ListSubCustomers: 1, ListCustomersBalancesDetail: 1 });
      expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.09'));
      expect(settled.data.allocateCustomerFunds.customer.balance.amount).toBe(plus(before, '0.09'));
    }, OPEN_TIMEOUT_MS);
  });
}

// Replicas share one PostgreSQL database at the same time (an embedded PGlite directory has one process only).
if (TEST_DATABASE_URL) {
  describe('idempotency across replicas [postgresql, two store clients at once]', () => {
    let engine: Engine;
    let stack: Stack;
    let one: Store | undefined;
    let two: Store | undefined;
    let customerId: string;
    beforeAll(async () => {
      engine = await postgres();
      one = await engine.open();
      two = await engine.open();
      stack = await startStack({ customers: 40, store: one });
      customerId = resaleCustomers(stack, null)[0]!.customerId;
    }, OPEN_TIMEOUT_MS);
    afterAll(async () => {
      await stack?.close();
      await one?.close();
      await two?.close();
      await engine?.dispose();
    }, OPEN_TIMEOUT_MS);

    it('one key sent to two replicas at once: one write, the money moved once, both answer its transfer id', async () => {
      const replica = gatewayOn(stack, two!);
      const key = newKey('replicas');
      const before = simCustomerCash(stack, customerId);
      stack.bss.counter.reset();
      const [a, b] = await Promise.all([
        stack.graphql(ALLOCATE, { customerId, amount: '2.22', idempotencyKey: key }),
        replica({ customerId, amount: '2.22', idempotencyKey: key }),
      ]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(requests(stack).UpdateCustomerAccountAmount).toBe(1);
      expect(simCustomerCash(stack, customerId)).toBe(plus(before, '2.22'));
      const answers = [a.data.allocateCustomerFunds, b.data.allocateCustomerFunds];
      expect(answers.map((x) => x.replayed).sort()).toEqual([false, true]);
      expect(answers[0].transferId).toBe(answers[1].transferId);
      // Another input with the key, at the other replica: refused, nothing sent.
      stack.bss.counter.reset();
      expect(codes(await replica({ customerId, amount: '2.23', idempotencyKey: key }))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    }, OPEN_TIMEOUT_MS);
  });
}

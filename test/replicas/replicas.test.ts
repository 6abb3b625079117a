/**
 * Proof with real processes (issue 14): three gateway processes (`src/main.ts`, as deployed) on one real
 * PostgreSQL, in front of the simulator in its own process with its quotas on, loaded from several API keys at
 * once. The simulator counts what it receives: 0 upstream 429s, and per API never more than its quota in any
 * one-second window — fixed, as Huawei counts, and sliding. One idempotency key sent to two replicas at once
 * applies the write once (counted at the simulator). Runs in CI under `.ci/with-postgres`; skipped, and says
 * so, without TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotaReport, startReplicas, startSimulatorProcess, type ApiKey, type GatewayProcess, type SimulatorProcess } from '../../scripts/replicas/replica-set.js';
import { TEST_DATABASE_URL, createTestDatabase } from '../store/engines.js';

const KEYS: readonly ApiKey[] = [
  { name: 'ops', key: 'replica-test-admin-key-000000000001', role: 'admin' },
  { name: 'sales-a', key: 'replica-test-sales-key-000000000002', role: 'analyst' },
  { name: 'sales-b', key: 'replica-test-sales-key-000000000003', role: 'analyst' },
];
const LOAD_MS = 8_000;

if (!TEST_DATABASE_URL) {
  console.warn('replicas test: skipped — it needs a PostgreSQL server: bash .ci/with-postgres npx vitest run test/replicas');
}

describe.skipIf(!TEST_DATABASE_URL)('three gateway replicas on one PostgreSQL, one quota [postgresql]', () => {
  let database: { url: string; drop(): Promise<void> };
  let sim: SimulatorProcess;
  let replicas: GatewayProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startSimulatorProcess({ seed: 42, customers: 120, throttle: true, faults: { latencyMs: 10, latencyJitterMs: 20 } });
    // The partner cache off: the quota is the subject, and the cache shared by the replicas would answer the
    // repeated pages from one load (test/replicas/shared-cache.test.ts proves that) instead of meeting the quota.
    replicas = await startReplicas(3, { sim, databaseUrl: database.url, keys: KEYS, env: { PARTNER_GRAPH_CACHE_MAX_ENTRIES: '0' } });
  }, 120_000);

  afterAll(async () => {
    const codes = await Promise.all(replicas.map((r) => r.close()));
    await sim?.close();
    await database?.drop();
    // SIGTERM drains and exits 0; null would be a gateway that had to be killed (its shutdown hung).
    expect(codes, replicas.map((r) => r.output().slice(-2000)).join('\n---\n')).toEqual(replicas.map(() => 0));
  }, 60_000);

  const post = async (replica: GatewayProcess, key: ApiKey, query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${replica.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };

  it('under load from three keys on three replicas: 0 upstream 429s, never more than the quota of an API in any second', async () => {
    await sim.arrivals(); // start counting now
    const deadline = Date.now() + LOAD_MS;
    let served = 0;
    const statuses: Record<number, number> = {};
    // Two closed-loop workers per key, spread over the replicas; each request is a different page (no cache hit),
    // so together they ask far more than 10 calls a second of ListSubCustomers and ListCustomersBalancesDetail.
    const workers = KEYS.flatMap((key, k) => [0, 1].map(async (w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const replica = replicas[(k + w + i) % replicas.length]!;
        const first = 1 + ((k * 7 + w * 13 + i) % 40);
        const { status } = await post(replica, key, `{ partner { customers(first: ${first}) { totalCount edges { node { customerId balance { amount } } } } } }`);
        statuses[status] = (statuses[status] ?? 0) + 1;
        served++;
      }
    }));
    await Promise.all(workers);
    const report = quotaReport(await sim.arrivals());
    console.log(`replicas: ${served} requests served in ${LOAD_MS / 1000} s by 3 replicas, HTTP ${JSON.stringify(statuses)}; at the simulator:\n${
      report.map((r) => `  ${r.operation.padEnd(28)} ${String(r.arrivals).padStart(4)} calls, quota ${r.rate}/s, most in a fixed second ${r.maxFixed}, in any second ${r.maxSliding}, 429s ${r.throttled}`).join('\n')}`);
    expect(served).toBeGreaterThan(10);
    expect(statuses[500]).toBeUndefined();
    const customers = report.find((r) => r.operation === 'ListSubCustomers')!;
    // The load made the quota the bottleneck: the gateways had more to send than it allows.
    expect(customers.arrivals).toBeGreaterThan(LOAD_MS / 1000 * 5);
    for (const api of report) {
      expect(api.throttled, `${api.operation}: 429s at the simulator`).toBe(0);
      expect(api.maxFixed, `${api.operation}: most in a fixed second`).toBeLessThanOrEqual(api.rate);
      expect(api.maxSliding, `${api.operation}: most in any second`).toBeLessThanOrEqual(api.rate);
    }
  }, 90_000);

  it('one idempotency key sent to two replicas at once applies the write once', async () => {
    const customerId = sim.resaleCustomerId;
    const before = await sim.funds(customerId);
    const mutation = `mutation($customerId: String!, $amount: Decimal!, $idempotencyKey: String!) {
      allocateCustomerFunds(input: { customerId: $customerId, amount: $amount, idempotencyKey: $idempotencyKey }) { transferId replayed }
    }`;
    const variables = { customerId, amount: '3.21', idempotencyKey: `replicas-${Date.now()}` };
    const [a, b] = await Promise.all([post(replicas[0]!, KEYS[0]!, mutation, variables), post(replicas[1]!, KEYS[0]!, mutation, variables)]);
    const after = await sim.funds(customerId);
    expect(after.transfers - before.transfers).toBe(1);
    expect(Number(after.cash) - Number(before.cash)).toBeCloseTo(3.21, 2);
    const answers = [a, b].map((r) => r.body.data?.allocateCustomerFunds ?? r.body.errors?.[0]?.extensions?.code);
    // One sent it; the other replayed its answer, or (still in progress past the wait) said so — never a second write.
    const sent = answers.filter((x) => typeof x === 'object' && x.replayed === false);
    expect(sent).toHaveLength(1);
    for (const other of answers.filter((x) => !(typeof x === 'object' && x.replayed === false))) {
      expect(typeof other === 'object' ? { replayed: other.replayed, transferId: other.transferId } : other).toEqual(
        typeof other === 'object' ? { replayed: true, transferId: sent[0].transferId } : 'IN_PROGRESS',
      );
    }
  }, 60_000);
});

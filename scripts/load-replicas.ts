/**
 * `npm run load -- --replicas N --users 64 --keys 4 --seconds 60 [--warmup 10] [--flood]`: load on the deployed
 * shape — the simulator in its own process (quotas on, the fault mix of scripts/load.ts without its random 429s,
 * so every 429 counted is a real quota refusal), N gateway processes (`src/main.ts`, production wiring: the
 * partner cache, the fair per-key budget, the per-key limits) and, with N > 1, one PostgreSQL database they share
 * the quota through (DATABASE_URL or TEST_DATABASE_URL names the server; run under `.ci/with-postgres`). N = 1
 * without a server: the embedded store in memory.
 *
 * Users are closed-loop workers, spread over the keys and the replicas, each sending the next of a mix of
 * contract-like queries as soon as its answer arrives. Reported: served requests/s, latency percentiles after
 * the warm-up, served requests per upstream call and, per API, what the simulator received (most in any fixed
 * or sliding second, 429s). `--flood`: first a single-customer query's latency unloaded, then the same while
 * every user floods from one key.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { Pool } from 'undici';
import { quotaReport, startGatewayProcess, startSimulatorProcess, writeKeysFile, type ApiKey, type GatewayProcess, type SimulatorProcess } from './replicas/replica-set.js';

export interface ReplicaLoadOptions {
  readonly replicas: number;
  readonly users: number;
  readonly keys: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly flood: boolean;
}

/** The fault mix of scripts/load.ts minus random throttling: a 429 at the simulator is then the quota's. */
const FAULTS = { latencyMs: 5, latencyJitterMs: 40, errorRate: 0.03, timeoutRate: 0.01, timeoutMode: 'hang' as const, throttleRate: 0, malformedRate: 0.01, slowBodyRate: 0.03, slowBodyMs: 800 };

/**
 * Configuration of every gateway beyond the defaults: none. The fault mix leaves 1 % of calls unanswered; the
 * default read deadline (5 s, src/bss/deadlines.ts) abandons such a read and retries it. Earlier runs needed a 3 s
 * override of the one 30 s deadline of the time (bench/LOAD.md).
 */
const GATEWAY_ENV: Readonly<Record<string, string>> = {};

interface Query {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** Customers of the simulated partner (the sync's first pass, before the load, reads every one of them). */
const CUSTOMERS = 150;

/** The customers a sales platform's users keep opening (its busy accounts), out of the partner's own. */
const HOT_CUSTOMERS = 30;

/**
 * Contract-like queries (the shapes of /work/shared/contract/operations.graphql), as a sales platform's pages ask
 * them, in turn: the partner header, a customer page, one customer's detail and balance, its orders, its coupons,
 * and its consumption of the last closed month (answered from the store once the sync has it).
 */
function mix(cycle: string, customerIds: readonly string[]): (i: number) => Query {
  const hot = customerIds.slice(0, Math.min(HOT_CUSTOMERS, customerIds.length));
  const kinds: ((customerId: string) => Query)[] = [
    () => ({ name: 'PartnerHeader', query: 'query PartnerHeader { partner { id domainId balances { accountType amount currency } } serviceTypes { code name } }' }),
    () => ({
      name: 'CustomerPage',
      query: 'query CustomerPage($first: Int!) { partner { customers(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id customerId accountName name associationType indirectPartner { indirectPartnerId name } balance { amount debtAmount currency } } } } } }',
      variables: { first: 20 },
    }),
    singleCustomer,
    (id) => ({
      name: 'CustomerOrders',
      query: 'query CustomerOrders($id: String!) { customer(customerId: $id) { id orders(first: 20) { totalCount nodes { id orderId status orderType officialAmount amountAfterDiscount createdAt serviceType { code name } } } } }',
      variables: { id },
    }),
    (id) => ({
      name: 'CustomerCoupons',
      query: 'query CustomerCoupons($id: String!) { customer(customerId: $id) { id coupons(first: 20) { totalCount nodes { id couponId faceValue balance status } } } }',
      variables: { id },
    }),
    (id) => ({
      name: 'ConsumptionMonth',
      query: 'query ConsumptionMonth($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) { total byServiceType { serviceType { code name } amount } source records(first: 100) { totalCount nodes { serviceType { code } resourceType { code } resourceId chargeMode billType officialAmount paymentAmount } } } } }',
      variables: { id, cycle },
    }),
  ];
  return (i) => kinds[i % kinds.length]!(hot[Math.floor(i / kinds.length) % hot.length]!);
}

/**
 * Single-customer probes of the flood comparison, unloaded and loaded each: the 50 resale customers outside the
 * busy ones, half a side (20 a side before; more make the p50s steadier).
 */
const PROBES = 25;

/**
 * Under the flood, a pause after each probe's answer before the next: a window of the rate budget (1 s + the 50 ms
 * guard) and a margin, so a probe's calls have left their APIs' windows when the next one starts (a place is held
 * until a window after the call's answer). Back to back, the probes were a client of their own at 10–15 calls/s on
 * ListSubCustomers and ListCustomersBalancesDetail — the quota — and under the flood, which keeps 8 of those places
 * busy with refreshes, they queued behind their own previous calls (an instrumented run at 25a056e: 8 of 25 loaded
 * probes waited 44–329 ms for a place); one user opening one customer does not. 25 probes take about 30 s.
 *
 * The unloaded probes stay back to back: alone, they fit the quota (no budget wait in 25 in the same runs), and
 * with the machine hot they are the stricter baseline. Spaced, the idle processes took 8–37 ms to reach the first
 * upstream call instead of 1–3 ms, and the unloaded p50 read 97 and 175 ms (738e2ed, two runs) against 65–69 ms
 * back to back: that compared an idle machine with a busy one, flattering the ratio (0.79, 0.41).
 */
const PROBE_GAP_MS = 1_100;

/** One customer's detail and balance: the single-customer query of the flood comparison too. */
function singleCustomer(customerId: string): Query {
  return {
    name: 'CustomerDetail',
    query: 'query CustomerDetail($id: String!) { customer(customerId: $id) { id customerId name associationType balance { amount debtAmount currency } } }',
    variables: { id: customerId },
  };
}

interface Sample {
  readonly name: string;
  readonly startedAt: number;
  readonly ms: number;
  readonly status: number;
  readonly codes: readonly string[];
  /** Where a consumption view was answered from (STORE or LIVE), when the query asked. */
  readonly source?: string;
}

async function send(pool: Pool, key: ApiKey, q: Query): Promise<Sample> {
  const startedAt = performance.now();
  try {
    const response = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key.key}` },
      body: JSON.stringify({ query: q.query, variables: q.variables, operationName: q.name }),
      headersTimeout: 120_000,
      bodyTimeout: 120_000,
    });
    const text = await response.body.text();
    let codes: string[] = [];
    try {
      codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED');
    } catch {
      codes = ['NOT_JSON'];
    }
    const source = /"source":"(STORE|LIVE)"/.exec(text)?.[1];
    return { name: q.name, startedAt, ms: performance.now() - startedAt, status: response.statusCode, codes, ...(source ? { source } : {}) };
  } catch {
    return { name: q.name, startedAt, ms: performance.now() - startedAt, status: 0, codes: ['TRANSPORT'] };
  }
}

const percentile = (sorted: readonly number[], p: number): number => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
const count = (table: Record<string, number>, key: string): void => void (table[key] = (table[key] ?? 0) + 1);

/** A fresh database on the server for this run, dropped afterwards. */
async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `load_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** One probe per customer, `gapMs` after the previous answer; none starts after `until` (the flood's end). */
async function singleCustomerLatencies(pool: Pool, key: ApiKey, customerIds: readonly string[], gapMs: number, until = Number.POSITIVE_INFINITY): Promise<number[]> {
  const out: number[] = [];
  for (const id of customerIds) {
    if (out.length > 0 && gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    if (performance.now() >= until) break;
    out.push((await send(pool, key, singleCustomer(id))).ms);
  }
  return out.sort((a, b) => a - b);
}

interface SyncCycle {
  readonly cycle: string;
  readonly complete: boolean;
  readonly customersSynced: number;
  readonly customersTotal: number;
  readonly records: number;
}

/** Polls Query.consumptionSync until every cycle it keeps is complete; fails after `timeoutMs`. */
async function waitForSync(pool: Pool, key: ApiKey, timeoutMs: number): Promise<SyncCycle[]> {
  const until = performance.now() + timeoutMs;
  let shown = performance.now();
  for (;;) {
    const response = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` },
      body: JSON.stringify({ query: '{ consumptionSync { cycles { cycle complete customersSynced customersTotal records } } }' }),
    });
    const body = (await response.body.json()) as { data?: { consumptionSync: { cycles: SyncCycle[] } } };
    const cycles = body.data?.consumptionSync.cycles ?? [];
    if (cycles.length > 0 && cycles.every((c) => c.complete)) return cycles;
    if (performance.now() > until) throw new Error(`the sync did not complete in ${timeoutMs / 1000} s: ${JSON.stringify(body)}`);
    if (performance.now() - shown > 30_000) {
      shown = performance.now();
      console.log(`  waiting for the sync: ${cycles.map((c) => `${c.cycle} ${c.customersSynced}/${c.customersTotal}`).join(', ') || JSON.stringify(body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

export async function conductReplicas(options: ReplicaLoadOptions): Promise<void> {
  const server = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (options.replicas > 1 && !server) {
    console.error('--replicas > 1 needs a PostgreSQL server: set DATABASE_URL (or run under bash .ci/with-postgres npm run load -- …)');
    process.exit(2);
  }
  const database = server ? await freshDatabase(server) : undefined;
  const keys: ApiKey[] = Array.from({ length: options.keys }, (_, i) => ({ name: `user-key-${i + 1}`, key: `load-test-key-${String(i + 1).padStart(24, '0')}`, role: 'analyst' }));
  let sim: SimulatorProcess | undefined;
  let replicas: GatewayProcess[] = [];
  try {
    // Latency only while the sync fills the store (a unit that meets a fault is retried only 10 min later, and the
    // view of a cycle is a store read only when every unit of it is synced); the fault mix from the load on.
    sim = await startSimulatorProcess({ seed: 7, customers: CUSTOMERS, throttle: true, faults: { latencyMs: FAULTS.latencyMs, latencyJitterMs: FAULTS.latencyJitterMs } });
    // The first replica runs the consumption sync (the closed cycle and the open one), the others serve only: the
    // sync has no coordination between replicas yet, and one copy of it is what a deployment would run.
    const keysFile = writeKeysFile(keys);
    const storeEnv: Record<string, string> = database ? {} : { DATABASE_URL: '', PARTNER_GRAPH_DATA_DIR: 'memory://' };
    const simulator = sim;
    replicas = await Promise.all(Array.from({ length: options.replicas }, (_, i) => startGatewayProcess({
      sim: simulator,
      databaseUrl: database?.url ?? '',
      keys,
      env: { ...storeEnv, ...GATEWAY_ENV, ...(i === 0 ? { PARTNER_GRAPH_SYNC: 'on', PARTNER_GRAPH_SYNC_MONTHS: '1' } : {}) },
    }, keysFile)));
    const pools = replicas.map((r) => new Pool(r.url, { connections: Math.max(8, Math.ceil(options.users / replicas.length) + 4), pipelining: 1 }));
    console.log(
      `${options.replicas} gateway process(es) (${replicas.map((r) => r.pid).join(', ')}) on ${database ? 'PostgreSQL (one database)' : 'the embedded store'}; ` +
        `simulator in its own process, quotas on (10/s per API), faults ${JSON.stringify(FAULTS)}; gateway env ${JSON.stringify(GATEWAY_ENV)}; ` +
        `load: ${options.users} users over ${options.keys} keys for ${options.seconds} s (warm-up ${options.warmupSeconds} s); load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const next = mix(sim.cycle, sim.customerIds);

    // The consumption month is a store read: wait until the sync holds its cycles whole (and is idle: its next pass
    // is a day away), so the load meets neither an incomplete store nor the first pass's calls.
    const syncStarted = performance.now();
    const synced = await waitForSync(pools[0]!, keys[0]!, 600_000);
    const syncCalls = (await sim.arrivals()).length;
    console.log(`sync (setup)        ${synced.map((c) => `${c.cycle}: ${c.customersSynced} customers, ${c.records} records`).join('; ')} in ${((performance.now() - syncStarted) / 1000).toFixed(0)} s (${syncCalls} upstream calls before the load, not counted below)`);
    await sim.setFaults(FAULTS);

    // Unloaded single-customer latency first, for the flood comparison: each probe asks a customer of its own, never
    // asked by the mix, so every probe reads upstream, loaded or not. All of them resale customers, so that both
    // sides ask the same query at the same cost: the customer (ListSubCustomers), then its balance
    // (ListCustomersBalancesDetail). A consultative-sales customer's balance is null without a call; the 40 last
    // customers of earlier runs held 12 such among the unloaded probes and 4 among the loaded ones, so the ratio
    // compared one call against two as much as quiet against flooded (bench/LOAD.md).
    const busy = new Set(sim.customerIds.slice(0, HOT_CUSTOMERS));
    const probeIds = sim.resaleCustomerIds.filter((id) => !busy.has(id));
    if (options.flood && probeIds.length < 2 * PROBES) throw new Error(`--flood needs ${2 * PROBES} resale customers outside the busy ones; the dataset has ${probeIds.length}`);
    let unloaded: number[] = [];
    if (options.flood) unloaded = await singleCustomerLatencies(pools[0]!, keys[0]!, probeIds.slice(0, PROBES), 0);

    await sim.arrivals();
    const began = performance.now();
    const deadline = began + options.seconds * 1000;
    const samples: Sample[] = [];
    let counter = 0;
    const users = Array.from({ length: options.users }, async (_, u) => {
      // --flood: every user on the first key; otherwise users spread over the keys.
      const key = options.flood ? keys[0]! : keys[u % keys.length]!;
      const pool = pools[u % pools.length]!;
      while (performance.now() < deadline) samples.push(await send(pool, key, next(counter++)));
    });
    // While they run: the single-customer probe from another key (after the warm-up).
    const floodProbe = options.flood
      ? (async () => {
        await new Promise((resolve) => setTimeout(resolve, options.warmupSeconds * 1000));
        return singleCustomerLatencies(pools[1 % pools.length]!, keys[1 % keys.length]!, probeIds.slice(PROBES, 2 * PROBES), PROBE_GAP_MS, deadline);
      })()
      : Promise.resolve([] as number[]);
    await Promise.all(users);
    const loaded = await floodProbe;
    const elapsed = (performance.now() - began) / 1000;
    const arrivals = await sim.arrivals();

    const afterWarmup = samples.filter((s) => s.startedAt - began >= options.warmupSeconds * 1000).map((s) => s.ms).sort((a, b) => a - b);
    const all = samples.map((s) => s.ms).sort((a, b) => a - b);
    const byQuery: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    const errors: Record<string, number> = {};
    const sources: Record<string, number> = {};
    for (const s of samples) {
      count(byQuery, s.name);
      count(byStatus, String(s.status));
      for (const c of s.codes) count(errors, c);
      if (s.source) count(sources, s.source);
    }
    const report = quotaReport(arrivals);
    const upstream = arrivals.length;
    const served = samples.filter((s) => s.status === 200).length;
    const lines = [
      `duration            ${elapsed.toFixed(1)} s`,
      `requests served     ${served} of ${samples.length} (${(served / elapsed).toFixed(1)}/s); by query ${JSON.stringify(byQuery)}`,
      `HTTP status         ${JSON.stringify(byStatus)}`,
      `GraphQL errors      ${JSON.stringify(Object.fromEntries(Object.entries(errors).sort((a, b) => b[1] - a[1])))}`,
      `latency (all)       p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms, max ${(all.at(-1) ?? 0).toFixed(0)} ms`,
      `consumption source ${JSON.stringify(sources)}`,
      `p95 by query after warm-up ${JSON.stringify(Object.fromEntries(Object.keys(byQuery).sort().map((name) => [name, Math.round(percentile(samples.filter((x) => x.name === name && x.startedAt - began >= options.warmupSeconds * 1000).map((x) => x.ms).sort((a, b) => a - b), 95))])))}`,
      `latency after ${options.warmupSeconds} s  p50 ${percentile(afterWarmup, 50).toFixed(0)} ms, p95 ${percentile(afterWarmup, 95).toFixed(0)} ms, p99 ${percentile(afterWarmup, 99).toFixed(0)} ms (${afterWarmup.length} requests)`,
      `upstream calls      ${upstream} received by the simulator (${(upstream / elapsed).toFixed(1)}/s), ${(served / Math.max(1, upstream)).toFixed(1)} served requests per upstream call`,
      `429s at simulator   ${report.reduce((n, r) => n + r.throttled, 0)}`,
      ...report.map((r) => `  ${r.operation.padEnd(30)} ${String(r.arrivals).padStart(5)} calls, quota ${r.rate}/s, most in a fixed second ${r.maxFixed}, in any second ${r.maxSliding}, 429s ${r.throttled}`),
      ...(options.flood
        ? [
          `single customer     ${unloaded.length} probes unloaded (back to back): p50 ${percentile(unloaded, 50).toFixed(0)} ms (max ${(unloaded.at(-1) ?? 0).toFixed(0)}); ${loaded.length} (${PROBE_GAP_MS / 1000} s apart) while ${options.users} users flood from one key: p50 ${percentile(loaded, 50).toFixed(0)} ms (max ${(loaded.at(-1) ?? 0).toFixed(0)}); ratio ${(percentile(loaded, 50) / Math.max(1, percentile(unloaded, 50))).toFixed(2)}`,
        ]
        : []),
      `load average        ${loadavg().map((l) => l.toFixed(1)).join(', ')}`,
    ];
    console.log(lines.join('\n'));
    await Promise.all(pools.map((p) => p.close()));
  } finally {
    const codes = await Promise.all(replicas.map((r) => r.close()));
    console.log(`gateway exit codes  ${JSON.stringify(codes)}`);
    await sim?.close();
    await database?.drop();
  }
}

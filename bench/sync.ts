/**
 * `npm run bench:sync [-- --customers 300] [--latency 40] [--guard 50] [--memory-customers 2000] [--memory-cycles 13] [--memory-seconds 600] [--only calls,memory]`
 *
 * The background consumption sync (issue 12), figures printed, never a timed test:
 *
 * 1. calls: a sync of one closed month at `--customers` (300) with the simulator's quotas ON (10/s per API,
 *    `--latency` ms per call) into PGlite in its worker, at the default share (0.5) and rate guard (50 ms):
 *    upstream calls per API against the lower bound (bench/bounds.ts `monthPullBound`), wall time against
 *    1.2 × calls ÷ (share × quota) of the slowest API, and the event loop's delay while it runs (target p99 ≤ 50 ms).
 * 2. memory: the gateway in a process of its own (PGlite files in a temporary directory, the engine in its own
 *    child process as `npm start` runs it; BENCH_STORE_THREAD=1 for a worker thread) syncing 13 cycles of 2,000 customers (records folded 6 h to one,
 *    as the memory scenario does; simulator quotas off, the client at 500/s per API, the sync's share of it)
 *    while it answers a consumptionSync query and a customer page every second; its RSS sampled every 50 ms
 *    (target ≤ 400 MB). Stops after `--memory-seconds` and says how far it got.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { simulatorClient } from '../src/bss/simulator-client.js';
import { DEFAULT_RATE_GUARD_MS } from '../src/config.js';
import { createGateway } from '../src/gateway.js';
import { ReferenceCache } from '../src/caches/reference-cache.js';
import { openStore, MEMORY_DATA_DIR, summarizeSyncCycles } from '../src/store/index.js';
import { ConsumptionSync } from '../src/sync/index.js';
import { monthPullBound, rateOf, totalCalls, totalRecords } from './bounds.js';
import { mb, startRssSampler } from './rss.js';
import { secs, verdict } from './report.js';
import { startSimProcess } from './sim-process.js';

const NOW = '2026-11-15T04:00:00Z';
const CYCLE = '2026-10';
const SHARE = 0.5;
const WALL_FACTOR = 1.2;
const RSS_TARGET = 400 * 1024 * 1024;
const LOOP_P99_TARGET_MS = 50;
const load = (): string => loadavg()[0]!.toFixed(1);
const ms = (ns: number): string => (ns / 1e6).toFixed(1);

async function callsScenario(customers: number, latencyMs: number, guardMs: number): Promise<void> {
  console.log(`\n1. calls: sync of ${CYCLE} at ${customers} customers, simulator quotas ON (10/s per API), latency ${latencyMs} ms, share ${SHARE}, guard ${guardMs} ms, PGlite in its own process`);
  const sim = await startSimProcess({ seed: 42, customers, now: NOW, throttle: true, latencyMs });
  const store = await openStore({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: MEMORY_DATA_DIR, engineProcess: process.env.BENCH_STORE_THREAD !== '1' });
  const bss = simulatorClient(sim, { rate: { perSecond: 10, guardMs } });
  try {
    const truth = await sim.truth(CYCLE);
    const bound = monthPullBound(truth);
    console.log(`  world: ${truth.customers.length} customers, ${truth.resellers.length} resellers, ${totalRecords(truth)} records in ${CYCLE}; store ${store.engine}`);
    const sync = new ConsumptionSync({ bss, store, cycles: [CYCLE], share: SHARE, now: () => new Date(NOW) });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    // The lateness of a 10 ms timer: what a front-end request waiting on the loop would feel.
    const late: number[] = [];
    let expected = performance.now() + 10;
    const timer = setInterval(() => {
      const now = performance.now();
      late.push(Math.max(0, now - expected));
      expected = now + 10;
    }, 10);
    loop.enable();
    const t0 = performance.now();
    const result = await sync.runPass();
    const wallMs = performance.now() - t0;
    loop.disable();
    clearInterval(timer);
    const calls = sync.calls().calls;
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    for (const [name, n] of Object.entries(bound)) console.log(`  ${name.padEnd(26)} ${String(calls[name] ?? 0).padStart(6)} calls, bound ${n}`);
    console.log(`  total ${total} calls, bound ${totalCalls(bound)}   ${verdict(total === totalCalls(bound))} (target: = the lower bound)`);
    const slowest = Math.max(...Object.entries(calls).map(([name, n]) => n / (SHARE * rateOf(name))));
    console.log(`  ${result.unitsSynced} customers, ${result.records} records synced, ${result.unitsFailed} failed; cycle complete: ${result.cyclesComplete === 1}`);
    console.log(`  wall ${secs(wallMs)}; 1.2 × calls ÷ (share × quota) of the slowest API = ${secs(WALL_FACTOR * slowest * 1000)} (${secs(slowest * 1000)} at exactly the share)   ${verdict(wallMs <= WALL_FACTOR * slowest * 1000)}`);
    late.sort((a, b) => a - b);
    const q = (p: number): string => (late[Math.min(late.length - 1, Math.floor(p * late.length))] ?? 0).toFixed(1);
    console.log(`  event loop while syncing: monitorEventLoopDelay p50 ${ms(loop.percentile(50))} / p99 ${ms(loop.percentile(99))} / max ${ms(loop.max)} ms (10 ms resolution: 10 means no delay)   ${verdict(loop.percentile(99) / 1e6 <= LOOP_P99_TARGET_MS)} (target p99 ≤ ${LOOP_P99_TARGET_MS} ms)`);
    console.log(`  lateness of a 10 ms timer: p50 ${q(0.5)} / p99 ${q(0.99)} / max ${late.at(-1)?.toFixed(1) ?? '0'} ms over ${late.length} ticks`);
    const [summary] = await summarizeSyncCycles(store);
    console.log(`  store: ${summary?.customersSynced}/${summary?.customersTotal} customers, ${summary?.records} records; load average ${load()}`);
  } finally {
    await bss.close();
    await store.close();
    await sim.close();
  }
}

interface MemoryResult {
  readonly engine: string;
  /** RSS before the store opened, and right after (PGlite: its WASM engine in a worker thread of this process). */
  readonly beforeStore: number;
  readonly afterOpen: number;
  /** The embedded engine's own process (0: none, it runs in a thread or is a server). */
  readonly enginePeak: number;
  readonly baseline: number;
  readonly peak: number;
  readonly samples: number;
  readonly seconds: number;
  readonly cyclesComplete: number;
  readonly cycles: number;
  readonly units: number;
  readonly records: number;
  readonly queries: number;
  readonly queryP99Ms: number;
  readonly loopP99Ms: number;
  readonly done: boolean;
}

/** RSS of this process's children (the store engine's process), in bytes. */
function engineRss(): number {
  try {
    return execFileSync('ps', ['-o', 'rss=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n').map((l) => Number(l.trim()) * 1024).filter((n) => n > 0).reduce((a, b) => a + b, 0);
  } catch {
    return 0;
  }
}

/** The child: a gateway with a store and a sync, answering queries while it syncs. */
async function memoryChild(input: { url: string; credentials: { ak: string; sk: string; domainId: string; xaccountType: string }; cycles: number; seconds: number }): Promise<MemoryResult> {
  // On disk, as `npm start` keeps it (an in-memory PGlite would hold every synced record in the process).
  const dataDir = await mkdtemp(join(tmpdir(), 'partner-graph-bench-'));
  const beforeStore = process.memoryUsage().rss;
  // As `npm start` opens it: PGlite in a child process of its own (PARTNER_GRAPH_STORE_PROCESS, default on).
  const store = await openStore({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir, engineProcess: process.env.BENCH_STORE_THREAD !== '1' });
  const afterOpen = process.memoryUsage().rss;
  let enginePeak = 0;
  const engineTimer = setInterval(() => (enginePeak = Math.max(enginePeak, engineRss())), 1000);
  const bss = simulatorClient({ url: input.url, credentials: input.credentials }, { rate: { perSecond: 500 } });
  const now = new Date(NOW);
  const sync = new ConsumptionSync({ bss, store, share: SHARE, months: input.cycles - 1, includeOpenCycle: true, now: () => now, concurrency: 8 });
  const gateway = createGateway({
    bss, partnerDomainId: input.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN', now: () => now, store, sync,
  }, { apiKeys: null });
  const rss = startRssSampler(50);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const queryMs: number[] = [];
  let stop = false;
  const queries = (async () => {
    while (!stop) {
      const q0 = performance.now();
      const res = await gateway.fetch('http://gateway.bench/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ consumptionSync { cycles { cycle complete customersSynced records } } partner { customers(first: 20) { nodes { customerId } } } }' }),
      });
      await res.text();
      queryMs.push(performance.now() - q0);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const pass = sync.runPass();
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), input.seconds * 1000).unref());
  const outcome = await Promise.race([pass.then(() => 'done' as const), timeout]);
  stop = true;
  await queries;
  await sync.stop();
  clearInterval(engineTimer);
  const seconds = (performance.now() - t0) / 1000;
  loop.disable();
  const r = rss.stop();
  const summaries = await summarizeSyncCycles(store);
  await store.close();
  await bss.close();
  await rm(dataDir, { recursive: true, force: true });
  queryMs.sort((a, b) => a - b);
  return {
    engine: store.engine, beforeStore, afterOpen, enginePeak,
    baseline: r.baseline, peak: r.peak, samples: r.samples.length, seconds, cycles: summaries.length,
    cyclesComplete: summaries.filter((s) => s.complete).length, units: summaries.reduce((n, s) => n + s.customersSynced, 0),
    records: summaries.reduce((n, s) => n + s.records, 0), queries: queryMs.length, queryP99Ms: queryMs[Math.floor(queryMs.length * 0.99)] ?? 0,
    loopP99Ms: loop.percentile(99) / 1e6, done: outcome === 'done',
  };
}

async function memoryScenario(customers: number, cycles: number, seconds: number): Promise<void> {
  console.log(`\n2. memory: gateway RSS (store: ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL, BENCH_DATABASE_URL' : 'PGlite files'}) while it syncs ${cycles} cycles of ${customers} customers (6 h of usage per record; simulator quotas off, client 500/s per API, share ${SHARE}) and answers queries; at most ${seconds} s`);
  const sim = await startSimProcess({ seed: 42, customers, now: NOW, throttle: false, latencyMs: 0, hoursPerUsageRecord: 6 });
  try {
    const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify({ url: sim.url, credentials: sim.credentials, cycles, seconds })], {
      execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const out = await new Promise<MemoryResult>((resolve, reject) => {
      child.once('message', (m: MemoryResult) => resolve(m));
      child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
    });
    console.log(`  ${out.done ? 'finished' : 'stopped at the time limit'} after ${out.seconds.toFixed(0)} s: ${out.cyclesComplete}/${out.cycles} cycles complete, ${out.units} customer × cycle units, ${out.records} records in the store`);
    console.log(`  store ${out.engine}: gateway RSS ${mb(out.beforeStore)} before it opened, ${mb(out.afterOpen)} after${out.enginePeak > 0 ? `; the engine's own process peaked at ${mb(out.enginePeak)}` : ''}`);
    console.log(`  RSS while syncing: start ${mb(out.baseline)}, peak ${mb(out.peak)} (+${mb(out.peak - out.baseline)} for the sync and the queries) over ${out.samples} samples   ${verdict(out.peak <= RSS_TARGET)} (target ≤ 400 MB)`);
    console.log(`  ${out.queries} queries answered meanwhile, p99 ${out.queryP99Ms.toFixed(0)} ms; event loop p99 ${out.loopP99Ms.toFixed(1)} ms; load average ${load()}`);
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const result = await memoryChild(JSON.parse(process.argv[3]!));
    process.send!(result);
    process.exit(0);
  }
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' }, latency: { type: 'string' }, only: { type: 'string' }, guard: { type: 'string' },
      'memory-customers': { type: 'string' }, 'memory-cycles': { type: 'string' }, 'memory-seconds': { type: 'string' },
    },
  });
  const only = values.only?.split(',') ?? ['calls', 'memory'];
  console.log(`Partner Graph sync benchmark — ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${cpus().length} cores, load average ${load()}`);
  if (only.includes('calls')) await callsScenario(Number(values.customers ?? 300), Number(values.latency ?? 40), Number(values.guard ?? DEFAULT_RATE_GUARD_MS));
  if (only.includes('memory')) {
    await memoryScenario(Number(values['memory-customers'] ?? 2000), Number(values['memory-cycles'] ?? 13), Number(values['memory-seconds'] ?? 600));
  }
}

await main();

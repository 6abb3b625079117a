/**
 * `npm run bench [-- --only customers,month,naive,memory,cache] [--quick] [--naive-full] [--customers n] [--latency ms]`
 *
 * --latency <ms>: the simulator's added latency per call (default 40).
 * --quick: a smaller world (150 customers; 500 for the memory scenario), shorter naive samples, no cache scenario.
 *
 * Starts the simulator in a child process (real quotas: 10 requests/s per API; 40 ms latency per call), the
 * gateway in this process, and runs each scenario against lower bounds computed from the simulator's ground
 * truth (bench/bounds.ts). A scenario whose feature is missing prints "skipped: <why>"; a MISS is reported,
 * never a failure of the process.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { cache } from './scenarios/cache.js';
import { customerPage } from './scenarios/customer-page.js';
import { memory } from './scenarios/memory.js';
import { month } from './scenarios/month.js';
import { naive } from './scenarios/naive.js';
import { Skip, type BenchContext, type Scenario } from './scenario.js';
import { startSimProcess } from './sim-process.js';
import { totalRecords } from './bounds.js';

const SCENARIOS: readonly Scenario[] = [customerPage, month, naive, memory, cache];
/** The dataset anchor: the open cycle is 2026-11 (UTC+8), so 2026-10 is closed. */
const NOW = '2026-11-15T04:00:00Z';
const CYCLE = '2026-10';
/** Added to every BSS call by the simulator: a realistic round trip to Huawei Cloud's BSS endpoint. */
const DEFAULT_LATENCY_MS = 40;

/** The machine's 1-minute load: wall times mean little when other work shares the cores. */
const load = (): string => loadavg()[0]!.toFixed(1);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean' },
      'naive-full': { type: 'boolean' },
      customers: { type: 'string' },
      latency: { type: 'string' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const unknown = only?.filter((k) => !SCENARIOS.some((s) => s.key === k)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.map((s) => s.key).join(', ')}`);
    process.exit(2);
  }
  const quick = values.quick ?? false;
  const chosen = SCENARIOS.filter((s) => (only ? only.includes(s.key) : !(quick && s.key === 'cache')));
  const customers = Number(values.customers ?? (quick ? 150 : 200));
  const latencyMs = Number(values.latency ?? DEFAULT_LATENCY_MS);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error(`--latency must be a whole number of milliseconds, got ${values.latency}`);
  if (!Number.isInteger(customers) || customers < 1) throw new Error(`--customers must be a positive integer, got ${values.customers}`);
  const log = (line = ''): void => console.log(line);

  log(`Partner Graph benchmark — ${new Date().toISOString()}`);
  log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load()}${quick ? ', --quick' : ''}`);
  log(`simulator: separate process, seed 42, ${customers} customers, anchored at ${NOW}, cycle ${CYCLE} (closed), latency ${latencyMs} ms, quotas ON (10/s per API)`);
  log(`wall bound = max over APIs (calls_api / quota_api) + one round trip (${latencyMs} ms)`);

  const needsShared = chosen.some((s) => s.simulator === 'shared');
  const sim = needsShared
    ? await startSimProcess({ seed: 42, customers, now: NOW, throttle: true, latencyMs: latencyMs })
    : null;
  const began = performance.now();
  try {
    // Ground truth from the simulator's own state (this also builds its records of the cycle once).
    const truth = sim ? await sim.truth(CYCLE) : { resellers: [], customers: [] };
    if (sim) log(`ground truth: ${truth.customers.length} customers, ${truth.resellers.length} resellers, ${totalRecords(truth)} records in ${CYCLE}`);
    const ctx: BenchContext = {
      sim: sim!, truth, cycle: CYCLE, nowIso: NOW, latencyMs: latencyMs, quick, naiveFull: values['naive-full'] ?? false,
      results: new Map(), log,
    };
    for (const scenario of chosen) {
      log();
      log(scenario.title);
      const t0 = performance.now();
      try {
        await scenario.run(ctx);
      } catch (error) {
        if (error instanceof Skip) log(`  skipped: ${error.message}`);
        else log(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      log(`  (scenario took ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()})`);
    }
  } finally {
    await sim?.close();
  }
  log();
  log(`bench finished in ${((performance.now() - began) / 1000).toFixed(0)} s`);
}

await main();

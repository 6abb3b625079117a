/**
 * `npm run bench:quota [-- --runs 2 --latency 40]`: how much of Huawei's quota the rate budget uses, on the
 * benchmark's 100-customer page (scenario 1: 100 ListCustomerOrders after one ListSubCustomers, 103 calls), with
 * the simulator's quotas on (10/s per API, fixed one-second windows, 429 beyond) in a process of its own.
 *
 * Four budgets, each on a fresh gateway (cold), interleaved run by run:
 * - `spaced`: before the sliding window, every start 1/rate + guard apart (105 ms), reproduced by configuration
 *   (bench/quota-slots.ts `SpacedStartSlots`);
 * - `sliding`: the gateway's budget (any `rate` starts in a window of 1 s + guard, each place held from its start
 *   until a window after its answer), the default 50 ms guard;
 * - `sliding, guard 0`: the same at the exact quota;
 * - `burst`: a client of another gateway sending 10 calls per calendar second in bursts (`FixedSecondSlots`).
 *
 * Prints calls, wall time and the 429s the upstream answered (each retried), with the load average.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { customerPageBound, totalCalls, wallBoundSeconds } from './bounds.js';
import { benchGateway, type BenchGatewayOptions } from './gateway.js';
import { quotaPause } from './scenario.js';
import { startSimProcess } from './sim-process.js';
import { FixedSecondSlots, SpacedStartSlots } from './quota-slots.js';
import { CUSTOMER_PAGE_QUERY as QUERY } from './scenarios/customer-page-query.js';

const NOW = '2026-11-15T04:00:00Z';
const PAGE = 100;

const MODES: readonly { name: string; options: () => BenchGatewayOptions }[] = [
  { name: 'spaced 105 ms (before)', options: () => ({ slots: new SpacedStartSlots() }) },
  { name: 'sliding, guard 50 ms (now)', options: () => ({}) },
  { name: 'sliding, guard 0', options: () => ({ guardMs: 0 }) },
  { name: 'burst 10 per second', options: () => ({ guardMs: 0, slots: new FixedSecondSlots() }) },
];

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, latency: { type: 'string' } } });
  const runs = Number(values.runs ?? 2);
  const latencyMs = Number(values.latency ?? 40);
  console.log(`quota use — ${new Date().toISOString()}; node ${process.version}, ${cpus().length} cores; load average ${load()}`);
  console.log(`simulator: own process, seed 42, 200 customers, latency ${latencyMs} ms, quotas ON (10/s per API, fixed 1 s windows)`);
  const sim = await startSimProcess({ seed: 42, customers: 200, now: NOW, throttle: true, latencyMs });
  try {
    const truth = await sim.truth(null);
    const bound = customerPageBound(truth, PAGE);
    console.log(`page of ${PAGE} customers: bound ${totalCalls(bound)} calls, wall bound ${wallBoundSeconds(bound, latencyMs).toFixed(2)} s (calls / quota + a round trip)`);
    for (let run = 1; run <= runs; run++) {
      for (const mode of MODES) {
        await quotaPause();
        const gw = benchGateway(sim, mode.options());
        try {
          const began = performance.now();
          const res = await gw.graphql(QUERY, { first: PAGE });
          const wallMs = performance.now() - began;
          if (!res.data?.partner?.customers) throw new Error(`query failed: ${JSON.stringify(res.errors?.slice(0, 2))}`);
          const line = `calls ${gw.bss.counter.requests()}, wall ${(wallMs / 1000).toFixed(2)} s, 429s ${gw.throttled()}, field errors ${res.errors?.length ?? 0} (load ${loadavg()[0]!.toFixed(1)})`;
          console.log(`  run ${run} ${mode.name.padEnd(28)} ${line}`);
        } finally {
          await gw.close();
        }
      }
    }
  } finally {
    await sim.close();
  }
  console.log(`load average at the end ${load()}`);
}

await main();

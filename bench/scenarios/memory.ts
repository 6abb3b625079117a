/**
 * Scenario 4: the gateway's memory while the export streams a month for 2,000 customers. Memory, not speed,
 * is the point, so this simulator runs with its quotas off and the client allows itself 500 requests/s per
 * API; and it folds `MEMORY_HOURS_PER_RECORD` hours of time-metered usage into one record (same sums, fewer
 * records), so the month is some 400,000 rows instead of ~2M. The gateway runs in a fresh process of its own
 * (memory-child.ts; the simulator in another), sampling its RSS every 50 ms.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { totalRecords } from '../bounds.js';
import type { MemoryChildInput, MemoryChildOutput } from '../memory-child.js';
import { isFlat, mb } from '../rss.js';
import { secs, verdict } from '../report.js';
import { Skip, type BenchContext, type Scenario } from '../scenario.js';
import { startSimProcess } from '../sim-process.js';

export const MEMORY_CUSTOMERS = 2_000;
export const MEMORY_HOURS_PER_RECORD = 6;
const CLIENT_RATE = 500;
const CHILD = fileURLToPath(new URL('../memory-child.ts', import.meta.url));

/** RSS at the start of each tenth of the stream, and at its end. */
function timeline(samples: readonly number[]): string[] {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) points.push(mb(samples[Math.floor((i * samples.length) / 10)]!));
  points.push(mb(samples[samples.length - 1]!));
  return points;
}

function runChild(input: MemoryChildInput): Promise<MemoryChildOutput> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir>: also write a V8 CPU profile of the gateway process there.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const child = fork(CHILD, [JSON.stringify(input)], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (message: MemoryChildOutput) => {
      answered = true;
      resolve(message);
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`gateway process exited with code ${code} before reporting`));
    });
  });
}

export const memory: Scenario = {
  key: 'memory',
  title: `4. memory: peak RSS of the gateway process while the export streams a month for ${MEMORY_CUSTOMERS} customers`,
  simulator: 'own',
  async run(ctx: BenchContext) {
    const customers = ctx.quick ? 500 : MEMORY_CUSTOMERS;
    const sim = await startSimProcess({
      seed: 42, customers, now: ctx.nowIso, throttle: false, latencyMs: ctx.latencyMs, hoursPerUsageRecord: MEMORY_HOURS_PER_RECORD,
    });
    try {
      const truth = await sim.truth(ctx.cycle);
      const expected = totalRecords(truth);
      const out = await runChild({ url: sim.url, credentials: sim.credentials, cycle: ctx.cycle, ratePerSecond: CLIENT_RATE });
      if (!out.ok) {
        if (out.skipped) throw new Skip(out.message);
        throw new Error(out.message);
      }
      const { count, rss } = out;
      const shape = isFlat(rss.samples);
      ctx.log(`  world: ${customers} customers, ${expected} records in ${ctx.cycle} (${MEMORY_HOURS_PER_RECORD} h of usage per record; simulator quotas off, client at ${CLIENT_RATE}/s per API)`);
      ctx.log(`  streamed ${count.rows} rows (${count.rows === expected ? 'all of them' : `MISMATCH: expected ${expected}`}), ${(count.bytes / 1e6).toFixed(0)} MB of CSV in ${secs(out.ms)}; ${out.upstreamCalls} upstream calls; closing marker: ${count.marker?.slice(0, 100) ?? 'none'}`);
      ctx.log(`  RSS baseline ${mb(rss.baseline)}, peak ${mb(rss.peak)} (+${mb(rss.peak - rss.baseline)}), ${rss.samples.length} samples`);
      ctx.log(`  RSS over the stream (tenths): ${timeline(rss.samples).join(' → ')}`);
      ctx.log(`  peak in the first half of the stream ${mb(shape.firstHalfPeak)}, in the second half ${mb(shape.secondHalfPeak)}   ${verdict(shape.flat)} (target: memory flat while the export streams)`);
    } finally {
      await sim.close();
    }
  },
};

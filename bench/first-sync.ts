/**
 * `npx tsx bench/first-sync.ts [--customers 300,2000] [--cycles 19] [--share 0.5] [--hours-per-usage-record 1]`:
 * how long the background sync's first pass takes at Huawei's quota, computed (not run) from the simulator's
 * world and the lower bound of bench/bounds.ts: per cycle, `monthPullBound` (the calls that read every
 * customer's records once), then the time those calls need when the sync spends `share` of each API's quota —
 * per cycle the slowest API's calls ÷ (share × its rate), summed over the cycles. The measured sync makes exactly
 * the bound's calls in ≤ 1.1 × this time (bench/sync.ts, bench/RESULTS.md "The consumption sync").
 *
 * `--cycles` counts from the open cycle back: 19 is what the sync reads first (the open cycle and the 18 closed
 * ones Huawei keeps, `PARTNER_GRAPH_SYNC_MONTHS`); with fewer, the 19-cycle time of a partner whose customers
 * were all active every month is still printed (19 × the newest closed cycle). Prints figures; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { startSimulator, type RunningSimulator } from '../src/simulator/server.js';
import { cycleOf, monthIndex } from '../src/sources/billing-cycles.js';
import { monthPullBound, rateOf, totalCalls, totalRecords, type CallsByApi } from './bounds.js';
import type { WorldTruth } from './sim-protocol.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '300,2000' },
    cycles: { type: 'string', default: '19' },
    share: { type: 'string', default: '0.5' },
    'hours-per-usage-record': { type: 'string', default: '1' },
  },
});
const share = Number(values.share);
const cycleCount = Number(values.cycles);
// The benchmarks' anchor: 2026-11 is the open cycle.
const NOW = new Date('2026-11-15T04:00:00Z');
const OPEN = monthIndex('2026-11');
/** What the first sync reads: the open cycle and the 18 closed ones Huawei keeps. */
const SYNC_CYCLES = 19;

function truthOf(sim: RunningSimulator, cycle: string): WorldTruth {
  const world = sim.state.world;
  return {
    resellers: world.resellers.map((r) => r.indirectPartnerId),
    customers: world.customers.map((c) => ({
      customerId: c.customerId, indirectPartnerId: c.indirectPartnerId, associationType: c.associationType,
      records: sim.state.bills.records(c.customerId, cycle).length,
    })),
  };
}

/** Seconds the calls need at `share` of each API's quota: the slowest API sets the pace. */
function secondsAtShare(calls: CallsByApi): number {
  return Math.max(...Object.entries(calls).map(([api, n]) => n / (share * rateOf(api))));
}

const hours = (seconds: number): string => (seconds < 3600 ? `${(seconds / 60).toFixed(0)} min` : `${(seconds / 3600).toFixed(1)} h`);

for (const customers of values.customers!.split(',').map(Number)) {
  const sim = await startSimulator({ port: 0, seed: 42, customers, now: NOW, throttle: false, hoursPerUsageRecord: Number(values['hours-per-usage-record']) });
  let calls = 0;
  let records = 0;
  let seconds = 0;
  let newest = '';
  let newestSeconds = 0;
  for (let i = 0; i < cycleCount; i++) {
    const cycle = cycleOf(OPEN - i);
    const truth = truthOf(sim, cycle);
    const bound = monthPullBound(truth);
    calls += totalCalls(bound);
    records += totalRecords(truth);
    seconds += secondsAtShare(bound);
    if (i === 1) {
      newestSeconds = secondsAtShare(bound);
      newest = `newest closed cycle ${cycle}: ${totalCalls(bound)} calls, ${totalRecords(truth)} records, ${hours(newestSeconds)}`;
    }
  }
  console.log(`${customers} customers, ${cycleCount} cycles at ${share} × quota: ${calls} calls for ${records} records = ${hours(seconds)} (${newest})`);
  // The simulator's customers join over the months, so its older cycles are smaller; a partner whose every
  // customer consumed in every cycle needs the newest closed cycle's time once per cycle.
  if (newestSeconds > 0) console.log(`  every customer active in all ${SYNC_CYCLES} cycles: ${SYNC_CYCLES} × the newest closed cycle = ${hours(SYNC_CYCLES * newestSeconds)}`);
  await sim.close();
}

/**
 * Scenario 3: the same month pulled the way a user scripts it with an SDK: one call after another, at the
 * SDK's default page size (10, bss-api-commerce.md §0.5), no concurrency. The resellers, then each scope's
 * customers, then each customer's records page by page. The client keeps the real per-API budget (it
 * would otherwise collect 429s).
 *
 * A sequential client's pace is steady (one call every max(round trip, 1/quota)), so by default it runs for a
 * sample of calls and its whole-month time is projected as measured time per call × the calls the month
 * needs at that page size (counted exactly from the ground truth); `--naive-full` runs it to the end.
 */
import { ListSubCustomerBillDetail } from '../../src/bss/operations/bills/sub-customer-bills.js';
import { ListIndirectPartners } from '../../src/bss/operations/partners/indirect-partners.js';
import { ListSubCustomers } from '../../src/bss/operations/partners/customers.js';
import { naivePullCalls, totalCalls } from '../bounds.js';
import { benchGateway, type BenchGateway } from '../gateway.js';
import { SPEEDUP_TARGET, secs, verdict } from '../report.js';
import { quotaPause, type BenchContext, type Scenario } from '../scenario.js';

/** The SDK's default `limit` on every paged BSS list. */
export const SDK_DEFAULT_PAGE = 10;

/** Page sizes of the script: its lists (resellers, customers) and its record reads. */
export interface NaivePages {
  readonly lists: number;
  readonly records: number;
}

class OutOfTime extends Error {}

async function naivePull(ctx: BenchContext, gw: BenchGateway, sizes: NaivePages, deadline: number): Promise<{ calls: number; records: number }> {
  const bss = gw.bss;
  let calls = 0;
  let records = 0;
  const tick = (): void => {
    calls++;
    if (performance.now() > deadline) throw new OutOfTime();
  };
  try {
    const resellers: string[] = [];
    for (let offset = 0, total = 1; offset < total; offset += sizes.lists) {
      const res = await bss.call(ListIndirectPartners, { body: { offset, limit: sizes.lists } });
      tick();
      total = res.count ?? 0;
      for (const r of res.indirect_partners ?? []) if (r.indirect_partner_id) resellers.push(r.indirect_partner_id);
    }
    const customers: { id: string; scope: string | null }[] = [];
    for (const scope of [null, ...resellers]) {
      for (let offset = 0, total = 1; offset < total; offset += sizes.lists) {
        const body = scope === null ? { offset, limit: sizes.lists } : { indirect_partner_id: scope, offset, limit: sizes.lists };
        const res = await bss.call(ListSubCustomers, { body });
        tick();
        total = res.count ?? 0;
        for (const c of res.customer_infos ?? []) customers.push({ id: c.customer_id, scope });
      }
    }
    for (const c of customers) {
      for (let offset = 0, total = 1; offset < total; offset += sizes.records) {
        const req = { bill_cycle: ctx.cycle, customer_id: c.id, offset, limit: sizes.records, ...(c.scope ? { indirect_partner_id: c.scope } : {}) };
        const res = await bss.call(ListSubCustomerBillDetail, req);
        tick();
        total = res.total_count ?? 0;
        records += res.fee_records?.length ?? 0;
      }
    }
  } catch (error) {
    if (!(error instanceof OutOfTime)) throw error;
  }
  return { calls, records };
}

async function run(ctx: BenchContext, sizes: NaivePages, sampleMs: number, label: string): Promise<number> {
  await quotaPause();
  const gw = benchGateway(ctx.sim);
  try {
    const needed = naivePullCalls(ctx.truth, sizes);
    const neededCalls = totalCalls(needed);
    const began = performance.now();
    const done = await naivePull(ctx, gw, sizes, ctx.naiveFull ? Infinity : began + sampleMs);
    const ms = performance.now() - began;
    const projected = done.calls >= neededCalls ? ms : (ms / done.calls) * neededCalls;
    const how = done.calls >= neededCalls ? 'measured' : `projected from ${done.calls} calls in ${secs(ms)} (${(ms / done.calls).toFixed(0)} ms/call)`;
    ctx.log(`  naive, ${label} (limit=${sizes.lists === sizes.records ? sizes.records : `${sizes.lists} for lists, ${sizes.records} for records`}): ${neededCalls} sequential calls needed; ${secs(projected)} ${how}; ${gw.throttled()} 429s`);
    return projected;
  } finally {
    await gw.close();
  }
}

export const naive: Scenario = {
  key: 'naive',
  title: '3. the same month by a naive SDK script (sequential calls), and the speedup of 2 over it',
  simulator: 'shared',
  async run(ctx) {
    const sample = ctx.quick ? 8_000 : 20_000;
    const naiveMs = await run(ctx, { lists: SDK_DEFAULT_PAGE, records: SDK_DEFAULT_PAGE }, sample, 'SDK default page size');
    ctx.results.set('naiveMs', naiveMs);
    // What page size alone buys: the same script at the largest page the API takes.
    const largest = { lists: ListSubCustomers.page!.maxLimit, records: ListSubCustomerBillDetail.page!.maxLimit };
    const bigMs = await run(ctx, largest, ctx.quick ? 5_000 : 15_000, 'largest pages');
    for (const [name, key] of [['GraphQL', 'graphqlMs'], ['export', 'exportMs']] as const) {
      const ms = ctx.results.get(key);
      if (ms === undefined) {
        ctx.log(`  speedup of ${name}: not measured (scenario 2 ${name} did not run)`);
        continue;
      }
      const speedup = naiveMs / ms;
      ctx.log(`  speedup of ${name} (${secs(ms)}) over the naive script: ${speedup.toFixed(1)}x   ${verdict(speedup >= SPEEDUP_TARGET)} (target ≥ ${SPEEDUP_TARGET}x); over the largest-page script: ${(bigMs / ms).toFixed(1)}x`);
    }
  },
};

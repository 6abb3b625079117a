/**
 * Scenario 2: a closed cycle's consumption of every customer (the resellers' included), pulled through
 * GraphQL (Partner.consumption: totals, breakdowns and every record) and through the export (the whole
 * CSV streamed). No bill cache: each pull is a cold pull.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { monthPullBound, totalRecords, wallBoundSeconds } from '../bounds.js';
import { countCsv } from '../csv-rows.js';
import { benchGateway } from '../gateway.js';
import { consumptionSelection, cycleArgs, namedType, readSchema } from '../introspect.js';
import { measuredLines, secs } from '../report.js';
import { Skip, quotaPause, type BenchContext, type Scenario } from '../scenario.js';
import type { WorldTruth } from '../sim-protocol.js';

/** The truth limited to the partner's own customers (a view that does not reach into resellers). */
function ownOnly(truth: WorldTruth): WorldTruth {
  return { resellers: [], customers: truth.customers.filter((c) => c.indirectPartnerId === null) };
}

/** Which customers a pull covered, told by how many records it returned. */
function coveredTruth(ctx: BenchContext, rows: number): { truth: WorldTruth; note: string } {
  if (rows === totalRecords(ctx.truth)) return { truth: ctx.truth, note: 'every customer, resellers\' included' };
  const own = ownOnly(ctx.truth);
  if (rows === totalRecords(own)) return { truth: own, note: 'the partner\'s own customers only (resellers\' not covered)' };
  return { truth: ctx.truth, note: `MISMATCH: ${rows} records, the simulator holds ${totalRecords(ctx.truth)}` };
}

async function graphqlPull(ctx: BenchContext): Promise<void> {
  const gw = benchGateway(ctx.sim);
  try {
    const schema = await readSchema(gw);
    const records = totalRecords(ctx.truth) + 1;
    let query: string;
    let how: string;
    const partnerView = schema.field('Partner', 'consumption');
    const customerView = schema.field('Customer', 'consumption');
    if (partnerView && cycleArgs(partnerView, ctx.cycle)) {
      const selection = consumptionSelection(schema, namedType(partnerView.type).name, records);
      query = `{ partner { consumption${cycleArgs(partnerView, ctx.cycle)} { ${selection} } } }`;
      how = 'Partner.consumption';
    } else if (customerView && cycleArgs(customerView, ctx.cycle)) {
      // Fallback until the partner-wide view lands: every customer's view in one request.
      const selection = consumptionSelection(schema, namedType(customerView.type).name, records);
      const customers = `customers(first: 1000) { nodes { customerId consumption${cycleArgs(customerView, ctx.cycle)} { ${selection} } } }`;
      query = `{ partner { ${customers} indirectPartners(first: 100) { nodes { ${customers} } } } }`;
      how = 'fallback: each Customer.consumption in one request (no Partner.consumption yet)';
    } else {
      throw new Skip('no consumption(cycle) view on Partner or Customer yet');
    }
    gw.reset();
    // How late the gateway's event loop runs while it executes records during the pull: every late timer is a
    // rate-budget slot started late (the budget never catches up, so a late slot is time lost to the pull).
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const began = performance.now();
    const res = await gw.graphql(query);
    const wallMs = performance.now() - began;
    lag.disable();
    if (!res.data) throw new Error(`query failed: ${JSON.stringify(res.errors?.slice(0, 2))}`);
    const views: { records?: { nodes?: unknown[] } }[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'consumption' && v && typeof v === 'object') views.push(v as { records?: { nodes?: unknown[] } });
          else collect(v);
        }
      }
    };
    collect(res.data);
    const rows = views.reduce((n, v) => n + (v.records?.nodes?.length ?? 0), 0);
    const covered = coveredTruth(ctx, rows);
    const bound = monthPullBound(covered.truth);
    const total = views.length === 1 ? ` total ${String((views[0] as Record<string, unknown>).total ?? '?')},` : '';
    ctx.log(`  GraphQL (${how}): ${rows} records,${total} ${res.errors?.length ?? 0} errors; covers ${covered.note}`);
    ctx.log(`    upstream pull done after ${secs(gw.lastUpstreamAt() - began)}; the rest (${secs(began + wallMs - gw.lastUpstreamAt())}) is executing and sending the response`);
    const ms = (ns: number): string => `${(ns / 1e6).toFixed(0)} ms`;
    ctx.log(`    gateway event-loop delay: mean ${ms(lag.mean)}, p99 ${ms(lag.percentile(99))}, max ${ms(lag.max)}`);
    for (const line of measuredLines({
      calls: gw.bss.counter.snapshot().requests, bound, wallMs, wallBoundS: wallBoundSeconds(bound, ctx.latencyMs), throttled: gw.throttled(),
    })) ctx.log(line);
    ctx.results.set('graphqlMs', wallMs);
  } finally {
    await gw.close();
  }
}

async function exportPull(ctx: BenchContext): Promise<void> {
  const gw = benchGateway(ctx.sim);
  try {
    const began = performance.now();
    const response = await gw.fetch(`/export/consumption?cycle=${ctx.cycle}&format=csv`);
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 404 || !response.body || !/csv/i.test(type)) {
      await response.body?.cancel();
      throw new Skip(`GET /export/consumption answered ${response.status} ${type || '(no content type)'}: the export is not there yet`);
    }
    const counted = await countCsv(response.body);
    const wallMs = performance.now() - began;
    const pulledMs = gw.lastUpstreamAt() - began;
    const covered = coveredTruth(ctx, counted.rows);
    // FOCUS SubAccountName is mandatory: the export must list the own customers for their names.
    const bound = monthPullBound(covered.truth, { needNames: true });
    ctx.log(`  export (CSV): ${counted.rows} rows, ${(counted.bytes / 1e6).toFixed(1)} MB, ${counted.header.split(',').length} columns; covers ${covered.note}`);
    ctx.log(`    closing marker: ${counted.marker?.slice(0, 120) ?? 'none'}; upstream pull done after ${secs(pulledMs)}`);
    for (const line of measuredLines({
      calls: gw.bss.counter.snapshot().requests, bound, wallMs, wallBoundS: wallBoundSeconds(bound, ctx.latencyMs), throttled: gw.throttled(),
    })) ctx.log(line);
    ctx.results.set('exportMs', wallMs);
  } finally {
    await gw.close();
  }
}

async function part(ctx: BenchContext, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await quotaPause();
    await run();
  } catch (error) {
    if (error instanceof Skip) ctx.log(`  ${name}: skipped: ${error.message}`);
    else ctx.log(`  ${name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const month: Scenario = {
  key: 'month',
  title: '2. a closed month\'s consumption of every customer, through GraphQL and through the export',
  simulator: 'shared',
  async run(ctx) {
    ctx.log(`  world: ${ctx.truth.customers.length} customers (${ctx.truth.resellers.length} resellers), ${totalRecords(ctx.truth)} records in ${ctx.cycle}`);
    await part(ctx, 'GraphQL', () => graphqlPull(ctx));
    await part(ctx, 'export', () => exportPull(ctx));
    const g = ctx.results.get('graphqlMs');
    const e = ctx.results.get('exportMs');
    if (g !== undefined && e !== undefined) ctx.log(`  GraphQL ${secs(g)} vs export ${secs(e)}`);
  },
};

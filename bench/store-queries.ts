/**
 * `npm run bench:store-queries -- [--customers 300] [--cycles 12] [--hours-per-usage-record 1] [--postgres URL]`:
 * how fast the gateway answers consumption from the state store once it is synced (issue 12's query figures).
 * Prints figures; asserts nothing (a benchmark, never a timed test).
 *
 * The store is filled the way the background sync fills it — every customer × cycle unit from the same source
 * the live views use, then the cycle's listing mark and planner statistics — from an in-process simulator with
 * its quotas off (filling is not what is measured here; bench/sync.ts measures the sync at quota).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { simulatorClient } from '../src/bss/simulator-client.js';
import { ReferenceCache } from '../src/caches/reference-cache.js';
import { DEFAULT_LIMITS } from '../src/context.js';
import { createGateway } from '../src/gateway.js';
import { cyclesBetween, monthIndex, cycleOf } from '../src/sources/billing-cycles.js';
import { pullConsumption } from '../src/sources/consumption-pull.js';
import { MEMORY_DATA_DIR, openStore, refreshStatistics, replaceCustomerCycle, type Store } from '../src/store/index.js';
import { startSimulator } from '../src/simulator/server.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '300' },
    cycles: { type: 'string', default: '12' },
    'hours-per-usage-record': { type: 'string', default: '1' },
    postgres: { type: 'string' },
    repeat: { type: 'string', default: '5' },
  },
});
const customers = Number(values.customers);
const cycleCount = Number(values.cycles);
const repeat = Number(values.repeat);
const NOW = new Date('2026-11-15T04:00:00Z');

async function fill(store: Store, bss: ReturnType<typeof simulatorClient>, cycle: string): Promise<number> {
  const units = new Map<string, { indirectPartnerId: string | null; customerId: string; records: never[] }>();
  for await (const page of pullConsumption({ bss, language: 'zh_CN' }, { cycles: [cycle], scope: 'all', listOwnCustomers: false, cache: false })) {
    const key = JSON.stringify([page.customer.indirectPartnerId, page.customer.customerId]);
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { indirectPartnerId: page.customer.indirectPartnerId, customerId: page.customer.customerId, records: [] }));
    for (const r of page.records) unit.records.push(r as never);
  }
  let records = 0;
  for (const unit of units.values()) records += (await replaceCustomerCycle(store, { cycle, ...unit })).recordCount;
  await store.db.insertInto('consumption_sync_cycles').values({ cycle, customers_listed_at: new Date(), completed_at: new Date() } as never).execute();
  return records;
}

/** Median and best of `repeat` runs, in ms. */
async function time(run: () => Promise<unknown>): Promise<{ median: number; best: number }> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, best: samples[0]! };
}

async function main(): Promise<void> {
  const sim = await startSimulator({
    port: 0, seed: 42, customers, now: NOW, throttle: false, hoursPerUsageRecord: Number(values['hours-per-usage-record']),
  });
  const bss = simulatorClient(sim, { rate: { perSecond: 1000, guardMs: 0 } });
  const store = await openStore({ databaseUrl: values.postgres, dataDir: MEMORY_DATA_DIR });
  const open = monthIndex('2026-11');
  const cycles = cyclesBetween(cycleOf(open - cycleCount), cycleOf(open - 1));
  const fillStarted = performance.now();
  let records = 0;
  for (const cycle of cycles) records += await fill(store, bss, cycle);
  await refreshStatistics(store);
  console.log(`filled ${records} records of ${customers} customers × ${cycles.length} cycles on ${store.engine} in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);

  const gateway = createGateway({
    bss, partnerDomainId: sim.credentials.domainId, reference: new ReferenceCache({ ttlMs: 3_600_000 }), defaultLanguage: 'zh_CN',
    limits: { ...DEFAULT_LIMITS, maxFirst: 1000 }, store, now: () => NOW,
  });
  const graphql = async (query: string): Promise<Record<string, unknown>> => {
    const res = await gateway.fetch('http://bench.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const last = cycles[cycles.length - 1]!;
  await graphql('{ serviceTypes { code } resourceTypes { code } measureUnits { id } }');
  const calls = () => Object.values(bss.counter.snapshot().requests).reduce((a, b) => a + b, 0);

  const month = `{ partner { consumption(cycle: "${last}") { source total officialTotal discountTotal recordCount
    byServiceType { serviceType { code } amount } byResourceType { resourceType { code } amount } byRegion { region { code } amount }
    byChargeMode { chargeModeCode amount } byCycle { cycle amount } byCustomer { customerId amount } } } }`;
  const range = `{ partner { consumption(fromCycle: "${cycles[0]}", toCycle: "${last}") { source total recordCount byCycle { cycle amount } } } }`;
  const page = `{ partner { consumption(cycle: "${last}") { records(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { id paymentAmount } } } } }`;
  const before = calls();
  const figures = {
    'partner-wide month, total + every breakdown + byCustomer': await time(() => graphql(month)),
    [`${cycles.length}-month range totals`]: await time(() => graphql(range)),
    'records page of 100 with totalCount and pageInfo': await time(() => graphql(page)),
  };
  for (const [name, { median, best }] of Object.entries(figures)) console.log(`${name}: median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms`);
  console.log(`upstream calls while answering: ${calls() - before}`);

  const exportStarted = performance.now();
  const res = await gateway.fetch(`http://bench.test/export/consumption?cycle=${last}&format=ndjson`);
  // Counted as it streams: a month of NDJSON is larger than the longest string V8 can hold.
  let lines = 0;
  const reader = res.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) for (const byte of chunk.value) if (byte === 10) lines++;
  const rows = lines - 1;
  const seconds = (performance.now() - exportStarted) / 1000;
  console.log(`FOCUS export of ${last} (${res.headers.get('x-consumption-source')}): ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);

  await store.close();
  await sim.close();
}

await main();

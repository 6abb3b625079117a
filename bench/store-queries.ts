/**
 * `npm run bench:store-queries -- [--customers 300] [--cycles 12] [--hours-per-usage-record 1] [--postgres URL]
 * [--data-dir DIR] [--fill copy|pull] [--simulator process|embedded] [--repeat 5] [--only month,range,page,export]`: how fast the gateway answers consumption from the state store once it is synced (issue 12's
 * query figures). `--only mixed` (not in the default: it pulls a cycle live) measures a range of every synced cycle
 * and the open one, which is not synced: the store answers the synced cycles, the open one is pulled, and the
 * upstream calls are the open cycle's alone (a live pull of it by itself, measured beside it). Prints figures; asserts nothing (a benchmark, never a timed test).
 *
 * `--data-dir DIR` keeps the embedded store in DIR: a later run with the same options finds its cycles there and
 * measures without filling again (a 2,000-customer year takes minutes to fill). Beside each figure: how many
 * statements the store ran for one answer (transaction BEGIN/COMMIT not counted).
 *
 * The store is filled the way the background sync fills it — every customer × cycle unit from the same source
 * the live views use, then the cycle's listing mark and planner statistics — from a simulator (its own process unless `--simulator embedded`) with
 * its quotas off (filling is not what is measured here; bench/sync.ts measures the sync at quota). With
 * `--fill copy` (the default) only the newest cycle is pulled so; each older cycle is a copy of it (record ids
 * suffixed, times shifted): the same rows and cells per cycle, without pulling 2,000 customers × 12 cycles.
 * `--fill pull` pulls every cycle.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql, type KyselyPlugin } from 'kysely';
import { simulatorClient } from '../src/bss/simulator-client.js';
import { ReferenceCache } from '../src/caches/reference-cache.js';
import { DEFAULT_LIMITS } from '../src/context.js';
import { createGateway } from '../src/gateway.js';
import { cyclesBetween, monthIndex, cycleOf } from '../src/sources/billing-cycles.js';
import { pullConsumption } from '../src/sources/consumption-pull.js';
import { encodeRecordCursor, MEMORY_DATA_DIR, openStore, refreshStatistics, replaceCustomerCycle, type Store } from '../src/store/index.js';
import { startSimulator } from '../src/simulator/server.js';
import { startSimProcess } from './sim-process.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '300' },
    cycles: { type: 'string', default: '12' },
    'hours-per-usage-record': { type: 'string', default: '1' },
    postgres: { type: 'string' },
    repeat: { type: 'string', default: '5' },
    'data-dir': { type: 'string', default: MEMORY_DATA_DIR },
    fill: { type: 'string', default: 'copy' },
    only: { type: 'string', default: 'month,range,page,export' },
    simulator: { type: 'string', default: 'process' },
  },
});
const customers = Number(values.customers);
const cycleCount = Number(values.cycles);
const repeat = Number(values.repeat);
const only = new Set(values.only!.split(','));
if (values.fill !== 'copy' && values.fill !== 'pull') throw new Error('--fill is copy or pull');
if (values.simulator !== 'process' && values.simulator !== 'embedded') throw new Error('--simulator is process or embedded');
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

/** A table's columns the copy writes: all but the generated ones and the cycle. */
async function copiedColumns(db: Store['db'], table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = ${table} and is_generated = 'NEVER' and column_name <> 'cycle' order by ordinal_position`.execute(db);
  return rows.map((r) => r.column_name);
}

/**
 * `--fill copy`: the cycle `from`'s records, rollups and progress copied into `to`, record ids suffixed with
 * the cycle and times moved by the months between them, so the store holds as many rows as a sync of `to`
 * would write (same volume, same cell counts) without pulling it. Three statements.
 */
async function copyCycle(store: Store, from: string, to: string): Promise<number> {
  const months = monthIndex(to) - monthIndex(from);
  const shift = (column: string): string => {
    if (column === 'record_id') return `record_id || '.' || '${to}'`;
    if (column === 'trade_time' || column === 'consume_time') return `${column} + interval '${months} months'`;
    return column;
  };
  let records = 0;
  await store.db.transaction().execute(async (trx) => {
    for (const table of ['consumption_records', 'consumption_rollups', 'consumption_sync_progress']) {
      // Inside the transaction: the embedded engine has one connection, which the transaction holds.
      const columns = await copiedColumns(trx, table);
      const result = await sql`insert into ${sql.table(table)} (cycle, ${sql.raw(columns.join(', '))})
        select ${to}, ${sql.raw(columns.map(shift).join(', '))} from ${sql.table(table)} where cycle = ${from}`.execute(trx);
      if (table === 'consumption_records') records = Number(result.numAffectedRows ?? 0n);
    }
    await trx.insertInto('consumption_sync_cycles').values({ cycle: to, customers_listed_at: new Date(), completed_at: new Date() } as never).execute();
  });
  return records;
}

/** Statements the store ran (Kysely plugins see every query, the raw `sql` ones too). */
let statements = 0;
const countStatements: KyselyPlugin = {
  transformQuery: (args) => {
    statements++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

/** Median and best of `repeat` runs, in ms, and the statements one run made. */
async function time(run: () => Promise<unknown>): Promise<{ median: number; best: number; statements: number }> {
  const samples: number[] = [];
  let made = 0;
  for (let i = 0; i < repeat; i++) {
    const before = statements;
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
    made = statements - before;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, best: samples[0]!, statements: made };
}

/** Whether every cycle is already in the store (a `--data-dir` filled by an earlier run). */
async function filledBefore(store: Store, cycles: readonly string[]): Promise<boolean> {
  const rows = await store.db.selectFrom('consumption_sync_cycles').select('cycle').where('cycle', 'in', [...cycles]).where('completed_at', 'is not', null).execute();
  return rows.length === cycles.length;
}

async function main(): Promise<void> {
  // The simulator in a process of its own by default, as the other benchmarks run it: Huawei's API is not in
  // the gateway's heap. `--simulator embedded` runs it in this process as `npm start`'s demo does; its record
  // cache (up to 200,000 records, ~150 MB) then shares the gateway's heap, and every full collection of that
  // heap marks it again (bench/RESULTS.md measures the export both ways).
  const simOptions = { seed: 42, customers, now: NOW, throttle: false, hoursPerUsageRecord: Number(values['hours-per-usage-record']) };
  const sim = values.simulator === 'embedded'
    ? await startSimulator({ port: 0, ...simOptions })
    : await startSimProcess({ ...simOptions, now: NOW.toISOString(), latencyMs: 0 });
  const bss = simulatorClient(sim, { rate: { perSecond: 1000, guardMs: 0 } });
  // PGlite in a child process of its own, as the gateway runs it (PARTNER_GRAPH_STORE_PROCESS, default on).
  const opened = await openStore({ databaseUrl: values.postgres, dataDir: values['data-dir']!, engineProcess: true });
  const open = monthIndex('2026-11');
  const cycles = cyclesBetween(cycleOf(open - cycleCount), cycleOf(open - 1));
  if (await filledBefore(opened, cycles)) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from consumption_records where cycle between ${cycles[0]!} and ${cycles[cycles.length - 1]!}`.execute(opened.db);
    console.log(`found ${rows[0]!.n} records of ${cycles.length} cycles on ${opened.engine} in ${opened.location} (not filled again)`);
  } else {
    const fillStarted = performance.now();
    let records = 0;
    const newest = cycles[cycles.length - 1]!;
    if (values.fill === 'pull') {
      for (const cycle of cycles) records += await fill(opened, bss, cycle);
    } else {
      records += await fill(opened, bss, newest);
      for (const cycle of cycles.slice(0, -1)) records += await copyCycle(opened, newest, cycle);
    }
    await refreshStatistics(opened);
    const how = values.fill === 'pull' || cycles.length === 1 ? 'pulled' : `${newest} pulled, the other ${cycles.length - 1} copied from it`;
    console.log(`filled ${records} records of ${customers} customers × ${cycles.length} cycles (${how}) on ${opened.engine} in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
  }
  const store: Store = { ...opened, db: opened.db.withPlugin(countStatements) };

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
  const pageInfo = 'totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id paymentAmount }';
  const page = `{ partner { consumption(cycle: "${last}") { records(first: 100) { ${pageInfo} } } } }`;
  const before = calls();
  const figures: Record<string, { median: number; best: number; statements: number }> = {};
  if (only.has('month')) figures['partner-wide month, total + every breakdown + byCustomer'] = await time(() => graphql(month));
  if (only.has('range')) figures[`${cycles.length}-month range totals`] = await time(() => graphql(range));
  if (only.has('page')) {
    figures['records page of 100 with totalCount and pageInfo'] = await time(() => graphql(page));
    // A page further on (after the 50,000th record's cursor): keyset, so it costs what the first page costs.
    const { rows: [deep] } = await sql<{ scope_key: string; customer_id: string; record_id: string }>`
      select scope_key, customer_id, record_id from consumption_records where cycle = ${last}
      order by scope_key, customer_id, record_id offset 49999 limit 1`.execute(opened.db);
    if (deep) {
      const after = encodeRecordCursor({ cycle: last, scopeKey: deep.scope_key, customerId: deep.customer_id, recordId: deep.record_id });
      figures['records page of 100 after the 50,000th, with totalCount and pageInfo'] = await time(() =>
        graphql(`{ partner { consumption(cycle: "${last}") { records(first: 100, after: "${after}") { ${pageInfo} } } } }`));
    }
  }
  if (only.has('mixed')) {
    // The open cycle (2026-11) is never filled here: a range through it mixes the store and a live pull.
    const open = '2026-11';
    const alone = calls();
    await graphql(`{ partner { consumption(cycle: "${open}") { total } } }`);
    const openCalls = calls() - alone;
    const mixedBefore = calls();
    let source = '';
    const mixed = await time(async () => {
      const data = await graphql(`{ partner { consumption(fromCycle: "${cycles[0]}", toCycle: "${open}") { source total recordCount byCycle { cycle amount } } } }`);
      source = (data as { partner: { consumption: { source: string } } }).partner.consumption.source;
    });
    const perRun = (calls() - mixedBefore) / repeat;
    figures[`${cycles.length + 1}-month range totals, ${cycles.length} synced + the open cycle live (${source}; ${perRun} upstream calls a run, the open cycle alone ${openCalls})`] = mixed;
  }
  for (const [name, { median, best, statements: made }] of Object.entries(figures)) {
    console.log(`${name}: median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms, ${made} statements`);
  }
  console.log(`upstream calls while answering: ${calls() - before}`);

  if (only.has('export')) {
    // Each format exported `repeat` times, median and best: one run is too noisy at the 50,000 rows/s margin
    // (a busy machine moves a run by ±20 %).
    for (const format of ['csv', 'ndjson'] as const) {
      const speeds: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const exportStarted = performance.now();
        const res = await gateway.fetch(`http://bench.test/export/consumption?cycle=${last}&format=${format}`);
        // Read as it streams (a month of NDJSON is larger than the longest string V8 can hold); the rows are what
        // the closing line says, which also proves the file complete.
        let bytes = 0;
        let tail = '';
        const decoder = new TextDecoder();
        const reader = res.body!.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          bytes += chunk.value.length;
          tail = (tail + decoder.decode(chunk.value.subarray(-200))).slice(-200);
        }
        const end = /(?:#END,|"x_End":\{"rows":)(\d+)/.exec(tail);
        if (!end) throw new Error(`the ${format} export did not end with its end marker: …${tail}`);
        const rows = Number(end[1]);
        const seconds = (performance.now() - exportStarted) / 1000;
        speeds.push(rows / seconds);
        console.log(`FOCUS export of ${last} as ${format} (${res.headers.get('x-consumption-source')}), run ${i + 1}: ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);
      }
      speeds.sort((a, b) => b - a);
      console.log(`FOCUS export as ${format}: median ${Math.round(speeds[Math.floor(speeds.length / 2)]!)} rows/s, best ${Math.round(speeds[0]!)} rows/s (${repeat} runs)`);
    }
  }

  await store.close();
  await sim.close();
}

await main();

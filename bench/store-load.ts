/**
 * `npx tsx bench/store-load.ts [--rows 200000] [--customers 200] [--engines worker,main-thread,postgresql]`
 *
 * Loads synthetic consumption records into the state store the way the sync will (one customer × cycle per
 * transaction, replaceCustomerCycle) and prints, per engine: load rate, the event loop's delay while loading
 * (perf_hooks.monitorEventLoopDelay: how long a front-end request could have waited), and a few reads.
 *
 * - worker: the store as the gateway opens it (PGlite in its worker thread, files in a temp directory);
 * - main-thread: the same PGlite and queries on the calling thread, to show what the worker spares the loop;
 * - postgresql: when TEST_DATABASE_URL or DATABASE_URL is set (a fresh database is created and dropped).
 *
 * Figures only: nothing here passes or fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Decimal } from 'decimal.js';
import { Kysely } from 'kysely';
import pg from 'pg';
import {
  openStore, pageConsumptionRecords, readConsumptionBreakdown, readConsumptionSummary, readConsumptionTotals, refreshStatistics,
  replaceCustomerCycle,
  type Store, type StoredConsumptionRecord,
} from '../src/store/index.js';
import type { StoreDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { SingleConnectionDialect } from '../src/store/single-connection-dialect.js';
import type { SqlExecutor } from '../src/store/sql-executor.js';
import { STORE_TYPE_PARSERS } from '../src/store/type-parsers.mjs';

const CYCLE = '2026-10';
const SERVICES = ['hws.service.type.ec2', 'hws.service.type.obs', 'hws.service.type.ebs', 'hws.service.type.vpc', 'hws.service.type.rds'];
const REGIONS = ['cn-north-4', 'cn-east-3', 'ap-southeast-1', null];

type EngineName = 'worker' | 'main-thread' | 'postgresql';

/**
 * What a front-end request would wait: a 10 ms interval timer's lateness. Unlike the histogram it also sees a
 * loop that never turned (PGlite on this thread answers in microtasks, so no timer runs until the load ends):
 * the gap from the last tick to the end counts.
 */
class LoopWatch {
  private readonly lateness: number[] = [];
  private last = performance.now();
  private readonly timer = setInterval(() => {
    const now = performance.now();
    this.lateness.push(Math.max(0, now - this.last - 10));
    this.last = now;
  }, 10);

  stop(): { ticks: number; p50: number; p99: number; longest: number } {
    clearInterval(this.timer);
    const final = performance.now() - this.last;
    const sorted = [...this.lateness].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? final;
    return { ticks: sorted.length, p50: at(0.5), p99: at(0.99), longest: Math.max(final, (sorted.at(-1) ?? 0) + 10) };
  }
}

/** The sync maps one upstream page at a time: records are made in pages, with a turn of the loop between. */
const PAGE = 250;

/** A customer's month of hourly-ish records: 8-decimal amounts, a few dimensions, realistic text sizes. */
async function customerRecords(customer: number, count: number): Promise<StoredConsumptionRecord[]> {
  const records: StoredConsumptionRecord[] = [];
  for (let at = 0; at < count; at += PAGE) {
    records.push(...customerPage(customer, at, Math.min(PAGE, count - at)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return records;
}

function customerPage(customer: number, from: number, count: number): StoredConsumptionRecord[] {
  const customerId = `bench${String(customer).padStart(27, '0')}`;
  const indirectPartnerId = customer % 4 === 0 ? `reseller${customer % 3}` : null;
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const pay = new Decimal(`${(customer * 7919 + i * 104729) % 9973}.${String((i * 2654435761) % 1e8).padStart(8, '0')}`);
    return {
      id: `${customerId}-${String(i).padStart(6, '0')}`, cycle: CYCLE, customerId, indirectPartnerId, associationType: '2',
      serviceTypeCode: SERVICES[i % SERVICES.length]!, serviceTypeName: 'Service', resourceTypeCode: `hws.resource.type.r${i % 7}`,
      resourceTypeName: 'Resource', chargeModeCode: i % 10 === 0 ? 1 : 3, billTypeCode: i % 10 === 0 ? 1 : 5, tradeId: null,
      tradeTime: new Date(Date.UTC(2026, 9, 1 + (i % 31), i % 24)), consumeTime: new Date(Date.UTC(2026, 9, 1 + (i % 31), i % 24)),
      resourceId: `res-${customer}-${i % 13}`, resourceName: `server-${i % 13}`, resourceTag: null,
      productSpecDescription: 's6.large.2 | 2vCPUs | 4GiB | linux', regionCode: REGIONS[i % REGIONS.length]!, regionName: null,
      productId: 'OFFI00000001', productName: 'Elastic Cloud Server', usageTypeCode: 'duration', usageAmount: new Decimal(3600),
      usageMeasureId: 4, freeResourceUsage: null, freeResourceMeasureId: null, reservedInstanceUsage: null, reservedInstanceMeasureId: null,
      officialAmount: pay.times(1.25), discountAmount: pay.times(0.25), paymentAmount: pay, cashAmount: pay, creditAmount: new Decimal(0),
      couponAmount: new Decimal(0), flexiPurchaseCouponAmount: null, storedValueCardAmount: null, debtAmount: new Decimal(0),
      writeoffAmount: null, periodTypeCode: null, periodNum: null, accountManagerId: null, partnerId: indirectPartnerId,
      subServiceTypeCode: null, subServiceTypeName: null, subResourceTypeCode: null, subResourceTypeName: null, subResourceId: null,
      subResourceName: null,
    };
  });
}

/** PGlite on this thread behind the same executor interface as the worker (what the worker avoids). */
async function mainThreadStore(dataDir: string): Promise<Store> {
  const db = await PGlite.create(dataDir, { parsers: STORE_TYPE_PARSERS });
  const executor: SqlExecutor = {
    async query(sql, params) {
      if (params.length === 0) {
        const results = await db.exec(sql);
        const last = results.at(-1);
        return { rows: (last?.rows ?? []) as Record<string, unknown>[], affectedRows: last?.affectedRows ?? 0 };
      }
      const result = await db.query<Record<string, unknown>>(sql, [...params]);
      return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    },
    close: () => db.close(),
  };
  const kysely = new Kysely<StoreDatabase>({ dialect: new SingleConnectionDialect(async () => executor) });
  const migrationsApplied = await migrateToLatest(kysely);
  return { engine: 'pglite', db: kysely, location: `${dataDir} (main thread)`, migrationsApplied, close: () => kysely.destroy() };
}

async function openEngine(engine: EngineName, dir: string, url: string | undefined): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (engine === 'worker') return { store: await openStore({ databaseUrl: undefined, dataDir: dir }), cleanup: async () => undefined };
  if (engine === 'main-thread') return { store: await mainThreadStore(join(dir, 'main-thread')), cleanup: async () => undefined };
  const name = `store_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const dbUrl = new URL(url!);
  dbUrl.pathname = `/${name}`;
  return {
    store: await openStore({ databaseUrl: dbUrl.toString(), dataDir: dir }),
    async cleanup() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const ms = (ns: number): string => (ns / 1e6).toFixed(1);

async function timed<T>(fn: () => Promise<T>, repeat = 5): Promise<{ value: T; best: number; median: number }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    value = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { value, best: times[0]!, median: times[Math.floor(times.length / 2)]! };
}

async function bench(engine: EngineName, rows: number, customers: number, url: string | undefined): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'store-bench-'));
  try {
    const openStart = performance.now();
    const { store, cleanup } = await openEngine(engine, dir, url);
    const openMs = performance.now() - openStart;
    try {
      const perCustomer = Math.ceil(rows / customers);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      const watch = new LoopWatch();
      delay.enable();
      const start = performance.now();
      let loaded = 0;
      for (let c = 0; c < customers && loaded < rows; c++) {
        const records = await customerRecords(c, Math.min(perCustomer, rows - loaded));
        const unit = { cycle: CYCLE, indirectPartnerId: records[0]!.indirectPartnerId, customerId: records[0]!.customerId };
        loaded += (await replaceCustomerCycle(store, { ...unit, records })).recordCount;
      }
      const loadMs = performance.now() - start;
      delay.disable();
      const late = watch.stop();
      console.log(`\n${engine}: ${store.location}`);
      console.log(`  open + migrate      ${openMs.toFixed(0)} ms`);
      console.log(`  load                ${loaded} records, ${customers} customers × 1 cycle, one transaction each: ${(loadMs / 1000).toFixed(1)} s, ${Math.round(loaded / (loadMs / 1000))} records/s`);
      console.log(`  event-loop delay    monitorEventLoopDelay: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms, ${delay.count} samples`);
      console.log(`                      10 ms ticks: ${late.ticks} of ~${Math.round(loadMs / 10)} ran; lateness p50 ${late.p50.toFixed(1)} ms, p99 ${late.p99.toFixed(1)} ms, longest gap ${late.longest.toFixed(0)} ms`);

      // As the sync will after each cycle (PGlite has no autovacuum): without statistics deep pages sort.
      const analyzeStart = performance.now();
      await refreshStatistics(store);
      console.log(`  analyze             ${(performance.now() - analyzeStart).toFixed(0)} ms`);
      const month = { scope: 'all' as const, fromCycle: CYCLE, toCycle: CYCLE };
      const totals = await timed(() => readConsumptionTotals(store, month));
      console.log(`  month total         ${totals.median.toFixed(1)} ms median (best ${totals.best.toFixed(1)}): ${totals.value.amount.toFixed()} over ${totals.value.recordCount} records`);
      const breakdowns = await timed(() => Promise.all((['serviceType', 'resourceType', 'region', 'chargeMode', 'billType', 'customer'] as const)
        .map((d) => readConsumptionBreakdown(store, month, d))));
      console.log(`  6 breakdowns        ${breakdowns.median.toFixed(1)} ms median (best ${breakdowns.best.toFixed(1)}), one statement each, byCustomer: ${breakdowns.value[5]!.length} rows`);
      const summary = await timed(() => readConsumptionSummary(store, month, ['serviceType', 'resourceType', 'region', 'chargeMode', 'billType', 'customer']));
      console.log(`  total + 6 breakdowns ${summary.median.toFixed(1)} ms median (best ${summary.best.toFixed(1)}), one statement (grouping sets)`);
      const first = await timed(() => pageConsumptionRecords(store, month, { first: 100 }));
      console.log(`  page of 100         ${first.median.toFixed(1)} ms median (best ${first.best.toFixed(1)}) with totalCount ${first.value.totalCount}`);
      const middle = first.value.edges.at(-1)!.cursor;
      const deep = { ...middle, customerId: `bench${String(Math.floor(customers / 2)).padStart(27, '0')}`, scopeKey: '' };
      const deepPage = await timed(() => pageConsumptionRecords(store, month, { first: 100, after: deep }));
      console.log(`  deep page of 100    ${deepPage.median.toFixed(1)} ms median (best ${deepPage.best.toFixed(1)}), keyset from the middle of the month`);
      const reseller = await timed(() => pageConsumptionRecords(store, { ...month, scope: 'reseller1' }, { first: 100 }));
      console.log(`  reseller page       ${reseller.median.toFixed(1)} ms median (best ${reseller.best.toFixed(1)}), totalCount ${reseller.value.totalCount}`);
    } finally {
      await store.close();
      await cleanup();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, customers: { type: 'string' }, engines: { type: 'string' } } });
  const rows = Number(values.rows ?? 200_000);
  const customers = Number(values.customers ?? 200);
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
  const engines = (values.engines?.split(',') ?? ['worker', 'main-thread', 'postgresql']) as EngineName[];
  console.log(`store load bench: ${rows} records, ${customers} customers; Node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);
  for (const engine of engines) {
    if (engine === 'postgresql' && !url) {
      console.log('\npostgresql: skipped (set TEST_DATABASE_URL, e.g. bash .ci/with-postgres npx tsx bench/store-load.ts)');
      continue;
    }
    await bench(engine, rows, customers, url);
  }
}

await main();

/**
 * `bash .ci/with-postgres npm run bench:cache-placement` (or BENCH_DATABASE_URL=postgres://…): should the
 * partner-data cache (src/caches/partner-cache.ts) live in each replica or be shared through PostgreSQL?
 *
 * 1. **Cost per read.** A hit in the in-process cache against the same answer read from a PostgreSQL table
 *    (one `SELECT value … WHERE key = $1 AND expires_at > now()` on the pool the store uses, then the JSON parsed
 *    back into objects), for two real answers of the simulator: a page of 100 customers (ListSubCustomers) and
 *    one customer's orders page (ListCustomerOrders, 20 rows). Sequential reads (latency) and 16 at once.
 * 2. **Hit rate lost by not sharing.** The same request stream (64 users, mixed partner reads at 50 requests/s
 *    for 10 minutes, keys drawn with Zipf popularity, the default TTL per kind) served by one cache, and by three
 *    replicas' caches behind round-robin; virtual time, PartnerDataCache itself with an injected clock. The
 *    difference in misses is the upstream calls a shared cache would save.
 */
import pg from 'pg';
import { loadavg } from 'node:os';
import { simulatorClient } from '../src/bss/simulator-client.js';
import { ListSubCustomers } from '../src/bss/operations/partners/customers.js';
import { ListCustomerOrders } from '../src/bss/operations/commerce/orders.js';
import { DEFAULT_PARTNER_CACHE_TTLS_MS, PartnerDataCache, type PartnerDataKind } from '../src/caches/partner-cache.js';
import { startSimulator } from '../src/simulator/server.js';

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function readCost(databaseUrl: string | undefined): Promise<void> {
  const sim = await startSimulator({ port: 0, seed: 42, customers: 200, throttle: false });
  const bss = simulatorClient(sim);
  try {
    const customers = await bss.call(ListSubCustomers, { body: { offset: 0, limit: 100 } });
    // The first customer with a full page of orders.
    let orders: unknown = null;
    for (const c of sim.state.world.customersOf(null)) {
      const page = await bss.call(ListCustomerOrders, { customer_id: c.customerId, offset: 0, limit: 20 });
      orders = page;
      if ((page.order_infos?.length ?? 0) >= 20) break;
    }
    const values: Record<string, unknown> = { 'customers page (100)': customers, 'orders page (20)': orders };
    const cache = new PartnerDataCache();
    const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : undefined;
    if (pool) {
      // Unlogged, as a cache table would be (no WAL for data that can be lost); every pooled connection sees it.
      await pool.query('create unlogged table if not exists bench_partner_cache (key text primary key, value text not null, expires_at timestamptz not null)');
    }
    for (const [name, value] of Object.entries(values)) {
      const text = JSON.stringify(value);
      const key = { kind: 'customers' as PartnerDataKind, scope: 'partner', key: name };
      await cache.get(key, async () => ({ value, tags: { customers: [], resellers: [] } }));
      const N = 20_000;
      let t0 = performance.now();
      for (let i = 0; i < N; i++) await cache.get(key, async () => ({ value, tags: { customers: [], resellers: [] } }));
      const local = (performance.now() - t0) / N;
      console.log(`  ${name}, ${(text.length / 1024).toFixed(1)} KiB of JSON: in-process hit ${us(local)} per read (mean of ${N})`);
      if (!pool) continue;
      await pool.query('insert into bench_partner_cache values ($1, $2, now() + interval \'1 hour\') on conflict (key) do update set value = excluded.value', [name, text]);
      const read = async (): Promise<number> => {
        const s = performance.now();
        const { rows } = await pool.query<{ value: string }>('select value from bench_partner_cache where key = $1 and expires_at > now()', [name]);
        JSON.parse(rows[0]!.value);
        return performance.now() - s;
      };
      for (let i = 0; i < 200; i++) await read(); // warm the pool and the plan
      const M = 2_000;
      const times: number[] = [];
      for (let i = 0; i < M; i++) times.push(await read());
      times.sort((a, b) => a - b);
      t0 = performance.now();
      await Promise.all(Array.from({ length: 16 }, async () => {
        for (let i = 0; i < M / 16; i++) await read();
      }));
      const perRead16 = (performance.now() - t0) / M;
      console.log(`    PostgreSQL read + JSON.parse: p50 ${us(percentile(times, 50))}, p99 ${us(percentile(times, 99))} sequential (${M}); 16 at once: ${us(perRead16)} per read of wall, ${(1000 / perRead16).toFixed(0)} reads/s`);
    }
    if (pool) {
      await pool.query('drop table bench_partner_cache');
      await pool.end();
    }
  } finally {
    await bss.close();
    await sim.close();
  }
}

/** A deterministic random stream (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index 0..n-1 with Zipf(s) popularity. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const r = rnd();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * The request mix: what one request of a sales-platform user reads (each read one cache key). 300 customers,
 * 5 resellers; popular customers are asked far more often than the rest (Zipf 1.1).
 */
function requestStream(seed: number): () => { kind: PartnerDataKind; key: string }[] {
  const rnd = random(seed);
  const customer = zipf(300, 1.1, rnd);
  const page = zipf(15, 1.5, rnd);
  return () => {
    const r = rnd();
    if (r < 0.3) {
      // A customer list page, with the page's balances and tags.
      const p = page();
      return [{ kind: 'customers', key: `page:${p}` }, { kind: 'balances', key: `balances:${p}` }, { kind: 'customers', key: `tags:${p}` }];
    }
    const c = customer();
    if (r < 0.6) return [{ kind: 'customers', key: `customer:${c}` }, { kind: 'balances', key: `balance:${c}` }];
    if (r < 0.85) return [{ kind: 'orders', key: `orders:${c}` }];
    if (r < 0.95) return [{ kind: 'resources', key: `resources:${c}` }];
    return [{ kind: 'coupons', key: `coupons:${c}` }, { kind: 'resellers', key: 'resellers' }];
  };
}

async function hitRates(): Promise<void> {
  const RATE = 50;
  const SECONDS = 600;
  for (const replicas of [1, 3]) {
    let now = 0;
    const caches = Array.from({ length: replicas }, () => new PartnerDataCache({ now: () => now }));
    const next = requestStream(7);
    let lookups = 0;
    let misses = 0;
    const missesByKind = new Map<PartnerDataKind, number>();
    for (let i = 0; i < RATE * SECONDS; i++) {
      now = (i * 1000) / RATE;
      const cache = caches[i % replicas]!;
      for (const read of next()) {
        lookups++;
        const answer = await cache.get({ kind: read.kind, scope: 'partner', key: read.key }, async () => ({ value: read.key, tags: { customers: [], resellers: [] } }));
        if (!answer.cached) {
          misses++;
          missesByKind.set(read.kind, (missesByKind.get(read.kind) ?? 0) + 1);
        }
      }
    }
    const kinds = [...missesByKind.entries()].map(([k, n]) => `${k} ${(n / SECONDS).toFixed(2)}`).join(', ');
    console.log(`  ${replicas} ${replicas === 1 ? 'cache (one process, or one shared cache)' : 'replicas, a cache each, round-robin'}: ${lookups} lookups, hit rate ${((1 - misses / lookups) * 100).toFixed(1)} %, ${(misses / SECONDS).toFixed(2)} upstream loads/s (${kinds})`);
  }
}

console.log(`cache placement — ${new Date().toISOString()}; load average ${load()}`);
console.log(`TTLs (s): ${Object.entries(DEFAULT_PARTNER_CACHE_TTLS_MS).map(([k, v]) => `${k} ${v / 1000}`).join(', ')}`);
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
console.log(`1. cost per read${databaseUrl ? '' : ' (no BENCH_DATABASE_URL: in-process only)'}`);
await readCost(databaseUrl);
console.log('2. hit rate, 50 requests/s for 10 min (virtual time), the same stream');
await hitRates();
console.log(`load average at the end ${load()}`);

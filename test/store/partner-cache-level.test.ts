/**
 * The partner cache's shared level in the store (src/store/partner-cache-rows.ts, partner-cache-level.ts,
 * partner-cache-channel.ts). Rows on both engines: exact key and scope, freshness, the generation that keeps
 * an answer loaded before a write out, deletion by tag and kind. Then, on PostgreSQL only (the level is used
 * only there), two replicas — two connection pools, two caches, each reading through `cachedReads` over its
 * own counting upstream — on one database: an answer one loaded is the other's hit with 0 upstream calls; a
 * write through one makes the other's next read load fresh; a reseller scope never reads the partner's row;
 * decimal.js values come back exact.
 */
import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BssClient, CallOptions } from '../../src/bss/client.js';
import { Money } from '../../src/bss/money.js';
import type { OperationSpec } from '../../src/bss/operations/spec.js';
import { exactJsonCodec } from '../../src/caches/exact-json.js';
import { PartnerDataCache } from '../../src/caches/partner-cache.js';
import { cachedReads } from '../../src/loaders/cached-reads.js';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../src/store/index.js';
import { storePartnerCacheLevel, type StorePartnerCacheLevel } from '../../src/store/partner-cache-level.js';
import { invalidateCacheRows, purgeCacheRows, readCacheRow, writeCacheRow } from '../../src/store/partner-cache-rows.js';
import { OPEN_TIMEOUT_MS, TEST_DATABASE_URL, createTestDatabase, describeEachEngine } from './engines.js';

const row = (over: Partial<Parameters<typeof writeCacheRow>[1]> = {}) => ({
  kind: 'balances', scope: 'partner', key: 'ListCustomersBalancesDetail\u0000{"customer_ids":["C1"]}', value: '{"amount":"1.5"}',
  storedAt: 1_000, expiresAt: 11_000, customers: ['C1'], resellers: [] as string[], ...over,
});

describeEachEngine('partner cache rows', (store) => {
  it('reads a row by its exact kind, scope and request while fresh; another scope or request is a miss', async () => {
    const { generation } = await readCacheRow(store(), row(), 1_000);
    expect(await writeCacheRow(store(), row(), generation)).toBe(true);
    expect((await readCacheRow(store(), row(), 10_999)).entry).toEqual({ value: '{"amount":"1.5"}', storedAt: 1_000, customers: ['C1'], resellers: [] });
    expect((await readCacheRow(store(), row(), 11_000)).entry).toBeUndefined(); // expired
    expect((await readCacheRow(store(), row({ scope: 'reseller:R1' }), 2_000)).entry).toBeUndefined();
    expect((await readCacheRow(store(), row({ key: `${row().key} ` }), 2_000)).entry).toBeUndefined();
    // A long request (beyond what a btree entry holds) is keyed by its hash.
    const long = row({ key: 'x'.repeat(20_000) });
    expect(await writeCacheRow(store(), long, (await readCacheRow(store(), long, 0)).generation)).toBe(true);
    expect((await readCacheRow(store(), long, 2_000)).entry?.value).toBe('{"amount":"1.5"}');
  });

  it('refuses a write read under an older generation, and deletes by customer, reseller and kind only what they name', async () => {
    const before = (await readCacheRow(store(), row(), 0)).generation;
    expect(await invalidateCacheRows(store(), { all: true }, '{}')).toBeGreaterThanOrEqual(1);
    expect(await writeCacheRow(store(), row(), before)).toBe(false);
    const now = (await readCacheRow(store(), row(), 0)).generation;
    expect(BigInt(now)).toBe(BigInt(before) + 1n);
    const rows = [
      row({ key: 'c1' }),
      row({ key: 'c2', customers: ['C2'], resellers: ['R1'] }),
      row({ key: 'coupons', kind: 'coupons', customers: [] }),
    ];
    for (const r of rows) expect(await writeCacheRow(store(), r, now)).toBe(true);
    expect(await invalidateCacheRows(store(), { customers: ['C1'] }, '{}')).toBe(1);
    expect(await invalidateCacheRows(store(), { resellers: ['R1'] }, '{}')).toBe(1);
    expect(await invalidateCacheRows(store(), { kinds: ['coupons'] }, '{}')).toBe(1);
    expect(await invalidateCacheRows(store(), { customers: ['C1'], kinds: ['orders'] }, '{}')).toBe(0);
    expect(await writeCacheRow(store(), row({ expiresAt: 5 }), (await readCacheRow(store(), row(), 0)).generation)).toBe(true);
    expect(await purgeCacheRows(store(), 100_000)).toBe(1);
  });
});

const op = (name: string, kind: 'read' | 'write' = 'read') => ({ name, kind, method: 'POST', path: '/x', caller: 'either' }) as OperationSpec;

/** An upstream that counts its calls and answers a balance that a write changes. */
function upstream(world: { balance: string }) {
  const calls: string[] = [];
  const client = {
    async call(spec: OperationSpec, req: { customer_id?: string }, _opts: CallOptions = {}) {
      calls.push(spec.name);
      if (spec.kind === 'write') {
        world.balance = '99.99';
        return {};
      }
      return { account_balances: [{ customer_id: 'C1', amount: world.balance }], asked: req };
    },
  } as unknown as BssClient;
  return { client, calls };
}

describe.skipIf(!TEST_DATABASE_URL)('two replicas sharing the partner cache on one PostgreSQL [postgresql]', () => {
  let database: { url: string; drop(): Promise<void> };
  const stores: Store[] = [];
  const levels: StorePartnerCacheLevel[] = [];
  const caches: PartnerDataCache[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ databaseUrl: database.url, dataDir: MEMORY_DATA_DIR });
      const level = storePartnerCacheLevel(store, { connectionString: database.url });
      stores.push(store);
      levels.push(level);
      caches.push(new PartnerDataCache({ ttlMs: { balances: 60_000, customers: 60_000 }, secondLevel: { level, codec: exactJsonCodec(Money) } }));
      await level.listening();
    }
  }, OPEN_TIMEOUT_MS);

  afterAll(async () => {
    for (const cache of caches) cache.close();
    for (const level of levels) await level.close();
    for (const store of stores) await store.close();
    await database?.drop();
  }, OPEN_TIMEOUT_MS);

  it('an answer one replica loaded is a hit on the other with 0 upstream calls; a write through one makes the other load fresh', async () => {
    const world = { balance: '12.50' };
    const [upA, upB] = [upstream(world), upstream(world)];
    const a = cachedReads(upA.client, caches[0], { scope: 'partner' });
    const b = cachedReads(upB.client, caches[1], { scope: 'partner' });
    const read = (bss: BssClient) => bss.call(op('ListCustomersBalancesDetail'), { customer_ids: ['C1'] }) as Promise<{ account_balances: { amount: string }[] }>;

    expect((await read(a)).account_balances[0]!.amount).toBe('12.50');
    await caches[0]!.settled(); // its row is written in the background
    expect((await read(b)).account_balances[0]!.amount).toBe('12.50');
    expect((await read(b)).account_balances[0]!.amount).toBe('12.50'); // b's own first level now
    expect([upA.calls, upB.calls]).toEqual([['ListCustomersBalancesDetail'], []]);

    // The write answers once the shared rows are gone; b's own entry goes when the notification arrives.
    await a.call(op('UpdateCustomerAccountAmount', 'write'), { customer_id: 'C1', amount: '87.49' });
    await vi.waitFor(() => expect(caches[1]!.size).toBe(0), { timeout: 5_000, interval: 5 });
    expect((await read(b)).account_balances[0]!.amount).toBe('99.99');
    expect(upB.calls).toEqual(['ListCustomersBalancesDetail']);
    // And a's next read is b's answer, from the shared level (b writes its row in the background).
    await caches[1]!.settled();
    expect((await read(a)).account_balances[0]!.amount).toBe('99.99');
    expect(upA.calls).toEqual(['ListCustomersBalancesDetail', 'UpdateCustomerAccountAmount']);
  });

  it('after a write, a replica that held nothing reads fresh at once (the rows are deleted before the write answers)', async () => {
    const world = { balance: '1.00' };
    const [upA, upB] = [upstream(world), upstream(world)];
    const a = cachedReads(upA.client, caches[0], { scope: 'partner' });
    const b = cachedReads(upB.client, caches[1], { scope: 'partner' });
    const request = { customer_ids: ['C1'], offset: 7 };
    await a.call(op('ListCustomersBalancesDetail'), request);
    await caches[0]!.settled();
    await b.call(op('UpdateCustomerAccountAmount', 'write'), { customer_id: 'C1' }); // the write through b
    const fresh = (await b.call(op('ListCustomersBalancesDetail'), request)) as { account_balances: { amount: string }[] };
    expect(fresh.account_balances[0]!.amount).toBe('99.99');
    expect(upB.calls).toEqual(['UpdateCustomerAccountAmount', 'ListCustomersBalancesDetail']);
  });

  it("never gives a reseller scope the partner scope's row for the same request", async () => {
    const world = { balance: '5.00' };
    const [upA, upB] = [upstream(world), upstream(world)];
    const partner = cachedReads(upA.client, caches[0], { scope: 'partner' });
    const reseller = cachedReads(upB.client, caches[1], { scope: 'reseller:R7', reseller: 'R7' });
    const request = { customer_ids: ['C1'], offset: 9 };
    await partner.call(op('ListCustomersBalancesDetail'), request);
    await caches[0]!.settled();
    await reseller.call(op('ListCustomersBalancesDetail'), request);
    expect([upA.calls.length, upB.calls.length]).toEqual([1, 1]);
  });

  it('round-trips decimal.js values exactly between replicas', async () => {
    const value = { balance: new Money('123456789012.12345678'), rates: [new Money('0.00000001')], name: 'C1' };
    const key = { kind: 'customers' as const, scope: 'partner', key: 'decimals' };
    let loads = 0;
    await caches[0]!.get(key, async () => ((loads += 1), { value, tags: { customers: ['C1'], resellers: [] } }));
    await caches[0]!.settled();
    const answer = await caches[1]!.get<typeof value>(key, async () => ((loads += 1), { value, tags: { customers: [], resellers: [] } }));
    expect(loads).toBe(1);
    expect(answer.cached).toBe(true);
    expect(answer.value.balance).toBeInstanceOf(Decimal);
    expect(answer.value.balance.toFixed()).toBe('123456789012.12345678');
    expect(answer.value.balance.plus(answer.value.rates[0]!).toFixed()).toBe('123456789012.12345679');
    expect(answer.value.name).toBe('C1');
  });

  it('drops its whole first level when its invalidation channel was lost and is back, then hears invalidations again', async () => {
    const fill = async (cache: PartnerDataCache, key: string) =>
      cache.get({ kind: 'customers', scope: 'partner', key }, async () => ({ value: key, tags: { customers: ['C42'], resellers: [] } }));
    await fill(caches[1]!, 'before the loss');
    expect(caches[1]!.size).toBeGreaterThan(0);
    // The server ends both replicas' listening sessions (a restart, a network cut): they may miss notifications.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'partner-graph-cache-listener' and datname = current_database()`.execute(stores[0]!.db);
    // Reconnected (after 1 s), b has dropped what it held.
    await vi.waitFor(() => expect(caches[1]!.size).toBe(0), { timeout: 15_000, interval: 50 });
    await fill(caches[1]!, 'after the loss');
    expect(caches[1]!.size).toBe(1);
    caches[0]!.invalidateCustomer('C42');
    await caches[0]!.settled();
    await vi.waitFor(() => expect(caches[1]!.size).toBe(0), { timeout: 5_000, interval: 5 });
  }, 30_000);

  it('degrades to its own cache and the upstream when PostgreSQL is unreachable', async () => {
    const errors: string[] = [];
    const store = await openStore({ databaseUrl: database.url, dataDir: MEMORY_DATA_DIR });
    const level = storePartnerCacheLevel(store, { connectionString: database.url });
    const cache = new PartnerDataCache({ secondLevel: { level, onError: (operation) => errors.push(operation) } });
    await level.listening();
    await store.close(); // the pool is gone: every shared read and invalidation fails
    const world = { balance: '3.00' };
    const up = upstream(world);
    const bss = cachedReads(up.client, cache, { scope: 'partner' });
    const read = () => bss.call(op('ListCustomersBalancesDetail'), { customer_ids: ['C1'], offset: 11 }) as Promise<{ account_balances: { amount: string }[] }>;
    expect((await read()).account_balances[0]!.amount).toBe('3.00');
    expect((await read()).account_balances[0]!.amount).toBe('3.00');
    await bss.call(op('UpdateCustomerAccountAmount', 'write'), { customer_id: 'C1' });
    expect((await read()).account_balances[0]!.amount).toBe('99.99');
    expect(up.calls).toEqual(['ListCustomersBalancesDetail', 'UpdateCustomerAccountAmount', 'ListCustomersBalancesDetail']);
    expect(errors).toEqual(['read', 'invalidate', 'read']);
    cache.close();
    await level.close();
  });
});

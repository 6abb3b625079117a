/**
 * The partner-data cache with a second level (src/caches/partner-cache.ts, second-level-link.ts), over an
 * in-memory level two caches share like two replicas share PostgreSQL: an entry one loaded is the other's hit
 * with its true age; invalidations delete the shared entry and reach the other's first level; a load that was
 * in flight when a write invalidated is not shared; a level that fails or hangs is a miss, never a failed read.
 * The level itself on PostgreSQL: test/store/partner-cache-level.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PartnerDataCache, type PartnerCacheKey, type PartnerCacheTags } from '../../src/caches/partner-cache.js';
import type { PartnerCacheSecondLevel, SharedEntry, SharedInvalidation } from '../../src/caches/second-level.js';

/** One shared store of entries and one bus of invalidations, with a level per "replica". */
function sharedWorld() {
  const rows = new Map<string, SharedEntry>();
  let generation = 0;
  const listeners = new Map<number, (what: SharedInvalidation) => void>();
  const stats = { reads: 0, writes: 0, refused: 0 };
  let next = 0;
  const id = (k: { kind: string; scope: string; key: string }) => `${k.kind}|${k.scope}|${k.key}`;
  /** `deaf`: its notifications never arrive (a lost channel), so only the generation protects the rows. */
  const levelFor = (options: { deaf?: boolean } = {}): PartnerCacheSecondLevel & { replica: number } => {
    const replica = next++;
    return {
      replica,
      async read(key, now) {
        stats.reads += 1;
        const row = rows.get(id(key));
        return { entry: row && row.expiresAt > now ? row : undefined, generation: String(generation) };
      },
      async write(entry, gen) {
        if (gen !== String(generation)) {
          stats.refused += 1;
          return;
        }
        stats.writes += 1;
        rows.set(id(entry), entry);
      },
      async invalidate(what) {
        generation += 1;
        for (const [k, row] of rows) {
          if (what.all || what.kinds?.includes(row.kind) || what.customers?.some((c) => row.customers.includes(c)) || what.resellers?.some((r) => row.resellers.includes(r))) rows.delete(k);
        }
        for (const [other, listener] of listeners) if (other !== replica) listener(what);
      },
      subscribe(onInvalidate) {
        if (options.deaf) return () => undefined;
        listeners.set(replica, onInvalidate);
        return () => listeners.delete(replica);
      },
    };
  };
  return { rows, stats, levelFor };
}

function counting<T>(value: T, tags: PartnerCacheTags = { customers: [], resellers: [] }) {
  const calls = { n: 0 };
  return { calls, load: async () => ((calls.n += 1), { value, tags }) };
}

const key = (kind: PartnerCacheKey['kind'], scope = 'partner', k = 'ListCustomersBalancesDetail{C1}'): PartnerCacheKey => ({ kind, scope, key: k });

describe('PartnerDataCache with a shared second level', () => {
  it('serves an answer one replica loaded to the other with no load, with its true age', async () => {
    let now = 1_000_000;
    const world = sharedWorld();
    const a = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 }, secondLevel: { level: world.levelFor() } });
    const b = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 }, secondLevel: { level: world.levelFor() } });
    const load = counting({ amount: '12.50' }, { customers: ['C1'], resellers: [] });
    expect(await a.get(key('balances'), load.load)).toEqual({ value: { amount: '12.50' }, ageMs: 0, cached: false });
    await a.settled();
    now += 3_000;
    expect(await b.get(key('balances'), load.load)).toEqual({ value: { amount: '12.50' }, ageMs: 3_000, cached: true });
    now += 1_000;
    expect(await b.get(key('balances'), load.load)).toEqual({ value: { amount: '12.50' }, ageMs: 4_000, cached: true }); // now from b's own level
    expect(load.calls.n).toBe(1);
    expect(world.stats).toEqual({ reads: 2, writes: 1, refused: 0 });
    // Another scope never reads it.
    expect((await b.get(key('balances', 'reseller:R1'), counting('reseller view').load)).value).toBe('reseller view');
  });

  it("spreads the replicas' expiries so one refresh from the upstream serves them all", async () => {
    let now = 0;
    const world = sharedWorld();
    // a's copy goes stale at the TTL, b's 1 s early (random 0.5 × the spread: 20 % of 10 s, at most 2 s).
    const a = new PartnerDataCache({ now: () => now, random: () => 0, ttlMs: { balances: 10_000 }, secondLevel: { level: world.levelFor() } });
    const b = new PartnerDataCache({ now: () => now, random: () => 0.5, ttlMs: { balances: 10_000 }, secondLevel: { level: world.levelFor() } });
    let version = 0;
    const load = async () => ({ value: `v${++version}`, tags: { customers: ['C1'], resellers: [] } });
    const settle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([a.settled(), b.settled()]);
    };
    await a.get(key('balances'), load);
    await settle();
    now = 1_000;
    expect(await b.get(key('balances'), load)).toEqual({ value: 'v1', ageMs: 1_000, cached: true });
    now = 9_500; // b's copy is stale (at 9 s), a's is not: b refreshes from the upstream, not from the row as old as its own
    expect(await b.get(key('balances'), load)).toEqual({ value: 'v1', ageMs: 9_500, cached: true });
    await settle();
    expect(version).toBe(2);
    now = 10_500; // a's copy is stale: its refresh finds b's newer row
    expect(await a.get(key('balances'), load)).toEqual({ value: 'v1', ageMs: 10_500, cached: true });
    await settle();
    expect(await a.get(key('balances'), load)).toEqual({ value: 'v2', ageMs: 1_000, cached: true });
    expect(version).toBe(2);
  });

  it('past the TTL the shared entry is not served: the next asker loads', async () => {
    let now = 0;
    const world = sharedWorld();
    const a = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 }, secondLevel: { level: world.levelFor() } });
    const b = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 }, secondLevel: { level: world.levelFor() } });
    const load = counting('v');
    await a.get(key('balances'), load.load);
    await a.settled();
    now = 10_000;
    expect(await b.get(key('balances'), load.load)).toEqual({ value: 'v', ageMs: 0, cached: false });
    expect(load.calls.n).toBe(2);
  });

  it("drops the shared entry and the other replica's own on a write's invalidation", async () => {
    const world = sharedWorld();
    const a = new PartnerDataCache({ ttlMs: { balances: 60_000 }, secondLevel: { level: world.levelFor() } });
    const b = new PartnerDataCache({ ttlMs: { balances: 60_000 }, secondLevel: { level: world.levelFor() } });
    const tags = { customers: ['C1'], resellers: [] };
    await a.get(key('balances'), counting('before', tags).load);
    await a.settled();
    expect((await b.get(key('balances'), counting('unused').load)).value).toBe('before');
    expect(b.size).toBe(1);
    expect(a.invalidateCustomer('C1')).toBe(1);
    await a.settled();
    expect([world.rows.size, b.size]).toEqual([0, 0]);
    const after = counting('after', tags);
    expect(await b.get(key('balances'), after.load)).toEqual({ value: 'after', ageMs: 0, cached: false });
    expect(after.calls.n).toBe(1);
  });

  it('does not share an answer whose load began before a write on another replica', async () => {
    const world = sharedWorld();
    const a = new PartnerDataCache({ secondLevel: { level: world.levelFor() } });
    const b = new PartnerDataCache({ secondLevel: { level: world.levelFor() } });
    let release = (): void => {};
    const slow = () => new Promise<{ value: string; tags: PartnerCacheTags }>((resolve) => {
      release = () => resolve({ value: 'before the write', tags: { customers: ['C9'], resellers: [] } });
    });
    const pending = a.get(key('orders'), slow);
    await new Promise((resolve) => setImmediate(resolve)); // a has read the level (a miss) and is loading
    b.invalidateKind('coupons'); // any write on b: the generation moves, and a hears it
    await b.settled();
    release();
    expect((await pending).value).toBe('before the write');
    await a.settled();
    expect(world.rows.size).toBe(0);
    expect(world.stats.writes).toBe(0);
  });

  it('keeps such an answer out of the shared level by its generation even when the notification never arrives', async () => {
    const world = sharedWorld();
    const a = new PartnerDataCache({ secondLevel: { level: world.levelFor({ deaf: true }) } });
    const b = new PartnerDataCache({ secondLevel: { level: world.levelFor() } });
    let release = (): void => {};
    const slow = () => new Promise<{ value: string; tags: PartnerCacheTags }>((resolve) => {
      release = () => resolve({ value: 'before the write', tags: { customers: ['C9'], resellers: [] } });
    });
    const pending = a.get(key('orders'), slow);
    await new Promise((resolve) => setImmediate(resolve));
    b.invalidateKind('orders');
    await b.settled();
    release();
    await pending;
    await a.settled();
    expect(world.stats).toMatchObject({ writes: 0, refused: 1 });
    expect(world.rows.size).toBe(0);
  });

  it('answers from the upstream when the level fails or hangs, and says so to onError', async () => {
    const errors: string[] = [];
    const failing: PartnerCacheSecondLevel = {
      read: async () => { throw new Error('connection refused'); },
      write: async () => { throw new Error('connection refused'); },
      invalidate: async () => { throw new Error('connection refused'); },
      subscribe: () => () => undefined,
    };
    const cache = new PartnerDataCache({ secondLevel: { level: failing, onError: (op) => errors.push(op) } });
    const load = counting('from upstream');
    expect(await cache.get(key('customers'), load.load)).toEqual({ value: 'from upstream', ageMs: 0, cached: false });
    expect(await cache.get(key('customers'), load.load)).toMatchObject({ value: 'from upstream', cached: true });
    expect(cache.invalidateKind('customers')).toBe(1);
    await cache.settled();
    expect(load.calls.n).toBe(1);
    expect(errors).toEqual(['read', 'invalidate']); // no generation from a failed read: nothing is written

    const hung: PartnerCacheSecondLevel = { ...failing, read: () => new Promise(() => {}), invalidate: () => new Promise(() => {}) };
    const slow = new PartnerDataCache({ secondLevel: { level: hung, readTimeoutMs: 20, settleTimeoutMs: 20, onError: (op) => errors.push(op) } });
    const started = Date.now();
    expect((await slow.get(key('customers'), load.load)).value).toBe('from upstream');
    slow.invalidateAll();
    await slow.settled();
    // Bounds, not timings: it gave up on the level instead of waiting for it (the level never answers).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errors.slice(2)).toEqual(['read', 'invalidate']);
  });

  it('keeps answers with personal data in the replica that loaded them, unless the deployment allows sharing them', async () => {
    const world = sharedWorld();
    const personal: PartnerCacheKey = { kind: 'customers', scope: 'partner', key: 'ListSubCustomers{offset:0}', personal: true };
    const a = new PartnerDataCache({ secondLevel: { level: world.levelFor() } });
    const b = new PartnerDataCache({ secondLevel: { level: world.levelFor() } });
    const load = counting({ name: '张三', telephone: '13812345678' }, { customers: ['C1'], resellers: [] });
    await a.get(personal, load.load);
    await b.get(personal, load.load);
    await a.settled();
    await b.settled();
    // Neither replica read or wrote the shared level for it: each loaded its own, and nothing reached the table.
    expect(load.calls.n).toBe(2);
    expect(world.stats).toEqual({ reads: 0, writes: 0, refused: 0 });
    expect(world.rows.size).toBe(0);
    // In the replica it stays a hit.
    expect((await a.get(personal, load.load)).cached).toBe(true);

    const allowed = sharedWorld();
    const c = new PartnerDataCache({ secondLevel: { level: allowed.levelFor(), sharePersonalData: true } });
    const d = new PartnerDataCache({ secondLevel: { level: allowed.levelFor(), sharePersonalData: true } });
    const shared = counting({ name: '张三' }, { customers: ['C1'], resellers: [] });
    await c.get(personal, shared.load);
    await c.settled();
    expect(await d.get(personal, shared.load)).toMatchObject({ value: { name: '张三' }, cached: true });
    expect(shared.calls.n).toBe(1);
  });
});

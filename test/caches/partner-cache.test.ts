/**
 * The cross-request partner-data cache on its own: TTL per kind against an injected clock, coalescing of
 * concurrent misses, the scope in the key, a waiter that goes away, and invalidation by customer, reseller and
 * kind (including a load in flight when the write happens).
 */
import { describe, expect, it } from 'vitest';
import { PartnerDataCache, type PartnerCacheKey, type PartnerCacheTags } from '../../src/caches/partner-cache.js';

const NO_TAGS: PartnerCacheTags = { customers: [], resellers: [] };

function counting<T>(value: T, tags: PartnerCacheTags = NO_TAGS) {
  const calls = { n: 0 };
  const load = async () => {
    calls.n += 1;
    return { value, tags };
  };
  return { calls, load };
}

/** A load that waits until released, counting starts and seeing its abort signal. */
function gated<T>(value: T) {
  const state = { starts: 0, aborted: false, release: () => {} };
  const load = (signal: AbortSignal) => {
    state.starts += 1;
    signal.addEventListener('abort', () => (state.aborted = true));
    return new Promise<{ value: T; tags: PartnerCacheTags }>((resolve) => {
      state.release = () => resolve({ value, tags: NO_TAGS });
    });
  };
  return { state, load };
}

const key = (kind: PartnerCacheKey['kind'], scope = 'partner', k = 'ListSubCustomers{page 1}'): PartnerCacheKey => ({ kind, scope, key: k });

describe('PartnerDataCache', () => {
  it('answers a second lookup within the TTL from the entry, with its age, and loads again after it (stale answers off)', async () => {
    let now = 1_000_000;
    const cache = new PartnerDataCache({ now: () => now, staleFactor: 0, ttlMs: { balances: 10_000 } });
    const { calls, load } = counting({ amount: '12.50' });

    expect(await cache.get(key('balances'), load)).toEqual({ value: { amount: '12.50' }, ageMs: 0, cached: false });
    now += 9_999;
    expect(await cache.get(key('balances'), load)).toEqual({ value: { amount: '12.50' }, ageMs: 9_999, cached: true });
    expect(calls.n).toBe(1);
    now += 1; // exactly the TTL: stale
    expect(await cache.get(key('balances'), load)).toEqual({ value: { amount: '12.50' }, ageMs: 0, cached: false });
    expect(calls.n).toBe(2);
  });

  it('keeps each kind its own TTL (balances short, customers longer) and a kind at 0 is never stored', async () => {
    let now = 0;
    const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000, customers: 60_000, orders: 0 } });
    const balances = counting(1);
    const customers = counting(2);
    const orders = counting(3);
    await cache.get(key('balances'), balances.load);
    await cache.get(key('customers'), customers.load);
    await cache.get(key('orders'), orders.load);
    now = 30_000;
    await cache.get(key('balances'), balances.load);
    await cache.get(key('customers'), customers.load);
    await cache.get(key('orders'), orders.load);
    expect([balances.calls.n, customers.calls.n, orders.calls.n]).toEqual([2, 1, 2]);
    expect(cache.caches('orders')).toBe(false);
  });

  it('makes one load for concurrent lookups of one key', async () => {
    const cache = new PartnerDataCache();
    const { state, load } = gated('page');
    const both = Promise.all([cache.get(key('customers'), load), cache.get(key('customers'), load)]);
    await Promise.resolve();
    state.release();
    const [a, b] = await both;
    expect(state.starts).toBe(1);
    expect([a.value, b.value]).toEqual(['page', 'page']);
    expect([a.cached, b.cached]).toEqual([false, false]);
  });

  it('keeps scopes apart: the same request in another scope is another entry', async () => {
    const cache = new PartnerDataCache();
    const partner = counting('partner view');
    const reseller = counting('reseller view');
    await cache.get(key('resources', 'partner', 'same request'), partner.load);
    const answer = await cache.get(key('resources', 'reseller:R1', 'same request'), reseller.load);
    expect(answer).toEqual({ value: 'reseller view', ageMs: 0, cached: false });
    expect([partner.calls.n, reseller.calls.n]).toEqual([1, 1]);
  });

  it('lets a waiter leave on abort without failing the others, and aborts the load when the last one leaves', async () => {
    const cache = new PartnerDataCache();
    const { state, load } = gated('page');
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = cache.get(key('customers'), load, leaving.signal);
    const second = cache.get(key('customers'), load, staying.signal);
    leaving.abort(new Error('client went away'));
    await expect(first).rejects.toThrow('client went away');
    expect(state.aborted).toBe(false);
    state.release();
    expect((await second).value).toBe('page');

    const alone = gated('other');
    const lone = new AbortController();
    const only = cache.get(key('customers', 'partner', 'other'), alone.load, lone.signal);
    lone.abort(new Error('gone'));
    await expect(only).rejects.toThrow('gone');
    expect(alone.state.aborted).toBe(true);
  });

  it('never stores a failure', async () => {
    const cache = new PartnerDataCache();
    let n = 0;
    const failing = async () => {
      n += 1;
      throw new Error('CBC.0999');
    };
    await expect(cache.get(key('orders'), failing)).rejects.toThrow('CBC.0999');
    await expect(cache.get(key('orders'), failing)).rejects.toThrow('CBC.0999');
    expect(n).toBe(2);
  });

  it('invalidates by customer, by reseller and by kind, and nothing else', async () => {
    const cache = new PartnerDataCache();
    const loads = {
      c1Balance: counting('b1', { customers: ['C1'], resellers: [] }),
      c2Balance: counting('b2', { customers: ['C2'], resellers: ['R1'] }),
      r1Customers: counting('list', { customers: ['C2', 'C3'], resellers: ['R1'] }),
      coupons: counting('coupons'),
    };
    const fill = async () => {
      await cache.get(key('balances', 'partner', 'C1'), loads.c1Balance.load);
      await cache.get(key('balances', 'partner', 'C2'), loads.c2Balance.load);
      await cache.get(key('customers', 'partner', 'R1 page'), loads.r1Customers.load);
      await cache.get(key('coupons', 'partner', 'all'), loads.coupons.load);
    };
    const counts = () => Object.values(loads).map((l) => l.calls.n);
    await fill();
    expect(counts()).toEqual([1, 1, 1, 1]);

    expect(cache.invalidateCustomer('C1')).toBe(1);
    await fill();
    expect(counts()).toEqual([2, 1, 1, 1]);

    expect(cache.invalidateReseller('R1')).toBe(2);
    await fill();
    expect(counts()).toEqual([2, 2, 2, 1]);

    expect(cache.invalidateKind('coupons')).toBe(1);
    await fill();
    expect(counts()).toEqual([2, 2, 2, 2]);

    expect(cache.invalidateAll()).toBe(4);
    expect(cache.size).toBe(0);
  });

  it('does not store an answer whose load was in flight when a write invalidated', async () => {
    const cache = new PartnerDataCache();
    const before = gated('before the write');
    const pending = cache.get(key('balances', 'partner', 'C1'), before.load);
    await Promise.resolve();
    cache.invalidateCustomer('C1');
    before.state.release();
    expect((await pending).value).toBe('before the write'); // its waiter still gets it
    const after = counting('after the write');
    expect((await cache.get(key('balances', 'partner', 'C1'), after.load)).value).toBe('after the write');
    expect(after.calls.n).toBe(1);
  });

  describe('stale while revalidating (TTL 10 s, bound 2 × TTL)', () => {
    it('answers an expired entry at once with its true age and refreshes it once in the background', async () => {
      let now = 0;
      const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 } });
      let version = 0;
      const refresh = { starts: 0, release: () => {} };
      await cache.get(key('balances'), async () => ({ value: `v${++version}`, tags: NO_TAGS }));
      const slow = () => {
        refresh.starts += 1;
        return new Promise<{ value: string; tags: PartnerCacheTags }>((resolve) => {
          refresh.release = () => resolve({ value: `v${++version}`, tags: NO_TAGS });
        });
      };
      now = 15_000;
      expect(await cache.get(key('balances'), slow)).toEqual({ value: 'v1', ageMs: 15_000, cached: true });
      now = 16_000;
      expect(await cache.get(key('balances'), slow)).toEqual({ value: 'v1', ageMs: 16_000, cached: true });
      expect(refresh.starts).toBe(1); // one refresh for both stale answers
      refresh.release();
      await new Promise((resolve) => setImmediate(resolve));
      now = 17_000;
      expect(await cache.get(key('balances'), slow)).toEqual({ value: 'v2', ageMs: 1_000, cached: true });
      expect(refresh.starts).toBe(1);
    });

    it('keeps serving while a refresh hangs, until the bound; past it, askers wait for a load', async () => {
      let now = 0;
      const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 } });
      await cache.get(key('balances'), async () => ({ value: 'old', tags: NO_TAGS }));
      const hung = gated('never');
      now = 10_000; // exactly the TTL: stale
      expect(await cache.get(key('balances'), hung.load)).toEqual({ value: 'old', ageMs: 10_000, cached: true });
      now = 19_999;
      expect(await cache.get(key('balances'), hung.load)).toEqual({ value: 'old', ageMs: 19_999, cached: true });
      expect(hung.state.starts).toBe(1);
      now = 20_000; // the bound: the entry is gone, the asker joins the load still running
      let settled = false;
      const waiting = cache.get(key('balances'), hung.load).then((a) => ((settled = true), a));
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      hung.state.release();
      expect(await waiting).toEqual({ value: 'never', ageMs: 0, cached: false });
      expect(hung.state.starts).toBe(1);
    });

    it('keeps serving after a failed refresh and tries again no sooner than a second later', async () => {
      let now = 0;
      const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 } });
      await cache.get(key('balances'), async () => ({ value: 'old', tags: NO_TAGS }));
      let attempts = 0;
      const failing = async (): Promise<{ value: string; tags: PartnerCacheTags }> => {
        attempts += 1;
        throw new Error('CBC.0999');
      };
      now = 12_000;
      expect((await cache.get(key('balances'), failing)).value).toBe('old');
      await new Promise((resolve) => setImmediate(resolve));
      now = 12_999;
      expect((await cache.get(key('balances'), failing)).value).toBe('old');
      expect(attempts).toBe(1);
      now = 13_000;
      expect((await cache.get(key('balances'), failing)).value).toBe('old');
      expect(attempts).toBe(2);
    });

    it('drops a stale entry on invalidation, and does not store its refresh if it was in flight', async () => {
      let now = 0;
      const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 } });
      await cache.get(key('balances'), async () => ({ value: 'before', tags: { customers: ['C1'], resellers: [] } }));
      const refresh = gated('refreshed before the write');
      now = 12_000;
      expect((await cache.get(key('balances'), refresh.load)).value).toBe('before');
      expect(cache.invalidateCustomer('C1')).toBe(1);
      refresh.state.release();
      await new Promise((resolve) => setImmediate(resolve));
      const after = counting('after the write');
      expect(await cache.get(key('balances'), after.load)).toEqual({ value: 'after the write', ageMs: 0, cached: false });
      expect(after.calls.n).toBe(1);
    });

    it('tells a refresh\'s load it is background work, and fires that when a caller joins it; a load someone waits for is not', async () => {
      let now = 0;
      const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 } });
      const seen: (AbortSignal | undefined)[] = [];
      await cache.get(key('balances'), async (_signal, backgroundUntil) => (seen.push(backgroundUntil), { value: 'first', tags: NO_TAGS }));
      expect(seen).toEqual([undefined]);
      const release: (() => void)[] = [];
      const refresh = (_signal: AbortSignal, backgroundUntil?: AbortSignal) => {
        seen.push(backgroundUntil);
        return new Promise<{ value: string; tags: PartnerCacheTags }>((resolve) => release.push(() => resolve({ value: 'refreshed', tags: NO_TAGS })));
      };
      now = 12_000; // stale: answered at once, refreshed in the background
      expect((await cache.get(key('balances'), refresh)).value).toBe('first');
      expect(seen).toHaveLength(2);
      const background = seen[1]!;
      expect(background.aborted).toBe(false);
      now = 20_000; // past the bound: this caller waits for the refresh still running, so it is urgent now
      const joined = cache.get(key('balances'), refresh);
      expect(background.aborted).toBe(true);
      release[0]!();
      expect(await joined).toEqual({ value: 'refreshed', ageMs: 0, cached: false });
      expect(seen).toHaveLength(2);
    });

    it('is off with staleFactor 0, and refuses a negative factor', async () => {
      let now = 0;
      const cache = new PartnerDataCache({ now: () => now, staleFactor: 0, ttlMs: { balances: 10_000 } });
      const { calls, load } = counting('v');
      await cache.get(key('balances'), load);
      now = 10_000;
      expect(await cache.get(key('balances'), load)).toEqual({ value: 'v', ageMs: 0, cached: false });
      expect(calls.n).toBe(2);
      expect(() => new PartnerDataCache({ staleFactor: -1 })).toThrow(RangeError);
    });
  });
});

/**
 * Many users on one quota, through the whole gateway: each API key's upstream calls queue fairly against the
 * others' (src/bss/fair-queue.ts), a cancelled request gives its queued places back at once, and each key has
 * a bounded number of operations running and waiting (src/limits/key-concurrency.ts: 429 with Retry-After).
 * Orders of completion are asserted, never durations: the machine is shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/api-keys.js';
import type { BssClient } from '../../src/bss/client.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { KeyTurnstile, TOO_MANY_REQUESTS } from '../../src/limits/key-concurrency.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { TEST_NOW } from '../support/sim-request.js';

const KEYS = { flood: 'flood-key-0000000000000001', single: 'single-key-000000000000002' };

describe('KeyTurnstile', () => {
  it('lets maxConcurrent run, queues maxQueued in order, refuses one more with 429 and Retry-After', async () => {
    const turns = new KeyTurnstile({ maxConcurrent: 2, maxQueued: 1, retryAfterSeconds: 3 });
    const a = turns.enter('k') as () => void;
    turns.enter('k');
    expect(turns.running('k')).toBe(2);
    let third: (() => void) | undefined;
    void (turns.enter('k') as Promise<() => void>).then((release) => (third = release));
    expect(turns.waiting('k')).toBe(1);
    let refusal: unknown;
    try {
      turns.enter('k');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ extensions: { code: TOO_MANY_REQUESTS, http: { status: 429, headers: { 'Retry-After': '3' } } } });
    // Another key is not affected.
    expect(typeof turns.enter('other')).toBe('function');
    a();
    a(); // released once only
    await Promise.resolve();
    expect(third).toBeTypeOf('function');
    expect(turns.running('k')).toBe(2);
    expect(turns.waiting('k')).toBe(0);
  });

  it('a waiter whose request goes away leaves the line at once', async () => {
    const turns = new KeyTurnstile({ maxConcurrent: 1, maxQueued: 5, retryAfterSeconds: 1 });
    const first = turns.enter('k') as () => void;
    const controller = new AbortController();
    const waiting = turns.enter('k', controller.signal) as Promise<() => void>;
    expect(turns.waiting('k')).toBe(1);
    controller.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    expect(turns.waiting('k')).toBe(0);
    first();
    expect(turns.running('k')).toBe(0);
  });
});

describe('through the gateway, on one quota', () => {
  let sim: RunningSimulator;
  let bss: BssClient;
  let gateway: Gateway;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, customers: 60, now: TEST_NOW });
    // ListSubCustomers at 1 call a second: every call after the first waits a window, so queue order shows.
    bss = simulatorClient(sim, { rate: { perOperation: { ListSubCustomers: 1 } } });
    gateway = createGateway(
      { bss, partnerDomainId: sim.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN', now: () => TEST_NOW },
      {
        apiKeys: [
          { name: 'flood', role: 'analyst', sha256: sha256Hex(KEYS.flood) },
          { name: 'single', role: 'analyst', sha256: sha256Hex(KEYS.single) },
        ],
        keyConcurrency: { maxConcurrent: 8, maxQueued: 0, retryAfterSeconds: 2 },
      },
    );
  });
  afterAll(async () => {
    await bss.close();
    await sim.close();
  });

  /** A query of one ListSubCustomers call; `first` makes each request a different call (no de-duplication). */
  const post = (key: string, first: number, signal?: AbortSignal): Promise<Response> =>
    Promise.resolve(gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: `{ partner { customers(first: ${first}) { totalCount } } }` }),
      ...(signal ? { signal } : {}),
    }));

  it('one key with 5 requests queued delays another key\'s first call by one slot, not 5', async () => {
    // Let earlier starts leave the window.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const done: string[] = [];
    const flood = [1, 2, 3, 4, 5].map((n) => post(KEYS.flood, n).then(async (r) => (await r.json(), done.push(`flood${n}`))));
    // The single key asks once the flood is queued.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const single = post(KEYS.single, 6).then(async (r) => {
      const body = (await r.json()) as { data?: unknown };
      expect(body.data).toBeDefined();
      done.push('single');
    });
    await Promise.all([...flood, single]);
    // Round robin per key: the flood's first call, then the single key's, then the rest of the flood.
    expect(done.indexOf('single')).toBeLessThanOrEqual(2);
  }, 30_000);

  it('cancelled requests give their queued places back at once: the next key starts at the next slot', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const controller = new AbortController();
    const cancelled = [11, 12, 13, 14, 15].map((n) => post(KEYS.flood, n, controller.signal).then(() => 'answered', () => 'cancelled'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const outcomes = await Promise.all(cancelled);
    const before = bss.counter.requests('ListSubCustomers');
    const began = performance.now();
    const body = (await (await post(KEYS.single, 16)).json()) as { data?: { partner: { customers: { totalCount: number } } } };
    expect(body.data?.partner.customers.totalCount).toBeGreaterThan(0);
    // At most one of the cancelled calls had started (the first, at once); the others never reached the upstream.
    expect(bss.counter.requests('ListSubCustomers') - before).toBe(1);
    expect(outcomes.filter((o) => o === 'cancelled').length).toBeGreaterThanOrEqual(4);
    // Bound, not a timing claim: behind 4 queued calls it would wait 4 windows (4 s) or more; given back, at most one.
    expect(performance.now() - began).toBeLessThan(3_500);
  }, 30_000);

  it('more operations of one key than it may run and queue: 429 TOO_MANY_REQUESTS with Retry-After, no upstream call; other keys unaffected', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const calls = bss.counter.requests();
    const responses = await Promise.all([20, 21, 22, 23, 24, 25, 26, 27, 28].map((n) => post(KEYS.flood, n)));
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.headers.get('retry-after')).toBe('2');
    const body = (await refused[0]!.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe(TOO_MANY_REQUESTS);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(8);
    // 8 answered: one call each; the refused one made none.
    expect(bss.counter.requests() - calls).toBe(8);
  }, 60_000);
});

/**
 * The sliding-window budget (src/bss/rate-budget.ts) with virtual time: bursts up to the quota start at
 * once, no window of one second (any alignment) ever holds more than the quota, late timers never bunch
 * starts, tenants are served fairly, and an aborted request gives its places back at once.
 */
import { describe, expect, it } from 'vitest';
import { BssClient } from '../../src/bss/client.js';
import { RateBudget } from '../../src/bss/rate-budget.js';
import { runShared } from '../../src/bss/shared-load.js';
import type { SlotAnswer, StartSlots } from '../../src/bss/start-slots.js';
import { defineOperation } from '../../src/bss/operations/spec.js';
import { captureTransport } from './support/capture-transport.js';
import { ListConversions, ListSubCustomers } from './support/ops.js';
import { maxInAnyWindow, virtualTime } from './support/virtual-time.js';

/** Queues `n` acquires on `key` for `tenant` and records each start (or rejection) as it happens. */
function queue(budget: RateBudget, n: number, options: { key?: string; rate?: number; tenant?: string; signal?: AbortSignal } = {}) {
  const starts: number[] = [];
  const rejected: unknown[] = [];
  for (let i = 0; i < n; i++) {
    budget.acquireStart(options.key ?? 'k', options.rate ?? 10, options.signal, options.tenant).then(
      (at) => starts.push(at),
      (reason) => rejected.push(reason),
    );
  }
  return { starts, rejected, settled: () => starts.length + rejected.length === n };
}

describe('RateBudget: a sliding window', () => {
  it('starts a burst of the quota at once, then one window later the next burst: 25 calls at 10/s → 10 at 0, 10 at 1000, 5 at 2000', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const q = queue(budget, 25);
    await time.run(q.settled);
    expect(q.starts).toEqual([...Array(10).fill(0), ...Array(10).fill(1000), ...Array(5).fill(2000)]);
    expect(maxInAnyWindow(q.starts)).toBe(10);
    // The old spacing (100 ms apart) started the 25th at 2400; the sliding window uses the quota whole.
    expect(time.sleeps).toEqual([1000, 1000]);
  });

  it('a guard widens the window: 25 calls at 10/s with 50 ms → 10 at 0, 10 at 1050, 5 at 2100', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep, guardMs: 50 });
    expect(budget.windowMs).toBe(1050);
    const q = queue(budget, 25);
    await time.run(q.settled);
    expect(q.starts).toEqual([...Array(10).fill(0), ...Array(10).fill(1050), ...Array(5).fill(2100)]);
    // What the guard is for: the first burst's calls arriving 50 ms late and the second's on time still make
    // 10 in every upstream second; without the guard the same jitter makes 20.
    const arrivals = q.starts.map((s) => (s === 0 ? s + 50 : s));
    expect(maxInAnyWindow(arrivals)).toBe(10);
    const exact = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const t0 = time.clock();
    const tight = queue(exact, 20);
    await time.run(tight.settled);
    expect(maxInAnyWindow(tight.starts.map((s) => (s === t0 ? s + 50 : s)))).toBe(20);
    expect(() => new RateBudget({ guardMs: -1 })).toThrow(RangeError);
  });

  it('arrivals at random times: never more than the quota in any second, and no call waits while the window has room', async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const arrivals = Array.from({ length: 300 }, () => Math.floor(random() * 20_000)).sort((a, b) => a - b);
    const starts: { arrived: number; at: number }[] = [];
    let queued = 0;
    for (const arrived of arrivals) {
      void time.sleep(arrived - time.clock()).then(() => {
        queued++;
        void budget.acquireStart('k', 10).then((at) => starts.push({ arrived, at }));
      });
    }
    await time.run(() => starts.length === arrivals.length);
    expect(queued).toBe(300);
    const at = starts.map((s) => s.at);
    expect(maxInAnyWindow(at)).toBe(10);
    // Work-conserving: a call that waited started exactly when a start left the window.
    for (const s of starts) {
      if (s.at === s.arrived) continue;
      expect(at.filter((x) => x > s.at - 1000 && x < s.at).length).toBeLessThanOrEqual(9);
      expect(at.some((x) => x === s.at - 1000)).toBe(true);
    }
  });

  it('timers that fire late (a stalled event loop) delay starts but never put more than the quota in a second', async () => {
    // Every timer fires 0–300 ms late, deterministically.
    const time = virtualTime({ lateBy: (due) => (due * 7919) % 301 });
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const q = queue(budget, 60);
    await time.run(q.settled);
    expect(q.starts).toHaveLength(60);
    expect(maxInAnyWindow(q.starts)).toBe(10);
  });

  it('keys are independent, an idle key starts at once, and a fractional quota below 1/s spaces calls 1/rate apart', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const a = queue(budget, 11, { key: 'a' });
    const b = queue(budget, 1, { key: 'b' });
    const slow = queue(budget, 3, { key: 'slow', rate: 0.5 });
    await time.run(() => a.settled() && b.settled() && slow.settled());
    expect(a.starts.at(-1)).toBe(1000);
    expect(b.starts).toEqual([0]);
    expect(slow.starts).toEqual([0, 2000, 4000]);
    expect(budget.queued('a')).toBe(0);
  });

  it('reports a wait only for a call that queued, with how long', async () => {
    const time = virtualTime();
    const waits: [string, number][] = [];
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep, onWait: (key, ms) => waits.push([key, ms]) });
    const q = queue(budget, 12);
    await time.run(q.settled);
    expect(waits).toEqual([['k', 1000], ['k', 1000]]);
  });

  it('a place is held while its call is in flight and for a window after its answer, so late arrivals cannot bunch', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    // 10 calls start at 0; their answers come back 300 ms later (a slow network): the upstream may have counted
    // them as late as 300, so the next 10 may start only at 1300, not 1000.
    const first = await Promise.all(Array.from({ length: 10 }, () => budget.acquire('k', 10)));
    expect(first.map((s) => s.startedAt)).toEqual(Array(10).fill(0));
    const next: number[] = [];
    for (let i = 0; i < 10; i++) void budget.acquire('k', 10).then((slot) => next.push(slot.startedAt));
    void time.sleep(300).then(() => first.forEach((s) => s.settle()));
    await time.run(() => next.length === 10);
    expect(next).toEqual(Array(10).fill(1300));
    // Settling twice changes nothing.
    first[0]!.settle();
  });

  it('a place never settled (a replica died mid-call) leaves the window its hold after its start', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep, holdMs: 5_000 });
    await budget.acquire('k', 1);
    let later: number | undefined;
    void budget.acquire('k', 1).then((slot) => (later = slot.startedAt));
    await time.run(() => later !== undefined);
    // Counted as answered at its hold's end (5 s), then a window.
    expect(later).toBe(6_000);
  });

  it('rate: configured override > spec quota > default', () => {
    const budget = new RateBudget({ perSecond: 5, perOperation: { ListRateOnPeriodDetail: 20 } });
    expect(budget.rateFor({ name: 'ListSubCustomers' })).toBe(5);
    expect(budget.rateFor({ name: 'ListRateOnPeriodDetail', ratePerSecond: 30 })).toBe(20);
    expect(budget.rateFor({ name: 'Other', ratePerSecond: 30 })).toBe(30);
    expect(new RateBudget().rateFor({ name: 'x' })).toBe(10);
    expect(() => new RateBudget({ perSecond: 0 })).toThrow(RangeError);
  });
});

describe('RateBudget: fair between tenants', () => {
  it('a tenant with 50 calls queued delays another tenant\'s first call by one slot, not 40', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const order: string[] = [];
    for (let i = 0; i < 50; i++) void budget.acquireStart('k', 10, undefined, 'key:flood').then((at) => order.push(`flood@${at}`));
    const flood = { settled: () => order.filter((o) => o.startsWith('flood')).length === 50, starts: [] as number[] };
    void budget.acquireStart('k', 10, undefined, 'key:single').then((at) => order.push(`single@${at}`));
    await time.run(() => order.includes('single@1000'));
    // The flood took the first window whole (it came first); the single call is the second start of the next.
    expect(order.slice(0, 12)).toEqual([...Array(10).fill('flood@0'), 'flood@1000', 'single@1000']);
    await time.run(flood.settled);
    expect(maxInAnyWindow(order.map((o) => Number(o.split('@')[1])))).toBe(10);
  });

  it('three tenants with backlogs share each window round-robin', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep, perSecond: 3 });
    const order: string[] = [];
    for (const tenant of ['a', 'b', 'c']) {
      for (let i = 0; i < 6; i++) void budget.acquireStart('k', 3, undefined, tenant).then(() => order.push(tenant));
    }
    await time.run(() => order.length === 18);
    // The first window went to a (it asked first and the window was empty); from then on each window serves
    // one call of each tenant with something queued.
    expect(order.join('')).toBe('aaa' + 'abc'.repeat(3) + 'bcbcbc');
  });

  it('an aborted request gives its queued places back at once: the next caller starts at the next free slot', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const controller = new AbortController();
    const flood = queue(budget, 50, { tenant: 'key:flood', signal: controller.signal });
    await time.run(() => flood.starts.length === 10);
    expect(budget.queued('k')).toBe(40);
    controller.abort(new Error('client went away'));
    expect(budget.queued('k')).toBe(0);
    const next = queue(budget, 10, { tenant: 'key:next' });
    await time.run(() => next.settled() && flood.settled());
    expect(flood.rejected).toHaveLength(40);
    expect((flood.rejected[0] as Error).message).toBe('client went away');
    // Without the abort these 10 would have started at 5000 (behind 40 queued) or shared windows from 1000.
    expect(next.starts).toEqual(Array(10).fill(1000));
  });

  it('an already aborted signal rejects without queueing', async () => {
    const budget = new RateBudget();
    await expect(budget.acquireStart('k', 10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(budget.queued('k')).toBe(0);
  });
});

describe('RateBudget: background calls (cache refreshes nobody waits for)', () => {
  /** Queues `n` background acquires (until `urgent` fires) and records each start. */
  function background(budget: RateBudget, n: number, options: { tenant?: string; urgent?: AbortSignal } = {}) {
    const starts: number[] = [];
    for (let i = 0; i < n; i++) {
      const urgent = options.urgent ?? new AbortController().signal;
      void budget.acquireStart('k', 10, undefined, options.tenant ?? 'key:flood', urgent).then((at) => starts.push(at));
    }
    return starts;
  }

  it('fill at most 8 places of 10: an interactive call arriving while refreshes are queued starts at once, before them', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    expect(budget.backgroundPlaces(10)).toBe(8);
    const refreshes = background(budget, 12);
    const probe: number[] = [];
    void time.sleep(10).then(() => budget.acquireStart('k', 10, undefined, 'key:probe').then((at) => probe.push(at)));
    await time.run(() => probe.length === 1 && refreshes.length === 12);
    // Without the reserve the first 10 refreshes filled the window at 0 and the probe started at 1000.
    expect(probe).toEqual([10]);
    // The 8 started at 0 leave the window at 1000; the probe's place (1010) still counts: 4 more fit under 8.
    expect(refreshes).toEqual([...Array(8).fill(0), ...Array(4).fill(1000)]);
  });

  it('queued interactive calls go first when places free up, whatever the tenants', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const order: string[] = [];
    const first = queue(budget, 10, { tenant: 'key:flood' });
    await time.run(() => first.starts.length === 10);
    for (let i = 0; i < 5; i++) void budget.acquireStart('k', 10, undefined, 'key:flood', new AbortController().signal).then((at) => order.push(`refresh@${at}`));
    for (let i = 0; i < 5; i++) void budget.acquireStart('k', 10, undefined, 'key:probe').then((at) => order.push(`probe@${at}`));
    await time.run(() => order.length === 10);
    // At 1000 the window is empty: the 5 interactive calls first, then refreshes up to 8 places, the last 2 a window on.
    expect(order).toEqual([...Array(5).fill('probe@1000'), ...Array(3).fill('refresh@1000'), ...Array(2).fill('refresh@2000')]);
  });

  it('a refresh still starts within its bound (2 s) while interactive callers keep the window full', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const flood = queue(budget, 60, { tenant: 'key:flood' });
    const refresh = background(budget, 1);
    await time.run(() => refresh.length === 1);
    // Promoted at 2000 to the front of its tenant's line (the flood's own key): the first start of that window,
    // not after the 30 interactive calls still queued behind it (which would be 5000).
    expect(refresh).toEqual([2000]);
    await time.run(flood.settled);
    expect(flood.starts.filter((at) => at === 2000)).toHaveLength(9);
    expect(maxInAnyWindow([...flood.starts, ...refresh])).toBe(10);
  });

  it('becomes interactive at once when someone starts waiting for it (the signal fires)', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const joined = new AbortController();
    const others = background(budget, 8);
    const refresh = background(budget, 1, { urgent: joined.signal });
    await time.run(() => others.length === 8);
    expect(budget.queued('k')).toBe(1);
    void time.sleep(30).then(() => joined.abort());
    await time.run(() => refresh.length === 1);
    // A reserved place: without the promotion it would have waited for the window (1000).
    expect(refresh).toEqual([30]);
    expect(() => new RateBudget({ backgroundReserve: 1 })).toThrow(RangeError);
    expect(new RateBudget({ perSecond: 1 }).backgroundPlaces(1)).toBe(1);
  });
});

describe('RateBudget: starts booked in shared slots', () => {
  /** Slots as the store keeps them: asynchronous, each answer after a round trip; places held until settled. */
  function asyncSlots(time: ReturnType<typeof virtualTime>, fail = () => false): StartSlots & { taken: number; settled: number } {
    const places: { at: number }[] = [];
    const slots = {
      taken: 0,
      settled: 0,
      async take(_key: string, rate: number, windowMs: number, holdMs: number): Promise<SlotAnswer> {
        await Promise.resolve();
        if (fail()) throw new Error('store unreachable');
        const now = time.clock();
        const held = places.filter((p) => p.at > now - windowMs);
        if (held.length >= rate) return { granted: false, waitMs: Math.min(...held.map((p) => Math.min(p.at, now))) + windowMs - now };
        const place = { at: now + holdMs };
        places.push(place);
        slots.taken++;
        return { granted: true, ticket: place };
      },
      async settle(_key: string, ticket: unknown): Promise<void> {
        await Promise.resolve();
        (ticket as { at: number }).at = time.clock();
        slots.settled++;
      },
    };
    return slots;
  }

  it('books every start in the shared slots and keeps the same window', async () => {
    const time = virtualTime();
    const slots = asyncSlots(time);
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep, slots });
    const q = queue(budget, 25);
    await time.run(q.settled);
    expect(q.starts).toEqual([...Array(10).fill(0), ...Array(10).fill(1000), ...Array(5).fill(2000)]);
    expect(slots.taken).toBe(25);
    expect(slots.settled).toBe(25);
  });

  it('when the shared slots fail it books in memory for a while, says so, and goes back to them', async () => {
    const time = virtualTime();
    let down = true;
    const errors: unknown[] = [];
    const slots = asyncSlots(time, () => down);
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep, slots, fallbackMs: 5_000, onSlotsError: (e) => errors.push(e) });
    const first = queue(budget, 3);
    await time.run(first.settled);
    expect(first.starts).toEqual([0, 0, 0]);
    expect(errors).toHaveLength(1);
    down = false;
    time.advanceTo(5_000);
    const later = queue(budget, 2);
    await time.run(later.settled);
    expect(slots.taken).toBe(2);
  });
});

describe('the client spends budget per API per credential, per tenant', () => {
  const credentials = { ak: 'AK000000000000000000', sk: 'SK', domainId: 'd' };

  it('bursts one API to its quota, leaves other APIs alone, and uses the spec quota', async () => {
    const time = virtualTime();
    const sentAt: Record<string, number[]> = {};
    const client = new BssClient({
      endpoint: 'https://bss.myhuaweicloud.com',
      credentials,
      transport: captureTransport(),
      clock: time.clock,
      sleep: time.sleep,
      onRequest: (e) => (sentAt[e.operation] ??= []).push(time.clock()),
    });
    const Fast = defineOperation<Record<string, never>, unknown>({ name: 'ListRateOnPeriodDetail', method: 'POST', path: '/v2/bills/ratings/period-resources/subscribe-rate', caller: 'either', kind: 'read', hasBody: true, ratePerSecond: 30 });
    let done = 0;
    const calls = [
      ...Array.from({ length: 12 }, () => client.call(ListSubCustomers, {})),
      ...Array.from({ length: 31 }, () => client.call(Fast, {})),
      client.call(ListConversions, {}),
    ].map((p) => p.then(() => done++));
    await time.run(() => done === calls.length);
    expect(sentAt['ListSubCustomers']).toEqual([...Array(10).fill(0), 1000, 1000]);
    expect(sentAt['ListRateOnPeriodDetail']).toEqual([...Array(30).fill(0), 1000]);
    expect(sentAt['ListConversions']).toEqual([0]);
  });

  it('retries take budget too', async () => {
    const time = virtualTime();
    const starts: number[] = [];
    const client = new BssClient({
      endpoint: 'https://bss.myhuaweicloud.com',
      credentials,
      transport: captureTransport((_r, i) => (i < 2 ? { status: 500, text: '{"error_code":"CBC.0999","error_msg":"x"}' } : {})),
      rate: { perSecond: 2 },
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0,
      onRequest: () => starts.push(time.clock()),
    });
    let done = false;
    void client.call(ListConversions, {}).then(() => (done = true));
    await time.run(() => done);
    // Back-off 0 ms (random 0): the third attempt waits for the window instead.
    expect(starts).toEqual([0, 0, 1000]);
  });

  it('a request view queues as its tenant and takes the request\'s signal; loads shared across requests do not', async () => {
    const time = virtualTime();
    const client = new BssClient({ endpoint: 'https://bss.myhuaweicloud.com', credentials, transport: captureTransport(), rate: { perSecond: 1 }, clock: time.clock, sleep: time.sleep });
    const controller = new AbortController();
    const view = client.forRequest({ tenant: 'key:a', signal: controller.signal });
    expect(view.tenant).toBe('key:a');
    expect(client.tenant).toBe('');
    const outcomes: string[] = [];
    const record = (name: string, p: Promise<unknown>) => p.then(() => outcomes.push(`${name} ok`), (e: { code?: string }) => outcomes.push(`${name} ${e.code}`));
    record('first', view.call(ListConversions, {}));
    record('bound', view.call(ListConversions, {}));
    record('shared', runShared(() => view.call(ListConversions, {})));
    await time.run(() => outcomes.length === 1);
    controller.abort(new Error('the GraphQL operation is complete'));
    await time.run(() => outcomes.length === 3);
    expect(outcomes).toEqual(['first ok', 'bound TRANSPORT.ABORTED', 'shared ok']);
    expect(client.counter.requests('ListConversions')).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { BssClient } from '../../src/bss/client.js';
import { RateBudget } from '../../src/bss/rate-budget.js';
import { defineOperation } from '../../src/bss/operations/spec.js';
import { captureTransport } from './support/capture-transport.js';
import { ListConversions, ListSubCustomers } from './support/ops.js';

/** A fake clock whose sleep moves time forward; records every sleep. */
function fakeTime(start = 1_000_000) {
  const t = { now: start, sleeps: [] as number[] };
  return {
    t,
    clock: () => t.now,
    sleep: async (ms: number) => {
      t.sleeps.push(ms);
      t.now += ms;
    },
  };
}

/** No 1-second window [s, s + 1000) holds more than `rate` of the given starts. */
function maxInAnySecond(starts: number[]): number {
  return Math.max(...starts.map((s) => starts.filter((x) => x >= s && x < s + 1000).length));
}

describe('RateBudget', () => {
  it('spaces 25 immediate requests 100 ms apart at 10/s and never puts 11 in one second', () => {
    const { clock, sleep } = fakeTime();
    const budget = new RateBudget({ clock, sleep });
    const starts = Array.from({ length: 25 }, () => budget.reserve('ak:A|ListSubCustomers', 10) - 1_000_000);
    expect(starts.slice(0, 12)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
    expect(starts.at(-1)).toBe(2400);
    expect(maxInAnySecond(starts)).toBe(10);
  });

  it('rounds the spacing up so no float error lets an extra request in (30/s → 34 ms)', () => {
    const { clock, sleep } = fakeTime();
    const budget = new RateBudget({ clock, sleep });
    const starts = Array.from({ length: 100 }, () => budget.reserve('k', 30));
    expect(starts[1]! - starts[0]!).toBe(34);
    expect(maxInAnySecond(starts)).toBe(30);
    expect(RateBudget.intervalMs(3)).toBe(334);
  });

  it('with a guard, any 11 consecutive starts at 10/s span 1 s + the guard, so 50 ms of arrival jitter never makes 11 in a second', () => {
    const { clock, sleep } = fakeTime(0);
    const budget = new RateBudget({ clock, sleep, guardMs: 50 });
    const starts = Array.from({ length: 40 }, () => budget.reserve('k', 10));
    expect(starts.slice(0, 3)).toEqual([0, 105, 210]);
    for (let i = 10; i < starts.length; i++) expect(starts[i]! - starts[i - 10]!).toBeGreaterThanOrEqual(1050);
    // The first of each 11 arrives 50 ms late, the last on time: still 10 in any second.
    const arrivals = starts.map((s, i) => (i % 11 === 0 ? s + 50 : s));
    expect(maxInAnySecond(arrivals)).toBe(10);
    // Without the guard the same jitter makes 11.
    const exact = new RateBudget({ clock, sleep });
    const tight = Array.from({ length: 40 }, () => exact.reserve('j', 10));
    expect(maxInAnySecond(tight.map((s, i) => (i % 11 === 0 ? s + 50 : s)))).toBe(11);
    expect(() => new RateBudget({ guardMs: -1 })).toThrow(RangeError);
  });

  it('keys are independent, and an idle key starts at once', () => {
    const { t, clock, sleep } = fakeTime(0);
    const budget = new RateBudget({ clock, sleep });
    expect([budget.reserve('a', 10), budget.reserve('a', 10), budget.reserve('b', 10), budget.reserve('a', 10)]).toEqual([0, 100, 0, 200]);
    t.now = 5_000;
    expect(budget.reserve('a', 10)).toBe(5_000);
  });

  it('acquire waits exactly until the slot, in call order', async () => {
    const { t, clock, sleep } = fakeTime(0);
    const budget = new RateBudget({ clock, sleep });
    const starts = [];
    for (let i = 0; i < 4; i++) starts.push(await budget.acquire('k', 10));
    expect(starts).toEqual([0, 100, 200, 300]);
    expect(t.sleeps).toEqual([100, 100, 100]);
  });

  it('keeps actual starts an interval apart when timers fire late (a busy event loop)', async () => {
    // The loop stalls until t = 1000: every timer due before then fires at 1000, all at once.
    const STALL = 1000;
    const t = { now: 0 };
    const budget = new RateBudget({
      clock: () => t.now,
      sleep: (ms) => {
        const due = t.now + ms;
        return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
          t.now = Math.max(t.now, due, STALL);
        });
      },
    });
    const starts = await Promise.all(Array.from({ length: 6 }, () => budget.acquire('k', 10).then(() => t.now)));
    const sorted = [...starts].sort((a, b) => a - b);
    expect(sorted).toEqual([0, 1000, 1100, 1200, 1300, 1400]);
  });

  it('never starts a waiter whose timer fired a millisecond early within an interval of a late-started one', async () => {
    // The second sleep fires 80 ms late (a stall); the third 1 ms early, as a real timer can against the wall
    // clock. Taking that early wake-up as a start put two requests 19 ms apart, and 11 in one upstream second.
    const t = { now: 0 };
    const skews = [80, -1];
    let sleeps = 0;
    const budget = new RateBudget({
      clock: () => t.now,
      sleep: (ms) => {
        const due = t.now + ms + (skews[sleeps++] ?? 0);
        return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
          t.now = Math.max(t.now, due);
        });
      },
    });
    const starts = await Promise.all(Array.from({ length: 3 }, () => budget.acquire('k', 10).then(() => t.now)));
    expect([...starts].sort((a, b) => a - b)).toEqual([0, 180, 280]);
  });

  it('reports a wait only when the request slept for its slot, however long the bookkeeping took', async () => {
    // A loaded machine: every read of the clock is a millisecond later than the one before. A request on an
    // idle key never sleeps, so it did not queue, even though its start is later than its arrival.
    const t = { now: 0, sleeps: [] as number[] };
    const waits: [string, number][] = [];
    const budget = new RateBudget({
      clock: () => t.now++,
      sleep: async (ms) => {
        t.sleeps.push(ms);
        t.now += ms;
      },
      onWait: (key, waitedMs) => waits.push([key, waitedMs]),
    });
    await budget.acquire('idle', 10);
    expect(t.sleeps).toEqual([]);
    expect(waits).toEqual([]);
    await Promise.all([budget.acquire('k', 10), budget.acquire('k', 10)]);
    expect(t.sleeps).toHaveLength(1);
    expect(waits).toHaveLength(1);
    expect(waits[0]![0]).toBe('k');
    expect(waits[0]![1]).toBeGreaterThanOrEqual(t.sleeps[0]!);
  });

  it('rate: configured override > spec quota > default', () => {
    const budget = new RateBudget({ perSecond: 5, perOperation: { ListRateOnPeriodDetail: 20 } });
    expect(budget.rateFor({ name: 'ListSubCustomers' })).toBe(5);
    expect(budget.rateFor({ name: 'ListRateOnPeriodDetail', ratePerSecond: 30 })).toBe(20);
    expect(budget.rateFor({ name: 'Other', ratePerSecond: 30 })).toBe(30);
    expect(new RateBudget().rateFor({ name: 'x' })).toBe(10);
    expect(() => new RateBudget({ perSecond: 0 })).toThrow(RangeError);
  });

  it('an abort while queued rejects', async () => {
    const budget = new RateBudget({ clock: () => 0, sleep: (_ms, signal) => new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(signal.reason))) });
    budget.reserve('k', 10);
    const controller = new AbortController();
    const pending = budget.acquire('k', 10, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('the client spends budget per API per credential', () => {
  it('queues a burst of one API, leaves other APIs alone, and uses the spec quota', async () => {
    const { t, clock, sleep } = fakeTime(0);
    const transport = captureTransport();
    const sentAt: Record<string, number[]> = {};
    const client = new BssClient({
      endpoint: 'https://bss.myhuaweicloud.com',
      credentials: { ak: 'AK000000000000000000', sk: 'SK', domainId: 'd' },
      transport,
      clock,
      sleep,
      onRequest: (e) => (sentAt[e.operation] ??= []).push(t.now),
    });
    const Fast = defineOperation<Record<string, never>, unknown>({ name: 'ListRateOnPeriodDetail', method: 'POST', path: '/v2/bills/ratings/period-resources/subscribe-rate', caller: 'either', kind: 'read', hasBody: true, ratePerSecond: 30 });
    for (let i = 0; i < 12; i++) await client.call(ListSubCustomers, {});
    for (let i = 0; i < 3; i++) await client.call(Fast, {});
    await client.call(ListConversions, {});
    expect(sentAt['ListSubCustomers']).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
    // Started after the burst above, on keys of their own: no waiting behind ListSubCustomers.
    expect(sentAt['ListRateOnPeriodDetail']).toEqual([1100, 1134, 1168]);
    expect(sentAt['ListConversions']).toEqual([1168]);
  });

  it('retries take budget too', async () => {
    const { t, clock, sleep } = fakeTime(0);
    const transport = captureTransport((_r, i) => (i < 2 ? { status: 500, text: '{"error_code":"CBC.0999","error_msg":"x"}' } : {}));
    const starts: number[] = [];
    const client = new BssClient({
      endpoint: 'https://bss.myhuaweicloud.com',
      credentials: { ak: 'AK000000000000000000', sk: 'SK', domainId: 'd' },
      transport,
      clock,
      sleep,
      random: () => 0,
      onRequest: () => starts.push(t.now),
    });
    await client.call(ListConversions, {});
    // Back-off of 0 ms (random 0), so each retry waits for the next 100 ms slot instead.
    expect(starts).toEqual([0, 100, 200]);
  });
});

/**
 * The sync's share of each API's budget (src/bss/budget-share.ts), with an injected clock: interactive calls
 * and sync calls queued together; the sync gets at most its share of the starts in any one-second window,
 * the total never exceeds the quota, and interactive calls are not starved.
 */
import { describe, expect, it } from 'vitest';
import { BudgetShare } from '../../src/bss/budget-share.js';
import { BssClient } from '../../src/bss/client.js';
import { RateBudget } from '../../src/bss/rate-budget.js';
import { captureTransport } from './support/capture-transport.js';
import { ListSubCustomers } from './support/ops.js';

/** Virtual time: sleeps are timers fired in time order once everything runnable has run. */
function virtualTime() {
  let now = 0;
  let seq = 0;
  const timers: { at: number; seq: number; fire: () => void }[] = [];
  const flush = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    clock: () => now,
    sleep: (ms: number) => new Promise<void>((fire) => timers.push({ at: now + Math.max(0, ms), seq: seq++, fire })),
    /** Runs until `done()` or no timer is left. */
    async run(done: () => boolean): Promise<void> {
      for (;;) {
        await flush();
        await flush();
        if (done()) return;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const t = timers.shift();
        if (!t) return;
        now = Math.max(now, t.at);
        t.fire();
      }
    },
  };
}

/** The most starts in any window [s, s + 1000). */
function maxInAnySecond(starts: readonly number[]): number {
  return Math.max(0, ...starts.map((s) => starts.filter((x) => x >= s && x < s + 1000).length));
}

describe('BudgetShare in front of the shared RateBudget', () => {
  it('gives queued sync calls at most their share of any second, keeps the total at the quota, and lets interactive calls through', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const share = new BudgetShare({ share: 0.5, clock: time.clock, sleep: time.sleep });
    const key = 'ak|ListSubConsumption';
    const sync: number[] = [];
    const interactive: { queued: number; started: number }[] = [];
    // What the Sender does for a call of the share: the share's turn, then the shared budget, then leave.
    const syncCall = async (): Promise<void> => {
      const leave = await share.enter(key, 10);
      const start = await budget.acquireStart(key, 10);
      leave(start);
      sync.push(start);
    };
    const interactiveCall = async (): Promise<void> => {
      const queued = time.clock();
      interactive.push({ queued, started: await budget.acquireStart(key, 10) });
    };
    // 60 sync calls (a sync's workers) and, meanwhile, bursts of interactive calls: 25 at 0 s, 25 at 3 s.
    const all: Promise<void>[] = Array.from({ length: 60 }, syncCall);
    all.push(...Array.from({ length: 25 }, interactiveCall));
    const burst = (async () => {
      await time.sleep(3000);
      await Promise.all(Array.from({ length: 25 }, interactiveCall));
    })();
    let settled = 0;
    for (const p of [...all, burst]) void p.then(() => settled++);
    await time.run(() => settled === all.length + 1);

    expect(sync).toHaveLength(60);
    expect(interactive).toHaveLength(50);
    const starts = [...sync, ...interactive.map((c) => c.started)].sort((a, b) => a - b);
    expect(maxInAnySecond(starts)).toBeLessThanOrEqual(10);
    expect(maxInAnySecond(sync)).toBeLessThanOrEqual(5);
    // The share's consecutive starts are a share interval (200 ms) apart at least.
    const sorted = [...sync].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(200);
    // Not starved: with the sync holding at most one queued slot, the 25 interactive calls queued at 0 s all
    // start within 26 slots (2.6 s), and those of the burst at 3 s within 26 slots of it.
    for (const c of interactive) expect(c.started - c.queued).toBeLessThanOrEqual(2600);
    // Interactive calls that arrive together go first (FIFO, the sync's one slot behind them); the sync then
    // resumes at its share: 60 calls take about 60 × 200 ms plus the 50 interactive slots.
    expect(Math.max(...sync)).toBeLessThanOrEqual(60 * 200 + 50 * 100);
  });

  it('alone, the sync runs at exactly its share of the quota', async () => {
    const time = virtualTime();
    const budget = new RateBudget({ clock: time.clock, sleep: time.sleep });
    const share = new BudgetShare({ share: 0.5, clock: time.clock, sleep: time.sleep });
    const starts: number[] = [];
    let done = 0;
    for (let i = 0; i < 20; i++) {
      void (async () => {
        const leave = await share.enter('k', 10);
        const start = await budget.acquireStart('k', 10);
        leave(start);
        starts.push(start);
        done++;
      })();
    }
    await time.run(() => done === 20);
    expect(starts).toEqual(Array.from({ length: 20 }, (_, i) => i * 200));
  });

  it('an abort while waiting for the share passes the turn on', async () => {
    const time = virtualTime();
    const share = new BudgetShare({ share: 0.5, clock: time.clock, sleep: time.sleep });
    const first = await share.enter('k', 10);
    const controller = new AbortController();
    const second = share.enter('k', 10, controller.signal);
    controller.abort(new Error('gone'));
    await expect(second).rejects.toThrow('gone');
    first(0);
    const third = share.enter('k', 10);
    let entered = false;
    void third.then(() => (entered = true));
    await time.run(() => entered);
    expect(entered).toBe(true);
    expect(time.clock()).toBe(200);
  });

  it('rejects a share outside (0, 1]', () => {
    expect(() => new BudgetShare({ share: 0 })).toThrow(RangeError);
    expect(() => new BudgetShare({ share: 1.5 })).toThrow(RangeError);
  });
});

describe('BssClient.withBudgetShare', () => {
  it('spaces the view\'s calls at the share of the quota, counts them apart and in the shared counter', async () => {
    const time = virtualTime();
    const transport = captureTransport(() => ({ text: '{"customer_infos":[],"count":0}' }));
    const bss = new BssClient({
      endpoint: 'https://bss.example.com', credentials: { ak: 'AK', sk: 'SK', domainId: 'd'.repeat(32) }, transport,
      clock: time.clock, sleep: time.sleep, rate: { perSecond: 10 },
    });
    const view = bss.withBudgetShare(0.25);
    const starts: number[] = [];
    let done = 0;
    for (let i = 0; i < 6; i++) {
      void view.call(ListSubCustomers, { body: { offset: 0, limit: 10 } }).then(() => {
        starts.push(time.clock());
        done++;
      });
    }
    await time.run(() => done === 6);
    expect(starts).toEqual([0, 400, 800, 1200, 1600, 2000]);
    expect(view.shareCounter!.calls('ListSubCustomers')).toBe(6);
    expect(bss.counter.calls('ListSubCustomers')).toBe(6);
    expect(bss.shareCounter).toBeUndefined();
    // The shared client is not slowed by the view's share: the last second holds 3 of its 10 starts, so 3
    // direct calls start at once (the sliding window, src/bss/rate-budget.ts).
    const direct: number[] = [];
    for (let i = 0; i < 3; i++) void bss.call(ListSubCustomers, { body: { offset: 0, limit: 10 } }).then(() => direct.push(time.clock()));
    await time.run(() => direct.length === 3);
    expect(direct).toEqual([2000, 2000, 2000]);
  });
});

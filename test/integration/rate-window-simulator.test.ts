/**
 * The sliding-window budget against the simulator with its quotas on (Huawei's fixed one-second windows,
 * src/simulator/throttle.ts): a burst of three times the quota is sent without a single 429, the starts the
 * simulator counts never exceed the quota in any one-second window (fixed or sliding), and the burst uses the
 * quota whole — the first `rate` calls start at once instead of 1/rate apart. No connection warm-up and no wide
 * guard: the simulator shares this busy process's event loop, so arrivals are jittered by tens of ms, and the
 * window (held from each call's start until a window after its answer) keeps the count whatever the jitter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BssClient } from '../../src/bss/client.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { ListSubCustomers } from '../../src/bss/operations/partners/index.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { TEST_NOW } from '../support/sim-request.js';
import { maxInAnyWindow } from '../bss/support/virtual-time.js';

const RATE = 10;
/** The gateway's default guard (PARTNER_GRAPH_RATE_GUARD_MS). */
const GUARD_MS = 50;
/** ListSubCustomers' path (partner-customers.md §4.1). */
const PATH = '/v2/partners/sub-customers/query';

interface Arrival {
  readonly path: string;
  readonly status: number;
  /** When the simulator began handling the request: its arrival (ms since the epoch). */
  readonly at: number;
}

let sim: RunningSimulator;
let client: BssClient;
const arrivals: Arrival[] = [];
const waits: number[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    port: 0, seed: 42, customers: 50, now: TEST_NOW,
    // Told when a request is finished, with how long it took: its arrival is that long ago.
    onRequest: (entry) => arrivals.push({ path: entry.path, status: entry.status, at: Date.now() - entry.ms }),
  });
  client = simulatorClient(sim, { rate: { perSecond: RATE, guardMs: GUARD_MS }, onThrottleWait: (e) => waits.push(e.waitedMs) });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('sliding-window budget ↔ the simulator\'s fixed windows', () => {
  it(`a burst of ${3 * RATE} calls: 0 429s, never more than ${RATE} starts in any second at the simulator, the first ${RATE} without waiting`, async () => {
    sim.resetThrottle();
    arrivals.length = 0;
    waits.length = 0;
    client.counter.reset();
    const answers = await Promise.all(Array.from({ length: 3 * RATE }, (_, i) => client.call(ListSubCustomers, { body: { offset: i % 5, limit: 1 } })));
    expect(answers).toHaveLength(3 * RATE);
    // Exactly one attempt each: nothing was throttled and retried.
    expect(client.counter.requests('ListSubCustomers')).toBe(3 * RATE);
    const seen = arrivals.filter((a) => a.path === PATH);
    expect(seen).toHaveLength(3 * RATE);
    expect(seen.filter((a) => a.status === 429)).toHaveLength(0);
    expect(seen.every((a) => a.status === 200)).toBe(true);
    const at = seen.map((a) => a.at).sort((a, b) => a - b);
    // Huawei's count: fixed windows aligned on the second.
    const perFixedSecond = new Map<number, number>();
    for (const t of at) perFixedSecond.set(Math.floor(t / 1000), (perFixedSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perFixedSecond.values())).toBeLessThanOrEqual(RATE);
    // And the stronger property the budget keeps: any one-second window, however aligned.
    expect(maxInAnyWindow(at)).toBeLessThanOrEqual(RATE);
    // Three windows' worth: the last arrival is at least two windows (1 s + guard each) after the first: each
    // place is held until a window after its call's answer, which came after the simulator counted it.
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(2 * (1000 + GUARD_MS));
    // The whole quota is used: the first RATE calls did not queue; the other 2 × RATE did, each about a window.
    expect(waits).toHaveLength(2 * RATE);
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(1000);
  });
});

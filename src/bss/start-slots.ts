/**
 * Where the rate budget books its starts: the sliding-window rule, kept in one place per deployment.
 *
 * The rule: a start on a key is admitted iff fewer than `rate` starts on that key happened in the last
 * `windowMs` (1000 ms plus the guard). Then any `rate + 1` starts span at least `windowMs`, so no one-second
 * window, however it is aligned (Huawei's fixed windows included), holds more than `rate` of them — while a
 * burst of `rate` calls may start at once instead of 1/rate apart.
 *
 * One process keeps its starts in memory (`LocalStartSlots`); replicas behind a load balancer share them
 * through PostgreSQL (src/store/upstream-slots.ts, injected by main.ts as this interface: the client never
 * knows the store). `take` must be atomic per key: of concurrent takers, at most `rate` per window win.
 */
import type { Clock } from './time.js';

export type SlotAnswer =
  /** Booked: the start may go now. */
  | { readonly granted: true }
  /** Full: ask again after `waitMs` (when the oldest start in the window leaves it). */
  | { readonly granted: false; readonly waitMs: number };

export interface StartSlots {
  /** Books one start on `key` now when fewer than `rate` started in the last `windowMs`. */
  take(key: string, rate: number, windowMs: number): SlotAnswer | Promise<SlotAnswer>;
}

/** Keys are dropped once this many are held and their starts have left every window. */
const PRUNE_AT = 10_000;

/** The in-memory sliding window: per key, the last `rate` start times, oldest first. */
export class LocalStartSlots implements StartSlots {
  private readonly starts = new Map<string, number[]>();
  private lastWindowMs = 0;

  constructor(private readonly clock: Clock) {}

  take(key: string, rate: number, windowMs: number): SlotAnswer {
    const now = this.clock();
    this.lastWindowMs = windowMs;
    if (this.starts.size >= PRUNE_AT) this.prune(now);
    let log = this.starts.get(key);
    if (!log) this.starts.set(key, (log = []));
    // Only the newest `rate` starts can decide an admission; older ones have been overtaken.
    const limit = rate;
    while (log.length > limit) log.shift();
    if (log.length < limit) {
      log.push(now);
      return { granted: true };
    }
    // The oldest of the last `rate` starts: while it is inside the window, the window is full.
    const leavesAt = log[0]! + windowMs;
    if (leavesAt <= now) {
      log.shift();
      log.push(now);
      return { granted: true };
    }
    return { granted: false, waitMs: leavesAt - now };
  }

  private prune(now: number): void {
    for (const [key, log] of this.starts) if ((log.at(-1) ?? 0) + this.lastWindowMs <= now) this.starts.delete(key);
  }
}

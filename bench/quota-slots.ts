/**
 * The other ways of spending a quota that bench/quota-use.ts compares with the gateway's sliding window, as
 * `StartSlots` the rate budget books in (src/bss/start-slots.ts):
 *
 * - `SpacedStartSlots`: the budget before the sliding window (d6af041): every start of a key `windowMs / rate`
 *   after the previous one (1050 / 10 = 105 ms with the 50 ms guard), never two at once.
 * - `FixedSecondSlots`: a client of another gateway that sends `rate` calls per calendar second in a burst and
 *   then waits for the next second, as Huawei counts (fixed windows, aligned on the second). It uses the whole
 *   quota but nothing keeps a call started late in one second from arriving in the next: its 429s are counted.
 */
import type { SlotAnswer, StartSlots } from '../src/bss/start-slots.js';

export class SpacedStartSlots implements StartSlots {
  private readonly last = new Map<string, number>();

  take(key: string, rate: number, windowMs: number): SlotAnswer {
    const now = Date.now();
    const interval = Math.ceil(windowMs / rate);
    const next = (this.last.get(key) ?? -Infinity) + interval;
    if (now < next) return { granted: false, waitMs: next - now };
    this.last.set(key, now);
    return { granted: true, ticket: null };
  }

  settle(): void {
    // Spacing starts needs no answer time.
  }
}

export class FixedSecondSlots implements StartSlots {
  private readonly seconds = new Map<string, { second: number; starts: number }>();

  take(key: string, rate: number): SlotAnswer {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const held = this.seconds.get(key);
    const current = held && held.second === second ? held : { second, starts: 0 };
    if (current.starts >= rate) return { granted: false, waitMs: (second + 1) * 1000 - now };
    current.starts += 1;
    this.seconds.set(key, current);
    return { granted: true, ticket: null };
  }

  settle(): void {
    // A fixed second forgets its starts when it ends.
  }
}

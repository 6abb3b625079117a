/**
 * Where the rate budget books its starts: the sliding-window rule, kept in one place per deployment.
 *
 * The rule: a call on a key may start iff fewer than `rate` calls on that key are in the window — still in
 * flight, or answered within the last `windowMs` (1000 ms plus the guard). A call counts in the window from its
 * start until `windowMs` after its ANSWER came back (`settle`), not after its start. That is what makes the rule
 * hold at the upstream whatever the network does: the upstream counted the call on arrival, which was before it
 * answered, so the next call booked on that place arrives at least `windowMs` after it. Any `rate + 1` calls
 * therefore arrive more than a second apart, and no one-second window of the upstream's (Huawei's are fixed,
 * aligned on the second) holds more than `rate` — while a burst of `rate` calls still starts at once.
 *
 * One process keeps the window in memory (`LocalStartSlots`); replicas behind a load balancer share it through
 * PostgreSQL (src/store/upstream-slots.ts, injected by main.ts as this interface: the client never knows the
 * store). `take` must be atomic per key: of concurrent takers, at most `rate` hold places at once.
 */
import type { Clock } from './time.js';

export type SlotAnswer =
  /** Booked: the call may start now; `ticket` names its place for `settle`. */
  | { readonly granted: true; readonly ticket: unknown }
  /** Full: ask again after `waitMs` (when the earliest place can leave the window). */
  | { readonly granted: false; readonly waitMs: number };

export interface StartSlots {
  /**
   * Books a place on `key` when fewer than `rate` are taken in the window. A place not settled within `holdMs`
   * (a replica that died mid-call) counts as answered then, so it cannot block the key for ever.
   */
  take(key: string, rate: number, windowMs: number, holdMs: number): SlotAnswer | Promise<SlotAnswer>;
  /** The booked call's answer came back (or it failed): its place leaves the window `windowMs` from now. */
  settle(key: string, ticket: unknown): void | Promise<void>;
}

/** Keys are dropped once this many are held and their places have all left the window. */
const PRUNE_AT = 10_000;

/** A place: until settled, the time it is given up for lost; then the time its answer came back. */
interface Place {
  at: number;
}

/** The in-memory sliding window: per key, the places still in it. */
export class LocalStartSlots implements StartSlots {
  private readonly places = new Map<string, Place[]>();
  private lastWindowMs = 0;

  constructor(private readonly clock: Clock) {}

  take(key: string, rate: number, windowMs: number, holdMs: number): SlotAnswer {
    const now = this.clock();
    this.lastWindowMs = windowMs;
    if (this.places.size >= PRUNE_AT) this.prune(now);
    let held = this.places.get(key);
    if (!held) this.places.set(key, (held = []));
    // Places answered a window ago have left it.
    for (let i = held.length - 1; i >= 0; i--) if (held[i]!.at <= now - windowMs) held.splice(i, 1);
    if (held.length < rate) {
      const place: Place = { at: now + holdMs };
      held.push(place);
      return { granted: true, ticket: place };
    }
    // The earliest a place can leave: the oldest answer's window end; a call still in flight answers at `now` at the earliest.
    const earliest = Math.min(...held.map((p) => Math.min(p.at, now)));
    return { granted: false, waitMs: Math.max(1, earliest + windowMs - now) };
  }

  settle(_key: string, ticket: unknown): void {
    const place = ticket as Place;
    place.at = Math.min(place.at, this.clock());
  }

  private prune(now: number): void {
    for (const [key, held] of this.places) if (held.every((p) => p.at + this.lastWindowMs <= now)) this.places.delete(key);
  }
}

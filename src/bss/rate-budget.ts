/**
 * A request budget per API per credential (huawei-auth-and-errors.md §9.4: 10 requests/s counted per
 * source IP, API and account; some APIs document more). Requests QUEUE rather than burst: each key keeps
 * the earliest time its next request may start (GCRA with no burst tolerance, i.e. a leaky bucket), and
 * consecutive starts are at least `ceil(1000 / rate)` ms apart. With that spacing no one-second window,
 * however it is aligned, holds more than `rate` starts; the ceiling keeps float error from letting a
 * (rate+1)-th start slip into the window. A burst budget would be faster for the first few calls but
 * lets two bursts land in one server-side window, which then costs a 429 and a 2–5 s back-off.
 *
 * Every attempt takes budget, retries included, because the gateway counts every request it receives.
 *
 * `guardMs` spaces starts a little wider: any `rate + 1` consecutive starts span at least `1000 + guardMs`
 * ms. Spacing at exactly the quota is only safe if every request reaches the upstream the same time after it
 * starts; one delayed on its way (a slower network path, a stall), then a prompt one, and the upstream's fixed one-second window
 * counts `rate + 1` (a 429, a wasted call and a 2–5 s back-off). The guard absorbs that much relative delay.
 */
import { DEFAULT_RATE_PER_SECOND } from './operations/spec.js';
import { realSleep, systemClock, type Clock, type Sleep } from './time.js';

export interface RateBudgetOptions {
  /** Requests per second per API per credential where nothing more specific applies. Default 10. */
  readonly perSecond?: number;
  /** Per-operation overrides by operation name; they win over the spec's documented `ratePerSecond`. */
  readonly perOperation?: Readonly<Record<string, number>>;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** Told how long a request on `key` queued before it could start (only when it did wait), for metrics. */
  readonly onWait?: (key: string, waitedMs: number) => void;
  /** Extra span, in ms, any `rate + 1` consecutive starts must cover beyond one second (default 0). */
  readonly guardMs?: number;
}

/** Keys with nothing queued are dropped once the table is this big; they hold no information. */
const PRUNE_AT = 10_000;

export class RateBudget {
  private readonly next = new Map<string, number>();
  /** When the last request on each key actually started (after any lag), for `acquire`'s re-check. */
  private readonly lastStart = new Map<string, number>();
  private readonly perSecond: number;
  private readonly perOperation: Readonly<Record<string, number>>;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly onWait: ((key: string, waitedMs: number) => void) | undefined;
  private readonly guardMs: number;

  constructor(options: RateBudgetOptions = {}) {
    this.perSecond = positiveRate(options.perSecond ?? DEFAULT_RATE_PER_SECOND, 'perSecond');
    this.perOperation = options.perOperation ?? {};
    for (const [name, rate] of Object.entries(this.perOperation)) positiveRate(rate, `perOperation.${name}`);
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.onWait = options.onWait;
    this.guardMs = options.guardMs ?? 0;
    if (!(Number.isInteger(this.guardMs) && this.guardMs >= 0)) throw new RangeError('rate budget guardMs must be a whole number of ms, at least 0');
  }

  /** The quota that applies to an operation: configured override, else the spec's documented quota, else the default. */
  rateFor(op: { readonly name: string; readonly ratePerSecond?: number | undefined }): number {
    return this.perOperation[op.name] ?? op.ratePerSecond ?? this.perSecond;
  }

  /** Minimum distance between two starts on one key, in whole milliseconds. */
  static intervalMs(rate: number, guardMs = 0): number {
    return Math.ceil((1000 + guardMs) / rate);
  }

  /**
   * Books the next start slot on `key` and returns its time (ms since the epoch). Pure bookkeeping: the
   * caller waits until then. Slots are handed out in call order, so waiters start in FIFO order.
   */
  reserve(key: string, rate: number): number {
    const now = this.clock();
    if (this.next.size >= PRUNE_AT) this.prune(now);
    const start = Math.max(now, this.next.get(key) ?? now);
    this.next.set(key, start + RateBudget.intervalMs(rate, this.guardMs));
    return start;
  }

  /**
   * Waits for a slot on `key`; resolves with the time the request may really start. Timers can fire late
   * (a busy event loop, a slow CI machine): two waiters whose slots were 100 ms apart could then wake
   * together and start together, a burst the upstream answers with a 429. So a waiter that wakes checks
   * the key's last actual start and waits again until a full interval has passed since it, and pushes
   * later reservations back by the lag. An abort while queued rejects with the signal's reason; the slot
   * stays used (erring on the side of fewer requests, never more).
   */
  async acquire(key: string, rate: number, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) throw signal.reason;
    const interval = RateBudget.intervalMs(rate, this.guardMs);
    const queuedAt = this.clock();
    let slot = this.reserve(key, rate);
    // Only a request that slept for its slot queued. Its start can still be a millisecond or two after its
    // arrival without a sleep (the clock moves while a loaded machine does this bookkeeping): no wait.
    let slept = false;
    for (;;) {
      const wait = slot - this.clock();
      if (wait > 0) {
        slept = true;
        await this.sleep(wait, signal);
      }
      // A timer can fire a millisecond before the wall clock shows its slot (and an injected test clock may not
      // move at all): the request then counts as starting at its slot, never earlier. Taking such an early
      // wake-up as a start in its own right once let it follow a late-started predecessor by 19 ms.
      const now = Math.max(this.clock(), slot);
      const last = this.lastStart.get(key);
      if (last === undefined || now >= last + interval) {
        this.lastStart.set(key, now);
        this.next.set(key, Math.max(this.next.get(key) ?? now, now + interval));
        if (this.onWait && slept) {
          try {
            this.onWait(key, now - queuedAt);
          } catch {
            // A broken metrics hook must not stop a request from starting.
          }
        }
        return now;
      }
      slot = last + interval;
    }
  }

  private prune(now: number): void {
    for (const [key, next] of this.next) {
      if (next <= now) {
        this.next.delete(key);
        this.lastStart.delete(key);
      }
    }
  }
}

function positiveRate(rate: number, name: string): number {
  if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`rate budget ${name} must be a positive number of requests per second`);
  return rate;
}

/**
 * A request budget per API per credential (huawei-auth-and-errors.md §9.4: 10 requests/s counted per
 * source IP, API and account in fixed one-second windows; some APIs document more).
 *
 * Sliding window: a start on a key is admitted iff fewer than `rate` starts on that key happened in the last
 * `1000 + guardMs` ms (src/bss/start-slots.ts). A burst of `rate` calls starts at once, and the quota is used
 * whole, yet any `rate + 1` starts span more than a second, so no upstream window — fixed or sliding, however
 * aligned — ever counts more than `rate`. The window is checked against the starts actually made, at the
 * moment of starting, so a timer that fires late (a busy event loop) only delays a start, never bunches two.
 *
 * Every attempt takes budget, retries included, because the gateway counts every request it receives.
 *
 * `guardMs` is the only headroom, and it protects one thing: network jitter between our start and the
 * upstream's count. The real upstream counts on arrival; a start delayed on its way (a slower path, a stall)
 * followed by a prompt one could otherwise land `rate + 1` in one of its seconds. The guard widens the window
 * by as much relative delay as it absorbs (50 ms by default in the gateway; 0 is exact).
 *
 * Waiting is fair (src/bss/fair-queue.ts): per key, the waiters of different tenants (API keys, the sync)
 * are served round-robin, and a waiter whose request is aborted leaves the line at once. Starts are booked in
 * a `StartSlots`: in memory for one process, or shared by replicas through the store (injected).
 */
import { FairQueue } from './fair-queue.js';
import { DEFAULT_RATE_PER_SECOND } from './operations/spec.js';
import { LocalStartSlots, type SlotAnswer, type StartSlots } from './start-slots.js';
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
  /** Extra width, in ms, of the one-second window (default 0): headroom against arrival jitter. */
  readonly guardMs?: number;
  /** Where starts are booked; default: in this process. Replicas share one through the store. */
  readonly slots?: StartSlots;
  /** Told when the shared slots failed (the budget then books in memory for `fallbackMs`). */
  readonly onSlotsError?: (error: unknown) => void;
  /** How long to book in memory after the shared slots failed, before trying them again. Default 5 s. */
  readonly fallbackMs?: number;
}

/** The tenant of calls that name none (tests, scripts, the readiness probe). */
export const DEFAULT_TENANT = '';

interface Waiter {
  readonly tenant: string;
  readonly queuedAt: number;
  /** The lane's sleeps before this waiter queued: any sleep since (the one in progress included) was its wait. */
  readonly sleepsAtQueue: number;
  readonly resolve: (start: number) => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

interface KeyLane {
  readonly queue: FairQueue<Waiter>;
  rate: number;
  pumping: boolean;
  sleeps: number;
  sleeping: boolean;
}

export class RateBudget {
  private readonly lanes = new Map<string, KeyLane>();
  private readonly perSecond: number;
  private readonly perOperation: Readonly<Record<string, number>>;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly onWait: ((key: string, waitedMs: number) => void) | undefined;
  private readonly guardMs: number;
  private readonly local: LocalStartSlots;
  private readonly shared: StartSlots | undefined;
  private readonly onSlotsError: ((error: unknown) => void) | undefined;
  private readonly fallbackMs: number;
  private sharedDownUntil = 0;

  constructor(options: RateBudgetOptions = {}) {
    this.perSecond = positiveRate(options.perSecond ?? DEFAULT_RATE_PER_SECOND, 'perSecond');
    this.perOperation = options.perOperation ?? {};
    for (const [name, rate] of Object.entries(this.perOperation)) positiveRate(rate, `perOperation.${name}`);
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.onWait = options.onWait;
    this.guardMs = options.guardMs ?? 0;
    if (!(Number.isInteger(this.guardMs) && this.guardMs >= 0)) throw new RangeError('rate budget guardMs must be a whole number of ms, at least 0');
    this.local = new LocalStartSlots(this.clock);
    this.shared = options.slots;
    this.onSlotsError = options.onSlotsError;
    this.fallbackMs = options.fallbackMs ?? 5_000;
  }

  /** The sliding window's width: one second plus the guard. */
  get windowMs(): number {
    return 1000 + this.guardMs;
  }

  /** The quota that applies to an operation: configured override, else the spec's documented quota, else the default. */
  rateFor(op: { readonly name: string; readonly ratePerSecond?: number | undefined }): number {
    return this.perOperation[op.name] ?? op.ratePerSecond ?? this.perSecond;
  }

  /** Minimum distance between two starts spaced evenly at `rate` (the sync's share spaces its calls so). */
  static intervalMs(rate: number, guardMs = 0): number {
    return Math.ceil((1000 + guardMs) / rate);
  }

  /** Waiters queued on `key` now (all tenants). */
  queued(key: string): number {
    return this.lanes.get(key)?.queue.size ?? 0;
  }

  /**
   * Waits for a start on `key`; resolves with the time the request may start. Queued fairly by `tenant`. An
   * abort while queued rejects with the signal's reason and gives the place back at once (nothing was booked).
   */
  acquire(key: string, rate: number, signal?: AbortSignal, tenant: string = DEFAULT_TENANT): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { queue: new FairQueue<Waiter>(), rate, pumping: false, sleeps: 0, sleeping: false }));
    lane.rate = rate;
    const owner = lane;
    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        if (owner.queue.remove(tenant, waiter)) reject(signal!.reason);
      };
      const waiter: Waiter = {
        tenant,
        queuedAt: this.clock(),
        sleepsAtQueue: owner.sleeps - (owner.sleeping ? 1 : 0),
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      owner.queue.push(tenant, waiter);
      if (!owner.pumping) void this.pump(key, owner);
    });
  }

  /** Hands out starts on one key while anyone waits: books a start, gives it to the next waiter in fair order. */
  private async pump(key: string, lane: KeyLane): Promise<void> {
    lane.pumping = true;
    try {
      while (lane.queue.size > 0) {
        const pending = this.take(key, lane.rate);
        const answer = pending instanceof Promise ? await pending : pending;
        if (answer.granted) {
          // Whoever is next now: a waiter that left while the booking was on its way lost nothing.
          const waiter = lane.queue.shift();
          if (waiter) this.start(key, lane, waiter);
          continue;
        }
        lane.sleeps += 1;
        lane.sleeping = true;
        try {
          await this.sleep(answer.waitMs);
        } finally {
          lane.sleeping = false;
        }
      }
    } catch (error) {
      // The sleep itself failed (an injected one): fail the waiters rather than leave them hanging.
      for (let w = lane.queue.shift(); w; w = lane.queue.shift()) {
        w.detach();
        w.reject(error);
      }
    } finally {
      lane.pumping = false;
      if (lane.queue.size === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
    }
  }

  private take(key: string, quota: number): SlotAnswer | Promise<SlotAnswer> {
    // A whole number of starts per window: 12.5/s admits 12 a second; below 1/s, one per 1/rate seconds.
    const rate = quota >= 1 ? Math.floor(quota) : 1;
    const windowMs = quota >= 1 ? this.windowMs : Math.ceil(this.windowMs / quota);
    if (!this.shared || this.clock() < this.sharedDownUntil) return this.local.take(key, rate, windowMs);
    const shared = this.shared;
    const fallBack = (error: unknown): SlotAnswer => {
      // The shared store is unreachable: keep serving on this process's own window rather than stop every
      // upstream call (replicas may then overlap until it is back; their retries absorb a 429).
      this.sharedDownUntil = this.clock() + this.fallbackMs;
      try {
        this.onSlotsError?.(error);
      } catch {
        // A broken hook must not stop the budget.
      }
      return this.local.take(key, rate, windowMs);
    };
    try {
      const answer = shared.take(key, rate, windowMs);
      return answer instanceof Promise ? answer.catch(fallBack) : answer;
    } catch (error) {
      return fallBack(error);
    }
  }

  private start(key: string, lane: KeyLane, waiter: Waiter): void {
    waiter.detach();
    const now = this.clock();
    if (this.onWait && lane.sleeps > waiter.sleepsAtQueue) {
      try {
        this.onWait(key, now - waiter.queuedAt);
      } catch {
        // A broken metrics hook must not stop a request from starting.
      }
    }
    waiter.resolve(now);
  }
}

function positiveRate(rate: number, name: string): number {
  if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`rate budget ${name} must be a positive number of requests per second`);
  return rate;
}

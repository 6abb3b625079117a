/**
 * A request budget per API per credential (huawei-auth-and-errors.md §9.4: 10 requests/s counted per
 * source IP, API and account in fixed one-second windows; some APIs document more).
 *
 * Sliding window: a call on a key may start iff fewer than `rate` calls on that key are in flight or were
 * answered in the last `1000 + guardMs` ms (src/bss/start-slots.ts). A burst of `rate` calls starts at once and
 * the quota is used whole, yet any `rate + 1` calls ARRIVE more than a second apart — each place is held until a
 * window after its answer, and the upstream counted the call before it answered — so no upstream window, fixed
 * or sliding, however aligned, counts more than `rate`, whatever delays the network or a busy machine add. The
 * window is checked against the places actually held, at the moment of starting, so a timer that fires late only
 * delays a start, never bunches two.
 *
 * Every attempt takes budget, retries included, because the gateway counts every request it receives. The
 * caller settles its slot when the attempt's answer (or failure) is in: `BudgetSlot.settle`.
 *
 * `guardMs` widens the window. Arrival jitter needs no guard any more (the window runs from the answer); it is
 * left for the one case the answer does not bound: a call that timed out here may still reach the upstream
 * later (a request stuck in a proxy). 50 ms by default in the gateway; 0 is the exact quota.
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
  /** A place never settled (a replica that died mid-call) counts as answered this long after its start. Default 60 s. */
  readonly holdMs?: number;
}

/** A start given by the budget: when, and how to say the call's answer is in. */
export interface BudgetSlot {
  readonly startedAt: number;
  /** The attempt's answer came back, or it failed: its place leaves the window a window from now. Idempotent. */
  settle(): void;
}

/** The tenant of calls that name none (tests, scripts, the readiness probe). */
export const DEFAULT_TENANT = '';

interface Waiter {
  readonly tenant: string;
  readonly queuedAt: number;
  /** The lane's sleeps before this waiter queued: any sleep since (the one in progress included) was its wait. */
  readonly sleepsAtQueue: number;
  readonly resolve: (slot: BudgetSlot) => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

/** A booking as the pump sees it: granted with its settle, or the wait. */
type Booking = { readonly granted: true; readonly settle: () => void } | { readonly granted: false; readonly waitMs: number };

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
  private readonly holdMs: number;

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
    this.holdMs = options.holdMs ?? 60_000;
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
   * Waits for a start on `key` and gives the place of the call that starts now and is answered at once (no
   * network in between: the sync's share limiter, tests). Resolves with the start time.
   */
  async acquireStart(key: string, rate: number, signal?: AbortSignal, tenant: string = DEFAULT_TENANT): Promise<number> {
    const slot = await this.acquire(key, rate, signal, tenant);
    slot.settle();
    return slot.startedAt;
  }

  /**
   * Waits for a start on `key`; resolves with the slot: when the request may start, and `settle` for when its
   * answer is in. Queued fairly by `tenant`. An abort while queued rejects with the signal's reason and gives the
   * place back at once (nothing was booked).
   */
  acquire(key: string, rate: number, signal?: AbortSignal, tenant: string = DEFAULT_TENANT): Promise<BudgetSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { queue: new FairQueue<Waiter>(), rate, pumping: false, sleeps: 0, sleeping: false }));
    lane.rate = rate;
    const owner = lane;
    return new Promise<BudgetSlot>((resolve, reject) => {
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
          // Whoever is next now: a waiter that left while the booking was on its way lost nothing (the place
          // is settled unused, and leaves the window as a call answered at once would).
          const waiter = lane.queue.shift();
          if (waiter) this.start(key, lane, waiter, answer.settle);
          else answer.settle();
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

  private take(key: string, quota: number): Booking | Promise<Booking> {
    // A whole number of starts per window: 12.5/s admits 12 a second; below 1/s, one per 1/rate seconds.
    const rate = quota >= 1 ? Math.floor(quota) : 1;
    const windowMs = quota >= 1 ? this.windowMs : Math.ceil(this.windowMs / quota);
    const holdMs = this.holdMs;
    const from = (slots: StartSlots, answer: SlotAnswer): Booking =>
      answer.granted ? { granted: true, settle: this.settler(slots, key, answer.ticket) } : answer;
    if (!this.shared || this.clock() < this.sharedDownUntil) return from(this.local, this.local.take(key, rate, windowMs, holdMs));
    const shared = this.shared;
    const fallBack = (error: unknown): Booking => {
      // The shared store is unreachable: keep serving on this process's own window rather than stop every
      // upstream call (replicas may then overlap until it is back; their retries absorb a 429).
      this.sharedDownUntil = this.clock() + this.fallbackMs;
      try {
        this.onSlotsError?.(error);
      } catch {
        // A broken hook must not stop the budget.
      }
      return from(this.local, this.local.take(key, rate, windowMs, holdMs));
    };
    try {
      const answer = shared.take(key, rate, windowMs, holdMs);
      return answer instanceof Promise ? answer.then((a) => from(shared, a), fallBack) : from(shared, answer);
    } catch (error) {
      return fallBack(error);
    }
  }

  /** Settles a place once, with the slots that booked it; a failure is reported, never thrown at the caller. */
  private settler(slots: StartSlots, key: string, ticket: unknown): () => void {
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      const report = (error: unknown): void => {
        try {
          this.onSlotsError?.(error);
        } catch {
          // A broken hook must not stop the budget.
        }
      };
      try {
        const done = slots.settle(key, ticket);
        // Unsettled, the place still leaves the window `holdMs` after its start.
        if (done instanceof Promise) done.catch(report);
      } catch (error) {
        report(error);
      }
    };
  }

  private start(key: string, lane: KeyLane, waiter: Waiter, settle: () => void): void {
    waiter.detach();
    const now = this.clock();
    if (this.onWait && lane.sleeps > waiter.sleepsAtQueue) {
      try {
        this.onWait(key, now - waiter.queuedAt);
      } catch {
        // A broken metrics hook must not stop a request from starting.
      }
    }
    waiter.resolve({ startedAt: now, settle });
  }
}

function positiveRate(rate: number, name: string): number {
  if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`rate budget ${name} must be a positive number of requests per second`);
  return rate;
}

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
 *
 * Background calls (`acquire`'s `backgroundUntil`: a cache's stale-while-revalidate refresh, whose stale answer
 * was served already, so nobody waits for it) come after every interactive caller, and may fill the window only
 * up to `rate` minus a reserve (2 places of 10): under a flood that keeps every hot entry refreshing, a caller
 * whose miss reads upstream would otherwise find the window full of refreshes and wait up to a second for a place
 * (bench/LOAD.md, "A single customer while another key floods": 3 probes of 20 waited 57–302 ms). A background
 * call still starts within a bound: after `backgroundMaxDelayMs` queued it is served like an interactive call
 * (fairly, at the full rate), and it becomes one at once when someone starts waiting for its answer (the signal
 * fires). An interactive caller arriving while the line holds only background calls wakes the line at once.
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
  /**
   * Places of each window kept from background calls, as a fraction of the rate, rounded up (0: none kept, only
   * the order). Background calls always keep one place: at 1/s they may still take the one there is. Default
   * 0.2: 2 of 10.
   */
  readonly backgroundReserve?: number;
  /** A background call queued this long is served like an interactive one (its bounded delay). Default 2 s. */
  readonly backgroundMaxDelayMs?: number;
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
  /** Still background work: served after interactive waiters, within the reserve, until promoted. */
  background: boolean;
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
  /** Interactive waiters (and promoted background ones), fair between tenants. */
  readonly queue: FairQueue<Waiter>;
  /** Background waiters, oldest first. */
  readonly later: Waiter[];
  rate: number;
  pumping: boolean;
  sleeps: number;
  sleeping: boolean;
  /** Set while the pump sleeps for the reserve with only background waiters: an interactive arrival aborts it. */
  wake: AbortController | undefined;
}

/** The reason a pump's background sleep is cut short: an interactive waiter arrived. */
const WOKEN = Symbol('woken by an interactive waiter');

/** Default `backgroundReserve` and `backgroundMaxDelayMs`. */
export const DEFAULT_BACKGROUND_RESERVE = 0.2;
export const DEFAULT_BACKGROUND_MAX_DELAY_MS = 2_000;

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
  private readonly backgroundReserve: number;
  private readonly backgroundMaxDelayMs: number;

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
    this.backgroundReserve = options.backgroundReserve ?? DEFAULT_BACKGROUND_RESERVE;
    if (!(Number.isFinite(this.backgroundReserve) && this.backgroundReserve >= 0 && this.backgroundReserve < 1)) throw new RangeError('rate budget backgroundReserve must be a fraction in [0, 1)');
    this.backgroundMaxDelayMs = options.backgroundMaxDelayMs ?? DEFAULT_BACKGROUND_MAX_DELAY_MS;
    if (!(Number.isFinite(this.backgroundMaxDelayMs) && this.backgroundMaxDelayMs >= 0)) throw new RangeError('rate budget backgroundMaxDelayMs must be a number of ms, at least 0');
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

  /** Waiters queued on `key` now (all tenants, background ones included). */
  queued(key: string): number {
    const lane = this.lanes.get(key);
    return lane ? lane.queue.size + lane.later.length : 0;
  }

  /** Places of a window background calls may fill at `rate` whole places: all but the reserve, at least one. */
  backgroundPlaces(rate: number): number {
    return Math.max(1, rate - Math.ceil(rate * this.backgroundReserve));
  }

  /**
   * Waits for a start on `key` and gives the place of the call that starts now and is answered at once (no
   * network in between: the sync's share limiter, tests). Resolves with the start time.
   */
  async acquireStart(key: string, rate: number, signal?: AbortSignal, tenant: string = DEFAULT_TENANT, backgroundUntil?: AbortSignal): Promise<number> {
    const slot = await this.acquire(key, rate, signal, tenant, backgroundUntil);
    slot.settle();
    return slot.startedAt;
  }

  /**
   * Waits for a start on `key`; resolves with the slot: when the request may start, and `settle` for when its
   * answer is in. Queued fairly by `tenant`. An abort while queued rejects with the signal's reason and gives the
   * place back at once (nothing was booked).
   *
   * With `backgroundUntil`, the call is background work until that signal fires (someone now waits for its
   * answer): it is served after every interactive waiter and only within the window's background places, for at
   * most `backgroundMaxDelayMs`; then, or once the signal fires, it queues as an interactive call of its tenant.
   */
  acquire(key: string, rate: number, signal?: AbortSignal, tenant: string = DEFAULT_TENANT, backgroundUntil?: AbortSignal): Promise<BudgetSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { queue: new FairQueue<Waiter>(), later: [], rate, pumping: false, sleeps: 0, sleeping: false, wake: undefined }));
    lane.rate = rate;
    const owner = lane;
    return new Promise<BudgetSlot>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.leave(owner, waiter)) reject(signal!.reason);
      };
      const onUrgent = (): void => this.promote(owner, waiter);
      const background = backgroundUntil !== undefined && !backgroundUntil.aborted;
      const waiter: Waiter = {
        tenant,
        background,
        queuedAt: this.clock(),
        sleepsAtQueue: owner.sleeps - (owner.sleeping ? 1 : 0),
        resolve,
        reject,
        detach: () => {
          signal?.removeEventListener('abort', onAbort);
          if (background) backgroundUntil.removeEventListener('abort', onUrgent);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (background) {
        backgroundUntil.addEventListener('abort', onUrgent, { once: true });
        owner.later.push(waiter);
      } else {
        owner.queue.push(tenant, waiter);
        owner.wake?.abort(WOKEN);
      }
      if (!owner.pumping) void this.pump(key, owner);
    });
  }

  /** Takes a waiter out of whichever line holds it; false when it was no longer queued. */
  private leave(lane: KeyLane, waiter: Waiter): boolean {
    if (!waiter.background) return lane.queue.remove(waiter.tenant, waiter);
    const at = lane.later.indexOf(waiter);
    if (at < 0) return false;
    lane.later.splice(at, 1);
    return true;
  }

  /** A background waiter becomes interactive (someone waits for it, or it waited its bound): it joins the fair line. */
  private promote(lane: KeyLane, waiter: Waiter): void {
    if (!waiter.background || !this.leave(lane, waiter)) return;
    waiter.background = false;
    lane.queue.pushFront(waiter.tenant, waiter);
    lane.wake?.abort(WOKEN);
  }

  /** Hands out starts on one key while anyone waits: books a start, gives it to the next waiter in fair order. */
  private async pump(key: string, lane: KeyLane): Promise<void> {
    lane.pumping = true;
    try {
      while (lane.queue.size + lane.later.length > 0) {
        // Background waiters past their bound queue as interactive ones from now on.
        const now = this.clock();
        while (lane.later.length > 0 && now - lane.later[0]!.queuedAt >= this.backgroundMaxDelayMs) this.promote(lane, lane.later[0]!);
        const background = lane.queue.size === 0;
        const pending = this.take(key, lane.rate, background);
        const answer = pending instanceof Promise ? await pending : pending;
        if (answer.granted) {
          // Whoever is next now, interactive first: a waiter that left while the booking was on its way lost
          // nothing (the place is settled unused, and leaves the window as a call answered at once would).
          const waiter = lane.queue.shift() ?? lane.later.shift();
          if (waiter) this.start(key, lane, waiter, answer.settle);
          else answer.settle();
          continue;
        }
        // An interactive caller arrived while a background booking was being asked (shared slots): ask for it.
        if (background && lane.queue.size > 0) continue;
        lane.sleeps += 1;
        lane.sleeping = true;
        try {
          if (!background) {
            await this.sleep(answer.waitMs);
          } else {
            // Only background waiters: sleep until a place within the reserve frees or the oldest reaches its
            // bound, and wake at once for an interactive arrival (which may start now on a reserved place).
            const wake = (lane.wake = new AbortController());
            const untilBound = lane.later[0]!.queuedAt + this.backgroundMaxDelayMs - now;
            try {
              await this.sleep(Math.max(1, Math.min(answer.waitMs, untilBound)), wake.signal);
            } catch (error) {
              if (!(wake.signal.aborted && wake.signal.reason === WOKEN)) throw error;
            } finally {
              lane.wake = undefined;
            }
          }
        } finally {
          lane.sleeping = false;
        }
      }
    } catch (error) {
      // The sleep itself failed (an injected one): fail the waiters rather than leave them hanging.
      for (let w = lane.queue.shift() ?? lane.later.shift(); w; w = lane.queue.shift() ?? lane.later.shift()) {
        w.detach();
        w.reject(error);
      }
    } finally {
      lane.pumping = false;
      if (lane.queue.size + lane.later.length === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
    }
  }

  private take(key: string, quota: number, background: boolean): Booking | Promise<Booking> {
    // A whole number of starts per window: 12.5/s admits 12 a second; below 1/s, one per 1/rate seconds.
    const whole = quota >= 1 ? Math.floor(quota) : 1;
    // Background calls may fill the window only up to the reserve: the places left are for interactive callers.
    const rate = background ? this.backgroundPlaces(whole) : whole;
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

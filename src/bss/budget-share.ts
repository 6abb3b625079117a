/**
 * A share of each API's budget for one kind of work (the background consumption sync): a limiter in front of
 * the shared per-API RateBudget, for that work's calls only. Its calls pass here first, then queue in the
 * shared budget like every other call, so the shared budget still bounds the total.
 *
 * Two rules, per budget key (credential × operation):
 * - consecutive starts of the share's calls are at least `ceil((1000 + guard) / (share × rate))` ms apart, so
 *   no one-second window holds more than `share × rate` of them (the RateBudget argument, at the lower rate);
 * - at most ONE of the share's calls waits in the shared budget at a time: the next enters only after the
 *   previous has started. The share therefore never holds more than one queued slot per API, and an
 *   interactive call arriving behind it waits at most one slot longer than it would without the sync.
 * Spacing is measured between actual starts (after the shared budget let the call go), so a call held up in
 * the shared queue cannot be followed closely by the next one: the share's starts stay ≤ share × rate in
 * every window, whatever the interactive load.
 *
 * Every attempt passes, retries included, as in the shared budget.
 */
import { RateBudget } from './rate-budget.js';
import { realSleep, systemClock, type Clock, type Sleep } from './time.js';

export interface BudgetShareOptions {
  /** Fraction of each API's quota, in (0, 1]. */
  readonly share: number;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** The shared budget's guard (src/bss/rate-budget.ts), applied to the share's spacing too. */
  readonly guardMs?: number;
}

/** Called once the call started (its start time) or gave up (undefined): lets the next call of the share in. */
export type LeaveShare = (startedAt: number | undefined) => void;

export class BudgetShare {
  readonly share: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly guardMs: number;
  /** Per key: the promise the next entrant waits for (the previous entrant's start). */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();

  constructor(options: BudgetShareOptions) {
    if (!(Number.isFinite(options.share) && options.share > 0 && options.share <= 1)) throw new RangeError('a budget share must be a fraction in (0, 1]');
    this.share = options.share;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.guardMs = options.guardMs ?? 0;
  }

  /** Minimum distance between two of the share's starts on a key whose quota is `rate`. */
  intervalMs(rate: number): number {
    return RateBudget.intervalMs(rate * this.share, this.guardMs);
  }

  /**
   * Waits for the share's turn on `key` (FIFO among the share's calls) and its spacing; resolves with the
   * function to call once the call started in the shared budget (or failed to). An abort while waiting
   * rejects with the signal's reason and passes the turn on.
   */
  async enter(key: string, rate: number, signal?: AbortSignal): Promise<LeaveShare> {
    if (signal?.aborted) throw signal.reason;
    const previous = this.tails.get(key) ?? Promise.resolve();
    let pass!: () => void;
    const mine = new Promise<void>((resolve) => (pass = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    let left = false;
    const leave: LeaveShare = (startedAt) => {
      if (left) return;
      left = true;
      if (startedAt !== undefined) this.lastStart.set(key, Math.max(this.lastStart.get(key) ?? startedAt, startedAt));
      pass();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    try {
      await abortable(previous, signal);
      const interval = this.intervalMs(rate);
      for (;;) {
        const last = this.lastStart.get(key);
        const wait = last === undefined ? 0 : last + interval - this.clock();
        if (wait <= 0) break;
        await this.sleep(wait, signal);
      }
      return leave;
    } catch (error) {
      // Our turn is passed on only after the previous entrant's, so the FIFO order and spacing hold.
      void previous.then(() => leave(undefined));
      throw error;
    }
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}

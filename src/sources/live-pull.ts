/**
 * A partner-wide pull as one growing, ordered list of records that several readers share while it is still
 * arriving: the records connection streams from it (so graphql-js executes each record as its page lands,
 * not all ~200k after the last one), the totals and breakdowns fold it as it grows, and `done` gives the
 * whole list at the end. One pull per view and request (src/loaders/bill-loaders.ts `consumptionPull`).
 *
 * Order is stable, whatever the concurrent workers' timing: customer by customer in the pull's order
 * (`customerIndex`), each customer's records cycle by cycle in upstream order. The head customer's pages are
 * appended as they arrive; a later customer's wait here until every customer before it is complete (at most
 * one in-flight customer per worker, so the wait is bounded by the pull's concurrency).
 */
import { customerKey, type CustomerShape } from './customers.js';
import type { ConsumptionContext, ConsumptionRecordShape } from './consumption-records.js';
import { pullConsumption, type PulledPage, type PullRequest } from './consumption-pull.js';

/** A whole pull in its stable order. */
export interface PulledConsumption {
  readonly records: readonly ConsumptionRecordShape[];
  /** The listed customers that yielded pages, by `customerKey` (unlisted ones carry no more than their id). */
  readonly customers: ReadonlyMap<string, CustomerShape>;
}

/** Records a reader takes before the event loop gets a turn (see `iterate`). */
const YIELD_EVERY = 100;

/** Resolves after the event loop's next turn (timers and I/O included). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type RecordsListener = (appended: readonly ConsumptionRecordShape[]) => void;
type CustomerListener = (customer: CustomerShape) => void;

export class LivePull {
  private readonly list: ConsumptionRecordShape[] = [];
  private readonly listed = new Map<string, CustomerShape>();
  private readonly recordListeners: RecordsListener[] = [];
  private readonly customerListeners: CustomerListener[] = [];
  private waiting: (() => void)[] = [];
  private failure: { error: unknown } | null = null;
  private finished = false;
  /** The whole pull, once complete; rejects with the first upstream failure. */
  readonly done: Promise<PulledConsumption>;

  constructor(ctx: ConsumptionContext, req: PullRequest) {
    this.done = this.run(pullConsumption(ctx, req));
    // Readers see the failure through `done` or their iteration; never an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Records so far, in final order (the array grows; never reordered). */
  get records(): readonly ConsumptionRecordShape[] {
    return this.list;
  }

  /**
   * Calls `listener` with every record so far, then with each batch as it is appended (synchronously, in
   * order, before any reader sees the batch). For folds that should run while the pull is under way.
   */
  onRecords(listener: RecordsListener): void {
    if (this.list.length > 0) listener(this.list);
    this.recordListeners.push(listener);
  }

  /** Calls `listener` with every listed customer so far, then each one before its first record is appended. */
  onCustomer(listener: CustomerListener): void {
    for (const c of this.listed.values()) listener(c);
    this.customerListeners.push(listener);
  }

  /**
   * Records [start, end) as they become available; throws the pull's failure when it reaches it. Every
   * `YIELD_EVERY` records it lets the event loop turn: a reader such as graphql-js completes items in one
   * chain of microtasks, which would otherwise hold timers back for a whole page of 1000 records, and a late
   * timer is a rate-budget slot started late (src/bss/rate-budget.ts never catches up), i.e. pull time lost.
   */
  async *iterate(start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<ConsumptionRecordShape> {
    let sinceTurn = 0;
    for (let i = start; i < end; ) {
      if (i < this.list.length) {
        if (++sinceTurn >= YIELD_EVERY) {
          sinceTurn = 0;
          await turn();
        }
        yield this.list[i++]!;
        continue;
      }
      sinceTurn = 0;
      if (this.failure) throw this.failure.error;
      if (this.finished) return;
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  private async run(pages: AsyncGenerator<PulledPage>): Promise<PulledConsumption> {
    // Pages of customers after the head, waiting for it: by customer index.
    const ahead = new Map<number, PulledPage[]>();
    let head = 0;
    try {
      for await (const page of pages) {
        if (page.customerIndex !== head) {
          let waitingPages = ahead.get(page.customerIndex);
          if (!waitingPages) ahead.set(page.customerIndex, (waitingPages = []));
          waitingPages.push(page);
          continue;
        }
        this.append(page);
        if (!page.last) continue;
        // The head is complete: release the customers behind it that already arrived, whole or in part.
        for (head++; ahead.has(head); ) {
          const held = ahead.get(head)!;
          ahead.delete(head);
          for (const p of held) this.append(p);
          if (!held[held.length - 1]!.last) break;
          head++;
        }
      }
    } catch (error) {
      this.failure = { error };
      this.wake();
      throw error;
    }
    // Every customer's pages end with a `last` one, so nothing is left waiting; should one not, its records
    // still count, in customer order, rather than vanish.
    for (const index of [...ahead.keys()].sort((a, b) => a - b)) for (const p of ahead.get(index)!) this.append(p);
    this.finished = true;
    this.wake();
    return { records: this.list, customers: this.listed };
  }

  private append(page: PulledPage): void {
    if (page.listed && !this.listed.has(customerKey(page.customer))) {
      this.listed.set(customerKey(page.customer), page.customer);
      for (const listener of this.customerListeners) listener(page.customer);
    }
    if (page.records.length === 0) return;
    // Not push(...records): a cached customer-cycle may come as one chunk of many thousands.
    for (const r of page.records) this.list.push(r);
    for (const listener of this.recordListeners) listener(page.records);
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}

/** A whole pull gathered in its stable order (the live pull, awaited). */
export function collectConsumption(ctx: ConsumptionContext, req: PullRequest): Promise<PulledConsumption> {
  return new LivePull(ctx, req).done;
}

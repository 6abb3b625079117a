/**
 * A whole-month (or multi-month) pull of consumption records across many customers: the engine behind
 * `Partner.consumption` / `IndirectPartner.consumption` and the FOCUS export (src/export/).
 *
 * Upstream: the customers of each scope (ListSubCustomers §2.2, pages of 100, one walk per scope), then
 * each customer's records per cycle (ListSubCustomerBillDetail §4.2, pages of 1000, `indirect_partner_id`
 * set for a reseller's customer). Customers are pulled concurrently; the BSS client's per-API rate budget,
 * not this module, sets the pace, so the upstream quota is the only limit and no 429 reaches the caller.
 *
 * Records are yielded one upstream page at a time, as they arrive; at most `bufferPages` pages wait for the
 * consumer (the workers pause beyond that), so an export of a month never holds the month in memory.
 */
import { ListSubCustomers } from '../bss/operations/partners/index.js';
import { fetchAllIndirectPartners } from './indirect-partner.js';
import { toCustomerShape, type CustomerShape } from './customer.js';
import {
  consumptionPages, type ConsumptionContext, type ConsumptionQuery, type ConsumptionRecordShape,
} from './consumption.js';
import type { Scope } from './partner.js';

export interface PullRequest {
  /** `YYYY-MM` cycles, in the order their records should come per customer. */
  readonly cycles: readonly string[];
  /** `'all'`: the partner's own customers and every reseller's; null: the partner's own; an id: that reseller's. */
  readonly scope: 'all' | Scope;
  /** Only these customers (still within the scope); absent: every customer of the scope. */
  readonly customerIds?: readonly string[] | null;
  /** Customers pulled at once (default 8; the rate budget still spaces the calls). */
  readonly concurrency?: number;
  /** Pages that may wait for the consumer before the workers pause (default 16). */
  readonly bufferPages?: number;
  readonly signal?: AbortSignal;
}

/** One upstream page of one customer's records in one cycle. */
export interface PulledPage {
  readonly customer: CustomerShape;
  readonly cycle: string;
  readonly records: readonly ConsumptionRecordShape[];
}

/** The customers of one scope, page by page (ListSubCustomers, 100 a page). */
async function* customersOfScope(ctx: ConsumptionContext, scope: Scope, signal?: AbortSignal): AsyncGenerator<CustomerShape> {
  const body = { indirect_partner_id: scope ?? undefined, offset: 0, limit: ListSubCustomers.page!.maxLimit };
  for await (const page of ctx.bss.pages(ListSubCustomers, { body }, { signal })) {
    for (const c of page.items) yield toCustomerShape(c, scope);
  }
}

/** The scopes a request covers: `'all'` → the partner's own plus every reseller (ListIndirectPartners). */
async function scopesOf(ctx: ConsumptionContext, scope: 'all' | Scope): Promise<Scope[]> {
  if (scope !== 'all') return [scope];
  const resellers = await fetchAllIndirectPartners(ctx);
  return [null, ...resellers.map((r) => r.indirectPartnerId)];
}

async function* targetsOf(ctx: ConsumptionContext, req: PullRequest): AsyncGenerator<CustomerShape> {
  const only = req.customerIds ? new Set(req.customerIds) : null;
  for (const scope of await scopesOf(ctx, req.scope)) {
    for await (const c of customersOfScope(ctx, scope, req.signal)) {
      if (!only || only.has(c.customerId)) yield c;
    }
  }
}

/** A bounded hand-over between the workers and the consumer. */
class PageChannel {
  private readonly queue: PulledPage[] = [];
  private waitingConsumer: (() => void) | null = null;
  private readonly waitingProducers: (() => void)[] = [];
  private failure: { error: unknown } | null = null;
  private done = false;

  constructor(private readonly capacity: number) {}

  async put(page: PulledPage): Promise<void> {
    while (this.queue.length >= this.capacity && !this.done) await new Promise<void>((r) => this.waitingProducers.push(r));
    if (this.done) return;
    this.queue.push(page);
    this.wakeConsumer();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.wakeConsumer();
  }

  close(): void {
    this.done = true;
    this.wakeConsumer();
    for (const wake of this.waitingProducers.splice(0)) wake();
  }

  /** The next page; null when closed and drained. Throws the first worker failure. */
  async take(): Promise<PulledPage | null> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const page = this.queue.shift();
      if (page) {
        this.waitingProducers.shift()?.();
        return page;
      }
      if (this.done) return null;
      await new Promise<void>((r) => (this.waitingConsumer = r));
    }
  }

  get closed(): boolean {
    return this.done;
  }

  private wakeConsumer(): void {
    const wake = this.waitingConsumer;
    this.waitingConsumer = null;
    wake?.();
  }
}

/**
 * Every record of the request, one upstream page at a time. Order: customers in scope order (the partner's
 * own, then each reseller's), interleaved across the concurrent workers; within a customer, cycle by cycle.
 * The first upstream failure ends the iteration by throwing it (after the pages already yielded).
 */
export async function* pullConsumption(ctx: ConsumptionContext, req: PullRequest): AsyncGenerator<PulledPage> {
  const channel = new PageChannel(req.bufferPages ?? 16);
  const targets = targetsOf(ctx, req);
  let nextTarget: Promise<IteratorResult<CustomerShape>> = Promise.resolve({ done: false, value: undefined as never });
  // Workers share one target iterator; each `next` is chained so two workers never call it at once.
  const takeTarget = (): Promise<IteratorResult<CustomerShape>> => (nextTarget = nextTarget.then(() => targets.next()));

  const worker = async (): Promise<void> => {
    for (;;) {
      if (channel.closed) return;
      const next = await takeTarget();
      if (next.done) return;
      const customer = next.value;
      for (const cycle of req.cycles) {
        const q: ConsumptionQuery = { customerId: customer.customerId, indirectPartnerId: customer.indirectPartnerId, cycle };
        for await (const records of consumptionPages(ctx, q, req.signal)) {
          if (channel.closed) return;
          await channel.put({ customer, cycle, records });
        }
      }
    }
  };

  const workers = Array.from({ length: Math.max(1, req.concurrency ?? 8) }, () =>
    worker().catch((error: unknown) => channel.fail(error)),
  );
  void Promise.all(workers).then(() => channel.close());

  try {
    for (;;) {
      const page = await channel.take();
      if (!page) return;
      yield page;
    }
  } finally {
    // The consumer stopped (done, failed or abandoned): release the workers.
    channel.close();
    void targets.return(undefined);
  }
}

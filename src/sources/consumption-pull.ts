/**
 * A whole-month (or multi-month) pull of consumption records across many customers: the engine behind
 * `Partner.consumption` / `IndirectPartner.consumption` and the FOCUS export (src/export/).
 *
 * Upstream, the fewest calls the API allows (formula: `consumptionPullCallBound`, docs/cost/bills.md):
 * - the scopes: `'all'` lists the resellers (ListIndirectPartners §1.1, pages of 100);
 * - for the partner's own scope, the customers that consumed in each cycle (ListConsumeSubCustomers §4.3,
 *   pages of 100): they are the own scope's targets, so an own customer without consumption in a cycle costs
 *   nothing for that cycle, where asking 4.2 would cost one empty call, and a former customer that still has
 *   records in the cycle is not missed. 4.3 gives ids only: the own customers are listed too (ListSubCustomers
 *   §2.2, pages of 100) only when the caller needs their names (`listOwnCustomers`, the export's SubAccountName);
 * - each reseller's customers (ListSubCustomers with `indirect_partner_id`): 4.3 takes no `indirect_partner_id`,
 *   so a reseller's customers are each asked;
 * - each customer's records per cycle (ListSubCustomerBillDetail §4.2, pages of 1000, `indirect_partner_id`
 *   set for a reseller's customer), through the bill cache when the gateway has one (closed cycles: free).
 * Customers are pulled concurrently; the BSS client's per-API rate budget, not this module, sets the pace, so
 * the upstream quota is the only limit and no 429 reaches the caller (the client retries it).
 *
 * Records are yielded one upstream page at a time, as they arrive; at most `bufferPages` pages wait for the
 * consumer (the workers pause beyond that), so an export of a month never holds the month in memory.
 */
import { ListConsumeSubCustomers } from '../bss/operations/bills/index.js';
import { ListSubCustomers } from '../bss/operations/partners/index.js';
import { fetchAllIndirectPartners } from './indirect-partners.js';
import { customersOfScope, fetchAllCustomersOfScope, type CustomerShape } from './customers.js';
import {
  CONSUMPTION_PAGE_MAX, consumptionPages,
  type ConsumptionContext, type ConsumptionQuery, type ConsumptionRecordShape,
} from './consumption-records.js';
import type { Scope } from './wire.js';

export interface PullRequest {
  /** `YYYY-MM` cycles, in the order their records should come per customer. */
  readonly cycles: readonly string[];
  /** `'all'`: the partner's own customers and every reseller's; null: the partner's own; an id: that reseller's. */
  readonly scope: 'all' | Scope;
  /** Only these customers (still within the scope); absent: every customer of the scope. */
  readonly customerIds?: readonly string[] | null;
  /**
   * List the partner's own customers (ListSubCustomers) for their names, besides ListConsumeSubCustomers
   * (default true). False: an own customer's page carries only its id (`listed: false`), two calls fewer per
   * 200 own customers; GraphQL views list them on their own only when a query reaches customer fields.
   */
  readonly listOwnCustomers?: boolean;
  /** Customers pulled at once (default 8; the rate budget still spaces the calls). */
  readonly concurrency?: number;
  /** Pages that may wait for the consumer before the workers pause (default 16). */
  readonly bufferPages?: number;
  /**
   * Read and fill the bill cache (default true, when the context has one). A cached customer-cycle comes
   * whole, in pages of ≤ 1000; an uncached one is gathered while it streams, to be stored at its end.
   */
  readonly cache?: boolean;
  readonly signal?: AbortSignal;
}

/** One upstream page (or cached chunk of ≤ 1000) of one customer's records in one cycle. */
export interface PulledPage {
  readonly customer: CustomerShape;
  /**
   * Whether `customer` is the customer as ListSubCustomers lists it; false: only its id is known (an own
   * customer when `listOwnCustomers` is false, or a former customer 4.3 still reports), other fields empty.
   */
  readonly listed: boolean;
  /**
   * The customer's place in the pull's order, 0, 1, 2, … without gaps: own customers first (in the order 4.3
   * lists them, cycle by cycle), then each reseller's (in listing order). A stable sort key.
   */
  readonly customerIndex: number;
  readonly cycle: string;
  readonly records: readonly ConsumptionRecordShape[];
  /** The customer's last page of the pull (every cycle read): its records are complete. */
  readonly last: boolean;
}

interface Target {
  readonly customer: CustomerShape;
  readonly listed: boolean;
  readonly index: number;
  /** The cycles to read for this customer (an own customer: only those it consumed in). */
  readonly cycles: readonly string[];
}

/** The scopes a request covers: `'all'` → the partner's own plus every reseller (ListIndirectPartners). */
async function scopesOf(ctx: ConsumptionContext, scope: 'all' | Scope): Promise<Scope[]> {
  if (scope !== 'all') return [scope];
  const resellers = await fetchAllIndirectPartners(ctx);
  return [null, ...resellers.map((r) => r.indirectPartnerId)];
}

/** The partner's own customers that consumed in a cycle (ListConsumeSubCustomers, 100 a page; cached like bills). */
export async function ownConsumers(ctx: ConsumptionContext, cycle: string, useCache = true, signal?: AbortSignal): Promise<ReadonlySet<string>> {
  const walk = async (walkSignal?: AbortSignal): Promise<string[]> => {
    const { items } = await ctx.bss.paginate(ListConsumeSubCustomers, { body: { bill_cycle: cycle, offset: 0, limit: ListConsumeSubCustomers.page!.maxLimit } }, {
      language: ctx.language,
      signal: walkSignal,
    });
    return items.map((c) => c.customer_id);
  };
  const cache = useCache ? ctx.billCache : undefined;
  // A cached walk is shared with concurrent requests: one caller going away must not fail the others', so it
  // runs to its end (a page or two) unsignalled.
  const ids = cache ? await cache.load({ scope: ctx.partnerDomainId ?? '', language: ctx.language, kind: 'consumers', query: '', cycle }, () => walk()) : await walk(signal);
  return new Set(ids);
}

/**
 * A customer known by id only: 4.3 lists ids, and a former customer is no longer listed by ListSubCustomers.
 * Every other field is empty, so nothing downstream (names in the export, PII reveal logs) invents one.
 */
export function unlistedCustomer(customerId: string, indirectPartnerId: string | null): CustomerShape {
  return {
    customerId, accountName: '', name: null, associationType: null, associatedOn: null, label: null, telephone: null, countryCode: null,
    email: null, verifiedStatus: null, customerType: null, isFrozen: null, customerLevel: null, accountManagers: [], xaccountId: null,
    xaccountType: null, indirectPartnerId,
  };
}

/**
 * The own scope's targets, driven by 4.3: each customer that consumed in any requested cycle, with the cycles
 * it consumed in, in the order 4.3 lists them cycle by cycle (first appearance wins). With `names`, the scope's
 * listing (started alongside) gives each its full shape; a consumer the listing lacks is a former customer.
 */
async function ownTargets(
  ctx: ConsumptionContext, req: PullRequest, names: Promise<Map<string, CustomerShape>> | null,
): Promise<{ customer: CustomerShape; listed: boolean; cycles: string[] }[]> {
  const perCycle = await Promise.all(req.cycles.map((cycle) => ownConsumers(ctx, cycle, req.cache !== false, req.signal)));
  const listing = names ? await names : null;
  const byId = new Map<string, { customer: CustomerShape; listed: boolean; cycles: string[] }>();
  req.cycles.forEach((cycle, i) => {
    for (const id of perCycle[i]!) {
      let target = byId.get(id);
      if (!target) {
        const shape = listing?.get(id);
        byId.set(id, (target = { customer: shape ?? unlistedCustomer(id, null), listed: shape !== undefined, cycles: [] }));
      }
      target.cycles.push(cycle);
    }
  });
  return [...byId.values()];
}

async function* targetsOf(ctx: ConsumptionContext, req: PullRequest): AsyncGenerator<Target> {
  const only = req.customerIds ? new Set(req.customerIds) : null;
  // The own scope has a consumer list (4.3); for a handful of named customers, asking each is cheaper.
  // Started before the reseller listing, so the lists arrive while it is read.
  const ownScope = req.scope === 'all' || req.scope === null;
  const names = ownScope && !only && req.listOwnCustomers !== false
    ? fetchAllCustomersOfScope(ctx, null, req.signal).then((cs) => new Map(cs.map((c) => [c.customerId, c])))
    : null;
  const own = ownScope && !only ? ownTargets(ctx, req, names) : null;
  names?.catch(() => undefined);
  own?.catch(() => undefined);
  let index = 0;
  for (const scope of await scopesOf(ctx, req.scope)) {
    if (scope === null && own) {
      for (const t of await own) yield { ...t, index: index++ };
      continue;
    }
    for await (const customer of customersOfScope(ctx, scope, req.signal)) {
      if (only && !only.has(customer.customerId)) continue;
      yield { customer, listed: true, index: index++, cycles: req.cycles };
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
 * own, then each reseller's), interleaved across the concurrent workers (`customerIndex` restores the listing
 * order); within a customer, cycle by cycle. An own customer with no consumption in any requested cycle yields
 * nothing; a reseller's customer without records yields one empty page per cycle. The first upstream failure
 * ends the iteration by throwing it (after the pages already yielded).
 */
export async function* pullConsumption(ctx: ConsumptionContext, req: PullRequest): AsyncGenerator<PulledPage> {
  const channel = new PageChannel(req.bufferPages ?? 16);
  const targets = targetsOf(ctx, req);
  let nextTarget: Promise<IteratorResult<Target>> = Promise.resolve({ done: false, value: undefined as never });
  // Workers share one target iterator; each `next` is chained so two workers never call it at once.
  const takeTarget = (): Promise<IteratorResult<Target>> => (nextTarget = nextTarget.then(() => targets.next()));
  const walkCtx: ConsumptionContext = req.cache === false ? { bss: ctx.bss, language: ctx.language } : ctx;

  const worker = async (): Promise<void> => {
    for (;;) {
      if (channel.closed) return;
      const next = await takeTarget();
      if (next.done) return;
      const { customer, listed, index, cycles } = next.value;
      // One page held back, so the customer's last page can say it is the last.
      let held: { cycle: string; records: readonly ConsumptionRecordShape[] } | null = null;
      for (const cycle of cycles) {
        const q: ConsumptionQuery = { customerId: customer.customerId, indirectPartnerId: customer.indirectPartnerId, cycle };
        for await (const records of consumptionPages(walkCtx, q, req.signal)) {
          if (channel.closed) return;
          if (held) await channel.put({ customer, listed, customerIndex: index, ...held, last: false });
          held = { cycle, records };
        }
      }
      if (held && !channel.closed) await channel.put({ customer, listed, customerIndex: index, ...held, last: true });
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

// ---------------------------------------------------------------------------------------------------------
// The call bound

/** The shape of the business a pull covers, to count its calls. */
export interface PullBoundInput {
  /** Resellers of the distributor, when the pull covers the whole business (`scope: 'all'`); absent otherwise. */
  readonly resellers?: number;
  /**
   * Each scope pulled, `own: true` for the partner's own customers: per customer, its record count in each
   * requested cycle (same order and length for every customer).
   */
  readonly scopes: readonly { readonly own: boolean; readonly recordCounts: readonly (readonly number[])[] }[];
  /** Cycles requested (needed when a scope has no customers). */
  readonly cycles: number;
  /** Whether the own customers are listed for their names (default true, as the export does; GraphQL: on demand). */
  readonly listOwnCustomers?: boolean;
}

export interface PullCallBound {
  readonly ListIndirectPartners: number;
  readonly ListSubCustomers: number;
  readonly ListConsumeSubCustomers: number;
  readonly ListSubCustomerBillDetail: number;
  readonly total: number;
}

const pagesOf = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));

/**
 * The upstream calls of an unfiltered pull with a cold cache (no `customerIds`), which is the fewest the API
 * allows for it. With R resellers, C_s customers in scope s, K_c own customers with records in cycle c, and
 * n(x, c) the records of customer x in cycle c:
 *
 *   ListIndirectPartners       ⌈R / 100⌉ (min 1)                 only for scope 'all'
 *   ListSubCustomers           Σ_s ⌈C_s / 100⌉ (min 1 each)      the own scope only with `listOwnCustomers`
 *   ListConsumeSubCustomers    Σ_c ⌈K_c / 100⌉ (min 1 each)      only when the own scope is pulled
 *   ListSubCustomerBillDetail  Σ_c [ Σ_{own x, n>0} ⌈n(x,c) / 1000⌉ + Σ_{reseller's x} max(1, ⌈n(x,c) / 1000⌉) ]
 *
 * A warm cache removes the 4.2 and 4.3 terms of closed cycles.
 */
export function consumptionPullCallBound(input: PullBoundInput): PullCallBound {
  const listIndirect = input.resellers === undefined ? 0 : pagesOf(input.resellers, 100);
  let listCustomers = 0;
  let consumers = 0;
  let details = 0;
  for (const scope of input.scopes) {
    if (!scope.own || input.listOwnCustomers !== false) listCustomers += pagesOf(scope.recordCounts.length, ListSubCustomers.page!.maxLimit);
    for (let c = 0; c < input.cycles; c++) {
      const counts = scope.recordCounts.map((perCycle) => perCycle[c] ?? 0);
      if (scope.own) {
        consumers += pagesOf(counts.filter((n) => n > 0).length, ListConsumeSubCustomers.page!.maxLimit);
        for (const n of counts) if (n > 0) details += Math.ceil(n / CONSUMPTION_PAGE_MAX);
      } else {
        for (const n of counts) details += pagesOf(n, CONSUMPTION_PAGE_MAX);
      }
    }
  }
  return {
    ListIndirectPartners: listIndirect,
    ListSubCustomers: listCustomers,
    ListConsumeSubCustomers: consumers,
    ListSubCustomerBillDetail: details,
    total: listIndirect + listCustomers + consumers + details,
  };
}

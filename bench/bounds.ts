/**
 * Lower bounds, computed from the simulator's ground truth and the operation specs (page and batch maxima,
 * quotas), never from what the gateway did.
 *
 * CALLS. A paged list costs ceil(n / maxLimit) calls, and one call even when empty (only the upstream can say
 * it is empty). An id-batched lookup costs ceil(n / batchMax) calls, none when there is nothing to look up.
 *
 * TIME. Each API has its own budget of `rate` requests per second (10 unless documented), so calls on
 * different APIs overlap and the slowest API sets the pace:
 *     wall_bound = max over APIs (calls_api / rate_api) + one round trip (the simulator's latency).
 */
import { DEFAULT_RATE_PER_SECOND, type OperationSpec } from '../src/bss/operations/spec.js';
import { ListIndirectPartners } from '../src/bss/operations/partners/indirect-partners.js';
import { ListSubCustomerNewTag, ListSubCustomers } from '../src/bss/operations/partners/customers.js';
import { ListCustomersBalancesDetail } from '../src/bss/operations/partners/customer-accounts.js';
import { ListCustomerOrders } from '../src/bss/operations/commerce/orders.js';
import { ListConsumeSubCustomers, ListSubCustomerBillDetail } from '../src/bss/operations/bills/sub-customer-bills.js';
import type { CustomerTruth, WorldTruth } from './sim-protocol.js';

/** Calls per operation name. */
export type CallsByApi = Record<string, number>;

/** Calls to walk a list of `n` items at `pageSize` per call: at least one. */
export function pageCalls(n: number, pageSize: number): number {
  return Math.max(1, Math.ceil(n / pageSize));
}

/** Calls to look up `n` ids at `batchMax` per call: none when there is nothing to look up. */
export function batchCalls(n: number, batchMax: number): number {
  return Math.ceil(n / batchMax);
}

function maxPage(op: OperationSpec): number {
  if (!op.page) throw new Error(`${op.name} does not page`);
  return op.page.maxLimit;
}

function maxBatch(op: OperationSpec): number {
  if (!op.batch) throw new Error(`${op.name} does not batch`);
  return op.batch.max;
}

function add(calls: CallsByApi, op: OperationSpec, n: number): void {
  if (n > 0) calls[op.name] = (calls[op.name] ?? 0) + n;
}

export function totalCalls(calls: CallsByApi): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** The quota of each operation by name (documented or the default 10/s). */
const RATES = new Map<string, number>(
  [ListIndirectPartners, ListSubCustomers, ListSubCustomerNewTag, ListCustomersBalancesDetail, ListCustomerOrders, ListSubCustomerBillDetail, ListConsumeSubCustomers]
    .map((op) => [op.name, op.ratePerSecond ?? DEFAULT_RATE_PER_SECOND]),
);

export function rateOf(name: string): number {
  return RATES.get(name) ?? DEFAULT_RATE_PER_SECOND;
}

/** max over APIs (calls / rate) + one round trip, in seconds. */
export function wallBoundSeconds(calls: CallsByApi, latencyMs: number, rate: (name: string) => number = rateOf): number {
  let slowest = 0;
  for (const [name, n] of Object.entries(calls)) slowest = Math.max(slowest, n / rate(name));
  return slowest + latencyMs / 1000;
}

/** The customers of the scopes a pull covers, grouped by scope (null: the partner's own), in world order. */
export function customersByScope(truth: WorldTruth): Map<string | null, CustomerTruth[]> {
  const scopes = new Map<string | null, CustomerTruth[]>([[null, []]]);
  for (const id of truth.resellers) scopes.set(id, []);
  for (const c of truth.customers) scopes.get(c.indirectPartnerId)?.push(c);
  return scopes;
}

/**
 * Scenario 1: the first `pageSize` of the partner's own customers (one ListSubCustomers page) with balances
 * (resale customers only, batched ≤ 100), new-customer tags (batched ≤ 200), reseller names and order counts
 * (ListCustomerOrders, one call per customer: it takes one customer_id).
 */
export function customerPageBound(truth: WorldTruth, pageSize: number): CallsByApi {
  const page = truth.customers.filter((c) => c.indirectPartnerId === null).slice(0, pageSize);
  const calls: CallsByApi = {};
  add(calls, ListSubCustomers, 1);
  add(calls, ListCustomersBalancesDetail, batchCalls(page.filter((c) => c.associationType === '2').length, maxBatch(ListCustomersBalancesDetail)));
  add(calls, ListSubCustomerNewTag, batchCalls(page.length, maxBatch(ListSubCustomerNewTag)));
  // Reseller names cost nothing here: the partner's own customers belong to no reseller.
  add(calls, ListCustomerOrders, page.length);
  return calls;
}

/**
 * The fewest calls that read a whole cycle's consumption records of every customer, the resellers'
 * included. The partner's own customers: either list them all (ListSubCustomers, ≤ 100 a page) and read each
 * one's records (ListSubCustomerBillDetail, ≤ 1000 a page, one call for a customer with none), or list only
 * those that consumed in the cycle (ListConsumeSubCustomers, ≤ 100 a page; it covers the distributor's own
 * scope only) and read theirs; whichever is fewer. Each reseller's customers: list the resellers
 * (ListIndirectPartners), each one's customers, and read every one's records (4.3 cannot skip theirs).
 * `needNames`: the output carries customer names (the export's SubAccountName), so the own customers must
 * be listed anyway (4.3 gives ids only), and 4.3 is used on top only where it saves calls.
 */
export function monthPullBound(truth: WorldTruth, options: { needNames?: boolean } = {}): CallsByApi {
  const calls: CallsByApi = {};
  const scopes = customersByScope(truth);
  const records = (c: CustomerTruth): number => {
    if (c.records === null) throw new Error('monthPullBound needs record counts: ask the truth for a cycle');
    return c.records;
  };
  const readAll = (cs: readonly CustomerTruth[]): number => cs.reduce((n, c) => n + pageCalls(records(c), maxPage(ListSubCustomerBillDetail)), 0);

  const own = scopes.get(null) ?? [];
  const consumers = own.filter((c) => records(c) > 0);
  const list = pageCalls(own.length, maxPage(ListSubCustomers));
  const consumerList = pageCalls(consumers.length, maxPage(ListConsumeSubCustomers));
  const viaList = (options.needNames ? 0 : list) + readAll(own);
  const viaConsumers = consumerList + readAll(consumers);
  if (options.needNames) add(calls, ListSubCustomers, list);
  if (viaConsumers < viaList) {
    add(calls, ListConsumeSubCustomers, consumerList);
    add(calls, ListSubCustomerBillDetail, readAll(consumers));
  } else {
    if (!options.needNames) add(calls, ListSubCustomers, list);
    add(calls, ListSubCustomerBillDetail, readAll(own));
  }

  if (truth.resellers.length > 0) {
    add(calls, ListIndirectPartners, pageCalls(truth.resellers.length, maxPage(ListIndirectPartners)));
    for (const id of truth.resellers) {
      const theirs = scopes.get(id) ?? [];
      add(calls, ListSubCustomers, pageCalls(theirs.length, maxPage(ListSubCustomers)));
      add(calls, ListSubCustomerBillDetail, readAll(theirs));
    }
  }
  return calls;
}

/**
 * What a script that lists every customer and reads each one's records page by page, at `lists` per page of
 * its lists and `records` per record read, calls: the resellers, each scope's customers, each customer's records.
 */
export function naivePullCalls(truth: WorldTruth, pages: { readonly lists: number; readonly records: number }): CallsByApi {
  const calls: CallsByApi = {};
  add(calls, ListIndirectPartners, pageCalls(truth.resellers.length, pages.lists));
  for (const customers of customersByScope(truth).values()) add(calls, ListSubCustomers, pageCalls(customers.length, pages.lists));
  for (const c of truth.customers) add(calls, ListSubCustomerBillDetail, pageCalls(c.records ?? 0, pages.records));
  return calls;
}

export function totalRecords(truth: WorldTruth): number {
  return truth.customers.reduce((n, c) => n + (c.records ?? 0), 0);
}

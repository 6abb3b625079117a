/**
 * The process-wide bill cache (src/caches/bill-cache.ts): closed cycles (before the current one in UTC+8)
 * are served from it on a NEW request with no bill call; the open cycle is not (its TTL is 0 here); partner-wide
 * pulls read and fill it per customer-cycle (and the 4.3 consumer list); concurrent misses share one walk;
 * memory is bounded by records. Call counts exact, from the BSS client's counter.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListSubCustomerBillDetail } from '../../../src/bss/operations/bills/index.js';
import { BillCache, openCycleAt } from '../../../src/caches/bill-cache.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { startStack, type Stack } from '../../support/stack.js';
import { belowCustomer, data, decSum, directCustomers, pick, recordCount, requests, warmReference } from './helpers.js';

const CLOSED = '2026-10';
const OPEN = '2026-11';
const pages = (n: number) => Math.max(1, Math.ceil(n / 1000));

describe('BillCache', () => {
  it('decides the open cycle in UTC+8: the last hours of a UTC month already belong to the next cycle', () => {
    expect(openCycleAt(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(openCycleAt(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
    const cache = new BillCache({ closedCycleTtlMs: 1000, openCycleTtlMs: 0, maxRecords: 10, now: () => new Date('2026-10-31T16:00:00Z') });
    expect(cache.ttlFor('2026-10')).toBe(1000);
    expect(cache.ttlFor('2026-11')).toBe(0);
    expect(cache.ttlFor('2026-12')).toBe(0);
  });

  it('is bounded by records, shares concurrent misses, never stores failures, and reports lookups', async () => {
    const lookups: boolean[] = [];
    const cache = new BillCache({ closedCycleTtlMs: 60_000, openCycleTtlMs: 0, maxRecords: 5, now: () => TEST_NOW, onLookup: (hit) => lookups.push(hit) });
    const key = (query: string, cycle = CLOSED) => ({ scope: 'p', language: 'zh_CN', kind: 'records', query, cycle });
    let fetches = 0;
    const fetch = (n: number) => async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 1));
      return Array.from({ length: n }, (_, i) => i);
    };
    const [a, b] = await Promise.all([cache.load(key('a'), fetch(3)), cache.load(key('a'), fetch(3))]);
    expect(a).toBe(b);
    expect(fetches).toBe(1);
    expect(lookups).toEqual([false, true]);
    await cache.load(key('b'), fetch(2));
    expect(cache.stats).toEqual({ entries: 2, records: 5 });
    // A third entry pushes the least recently used out: records stay ≤ 5.
    await cache.load(key('c'), fetch(2));
    expect(cache.stats).toEqual({ entries: 2, records: 4 });
    expect(cache.peek(key('a'))).toBeUndefined();
    // The open cycle (TTL 0) is never stored; a failure is not stored either.
    await cache.load(key('a', OPEN), fetch(1));
    expect(cache.peek(key('a', OPEN))).toBeUndefined();
    await expect(cache.load(key('d'), () => Promise.reject(new Error('upstream down')))).rejects.toThrow('upstream down');
    expect(cache.peek(key('d'))).toBeUndefined();
    // Other scopes and languages are other entries.
    expect(cache.peek({ ...key('b'), scope: 'q' })).toBeUndefined();
    expect(cache.peek({ ...key('b'), language: 'en_US' })).toBeUndefined();
    expect(cache.peek(key('b'))).toEqual([0, 1]);
  });
});

describe('consumption through the bill cache', () => {
  let stack: Stack;
  let cache: BillCache;
  let heavy: CustomerRecord;
  const lookups: boolean[] = [];

  const QUERY = `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) {
    total records(first: 5) { totalCount nodes { recordId } }
  } } }`;

  beforeAll(async () => {
    cache = new BillCache({ closedCycleTtlMs: 3_600_000, openCycleTtlMs: 0, maxRecords: 1_000_000, now: () => TEST_NOW, onLookup: (hit) => lookups.push(hit) });
    stack = await startStack({ billCache: cache });
    heavy = pick(directCustomers(stack), 'direct customer with 1000+ records in both cycles', (c) => recordCount(stack, c, CLOSED) > 1000 && recordCount(stack, c, OPEN) > 1000);
  });
  beforeEach(async () => {
    await warmReference(stack);
    lookups.length = 0;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('serves a closed cycle from the cache on the second request: no bill call, the same answer', async () => {
    const raw = await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CLOSED, customer_id: heavy.customerId });
    stack.bss.counter.reset();
    const first = await data(stack, QUERY, { id: heavy.customerId, cycle: CLOSED });
    expect(first.customer.consumption).toEqual({
      total: decSum(raw.items.map((r) => r.payment_amount)),
      records: { totalCount: raw.total, nodes: raw.items.slice(0, 5).map((r) => ({ recordId: r.id })) },
    });
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: pages(raw.total) });
    stack.bss.counter.reset();

    const second = await data(stack, QUERY, { id: heavy.customerId, cycle: CLOSED });
    expect(second).toEqual(first);
    expect(belowCustomer(stack)).toEqual({});
    // A records window alone is a slice of the cached walk too.
    stack.bss.counter.reset();
    const window = await data(stack, `query ($id: String!) { customer(customerId: $id) { consumption(cycle: "${CLOSED}") {
      records(first: 2, after: null) { nodes { recordId } }
    } } }`, { id: heavy.customerId });
    expect(window.customer.consumption.records.nodes).toEqual(raw.items.slice(0, 2).map((r) => ({ recordId: r.id })));
    expect(belowCustomer(stack)).toEqual({});
    expect(lookups).toEqual([false, true]);
  });

  it('reads the open cycle upstream on every request (its TTL is 0)', async () => {
    const n = recordCount(stack, heavy, OPEN);
    await data(stack, QUERY, { id: heavy.customerId, cycle: OPEN });
    await data(stack, QUERY, { id: heavy.customerId, cycle: OPEN });
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 2 * pages(n) });
  });

  it('shares one walk between concurrent requests for the same closed cycle', async () => {
    const other = pick(directCustomers(stack), 'another direct customer with 1000+ records', (c) => c !== heavy && recordCount(stack, c, CLOSED) > 1000);
    const [a, b] = await Promise.all([
      data(stack, QUERY, { id: other.customerId, cycle: CLOSED }),
      data(stack, QUERY, { id: other.customerId, cycle: CLOSED }),
    ]);
    expect(a).toEqual(b);
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: pages(recordCount(stack, other, CLOSED)) });
    expect(lookups).toEqual([false, true]);
  });

  it('pulls a reseller-wide closed cycle once: the second pull lists the customers only', async () => {
    const world = stack.simulator.state.world;
    const reseller = world.resellers.find((r) => world.customersOf(r.indirectPartnerId).length > 3)!.indirectPartnerId;
    const QUERY_RESELLER = `query ($id: String!) { indirectPartner(indirectPartnerId: $id) { consumption(cycle: "${CLOSED}") { total recordCount } } }`;
    const first = await data(stack, QUERY_RESELLER, { id: reseller });
    const firstCalls = requests(stack);
    const customers = world.customersOf(reseller);
    expect(firstCalls['ListSubCustomerBillDetail']).toBe(customers.reduce((n, c) => n + pages(recordCount(stack, c, CLOSED)), 0));
    stack.bss.counter.reset();

    const second = await data(stack, QUERY_RESELLER, { id: reseller });
    expect(second).toEqual(first);
    // Query.indirectPartner and the customer listing (names, who is whose) are not bills: they are asked again.
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, ListSubCustomers: firstCalls['ListSubCustomers'] });
    expect(first.indirectPartner.consumption.recordCount).toBe(customers.reduce((n, c) => n + recordCount(stack, c, CLOSED), 0));
  });
});

/**
 * Reseller scope on refetch (issue 11, hole 1): with WARM process-wide caches (an admin key has just read
 * everything, so the bill cache holds the closed cycle's records), a reseller key refetching the global id of
 * any object outside its subtree — another reseller's, or the partner's own customers' — through `node(id:)`
 * or `nodes(ids:)` gets FORBIDDEN or null, never data; hand-made ids (base64 is no secret) that claim the
 * reseller's scope for someone else's customer are refused too; and its own objects still refetch.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256Hex, type ApiKeyEntry } from '../../src/auth/api-keys.js';
import { BillCache } from '../../src/caches/bill-cache.js';
import { consumptionQueryKey, type ConsumptionRecordShape } from '../../src/sources/consumption-records.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';

const CLOSED = '2026-10';
const KEYS = { admin: 'pg_scope_admin', reseller: 'pg_scope_reseller' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const toGlobalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`).toString('base64');
const keyOf = (globalId: string): string => Buffer.from(globalId, 'base64').toString('utf8').replace(/^[A-Za-z]+:/, '');

let stack: Stack;
let cache: BillCache;
let mine: string;
let other: string;

/** Ids from the admin's view, by type: `foreign` (another reseller's, the partner's own) and `own` (the reseller's). */
const foreign = new Map<string, string[]>();
const own = new Map<string, string[]>();
const add = (into: Map<string, string[]>, type: string, ids: readonly (string | undefined | null)[]): void => {
  const list = into.get(type) ?? [];
  for (const id of ids) if (id && !list.includes(id)) list.push(id);
  into.set(type, list);
};

/** The admin's answer; partial errors (a customer without an agency for its own data) leave those fields null. */
async function asAdmin(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await stack.graphql(query, variables, bearer(KEYS.admin));
  for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('CUSTOMER_AGENCY_NOT_GRANTED');
  return res.data;
}
const nodesOf = (connection: { nodes: { id: string }[] } | null | undefined): string[] => (connection?.nodes ?? []).map((n) => n.id);

const CUSTOMER_VIEW = `query ($id: String!, $scope: String, $cycle: BillingCycle!) { customer(customerId: $id, indirectPartnerId: $scope) {
  id
  orders(first: 2) { nodes { id } }
  periodResources(first: 2) { nodes { id } }
  onDemandResources(first: 2) { nodes { id } }
  coupons(first: 2) { nodes { id records { id } } }
  heldCoupons(first: 2) { nodes { id } }
  consumption(cycle: $cycle) { total records(first: 3) { nodes { id } } }
} }`;

const SCOPE_VIEW = `query ($scope: String, $cycle: BillingCycle!) { partner {
  monthlyBills(cycle: $cycle, first: 3) { nodes { id } }
  issuedCoupons(first: 3, indirectPartnerId: $scope) { nodes { id } }
  couponRecords(first: 3, indirectPartnerId: $scope) { nodes { id } }
  couponQuotas(first: 3, indirectPartnerId: $scope) { nodes { id } }
} }`;

const RESELLER_VIEW = `query ($scope: String!, $cycle: BillingCycle!) { indirectPartner(indirectPartnerId: $scope) {
  id
  monthlyBills(cycle: $cycle, first: 3) { nodes { id } }
  quotaRecords(first: 3) { nodes { id } }
  couponQuotas(first: 3) { nodes { id } }
} }`;

/** Customers of a scope with as much to refetch as the world has: orders, resources, consumption records. */
function richest(scope: string | null, n: number): CustomerRecord[] {
  const s = stack.simulator.state;
  const score = (c: CustomerRecord): number =>
    Math.min(1, s.commerce.ordersOf(c.customerId).length) + Math.min(1, s.commerce.resourcesOf(c.customerId).length) +
    Math.min(1, s.bills.records(c.customerId, CLOSED).length);
  return [...s.world.customersOf(scope)].sort((a, b) => score(b) - score(a)).slice(0, n);
}

async function collect(into: Map<string, string[]>, customers: readonly CustomerRecord[], scope: string | null): Promise<void> {
  for (const c of customers) {
    const d = (await asAdmin(CUSTOMER_VIEW, { id: c.customerId, scope, cycle: CLOSED })).customer;
    add(into, 'Customer', [d.id]);
    add(into, 'Order', nodesOf(d.orders));
    add(into, 'PeriodResource', nodesOf(d.periodResources));
    add(into, 'OnDemandResource', nodesOf(d.onDemandResources));
    add(into, 'Coupon', nodesOf(d.coupons));
    add(into, 'CouponRecord', (d.coupons?.nodes ?? []).flatMap((n: any) => (n.records ?? []).map((r: any) => r.id)));
    add(into, 'ConsumptionRecord', nodesOf(d.consumption?.records));
    add(into, 'HeldCoupon', nodesOf(d.heldCoupons));
  }
}

beforeAll(async () => {
  // The world is built before the keys: read the reseller ids from a throwaway simulator of the same seed.
  const probe = await startStack({ customers: 120 });
  const resellers = probe.simulator.state.world.resellers
    .map((r) => r.indirectPartnerId)
    .filter((id) => probe.simulator.state.world.customersOf(id).length >= 2);
  [mine, other] = resellers as [string, string];
  await probe.close();
  const apiKeys: ApiKeyEntry[] = [
    { name: 'ops', role: 'admin', sha256: sha256Hex(KEYS.admin) },
    { name: 'reseller-mine', role: 'reseller', indirectPartnerId: mine, sha256: sha256Hex(KEYS.reseller) },
  ];
  cache = new BillCache({ closedCycleTtlMs: 3_600_000, openCycleTtlMs: 0, maxRecords: 1_000_000, now: () => TEST_NOW });
  stack = await startStack({ customers: 120, apiKeys, billCache: cache });

  // Warm everything as the admin: the partner's own customers, another reseller's, and the reseller's own.
  await collect(foreign, richest(null, 4), null);
  await collect(foreign, richest(other, 4), other);
  await collect(own, richest(mine, 4), mine);
  for (const [into, scope] of [[foreign, null], [foreign, other], [own, mine]] as const) {
    const d = (await asAdmin(SCOPE_VIEW, { scope, cycle: CLOSED })).partner;
    add(into, 'Coupon', nodesOf(d.issuedCoupons));
    add(into, 'CouponRecord', nodesOf(d.couponRecords));
    add(into, 'CouponQuota', nodesOf(d.couponQuotas));
    if (scope === null) add(into, 'MonthlyBill', nodesOf(d.monthlyBills));
  }
  for (const [into, scope] of [[foreign, other], [own, mine]] as const) {
    const d = (await asAdmin(RESELLER_VIEW, { scope, cycle: CLOSED })).indirectPartner;
    add(into, 'IndirectPartner', [d.id]);
    add(into, 'MonthlyBill', nodesOf(d.monthlyBills));
    add(into, 'QuotaRecord', nodesOf(d.quotaRecords));
    add(into, 'CouponQuota', nodesOf(d.couponQuotas));
  }
  // And the admin refetches them all, as a front end would: the refetch reads (a consumption record's narrow
  // query by trade and resource) are in the bill cache too now.
  for (const into of [foreign, own]) {
    const ids = [...into.values()].flat();
    const res = await stack.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }, bearer(KEYS.admin));
    for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('CUSTOMER_AGENCY_NOT_GRANTED');
  }
  expect(cache.stats.records).toBeGreaterThan(0);
});

afterAll(async () => {
  await stack?.close();
});

const TYPES = [
  'Customer', 'IndirectPartner', 'Order', 'PeriodResource', 'OnDemandResource', 'Coupon', 'CouponRecord', 'CouponQuota',
  'QuotaRecord', 'MonthlyBill', 'ConsumptionRecord', 'HeldCoupon',
];

/** What the reseller key gets for one id: the node (data) or the error code on its path. */
async function refetch(id: string): Promise<{ node: unknown; code: unknown }> {
  const res = await stack.graphql('query ($id: ID!) { node(id: $id) { id __typename } }', { id }, bearer(KEYS.reseller));
  return { node: res.data?.node ?? null, code: res.errors?.[0]?.extensions?.code ?? null };
}

describe('a reseller key refetching through warm caches', () => {
  it('found ids of every node type outside its scope (the test really covers each)', () => {
    for (const type of TYPES) expect([type, (foreign.get(type) ?? []).length > 0]).toEqual([type, true]);
    // The bill cache holds the foreign consumption records: a refetch of them would cost no upstream call.
    expect(cache.stats.entries).toBeGreaterThan(0);
  });

  it('gets FORBIDDEN or null from node(id), never data, for each of them', async () => {
    for (const type of TYPES) {
      for (const id of foreign.get(type) ?? []) {
        const { node, code } = await refetch(id);
        expect([type, keyOf(id), node]).toEqual([type, keyOf(id), null]);
        expect(code === null || code === 'FORBIDDEN').toBe(true);
      }
    }
  });

  it('gets FORBIDDEN or null from nodes(ids), never data: type by type, and all at once', async () => {
    const batches = [...TYPES.map((t) => foreign.get(t) ?? []), TYPES.flatMap((t) => foreign.get(t) ?? [])];
    for (const ids of batches) {
      const res = await stack.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', { ids }, bearer(KEYS.reseller));
      // `nodes` is `[Node]!`: a refusal nulls its item (or, with the list, the whole answer); no item carries data.
      expect((res.data?.nodes ?? []).filter((n: unknown) => n !== null)).toEqual([]);
      for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses hand-made ids that claim its own scope for another scope\'s customer (consumption records, bills, orders, resources)', async () => {
    const claims: string[] = [];
    for (const id of foreign.get('ConsumptionRecord') ?? []) {
      const parts = JSON.parse(keyOf(id)) as string[];
      claims.push(toGlobalId('ConsumptionRecord', JSON.stringify([mine, ...parts.slice(1)])));
    }
    for (const id of foreign.get('Customer') ?? []) claims.push(toGlobalId('Customer', `${keyOf(id).split('@')[0]}@${mine}`));
    for (const id of foreign.get('Order') ?? []) claims.push(toGlobalId('Order', `${keyOf(id).split('@')[0]}@${mine}`));
    for (const id of foreign.get('MonthlyBill') ?? []) {
      const parts = JSON.parse(keyOf(id)) as unknown[];
      claims.push(toGlobalId('MonthlyBill', JSON.stringify([mine, ...parts.slice(1)])));
    }
    for (const type of ['PeriodResource', 'OnDemandResource']) {
      for (const id of foreign.get(type) ?? []) {
        // `customer[@reseller]:resourceId`: the same customer and resource, claimed under the reseller's scope.
        const key = keyOf(id);
        const colon = key.indexOf(':');
        claims.push(toGlobalId(type, `${key.slice(0, colon).split('@')[0]}@${mine}${key.slice(colon)}`));
      }
    }
    expect(claims.length).toBeGreaterThan(0);
    for (const id of claims) {
      const { node, code } = await refetch(id);
      expect([keyOf(id), node]).toEqual([keyOf(id), null]);
      expect([keyOf(id), code === null || code === 'FORBIDDEN' ? 'ok' : code]).toEqual([keyOf(id), 'ok']);
    }
  });

  it('never reads a cached answer for a customer it cannot confirm, even one filed under its own scope', async () => {
    // As if the upstream had once ignored `indirect_partner_id` (Huawei documents it as "ignored otherwise" on
    // several endpoints): another scope's records, cached under a query naming the reseller's scope.
    const [scope, customerId, cycle, recordId, tradeId, resourceId] = JSON.parse(keyOf(foreign.get('ConsumptionRecord')![0]!)) as string[];
    const q = { customerId: customerId!, cycle: cycle!, tradeId: tradeId || null, resourceId: resourceId || null };
    const entry = (indirectPartnerId: string | null) => ({
      scope: stack.simulator.credentials.domainId, language: 'zh_CN', kind: 'records', cycle: cycle!,
      query: consumptionQueryKey({ ...q, indirectPartnerId }), owner: { customerId: customerId!, indirectPartnerId },
    });
    const records = cache.peek<ConsumptionRecordShape>(entry(scope || null));
    expect(records?.some((r) => r.id === recordId)).toBe(true);
    cache.store(entry(mine), records!.map((r) => ({ ...r, indirectPartnerId: mine })));
    const claimed = toGlobalId('ConsumptionRecord', JSON.stringify([mine, customerId, cycle, recordId, tradeId, resourceId]));

    const spy = vi.spyOn(stack.bss, 'call');
    try {
      expect(await refetch(claimed)).toEqual({ node: null, code: 'FORBIDDEN' });
      // The gate asked who the customer belongs to (one exact ListSubCustomers in the reseller's scope), nothing else.
      expect(spy.mock.calls.map(([op, req]) => [op.name, (req as { body?: Record<string, unknown> }).body?.indirect_partner_id])).toEqual([['ListSubCustomers', mine]]);
    } finally {
      spy.mockRestore();
    }
  });

  it('still reads its own consumption records from the warm cache: no bill call, at most one customer check', async () => {
    const id = own.get('ConsumptionRecord')![0]!;
    const spy = vi.spyOn(stack.bss, 'call');
    try {
      const res = await stack.graphql('query ($id: ID!) { node(id: $id) { id ... on ConsumptionRecord { recordId } } }', { id }, bearer(KEYS.reseller));
      expect(res.errors).toBeUndefined();
      expect(res.data?.node?.id).toBe(id);
      const names = spy.mock.calls.map(([op]) => op.name);
      expect(names.filter((n) => n !== 'ListSubCustomers')).toEqual([]);
      expect(names.length).toBeLessThanOrEqual(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('still refetches its own objects of every type it has', async () => {
    let checked = 0;
    for (const type of TYPES) {
      for (const id of (own.get(type) ?? []).slice(0, 2)) {
        const res = await stack.graphql('query ($id: ID!) { node(id: $id) { id __typename } }', { id }, bearer(KEYS.reseller));
        expect([type, res.errors]).toEqual([type, undefined]);
        expect(res.data?.node).toEqual({ id, __typename: type });
        checked++;
      }
    }
    expect(own.get('ConsumptionRecord')?.length ?? 0).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(5);
  });
});

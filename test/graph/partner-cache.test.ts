/**
 * Partner data cached across requests, through the whole stack (issue 14): exact upstream calls for a second
 * request within the TTL (0), after a kind's TTL (only that kind again), two concurrent requests (1 each),
 * a reseller key that never reads an entry another scope filled (even for an identical upstream request),
 * invalidation, and `extensions.cacheAge` saying how old the cached part of an answer is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/api-keys.js';
import { PartnerDataCache } from '../../src/caches/partner-cache.js';
import { World } from '../../src/simulator/dataset/world.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';

const KEYS = { admin: 'pg_cache_admin', mine: 'pg_cache_reseller_mine', other: 'pg_cache_reseller_other' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const CUSTOMERS = `{ partner { customers(first: 5) { nodes { customerId balance { amount } } } } }`;
const RESOURCES = `query ($id: String!, $scope: String) { customer(customerId: $id, indirectPartnerId: $scope) {
  customerId periodResources(first: 2) { nodes { id } }
} }`;

let stack: Stack;
let cache: PartnerDataCache;
let now = 1_000_000;
let reseller: string;
let otherReseller: string;
let customer: string;

const calls = (op?: string) => stack.bss.counter.calls(op);

beforeAll(async () => {
  // No stale answers here (staleFactor 0): these tests are about the TTL; test/caches/partner-cache.test.ts has them.
  cache = new PartnerDataCache({ now: () => now, staleFactor: 0, ttlMs: { balances: 10_000, customers: 60_000, resources: 60_000 } });
  // The stack's world, built alone first (it is deterministic for a seed) to name its resellers in the keys.
  const world = new World({ seed: 42, customers: 120, now: TEST_NOW });
  [reseller, otherReseller] = world.resellers.map((r) => r.indirectPartnerId) as [string, string];
  customer = world.customersOf(reseller).find((c) => world.inventoryOf(c.customerId).resources.length > 0)!.customerId;
  stack = await startStack({
    customers: 120,
    partnerCache: cache,
    apiKeys: [
      { name: 'admin', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'mine', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex(KEYS.mine) },
      { name: 'other', role: 'reseller', indirectPartnerId: otherReseller, sha256: sha256Hex(KEYS.other) },
    ],
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

beforeEach(() => {
  cache.invalidateAll();
  stack.bss.counter.reset();
});

async function ask(query: string, key: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await stack.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(key) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

describe('partner data cached across requests', () => {
  it('answers a second request within the TTL with no upstream call, and says how old it is', async () => {
    const first = await ask(CUSTOMERS, KEYS.admin);
    expect(first.errors).toBeUndefined();
    expect(first.extensions.cacheAge).toBeUndefined();
    expect({ customers: calls('ListSubCustomers'), balances: calls('ListCustomersBalancesDetail'), all: calls() }).toEqual({ customers: 1, balances: 1, all: 2 });

    now += 5_000;
    const second = await ask(CUSTOMERS, KEYS.admin);
    expect(second.data).toEqual(first.data);
    expect(calls()).toBe(2);
    expect(second.extensions.cacheAge).toEqual({ seconds: 5, byKind: { customers: 5, balances: 5 } });
  });

  it('reads a kind again once its TTL is over (balances at 10 s) while the longer-lived kind is still served', async () => {
    await ask(CUSTOMERS, KEYS.admin);
    now += 10_000;
    const later = await ask(CUSTOMERS, KEYS.admin);
    expect({ customers: calls('ListSubCustomers'), balances: calls('ListCustomersBalancesDetail') }).toEqual({ customers: 1, balances: 2 });
    expect(later.extensions.cacheAge).toEqual({ seconds: 10, byKind: { customers: 10 } });
  });

  it('makes one upstream call for two users asking the same page at once', async () => {
    const [a, b] = await Promise.all([ask(CUSTOMERS, KEYS.admin), ask(CUSTOMERS, KEYS.admin)]);
    expect(a.data).toEqual(b.data);
    expect({ customers: calls('ListSubCustomers'), balances: calls('ListCustomersBalancesDetail') }).toEqual({ customers: 1, balances: 1 });
  });

  it('keeps a reseller key out of entries another scope filled, even for the same upstream request', async () => {
    const variables = { id: customer, scope: reseller };
    const admin = await ask(RESOURCES, KEYS.admin, variables);
    expect(admin.errors).toBeUndefined();
    expect(calls('ListPayPerUseCustomerResources')).toBe(1);

    // The same customer in the same reseller scope: the same upstream request, but the admin's entry is not the reseller's.
    const mine = await ask(RESOURCES, KEYS.mine, variables);
    expect(mine.errors).toBeUndefined();
    expect(mine.data).toEqual(admin.data);
    expect(calls('ListPayPerUseCustomerResources')).toBe(2);
    expect(mine.extensions.cacheAge).toBeUndefined();

    // Its own entry serves it next time.
    now += 1_000;
    const again = await ask(RESOURCES, KEYS.mine, variables);
    expect(again.data).toEqual(admin.data);
    expect(calls('ListPayPerUseCustomerResources')).toBe(2);
    expect(again.extensions.cacheAge.byKind.resources).toBe(1);

    // Another reseller is refused before any call, cache or not.
    const other = await ask(RESOURCES, KEYS.other, variables);
    expect(other.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(calls('ListPayPerUseCustomerResources')).toBe(2);
  });

  it('reads again after the customer or its reseller is invalidated (what a write calls), and not after an unrelated one', async () => {
    const variables = { id: customer, scope: reseller };
    await ask(RESOURCES, KEYS.admin, variables);
    cache.invalidateCustomer('no-such-customer');
    cache.invalidateReseller(otherReseller);
    await ask(RESOURCES, KEYS.admin, variables);
    expect(calls('ListPayPerUseCustomerResources')).toBe(1);
    cache.invalidateCustomer(customer);
    await ask(RESOURCES, KEYS.admin, variables);
    expect(calls('ListPayPerUseCustomerResources')).toBe(2);

    // What the reseller's key read is tagged with its scope: a write about the reseller drops it.
    await ask(RESOURCES, KEYS.mine, variables);
    await ask(RESOURCES, KEYS.mine, variables);
    expect(calls('ListPayPerUseCustomerResources')).toBe(3);
    cache.invalidateReseller(reseller);
    await ask(RESOURCES, KEYS.mine, variables);
    expect(calls('ListPayPerUseCustomerResources')).toBe(4);
  });
});

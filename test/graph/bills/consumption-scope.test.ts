/**
 * Reseller scoping of the consumption views (src/auth/scope.ts): a reseller API key's `Partner.consumption`
 * pulls only its own reseller's customers (no reseller listing, no 4.3 consumer list of the partner's own scope);
 * `IndirectPartner.consumption` of another reseller and `Customer.consumption` of a customer outside its scope
 * are FORBIDDEN before any upstream call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import type { Caller } from '../../../src/auth/caller.js';
import { ListSubCustomerBillDetail } from '../../../src/bss/operations/bills/index.js';
import { schema } from '../../../src/schema/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { data, decSum, recordCount, requests } from './helpers.js';

const CYCLE = '2026-10';
const KEY = 'pg_test-reseller-key';

describe('consumption scoping for a reseller API key', () => {
  let stack: Stack;
  let mine: string;
  let other: string;
  const auth = { authorization: `Bearer ${KEY}` };

  beforeAll(async () => {
    // Stack's world decides the resellers; the key is bound to the first one with customers.
    const probe = await startStack();
    const world = probe.simulator.state.world;
    const withCustomers = world.resellers.filter((r) => world.customersOf(r.indirectPartnerId).length > 0).map((r) => r.indirectPartnerId);
    await probe.close();
    [mine, other] = withCustomers as [string, string];
    stack = await startStack({ apiKeys: [{ name: 'reseller-a', role: 'reseller', indirectPartnerId: mine, sha256: sha256Hex(KEY) }] });
  });
  beforeEach(async () => {
    await data(stack, '{ serviceTypes { code } resourceTypes { code } measureUnits { id } }', undefined, auth);
    stack.bss.counter.reset();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('narrows Partner.consumption to the reseller\'s own customers, at the reseller scope\'s cost', async () => {
    const world = stack.simulator.state.world;
    const customers = world.customersOf(mine);
    const raw = [];
    for (const c of customers) {
      raw.push(...(await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: c.customerId, indirect_partner_id: mine })).items);
    }
    stack.bss.counter.reset();
    const { partner } = await data(stack, `query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
      total recordCount byCustomer { indirectPartnerId }
    } } }`, { cycle: CYCLE }, auth);
    expect(partner.consumption.total).toBe(decSum(raw.map((r) => r.payment_amount)));
    expect(partner.consumption.recordCount).toBe(raw.length);
    expect(new Set(partner.consumption.byCustomer.map((r: { indirectPartnerId: string }) => r.indirectPartnerId))).toEqual(new Set([mine]));
    expect(requests(stack)).toEqual({
      ListSubCustomers: Math.max(1, Math.ceil(customers.length / 100)),
      ListSubCustomerBillDetail: customers.reduce((n, c) => n + Math.max(1, Math.ceil(recordCount(stack, c, CYCLE) / 1000)), 0),
    });
  });

  it('refuses another reseller\'s view and another scope\'s customer with FORBIDDEN, before any call', () => {
    const caller: Caller = { name: 'reseller-a', role: 'reseller', indirectPartnerId: mine, pii: false };
    const ctx = { caller, loaders: {}, billCache: undefined } as never;
    const info = {} as GraphQLResolveInfo;
    const field = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields()['consumption']!.resolve!;
    expect(() => field('IndirectPartner')({ indirectPartnerId: other }, { cycle: CYCLE }, ctx, info)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(() => field('Customer')({ customerId: 'c', indirectPartnerId: other }, { cycle: CYCLE }, ctx, info)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    // The partner's own customer is outside a reseller key's scope too.
    expect(() => field('Customer')({ customerId: 'c', indirectPartnerId: null }, { cycle: CYCLE }, ctx, info)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    // Its own reseller's view resolves (to the view; the records load later).
    expect(field('IndirectPartner')({ indirectPartnerId: mine }, { cycle: CYCLE }, ctx, info)).toEqual({ kind: 'partner', scope: mine, cycles: [CYCLE] });
    expect(requests(stack)).toEqual({});
  });
});

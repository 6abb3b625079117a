/**
 * One rule for every billing-cycle argument (issue 15, rough edge 2): the open cycle (UTC+8) and the 17
 * before it. A future cycle, one older than the 18 months Huawei keeps, and a malformed one are each
 * BAD_USER_INPUT naming the argument, before any upstream call — where `monthlyBills` used to answer 0 rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkCycle } from '../../../src/resolvers/input.js';
import { startStack, type Stack } from '../../support/stack.js';
import { belowCustomer, directCustomers, requests, warmReference } from './helpers.js';

/** TEST_NOW is 2026-11-15: the open cycle is 2026-11, the oldest kept 2025-06. */
const OPEN = '2026-11';
const REFUSED = ['2026-12', '2027-01', '2025-05', '2020-01'];

describe('checkCycle', () => {
  it('accepts the open cycle and the 17 before it, across a year end', () => {
    expect(checkCycle(OPEN, OPEN)).toBe(OPEN);
    expect(checkCycle('2025-06', OPEN)).toBe('2025-06');
    expect(checkCycle('2025-01', '2026-06')).toBe('2025-01');
  });

  it('refuses a future cycle and one older than 18 months with BAD_USER_INPUT naming the argument and the window', () => {
    for (const cycle of REFUSED) {
      let error: unknown;
      try {
        checkCycle(cycle, OPEN, 'fromCycle');
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'fromCycle' } });
      expect((error as Error).message).toContain('2025-06 to 2026-11');
    }
  });
});

describe('cycle arguments through the graph', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ pii: true });
  });
  beforeEach(() => warmReference(stack));
  afterAll(async () => {
    await stack.close();
  });

  it('Partner.monthlyBills and IndirectPartner.monthlyBills refuse a cycle outside the window without a call', async () => {
    const reseller = stack.simulator.state.world.resellers[0]!.indirectPartnerId;
    for (const cycle of REFUSED) {
      stack.bss.counter.reset();
      const result = await stack.graphql(`query ($cycle: BillingCycle!) { partner { monthlyBills(cycle: $cycle, first: 5) { totalCount } } }`, { cycle });
      expect(result.data.partner).toEqual({ monthlyBills: null });
      expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'cycle' }]);
      expect(requests(stack)).toEqual({});
      const viaReseller = await stack.graphql(
        `query ($cycle: BillingCycle!, $id: String!) { indirectPartner(indirectPartnerId: $id) { monthlyBills(cycle: $cycle, first: 5) { totalCount } } }`,
        { cycle, id: reseller },
      );
      expect(viaReseller.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'cycle' }]);
    }
  });

  it('Customer.monthlySummary refuses it too, before the token exchange', async () => {
    const customer = directCustomers(stack).find((c) => c.agency !== null)!;
    for (const cycle of REFUSED) {
      const result = await stack.graphql(`query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { monthlySummary(cycle: $cycle) { consumeAmount } } }`, {
        id: customer.customerId,
        cycle,
      });
      expect(result.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'cycle' }]);
      expect(belowCustomer(stack)).toEqual({});
    }
  });

  it('a malformed cycle is BAD_USER_INPUT too (the BillingCycle scalar)', async () => {
    const result = await stack.graphql(`{ partner { monthlyBills(cycle: "2026-13", first: 5) { totalCount } } }`);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(requests(stack)).toEqual({});
  });
});

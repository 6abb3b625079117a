/** The benchmark's lower bounds, on a hand-made world whose answers are counted by hand. */
import { describe, expect, it } from 'vitest';
import {
  batchCalls, customerPageBound, monthPullBound, naivePullCalls, pageCalls, totalCalls, wallBoundSeconds,
} from '../../bench/bounds.js';
import type { CustomerTruth, WorldTruth } from '../../bench/sim-protocol.js';

const customer = (customerId: string, indirectPartnerId: string | null, records: number, associationType: '1' | '2' = '2'): CustomerTruth => ({
  customerId, indirectPartnerId, associationType, records,
});

// Own: a (no records), b (2500: 3 pages), c (1000: 1 page), d (1). Reseller r1: e (none), f (1001: 2 pages). r2: nobody.
const WORLD: WorldTruth = {
  resellers: ['r1', 'r2'],
  customers: [
    customer('a', null, 0), customer('b', null, 2500, '1'), customer('c', null, 1000), customer('d', null, 1),
    customer('e', 'r1', 0), customer('f', 'r1', 1001),
  ],
};

describe('bench bounds', () => {
  it('a list costs one call even when empty; a batch costs none', () => {
    expect([pageCalls(0, 100), pageCalls(100, 100), pageCalls(101, 100)]).toEqual([1, 1, 2]);
    expect([batchCalls(0, 100), batchCalls(100, 100), batchCalls(101, 100)]).toEqual([0, 1, 2]);
  });

  it('a page of customers: one list, one balance batch for the resale ones, one tag batch, one order count each', () => {
    expect(customerPageBound(WORLD, 3)).toEqual({ ListSubCustomers: 1, ListCustomersBalancesDetail: 1, ListSubCustomerNewTag: 1, ListCustomerOrders: 3 });
    const referralOnly: WorldTruth = { resellers: [], customers: [customer('x', null, 0, '1')] };
    expect(customerPageBound(referralOnly, 100)).toEqual({ ListSubCustomers: 1, ListSubCustomerNewTag: 1, ListCustomerOrders: 1 });
  });

  it('a month: own consumers through 4.3 when that is fewer, every reseller customer through its scope', () => {
    // Own: 4.3 (1) + b, c, d (3 + 1 + 1) = 6 < list (1) + a..d (1 + 3 + 1 + 1) = 7. Resellers: 1 + r1 (1 + 1 + 2) + r2 (1).
    const bound = monthPullBound(WORLD);
    expect(bound).toEqual({ ListConsumeSubCustomers: 1, ListSubCustomerBillDetail: 8, ListIndirectPartners: 1, ListSubCustomers: 2 });
    expect(totalCalls(bound)).toBe(12);
  });

  it('a month with customer names: the own list is needed anyway, and 4.3 no longer saves a call', () => {
    expect(monthPullBound(WORLD, { needNames: true })).toEqual({ ListSubCustomers: 3, ListSubCustomerBillDetail: 9, ListIndirectPartners: 1 });
  });

  it('the naive script at the SDK default of 10 a page', () => {
    // Records: a 1, b 250, c 100, d 1, e 1, f 101. Lists: resellers 1, scopes own/r1/r2 1 each.
    expect(naivePullCalls(WORLD, { lists: 10, records: 10 })).toEqual({ ListIndirectPartners: 1, ListSubCustomers: 3, ListSubCustomerBillDetail: 454 });
  });

  it('wall bound: the slowest API at its quota, plus one round trip', () => {
    expect(wallBoundSeconds({ ListSubCustomerBillDetail: 8, ListSubCustomers: 3, ListIndirectPartners: 1 }, 40)).toBeCloseTo(0.84, 10);
    expect(wallBoundSeconds({ A: 30, B: 5 }, 0, (name) => (name === 'A' ? 30 : 10))).toBe(1);
    expect(wallBoundSeconds({}, 40)).toBeCloseTo(0.04, 10);
  });
});

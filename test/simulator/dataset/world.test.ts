import { describe, expect, it } from 'vitest';
import { DEMO_PARTNER, World } from '../../../src/simulator/dataset/world.js';
import { Random } from '../../../src/simulator/dataset/random.js';

const NOW = new Date('2026-11-15T04:00:00Z');

describe('World', () => {
  it('is the same world for the same seed, customers and anchor', () => {
    const a = new World({ seed: 42, customers: 200, now: NOW });
    const b = new World({ seed: 42, customers: 200, now: NOW });
    expect(b.customers).toEqual(a.customers);
    expect(b.resellers).toEqual(a.resellers);
    const id = a.customers[17]!.customerId;
    expect(b.inventoryOf(id)).toEqual(a.inventoryOf(id));
  });

  it('differs for another seed', () => {
    const a = new World({ seed: 42, customers: 50, now: NOW });
    const b = new World({ seed: 43, customers: 50, now: NOW });
    expect(b.customers.map((c) => c.customerId)).not.toEqual(a.customers.map((c) => c.customerId));
  });

  it('derives a customer independently of how many customers exist', () => {
    const small = new World({ seed: 9, customers: 10, now: NOW });
    const large = new World({ seed: 9, customers: 1000, now: NOW, resellers: small.resellers.length });
    expect(large.customers[3]).toEqual(small.customers[3]);
    expect(large.inventoryOf(large.customers[3]!.customerId)).toEqual(small.inventoryOf(small.customers[3]!.customerId));
  });

  it('has both association types, resellers with customers, and customers without an agency', () => {
    const world = new World({ seed: 42, customers: 300, now: NOW });
    const types = new Set(world.customers.map((c) => c.associationType));
    expect(types).toEqual(new Set(['1', '2']));
    expect(world.resellers.length).toBe(6);
    for (const reseller of world.resellers) expect(world.customersOf(reseller.indirectPartnerId).length).toBeGreaterThan(0);
    expect(world.customersOf(null).length).toBeGreaterThan(100);
    expect(world.customers.some((c) => c.agency === null)).toBe(true);
    expect(new Set(world.customers.map((c) => c.customerId)).size).toBe(300);
  });

  it('links every order to resources of the same customer, and period resources to paid orders', () => {
    const world = new World({ seed: 42, customers: 100, now: NOW });
    let orders = 0;
    for (const customer of world.customers) {
      const { orders: list, resources } = world.inventoryOf(customer.customerId);
      const ids = new Set(resources.map((r) => r.resourceId));
      const paid = new Set(list.filter((o) => o.status === 5).map((o) => o.orderId));
      for (const order of list.filter((o) => o.status === 5)) for (const id of order.resourceIds) expect(ids.has(id)).toBe(true);
      for (const r of resources.filter((x) => x.chargeMode === 1)) expect(paid.has(r.orderId!)).toBe(true);
      for (const r of resources.filter((x) => x.parentResourceId)) expect(ids.has(r.parentResourceId!)).toBe(true);
      orders += list.length;
    }
    expect(orders).toBeGreaterThan(100);
  });

  it('generates twenty thousand customers without generating their inventories', () => {
    const world = new World({ seed: 1, customers: 20_000, now: NOW });
    expect(world.customers).toHaveLength(20_000);
    expect(world.customer(world.customers[19_999]!.customerId)?.index).toBe(19_999);
  });

  it('uses the demo partner unless credentials are given', () => {
    expect(new World({ seed: 1, customers: 1, now: NOW }).partner).toEqual(DEMO_PARTNER);
    const custom = new World({ seed: 1, customers: 1, now: NOW, partner: { ak: 'AK', sk: 'SK', domainId: 'd'.repeat(32) } });
    expect(custom.partner).toEqual({ ...DEMO_PARTNER, ak: 'AK', sk: 'SK', domainId: 'd'.repeat(32) });
  });
});

describe('Random', () => {
  it('is a fixed sequence for a seed', () => {
    const r = new Random(1);
    expect([r.next(), r.next(), r.next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(Random.derive(5, 'k').hex(8)).toBe(Random.derive(5, 'k').hex(8));
  });
});

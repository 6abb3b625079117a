/**
 * Upstream failures under order and resource fields become GraphQL errors on the failing field with
 * `extensions` { code, httpStatus, requestId, operation }, and the rest of the query still answers; a
 * reseller's customer without an agency gives the typed CUSTOMER_AGENCY_NOT_GRANTED error on the field that
 * needs its token only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { directCustomers, globalId, holdings, pick } from './helpers.js';

describe('errors under orders and resources', () => {
  let stack: Stack;
  let resale: CustomerRecord;

  beforeAll(async () => {
    stack = await startStack();
    resale = pick(directCustomers(stack, '2'), 'resale customer with orders and pay-per-use resources', (c) => holdings(stack, c).orders > 0 && holdings(stack, c).onDemand > 0);
  });
  afterEach(() => {
    stack.simulator.resetFaults();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('puts an upstream 400 on the failing field, with Huawei\'s code, status, request id and operation', async () => {
    const result = await stack.graphql(`{
      order(orderId: "CS2601010000ABCDE", indirectPartnerId: "00000000000000000000000000000000") { orderId }
      serviceTypes { code }
    }`);
    expect(result.data.order).toBeNull();
    expect(result.data.serviceTypes.length).toBeGreaterThan(0);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error.path).toEqual(['order']);
    expect(error.message).toBe('Huawei Cloud ListCustomerOrders failed: CBC.99000037 You have no permission to operate on this reseller.');
    expect(error.extensions).toEqual({ code: 'CBC.99000037', httpStatus: 400, requestId: expect.stringMatching(/^[0-9a-f-]{16,}$/), operation: 'ListCustomerOrders' });
  });

  it('keeps the orders when the pay-per-use list fails (5xx after retries)', async () => {
    stack.simulator.setFaults({ errorRate: 1, operations: ['ListCustomerOnDemandResources'] });
    const result = await stack.graphql(`query ($id: String!) { customer(customerId: $id) {
      customerId
      orders(first: 3) { totalCount }
      onDemandResources(first: 3) { totalCount }
    } }`, { id: resale.customerId });
    expect(result.data.customer.customerId).toBe(resale.customerId);
    expect(result.data.customer.orders.totalCount).toBeGreaterThan(0);
    expect(result.data.customer.onDemandResources).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['customer', 'onDemandResources']);
    expect(result.errors![0].extensions).toMatchObject({ operation: 'ListCustomerOnDemandResources', httpStatus: expect.any(Number) });
    expect([500, 502, 504]).toContain(result.errors![0].extensions.httpStatus);
    expect(['CBC.0999', 'APIGW.0201', 'APIGW.0202', 'APIG.0201', 'APIG.0202']).toContain(result.errors![0].extensions.code);
    // Retried as a read: the client made several attempts before giving up.
    expect(stack.bss.counter.snapshot().requests['ListCustomerOnDemandResources']).toBeGreaterThan(1);
  }, 30_000);

  it('gives a typed error for a reseller\'s customer who granted no agency, on that resource only', async () => {
    const world = stack.simulator.state.world;
    const noAgency = pick(world.customers, 'reseller customer without an agency and with yearly/monthly resources', (c) =>
      c.indirectPartnerId !== null && c.agency === null && holdings(stack, c).period > 0,
    );
    const withAgency = pick(world.customers, 'reseller customer with an agency and yearly/monthly resources', (c) =>
      c.indirectPartnerId !== null && c.agency !== null && holdings(stack, c).period > 0,
    );
    const idOf = (c: CustomerRecord) => {
      const r = stack.simulator.state.commerce.resourcesOf(c.customerId).find((x) => x.chargeMode === 1 && x.provisioned)!;
      return globalId('PeriodResource', `${c.customerId}@${c.indirectPartnerId}:${r.resourceId}`);
    };
    const result = await stack.graphql(`query ($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, { a: idOf(noAgency), b: idOf(withAgency) });
    expect(result.data).toEqual({ a: null, b: { id: idOf(withAgency) } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['a']);
    expect(result.errors![0].extensions).toMatchObject({ code: 'CUSTOMER_AGENCY_NOT_GRANTED', operation: expect.any(String) });
  });

  it('rejects an order-type filter of UNKNOWN before calling upstream', async () => {
    stack.bss.counter.reset();
    const result = await stack.graphql('{ partner { orders(first: 5, orderType: UNKNOWN) { totalCount } } }');
    expect(result.data.partner.orders).toBeNull();
    expect(result.errors![0].message).toBe('"orderType" cannot filter on UNKNOWN: name an order type');
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'orderType' });
    expect(stack.bss.counter.requests('ListCustomerOrders')).toBe(0);
  });
});

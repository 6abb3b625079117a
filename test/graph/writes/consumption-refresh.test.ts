/**
 * Read your writes in the consumption store: a paid order is a consumption record of the customer's open cycle,
 * and once the mutation answers, the customer's open-cycle view from the store (`source: STORE`) shows it, read
 * again for that customer alone; without the refresh it would wait for the daily one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { codes, newKey } from './support.js';

const PAY = `mutation ($orderId: String!, $key: String!) { payOrder(input: { orderId: $orderId, idempotencyKey: $key }) { replayed order { orderId status } } }`;
const FUND = `mutation ($id: String!, $key: String!) { allocateCustomerFunds(input: { customerId: $id, amount: "50000.00", idempotencyKey: $key }) { transferId } }`;
const VIEW = `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) {
  source total recordCount records(first: 1000) { nodes { tradeId } } } } }`;

describe('a paid order in the store\'s open cycle', () => {
  let stack: Stack;
  let order: { orderId: string; customerId: string };
  let cycle: string;
  beforeAll(async () => {
    stack = await startStack({ customers: 40, store: 'memory', sync: { months: 0 } });
    cycle = stack.sync!.cycles()[0]!;
    const { world, commerce } = stack.simulator.state;
    order = world.customersOf(null)
      .filter((c) => c.associationType === '2' && c.agency !== null)
      .flatMap((c) => commerce.ordersOf(c.customerId).filter((o) => o.status === 6 && o.parentOrderId === null).map((o) => ({ orderId: o.orderId, customerId: c.customerId })))[0]!;
    expect(order).toBeDefined();
    const pass = await stack.sync!.runPass();
    expect(pass.unitsFailed).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('shows in the customer\'s view from the store when payOrder answers', async () => {
    const before = (await stack.graphql(VIEW, { id: order.customerId, cycle })).data.customer.consumption;
    expect(before.source).toBe('STORE');
    expect(before.records.nodes.map((n: { tradeId: string }) => n.tradeId)).not.toContain(order.orderId);

    // Enough cash to pay it (the funds transfer is no consumption record).
    const funded = await stack.graphql(FUND, { id: order.customerId, key: newKey('fund-refresh') });
    expect(codes(funded)).toEqual([]);
    const paid = await stack.graphql(PAY, { orderId: order.orderId, key: newKey('pay-refresh') });
    expect(codes(paid)).toEqual([]);
    expect(paid.data.payOrder.order.status).toBe('COMPLETED');

    const after = (await stack.graphql(VIEW, { id: order.customerId, cycle })).data.customer.consumption;
    expect(after.source).toBe('STORE');
    expect(after.records.nodes.map((n: { tradeId: string }) => n.tradeId)).toContain(order.orderId);
    expect(after.recordCount).toBeGreaterThan(before.recordCount);
    expect(Number(after.total)).toBeGreaterThan(Number(before.total));
  }, 60_000);
});

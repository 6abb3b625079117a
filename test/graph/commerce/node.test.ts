/**
 * Global ids of orders and resources round-trip through `node` / `nodes` (and ContractNode), including
 * sub-orders, a reseller's customer's order (the reseller travels in the id) and a reseller's customer's
 * yearly/monthly resource (read with that customer's token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { ListCustomerOrders } from '../../../src/bss/operations/commerce/index.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { contractOperation } from './contract.js';
import { data, directCustomers, globalId, holdings, pick, requests } from './helpers.js';

const CONTRACT_NODE = print(contractOperation('ContractNode'));

describe('node(id) for orders and resources', () => {
  let stack: Stack;
  let customer: CustomerRecord;
  let ids: { order: string; subOrder: string; period: string; onDemand: string; orderId: string; subOrderId: string };

  beforeAll(async () => {
    stack = await startStack();
    customer = pick(directCustomers(stack, '2'), 'resale customer with a combined order and pay-per-use resources', (c) =>
      holdings(stack, c).onDemand >= 1 && stack.simulator.state.commerce.ordersOf(c.customerId).some((o) => o.resourceIds.length > 1),
    );
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) {
      orders(first: 100) { nodes { id orderId subOrders { id orderId } } }
      resources(first: 100) { nodes { id __typename } }
    } }`, { id: customer.customerId });
    const combined = d.customer.orders.nodes.find((o: any) => o.subOrders.length > 0);
    ids = {
      order: combined.id,
      orderId: combined.orderId,
      subOrder: combined.subOrders[0].id,
      subOrderId: combined.subOrders[0].orderId,
      period: d.customer.resources.nodes.find((r: any) => r.__typename === 'PeriodResource').id,
      onDemand: d.customer.resources.nodes.find((r: any) => r.__typename === 'OnDemandResource').id,
    };
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers ContractNode for an order and both resource kinds', async () => {
    for (const [id, typename] of [[ids.order, 'Order'], [ids.period, 'PeriodResource'], [ids.onDemand, 'OnDemandResource']] as const) {
      const d = await data(stack, CONTRACT_NODE, { id });
      expect(d.node).toEqual({ id, __typename: typename });
    }
  });

  it('refetches an order with one ListCustomerOrders call, equal to the listed one', async () => {
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: ID!) { node(id: $id) { id ... on Order { orderId status officialAmount customerId } } }`, { id: ids.order });
    expect(d.node.id).toBe(ids.order);
    expect(d.node.orderId).toBe(ids.orderId);
    expect(d.node.customerId).toBe(customer.customerId);
    expect(ids.order).toBe(globalId('Order', ids.orderId));
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1 });
  });

  it('refetches a sub-order: ListCustomerOrders lists only combined orders, so ShowCustomerOrderDetails answers it', async () => {
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: ID!) { node(id: $id) { id ... on Order { orderId createdBy } } }`, { id: ids.subOrder });
    expect(d.node).toMatchObject({ id: ids.subOrder, orderId: ids.subOrderId });
    expect(typeof d.node.createdBy).toBe('string');
    // The details answer primes the header fields: no second details call for createdBy.
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1, ShowCustomerOrderDetails: 1 });
  });

  it('refetches resources by id, each kind in one batched call', async () => {
    stack.bss.counter.reset();
    const d = await data(stack, `query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Resource { resourceId customerId } } }`, {
      ids: [ids.period, ids.onDemand],
    });
    expect(d.nodes.map((n: any) => [n.id, n.__typename, n.customerId])).toEqual([
      [ids.period, 'PeriodResource', customer.customerId],
      [ids.onDemand, 'OnDemandResource', customer.customerId],
    ]);
    expect(requests(stack)).toEqual({ ListPayPerUseCustomerResources: 1, ListCustomerOnDemandResources: 1 });
  });

  it('answers null for ids that name nothing', async () => {
    const missing = [
      globalId('Order', 'CS0000000000NONE0'),
      globalId('PeriodResource', `${customer.customerId}:no-such-resource`),
      globalId('OnDemandResource', `${customer.customerId}:no-such-resource`),
      globalId('PeriodResource', 'not-a-resource-key'),
    ];
    const d = await data(stack, `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: missing });
    expect(d.nodes).toEqual([null, null, null, null]);
  });

  it('keeps the reseller in the global id of a reseller\'s customer\'s order, so the refetch asks the same way', async () => {
    const world = stack.simulator.state.world;
    const resellerCustomer = pick(world.customers, 'reseller customer with orders', (c) => c.indirectPartnerId !== null && holdings(stack, c).orders > 0);
    const raw = await stack.bss.call(ListCustomerOrders, { customer_id: resellerCustomer.customerId, indirect_partner_id: resellerCustomer.indirectPartnerId!, limit: 1 });
    const orderId = raw.order_infos![0]!.order_id!;

    const viaRoot = await data(stack, `query ($o: String!, $r: String) { order(orderId: $o, indirectPartnerId: $r) { id orderId customerId } }`, {
      o: orderId,
      r: resellerCustomer.indirectPartnerId,
    });
    expect(viaRoot.order).toEqual({
      id: globalId('Order', `${orderId}@${resellerCustomer.indirectPartnerId}`),
      orderId,
      customerId: resellerCustomer.customerId,
    });
    // Without the reseller the partner does not reach that order.
    const direct = await data(stack, `query ($o: String!) { order(orderId: $o) { id } }`, { o: orderId });
    expect(direct.order).toBeNull();

    stack.bss.counter.reset();
    // More than the customer's id (its id alone is the order's, free): the customer is looked up.
    const refetched = await data(stack, `query ($id: ID!) { node(id: $id) { id ... on Order { orderId customer { customerId accountName } } } }`, { id: viaRoot.order.id });
    expect(refetched.node).toMatchObject({ id: viaRoot.order.id, orderId, customer: { customerId: resellerCustomer.customerId } });
    // The customer is looked up in the reseller's scope the order came from: one call, no search.
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1, ListSubCustomers: 1 });
  });

  it('reads a reseller\'s customer\'s yearly/monthly resource with that customer\'s token', async () => {
    const world = stack.simulator.state.world;
    const c = pick(world.customers, 'reseller customer with an agency and yearly/monthly resources', (x) => x.indirectPartnerId !== null && x.agency !== null && holdings(stack, x).period > 0);
    const resource = stack.simulator.state.commerce.resourcesOf(c.customerId).find((r) => r.chargeMode === 1 && r.provisioned)!;
    const id = globalId('PeriodResource', `${c.customerId}@${c.indirectPartnerId}:${resource.resourceId}`);
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: ID!) { node(id: $id) { id ... on PeriodResource { resourceId customerId } } }`, { id });
    expect(d.node).toEqual({ id, resourceId: resource.resourceId, customerId: c.customerId });
    expect(requests(stack)).toEqual({ KeystoneCreateAgencyToken: 1, ListPayPerUseCustomerResources: 1 });
  });
});

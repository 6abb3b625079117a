/**
 * What nested order and resource queries cost upstream: exact request counts per operation, in the style of
 * the Pothos dataloader plugin's tests. Reference names come from the cache; by-id resource lookups batch
 * ≤ 50 ids per customer; list results prime the by-id loaders; the customer under its own orders is free.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCustomerOrders, ListPayPerUseCustomerResources, ShowCustomerOrderDetails,
} from '../../../src/bss/operations/commerce/index.js';
import { maskLoginName } from '../../../src/auth/pii.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { belowCustomer, data, directCustomers, globalId, holdings, pick, requests } from './helpers.js';

describe('upstream calls of nested order and resource queries', () => {
  let stack: Stack;
  let rich: CustomerRecord;

  beforeAll(async () => {
    stack = await startStack({ customers: 200 });
    rich = pick(directCustomers(stack, '2'), 'resale customer with ≥ 9 yearly/monthly resources and ≥ 3 pay-per-use ones', (c) => {
      const h = holdings(stack, c);
      return h.period >= 9 && h.onDemand >= 3;
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  // First in the file: the reference cache is cold only once.
  it('20 orders with service type names cost 1 orders call and 1 service-types call, then 0 service-types calls', async () => {
    const query = '{ partner { orders(first: 20) { totalCount nodes { orderId serviceType { code name } } } } }';
    stack.bss.counter.reset();
    const first = await data(stack, query);
    expect(first.partner.orders.nodes).toHaveLength(20);
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1, ListServiceTypes: 1 });

    stack.bss.counter.reset();
    const again = await data(stack, query);
    expect(again).toEqual(first);
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1 });

    // The names are the ones the orders carry (the catalogue and the records agree).
    const raw = await stack.bss.call(ListCustomerOrders, { offset: 0, limit: 20 });
    expect(first.partner.orders.nodes).toEqual(raw.order_infos!.map((o) => ({ orderId: o.order_id, serviceType: { code: o.service_type_code, name: o.service_type_name } })));
  });

  it('a first above the 100-row page is served by walking pages', async () => {
    const raw = await stack.bss.paginate(ListCustomerOrders, {}, { maxItems: 150 });
    stack.bss.counter.reset();
    const d = await data(stack, '{ partner { orders(first: 150) { totalCount pageInfo { hasNextPage } nodes { orderId } } } }');
    expect(d.partner.orders.nodes.map((o: any) => o.orderId)).toEqual(raw.items.map((o) => o.order_id));
    expect(d.partner.orders.pageInfo.hasNextPage).toBe(raw.total > 150);
    expect(requests(stack)).toEqual({ ListCustomerOrders: 2 });
  });

  it('refuses a first beyond the configured maximum with a clear error', async () => {
    const result = await stack.graphql('{ partner { orders(first: 5000) { totalCount } } }');
    expect(result.errors?.[0]?.message).toBe('"first" may be at most 1000 (got 5000); page with "after" for more');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves the customer of orders listed under that customer without another lookup', async () => {
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { orders(first: 20) { nodes { customer { customerId } } } } }`, {
      id: rich.customerId,
    });
    for (const o of d.customer.orders.nodes) expect(o.customer).toEqual({ customerId: rich.customerId });
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ListCustomerOrders: 1 });
  });

  it('reads createdBy next to the first page of line items in one details call per order', async () => {
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { orders(first: 5) { nodes { orderId createdBy lineItems(first: 3) { totalCount } } } } }`, {
      id: rich.customerId,
    });
    const orders = d.customer.orders.nodes;
    expect(belowCustomer(stack)).toEqual({ ListCustomerOrders: 1, ShowCustomerOrderDetails: orders.length });
    for (const o of orders) {
      const raw = await stack.bss.call(ShowCustomerOrderDetails, { order_id: o.orderId, limit: 1 });
      // The open caller has no PII permission: the creator's login name comes masked.
      expect(o.createdBy).toBe(maskLoginName(raw.order_info!.user_name!));
      expect(o.lineItems.totalCount).toBe(raw.total_count);
    }
  });

  it('batches resources by id: ≤ 50 ids per call, one customer per call', async () => {
    const real = stack.simulator.state.commerce.resourcesOf(rich.customerId).filter((r) => r.chargeMode === 1 && r.provisioned);
    const key = (resourceId: string) => globalId('PeriodResource', `${rich.customerId}:${resourceId}`);
    // 55 ids of one customer: the real ones and made-up ones (answered null).
    const ids = [...real.map((r) => key(r.resourceId)), ...Array.from({ length: 55 - real.length }, (_, i) => key(`missing-${i}`))];
    stack.bss.counter.reset();
    const d = await data(stack, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(d.nodes.filter((n: any) => n !== null).map((n: any) => n.id)).toEqual(real.map((r) => key(r.resourceId)));
    expect(requests(stack)).toEqual({ ListPayPerUseCustomerResources: 2 });

    // Three customers' resources: one call each.
    const others = directCustomers(stack).filter((c) => c.customerId !== rich.customerId && holdings(stack, c).period > 0).slice(0, 2);
    const mixed = [rich, ...others].map((c) => {
      const r = stack.simulator.state.commerce.resourcesOf(c.customerId).find((x) => x.chargeMode === 1 && x.provisioned)!;
      return globalId('PeriodResource', `${c.customerId}:${r.resourceId}`);
    });
    stack.bss.counter.reset();
    const m = await data(stack, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: mixed });
    expect(m.nodes.map((n: any) => n.id)).toEqual(mixed);
    expect(requests(stack)).toEqual({ ListPayPerUseCustomerResources: 3 });

    // Asking again in the same request for ids already loaded costs nothing more.
    stack.bss.counter.reset();
    await data(stack, 'query ($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } b: nodes(ids: $b) { id } }', { a: mixed, b: mixed });
    expect(requests(stack)).toEqual({ ListPayPerUseCustomerResources: 3 });
  });

  it('lists parents from the page already read and all children of a page in one call', async () => {
    const raw = await stack.bss.paginate(ListPayPerUseCustomerResources, { body: { customer_id: rich.customerId } });
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) {
      periodResources(first: 100) { nodes { resourceId isMainResource parent { resourceId } children { resourceId } } }
    } }`, { id: rich.customerId });
    const nodes = d.customer.periodResources.nodes;
    expect(nodes.map((n: any) => n.resourceId)).toEqual(raw.items.map((r) => r.resource_id));
    for (const n of nodes) {
      const rawRow = raw.items.find((r) => r.resource_id === n.resourceId)!;
      expect(n.isMainResource).toBe(rawRow.is_main_resource === 1);
      expect(n.parent).toEqual(rawRow.parent_resource_id ? { resourceId: rawRow.parent_resource_id } : null);
      const kids = raw.items.filter((r) => r.parent_resource_id === n.resourceId).map((r) => ({ resourceId: r.resource_id }));
      expect(n.children).toEqual(n.isMainResource ? kids : []);
    }
    // One page of the list, one call for the children of every main resource on it, no call for parents.
    expect(belowCustomer(stack)).toEqual({ ListPayPerUseCustomerResources: 2 });
  });

  it('finds the order that bought each yearly/monthly resource: 1 orders list + 1 call per distinct order checked', async () => {
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) {
      periodResources(first: 100) { nodes { resourceId order { orderId orderType } } }
    } }`, { id: rich.customerId });
    const nodes = d.customer.periodResources.nodes as { resourceId: string; order: { orderId: string; orderType: string } | null }[];
    // Ground truth: the simulator's inventory records which order bought each resource group.
    const inventory = stack.simulator.state.world.inventoryOf(rich.customerId);
    for (const n of nodes) {
      const bought = inventory.orders.find((o) => o.orderType === 1 && o.status === 5 && o.resourceIds.includes(n.resourceId));
      expect(n.order?.orderId ?? null, n.resourceId).toBe(bought?.orderId ?? null);
      if (n.order) expect(n.order.orderType).toBe('NEW_PURCHASE');
    }
    const distinctOrders = new Set(nodes.map((n) => n.order?.orderId).filter(Boolean)).size;
    const calls = belowCustomer(stack);
    expect(calls['ListCustomerOrders']).toBe(1);
    // The list page, then one resources-of-order check per distinct order (the closest candidate hits first).
    expect(calls['ListPayPerUseCustomerResources']).toBe(1 + distinctOrders);
  });
});

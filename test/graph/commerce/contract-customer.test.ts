/**
 * ContractCustomer's orders and resources, end to end on the simulator: the graph answers exactly what the
 * BSS endpoints answer for the same customer (ListCustomerOrders, ListPayPerUseCustomerResources, then
 * ListCustomerOnDemandResources), with exact upstream call counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListCustomerOnDemandResources, ListCustomerOrders, ListPayPerUseCustomerResources } from '../../../src/bss/operations/commerce/index.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { contractOperation, hasField, without } from './contract.js';
import { ON_DEMAND_STATUS, ORDER_STATUS, ORDER_TYPE, PERIOD_STATUS, dec, directCustomers, globalId, holdings, iso, pick, requests } from './helpers.js';

const CONTRACT_CUSTOMER = contractOperation('ContractCustomer');
/** `coupons` belongs to the partner graph, built concurrently; until it exists this file tests the rest. */
const QUERY = hasField('Customer', 'coupons') ? without(CONTRACT_CUSTOMER, []) : without(CONTRACT_CUSTOMER, ['coupons']);

describe('ContractCustomer: orders and resources', () => {
  let stack: Stack;
  let resale: CustomerRecord;
  let consultative: CustomerRecord;

  beforeAll(async () => {
    stack = await startStack();
    const h = (c: CustomerRecord) => holdings(stack, c);
    resale = pick(directCustomers(stack, '2'), 'resale customer with orders and both kinds of resources', (c) => {
      const x = h(c);
      return x.orders >= 3 && x.period >= 2 && x.onDemand >= 2 && x.period + x.onDemand <= 20;
    });
    consultative = pick(directCustomers(stack, '1'), 'consultative customer with resources of both kinds', (c) => h(c).period >= 2 && h(c).onDemand >= 1);
  });
  afterAll(async () => {
    await stack.close();
  });

  async function expected(customerId: string, withOnDemand: boolean) {
    const orders = await stack.bss.call(ListCustomerOrders, { customer_id: customerId, offset: 0, limit: 20 });
    const period = await stack.bss.call(ListPayPerUseCustomerResources, { body: { customer_id: customerId, offset: 0, limit: 20 } });
    const onDemand = withOnDemand
      ? await stack.bss.call(ListCustomerOnDemandResources, { body: { customer_id: customerId, offset: 0, limit: 20 } })
      : { total_count: 0, resources: [] };
    stack.bss.counter.reset();
    const resourceNodes = [
      ...(period.data ?? []).map((r) => ({
        id: globalId('PeriodResource', `${customerId}:${r.resource_id}`),
        resourceId: r.resource_id,
        status: PERIOD_STATUS[r.status!],
        expireTime: iso(r.expire_time),
        serviceType: { code: r.service_type_code, name: r.service_type_name },
        resourceType: { code: r.resource_type_code, name: r.resource_type_name },
      })),
      ...(onDemand.resources ?? []).map((r) => ({
        id: globalId('OnDemandResource', `${customerId}:${r.resource_id}`),
        resourceId: r.resource_id,
        status: ON_DEMAND_STATUS[r.status!],
        expireTime: iso(r.expire_time),
        serviceType: { code: r.service_type_code, name: r.service_type_name },
        resourceType: { code: r.resource_type_code, name: r.resource_type_name },
      })),
    ].slice(0, 20);
    return {
      id: globalId('Customer', customerId),
      customerId,
      orders: {
        totalCount: orders.total_count,
        nodes: (orders.order_infos ?? []).map((o) => ({
          id: globalId('Order', o.order_id!),
          orderId: o.order_id,
          status: ORDER_STATUS[o.status!],
          orderType: ORDER_TYPE[o.order_type!],
          officialAmount: dec(o.official_amount),
          amountAfterDiscount: dec(o.amount_after_discount),
          createdAt: iso(o.create_time),
          serviceType: { code: o.service_type_code, name: o.service_type_name },
        })),
      },
      resources: { totalCount: period.total_count! + onDemand.total_count!, nodes: resourceNodes },
    };
  }

  it('answers a resale customer exactly as the raw endpoints, in 1 call per list plus one per catalogue (cold cache)', async () => {
    const want = await expected(resale.customerId, true);
    expect(want.orders.nodes.length).toBeGreaterThanOrEqual(3);
    // Both lists show up in the merged page.
    expect(new Set(want.resources.nodes.map((n) => Buffer.from(n.id, 'base64').toString().split(':')[0]))).toEqual(
      new Set(['PeriodResource', 'OnDemandResource']),
    );

    const result = await stack.graphql(QUERY, { customerId: resale.customerId });
    expect(result.errors).toBeUndefined();
    const { coupons: _coupons, ...customer } = result.data.customer;
    expect(customer).toEqual(want);
    // Money is exact text, never a float: "2058.00", not 2058.
    for (const o of customer.orders.nodes) expect(o.officialAmount).toMatch(/^-?\d+\.\d{2,}$/);

    const calls = { ...requests(stack) };
    // The partner graph's own calls (customer lookup, coupons) are not this file's to count.
    delete calls['ListSubCustomers'];
    for (const name of Object.keys(calls)) if (/Coupon/.test(name)) delete calls[name];
    expect(calls).toEqual({
      ListCustomerOrders: 1,
      ListPayPerUseCustomerResources: 1,
      ListCustomerOnDemandResources: 1,
      ListServiceTypes: 1,
      ListResourceTypes: 1,
    });
  });

  it('serves every serviceType/resourceType name from the reference cache on the next request', async () => {
    const want = await expected(resale.customerId, true);
    const result = await stack.graphql(QUERY, { customerId: resale.customerId });
    expect(result.errors).toBeUndefined();
    expect(result.data.customer.orders).toEqual(want.orders);
    expect(result.data.customer.resources).toEqual(want.resources);
    const calls = requests(stack);
    expect(calls['ListServiceTypes']).toBeUndefined();
    expect(calls['ListResourceTypes']).toBeUndefined();
    expect(calls['ListCustomerOrders']).toBe(1);
    expect(calls['ListPayPerUseCustomerResources']).toBe(1);
    expect(calls['ListCustomerOnDemandResources']).toBe(1);
  });

  it('lists only yearly/monthly resources of a consultative-sales customer, without asking for pay-per-use ones', async () => {
    const want = await expected(consultative.customerId, false);
    const result = await stack.graphql(QUERY, { customerId: consultative.customerId });
    expect(result.errors).toBeUndefined();
    expect(result.data.customer.resources).toEqual(want.resources);
    expect(result.data.customer.orders).toEqual(want.orders);
    expect(requests(stack)['ListCustomerOnDemandResources']).toBeUndefined();
    expect(requests(stack)['ListPayPerUseCustomerResources']).toBe(1);
  });

  it.runIf(hasField('Customer', 'coupons'))('answers the whole ContractCustomer operation without errors', async () => {
    const result = await stack.graphql(without(CONTRACT_CUSTOMER, []), { customerId: resale.customerId });
    expect(result.errors).toBeUndefined();
    expect(result.data.customer.customerId).toBe(resale.customerId);
  });
});

/**
 * The order lists of the partner and of a reseller, with the ListCustomerOrders filters as arguments: each
 * answers what the raw endpoint answers for the same filters, one call per page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListCustomerOrders, type ListCustomerOrdersRequest } from '../../../src/bss/operations/commerce/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { data, globalId, requests } from './helpers.js';

describe('Partner.orders and IndirectPartner.orders', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await data(stack, '{ serviceTypes { code } }');
  });
  afterAll(async () => {
    await stack.close();
  });

  const raw = async (req: ListCustomerOrdersRequest) => (await stack.bss.paginate(ListCustomerOrders, req)).items.map((o) => o.order_id);

  it('applies every filter as the upstream does', async () => {
    const cases: { args: string; req: ListCustomerOrdersRequest }[] = [
      { args: 'status: PENDING_PAYMENT', req: { status: 6 } },
      { args: 'orderType: UNSUBSCRIPTION', req: { order_type: '4' } },
      { args: 'serviceTypeCode: "hws.service.type.ec2", sort: CREATED_OLDEST_FIRST', req: { service_type_code: 'hws.service.type.ec2', order_by: 'createTime' } },
      { args: 'createdFrom: "2026-06-01T00:00:00Z", createdTo: "2026-09-01T00:00:00Z"', req: { create_time_begin: '2026-06-01T00:00:00Z', create_time_end: '2026-09-01T00:00:00Z' } },
      { args: 'paidFrom: "2026-03-01T00:00:00Z", paidTo: "2026-04-01T00:00:00Z"', req: { payment_time_begin: '2026-03-01T00:00:00Z', payment_time_end: '2026-04-01T00:00:00Z' } },
    ];
    for (const c of cases) {
      const want = await raw(c.req);
      expect(want.length, c.args).toBeGreaterThan(0);
      stack.bss.counter.reset();
      const d = await data(stack, `{ partner { orders(first: 1000, ${c.args}) { totalCount nodes { orderId } } } }`);
      expect(d.partner.orders.nodes.map((o: any) => o.orderId), c.args).toEqual(want);
      expect(d.partner.orders.totalCount).toBe(want.length);
      expect(requests(stack)).toEqual({ ListCustomerOrders: Math.max(1, Math.ceil(want.length / 100)) });
    }
  });

  it('lists one customer\'s orders with customerId', async () => {
    const first = (await stack.bss.call(ListCustomerOrders, { limit: 1 })).order_infos![0]!;
    const want = await raw({ customer_id: first.customer_id! });
    const d = await data(stack, `query ($c: String) { partner { orders(first: 100, customerId: $c) { nodes { orderId customerId } } } }`, { c: first.customer_id });
    expect(d.partner.orders.nodes).toEqual(want.map((orderId) => ({ orderId, customerId: first.customer_id })));
  });

  it('lists a reseller\'s customers\' orders through IndirectPartner.orders, with the reseller in each global id', async () => {
    const reseller = stack.simulator.state.world.resellers[0]!;
    const rawOrders = await stack.bss.call(ListCustomerOrders, { indirect_partner_id: reseller.indirectPartnerId, offset: 0, limit: 20 });
    expect(rawOrders.order_infos!.length).toBeGreaterThan(0);
    stack.bss.counter.reset();
    const d = await data(stack, `query ($r: String!) { indirectPartner(indirectPartnerId: $r) { orders(first: 20) { totalCount nodes { id orderId customerId } } } }`, {
      r: reseller.indirectPartnerId,
    });
    expect(d.indirectPartner.orders).toEqual({
      totalCount: rawOrders.total_count,
      nodes: rawOrders.order_infos!.map((o) => ({
        id: globalId('Order', `${o.order_id}@${reseller.indirectPartnerId}`),
        orderId: o.order_id,
        customerId: o.customer_id,
      })),
    });
    expect(requests(stack)['ListCustomerOrders']).toBe(1);
  });
});

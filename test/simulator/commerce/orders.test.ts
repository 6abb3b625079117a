 
import { describe, expect, it } from 'vitest';
import {
  ListCustomerOrders, ListPayPerUseCustomerResources, RenewalResources, ShowCustomerOrderDetails, ShowRefundOrderDetails,
} from '../../../src/bss/operations/commerce/index.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { asCustomer, badParameter, call, customerAt } from './support.js';

const state = testState();
const c6 = customerAt(state, 6);
const c9 = customerAt(state, 9);
const c11 = customerAt(state, 11);
const c2 = customerAt(state, 2); // a reseller's customer

const noDiscounts = {
  flexipurchase_coupon_amount: '0.00', coupon_amount: '0.00', stored_card_amount: '0.00', commission_amount: '0.00', consumed_amount: '0.00',
};

describe('ListCustomerOrders', () => {
  it('lists a customer\'s orders newest first, with exact amounts, discounts and sub-orders', async () => {
    const res = await asCustomer(state, c6, ListCustomerOrders);
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(2);
    expect(res.body.order_infos[0]).toEqual({
      order_id: 'CS2610080816TUW6C',
      customer_id: c6.customerId,
      service_type_code: 'hws.service.type.vpc',
      service_type_name: '虚拟私有云',
      source_type: 1,
      status: 5,
      order_type: 1,
      amount_after_discount: '1035.00',
      official_amount: '1380.00',
      measure_id: 1,
      create_time: '2026-10-08T00:16:38Z',
      payment_time: '2026-10-08T00:23:01Z',
      currency: 'CNY',
      amount_info: {
        discounts: [{ discount_type: '900', discount_amount: '230.00' }, { discount_type: '607', discount_amount: '115.00' }],
        ...noDiscounts,
      },
      enterprise_projects: [{ id: '0', name: 'default' }],
      sub_order_infos: [],
      agent_pay_info: { is_agent_pay: false },
    });
    const combined = res.body.order_infos[1];
    expect(combined.order_id).toBe('CS2604020137AO95H');
    expect(combined.sub_order_infos.map((s: any) => [s.order_id, s.service_type_code, s.official_amount, s.amount_after_discount])).toEqual([
      ['CS2604020137GAXTB', 'hws.service.type.ec2', '288.00', '259.20'],
      ['CS2604020137ZBJ7M', 'hws.service.type.ebs', '35.00', '31.50'],
      ['CS2604020137F089U', 'hws.service.type.vpc', '20.00', '18.00'],
    ]);
    expect(Object.keys(combined.sub_order_infos[0])).not.toContain('agent_pay_info');
    expect([combined.official_amount, combined.amount_after_discount, combined.amount_info.discounts]).toEqual([
      '343.00', '308.70', [{ discount_type: '607', discount_amount: '34.30' }],
    ]);
  });

  it('pages with offset/limit and counts the total', async () => {
    const all = await asCustomer(state, c11, ListCustomerOrders, { query: { limit: 100 } });
    expect(all.body.total_count).toBe(18);
    const ids = all.body.order_infos.map((o: any) => o.order_id);
    expect(ids[0]).toBe('CS2610200253KHNE8');
    expect(ids.at(-1)).toBe('CS25112112425T1OU');
    const pages = [];
    for (let offset = 0; offset < 18; offset += 5) {
      const page = await asCustomer(state, c11, ListCustomerOrders, { query: { offset, limit: 5 } });
      expect(page.body.total_count).toBe(18);
      pages.push(...page.body.order_infos.map((o: any) => o.order_id));
    }
    expect(pages).toEqual(ids);
    const defaultPage = await asCustomer(state, c11, ListCustomerOrders);
    expect(defaultPage.body.order_infos).toHaveLength(10);
    const ascending = await asCustomer(state, c11, ListCustomerOrders, { query: { order_by: 'createTime', limit: 100 } });
    expect(ascending.body.order_infos.map((o: any) => o.order_id)).toEqual([...ids].reverse());
  });

  it('filters by order id (case-insensitive), type, status, service type and time windows', async () => {
    const ids = async (query: Record<string, string | number>) =>
      (await asCustomer(state, c11, ListCustomerOrders, { query: { ...query, limit: 100 } })).body.order_infos.map((o: any) => o.order_id);
    expect(await ids({ order_id: 'cs2609010616o9wx0' })).toEqual(['CS2609010616O9WX0']);
    expect(await ids({ order_type: '1' })).toEqual(['CS2609070736XQK0L', 'CS2609010616O9WX0', 'CS2604222207O4G1Q', 'CS2512230253KU4CT', 'CS25112112425T1OU']);
    expect(await ids({ service_type_code: 'HWS.SERVICE.TYPE.CCE' })).toEqual(['CS2607162207EIUT5', 'CS2606212207NL0DU', 'CS26051622072Q228', 'CS2604222207O4G1Q']);
    expect(await ids({ status: 6 })).toEqual([]);
    expect(await ids({ create_time_begin: '2026-09-01T00:00:00Z', create_time_end: '2026-10-01T00:00:00Z' })).toEqual(['CS2609210253KGJOJ', 'CS2609070736XQK0L']);
    expect(await ids({ payment_time_begin: '2026-08-31T22:20:00Z', payment_time_end: '2026-09-06T23:46:00Z' })).toEqual(['CS2609070736XQK0L', 'CS2609010616O9WX0']);
    const pending = await asCustomer(state, c2, ListCustomerOrders, { query: { status: 6 } });
    expect(pending.body.order_infos.map((o: any) => [o.order_id, o.status])).toEqual([['CS2610231046NZ35F', 6]]);
    expect(pending.body.order_infos[0]).not.toHaveProperty('payment_time');
  });

  it('scopes partner callers to their direct customers, or a reseller\'s with indirect_partner_id', async () => {
    const direct = state.world.customersOf(null).reduce((n, c) => n + state.commerce.ordersOf(c.customerId).length, 0);
    expect((await call(state, ListCustomerOrders)).body.total_count).toBe(direct);
    const reseller = c2.indirectPartnerId!;
    const ofReseller = state.world.customersOf(reseller).reduce((n, c) => n + state.commerce.ordersOf(c.customerId).length, 0);
    expect((await call(state, ListCustomerOrders, { query: { indirect_partner_id: reseller } })).body.total_count).toBe(ofReseller);
    expect((await call(state, ListCustomerOrders, { query: { customer_id: c6.customerId } })).body.total_count).toBe(2);
    expect((await call(state, ListCustomerOrders, { query: { customer_id: c2.customerId, indirect_partner_id: reseller } })).body.total_count).toBe(4);

    const notOurs = { status: 400, body: { error_code: 'CBC.99000035', error_msg: 'The customer is not a sub-customer of the partner.' } };
    expect(await call(state, ListCustomerOrders, { query: { customer_id: c2.customerId } })).toEqual(notOurs);
    expect(await call(state, ListCustomerOrders, { query: { customer_id: 'f'.repeat(32) } })).toEqual(notOurs);
    expect(await call(state, ListCustomerOrders, { query: { indirect_partner_id: 'f'.repeat(32) } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' },
    });
    // A customer sees its own orders whatever customer_id says.
    expect((await asCustomer(state, c6, ListCustomerOrders, { query: { customer_id: c11.customerId } })).body.total_count).toBe(2);
    // No enterprise sub-accounts in the world.
    expect((await asCustomer(state, c11, ListCustomerOrders, { query: { method: 'sub_customer' } })).body).toEqual({ total_count: 0, order_infos: [] });
  });

  it('knows customers the partner created since (the partner store\'s): nothing bought yet', async () => {
    const fresh = testState();
    const created = fresh.partners.customers.create(
      { xaccountId: 'x-created-1', xaccountType: fresh.world.partner.xaccountType, domainName: 'created-one', mobilePhone: null, consultative: false, indirectPartnerId: null },
      fresh.world.random('test:create'), TEST_NOW,
    );
    expect((await call(fresh, ListCustomerOrders, { query: { customer_id: created.customerId } })).body).toEqual({ total_count: 0, order_infos: [] });
    expect((await call(fresh, ListPayPerUseCustomerResources, { body: { customer_id: created.customerId } })).body).toEqual({ total_count: 0, data: [] });
    expect((await asCustomer(fresh, created, ListCustomerOrders)).body).toEqual({ total_count: 0, order_infos: [] });
    expect((await asCustomer(fresh, created, RenewalResources, { body: { resource_ids: ['r1'], period_type: 2, period_num: 1 } })).body.fail_resource_infos[0].error_code).toBe('CBC.99003012');
  });

  it('rejects bad parameters with CBC.0100 naming them', async () => {
    const cases: [Record<string, string | number>, string][] = [
      [{ limit: 101 }, 'Parameter error: limit must be between 1 and 100.'],
      [{ limit: 0 }, 'Parameter error: limit must be between 1 and 100.'],
      [{ limit: 'ten' }, 'Parameter error: limit must be an integer.'],
      [{ offset: -1 }, 'Parameter error: offset must be between 0 and 2147483647.'],
      [{ status: 2 }, 'Parameter error: status must be one of 1, 3, 4, 5, 6, 9.'],
      [{ order_type: '5' }, 'Parameter error: order_type must be one of 1, 2, 3, 4, 10, 11, 13, 14, 15.'],
      [{ order_by: 'amount' }, 'Parameter error: order_by must be createTime or -createTime.'],
      [{ method: 'all' }, 'Parameter error: method must be oneself or sub_customer.'],
      [{ customer_id: 'x'.repeat(65) }, 'Parameter error: customer_id must be at most 64 characters.'],
      [{ create_time_begin: '2026-01-01 00:00:00' }, 'Parameter error: create_time_begin must be a UTC time like 2024-03-01T00:00:00Z.'],
      [{ create_time_begin: '2026-02-30T00:00:00Z' }, 'Parameter error: create_time_begin must be a UTC time like 2024-03-01T00:00:00Z.'],
      [{ create_time_begin: '2025-01-01T00:00:00Z', create_time_end: '2026-01-01T00:00:01Z' }, 'Parameter error: create_time_end must be at most one year after create_time_begin.'],
      [{ payment_time_begin: '2026-02-01T00:00:00Z', payment_time_end: '2026-01-01T00:00:00Z' }, 'Parameter error: payment_time_begin must not be later than payment_time_end.'],
    ];
    for (const [query, message] of cases) expect(await asCustomer(state, c6, ListCustomerOrders, { query })).toEqual(badParameter(message));
    // Exactly one year is allowed; an empty value is no filter.
    expect((await asCustomer(state, c6, ListCustomerOrders, { query: { create_time_begin: '2025-11-15T00:00:00Z', create_time_end: '2026-11-15T00:00:00Z' } })).body.total_count).toBe(2);
    expect((await asCustomer(state, c6, ListCustomerOrders, { query: { service_type_code: '' } })).body.total_count).toBe(2);
  });
});

describe('ShowCustomerOrderDetails', () => {
  it('shows a combined order with its sub-orders and pages its line items, localised', async () => {
    const res = await asCustomer(state, c6, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137AO95H' }, language: 'en_US' });
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(3);
    const { sub_order_infos: subs, ...header } = res.body.order_info;
    expect(header).toEqual({
      order_id: 'CS2604020137AO95H', customer_id: c6.customerId, service_type_code: 'hws.service.type.ec2',
      service_type_name: 'Elastic Cloud Server', source_type: 1, status: 5, order_type: 1, amount_after_discount: '308.70',
      official_amount: '343.00', measure_id: 1, create_time: '2026-04-01T17:37:16Z', payment_time: '2026-04-01T17:37:39Z',
      currency: 'CNY', amount_info: { discounts: [{ discount_type: '607', discount_amount: '34.30' }], ...noDiscounts },
      user_name: c6.accountName,
    });
    expect(subs.map((s: any) => [s.order_id, s.service_type_name, s.user_name])).toEqual([
      ['CS2604020137GAXTB', 'Elastic Cloud Server', c6.accountName],
      ['CS2604020137ZBJ7M', 'Elastic Volume Service', c6.accountName],
      ['CS2604020137F089U', 'Virtual Private Cloud', c6.accountName],
    ]);
    expect(res.body.order_line_items[1]).toEqual({
      order_line_item_id: 'CS2604020137ZBJ7M-000001',
      service_type_code: 'hws.service.type.ebs',
      service_type_name: 'Elastic Volume Service',
      product_id: 'OFFI093828057357284954',
      product_spec_desc: '云硬盘_GPSSD|500.0GB',
      period_type: 2,
      period_num: 1,
      effective_time: '2026-04-01T17:37:16Z',
      expire_time: '2026-05-01T17:37:16Z',
      subscription_num: 1,
      amount_after_discount: '31.50',
      official_amount: '35.00',
      amount_info: { discounts: [{ discount_type: '607', discount_amount: '3.50' }], ...noDiscounts },
      currency: 'CNY',
      category_code: 'hws.category.ebs',
      product_owner_service: 'hws.service.type.ebs',
      commercial_resource: 'hws.resource.type.volume',
      base_product_info: {
        product_id: 'OFFI093828057357284954', product_spec_desc: '云硬盘_GPSSD|500.0GB', category_code: 'hws.category.ebs',
        product_owner_service: 'hws.service.type.ebs', commercial_resource: 'hws.resource.type.volume',
      },
      order_id: 'CS2604020137ZBJ7M',
    });
    const page = await asCustomer(state, c6, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137AO95H' }, query: { offset: 2, limit: 2 } });
    expect([page.body.total_count, page.body.order_line_items.map((l: any) => l.order_line_item_id)]).toEqual([3, ['CS2604020137F089U-000001']]);
  });

  it('shows one sub-order on its own, and a pending order\'s payment deadline', async () => {
    const sub = await asCustomer(state, c6, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137ZBJ7M' } });
    expect([sub.body.total_count, sub.body.order_info.official_amount, sub.body.order_info.sub_order_infos]).toEqual([1, '35.00', []]);
    const pending = await asCustomer(state, c2, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2610231046NZ35F' } });
    expect(pending.body.order_info).toMatchObject({ status: 6, create_time: '2026-10-23T02:46:04Z', pending_payment_end_time: '2026-11-07T02:46:04Z' });
    expect(pending.body.order_info).not.toHaveProperty('payment_time');
  });

  it('lets a partner read its customers\' orders only, a reseller\'s with indirect_partner_id', async () => {
    expect((await call(state, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137AO95H' } })).body.total_count).toBe(3);
    const invalid = { status: 400, body: { error_code: 'CBC.30000010', error_msg: 'Invalid order: the order does not exist.' } };
    expect(await call(state, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2610231046NZ35F' } })).toEqual(invalid);
    expect((await call(state, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2610231046NZ35F' }, query: { indirect_partner_id: c2.indirectPartnerId! } })).status).toBe(200);
    expect(await call(state, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS0000000000NOPE0' } })).toEqual(invalid);
    // Another customer's order does not exist for a customer.
    expect(await asCustomer(state, c11, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137AO95H' } })).toEqual(invalid);
    expect(await asCustomer(state, c6, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137AO95H' }, query: { limit: 101 } }))
      .toEqual(badParameter('Parameter error: limit must be between 1 and 100.'));
    expect(await asCustomer(state, c6, ShowCustomerOrderDetails, { pathParams: { order_id: 'C'.repeat(65) } }))
      .toEqual(badParameter('Parameter error: order_id must be at most 64 characters.'));
    expect(await call(state, ShowCustomerOrderDetails, { pathParams: { order_id: 'CS2604020137AO95H' }, query: { indirect_partner_id: 'nope' } }))
      .toEqual({ status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' } });
  });
});

describe('ShowRefundOrderDetails', () => {
  const refunds = [
    {
      id: '60bcd9533574782dde888599aadb4f9a', amount: '-621.00', measure_id: '1', customer_id: c9.customerId,
      resource_type_code: 'hws.resource.type.bandwidth', service_type_code: 'hws.service.type.vpc', resource_type_name: 'Bandwidth',
      service_type_name: 'Virtual Private Cloud', region_code: 'cn-north-4', base_order_id: 'CS2610191114V3I0B',
    },
    {
      id: '905a41f5f21c13fc405bf58dde23e1d8', amount: '90.33', measure_id: '1', customer_id: c9.customerId,
      resource_type_code: 'hws.resource.type.bandwidth', service_type_code: 'hws.service.type.vpc', resource_type_name: 'Bandwidth',
      service_type_name: 'Virtual Private Cloud', region_code: 'cn-north-4', base_order_id: 'CS2610191114V3I0B',
    },
  ];

  it('lists where an unsubscription\'s refund came from, for the customer or its partner', async () => {
    expect(await asCustomer(state, c9, ShowRefundOrderDetails, { query: { order_id: 'CS2611142236GNB2U' }, language: 'en_US' }))
      .toEqual({ status: 200, body: { total_count: 2, refund_infos: refunds } });
    expect(await call(state, ShowRefundOrderDetails, { query: { order_id: 'CS2611142236GNB2U', customer_id: c9.customerId }, language: 'en_US' }))
      .toEqual({ status: 200, body: { total_count: 2, refund_infos: refunds } });
  });

  it('needs customer_id from a partner, and an unsubscription order', async () => {
    expect(await call(state, ShowRefundOrderDetails, { query: { order_id: 'CS2611142236GNB2U' } }))
      .toEqual(badParameter('Parameter error: customer_id is required when a partner queries.'));
    expect(await asCustomer(state, c9, ShowRefundOrderDetails)).toEqual(badParameter('Parameter error: order_id is required.'));
    expect(await asCustomer(state, c9, ShowRefundOrderDetails, { query: { order_id: 'CS2610191114V3I0B' } })).toEqual({
      status: 400, body: { error_code: 'CBC.99005026', error_msg: 'The order is not a downgrade or unsubscription order.' },
    });
    expect((await asCustomer(state, c6, ShowRefundOrderDetails, { query: { order_id: 'CS2611142236GNB2U' } })).body.error_code).toBe('CBC.30000010');
  });
});

/** 4.1 ListSubcustomerMonthlyBills, 4.2 ListSubCustomerBillDetail, 4.3 ListConsumeSubCustomers (partner credentials). */
import { beforeAll, describe, expect, it } from 'vitest';
import { ListConsumeSubCustomers, ListSubCustomerBillDetail, ListSubcustomerMonthlyBills } from '../../../src/bss/operations/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import { customerCaller, testState } from '../../support/sim-request.js';
import { allPages, call, customerAt, paramError, type Json } from './helpers.js';
import { call as partnerCall } from '../partners/helpers.js';

let state: SimState;
beforeAll(() => {
  state = testState();
});

const monthly = (query: Record<string, string | number>) => call(state, ListSubcustomerMonthlyBills, { query });
const detail = (query: Record<string, string | number>, language?: 'en_US') => call(state, ListSubCustomerBillDetail, { query, ...(language ? { language } : {}) });
const consumers = (body: unknown) => call(state, ListConsumeSubCustomers, { body });

describe('4.1 ListSubcustomerMonthlyBills', () => {
  it('answers the resale customers\' sums of a cycle, numbers with 2 decimals, charge mode and bill type as strings', async () => {
    const page = await monthly({ cycle: '2026-10', charge_mode: '3', limit: 2 });
    expect(page).toEqual({
      status: 200,
      body: {
        bill_sums: [
          {
            customer_id: 'bd86abbb4030ab107d4129c5899ef8c4', cloud_service_type: 'hws.service.type.cce', cloud_service_type_name: '云容器引擎',
            resource_type_code: 'hws.resource.type.cce', resource_type_name: '容器集群', bill_type: '0', charge_mode: '3', amount: '274.98',
            debt_amount: '0.00', adjustment_amount: '0.00', discount_amount: '37.50', measure_id: 1,
            account_details: [{ balance_type: 'BALANCE_TYPE_DEBIT', amount: '274.98', bill_type: '0' }],
          },
          {
            customer_id: 'bd86abbb4030ab107d4129c5899ef8c4', cloud_service_type: 'hws.service.type.cdn', cloud_service_type_name: '内容分发网络',
            resource_type_code: 'hws.resource.type.cdn', resource_type_name: 'CDN流量', bill_type: '0', charge_mode: '3', amount: '533.52',
            debt_amount: '0.00', adjustment_amount: '0.00', discount_amount: '72.75', measure_id: 1,
            account_details: [{ balance_type: 'BALANCE_TYPE_DEBIT', amount: '533.52', bill_type: '0' }],
          },
        ],
        count: 61,
        currency: 'CNY',
      },
    });
  });

  it('reports unsubscriptions as bill type "1" with negative amounts and no debt, discount or write-off', async () => {
    const page = await monthly({ cycle: '2026-09', charge_mode: '1', bill_type: '1' });
    expect(page.body.count).toBe(3);
    expect(page.body.bill_sums.map((s: Json) => [s.customer_id, s.resource_type_code, s.amount, s.account_details])).toEqual([
      ['d792aa36896702442edf01b19d837828', 'hws.resource.type.volume', '-83.40', [{ balance_type: 'BALANCE_TYPE_DEBIT', amount: '-83.40', bill_type: '1' }]],
      ['d792aa36896702442edf01b19d837828', 'hws.resource.type.vm', '-686.30', [{ balance_type: 'BALANCE_TYPE_DEBIT', amount: '-686.30', bill_type: '1' }]],
      ['d792aa36896702442edf01b19d837828', 'hws.resource.type.ip', '-47.66', [{ balance_type: 'BALANCE_TYPE_DEBIT', amount: '-47.66', bill_type: '1' }]],
    ]);
    for (const sum of page.body.bill_sums) expect(Object.keys(sum)).not.toEqual(expect.arrayContaining(['debt_amount']));
  });

  it('pages with offset/limit over a stable count', async () => {
    const all = await monthly({ cycle: '2026-10', charge_mode: '3', limit: 100 });
    const paged = await allPages((offset, limit) => monthly({ cycle: '2026-10', charge_mode: '3', offset, limit }), 'bill_sums', 7);
    expect(paged).toEqual(all.body.bill_sums);
    expect((await monthly({ cycle: '2026-10', charge_mode: '3', offset: 60, limit: 10 })).body).toMatchObject({ count: 61 });
    expect((await monthly({ cycle: '2026-10', charge_mode: '3', offset: 60, limit: 10 })).body.bill_sums).toHaveLength(1);
  });

  it('lists resale customers only: their own rows for customer_id, none for a referral customer', async () => {
    const all = await monthly({ cycle: '2026-10', charge_mode: '3', limit: 100 });
    const ids = new Set(all.body.bill_sums.map((s: Json) => s.customer_id));
    for (const id of ids) expect(state.world.customer(id as string)).toMatchObject({ associationType: '2', indirectPartnerId: null });
    const one = await monthly({ cycle: '2026-10', charge_mode: '3', customer_id: customerAt(state, 9).customerId, limit: 100 });
    expect(one.body.count).toBe(all.body.bill_sums.filter((s: Json) => s.customer_id === customerAt(state, 9).customerId).length);
    expect(one.body.count).toBeGreaterThan(0);
    // Customer 34 is a referral customer with pay-per-use consumption in 2026-10.
    expect(customerAt(state, 34).associationType).toBe('1');
    expect((await monthly({ cycle: '2026-10', charge_mode: '3', customer_id: customerAt(state, 34).customerId })).body.count).toBe(0);
    const cdn = await monthly({ cycle: '2026-10', charge_mode: '3', cloud_service_type: 'hws.service.type.cdn', limit: 100 });
    expect(cdn.body.bill_sums.every((s: Json) => s.cloud_service_type === 'hws.service.type.cdn')).toBe(true);
    expect(cdn.body.count).toBeGreaterThan(0);
  });

  it('reads a reseller\'s resale customers with indirect_partner_id', async () => {
    const reseller = customerAt(state, 25).indirectPartnerId!;
    const page = await monthly({ cycle: '2026-10', charge_mode: '3', indirect_partner_id: reseller, limit: 100 });
    expect(page.body.count).toBeGreaterThan(0);
    for (const s of page.body.bill_sums) expect(state.world.customer(s.customer_id)).toMatchObject({ indirectPartnerId: reseller, associationType: '2' });
    expect(await monthly({ cycle: '2026-10', charge_mode: '3', indirect_partner_id: 'f'.repeat(32) })).toEqual({
      status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' },
    });
  });

  it('has nothing before the 13 billed cycles or after the open one', async () => {
    expect((await monthly({ cycle: '2025-10', charge_mode: '3' })).body).toEqual({ bill_sums: [], count: 0, currency: 'CNY' });
    expect((await monthly({ cycle: '2026-12', charge_mode: '3' })).body.count).toBe(0);
    expect((await monthly({ cycle: '2025-11', charge_mode: '3' })).body.count).toBeGreaterThan(0);
  });

  it('rejects bad parameters with CBC.0100 naming the parameter', async () => {
    expect(await monthly({ charge_mode: '3' })).toEqual(paramError('Parameter error: cycle is required.'));
    expect(await monthly({ cycle: '2026-13', charge_mode: '3' })).toEqual(paramError('Parameter error: cycle must be a month in the format YYYY-MM.'));
    expect(await monthly({ cycle: '2026-10' })).toEqual(paramError('Parameter error: charge_mode is required.'));
    expect(await monthly({ cycle: '2026-10', charge_mode: '10' })).toEqual(paramError('Parameter error: charge_mode must be one of 1, 3, 11.'));
    expect(await monthly({ cycle: '2026-10', charge_mode: '3', limit: 101 })).toEqual(paramError('Parameter error: limit must be between 1 and 100.'));
    expect(await monthly({ cycle: '2026-10', charge_mode: '3', offset: -1 })).toEqual(paramError('Parameter error: offset must be between 0 and 2147483647.'));
    expect(await monthly({ cycle: '2026-10', charge_mode: '3', bill_type: '3' })).toEqual(paramError('Parameter error: bill_type must be one of 0, 1, 2.'));
    expect(await monthly({ cycle: '2026-10', charge_mode: '3', customer_id: 'x'.repeat(65) })).toEqual(paramError('Parameter error: customer_id must be at most 64 characters.'));
  });

  it('refuses customer credentials', async () => {
    const res = await call(state, ListSubcustomerMonthlyBills, { caller: customerCaller(customerAt(state, 9).customerId), query: { cycle: '2026-10', charge_mode: '3' } });
    expect(res).toEqual({ status: 403, body: { error_code: 'CBC.0151', error_msg: 'Access denied.' } });
  });
});

describe('the partner-wide summary is computed once per cycle and scope', () => {
  it('counts one build for every page of 4.1 and 4.3 of a cycle, one more per other cycle or reseller', async () => {
    const fresh = testState();
    const builds = () => fresh.bills.stats.scopeBuilds;
    expect(builds()).toBe(0);
    for (let offset = 0; offset < 61; offset += 10) {
      await call(fresh, ListSubcustomerMonthlyBills, { query: { cycle: '2026-08', charge_mode: '3', offset, limit: 10 } });
    }
    await call(fresh, ListSubcustomerMonthlyBills, { query: { cycle: '2026-08', charge_mode: '1' } });
    await call(fresh, ListConsumeSubCustomers, { body: { bill_cycle: '2026-08', offset: 10 } });
    expect(builds()).toBe(1);
    await call(fresh, ListSubcustomerMonthlyBills, { query: { cycle: '2026-07', charge_mode: '3' } });
    expect(builds()).toBe(2);
    await call(fresh, ListSubcustomerMonthlyBills, { query: { cycle: '2026-08', charge_mode: '3', indirect_partner_id: fresh.world.resellers[0]!.indirectPartnerId } });
    expect(builds()).toBe(3);
    // Cycles without bills need no summary at all.
    await call(fresh, ListSubcustomerMonthlyBills, { query: { cycle: '2019-01', charge_mode: '3' } });
    expect(builds()).toBe(3);
  });
});

describe('4.2 ListSubCustomerBillDetail', () => {
  const heavy = () => customerAt(state, 9).customerId;

  it('answers raw 8-decimal records with usage, links and the partner association', async () => {
    const page = await detail({ bill_cycle: '2026-10', customer_id: heavy(), offset: 5000, limit: 1 });
    expect(page).toEqual({
      status: 200,
      body: {
        total_count: 5786,
        currency: 'CNY',
        fee_records: [{
          bill_cycle: '2026-10', customer_id: '68dd4145881bb508872883030a4c887a', association_type: '2',
          service_type_code: 'hws.service.type.vpc', service_type_name: '虚拟私有云', resource_type_code: 'hws.resource.type.ip',
          resource_type_name: '弹性公网IP', charging_mode: 3, trade_time: '2026-10-28T07:00:00Z', trade_id: 'TR1391FD0120125430',
          id: '0891a7d2244ce29d', bill_detail_type: 5, resource_id: '5079067b-a6a0-4f59-bb15-a569331cb900', resource_name: 'ip-f0b212',
          product_spec_desc: '弹性公网IP|5_bgp', region_code: 'cn-north-4', region_name: '华北-北京四', product_id: 'OFFI244626511358847584',
          product_name: '弹性公网IP_5_bgp', consume_time: '2026-10-28T06:00:00Z', usage_type: 'Duration', usage_amount: 1, usage_measure_id: 4,
          free_resource_usage: 0, free_resource_measure_id: 4, official_amount: '0.02000000', official_discount_amount: '0.00200000',
          payment_amount: '0.01800000', cash_amount: '0.01800000', credit_amount: '0.00000000', coupon_amount: '0.00000000',
          flexipurchase_coupon_amount: '0.00000000', stored_value_card_amount: '0.00000000', debt_amount: '0.00000000',
          writeoff_amount: '0.00000000', period_type: 25, account_manager_id: 'am_shu13',
        }],
      },
    });
  });

  it('charges a yearly/monthly purchase against its order: trade_id is the order id', async () => {
    const page = await detail({ bill_cycle: '2026-10', customer_id: heavy(), bill_detail_type: 1 });
    expect(page.body.total_count).toBe(1);
    expect(page.body.fee_records[0]).toMatchObject({
      charging_mode: 1, trade_id: 'CS2610191114V3I0B', bill_detail_type: 1, resource_type_code: 'hws.resource.type.bandwidth',
      official_amount: '690.00000000', official_discount_amount: '69.00000000', payment_amount: '621.00000000', period_type: 20, period_num: 6,
      trade_time: '2026-10-19T03:22:21Z',
    });
    expect(page.body.fee_records[0]).not.toHaveProperty('usage_amount');
  });

  it('gives order bill types (1, 2, 3, 4) a trade_id that is one of the customer\'s orders', async () => {
    let checked = 0;
    for (const customer of state.world.customers.filter((c) => c.indirectPartnerId === null)) {
      for (const cycle of state.bills.cycles) {
        // Yearly/monthly records are exactly the order bill types here.
        const page = await detail({ bill_cycle: cycle, customer_id: customer.customerId, charging_mode: 1, limit: 1000 });
        for (const record of page.body.fee_records) {
          expect([1, 2, 3, 4]).toContain(record.bill_detail_type);
          const order = state.commerce.order(record.trade_id);
          expect(order).toMatchObject({ customerId: customer.customerId, orderType: record.bill_detail_type, parentOrderId: null });
          expect(state.commerce.ordersOf(customer.customerId).map((o) => o.orderId)).toContain(record.trade_id);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('pages through thousands of records at 1000', async () => {
    const pages = [];
    for (let offset = 0; offset < 6000; offset += 1000) pages.push(await detail({ bill_cycle: '2026-10', customer_id: heavy(), offset, limit: 1000 }));
    expect(pages.map((p) => p.body.fee_records.length)).toEqual([1000, 1000, 1000, 1000, 1000, 786]);
    expect(pages.every((p) => p.body.total_count === 5786)).toBe(true);
    const ids = pages.flatMap((p) => p.body.fee_records.map((r: Json) => r.id));
    expect(new Set(ids).size).toBe(5786);
    const times = pages.flatMap((p) => p.body.fee_records.map((r: Json) => r.trade_time));
    expect([...times].sort()).toEqual(times);
    expect(await detail({ bill_cycle: '2026-10', customer_id: heavy(), limit: 1001 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
  });

  it('filters by bill dates within the cycle (both or neither), resource, region, service and charging mode', async () => {
    const all = await detail({ bill_cycle: '2026-10', customer_id: heavy(), limit: 1 });
    const days = await allPages((offset, limit) => detail({ bill_cycle: '2026-10', customer_id: heavy(), bill_date_begin: '2026-10-05', bill_date_end: '2026-10-06', offset, limit }), 'fee_records', 1000);
    expect(days.length).toBeGreaterThan(0);
    expect(days.length).toBeLessThan(all.body.total_count);
    // Bill dates are UTC+8 days: 2026-10-05T00:00+08:00 is 2026-10-04T16:00Z.
    for (const r of days) expect(r.consume_time >= '2026-10-04T16:00:00Z' && r.consume_time < '2026-10-06T16:00:00Z').toBe(true);
    expect((await detail({ bill_cycle: '2026-10', customer_id: heavy(), bill_date_begin: '2026-10-05', limit: 1 })).body.total_count).toBe(5786);
    const ip = await detail({ bill_cycle: '2026-10', customer_id: heavy(), resource_id: '5079067b-a6a0-4f59-bb15-a569331cb900', limit: 1000 });
    expect(ip.body.total_count).toBe(744);
    expect((await detail({ bill_cycle: '2026-10', customer_id: heavy(), charging_mode: 1 })).body.total_count).toBe(1);
    const region = await detail({ bill_cycle: '2026-10', customer_id: heavy(), region_code: 'cn-north-4', service_type_code: 'hws.service.type.vpc', limit: 1000 });
    expect(region.body.fee_records.every((r: Json) => r.region_code === 'cn-north-4' && r.service_type_code === 'hws.service.type.vpc')).toBe(true);
    expect(region.body.total_count).toBeGreaterThan(0);
  });

  it('shows a reseller\'s customer only through that reseller', async () => {
    const customer = customerAt(state, 2);
    expect(customer.indirectPartnerId).not.toBeNull();
    expect((await detail({ bill_cycle: '2026-10', customer_id: customer.customerId })).body.total_count).toBe(0);
    const through = await detail({ bill_cycle: '2026-10', customer_id: customer.customerId, indirect_partner_id: customer.indirectPartnerId! });
    expect(through.body.total_count).toBe(1519);
    expect(through.body.fee_records[0]).toMatchObject({ association_type: '1', partner_id: customer.indirectPartnerId });
    expect(await detail({ bill_cycle: '2026-10', customer_id: 'a'.repeat(32) })).toEqual({
      status: 400, body: { error_code: 'CBC.99000035', error_msg: 'The customer is not a sub-customer of the partner.' },
    });
    expect((await detail({ bill_cycle: '2026-10', customer_id: heavy(), association_type: '1' })).body.total_count).toBe(0);
    expect((await detail({ bill_cycle: '2026-10', customer_id: heavy(), account_manager_id: 'am_shu13', limit: 1 })).body.total_count).toBe(5786);
    expect((await detail({ bill_cycle: '2026-10', customer_id: heavy(), account_manager_id: 'am_other' })).body.total_count).toBe(0);
  });

  it('answers a customer the partner created (CreateSubCustomer) like any bound one: no records yet, not CBC.99000035', async () => {
    const s = testState();
    const created = await partnerCall(s, 'CreateSubCustomer', { body: { xaccount_id: 'platform-user-9', xaccount_type: s.world.partner.xaccountType } });
    const id = created.body.domain_id as string;
    expect(await call(s, ListSubCustomerBillDetail, { query: { bill_cycle: '2026-10', customer_id: id } })).toEqual({
      status: 200, body: { total_count: 0, currency: 'CNY', fee_records: [] },
    });
  });

  it('names services and regions in the X-Language asked for', async () => {
    const page = await detail({ bill_cycle: '2026-10', customer_id: heavy(), offset: 5000, limit: 1 }, 'en_US');
    expect(page.body.fee_records[0]).toMatchObject({ service_type_name: 'Virtual Private Cloud', resource_type_name: 'EIP', region_name: 'CN North-Beijing4' });
  });

  it('keeps records 18 months: 13 billed cycles, older ones within 18 months empty, older still refused', async () => {
    const customer = customerAt(state, 10).customerId;
    expect((await detail({ bill_cycle: '2025-11', customer_id: customer })).body.total_count).toBe(720);
    expect((await detail({ bill_cycle: '2025-10', customer_id: customer })).body).toEqual({ total_count: 0, currency: 'CNY', fee_records: [] });
    expect((await detail({ bill_cycle: '2025-06', customer_id: customer })).body.total_count).toBe(0);
    expect(await detail({ bill_cycle: '2025-05', customer_id: customer })).toEqual(paramError('Parameter error: bill_cycle must be within the last 18 months.'));
  });

  it('rejects bad parameters with CBC.0100 naming the parameter', async () => {
    const id = heavy();
    expect(await detail({ customer_id: id })).toEqual(paramError('Parameter error: bill_cycle is required.'));
    expect(await detail({ bill_cycle: '2026-10' })).toEqual(paramError('Parameter error: customer_id is required.'));
    expect(await detail({ bill_cycle: '202610', customer_id: id })).toEqual(paramError('Parameter error: bill_cycle must be a month in the format YYYY-MM.'));
    expect(await detail({ bill_cycle: '2026-10', customer_id: id, service_type_code: '' })).toEqual(paramError('Parameter error: service_type_code must not be empty.'));
    expect(await detail({ bill_cycle: '2026-10', customer_id: id, region_code: '' })).toEqual(paramError('Parameter error: region_code must not be empty.'));
    expect(await detail({ bill_cycle: '2026-10', customer_id: id, charging_mode: 2 })).toEqual(paramError('Parameter error: charging_mode must be one of 1, 3, 10, 11.'));
    expect(await detail({ bill_cycle: '2026-10', customer_id: id, charging_mode: 'x' })).toEqual(paramError('Parameter error: charging_mode must be an integer.'));
    expect(await detail({ bill_cycle: '2026-10', customer_id: id, bill_detail_type: 6 })).toEqual(
      paramError('Parameter error: bill_detail_type must be one of 1, 2, 3, 4, 5, 8, 9, 12, 13, 14, 16, 18, 20, 23, 24, 25, 103.'),
    );
    expect(await detail({ bill_cycle: '2026-10', customer_id: id, association_type: '3' })).toEqual(paramError('Parameter error: association_type must be one of 1, 2.'));
    const dates = (begin: string, end: string) => detail({ bill_cycle: '2026-10', customer_id: id, bill_date_begin: begin, bill_date_end: end });
    expect(await dates('2026-09-30', '2026-10-02')).toEqual(paramError('Parameter error: bill_date_begin must be in the same month as bill_cycle.'));
    expect(await dates('2026-10-02', '2026-11-01')).toEqual(paramError('Parameter error: bill_date_end must be in the same month as bill_cycle.'));
    expect(await dates('2026-10-05', '2026-10-04')).toEqual(paramError('Parameter error: bill_date_begin must not be later than bill_date_end.'));
    expect(await dates('2026-10-32', '2026-10-31')).toEqual(paramError('Parameter error: bill_date_begin must be a day in the format YYYY-MM-DD.'));
  });
});

describe('4.3 ListConsumeSubCustomers', () => {
  it('lists the distributor\'s own customers, referral and resale, that consumed in the cycle', async () => {
    const page = await consumers({ bill_cycle: '2026-10', limit: 3 });
    expect(page).toEqual({
      status: 200,
      body: {
        sub_customers: [
          { customer_id: '3226d05739a2325048efc7dc7f863c81' }, { customer_id: 'bd86abbb4030ab107d4129c5899ef8c4' },
          { customer_id: 'abbd543af2e0998b1663751c1528d077' },
        ],
        total_count: 40,
      },
    });
    const all = (await consumers({ bill_cycle: '2026-10', limit: 100 })).body.sub_customers.map((c: Json) => c.customer_id);
    expect(all).toHaveLength(40);
    const types = new Set(all.map((id: string) => state.world.customer(id)!.associationType));
    expect([...types].sort()).toEqual(['1', '2']);
    for (const customer of state.world.customersOf(null)) {
      const records = (await detail({ bill_cycle: '2026-10', customer_id: customer.customerId, limit: 1 })).body.total_count;
      expect(all.includes(customer.customerId)).toBe(records > 0);
    }
  });

  it('pages and checks its body', async () => {
    expect((await consumers({ bill_cycle: '2026-10', offset: 38, limit: 5 })).body.sub_customers).toHaveLength(2);
    expect((await consumers({ bill_cycle: '2025-10' })).body).toEqual({ sub_customers: [], total_count: 0 });
    expect(await consumers({ bill_cycle: '2026-10', limit: 101 })).toEqual(paramError('Parameter error: limit must be between 1 and 100.'));
    expect(await consumers({ bill_cycle: '2026-10', offset: 2_147_483_647 })).toEqual(paramError('Parameter error: offset must be between 0 and 2147483646.'));
    expect(await consumers({})).toEqual(paramError('Parameter error: bill_cycle is required.'));
    expect(await consumers(undefined)).toEqual(paramError('Parameter error: body is required.'));
    expect(await consumers({ bill_cycle: '2026/10' })).toEqual(paramError('Parameter error: bill_cycle must be a month in the format YYYY-MM.'));
    expect(await consumers({ bill_cycle: 202610 })).toEqual(paramError('Parameter error: bill_cycle must be a string.'));
  });
});

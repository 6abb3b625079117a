/** 4.4–4.7: a customer's own monthly sum, flow records, resource records and resource detail bills. */
import { beforeAll, describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/bss/money.js';
import {
  ListCustomerBillsFeeRecords, ListCustomerselfResourceRecordDetails, ListCustomerselfResourceRecords, ShowCustomerMonthlySum,
} from '../../../src/bss/operations/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { testState } from '../../support/sim-request.js';
import { allPages, call, callAs, customerAt, paramError, round2, sum, type Json } from './helpers.js';

let state: SimState;
let debtor: CustomerRecord;
let heavy: CustomerRecord;
beforeAll(() => {
  state = testState();
  debtor = customerAt(state, 44);
  heavy = customerAt(state, 9);
});

const monthlySum = (c: CustomerRecord, query: Record<string, string | number>) => callAs(state, c, ShowCustomerMonthlySum, { query });
const flow = (c: CustomerRecord, query: Record<string, string | number>) => callAs(state, c, ListCustomerBillsFeeRecords, { query });
const resourceRecords = (c: CustomerRecord, query: Record<string, string | number>) => callAs(state, c, ListCustomerselfResourceRecords, { query });
const details = (c: CustomerRecord, body: unknown) => callAs(state, c, ListCustomerselfResourceRecordDetails, { body });

describe('4.4 ShowCustomerMonthlySum', () => {
  it('answers the rows and totals of the caller\'s month: coupons, debt, and a fen of truncation', async () => {
    const res = await monthlySum(debtor, { bill_cycle: '2026-09', limit: 1 });
    expect(res).toEqual({
      status: 200,
      body: {
        total_count: 3,
        bill_sums: [{
          bill_cycle: '2026-09', resource_type_code: 'hws.resource.type.cdn', resource_type_name: 'CDN流量', service_type_code: 'hws.service.type.cdn',
          service_type_name: '内容分发网络', charging_mode: 3, official_amount: '919.83', official_discount_amount: '91.98', truncated_amount: '0.01',
          consume_amount: '827.84', cash_amount: '173.02', credit_amount: '0.00', coupon_amount: '154.27', flexipurchase_coupon_amount: '0.00',
          stored_value_card_amount: '0.00', debt_amount: '500.55', writeoff_amount: '0.00', measure_id: 1, bill_type: 1,
          customer_id: 'c5aa5fcef67e8ddc49b1cd754c93cd7c', account_name: 'hengheshu00044',
        }],
        consume_amount: '1750.88', cash_amount: '326.86', credit_amount: '0.00', coupon_amount: '308.11', flexipurchase_coupon_amount: '0.00',
        stored_value_card_amount: '0.00', debt_amount: '1115.91', writeoff_amount: '0.00', measure_id: 1, currency: 'CNY',
      },
    });
  });

  it('sums only what the filters select: a service type, an enterprise project', async () => {
    const cdn = await monthlySum(debtor, { bill_cycle: '2026-09', service_type_code: 'hws.service.type.cdn' });
    expect(cdn.body).toMatchObject({ total_count: 1, consume_amount: '827.84', debt_amount: '500.55' });
    // Customer 7 has resources in three enterprise projects; each project's sum is its records' by the rule.
    const customer = customerAt(state, 7);
    const records = await allPages((offset, limit) => resourceRecords(customer, { cycle: '2026-10', include_zero_record: 'true', offset, limit }), 'fee_records', 1000);
    const projects = [...new Set(records.map((r) => r.enterprise_project_id as string))];
    expect(projects).toHaveLength(3);
    for (const project of projects) {
      const res = await monthlySum(customer, { bill_cycle: '2026-10', enterprise_project_id: project, limit: 1000 });
      const mine = records.filter((r) => r.enterprise_project_id === project);
      for (const row of res.body.bill_sums) {
        const members = mine.filter((r) => r.resource_type === row.resource_type_code && Number(r.charge_mode) === row.charging_mode);
        expect(String(row.official_amount)).toBe(round2(sum(members.map((r) => r.official_amount))));
      }
      expect(res.body.total_count).toBe(new Set(mine.map((r) => `${r.resource_type}|${r.charge_mode}`)).size);
    }
    expect((await monthlySum(customer, { bill_cycle: '2026-10', enterprise_project_id: '-1' })).body).toMatchObject({ total_count: 0, consume_amount: '0.00' });
  });

  it('has no bills for enterprise sub-accounts (none are simulated) and none outside the billed cycles', async () => {
    expect((await monthlySum(debtor, { bill_cycle: '2026-09', method: 'sub_customer', sub_customer_id: 'x' })).body).toMatchObject({ total_count: 0, bill_sums: [], consume_amount: '0.00' });
    expect((await monthlySum(debtor, { bill_cycle: '2026-09', method: 'oneself' })).body.total_count).toBe(3);
    expect((await monthlySum(debtor, { bill_cycle: '2025-10' })).body).toMatchObject({ total_count: 0, consume_amount: '0.00' });
    expect((await monthlySum(customerAt(state, 29), { bill_cycle: '2026-10' })).body).toMatchObject({ total_count: 0, consume_amount: '0.00' });
  });

  it('rejects bad parameters and partner credentials', async () => {
    expect(await monthlySum(debtor, {})).toEqual(paramError('Parameter error: bill_cycle is required.'));
    expect(await monthlySum(debtor, { bill_cycle: '2026-9' })).toEqual(paramError('Parameter error: bill_cycle must be a month in the format YYYY-MM.'));
    expect(await monthlySum(debtor, { bill_cycle: '2026-09', enterprise_project_id: '' })).toEqual(paramError('Parameter error: enterprise_project_id must not be empty.'));
    expect(await monthlySum(debtor, { bill_cycle: '2026-09', limit: 0 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
    expect(await monthlySum(debtor, { bill_cycle: '2026-09', method: 'mine' })).toEqual(paramError('Parameter error: method must be one of oneself, sub_customer, all.'));
    expect(await monthlySum(debtor, { bill_cycle: '2026-09', method: 'sub_customer' })).toEqual(paramError('Parameter error: sub_customer_id is required when method is sub_customer.'));
    expect(await call(state, ShowCustomerMonthlySum, { query: { bill_cycle: '2026-09' } })).toEqual({ status: 403, body: { error_code: 'CBC.0151', error_msg: 'Access denied.' } });
  });
});

describe('4.5 ListCustomerBillsFeeRecords', () => {
  it('lists one deduction per record, debited to the fen, the sub-fen rest as erase_amount', async () => {
    const res = await flow(debtor, { bill_cycle: '2026-09', status: 2, limit: 1 });
    expect(res.body).toEqual({
      total_count: 520,
      records: [{
        bill_cycle: '2026-09', customer_id: 'c5aa5fcef67e8ddc49b1cd754c93cd7c', account_name: 'hengheshu00044', service_type_code: 'hws.service.type.rds',
        service_type_name: '云数据库', resource_type_code: 'hws.resource.type.rds.vm', resource_type_name: '数据库实例', region_code: 'cn-southwest-2',
        region_name: '西南-贵阳一', enterprise_project_id: '0', enterprise_project_name: 'default', charging_mode: 3, consume_time: '2026-09-10T16:00:00Z',
        trade_time: '2026-09-10T17:00:00Z', provider_type: 1, trade_id: 'TR8205EE207F3EDF1D', id: 'dfbeb1d31b7174e4', bill_type: 5, status: 2,
        official_amount: '1.23000000', official_discount_amount: '0.12300000', erase_amount: '-0.00300000', consume_amount: '1.11', cash_amount: '0.00',
        credit_amount: '0.00', coupon_amount: '0.00', flexipurchase_coupon_amount: '0.00', stored_value_card_amount: '0.00', debt_amount: '1.11',
        bonus_amount: '0.00', writeoff_amount: '0.00',
      }],
      currency: 'CNY',
    });
    const page = await flow(debtor, { bill_cycle: '2026-09', limit: 1000 });
    for (const r of page.body.records) {
      expect(toDecimal(r.official_amount).eq(toDecimal(r.official_discount_amount).plus(r.erase_amount).plus(r.consume_amount))).toBe(true);
      expect(sum([r.cash_amount, r.credit_amount, r.coupon_amount, r.debt_amount]).eq(toDecimal(r.consume_amount))).toBe(true);
    }
  });

  it('splits by payment status, hides zero records unless asked, knows no KooGallery products', async () => {
    const total = (await flow(debtor, { bill_cycle: '2026-09' })).body.total_count;
    const paid = (await flow(debtor, { bill_cycle: '2026-09', status: 1 })).body.total_count;
    expect(paid + 520).toBe(total);
    expect((await flow(debtor, { bill_cycle: '2026-09', status: 3 })).body.total_count).toBe(0);
    expect((await flow(debtor, { bill_cycle: '2026-09', provider_type: 2 })).body.total_count).toBe(0);
    expect((await flow(debtor, { bill_cycle: '2026-09', provider_type: 1 })).body.total_count).toBe(total);
    // Customer 21's functions sit in the free tier on some days: amount due 0.
    const free = customerAt(state, 21);
    expect((await flow(free, { bill_cycle: '2026-10' })).body.total_count).toBe(263);
    expect((await flow(free, { bill_cycle: '2026-10', include_zero_record: 'true' })).body.total_count).toBe(274);
  });

  it('rejects bad parameters', async () => {
    expect(await flow(debtor, { bill_cycle: '2026-09', provider_type: 3 })).toEqual(paramError('Parameter error: provider_type must be one of 1, 2.'));
    expect(await flow(debtor, { bill_cycle: '2026-09', include_zero_record: 'yes' })).toEqual(paramError('Parameter error: include_zero_record must be true or false.'));
    expect(await flow(debtor, { bill_cycle: '2026-09', status: 4 })).toEqual(paramError('Parameter error: status must be one of 1, 2, 3.'));
    expect(await flow(debtor, { bill_cycle: '2026-09', limit: 1001 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
    expect(await flow(debtor, { bill_cycle: '2026-09', bill_date_begin: '2026-09-01', bill_date_end: '2026-10-01' })).toEqual(
      paramError('Parameter error: bill_date_end must be in the same month as bill_cycle.'),
    );
  });
});

describe('4.6 ListCustomerselfResourceRecords', () => {
  it('adds a resource\'s cycle up with statistic_type=1: usage, unit price, 2-decimal amount and split', async () => {
    const res = await resourceRecords(debtor, { cycle: '2026-09', statistic_type: 1, limit: 1 });
    expect(res.body).toEqual({
      fee_records: [{
        bill_type: 5, customer_id: 'c5aa5fcef67e8ddc49b1cd754c93cd7c', account_name: 'hengheshu00044', region: 'cn-southwest-2', region_name: '西南-贵阳一',
        cloud_service_type: 'hws.service.type.rds', cloud_service_type_name: '云数据库', resource_type: 'hws.resource.type.rds.vm', resource_type_name: '数据库实例',
        effective_time: '2026-08-31T16:00:00Z', expire_time: '2026-09-30T16:00:00Z', resource_id: '424faf38-d23d-4dd4-b134-214e16777d55', resource_name: 'vm-98ad9e',
        product_id: 'OFFI749213940164302401', product_name: '数据库实例_rds.mysql.n1.large.2.ha', product_spec_desc: '数据库实例|rds.mysql.n1.large.2.ha',
        sku_code: 'rds.mysql.n1.large.2.ha', enterprise_project_id: '0', enterprise_project_name: 'default', charge_mode: '3', period_type: '25', usage_type: 'Duration',
        usage: 720, usage_measure_id: 4, free_resource_usage: 0, free_resource_measure_id: 4, unit_price: '1.23000000', unit: '元/小时',
        official_amount: '885.60000000', discount_amount: '88.56000000', amount: '797.04', cash_amount: '132.84', credit_amount: '0.00', coupon_amount: '132.84',
        flexipurchase_coupon_amount: '0.00', stored_card_amount: '0.00', debt_amount: '531.36', bonus_amount: '0.00', adjustment_amount: '0.00', measure_id: 1,
      }],
      total_count: 3,
      currency: 'CNY',
    });
  });

  it('lists an order\'s record with its order id, spec size and no usage', async () => {
    const res = await resourceRecords(heavy, { cycle: '2026-10', bill_type: 1 });
    expect(res.body.fee_records).toEqual([{
      bill_date: '2026-10-19', bill_type: 1, customer_id: '68dd4145881bb508872883030a4c887a', account_name: 'weitianheng00009', region: 'cn-north-4',
      region_name: '华北-北京四', cloud_service_type: 'hws.service.type.vpc', cloud_service_type_name: '虚拟私有云', resource_type: 'hws.resource.type.bandwidth',
      resource_type_name: '带宽', resource_id: 'c9298eda-f517-4823-a6e0-65bab65f9520', resource_name: 'bandwidth-614b44', product_id: 'OFFI630724418930444820',
      product_name: '带宽_19_bgp', product_spec_desc: '全动态BGP带宽|20Mbit/s', sku_code: '19_bgp', spec_size: 20, spec_size_measure_id: 15,
      trade_id: 'CS2610191114V3I0B', id: '89e2b15a12ab98d5', trade_time: '2026-10-19T03:22:21Z', enterprise_project_id: '0', enterprise_project_name: 'default',
      charge_mode: '1', order_id: 'CS2610191114V3I0B', period_type: '20', period_num: 6, official_amount: '690.00000000', discount_amount: '69.00000000',
      amount: '621.00', cash_amount: '621.00', credit_amount: '0.00', coupon_amount: '0.00', flexipurchase_coupon_amount: '0.00', stored_card_amount: '0.00',
      debt_amount: '0.00', bonus_amount: '0.00', adjustment_amount: '0.00', measure_id: 1, formula: '621.00 - 0.00 = 621.00', consume_time: '2026-10-19T03:22:21Z',
    }]);
  });

  it('pages per detail record at 1000, filters by region, resource, trade and dates', async () => {
    const pages = await allPages((offset, limit) => resourceRecords(heavy, { cycle: '2026-10', offset, limit, include_zero_record: 'true' }), 'fee_records', 1000);
    expect(pages).toHaveLength(5786);
    const day = await resourceRecords(heavy, { cycle: '2026-10', bill_date_begin: '2026-10-31', bill_date_end: '2026-10-31', include_zero_record: 'true', limit: 1000 });
    expect(day.body.fee_records.every((r: Json) => r.bill_date === '2026-10-31')).toBe(true);
    expect(day.body.total_count).toBe(pages.filter((r) => r.bill_date === '2026-10-31').length);
    // Dates are ignored when adding up per cycle.
    const perCycle = await resourceRecords(heavy, {
      cycle: '2026-10', statistic_type: 1, bill_date_begin: '2026-10-31', bill_date_end: '2026-10-31', include_zero_record: 'true', limit: 1000,
    });
    expect(perCycle.body.total_count).toBe(new Set(pages.map((r) => `${r.resource_id}|${r.bill_type}|${r.order_id ?? ''}`)).size);
    expect((await resourceRecords(heavy, { cycle: '2026-10', trade_id: 'CS2610191114V3I0B' })).body.total_count).toBe(1);
    expect((await resourceRecords(heavy, { cycle: '2026-10', region: 'cn-north-4', include_zero_record: 'true', limit: 1 })).body.total_count).toBe(pages.filter((r) => r.region === 'cn-north-4').length);
    // "empty = filter on empty": nothing has an empty service type.
    expect((await resourceRecords(heavy, { cycle: '2026-10', cloud_service_type: '' })).body.total_count).toBe(0);
    expect((await resourceRecords(heavy, { cycle: '2026-10', charge_mode: '1' })).body.total_count).toBe(1);
  });

  it('rejects bad parameters', async () => {
    expect(await resourceRecords(heavy, {})).toEqual(paramError('Parameter error: cycle is required.'));
    expect(await resourceRecords(heavy, { cycle: '2026-10', charge_mode: '' })).toEqual(paramError('Parameter error: charge_mode must not be empty.'));
    expect(await resourceRecords(heavy, { cycle: '2026-10', charge_mode: '2' })).toEqual(paramError('Parameter error: charge_mode must be one of 1, 3, 10, 11.'));
    expect(await resourceRecords(heavy, { cycle: '2026-10', statistic_type: 2 })).toEqual(paramError('Parameter error: statistic_type must be one of 1, 3.'));
    expect(await resourceRecords(heavy, { cycle: '2026-10', limit: 1001 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
  });
});

describe('4.7 ListCustomerselfResourceRecordDetails', () => {
  it('adds records up per resource and day with statistic_type=2 over a DAILY window', async () => {
    const res = await details(heavy, { cycle: '2026-10', limit: 1, statistic_type: 2, query_type: 'DAILY', bill_cycle_begin: '2026-10-03', bill_cycle_end: '2026-10-03' });
    expect(res.body).toEqual({
      monthly_records: [{
        cycle: '2026-10', bill_date: '2026-10-03', bill_type: 5, customer_id: '68dd4145881bb508872883030a4c887a', account_name: 'weitianheng00009',
        region: 'cn-north-4', region_name: '华北-北京四', cloud_service_type: 'hws.service.type.elb', cloud_service_type_name: '弹性负载均衡',
        resource_Type_code: 'hws.resource.type.elb', resource_type_name: '负载均衡器', res_instance_id: '03b45184-d140-402f-88c3-28903c0022d7',
        resource_name: 'elb-f9f89b', sku_code: 'shared', enterprise_project_id: '0', enterprise_project_name: 'default', charge_mode: 3,
        consume_amount: '2.16', cash_amount: '2.16', credit_amount: '0.00', coupon_amount: '0.00', flexipurchase_coupon_amount: '0.00',
        stored_card_amount: '0.00', debt_amount: '0.00', bonus_amount: '0.00', adjustment_amount: '0.00', official_amount: '2.40000000',
        discount_amount: '0.24000000', measure_id: 1, period_type: 25, product_spec_desc: '负载均衡器|shared', az_code_infos: [{ az_code: 'cn-north-4b' }],
        payer_account_id: '68dd4145881bb508872883030a4c887a', extend_params: { self_resource_id: '03b45184-d140-402f-88c3-28903c0022d7', relation_infos: [] },
      }],
      total_count: 13,
      currency: 'CNY',
    });
  });

  it('lists the same detail records as 4.6 with statistic_type=3, and per cycle by default', async () => {
    const perRecord = await details(heavy, { cycle: '2026-10', statistic_type: 3, include_zero_record: true, limit: 1 });
    expect(perRecord.body.total_count).toBe(5786);
    expect(perRecord.body.monthly_records[0]).toMatchObject({ bill_date: null, trade_id: expect.stringMatching(/^TR/), effective_time: expect.any(String) });
    const perCycle = await details(heavy, { cycle: '2026-10', limit: 1000 });
    const sameIn46 = await resourceRecords(heavy, { cycle: '2026-10', statistic_type: 1, limit: 1000 });
    expect(perCycle.body.total_count).toBe(17);
    expect(perCycle.body.monthly_records.map((r: Json) => [r.res_instance_id, r.bill_type, r.consume_amount])).toEqual(
      sameIn46.body.fee_records.map((r: Json) => [r.resource_id, r.bill_type, r.amount]),
    );
    expect(perCycle.body.monthly_records[0]).not.toHaveProperty('effective_time');
  });

  it('relates an attached resource to its main one', async () => {
    const record = state.world.customers
      .flatMap((c) => state.bills.orderRecordsOf(c))
      .find((r) => r.resource.parentResourceId !== null && r.billType === 1)!;
    const res = await callAs(state, record.customer, ListCustomerselfResourceRecordDetails, {
      body: { cycle: record.cycle, res_instance_id: record.resource.resourceId, statistic_type: 3 },
    });
    const parent = record.resource.parentResourceId;
    expect(res.body.monthly_records[0]).toMatchObject({
      parent_resource_id: parent, root_resource_id: parent,
      extend_params: { self_resource_id: record.resource.resourceId, relation_infos: [{ relative_resource_id: parent, relative_type: 'PARENT' }, { relative_resource_id: parent, relative_type: 'ROOT' }] },
    });
  });

  it('has nothing for another paying account', async () => {
    expect((await details(heavy, { cycle: '2026-10', payer_account_id: heavy.customerId })).body.total_count).toBe(17);
    expect((await details(heavy, { cycle: '2026-10', payer_account_id: 'someone-else' })).body.total_count).toBe(0);
  });

  it('rejects bad parameters', async () => {
    expect(await details(heavy, undefined)).toEqual(paramError('Parameter error: body is required.'));
    expect(await details(heavy, {})).toEqual(paramError('Parameter error: cycle is required.'));
    expect(await details(heavy, { cycle: '2018-12' })).toEqual(paramError('Parameter error: cycle must not be earlier than 2019-01.'));
    expect(await details(heavy, { cycle: '2026-10', query_type: 'DAILY' })).toEqual(paramError('Parameter error: query_type DAILY requires statistic_type 2 or 3.'));
    expect(await details(heavy, { cycle: '2026-10', query_type: 'DAILY', statistic_type: 2 })).toEqual(paramError('Parameter error: bill_cycle_begin is required when query_type is DAILY.'));
    expect(await details(heavy, { cycle: '2026-10', query_type: 'WEEKLY' })).toEqual(paramError('Parameter error: query_type must be one of BILLCYCLE, DAILY.'));
    expect(await details(heavy, { cycle: '2026-10', statistic_type: 4 })).toEqual(paramError('Parameter error: statistic_type must be one of 1, 2, 3.'));
    expect(await details(heavy, { cycle: '2026-10', include_zero_record: 'true' })).toEqual(paramError('Parameter error: include_zero_record must be true or false.'));
    expect(await details(heavy, { cycle: '2026-10', limit: 1001 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
    expect(await details(heavy, { cycle: '2026-10', charge_mode: '3' })).toEqual(paramError('Parameter error: charge_mode must be an integer.'));
  });
});

/** 4.10 ListCustomerBillsMonthlyBreakDown (amortised cost records) and 4.11 ListCosts (cost analysis). */
import { beforeAll, describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/bss/money.js';
import {
  ListCosts, ListCustomerBillsMonthlyBreakDown, ListCustomerselfResourceRecordDetails, ListCustomerselfResourceRecords,
} from '../../../src/bss/operations/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { testState } from '../../support/sim-request.js';
import { allPages, callAs, customerAt, paramError, round2, sum, type Json } from './helpers.js';

let state: SimState;
let customer: CustomerRecord;
beforeAll(() => {
  state = testState();
  customer = customerAt(state, 9);
});

const breakdown = (c: CustomerRecord, query: Record<string, string | number>) => callAs(state, c, ListCustomerBillsMonthlyBreakDown, { query });
const costs = (c: CustomerRecord, body: Record<string, unknown>) => callAs(state, c, ListCosts, { body });
const months = (begin: string, end: string) => ({ time_measure_id: 2, begin_time: begin, end_time: end });
const query = (over: Record<string, unknown>) => ({
  time_condition: months('2026-09', '2026-10'), groupby: [{ type: 'dimension', key: 'CHARGING_MODE' }], cost_type: 'ORIGINAL_COST', amount_type: 'PAYMENT_AMOUNT', ...over,
});

describe('4.10 ListCustomerBillsMonthlyBreakDown', () => {
  it('spreads a yearly payment over its service period: past, this month and future add up to it', async () => {
    const res = await breakdown(customer, { shared_month: '2026-10', limit: 1 });
    expect(res.body).toEqual({
      currency: 'CNY',
      total_count: 20,
      details: [{
        shared_month: '2026-10', bill_cycle: '2026-05', bill_type: 1, customer_id: '68dd4145881bb508872883030a4c887a', region_code: 'cn-south-1',
        region_name: '华南-广州', service_type_code: 'hws.service.type.waf', service_type_name: 'Web应用防火墙', resource_type_code: 'hws.resource.type.waf',
        resource_type_name: 'WAF实例', resource_id: 'a3a07d26-9139-4af4-a347-96de60c5bcf0', resource_name: 'waf-ef6436', product_spec_desc: 'WAF实例|waf.professional',
        enterprise_project_id: '0', enterprise_project_name: 'default', charging_mode: 1, order_id: 'CS2605221803NJNWA', period_type: 19,
        consume_amount: '34920.00', past_months_amortized_amount: '12556.59', current_month_amortized_amount: '2965.81', future_months_amortized_amount: '19397.60',
        amortized_cash_amount: '2965.81', amortized_credit_amount: '0.00', amortized_coupon_amount: '0.00', amortized_flexipurchase_coupon_amount: '0.00',
        amortized_stored_value_card_amount: '0.00', amortized_bonus_amount: '0.00',
      }],
    });
  });

  it('amortises every payment exactly: its months add up to it, each month starting where the last ended', async () => {
    const rows = new Map<string, Json[]>();
    for (const [index, month] of [9, 18, 25].flatMap((i) => state.bills.cycles.map((m) => [i, m] as const))) {
      const page = await breakdown(customerAt(state, index), { shared_month: month, charging_mode: 1, limit: 1000 });
      for (const row of page.body.details) {
        rows.set(`${row.order_id}|${row.resource_id}`, [...(rows.get(`${row.order_id}|${row.resource_id}`) ?? []), row]);
        expect(sum([row.past_months_amortized_amount, row.current_month_amortized_amount, row.future_months_amortized_amount]).toFixed(2)).toBe(toDecimal(row.consume_amount).toFixed(2));
      }
    }
    expect(rows.size).toBeGreaterThan(5);
    let whole = 0;
    for (const series of rows.values()) {
      for (let i = 1; i < series.length; i++) {
        expect(toDecimal(series[i].past_months_amortized_amount).toFixed(2)).toBe(
          toDecimal(series[i - 1].past_months_amortized_amount).plus(series[i - 1].current_month_amortized_amount).toFixed(2),
        );
      }
      const last = series[series.length - 1];
      // Periods that end within the billed months are fully amortised there.
      if (series.length > 1 && toDecimal(last.future_months_amortized_amount).isZero() && toDecimal(series[0].past_months_amortized_amount).isZero()) {
        expect(sum(series.map((r) => r.current_month_amortized_amount)).toFixed(2)).toBe(toDecimal(series[0].consume_amount).toFixed(2));
        whole++;
      }
    }
    expect(whole).toBeGreaterThan(5);
  });

  it('costs pay-per-use in its own month, by the rounding rule per resource', async () => {
    const ppu = await breakdown(customer, { shared_month: '2026-10', charging_mode: 3, limit: 1000 });
    const resources = await callAs(state, customer, ListCustomerselfResourceRecordDetails, { body: { cycle: '2026-10', charge_mode: 3, include_zero_record: true, limit: 1000 } });
    expect(ppu.body.details.map((r: Json) => [r.resource_id, r.consume_amount, r.current_month_amortized_amount, r.past_months_amortized_amount])).toEqual(
      resources.body.monthly_records.map((r: Json) => [r.res_instance_id, r.consume_amount, r.consume_amount, '0.00']),
    );
    expect(ppu.body.details[0]).toMatchObject({ usage_type: expect.any(String), usage_measure_id: expect.any(Number), effective_time: expect.any(String) });
  });

  it('keeps 18 months and checks its parameters', async () => {
    expect((await breakdown(customer, { shared_month: '2025-06' })).body).toEqual({ currency: 'CNY', total_count: 0, details: [] });
    expect(await breakdown(customer, { shared_month: '2025-05' })).toEqual(paramError('Parameter error: shared_month must be within the last 18 months.'));
    expect(await breakdown(customer, {})).toEqual(paramError('Parameter error: shared_month is required.'));
    expect(await breakdown(customer, { shared_month: '2026-10', charging_mode: 2 })).toEqual(paramError('Parameter error: charging_mode must be one of 1, 3, 10, 11.'));
    expect(await breakdown(customer, { shared_month: '2026-10', limit: 1001 })).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
    expect((await breakdown(customer, { shared_month: '2026-10', service_type_code: '' })).body.total_count).toBe(0);
    expect((await breakdown(customer, { shared_month: '2026-10', resource_id: 'a3a07d26-9139-4af4-a347-96de60c5bcf0' })).body.total_count).toBe(1);
  });
});

describe('4.11 ListCosts', () => {
  it('groups original cost by a dimension per month, amounts as money-strings', async () => {
    expect((await costs(customer, query({}))).body).toEqual({
      currency: 'CNY',
      total_count: 2,
      cost_data: [
        {
          dimensions: [{ key: 'CHARGING_MODE', value: '3' }],
          costs: [
            { time_dimension_value: '2026-09', time_measure_id: 2, amount: '2143.64', official_amount: '2381.66' },
            { time_dimension_value: '2026-10', time_measure_id: 2, amount: '2400.08', official_amount: '2666.56' },
          ],
          amount_by_costs: '4543.72',
          official_amount_by_costs: '5048.22',
        },
        {
          dimensions: [{ key: 'CHARGING_MODE', value: '1' }],
          costs: [{ time_dimension_value: '2026-10', time_measure_id: 2, amount: '621.00', official_amount: '690.00' }],
          amount_by_costs: '621.00',
          official_amount_by_costs: '690.00',
        },
      ],
    });
  });

  it('makes a month\'s original cost the rounded sum of its detail records', async () => {
    const records = await allPages(
      (offset, limit) => callAs(state, customer, ListCustomerselfResourceRecords, { query: { cycle: '2026-10', include_zero_record: 'true', offset, limit } }),
      'fee_records', 1000,
    );
    const res = await costs(customer, query({ time_condition: months('2026-10', '2026-10'), groupby: [{ type: 'dimension', key: 'CLOUD_SERVICE_TYPE' }], limit: 1000 }));
    for (const group of res.body.cost_data) {
      const members = records.filter((r) => r.cloud_service_type === group.dimensions[0].value);
      expect(group.costs[0].amount).toBe(round2(sum(members.map((r) => toDecimal(r.official_amount).minus(r.discount_amount)))));
      expect(group.costs[0].official_amount).toBe(round2(sum(members.map((r) => r.official_amount))));
    }
  });

  it('spreads yearly/monthly payments by day when amortised; a payment\'s month matches 4.10', async () => {
    const amortised = await costs(customer, query({ cost_type: 'AMORTIZED_COST', groupby: [{ type: 'dimension', key: 'RESOURCE_ID' }], limit: 1000 }));
    const waf = amortised.body.cost_data.find((g: Json) => g.dimensions[0].value === 'a3a07d26-9139-4af4-a347-96de60c5bcf0');
    expect(waf.costs.find((c: Json) => c.time_dimension_value === '2026-10')).toEqual({ time_dimension_value: '2026-10', time_measure_id: 2, amount: '2965.81', official_amount: expect.any(String) });
    const daily = await costs(customer, query({
      cost_type: 'AMORTIZED_COST', time_condition: { time_measure_id: 1, begin_time: '2026-10-01', end_time: '2026-10-31' },
      groupby: [{ type: 'dimension', key: 'RESOURCE_ID' }], filters: [{ operator: 0, filter_factor: { key: 'RESOURCE_ID', value: ['a3a07d26-9139-4af4-a347-96de60c5bcf0'] } }],
    }));
    expect(daily.body.total_count).toBe(1);
    expect(daily.body.cost_data[0].costs).toHaveLength(31);
    expect(sum(daily.body.cost_data[0].costs.map((c: Json) => c.amount)).toFixed(2)).toBe('2965.81');
    expect(daily.body.cost_data[0].amount_by_costs).toBe('2965.81');
  });

  it('takes coupons off for the net amount, and applies include and exclude filters', async () => {
    const debtor = customerAt(state, 44);
    const gross = await costs(debtor, query({ time_condition: months('2026-09', '2026-09') }));
    const net = await costs(debtor, query({ time_condition: months('2026-09', '2026-09'), amount_type: 'NET_AMOUNT' }));
    expect(toDecimal(gross.body.cost_data[0].amount_by_costs).minus(net.body.cost_data[0].amount_by_costs).toFixed(2)).toBe('308.11');
    const without = await costs(customer, query({ filters: [{ operator: 1, filter_factor: { key: 'CHARGING_MODE', value: ['3'] } }] }));
    expect(without.body.cost_data.map((g: Json) => g.dimensions[0].value)).toEqual(['1']);
    const tagged = await costs(customer, query({ filters: [{ operator: 0, filter_factor: { key: 'RESOURCE_TAG', value: ['env:prod'] } }] }));
    expect(tagged.body.total_count).toBe(0);
    const twoWays = await costs(customer, query({ groupby: [{ type: 'dimension', key: 'CHARGING_MODE' }, { type: 'tag', key: 'env' }] }));
    expect(twoWays.body.cost_data[0].dimensions).toEqual([{ key: 'CHARGING_MODE', value: '3' }, { key: 'env', value: '' }]);
    expect((await costs(customer, query({ offset: 1, limit: 1 }))).body.cost_data.map((g: Json) => g.dimensions[0].value)).toEqual(['1']);
  });

  it('rejects bad parameters', async () => {
    expect(await costs(customer, query({ time_condition: undefined }))).toEqual(paramError('Parameter error: time_condition is required.'));
    expect(await costs(customer, query({ time_condition: { time_measure_id: 3, begin_time: '2026-09', end_time: '2026-10' } }))).toEqual(paramError('Parameter error: time_measure_id must be one of 1, 2.'));
    expect(await costs(customer, query({ time_condition: { time_measure_id: 1, begin_time: '2026-09', end_time: '2026-10' } }))).toEqual(paramError('Parameter error: begin_time must be in the format YYYY-MM-DD.'));
    expect(await costs(customer, query({ time_condition: months('2026-10', '2026-09') }))).toEqual(paramError('Parameter error: begin_time must not be later than end_time.'));
    expect(await costs(customer, query({ groupby: [] }))).toEqual(paramError('Parameter error: groupby must have 1 to 2 items.'));
    expect(await costs(customer, query({ groupby: [{ type: 'dimension', key: 'COLOUR' }] }))).toEqual(paramError(
      'Parameter error: groupby.key must be one of CLOUD_SERVICE_TYPE, RESOURCE_TYPE, ASSOCIATED_ACCOUNT, REGION_CODE, AZ_CODE, ENTERPRISE_PROJECT_ID, RES_SPEC_CODE, CHARGING_MODE, USAGE_TYPE, BILL_TYPE, BE_ID, PAYER_ACCOUNT_ID, RESOURCE_ID.',
    ));
    expect(await costs(customer, query({ groupby: [{ type: 'tag', key: 'a' }, { type: 'tag', key: 'b' }] }))).toEqual(paramError('Parameter error: groupby must not group by two of type tag.'));
    expect(await costs(customer, query({ cost_type: 'REAL_COST' }))).toEqual(paramError('Parameter error: cost_type must be one of ORIGINAL_COST, AMORTIZED_COST.'));
    expect(await costs(customer, query({ amount_type: undefined }))).toEqual(paramError('Parameter error: amount_type is required.'));
    expect(await costs(customer, query({ offset: 200_001 }))).toEqual(paramError('Parameter error: offset must be between 0 and 200000.'));
    expect(await costs(customer, query({ limit: 1001 }))).toEqual(paramError('Parameter error: limit must be between 1 and 1000.'));
    expect(await costs(customer, query({ filters: [{ operator: 2, filter_factor: { key: 'CHARGING_MODE', value: ['3'] } }] }))).toEqual(paramError('Parameter error: operator must be one of 0, 1.'));
    expect(await costs(customer, query({ filters: Array.from({ length: 101 }, () => ({ operator: 0, filter_factor: { key: 'CHARGING_MODE', value: ['3'] } })) }))).toEqual(
      paramError('Parameter error: filters must have at most 100 items.'),
    );
  });
});

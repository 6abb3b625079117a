/** The bill store: which cycles carry bills, determinism, memoisation, and bills following the simulator's writes. */
import { describe, expect, it } from 'vitest';
import {
  ListOnDemandResourceRatings, ListSubCustomerBillDetail, ListSubcustomerMonthlyBills, ShowCustomerMonthlySum,
} from '../../../src/bss/operations/bills/index.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { SimState } from '../../../src/simulator/state.js';
import { toDecimal } from '../../../src/bss/money.js';
import { call, callAs, customerAt, type Json } from './helpers.js';

describe('billed cycles', () => {
  it('are the open cycle (the month of now in UTC+8) and the 12 before it', () => {
    const state = testState();
    expect(state.bills.cycles).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(state.bills.openCycle).toBe('2026-11');
    // 2026-10-31T16:30Z is already November in Beijing.
    const beijingNovember = new SimState({ seed: 7, customers: 2, now: new Date('2026-10-31T16:30:00Z') });
    expect(beijingNovember.bills.openCycle).toBe('2026-11');
  });

  it('bill the open cycle only up to now, and nothing in the 14th cycle back', () => {
    const state = testState();
    const records = state.world.customers.flatMap((c) => state.bills.records(c.customerId, '2026-11'));
    expect(records.length).toBeGreaterThan(1000);
    expect(records.every((r) => r.expireTime.getTime() <= TEST_NOW.getTime() || r.chargeMode === 1)).toBe(true);
    expect(state.world.customers.flatMap((c) => state.bills.records(c.customerId, '2025-10'))).toEqual([]);
    expect(state.world.customers.some((c) => state.bills.records(c.customerId, '2025-11').length > 0)).toBe(true);
  });
});

describe('determinism', () => {
  const reads = async (state: SimState) => {
    const customer = customerAt(state, 9);
    return [
      await call(state, ListSubcustomerMonthlyBills, { query: { cycle: '2026-08', charge_mode: '3', limit: 100 } }),
      await call(state, ListSubCustomerBillDetail, { query: { bill_cycle: '2026-08', customer_id: customer.customerId, offset: 700, limit: 300 } }),
      await callAs(state, customer, ShowCustomerMonthlySum, { query: { bill_cycle: '2026-08' } }),
      await callAs(state, customer, ListOnDemandResourceRatings, {
        body: { project_id: 'p', product_infos: [{ id: 'a', cloud_service_type: 'hws.service.type.ec2', resource_type: 'hws.resource.type.vm', resource_spec: 's6.large.2.linux', region: 'cn-north-4', usage_factor: 'Duration', usage_value: 1, usage_measure_id: 4, subscription_num: 1 }] },
      }),
    ];
  };

  it('gives the same bills for the same seed, whatever was read first', async () => {
    const first = testState();
    const second = testState();
    // Read other customers and cycles first in one of them: nothing depends on generation order.
    for (const c of second.world.customers.slice(20, 30)) second.bills.records(c.customerId, '2026-08');
    second.bills.scopeCycle('2026-03', null);
    expect(await reads(second)).toEqual(await reads(first));
  });

  it('gives different bills for another seed', async () => {
    const [a, b] = [await reads(testState(60, 7)), await reads(testState(60, 8))];
    expect(a[0]!.body).not.toEqual(b[0]!.body);
    expect(a[1]!.body).not.toEqual(b[1]!.body);
  });
});

describe('memoisation and writes', () => {
  it('builds a customer\'s records of a cycle once', () => {
    const state = testState();
    const id = customerAt(state, 9).customerId;
    expect(state.bills.records(id, '2026-10')).toBe(state.bills.records(id, '2026-10'));
    expect(state.bills.monthlySums(id, '2026-10')).toBe(state.bills.monthlySums(id, '2026-10'));
  });

  it('bills an unsubscription made through the simulator at once, in the detail and every sum', async () => {
    const state = testState();
    const customer = customerAt(state, 9);
    const eip = '45d1152a-9bda-40eb-89bd-81d3901b5b64';
    const before = state.bills.records(customer.customerId, '2026-11');
    const partnerQuery = { cycle: '2026-11', charge_mode: '1', bill_type: '1', customer_id: customer.customerId };
    const refundsBefore = (await call(state, ListSubcustomerMonthlyBills, { query: partnerQuery })).body.bill_sums;
    expect(refundsBefore.map((s: Json) => s.resource_type_code)).not.toContain('hws.resource.type.ip');
    const ownBefore = await callAs(state, customer, ShowCustomerMonthlySum, { query: { bill_cycle: '2026-11', limit: 1000 } });
    const builds = state.bills.stats.scopeBuilds;

    const { orders } = state.commerce.unsubscribe(customer.customerId, [eip], 1, state.world.now);
    expect(orders).toHaveLength(1);
    const refund = await call(state, ListSubCustomerBillDetail, { query: { bill_cycle: '2026-11', customer_id: customer.customerId, trade_id: orders[0]!.orderId } });
    expect(refund.body.total_count).toBe(1);
    expect(refund.body.fee_records[0]).toMatchObject({ bill_detail_type: 4, resource_id: eip, charging_mode: 1 });
    expect(Number(refund.body.fee_records[0].payment_amount)).toBeLessThan(0);
    expect(state.bills.records(customer.customerId, '2026-11')).toHaveLength(before.length + 1);

    const refundsAfter = (await call(state, ListSubcustomerMonthlyBills, { query: partnerQuery })).body.bill_sums;
    expect(state.bills.stats.scopeBuilds).toBe(builds + 1);
    expect(refundsAfter).toHaveLength(refundsBefore.length + 1);
    const ip = refundsAfter.find((s: Json) => s.resource_type_code === 'hws.resource.type.ip');
    expect(toDecimal(ip.amount).eq(toDecimal(refund.body.fee_records[0].payment_amount))).toBe(true);
    const ownAfter = await callAs(state, customer, ShowCustomerMonthlySum, { query: { bill_cycle: '2026-11', limit: 1000 } });
    expect(ownAfter.body.total_count).toBe(ownBefore.body.total_count + 1);
    expect(toDecimal(ownAfter.body.consume_amount).minus(ownBefore.body.consume_amount).eq(toDecimal(ip.amount))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import * as bills from '../../../src/bss/operations/bills/index.js';
import { billOperations } from '../../../src/bss/operations/bills/index.js';
import { allOperations } from '../../../src/bss/operations/index.js';
import { billsHandlers } from '../../../src/simulator/handlers/bills/index.js';

describe('bill operation specs', () => {
  it('describes the 14 endpoints of §4 with Huawei names, paths and callers (§0.2)', () => {
    expect(billOperations.map((o) => [o.name, o.method, o.path, o.caller, o.kind])).toEqual([
      ['ListSubcustomerMonthlyBills', 'GET', '/v2/bills/partner-bills/subcustomer-bills/monthly-sum', 'partner', 'read'],
      ['ListSubCustomerBillDetail', 'GET', '/v2/bills/subcustomer-bills/res-fee-records', 'partner', 'read'],
      ['ListConsumeSubCustomers', 'POST', '/v2/bills/subcustomer-bills/res-fee-records/sub-customers/query', 'partner', 'read'],
      ['ShowCustomerMonthlySum', 'GET', '/v2/bills/customer-bills/monthly-sum', 'customer', 'read'],
      ['ListCustomerBillsFeeRecords', 'GET', '/v2/bills/customer-bills/fee-records', 'customer', 'read'],
      ['ListCustomerselfResourceRecords', 'GET', '/v2/bills/customer-bills/res-fee-records', 'customer', 'read'],
      ['ListCustomerselfResourceRecordDetails', 'POST', '/v2/bills/customer-bills/res-records/query', 'customer', 'read'],
      ['ListResourceUsageSummary', 'GET', '/v2/bills/customer-bills/resources/usage/summary', 'customer', 'read'],
      ['ListResourceUsage', 'GET', '/v2/bills/customer-bills/resources/usage/details', 'customer', 'read'],
      ['ListCustomerBillsMonthlyBreakDown', 'GET', '/v2/costs/cost-analysed-bills/monthly-breakdown', 'customer', 'read'],
      ['ListCosts', 'POST', '/v4/costs/cost-analysed-bills/query', 'customer', 'read'],
      ['ListOnDemandResourceRatings', 'POST', '/v2/bills/ratings/on-demand-resources', 'either', 'read'],
      ['ListRateOnPeriodDetail', 'POST', '/v2/bills/ratings/period-resources/subscribe-rate', 'either', 'read'],
      ['ListRenewRateOnPeriod', 'POST', '/v2/bills/ratings/period-resources/renew-rate', 'customer', 'read'],
    ]);
  });

  it('exports every operation constant and registers them with the rest', () => {
    for (const op of billOperations) {
      expect((bills as Record<string, unknown>)[op.name]).toBe(op);
      expect(allOperations).toContain(op);
    }
  });

  it('has exactly one handler per operation', () => {
    expect(Object.keys(billsHandlers).sort()).toEqual(billOperations.map((o) => o.name).sort());
  });

  it('declares paging (maximum limit, total field, items field, where offset/limit go)', () => {
    const pages = Object.fromEntries(billOperations.map((o) => [o.name, o.page ?? null]));
    expect(pages).toEqual({
      ListSubcustomerMonthlyBills: { maxLimit: 100, countField: 'count', itemsField: 'bill_sums', in: 'query' },
      ListSubCustomerBillDetail: { maxLimit: 1000, countField: 'total_count', itemsField: 'fee_records', in: 'query' },
      ListConsumeSubCustomers: { maxLimit: 100, countField: 'total_count', itemsField: 'sub_customers', in: 'body' },
      ShowCustomerMonthlySum: { maxLimit: 1000, countField: 'total_count', itemsField: 'bill_sums', in: 'query' },
      ListCustomerBillsFeeRecords: { maxLimit: 1000, countField: 'total_count', itemsField: 'records', in: 'query' },
      ListCustomerselfResourceRecords: { maxLimit: 1000, countField: 'total_count', itemsField: 'fee_records', in: 'query' },
      ListCustomerselfResourceRecordDetails: { maxLimit: 1000, countField: 'total_count', itemsField: 'monthly_records', in: 'body' },
      ListResourceUsageSummary: { maxLimit: 1000, countField: 'total_count', itemsField: 'summary_usage_info_list', in: 'query' },
      ListResourceUsage: { maxLimit: 1000, countField: 'total_count', itemsField: 'usage_info_list', in: 'query' },
      ListCustomerBillsMonthlyBreakDown: { maxLimit: 1000, countField: 'total_count', itemsField: 'details', in: 'query' },
      ListCosts: { maxLimit: 1000, countField: 'total_count', itemsField: 'cost_data', in: 'body' },
      ListOnDemandResourceRatings: null,
      ListRateOnPeriodDetail: null,
      ListRenewRateOnPeriod: null,
    });
  });

  it('declares id batches, the subscribe-rate quota, bodies and X-Language as the reference lists them', () => {
    const shape = Object.fromEntries(billOperations.map((o) => [o.name, [o.batch ?? null, o.ratePerSecond ?? 10, o.hasBody ?? false, o.language ?? false]]));
    expect(shape).toEqual({
      ListSubcustomerMonthlyBills: [null, 10, false, false],
      ListSubCustomerBillDetail: [null, 10, false, true],
      ListConsumeSubCustomers: [null, 10, true, true],
      ShowCustomerMonthlySum: [null, 10, false, false],
      ListCustomerBillsFeeRecords: [null, 10, false, true],
      ListCustomerselfResourceRecords: [null, 10, false, true],
      ListCustomerselfResourceRecordDetails: [null, 10, true, true],
      ListResourceUsageSummary: [null, 10, false, true],
      ListResourceUsage: [null, 10, false, true],
      ListCustomerBillsMonthlyBreakDown: [null, 10, false, true],
      ListCosts: [null, 10, true, true],
      ListOnDemandResourceRatings: [{ field: 'product_infos', max: 100 }, 10, true, false],
      ListRateOnPeriodDetail: [{ field: 'product_infos', max: 100 }, 30, true, false],
      ListRenewRateOnPeriod: [{ field: 'resource_ids', max: 10 }, 10, true, false],
    });
  });

  it('lists the query parameters with their wire names, legacy ones included', () => {
    expect(bills.ListSubcustomerMonthlyBills.query).toEqual([
      'customer_id', 'cycle', 'cloud_service_type', 'charge_mode', 'offset', 'limit', 'bill_type', 'indirect_partner_id',
    ]);
    expect(bills.ListCustomerselfResourceRecords.query).toContain('cycle');
    expect(bills.ListCustomerselfResourceRecords.query).toContain('statistic_type');
    expect(bills.ListSubCustomerBillDetail.query).toContain('bill_date_end');
    expect(bills.ListResourceUsage.query).toContain('resource_id');
    expect(bills.ListResourceUsageSummary.query).not.toContain('resource_id');
  });
});

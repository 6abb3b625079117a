/**
 * `Customer.consumption(cycle)` over ListSubCustomerBillDetail (bss-api-commerce.md §4.2): exact decimal sums
 * over every record of the cycle and a records connection, sharing upstream pages within a request. Compared
 * with the BSS client's own raw reads; call counts exact.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListSubCustomerBillDetail, type SubCustomerMonthlyBillDetail } from '../../../src/bss/operations/bills/index.js';
import { ListMeasureUnits } from '../../../src/bss/operations/commerce/index.js';
import { maskAccountName } from '../../../src/auth/pii.js';
import { offsetToCursor } from '../../../src/resolvers/connection.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import {
  BILL_DETAIL_TYPE, CHARGE_MODE, belowCustomer, contractQuery, data, dec, decSum, directCustomers, pick, recordCount, requests, warmReference,
} from './helpers.js';

const CYCLE = '2026-10';
const CONTRACT = contractQuery('ContractConsumption');

describe('Customer.consumption', () => {
  let stack: Stack;
  /** A direct customer with several pages of records (not a whole number of pages). */
  let heavy: CustomerRecord;
  let records: SubCustomerMonthlyBillDetail[];
  let unitNames: Map<number, string>;

  const pages = (n: number) => Math.max(1, Math.ceil(n / 1000));

  /** A raw record as the contract's selection writes it. */
  const contractNode = (r: SubCustomerMonthlyBillDetail) => ({
    serviceType: { code: r.service_type_code },
    resourceType: { code: r.resource_type_code },
    resourceId: r.resource_id,
    chargeMode: CHARGE_MODE[r.charging_mode],
    billType: BILL_DETAIL_TYPE[r.bill_detail_type],
    officialAmount: dec(r.official_amount),
    paymentAmount: dec(r.payment_amount),
    usage: r.usage_amount === undefined ? null : { amount: dec(r.usage_amount), unit: { id: r.usage_measure_id, name: unitNames.get(r.usage_measure_id!) } },
  });

  /** Exact sums per service type, ordered by code, from raw records. */
  const byServiceType = (rows: readonly SubCustomerMonthlyBillDetail[]) =>
    [...new Set(rows.map((r) => r.service_type_code))].sort().map((code) => {
      const group = rows.filter((r) => r.service_type_code === code);
      return { serviceType: { code, name: group[0]!.service_type_name }, amount: decSum(group.map((r) => r.payment_amount)) };
    });

  beforeAll(async () => {
    stack = await startStack();
    heavy = pick(directCustomers(stack), 'direct customer with 2000+ records in a cycle', (c) => recordCount(stack, c, CYCLE) > 2000 && recordCount(stack, c, CYCLE) % 1000 !== 0);
    records = (await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: heavy.customerId })).items;
    const units = await stack.bss.call(ListMeasureUnits, {}, { language: 'zh_CN' });
    unitNames = new Map(units.measure_units!.map((u) => [u.measure_id!, u.measure_name!]));
    expect(records.length).toBe(recordCount(stack, heavy, CYCLE));
    expect(records.some((r) => r.usage_amount === undefined)).toBe(true);
    expect(records.some((r) => r.usage_amount !== undefined)).toBe(true);
  });
  beforeEach(() => warmReference(stack));
  afterAll(async () => {
    await stack.close();
  });

  it('answers ContractConsumption with exact sums over every record, sharing the walk with the records page', async () => {
    const result = await data(stack, CONTRACT, { customerId: heavy.customerId, cycle: CYCLE });
    const consumption = result.customer.consumption;
    expect(consumption.total).toBe(decSum(records.map((r) => r.payment_amount)));
    expect(consumption.byServiceType).toEqual(byServiceType(records));
    expect(consumption.records).toEqual({ totalCount: records.length, nodes: records.slice(0, 100).map(contractNode) });
    // The sums walk every page at 1000; records(first: 100) is a slice of that walk, not another call.
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: pages(records.length) });
    expect(pages(records.length)).toBeGreaterThan(2);
  });

  it('sums exactly: list-price totals and per-service record counts cover every record', async () => {
    const { customer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
      consumption(cycle: $cycle) { total officialTotal byServiceType { amount officialAmount recordCount } }
    } }`, { id: heavy.customerId, cycle: CYCLE });
    expect(customer.consumption.total).toBe(decSum(records.map((r) => r.payment_amount)));
    expect(customer.consumption.total).toMatch(/^\d+\.\d{2,8}$/);
    expect(customer.consumption.officialTotal).toBe(decSum(records.map((r) => r.official_amount)));
    expect(customer.consumption.byServiceType.map((s: { recordCount: number }) => s.recordCount).reduce((a: number, b: number) => a + b, 0)).toBe(records.length);
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: pages(records.length) });
  });

  it('costs one call per page of records when no sum is asked, with cursors that are record offsets', async () => {
    const query = `query ($id: String!, $cycle: BillingCycle!, $first: Int, $after: String) { customer(customerId: $id) {
      consumption(cycle: $cycle) { records(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { resourceId paymentAmount } }
      } }
    } }`;
    const first = await data(stack, query, { id: heavy.customerId, cycle: CYCLE, first: 100 });
    expect(first.customer.consumption.records.edges).toEqual(
      records.slice(0, 100).map((r, i) => ({ cursor: offsetToCursor(i), node: { resourceId: r.resource_id, paymentAmount: dec(r.payment_amount) } })),
    );
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 1 });

    stack.bss.counter.reset();
    const later = await data(stack, query, { id: heavy.customerId, cycle: CYCLE, first: 1000, after: offsetToCursor(499) });
    expect(later.customer.consumption.records.edges.map((e: any) => e.node)).toEqual(
      records.slice(500, 1500).map((r) => ({ resourceId: r.resource_id, paymentAmount: dec(r.payment_amount) })),
    );
    expect(later.customer.consumption.records.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, endCursor: offsetToCursor(1499) });
    expect(later.customer.consumption.records.totalCount).toBe(records.length);
    // A window of 1000 at any offset is one upstream page.
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 1 });
  });

  it('exposes every wire field that matters, mapped exactly', async () => {
    const { customer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) {
      records(first: 300) { nodes {
        recordId cycle customerId chargeModeCode billTypeCode tradeId tradeTime consumeTime resourceName productSpecDescription
        region { code name } productId productName usageTypeCode discountAmount cashAmount creditAmount couponAmount
        flexiPurchaseCouponAmount storedValueCardAmount debtAmount writeoffAmount periodType periodTypeCode periodCount
        accountManagerId indirectPartnerId freeResourceUsage { amount unit { id } } reservedInstanceUsage { amount }
      } }
    } } }`, { id: heavy.customerId, cycle: CYCLE });
    const PERIOD: Record<number, string> = { 19: 'YEAR', 20: 'MONTH', 24: 'DAY', 25: 'HOUR', 5: 'ONE_OFF' };
    const iso = (t: string) => new Date(t).toISOString();
    expect(customer.consumption.records.nodes).toEqual(
      records.slice(0, 300).map((r) => ({
        recordId: r.id,
        cycle: r.bill_cycle,
        customerId: r.customer_id,
        chargeModeCode: r.charging_mode,
        billTypeCode: r.bill_detail_type,
        tradeId: r.trade_id,
        tradeTime: iso(r.trade_time),
        consumeTime: iso(r.consume_time),
        resourceName: r.resource_name,
        productSpecDescription: r.product_spec_desc,
        region: { code: r.region_code, name: r.region_name },
        productId: r.product_id,
        productName: r.product_name,
        usageTypeCode: r.usage_type ?? null,
        discountAmount: dec(r.official_discount_amount),
        cashAmount: dec(r.cash_amount),
        creditAmount: dec(r.credit_amount),
        couponAmount: dec(r.coupon_amount),
        flexiPurchaseCouponAmount: dec(r.flexipurchase_coupon_amount),
        storedValueCardAmount: dec(r.stored_value_card_amount),
        debtAmount: dec(r.debt_amount),
        writeoffAmount: dec(r.writeoff_amount),
        periodType: PERIOD[r.period_type],
        periodTypeCode: r.period_type,
        periodCount: dec(r.period_num),
        accountManagerId: r.account_manager_id ?? null,
        indirectPartnerId: r.partner_id ?? null,
        freeResourceUsage: r.free_resource_usage === undefined ? null : { amount: dec(r.free_resource_usage), unit: { id: r.free_resource_measure_id } },
        reservedInstanceUsage: r.ri_usage === undefined ? null : { amount: dec(r.ri_usage) },
      })),
    );
  });

  it('mirrors the upstream filters (charge mode, bill type, service type) with enums', async () => {
    const raw = await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: heavy.customerId, charging_mode: 1 });
    const usage = await stack.bss.paginate(ListSubCustomerBillDetail, {
      bill_cycle: CYCLE, customer_id: heavy.customerId, bill_detail_type: 5, service_type_code: 'hws.service.type.ec2',
    });
    stack.bss.counter.reset();
    const { customer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
      yearly: consumption(cycle: $cycle, chargeMode: YEARLY_MONTHLY) { total records(first: 1000) { totalCount nodes { chargeMode paymentAmount } } }
      ecsUsage: consumption(cycle: $cycle, billType: USAGE, serviceTypeCode: "hws.service.type.ec2") { total records(first: 5) { totalCount } }
    } }`, { id: heavy.customerId, cycle: CYCLE });
    expect(raw.items.length).toBeGreaterThan(0);
    expect(customer.yearly.total).toBe(decSum(raw.items.map((r) => r.payment_amount)));
    expect(customer.yearly.records).toEqual({
      totalCount: raw.total,
      nodes: raw.items.map((r) => ({ chargeMode: 'YEARLY_MONTHLY', paymentAmount: dec(r.payment_amount) })),
    });
    expect(customer.ecsUsage).toEqual({ total: decSum(usage.items.map((r) => r.payment_amount)), records: { totalCount: usage.total } });
    // Two views, two queries, each walked once (both fit one page of 1000).
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: pages(raw.total) + pages(usage.total) });
  });

  it('answers a cycle without records (kept, before the billed ones) with a zero total, no service types and no records, in one call', async () => {
    const { customer } = await data(stack, `query ($id: String!) { customer(customerId: $id) { consumption(cycle: "2025-08") {
      total byServiceType { amount } records(first: 10) { totalCount nodes { resourceId } pageInfo { hasNextPage } }
    } } }`, { id: heavy.customerId });
    expect(customer.consumption).toEqual({ total: '0.00', byServiceType: [], records: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } } });
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 1 });
  });

  it('puts an upstream refusal on the consumption fields only, with Huawei\'s code', async () => {
    // A filter the upstream refuses (resource_name is at most 64 characters: CBC.0100). An older cycle than the
    // 18 Huawei keeps no longer gets this far: it is refused before any call (consumption-views.test.ts).
    const result = await stack.graphql(`query ($id: String!, $name: String!) { customer(customerId: $id) {
      customerId consumption(cycle: "${CYCLE}", resourceName: $name) { cycle total records(first: 5) { totalCount } }
    } }`, { id: heavy.customerId, name: 'x'.repeat(65) });
    expect(result.data.customer).toEqual({ customerId: heavy.customerId, consumption: { cycle: CYCLE, total: null, records: null } });
    expect(result.errors!.map((e: any) => e.path)).toEqual(
      expect.arrayContaining([['customer', 'consumption', 'total'], ['customer', 'consumption', 'records']]),
    );
    for (const error of result.errors!) {
      expect(error.extensions).toMatchObject({ code: 'CBC.0100', httpStatus: 400, operation: 'ListSubCustomerBillDetail' });
    }
    // Both fields failed on the same shared walk: one call, not retried (a 400 is an answer).
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 1 });
  });

  it('refetches a consumption record through node(id) with one filtered call', async () => {
    const listed = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) {
      records(first: 3, after: "${offsetToCursor(1200)}") { nodes { id recordId tradeId paymentAmount } }
    } } }`, { id: heavy.customerId, cycle: CYCLE });
    stack.bss.counter.reset();
    for (const node of listed.customer.consumption.records.nodes) {
      const refetched = await data(stack, `query ($id: ID!) { node(id: $id) { id __typename ... on ConsumptionRecord {
        recordId tradeId paymentAmount customer { customerId }
      } } }`, { id: node.id });
      expect(refetched.node).toEqual({ ...node, __typename: 'ConsumptionRecord', customer: { customerId: heavy.customerId } });
      expect(Buffer.from(node.id, 'base64').toString()).toMatch(/^ConsumptionRecord:\[/);
    }
    expect(listed.customer.consumption.records.nodes.map((n: any) => n.recordId)).toEqual(records.slice(1201, 1204).map((r) => r.id));
    expect(requests(stack)).toEqual({ ListSubCustomerBillDetail: 3 });
  });

  it('links order records to their orders (one lookup per distinct order) and usage records to none', async () => {
    const orderRecords = records.filter((r) => [1, 2, 3, 4, 8].includes(r.bill_detail_type));
    expect(orderRecords.length).toBeGreaterThan(0);
    const { customer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!, $trade: String!) { customer(customerId: $id) {
      orders: consumption(cycle: $cycle, tradeId: $trade) { records(first: 50) { nodes { tradeId billType order { orderId customerId } } } }
      usage: consumption(cycle: $cycle, billType: USAGE) { records(first: 3) { nodes { order { orderId } } } }
    } }`, { id: heavy.customerId, cycle: CYCLE, trade: orderRecords[0]!.trade_id });
    const sameOrder = orderRecords.filter((r) => r.trade_id === orderRecords[0]!.trade_id);
    expect(customer.orders.records.nodes).toEqual(
      sameOrder.map((r) => ({ tradeId: r.trade_id, billType: BILL_DETAIL_TYPE[r.bill_detail_type], order: { orderId: r.trade_id, customerId: heavy.customerId } })),
    );
    expect(customer.usage.records.nodes).toEqual([{ order: null }, { order: null }, { order: null }]);
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 2, ListCustomerOrders: 1 });
  });

  it('links yearly/monthly records to their resources through the batched resource loader', async () => {
    const yearly = records.filter((r) => r.charging_mode === 1);
    const ids = [...new Set(yearly.map((r) => r.resource_id))];
    expect(ids.length).toBeGreaterThan(0);
    const { customer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
      consumption(cycle: $cycle, chargeMode: YEARLY_MONTHLY) { records(first: 1000) { nodes { resourceId resource { __typename resourceId } } } }
    } }`, { id: heavy.customerId, cycle: CYCLE });
    const nodes: { resourceId: string; resource: { __typename: string; resourceId: string } | null }[] = customer.consumption.records.nodes;
    expect(nodes.map((n) => n.resourceId)).toEqual(yearly.map((r) => r.resource_id));
    const linked = nodes.filter((n) => n.resource !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const n of linked) expect(n.resource).toEqual({ __typename: 'PeriodResource', resourceId: n.resourceId });
    // Distinct resources batched ≤ 50 ids per call (one customer).
    expect(belowCustomer(stack)).toEqual({ ListSubCustomerBillDetail: 1, ListPayPerUseCustomerResources: Math.ceil(ids.length / 50) });
  });

  it('reads a reseller\'s customer\'s records in the reseller\'s scope, where alone they are visible', async () => {
    const customer = pick(
      stack.simulator.state.world.customers.filter((c) => c.indirectPartnerId !== null),
      'reseller customer with records',
      (c) => recordCount(stack, c, CYCLE) > 0,
    );
    const scoped = await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: customer.customerId, indirect_partner_id: customer.indirectPartnerId! });
    const unscoped = await stack.bss.call(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: customer.customerId, limit: 1 });
    expect(scoped.total).toBeGreaterThan(0);
    expect(unscoped.total_count).toBe(0);
    stack.bss.counter.reset();

    const { customer: answer } = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
      consumption(cycle: $cycle) { total records(first: 5) { totalCount nodes { recordId indirectPartnerId customer { customerId accountName } } } }
    } }`, { id: customer.customerId, cycle: CYCLE });
    expect(answer.consumption).toEqual({
      total: decSum(scoped.items.map((r) => r.payment_amount)),
      records: {
        totalCount: scoped.total,
        nodes: scoped.items.slice(0, 5).map((r) => ({
          // The open simulator's caller has no PII permission: names come masked.
          recordId: r.id, indirectPartnerId: customer.indirectPartnerId, customer: { customerId: customer.customerId, accountName: maskAccountName(customer.accountName) },
        })),
      },
    });
    // The records' customer is the one they were listed under: no lookup beyond `Query.customer`'s own.
    expect(requests(stack)['ListSubCustomerBillDetail']).toBe(pages(scoped.total));
  });

  it('costs one walk per customer when nested under a customer page, the page itself and nothing per record', async () => {
    const page = await data(stack, '{ partner { customers(first: 15) { nodes { customerId } } } }');
    const ids: string[] = page.partner.customers.nodes.map((n: { customerId: string }) => n.customerId);
    const expected: { id: string; total: string; n: number }[] = [];
    for (const id of ids) {
      const raw = await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: id });
      expected.push({ id, total: decSum(raw.items.map((r) => r.payment_amount)), n: raw.total });
    }
    expect(expected.filter((e) => e.n > 1000).length).toBeGreaterThan(0);
    stack.bss.counter.reset();
    const result = await data(stack, `query ($cycle: BillingCycle!) { partner { customers(first: 15) { nodes {
      customerId consumption(cycle: $cycle) { total records(first: 2) { nodes { customer { customerId } serviceType { name } } } }
    } } } }`, { cycle: CYCLE });
    expect(result.partner.customers.nodes.map((n: any) => ({ id: n.customerId, total: n.consumption.total }))).toEqual(expected.map(({ id, total }) => ({ id, total })));
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ListSubCustomerBillDetail: expected.reduce((acc, e) => acc + pages(e.n), 0) });
  });
});

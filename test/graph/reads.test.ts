/**
 * The reads that had no field (issue 15), through the whole stack, each compared with the BSS client's own
 * raw read and its upstream calls counted exactly: a customer's cost data through its token (§4.5–4.7,
 * §4.10–4.11), 95th-percentile usage (§4.8–4.9), price quotes at the root (§4.12–4.14) and the resources a
 * service type sells (§5.3, cached).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ListCosts, ListCustomerBillsFeeRecords, ListCustomerBillsMonthlyBreakDown, ListCustomerselfResourceRecordDetails,
  ListCustomerselfResourceRecords, ListOnDemandResourceRatings, ListRateOnPeriodDetail, ListRenewRateOnPeriod,
  ListResourceUsage, ListResourceUsageSummary,
} from '../../src/bss/operations/bills/index.js';
import { ListOrderCouponsByOrderId, ListOrderDiscounts, ListServiceResources } from '../../src/bss/operations/commerce/index.js';
import { CheckUserIdentity, ShowRealnameAuthenticationReviewResult } from '../../src/bss/operations/partners/index.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';
import { resources95 } from '../../src/simulator/dataset/bills/usage-95.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';
import { data, dec, directCustomers, pick, requests } from './commerce/helpers.js';

const CYCLE = '2026-10';

/** Upstream requests without IAM's token exchanges and the root `customer` lookup (what the field itself costs). */
function below(stack: Stack): Record<string, number> {
  const all: Record<string, number> = { ...requests(stack) };
  for (const key of Object.keys(all)) if (key.startsWith('IAM') || key.includes('Token') || key === 'ListSubCustomers') delete all[key];
  return all;
}

describe('reads with a field of their own', () => {
  let stack: Stack;
  let owner: CustomerRecord;
  let bandwidth: string;

  beforeAll(async () => {
    stack = await startStack({ customers: 200, pii: true });
    // A resale customer with an agency, consumption in the cycle, and a pay-per-use bandwidth (95th-percentile data).
    const world = stack.simulator.state.world;
    const bandwidths = (c: CustomerRecord) => resources95(world, c.customerId, CYCLE, TEST_NOW.getTime(), 'hws.service.type.vpc', 'hws.resource.type.bandwidth', 'bandwidth95peak');
    owner = pick(directCustomers(stack, '2'), 'resale customer with an agency, consumption and a 95th-percentile bandwidth', (c) =>
      c.agency !== null && stack.simulator.state.bills.records(c.customerId, CYCLE).length > 0 && bandwidths(c).length > 0,
    );
    bandwidth = bandwidths(owner)[0]!.resourceId;
    await data(stack, '{ serviceTypes { code } resourceTypes { code } }');
  });
  beforeEach(() => stack.bss.counter.reset());
  afterAll(async () => {
    await stack.close();
  });

  const asOwner = () => ({ customerId: owner.customerId });
  const q = (body: string, variables: Record<string, unknown> = {}) =>
    data(stack, `query ($id: String!) { customer(customerId: $id) { ${body} } }`, { id: owner.customerId, ...variables });

  it('Customer.feeRecords: ListCustomerBillsFeeRecords through the token, one call per page of 1000', async () => {
    const raw = await stack.bss.call(ListCustomerBillsFeeRecords, { bill_cycle: CYCLE, offset: 0, limit: 1000 }, asOwner());
    expect(raw.total_count).toBeGreaterThan(0);
    stack.bss.counter.reset();
    const d = await q(`feeRecords(cycle: "${CYCLE}", first: 1000) { totalCount nodes { tradeId consumeAmount customer { customerId } } }`);
    expect(d.customer.feeRecords.totalCount).toBe(raw.total_count);
    expect(d.customer.feeRecords.nodes).toEqual(raw.records.map((r) => ({ tradeId: r.trade_id || null, consumeAmount: dec(r.consume_amount), customer: { customerId: owner.customerId } })));
    expect(below(stack)).toEqual({ ListCustomerBillsFeeRecords: 1 });
  });

  it('Customer.resourceBills: ListCustomerselfResourceRecords, one call', async () => {
    const raw = await stack.bss.call(ListCustomerselfResourceRecords, { cycle: CYCLE, offset: 0, limit: 50 }, asOwner());
    stack.bss.counter.reset();
    const d = await q(`resourceBills(cycle: "${CYCLE}", first: 50) { totalCount nodes { resourceId amount chargeMode } }`);
    expect(d.customer.resourceBills.totalCount).toBe(raw.total_count);
    expect(d.customer.resourceBills.nodes.map((n: { resourceId: string; amount: string }) => [n.resourceId, n.amount])).toEqual(raw.fee_records.map((r) => [r.resource_id, dec(r.amount)]));
    expect(below(stack)).toEqual({ ListCustomerselfResourceRecords: 1 });
  });

  it('Customer.resourceDetailBills: ListCustomerselfResourceRecordDetails per cycle or per day, with enterprise projects', async () => {
    const raw = await stack.bss.call(ListCustomerselfResourceRecordDetails, { body: { cycle: CYCLE, statistic_type: 2, offset: 0, limit: 100 } }, asOwner());
    stack.bss.counter.reset();
    const d = await q(`resourceDetailBills(cycle: "${CYCLE}", statistic: PER_DAY, first: 100) { totalCount nodes { resourceId billDate consumeAmount enterpriseProject { id } } }`);
    expect(d.customer.resourceDetailBills.totalCount).toBe(raw.total_count);
    expect(d.customer.resourceDetailBills.nodes.map((n: { resourceId: string; billDate: string; consumeAmount: string; enterpriseProject: { id: string } | null }) => [n.resourceId, n.billDate, n.consumeAmount, n.enterpriseProject?.id ?? null]))
      .toEqual(raw.monthly_records.map((r) => [r.res_instance_id, r.bill_date, dec(r.consume_amount), r.enterprise_project_id || null]));
    expect(below(stack)).toEqual({ ListCustomerselfResourceRecordDetails: 1 });
  });

  it('Customer.amortizedCosts: ListCustomerBillsMonthlyBreakDown, one call', async () => {
    const raw = await stack.bss.call(ListCustomerBillsMonthlyBreakDown, { shared_month: CYCLE, offset: 0, limit: 100 }, asOwner());
    stack.bss.counter.reset();
    const d = await q(`amortizedCosts(month: "${CYCLE}", first: 100) { totalCount nodes { month resourceId currentMonthAmortizedAmount } }`);
    expect(d.customer.amortizedCosts.totalCount).toBe(raw.total_count);
    expect(d.customer.amortizedCosts.nodes).toEqual(raw.details.map((r) => ({ month: r.shared_month, resourceId: r.resource_id, currentMonthAmortizedAmount: dec(r.current_month_amortized_amount) })));
    expect(below(stack)).toEqual({ ListCustomerBillsMonthlyBreakDown: 1 });
  });

  it('cost rows carry the wire row’s service, resource type, region, project and payment split, each bill under its own spelling', async () => {
    const row = 'cycle serviceType { code } resourceType { code } region { code } enterpriseProject { id name }';
    const split = 'cashAmount creditAmount couponAmount flexiPurchaseCouponAmount storedCardAmount bonusAmount debtAmount adjustmentAmount';
    const d = await q(`
      feeRecords(cycle: "${CYCLE}", first: 20) { nodes { ${row} } }
      amortizedCosts(month: "${CYCLE}", first: 20) { nodes { ${row} } }
      resourceBills(cycle: "${CYCLE}", first: 20) { nodes { ${row} ${split} } }
      resourceDetailBills(cycle: "${CYCLE}", first: 20) { nodes { ${row} ${split} } }`);
    const fee = await stack.bss.call(ListCustomerBillsFeeRecords, { bill_cycle: CYCLE, offset: 0, limit: 20 }, asOwner());
    const amortized = await stack.bss.call(ListCustomerBillsMonthlyBreakDown, { shared_month: CYCLE, offset: 0, limit: 20 }, asOwner());
    const byResource = await stack.bss.call(ListCustomerselfResourceRecords, { cycle: CYCLE, offset: 0, limit: 20 }, asOwner());
    const detail = await stack.bss.call(ListCustomerselfResourceRecordDetails, { body: { cycle: CYCLE, statistic_type: 1, offset: 0, limit: 20 } }, asOwner());
    const code = (value: string | null | undefined) => (value ? { code: value } : null);
    const project = (id?: string | null, name?: string | null) => (id || name ? { id: id || null, name: name || null } : null);
    const codeNamed = (r: { bill_cycle?: string | null; service_type_code?: string | null; resource_type_code?: string | null; region_code?: string | null; enterprise_project_id?: string | null; enterprise_project_name?: string | null }) => ({
      cycle: r.bill_cycle, serviceType: code(r.service_type_code), resourceType: code(r.resource_type_code), region: code(r.region_code),
      enterpriseProject: project(r.enterprise_project_id, r.enterprise_project_name),
    });
    const paid = (r: Record<string, unknown>) => ({
      cashAmount: dec(r['cash_amount'] as string), creditAmount: dec(r['credit_amount'] as string), couponAmount: dec(r['coupon_amount'] as string),
      flexiPurchaseCouponAmount: dec(r['flexipurchase_coupon_amount'] as string), storedCardAmount: dec(r['stored_card_amount'] as string),
      bonusAmount: dec(r['bonus_amount'] as string), debtAmount: dec(r['debt_amount'] as string), adjustmentAmount: dec(r['adjustment_amount'] as string),
    });
    expect(fee.records!.length).toBeGreaterThan(0);
    expect(d.customer.feeRecords.nodes).toEqual(fee.records!.map(codeNamed));
    expect(d.customer.amortizedCosts.nodes).toEqual(amortized.details!.map(codeNamed));
    expect(byResource.fee_records!.length).toBeGreaterThan(0);
    expect(d.customer.resourceBills.nodes).toEqual(byResource.fee_records!.map((r) => ({
      cycle: CYCLE, serviceType: code(r.cloud_service_type), resourceType: code(r.resource_type), region: code(r.region),
      enterpriseProject: project(r.enterprise_project_id, r.enterprise_project_name), ...paid(r as unknown as Record<string, unknown>),
    })));
    expect(d.customer.resourceDetailBills.nodes).toEqual(detail.monthly_records!.map((r) => ({
      cycle: r.cycle || CYCLE, serviceType: code(r.cloud_service_type), resourceType: code(r.resource_Type_code), region: code(r.region),
      enterpriseProject: project(r.enterprise_project_id, r.enterprise_project_name), ...paid(r as unknown as Record<string, unknown>),
    })));
    // Somewhere in the month a split is more than cash: the test would not see a swapped column otherwise.
    expect(byResource.fee_records!.some((r) => Number(r.cash_amount ?? 0) > 0)).toBe(true);
  });

  it('Customer.costs: ListCosts grouped by service type per month, one call; a bad window costs nothing', async () => {
    const body = { time_condition: { time_measure_id: 2, begin_time: '2026-08', end_time: CYCLE }, groupby: [{ type: 'dimension', key: 'CLOUD_SERVICE_TYPE' }], cost_type: 'ORIGINAL_COST', amount_type: 'PAYMENT_AMOUNT', offset: 0, limit: 100 };
    const raw = await stack.bss.call(ListCosts, { body }, asOwner());
    expect(raw.total_count).toBeGreaterThan(0);
    stack.bss.counter.reset();
    const d = await q(`costs(from: "2026-08", to: "${CYCLE}", first: 100) { totalCount nodes { dimensions { key value } amount points { period amount } } }`);
    expect(d.customer.costs.totalCount).toBe(raw.total_count);
    expect(d.customer.costs.nodes.map((n: { dimensions: { value: string }[]; amount: string }) => [n.dimensions[0]!.value, n.amount])).toEqual(raw.cost_data.map((c) => [c.dimensions[0]!.value, dec(c.amount_by_costs)]));
    expect(below(stack)).toEqual({ ListCosts: 1 });

    stack.bss.counter.reset();
    const bad = await stack.graphql(`query ($id: String!) { customer(customerId: $id) { costs(granularity: DAY, from: "2026-08", to: "2026-09") { totalCount } } }`, { id: owner.customerId });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect(below(stack)).toEqual({});
  });

  it('Customer.percentileUsage and Resource.percentileUsage: ListResourceUsageSummary, ListResourceUsage (1 call each)', async () => {
    const wire = { bill_cycle: CYCLE, service_type_code: 'hws.service.type.vpc', resource_type_code: 'hws.resource.type.bandwidth', usage_type: 'bandwidth95peak' };
    const summary = await stack.bss.call(ListResourceUsageSummary, { ...wire, offset: 0, limit: 100 }, asOwner());
    const detail = await stack.bss.call(ListResourceUsage, { ...wire, resource_id: bandwidth, offset: 0, limit: 1000 }, asOwner());
    expect(summary.summary_usage_info_list.map((s) => s.resource_id)).toContain(bandwidth);
    stack.bss.counter.reset();
    const d = await q(`percentileUsage(cycle: "${CYCLE}", serviceTypeCode: "hws.service.type.vpc", resourceTypeCode: "hws.resource.type.bandwidth", usageType: BANDWIDTH_PEAK_95, first: 100) {
      totalCount nodes { resourceId bandwidth actualDays }
    }
    onDemandResources(first: 100) { nodes { resourceId percentileUsage(cycle: "${CYCLE}", usageType: BANDWIDTH_PEAK_95) { bandwidth points(first: 3) { totalCount nodes { usage } } } } }`);
    expect(d.customer.percentileUsage.nodes).toEqual(summary.summary_usage_info_list.map((s) => ({ resourceId: s.resource_id, bandwidth: s.band_width ? dec(s.band_width) : null, actualDays: dec(s.actual_days) })));
    const mine = d.customer.onDemandResources.nodes.find((n: { resourceId: string }) => n.resourceId === bandwidth);
    expect(mine.percentileUsage.bandwidth).toBe(detail.band_width ? dec(detail.band_width) : null);
    expect(mine.percentileUsage.points.totalCount).toBe(detail.total_count);
    expect(mine.percentileUsage.points.nodes.map((p: { usage: string }) => p.usage)).toEqual(detail.usage_info_list.slice(0, 3).map((p) => dec(p.usage)));
    const resources = d.customer.onDemandResources.nodes.length;
    // One detail call per pay-per-use resource (its points come with it), one summary call.
    expect(below(stack)).toEqual({ ListCustomerOnDemandResources: 1, ListResourceUsageSummary: 1, ListResourceUsage: resources });
  });

  describe('price quotes at the root', () => {
    const vm = { serviceTypeCode: 'hws.service.type.ec2', resourceTypeCode: 'hws.resource.type.vm', resourceSpec: 's6.large.2.linux', regionCode: 'cn-north-4' };

    it('onDemandQuote: ListOnDemandResourceRatings, one call; over 100 products refused before any call', async () => {
      const raw = await stack.bss.call(ListOnDemandResourceRatings, {
        body: { project_id: 'p1', product_infos: [{ id: 'a', cloud_service_type: vm.serviceTypeCode, resource_type: vm.resourceTypeCode, resource_spec: vm.resourceSpec, region: vm.regionCode, usage_factor: 'Duration', usage_value: 10, usage_measure_id: 4, subscription_num: 2 }] },
      });
      stack.bss.counter.reset();
      const d = await data(stack, `query ($p: [OnDemandQuoteProduct!]!) { onDemandQuote(projectId: "p1", products: $p) { amount officialAmount currency products { id officialAmount } } }`, {
        p: [{ id: 'a', ...vm, usageFactor: 'Duration', usageValue: '10', usageMeasureId: 4, quantity: 2 }],
      });
      expect(d.onDemandQuote).toEqual({
        amount: dec(raw.amount), officialAmount: dec(raw.official_website_amount), currency: raw.currency,
        products: raw.product_rating_results.map((r) => ({ id: r.id, officialAmount: dec(r.official_website_amount) })),
      });
      expect(requests(stack)).toEqual({ ListOnDemandResourceRatings: 1 });

      stack.bss.counter.reset();
      const many = Array.from({ length: 101 }, (_, i) => ({ id: `p${i}`, ...vm, usageFactor: 'Duration', usageValue: '1', usageMeasureId: 4, quantity: 1 }));
      const refused = await stack.graphql(`query ($p: [OnDemandQuoteProduct!]!) { onDemandQuote(projectId: "p1", products: $p) { amount } }`, { p: many });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'products' });
      expect(requests(stack)).toEqual({});
    });

    it('periodQuote: ListRateOnPeriodDetail with a customer\'s discounts, one call (plus its token)', async () => {
      const raw = await stack.bss.call(ListRateOnPeriodDetail, {
        body: { project_id: 'p1', product_infos: [{ id: 'a', cloud_service_type: vm.serviceTypeCode, resource_type: vm.resourceTypeCode, resource_spec: vm.resourceSpec, region: vm.regionCode, period_type: 2, period_num: 3, subscription_num: 1 }] },
      }, asOwner());
      stack.bss.counter.reset();
      const d = await data(stack, `query ($p: [PeriodQuoteProduct!]!, $c: String) { periodQuote(projectId: "p1", products: $p, customerId: $c) { officialAmount discounts { discountId amount bestOffer } } }`, {
        p: [{ id: 'a', ...vm, periodType: 2, periodCount: 3, quantity: 1 }], c: owner.customerId,
      });
      expect(d.periodQuote.officialAmount).toBe(dec(raw.official_website_rating_result.official_website_amount));
      expect(d.periodQuote.discounts).toEqual((raw.optional_discount_rating_results ?? []).map((o) => ({ discountId: o.discount_id, amount: dec(o.amount), bestOffer: o.best_offer === 1 })));
      expect(below(stack)).toEqual({ ListRateOnPeriodDetail: 1 });
    });

    it('renewalQuote: ListRenewRateOnPeriod through the customer\'s token, one call', async () => {
      const period = stack.simulator.state.commerce.resourcesOf(owner.customerId).filter((r) => r.chargeMode === 1 && r.provisioned).slice(0, 2).map((r) => r.resourceId);
      expect(period.length).toBeGreaterThan(0);
      const raw = await stack.bss.call(ListRenewRateOnPeriod, { body: { resource_ids: period, period_type: 2, period_num: 1, include_relative_resources: true } }, asOwner());
      stack.bss.counter.reset();
      const d = await data(stack, `query ($c: String!, $r: [String!]!) { renewalQuote(customerId: $c, resourceIds: $r, periodType: 2, periodCount: 1) { officialAmount resources { resourceId amount } failures { resourceId code } } }`, { c: owner.customerId, r: period });
      expect(d.renewalQuote).toEqual({
        officialAmount: dec(raw.official_website_rating_result.official_website_amount),
        resources: raw.renew_inquiry_results.map((r) => ({ resourceId: r.resource_id, amount: dec(r.amount) })),
        failures: (raw.fail_resource_infos ?? []).map((f) => ({ resourceId: f.resource_id, code: f.error_code })),
      });
      expect(below(stack)).toEqual({ ListRenewRateOnPeriod: 1 });
    });
  });

  describe('customer checks and payment options', () => {
    it('Customer.realNameReview: ShowRealnameAuthenticationReviewResult, one call per customer', async () => {
      const d = await data(stack, '{ partner { customers(first: 10) { nodes { customerId realNameReview { status statusCode opinion } } } } }');
      const nodes = d.partner.customers.nodes as { customerId: string; realNameReview: { statusCode: number; opinion: string | null } | null }[];
      expect(requests(stack)).toEqual({ ListSubCustomers: 1, ShowRealnameAuthenticationReviewResult: nodes.length });
      for (const n of nodes) {
        const raw = await stack.bss.call(ShowRealnameAuthenticationReviewResult, { customer_id: n.customerId });
        expect(n.realNameReview?.statusCode ?? null).toBe(raw.review_result ?? null);
        if (n.realNameReview) expect(n.realNameReview.opinion).toBe(raw.opinion ?? null);
      }
    });

    it('Query.customerIdentityCheck: CheckUserIdentity, one call', async () => {
      const taken = owner.email;
      const d = await data(stack, `query ($v: String!) { taken: customerIdentityCheck(searchType: EMAIL, value: $v) { available result } free: customerIdentityCheck(searchType: EMAIL, value: "nobody-here@example.org") { available } }`, { v: taken });
      expect(d).toEqual({ taken: { available: false, result: 'used_by_user' }, free: { available: true } });
      expect(requests(stack)).toEqual({ CheckUserIdentity: 2 });
      const raw = await stack.bss.call(CheckUserIdentity, { body: { search_type: 'email', search_value: taken } });
      expect(raw.check_result).toBe('used_by_user');
    });

    it('Order.usableCoupons and usableDiscounts: one call each for a pending order, none for any other', async () => {
      const pendingOwner = pick(directCustomers(stack, '2'), 'resale customer with an agency and a pending-payment order', (c) =>
        c.agency !== null && stack.simulator.state.commerce.ordersOf(c.customerId).some((o) => o.status === 6),
      );
      const pending = stack.simulator.state.commerce.ordersOf(pendingOwner.customerId).find((o) => o.status === 6)!;
      const coupons = await stack.bss.call(ListOrderCouponsByOrderId, { order_id: pending.orderId }, { customerId: pendingOwner.customerId });
      const discounts = await stack.bss.call(ListOrderDiscounts, { order_id: pending.orderId }, { customerId: pendingOwner.customerId });
      stack.bss.counter.reset();
      const d = await data(stack, `query ($o: String!) { order(orderId: $o) { status usableCoupons { coupons { couponId } maxUse { quantity } } usableDiscounts { discountId } } }`, { o: pending.orderId });
      expect(d.order.status).toBe('PENDING_PAYMENT');
      expect(d.order.usableCoupons.coupons.map((c: { couponId: string }) => c.couponId)).toEqual((coupons.user_coupons ?? []).map((c) => c.coupon_id));
      expect(d.order.usableDiscounts.map((x: { discountId: string }) => x.discountId)).toEqual((discounts.discounts ?? []).map((x) => x.discount_id));
      expect(below(stack)).toEqual({ ListCustomerOrders: 1, ListOrderCouponsByOrderId: 1, ListOrderDiscounts: 1 });

      const completed = stack.simulator.state.commerce.ordersOf(pendingOwner.customerId).find((o) => o.status === 5)!;
      stack.bss.counter.reset();
      const done = await data(stack, `query ($o: String!) { order(orderId: $o) { usableCoupons { coupons { couponId } } usableDiscounts { discountId } } }`, { o: completed.orderId });
      expect(done.order).toEqual({ usableCoupons: { coupons: [] }, usableDiscounts: [] });
      expect(requests(stack)).toEqual({ ListCustomerOrders: 1 });
    });
  });

  it('ServiceType.resources: ListServiceResources once per service type and language, then cached', async () => {
    const raw = await stack.bss.paginate(ListServiceResources, { service_type_code: 'hws.service.type.ec2' });
    stack.bss.counter.reset();
    const query = '{ serviceTypes { code resources { resourceType { code } name } } }';
    const first = await data(stack, query);
    const ec2 = first.serviceTypes.find((s: { code: string }) => s.code === 'hws.service.type.ec2');
    expect(ec2.resources.map((r: { resourceType: { code: string } }) => r.resourceType.code)).toEqual(raw.items.map((i) => i.basic_info!.resource_type_code));
    expect(requests(stack)).toEqual({ ListServiceResources: first.serviceTypes.length });
    stack.bss.counter.reset();
    await data(stack, query);
    expect(requests(stack)).toEqual({});
  });
});

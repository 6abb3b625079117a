/**
 * The graph's edges (issue 15) and what each costs upstream, counted per operation in the style of the
 * Pothos dataloader plugin's tests. An edge that asks only for what its row holds (`customer { customerId }`,
 * `indirectPartner { indirectPartnerId }`) costs nothing; the new edges — a customer's monthly bills, an
 * order's coupons and consumption, a resource's consumption, a quota's coupons, a held coupon's customer and
 * coupon, a fund row's customer or reseller — each cost the calls their endpoint needs and no more.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListSubcustomerMonthlyBills, ListSubCustomerBillDetail } from '../../src/bss/operations/bills/index.js';
import { ListIssuedPartnerCoupons, ListPartnerAdjustRecords, ListPartnerCouponsRecord, ListSubCustomerCoupons } from '../../src/bss/operations/partners/index.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../support/stack.js';
import { data, directCustomers, holdings, pick, requests } from './commerce/helpers.js';

const CYCLE = '2026-10';

/** Requests without IAM's token exchanges (the client caches a customer token; a first use costs one). */
function bss(stack: Stack): Record<string, number> {
  const all: Record<string, number> = { ...requests(stack) };
  for (const key of Object.keys(all)) if (key.startsWith('IAM') || key.includes('Token')) delete all[key];
  return all;
}

describe('edges and their upstream calls', () => {
  let stack: Stack;
  let rich: CustomerRecord;
  const reseller = () => stack.simulator.state.world.resellers.find((r) => stack.simulator.state.world.customersOf(r.indirectPartnerId).length > 0)!;

  beforeAll(async () => {
    stack = await startStack({ customers: 200, pii: true });
    rich = pick(directCustomers(stack, '2'), 'resale customer with an agency, orders and resources', (c) => {
      const h = holdings(stack, c);
      return c.agency !== null && h.orders >= 3 && h.period >= 2;
    });
    // Warm the reference cache so its one-off catalogue reads do not blur the counts below.
    await data(stack, '{ serviceTypes { code } resourceTypes { code } measureUnits { id } }');
  });
  beforeEach(() => stack.bss.counter.reset());
  afterAll(async () => {
    await stack.close();
  });

  describe('an edge asking only for what its row holds costs nothing', () => {
    it('10 orders with customer { customerId id }: 1 orders call, no customer lookups (was 9 ListSubCustomers)', async () => {
      const d = await data(stack, '{ partner { orders(first: 10) { nodes { customerId customer { customerId id } } } } }');
      expect(d.partner.orders.nodes).toHaveLength(10);
      for (const o of d.partner.orders.nodes) expect(o.customer.customerId).toBe(o.customerId);
      expect(bss(stack)).toEqual({ ListCustomerOrders: 1 });

      // Asking for more than the id looks each distinct customer up once.
      stack.bss.counter.reset();
      const named = await data(stack, '{ partner { orders(first: 10) { nodes { customerId customer { accountName } } } } }');
      const distinct = new Set(named.partner.orders.nodes.map((o: { customerId: string }) => o.customerId)).size;
      expect(bss(stack)).toEqual({ ListCustomerOrders: 1, ListSubCustomers: distinct });
    });

    it('coupons, coupon records and quotas: customer and reseller ids from the row', async () => {
      await data(stack, `{ partner {
        issuedCoupons(first: 20) { nodes { customer { customerId } indirectPartner { indirectPartnerId } } }
        couponRecords(first: 20) { nodes { customer { customerId id } } }
        couponQuotas(first: 20) { nodes { indirectPartner { indirectPartnerId } } }
      } }`);
      expect(bss(stack)).toEqual({ ListIssuedPartnerCoupons: 1, ListPartnerCouponsRecord: 1, ListQuotaCoupons: 1 });
    });

    it('a reseller\'s customers and their reseller id: the customer list alone', async () => {
      const r = reseller();
      const d = await data(stack, `query ($r: String) { partner { customers(first: 20, indirectPartnerId: $r) { nodes { indirectPartner { indirectPartnerId id } } } } }`, { r: r.indirectPartnerId });
      for (const c of d.partner.customers.nodes) expect(c.indirectPartner.indirectPartnerId).toBe(r.indirectPartnerId);
      expect(bss(stack)).toEqual({ ListSubCustomers: 1 });
    });

    it('a resource\'s customer id under an order: no customer lookup', async () => {
      const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { orders(first: 5) { nodes { resources(first: 5) { nodes { customer { customerId } } } } } } }`, { id: rich.customerId });
      for (const o of d.customer.orders.nodes) for (const r of o.resources.nodes) expect(r.customer.customerId).toBe(rich.customerId);
      expect(bss(stack).ListSubCustomers).toBe(1); // the root lookup only
    });
  });

  describe('Customer.monthlyBills', () => {
    it('answers the partner listing with customer_id: one call per charge mode, rows leading back free', async () => {
      const raw = [];
      for (const mode of ['1', '3', '11']) raw.push(...(await stack.bss.paginate(ListSubcustomerMonthlyBills, { cycle: CYCLE, charge_mode: mode, customer_id: rich.customerId })).items);
      stack.bss.counter.reset();
      const d = await data(stack, `query ($id: String!, $c: BillingCycle!) { customer(customerId: $id) { monthlyBills(cycle: $c, first: 100) { totalCount nodes { amount customer { customerId accountName } } } } }`, { id: rich.customerId, c: CYCLE });
      expect(d.customer.monthlyBills.totalCount).toBe(raw.length);
      expect(d.customer.monthlyBills.nodes.map((n: { customer: { customerId: string } }) => n.customer.customerId)).toEqual(raw.map((r) => r.customer_id));
      expect(bss(stack)).toEqual({ ListSubCustomers: 1, ListSubcustomerMonthlyBills: 3 });

      stack.bss.counter.reset();
      await data(stack, `query ($id: String!, $c: BillingCycle!) { customer(customerId: $id) { monthlyBills(cycle: $c, first: 10, chargeMode: ON_DEMAND) { totalCount } } }`, { id: rich.customerId, c: CYCLE });
      expect(bss(stack)).toEqual({ ListSubCustomers: 1, ListSubcustomerMonthlyBills: 1 });
    });

    it('refuses a cycle outside the window before any bill call', async () => {
      const result = await stack.graphql(`query ($id: String!) { customer(customerId: $id) { monthlyBills(cycle: "2020-01", first: 5) { totalCount } } }`, { id: rich.customerId });
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'cycle' });
      expect(bss(stack).ListSubcustomerMonthlyBills).toBeUndefined();
    });
  });

  describe('Order edges', () => {
    it('Order.coupons: the partner coupons used on it, one ListIssuedPartnerCoupons call per order', async () => {
      const used = stack.simulator.state.partners.coupons.issuedCoupons().find((c) => c.orderId && c.issuer === null && stack.simulator.state.world.customer(c.holderId)?.associationType === '2')!;
      expect(used).toBeDefined();
      const raw = await stack.bss.call(ListIssuedPartnerCoupons, { order_id: used.orderId, customer_id: used.holderId, offset: 0, limit: 100 });
      stack.bss.counter.reset();
      const d = await data(stack, `query ($o: String!) { order(orderId: $o) { orderId coupons(first: 100) { totalCount nodes { couponId customer { customerId } } } } }`, { o: used.orderId });
      expect(d.order.coupons.nodes.map((c: { couponId: string }) => c.couponId)).toEqual(raw.user_coupons!.map((c) => c.coupon_id));
      expect(d.order.coupons.nodes.map((c: { couponId: string }) => c.couponId)).toContain(used.couponId);
      expect(bss(stack)).toEqual({ ListCustomerOrders: 1, ListIssuedPartnerCoupons: 1 });
    });

    it('Order.consumptionRecords: the records whose trade id is the order, one call per order (its payment cycle by default)', async () => {
      const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { orders(first: 5) { nodes { orderId paidAt consumptionRecords(first: 50) { totalCount nodes { tradeId } } } } } }`, { id: rich.customerId });
      const orders = d.customer.orders.nodes as { orderId: string; paidAt: string | null; consumptionRecords: { totalCount: number; nodes: { tradeId: string }[] } }[];
      for (const o of orders) for (const r of o.consumptionRecords.nodes) expect(r.tradeId).toBe(o.orderId);
      expect(bss(stack)).toEqual({ ListSubCustomers: 1, ListCustomerOrders: 1, ListSubCustomerBillDetail: orders.length });
      // The same as the raw listing of the order's cycle with its trade id.
      const paid = orders.find((o) => o.paidAt && o.consumptionRecords.totalCount > 0)!;
      expect(paid).toBeDefined();
      const cycle = new Date(new Date(paid.paidAt!).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
      const raw = await stack.bss.call(ListSubCustomerBillDetail, { bill_cycle: cycle, customer_id: rich.customerId, trade_id: paid.orderId, offset: 0, limit: 1000 });
      expect(paid.consumptionRecords.totalCount).toBe(raw.total_count);
    });
  });

  it('Resource.consumptionRecords: the resource\'s records of a cycle, one call per resource', async () => {
    const d = await data(stack, `query ($id: String!, $c: BillingCycle!) { customer(customerId: $id) { resources(first: 3) { nodes { resourceId consumptionRecords(cycle: $c, first: 20) { totalCount nodes { resourceId } } } } } }`, { id: rich.customerId, c: CYCLE });
    const resources = d.customer.resources.nodes as { resourceId: string; consumptionRecords: { nodes: { resourceId: string }[] } }[];
    for (const r of resources) for (const rec of r.consumptionRecords.nodes) expect(rec.resourceId).toBe(r.resourceId);
    const { ListSubCustomerBillDetail: records, ...rest } = bss(stack);
    expect(records).toBe(resources.length);
    expect(rest.ListSubCustomers).toBe(1);
  });

  it('CouponQuota.couponRecords: the coupons issued from a quota, one records call per quota', async () => {
    const quota = stack.simulator.state.partners.coupons.quotas().find((q) => q.owner === null && stack.simulator.state.partners.coupons.issuedCoupons().some((c) => c.quotaId === q.quotaId))!;
    expect(quota).toBeDefined();
    const raw = await stack.bss.paginate(ListPartnerCouponsRecord, { quota_id: quota.quotaId });
    stack.bss.counter.reset();
    const d = await data(stack, `{ partner { couponQuotas(first: 100) { nodes { quotaId couponRecords(first: 100) { totalCount nodes { couponId } } } } } }`);
    const mine = d.partner.couponQuotas.nodes.find((q: { quotaId: string }) => q.quotaId === quota.quotaId);
    expect(mine.couponRecords.totalCount).toBe(raw.total);
    expect(mine.couponRecords.nodes.map((r: { couponId: string }) => r.couponId)).toEqual(raw.items.map((r) => r.coupon_id));
    expect(bss(stack)).toEqual({ ListQuotaCoupons: 1, ListPartnerCouponsRecord: d.partner.couponQuotas.nodes.length });
  });

  describe('HeldCoupon', () => {
    it('is a node leading to its customer (free) and to the partner coupon (one call per partner coupon, none for a campaign\'s)', async () => {
      const holder = pick(directCustomers(stack, '2'), 'resale customer with an agency holding partner coupons', (c) => {
        const held = stack.simulator.state.partners.coupons.heldByCustomer(c);
        return c.agency !== null && held.some((x) => x.issuer === null);
      });
      const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { heldCoupons(first: 100) { nodes { id couponId sourceId customer { customerId } coupon { couponId } } } } }`, { id: holder.customerId });
      const held = d.customer.heldCoupons.nodes as { id: string; couponId: string; sourceId: string; customer: { customerId: string }; coupon: { couponId: string } | null }[];
      const partnerHeld = held.filter((c) => c.sourceId === stack.simulator.credentials.domainId);
      expect(partnerHeld.length).toBeGreaterThan(0);
      for (const c of held) {
        expect(c.customer.customerId).toBe(holder.customerId);
        expect(c.coupon?.couponId ?? null).toBe(partnerHeld.includes(c) ? c.couponId : null);
      }
      expect(bss(stack)).toEqual({ ListSubCustomers: 1, ListSubCustomerCoupons: 1, ListIssuedPartnerCoupons: partnerHeld.length });

      // Refetched by its global id: one call with `coupon_id`, through the holder's token.
      stack.bss.counter.reset();
      const again = await data(stack, `query ($id: ID!) { node(id: $id) { ... on HeldCoupon { couponId customer { customerId } } } }`, { id: held[0]!.id });
      expect(again.node).toEqual({ couponId: held[0]!.couponId, customer: { customerId: holder.customerId } });
      expect(bss(stack)).toEqual({ ListSubCustomerCoupons: 1 });
      const raw = await stack.bss.call(ListSubCustomerCoupons, { coupon_id: held[0]!.couponId, offset: 0, limit: 10 }, { customerId: holder.customerId });
      expect(raw.user_coupons!.map((c) => c.coupon_id)).toEqual([held[0]!.couponId]);
    });
  });

  describe('fund allocation and ledger rows', () => {
    it('the partner\'s allocation log tells customers from resellers with one reseller listing per request', async () => {
      const raw = await stack.bss.call(ListPartnerAdjustRecords, { offset: 0, limit: 100 });
      const resellerIds = new Set(stack.simulator.state.world.resellers.map((r) => r.indirectPartnerId));
      expect(raw.records!.some((r) => resellerIds.has(r.customer_id!))).toBe(true);
      stack.bss.counter.reset();
      const d = await data(stack, '{ partner { adjustRecords(first: 100) { nodes { customerId customer { customerId } indirectPartner { indirectPartnerId } } } } }');
      for (const n of d.partner.adjustRecords.nodes) {
        if (resellerIds.has(n.customerId)) expect(n).toEqual({ customerId: n.customerId, customer: null, indirectPartner: { indirectPartnerId: n.customerId } });
        else expect(n).toEqual({ customerId: n.customerId, customer: { customerId: n.customerId }, indirectPartner: null });
      }
      const pages = Math.ceil(resellerIds.size / 100);
      expect(bss(stack)).toEqual({ ListPartnerAdjustRecords: 1, ListIndirectPartners: pages });
    });

    it('a reseller\'s allocation log and ledger name its customers: free for their ids', async () => {
      const r = reseller();
      await data(stack, `query ($r: String!) { indirectPartner(indirectPartnerId: $r) {
        adjustRecords(first: 50) { nodes { customer { customerId } indirectPartner { indirectPartnerId } } }
        accountChangeRecords(first: 50) { nodes { customer { customerId } } }
      } }`, { r: r.indirectPartnerId });
      const { ListIndirectPartners: lookup, ...rest } = bss(stack);
      expect(lookup).toBe(1); // the root `indirectPartner` lookup only
      expect(rest).toEqual({ ListPartnerAdjustRecords: 1, ListPartnerAccountChangeRecords: 1 });
    });
  });
});


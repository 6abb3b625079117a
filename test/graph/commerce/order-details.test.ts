/**
 * Everything an order answers, compared with the BSS client's raw reads of the same order: the amount
 * breakdown with its E13 item types, sub-orders, line items (paged through ShowCustomerOrderDetails),
 * the resources it bought, the payment deadline of a pending order, and where an unsubscription's refund
 * came from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListCustomerOrders, ListPayPerUseCustomerResources, ShowCustomerOrderDetails, ShowRefundOrderDetails,
  type AmountInfomationV2, type OrderLineItemEntityV2,
} from '../../../src/bss/operations/commerce/index.js';
import { maskLoginName } from '../../../src/auth/pii.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { belowCustomer, data, dec, directCustomers, globalId, iso, pick, requests } from './helpers.js';

const E13: Record<string, string> = {
  '605': 'COMMERCIAL_CONTRACT_DISCOUNT', '607': 'PARTNER_AUTHORISED_DISCOUNT', '609': 'ORDER_PRICE_ADJUSTMENT', '700': 'PROMOTION_DISCOUNT',
  '900': 'PRODUCT_OWN_DISCOUNT',
};

const breakdown = (a: AmountInfomationV2 | undefined) =>
  a === undefined
    ? null
    : {
        discounts: (a.discounts ?? []).map((d) => ({ type: E13[d.discount_type!] ?? 'UNKNOWN', typeCode: d.discount_type, amount: dec(d.discount_amount) })),
        couponAmount: dec(a.coupon_amount),
        flexiPurchaseCouponAmount: dec(a.flexipurchase_coupon_amount),
        storedCardAmount: dec(a.stored_card_amount),
        commissionAmount: dec(a.commission_amount),
        consumedAmount: dec(a.consumed_amount),
      };

const BREAKDOWN = 'amountBreakdown { discounts { type typeCode amount } couponAmount flexiPurchaseCouponAmount storedCardAmount commissionAmount consumedAmount }';

describe('Order fields against the raw order endpoints', () => {
  let stack: Stack;
  let customer: CustomerRecord;

  beforeAll(async () => {
    stack = await startStack();
    const commerce = stack.simulator.state.commerce;
    customer = pick(directCustomers(stack), 'customer with a combined order, a discounted order and an unsubscription', (c) => {
      const orders = commerce.ordersOf(c.customerId);
      return orders.some((o) => o.orderType === 4) && orders.some((o) => o.resourceIds.length > 1) && orders.some((o) => !o.amountAfterDiscount.eq(o.officialAmount));
    });
    // Warm the reference cache, so the counts below are the orders' own.
    await data(stack, '{ serviceTypes { code } resourceTypes { code } }');
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers every order header field and the amount breakdown exactly', async () => {
    const raw = await stack.bss.paginate(ListCustomerOrders, { customer_id: customer.customerId });
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { orders(first: 100) { totalCount nodes {
      id orderId customerId status statusCode orderType orderTypeCode sourceType sourceTypeCode officialAmount amountAfterDiscount
      currency measureId contractId createdAt paidAt serviceType { code name } enterpriseProjects { id name }
      agentPayment { isAgentPay payingAgentId } ${BREAKDOWN}
      subOrders { id orderId officialAmount amountAfterDiscount ${BREAKDOWN} }
    } } } }`, { id: customer.customerId });
    expect(d.customer.orders.totalCount).toBe(raw.total);
    const SOURCE: Record<number, string> = { 1: 'CUSTOMER', 2: 'AGENT', 8: 'SYSTEM' };
    const STATUS: Record<number, string> = { 4: 'CANCELLED', 5: 'COMPLETED', 6: 'PENDING_PAYMENT' };
    const TYPE: Record<number, string> = { 1: 'NEW_PURCHASE', 2: 'RENEWAL', 4: 'UNSUBSCRIPTION' };
    expect(d.customer.orders.nodes).toEqual(
      raw.items.map((o) => ({
        id: globalId('Order', o.order_id!),
        orderId: o.order_id,
        customerId: o.customer_id,
        status: STATUS[o.status!],
        statusCode: o.status,
        orderType: TYPE[o.order_type!],
        orderTypeCode: o.order_type,
        sourceType: SOURCE[o.source_type!],
        sourceTypeCode: o.source_type,
        officialAmount: dec(o.official_amount),
        amountAfterDiscount: dec(o.amount_after_discount),
        currency: o.currency,
        measureId: o.measure_id,
        contractId: o.contract_id ?? null,
        createdAt: iso(o.create_time),
        paidAt: iso(o.payment_time),
        serviceType: { code: o.service_type_code, name: o.service_type_name },
        enterpriseProjects: (o.enterprise_projects ?? []).map((p) => ({ id: p.id, name: p.name })),
        agentPayment: o.agent_pay_info ? { isAgentPay: o.agent_pay_info.is_agent_pay, payingAgentId: o.agent_pay_info.paying_agent_id ?? null } : null,
        amountBreakdown: breakdown(o.amount_info),
        subOrders: (o.sub_order_infos ?? []).map((s) => ({
          id: globalId('Order', s.order_id!),
          orderId: s.order_id,
          officialAmount: dec(s.official_amount),
          amountAfterDiscount: dec(s.amount_after_discount),
          amountBreakdown: breakdown(s.amount_info),
        })),
      })),
    );
    // The data holds what this test is about: a combined order, a partner discount item, a negative amount.
    const nodes = d.customer.orders.nodes;
    expect(nodes.some((o: any) => o.subOrders.length > 1)).toBe(true);
    expect(nodes.some((o: any) => o.amountBreakdown.discounts.some((x: any) => x.type === 'PARTNER_AUTHORISED_DISCOUNT'))).toBe(true);
    expect(nodes.some((o: any) => o.officialAmount.startsWith('-'))).toBe(true);
  });

  it('pages line items through ShowCustomerOrderDetails, equal to the raw items', async () => {
    const combined = stack.simulator.state.commerce.ordersOf(customer.customerId).find((o) => o.resourceIds.length > 1)!;
    const raw = await stack.bss.paginate(ShowCustomerOrderDetails, { order_id: combined.orderId });
    const rawItems = raw.items as OrderLineItemEntityV2[];
    expect(rawItems.length).toBeGreaterThan(1);
    const LINE = `lineItemId orderId serviceType { code name } product { productId specDescription categoryCode ownerServiceType { code } resourceType { code } }
      periodType periodTypeCode periodCount quantity effectiveTime expireTime officialAmount amountAfterDiscount currency ${BREAKDOWN}`;
    const seen: any[] = [];
    let after: string | null = null;
    stack.bss.counter.reset();
    for (;;) {
      const d: any = await data(stack, `query ($o: String!, $after: String) { order(orderId: $o) { lineItems(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${LINE} } } } }`, {
        o: combined.orderId,
        after,
      });
      expect(d.order.lineItems.totalCount).toBe(raw.total);
      seen.push(...d.order.lineItems.nodes);
      if (!d.order.lineItems.pageInfo.hasNextPage) break;
      after = d.order.lineItems.pageInfo.endCursor;
    }
    const pages = Math.ceil(rawItems.length / 2);
    expect(requests(stack)).toEqual({ ListCustomerOrders: pages, ShowCustomerOrderDetails: pages });
    const PERIOD: Record<number, string> = { 2: 'MONTH', 3: 'YEAR' };
    expect(seen).toEqual(
      rawItems.map((l) => ({
        lineItemId: l.order_line_item_id,
        orderId: l.order_id,
        serviceType: { code: l.service_type_code, name: l.service_type_name },
        product: {
          productId: l.product_id,
          specDescription: l.product_spec_desc,
          categoryCode: l.category_code,
          ownerServiceType: { code: l.product_owner_service },
          resourceType: { code: l.commercial_resource },
        },
        periodType: PERIOD[l.period_type!],
        periodTypeCode: l.period_type,
        periodCount: l.period_num ?? null,
        quantity: l.subscription_num,
        effectiveTime: iso(l.effective_time),
        expireTime: iso(l.expire_time),
        officialAmount: dec(l.official_amount),
        amountAfterDiscount: dec(l.amount_after_discount),
        currency: l.currency,
        amountBreakdown: breakdown(l.amount_info),
      })),
    );
  });

  it('lists the resources an order bought, as ListPayPerUseCustomerResources with order_id does', async () => {
    const combined = stack.simulator.state.commerce.ordersOf(customer.customerId).find((o) => o.resourceIds.length > 1 && o.status === 5)!;
    const raw = await stack.bss.call(ListPayPerUseCustomerResources, { body: { customer_id: customer.customerId, order_id: combined.orderId, limit: 100 } });
    stack.bss.counter.reset();
    const d = await data(stack, `query ($o: String!) { order(orderId: $o) { resources(first: 10) { totalCount nodes { id resourceId parentResourceId } } } }`, { o: combined.orderId });
    expect(d.order.resources).toEqual({
      totalCount: raw.total_count,
      nodes: raw.data!.map((r) => ({
        id: globalId('PeriodResource', `${customer.customerId}:${r.resource_id}`),
        resourceId: r.resource_id,
        parentResourceId: r.parent_resource_id ?? null,
      })),
    });
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1, ListPayPerUseCustomerResources: 1 });
  });

  it('answers where an unsubscription\'s refund came from, and nothing (no call) for other orders', async () => {
    const unsubscription = stack.simulator.state.commerce.ordersOf(customer.customerId).find((o) => o.orderType === 4)!;
    const raw = await stack.bss.call(ShowRefundOrderDetails, { order_id: unsubscription.orderId, customer_id: customer.customerId });
    stack.bss.counter.reset();
    const d = await data(stack, `query ($id: String!) { customer(customerId: $id) { orders(first: 100) { nodes { orderId orderType refundDetails {
      recordId amount measureId customerId serviceType { code name } resourceType { code name } region { code } baseOrderId baseOrder { orderId }
    } } } } }`, { id: customer.customerId });
    const nodes = d.customer.orders.nodes;
    const unsub = nodes.find((o: any) => o.orderId === unsubscription.orderId);
    expect(unsub.refundDetails).toEqual(
      raw.refund_infos!.map((f) => ({
        recordId: f.id,
        amount: dec(f.amount),
        measureId: f.measure_id,
        customerId: f.customer_id,
        serviceType: { code: f.service_type_code, name: f.service_type_name },
        resourceType: { code: f.resource_type_code, name: f.resource_type_name },
        region: { code: f.region_code },
        baseOrderId: f.base_order_id ?? null,
        baseOrder: f.base_order_id ? { orderId: f.base_order_id } : null,
      })),
    );
    expect(unsub.refundDetails.some((f: any) => f.amount.startsWith('-'))).toBe(true);
    for (const o of nodes) if (o.orderType !== 'UNSUBSCRIPTION') expect(o.refundDetails).toBeNull();
    // One refund call per unsubscription order; the base orders were listed on the same page (primed).
    const unsubscriptions = nodes.filter((o: any) => o.orderType === 'UNSUBSCRIPTION').length;
    expect(belowCustomer(stack)).toEqual({ ListCustomerOrders: 1, ShowRefundOrderDetails: unsubscriptions });
  });

  it('answers the payment deadline of a pending order from its details', async () => {
    const world = stack.simulator.state.world;
    const commerce = stack.simulator.state.commerce;
    const pendingOwner = pick(world.customers.filter((c) => c.indirectPartnerId === null), 'customer with a pending order', (c) =>
      commerce.ordersOf(c.customerId).some((o) => o.status === 6),
    );
    const pending = commerce.ordersOf(pendingOwner.customerId).find((o) => o.status === 6)!;
    const raw = await stack.bss.call(ShowCustomerOrderDetails, { order_id: pending.orderId, limit: 1 });
    const d = await data(stack, `query ($o: String!) { order(orderId: $o) { status paidAt paymentDeadline createdBy } }`, { o: pending.orderId });
    expect(d.order).toEqual({
      status: 'PENDING_PAYMENT',
      paidAt: null,
      paymentDeadline: iso(raw.order_info!.pending_payment_end_time),
      // The open caller has no PII permission: the creator's login name comes masked.
      createdBy: maskLoginName(raw.order_info!.user_name!),
    });
    expect(d.order.paymentDeadline).not.toBeNull();
  });
});

/**
 * `Order`: a yearly/monthly order of a customer (bss-api-commerce.md §2), its amounts and their breakdown,
 * line items, sub-orders, customer, service type and refund sources; `Query.order`; and the `orders`
 * connections of `Customer`, `Partner` and `IndirectPartner` over ListCustomerOrders with its filters.
 * The resources an order bought are added in resource.ts.
 */
import type { ArgBuilder } from '@pothos/core';
import {
  orderStatus, orderType, orderSourceType, lineItemPeriodType, discountItemType, orderTypeFilter, DiscountItemType, LineItemPeriodType,
  OrderSort, OrderSourceType, OrderStatus, OrderStatusFilter, OrderType,
} from './commerce-enums.js';
import {
  decodeOrderKey, encodeOrderKey,
  type AmountBreakdownShape, type EnterpriseProjectShape, type LineItemShape, type OrderFilters, type OrderShape, type ProductShape,
  type RefundShape,
} from '../sources/orders.js';
import { lineItemsConnection, orderDetailsHeader, ordersConnection, refundDetails } from '../resolvers/order.js';
import { primeCustomer } from '../resolvers/customer.js';
import { customerEdge } from '../resolvers/id-edges.js';
import { resourceTypeByCode, serviceTypeByCode } from '../sources/reference.js';
import { regionByCode } from '../sources/geography.js';
import { builder } from './builder.js';
import { requireScope, scopeOfArg } from '../auth/scope.js';
import { loginName } from '../auth/pii.js';
import { Customer } from './customer.js';
import { IndirectPartner } from './indirect-partner.js';
import { Partner } from './partner.js';
import { ResourceType, ServiceType } from './reference.js';
import { Region } from './geography.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------------------
// Amounts

type DiscountItemShape = AmountBreakdownShape['discounts'][number];

const DiscountItem = builder.objectRef<DiscountItemShape>('OrderDiscountItem').implement({
  description: 'One fee or discount item of an amount breakdown (`DiscountItemV2`).',
  fields: (t) => ({
    type: t.field({
      type: DiscountItemType,
      description: 'What the item is (E13).',
      resolve: (d) => discountItemType(d.typeCode),
    }),
    typeCode: t.exposeString('typeCode', { nullable: true, description: 'The raw `discount_type` code (a string, e.g. "607").' }),
    amount: t.expose('amount', { type: 'Decimal', nullable: true, description: 'The amount of the item, yuan (`discount_amount`).' }),
  }),
});

export const OrderAmountBreakdown = builder.objectRef<AmountBreakdownShape>('OrderAmountBreakdown').implement({
  description: 'How an order\'s (or line item\'s) amount splits into discounts and payment sources (`AmountInfomationV2`, §6). Yuan.',
  fields: (t) => ({
    discounts: t.field({ type: [DiscountItem], description: 'Fee and discount items.', resolve: (a) => [...a.discounts] }),
    couponAmount: t.expose('couponAmount', { type: 'Decimal', nullable: true, description: 'Paid with cash coupons (代金券, `coupon_amount`).' }),
    flexiPurchaseCouponAmount: t.expose('flexiPurchaseCouponAmount', {
      type: 'Decimal', nullable: true, description: 'Paid with flexi-purchase coupons (现金券, `flexipurchase_coupon_amount`).',
    }),
    storedCardAmount: t.expose('storedCardAmount', { type: 'Decimal', nullable: true, description: 'Paid with stored-value cards (储值卡, `stored_card_amount`).' }),
    commissionAmount: t.expose('commissionAmount', { type: 'Decimal', nullable: true, description: 'Handling fee; unsubscription orders only (`commission_amount`).' }),
    consumedAmount: t.expose('consumedAmount', { type: 'Decimal', nullable: true, description: 'Amount already consumed; unsubscription orders only (`consumed_amount`).' }),
  }),
});

export const EnterpriseProject = builder.objectRef<EnterpriseProjectShape>('EnterpriseProject').implement({
  description: 'An enterprise project of the customer (`EnterpriseProject`, §6).',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true, description: 'Enterprise project id; `0` is the default project.' }),
    name: t.exposeString('name', { nullable: true, description: 'Enterprise project name.' }),
  }),
});

const AgentPayment = builder.objectRef<NonNullable<OrderShape['agentPay']>>('OrderAgentPayment').implement({
  description: 'Whether an agent paid the order on the customer\'s behalf (`AgentPayInfoV2`).',
  fields: (t) => ({
    isAgentPay: t.exposeBoolean('isAgentPay', { nullable: true, description: 'True when the order was paid by an agent.' }),
    payingAgentId: t.exposeString('payingAgentId', { nullable: true, description: 'Account id of the paying agent.' }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Line items

const OrderProduct = builder.objectRef<ProductShape>('OrderProduct').implement({
  description: 'The product an order line bought (`ProductObject` / the product fields of `OrderLineItemEntityV2`).',
  fields: (t) => ({
    productId: t.exposeString('productId', { nullable: true, description: 'Product id.' }),
    specDescription: t.exposeString('specDescription', { nullable: true, description: 'Product specification description (`product_spec_desc`).' }),
    categoryCode: t.exposeString('categoryCode', { nullable: true, description: 'Product catalogue code.' }),
    ownerServiceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The service type owning the product (`product_owner_service`), from the cached catalogue.',
      resolve: (p, _args, ctx) => (p.ownerServiceTypeCode ? serviceTypeByCode(ctx, p.ownerServiceTypeCode) : null),
    }),
    resourceType: t.field({
      type: ResourceType,
      nullable: true,
      description: 'The resource type of commercial ownership (`commercial_resource`), from the cached catalogue.',
      resolve: (p, _args, ctx) => (p.commercialResourceTypeCode ? resourceTypeByCode(ctx, p.commercialResourceTypeCode) : null),
    }),
  }),
});

export const OrderLineItem = builder.objectRef<LineItemShape>('OrderLineItem').implement({
  description: 'One line of an order (`OrderLineItemEntityV2`, ShowCustomerOrderDetails §2.2).',
  fields: (t) => ({
    lineItemId: t.exposeString('lineItemId', { nullable: true, description: 'Line item id (`order_line_item_id`).' }),
    orderId: t.exposeString('orderId', { nullable: true, description: 'The (sub-)order the line belongs to; for combined orders a sub-order id.' }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The service type, from the cached catalogue.',
      resolve: (l, _args, ctx) => (l.serviceTypeCode ? serviceTypeByCode(ctx, l.serviceTypeCode, l.serviceTypeName) : null),
    }),
    product: t.field({ type: OrderProduct, description: 'The product bought.', resolve: (l) => l.product }),
    baseProduct: t.field({ type: OrderProduct, nullable: true, description: 'The base product (`base_product_info`).', resolve: (l) => l.baseProduct }),
    periodType: t.field({
      type: LineItemPeriodType,
      description: 'The period unit (E6).',
      resolve: (l) => lineItemPeriodType(l.periodType),
    }),
    periodTypeCode: t.exposeInt('periodType', { nullable: true, description: 'The raw `period_type` code (E6).' }),
    periodCount: t.exposeInt('periodCount', { nullable: true, description: 'Number of periods (`period_num`); null on unsubscription orders.' }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'Quantity ordered (`subscription_num`).' }),
    effectiveTime: t.expose('effectiveTime', { type: 'DateTime', nullable: true, description: 'When the line takes effect.' }),
    expireTime: t.expose('expireTime', { type: 'DateTime', nullable: true, description: 'When the line expires.' }),
    officialAmount: t.expose('officialAmount', {
      type: 'Decimal', nullable: true, description: 'List price, yuan; equals the discounted amount for unsubscriptions.',
    }),
    amountAfterDiscount: t.expose('amountAfterDiscount', {
      type: 'Decimal', nullable: true, description: 'Amount after discounts, excluding coupons and cards, yuan.',
    }),
    amountBreakdown: t.field({
      type: OrderAmountBreakdown, nullable: true, description: 'The breakdown of the line amount.', resolve: (l) => l.amountInfo,
    }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY` on Huawei Cloud China.' }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Order

export const Order = builder.objectRef<OrderShape>('Order');

const OrderRefund = builder.objectRef<RefundShape>('OrderRefund').implement({
  description: 'Where part of an unsubscription order\'s refund came from (`OrderRefundInfoV2`, ShowRefundOrderDetails §2.7).',
  fields: (t) => ({
    recordId: t.exposeString('id', { description: 'The record id.' }),
    amount: t.expose('amount', {
      type: 'Decimal', nullable: true, description: 'Negative: refunded; positive: already consumed, or an unsubscription fee. Yuan.',
    }),
    measureId: t.exposeString('measureId', { nullable: true, description: 'Unit of the amount, `"1"` = yuan (a string on this endpoint).' }),
    customerId: t.exposeString('customerId', { nullable: true, description: 'The customer account id.' }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The service type, from the cached catalogue.',
      resolve: (f, _args, ctx) => (f.serviceTypeCode ? serviceTypeByCode(ctx, f.serviceTypeCode, f.serviceTypeName) : null),
    }),
    resourceType: t.field({
      type: ResourceType,
      nullable: true,
      description: 'The resource type, from the cached catalogue.',
      resolve: (f, _args, ctx) => (f.resourceTypeCode ? resourceTypeByCode(ctx, f.resourceTypeCode, f.resourceTypeName) : null),
    }),
    region: t.field({
      type: Region,
      nullable: true,
      description: 'The region of the refunded resource.',
      resolve: (f, _args, ctx) => (f.regionCode ? regionByCode(ctx, f.regionCode) : null),
    }),
    baseOrderId: t.exposeString('baseOrderId', { nullable: true, description: 'The original order the amount belongs to (`base_order_id`).' }),
    baseOrder: t.field({
      type: Order,
      nullable: true,
      description: 'The original order the amount belongs to, through the order loader (ListCustomerOrders, de-duplicated).',
      resolve: (f, _args, ctx) => (f.baseOrderId ? ctx.loaders.order.load(encodeOrderKey({ orderId: f.baseOrderId, indirectPartnerId: f.indirectPartnerId })) : null),
    }),
  }),
});

const OrderLineItemConnection = builder.connectionObject(
  { type: OrderLineItem, name: 'OrderLineItemConnection' },
  { name: 'OrderLineItemEdge' },
);

builder.node(Order, {
  description:
    'A yearly/monthly order of a customer: a new purchase, renewal, modification, unsubscription or billing-mode ' +
    'conversion (ListCustomerOrders §2.1, ShowCustomerOrderDetails §2.2). Pay-per-use use never creates orders.',
  id: { resolve: (o) => encodeOrderKey(o) },
  loadOne: (id, ctx) => {
    const key = decodeOrderKey(id);
    if (!key) return null;
    requireScope(ctx.caller, key.indirectPartnerId);
    return ctx.loaders.order.load(id);
  },
  fields: (t) => ({
    orderId: t.exposeString('orderId', { description: 'The order id, e.g. `CS2403151234ABCDE`.' }),
    customerId: t.exposeString('customerId', { nullable: true, description: 'The customer account id.' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description:
        'The customer who placed the order: free when only its id is asked (the order holds it) or when listed under that ' +
        'customer, else the customer loader (one ListSubCustomers call per distinct customer).',
      resolve: (o, _args, ctx, info) => customerEdge(ctx, info, o.customerId, o.indirectPartnerId),
    }),
    status: t.field({ type: OrderStatus, description: 'The order status (E7).', resolve: (o) => orderStatus(o.status) }),
    statusCode: t.exposeInt('status', { nullable: true, description: 'The raw `status` code (E7).' }),
    orderType: t.field({ type: OrderType, description: 'The kind of order (E8).', resolve: (o) => orderType(o.orderType) }),
    orderTypeCode: t.exposeInt('orderType', { nullable: true, description: 'The raw `order_type` code (E8).' }),
    sourceType: t.field({ type: OrderSourceType, description: 'Who or what created the order (E9).', resolve: (o) => orderSourceType(o.sourceType) }),
    sourceTypeCode: t.exposeInt('sourceType', { nullable: true, description: 'The raw `source_type` code (E9).' }),
    officialAmount: t.expose('officialAmount', {
      type: 'Decimal', nullable: true,
      description: 'List ("official website") price, yuan. For unsubscription orders it equals `amountAfterDiscount` and is negative.',
    }),
    amountAfterDiscount: t.expose('amountAfterDiscount', {
      type: 'Decimal', nullable: true,
      description: 'Amount after discounts, excluding coupons and cards: what is actually paid, yuan.',
    }),
    amountBreakdown: t.field({
      type: OrderAmountBreakdown, nullable: true, description: 'The breakdown of the amount (`amount_info`).', resolve: (o) => o.amountInfo,
    }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY` on Huawei Cloud China.' }),
    measureId: t.exposeInt('measureId', { nullable: true, description: 'Unit of the amounts, `1` = yuan.' }),
    contractId: t.exposeString('contractId', { nullable: true, description: 'The contract the order belongs to, if any.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: true, description: 'When the order was created (`create_time`).' }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true, description: 'When the order was paid (`payment_time`); null while unpaid.' }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The cloud service type of the order, from the cached catalogue (no call per order).',
      resolve: (o, _args, ctx) => (o.serviceTypeCode ? serviceTypeByCode(ctx, o.serviceTypeCode, o.serviceTypeName) : null),
    }),
    enterpriseProjects: t.field({
      type: [EnterpriseProject],
      nullable: true,
      description: 'The enterprise projects of the order (ListCustomerOrders only; null for an order read through its details).',
      resolve: (o) => (o.enterpriseProjects ? [...o.enterpriseProjects] : null),
    }),
    agentPayment: t.field({
      type: AgentPayment,
      nullable: true,
      description: 'Proxy payment information (ListCustomerOrders only).',
      resolve: (o) => o.agentPay,
    }),
    createdBy: t.string({
      nullable: true,
      description:
        'Who created the order: the operator\'s login name, or 运营人员 / 运营系统 for Huawei staff or the system ' +
        '(`user_name`). The login name is the customer\'s user: masked (`p************1`) unless the API key has the ' +
        'PII permission (运营人员 / 运营系统 are shown as they are). From ShowCustomerOrderDetails: one call per order ' +
        'unless its details were read already.',
      resolve: async (o, _args, ctx) =>
        loginName(ctx, (await orderDetailsHeader(ctx, o))?.createdBy, { customerId: o.customerId, field: 'Order.createdBy' }),
    }),
    paymentDeadline: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Payment deadline of a pending-payment order (`pending_payment_end_time`). From ShowCustomerOrderDetails, like `createdBy`.',
      resolve: async (o, _args, ctx) => (await orderDetailsHeader(ctx, o))?.paymentDeadline ?? null,
    }),
    subOrders: t.field({
      type: [Order],
      description: 'Sub-orders of a combined-transaction order (one per resource); empty otherwise.',
      resolve: (o) => [...o.subOrders],
    }),
    lineItems: t.connection(
      {
        type: OrderLineItem,
        nullable: true,
        description: 'The order\'s line items. Upstream: ShowCustomerOrderDetails `GET /v2/orders/customer-orders/details/{order_id}`, pages of ≤ 100.',
        resolve: (o, args, ctx) => lineItemsConnection(ctx, o, args),
      },
      OrderLineItemConnection,
    ),
    refundDetails: t.field({
      type: [OrderRefund],
      nullable: true,
      description:
        'For an unsubscription order: which original orders and resources its refund came from. Upstream: ' +
        'ShowRefundOrderDetails `GET /v2/orders/customer-orders/refund-orders`; null (no call) for other orders.',
      resolve: (o, _args, ctx) => refundDetails(ctx, o),
    }),
  }),
});

builder.queryField('order', (t) =>
  t.field({
    type: Order,
    nullable: true,
    description: 'One order by id, of the partner\'s customers or of one reseller\'s customers. Upstream: ListCustomerOrders with `order_id`.',
    args: {
      orderId: t.arg.string({ required: true, description: 'The order id (case-insensitive upstream).' }),
      indirectPartnerId: t.arg.string({ description: 'The reseller whose customer placed it (tier-1 distributors only); omit for the partner\'s own customers.' }),
    },
    // A reseller key's orders are its customers' (absent `indirectPartnerId`: its own; another reseller: FORBIDDEN).
    resolve: (_root, args, ctx) => ctx.loaders.order.load(encodeOrderKey({ orderId: args.orderId, indirectPartnerId: scopeOfArg(ctx.caller, args.indirectPartnerId) })),
  }),
);

// ---------------------------------------------------------------------------------------------------------
// Order lists

export const OrderConnection = builder.connectionObject({ type: Order, name: 'OrderConnection' }, { name: 'OrderEdge' });

/** The ListCustomerOrders filters as arguments; `customerId` is added where the parent is not a customer. */
function orderFilterArgs(arg: ArgBuilder<Types>) {
  return {
    serviceTypeCode: arg.string({ description: 'Only orders of this service type, e.g. `hws.service.type.ec2` (`service_type_code`).' }),
    status: arg({ type: OrderStatusFilter, description: 'Only orders in this status (`status`; the statuses the upstream filters on).' }),
    orderType: arg({ type: OrderType, description: 'Only orders of this type (`order_type`).' }),
    createdFrom: arg({ type: 'DateTime', description: 'Created at or after (`create_time_begin`); at most one year before `createdTo`.' }),
    createdTo: arg({ type: 'DateTime', description: 'Created at or before (`create_time_end`).' }),
    paidFrom: arg({ type: 'DateTime', description: 'Paid at or after (`payment_time_begin`); at most one year before `paidTo`.' }),
    paidTo: arg({ type: 'DateTime', description: 'Paid at or before (`payment_time_end`).' }),
    sort: arg({ type: OrderSort, description: 'Listing order (`order_by`); the upstream default is newest first.' }),
  };
}

interface OrderFilterArgs {
  serviceTypeCode?: string | null;
  status?: number | null;
  orderType?: number | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  paidFrom?: Date | null;
  paidTo?: Date | null;
  sort?: string | null;
  customerId?: string | null;
}

function filtersOf(args: OrderFilterArgs, scope: { customerId?: string | null; indirectPartnerId: string | null }): OrderFilters {
  return {
    customerId: scope.customerId ?? args.customerId ?? null,
    indirectPartnerId: scope.indirectPartnerId,
    serviceTypeCode: args.serviceTypeCode,
    status: args.status,
    orderType: orderTypeFilter(args.orderType),
    createdFrom: args.createdFrom,
    createdTo: args.createdTo,
    paidFrom: args.paidFrom,
    paidTo: args.paidTo,
    sort: args.sort,
  };
}

builder.objectField(Customer, 'orders', (t) =>
  t.connection(
    {
      type: Order,
      // Nullable, like every field that calls upstream: a failure there leaves the rest of the query standing.
      nullable: true,
      description:
        'The customer\'s yearly/monthly orders. Upstream: ListCustomerOrders `GET /v2/orders/customer-orders` with ' +
        '`customer_id` (and the reseller for a reseller\'s customer), one call per page of ≤ 100.',
      args: orderFilterArgs(t.arg),
      resolve: (customer, args, ctx) => {
        // Orders listed here lead back to this customer: no lookup for `order.customer`.
        primeCustomer(ctx, customer);
        return ordersConnection(ctx, args, filtersOf(args, { customerId: customer.customerId, indirectPartnerId: customer.indirectPartnerId }));
      },
    },
    OrderConnection,
  ),
);

builder.objectField(Partner, 'orders', (t) =>
  t.connection(
    {
      type: Order,
      nullable: true,
      description:
        'Orders of the partner\'s own customers (a reseller\'s customers\' orders are under `IndirectPartner.orders`). ' +
        'Upstream: ListCustomerOrders, one call per page of ≤ 100.',
      args: {
        ...orderFilterArgs(t.arg),
        customerId: t.arg.string({ description: 'Only this customer\'s orders (`customer_id`).' }),
      },
      resolve: (_partner, args, ctx) => ordersConnection(ctx, args, filtersOf(args, { indirectPartnerId: scopeOfArg(ctx.caller, null) })),
    },
    OrderConnection,
  ),
);

builder.objectField(IndirectPartner, 'orders', (t) =>
  t.connection(
    {
      type: Order,
      nullable: true,
      description:
        'Orders of this reseller\'s customers, as the distributor sees them. Upstream: ListCustomerOrders with ' +
        '`indirect_partner_id`, one call per page of ≤ 100.',
      args: {
        ...orderFilterArgs(t.arg),
        customerId: t.arg.string({ description: 'Only this customer\'s orders (`customer_id`).' }),
      },
      resolve: (reseller, args, ctx) => ordersConnection(ctx, args, filtersOf(args, { indirectPartnerId: requireScope(ctx.caller, reseller.indirectPartnerId) })),
    },
    OrderConnection,
  ),
);

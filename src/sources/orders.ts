/**
 * Orders of the partner's customers (yearly/monthly purchases and their lifecycle), bss-api-commerce.md §2:
 * ListCustomerOrders `GET /v2/orders/customer-orders` (§2.1), ShowCustomerOrderDetails
 * `GET /v2/orders/customer-orders/details/{order_id}` (§2.2) and ShowRefundOrderDetails
 * `GET /v2/orders/customer-orders/refund-orders` (§2.7). All three take partner credentials.
 *
 * A partner that is a distributor reaches its resellers' customers' orders only by naming the reseller
 * (`indirect_partner_id`), so every order carries the scope it was found in, and that scope is part of its
 * global id: a refetch must ask the same way. The wire records are mapped to camelCase shapes here and
 * nowhere else.
 */
import type { Decimal } from 'decimal.js';
import { BssError } from '../bss/errors.js';
import { toDecimalOrNull } from '../bss/money.js';
import {
  ListCustomerOrders, ShowCustomerOrderDetails, ShowRefundOrderDetails,
  type AmountInfomationV2, type CustomerOrderV2, type CustomerOrderV3, type ListCustomerOrdersRequest,
  type OrderLineItemEntityV2, type ProductObject, type SubCustomerOrderV2, type SubCustomerOrderV3,
} from '../bss/operations/commerce/index.js';
import type { Language } from '../language.js';
import { listEndpoint, type Upstream } from './list-endpoint.js';
import { nonEmpty, parseWireTime, wireTime } from './wire.js';

/** What a fetch needs: the client and the language localised names come in. Loaders pass their own context. */
export interface BssContext extends Upstream {
  readonly language: Language;
}

// ---------------------------------------------------------------------------------------------------------
// Keys

/** An order as the partner reaches it: directly (scope null) or through one of its resellers. */
export interface OrderKey {
  readonly orderId: string;
  readonly indirectPartnerId: string | null;
}

/** `orderId`, or `orderId@indirectPartnerId` for a reseller's customer's order (order ids hold no `@`). */
export function encodeOrderKey(key: OrderKey): string {
  return key.indirectPartnerId ? `${key.orderId}@${key.indirectPartnerId}` : key.orderId;
}

export function decodeOrderKey(text: string): OrderKey | null {
  const at = text.indexOf('@');
  const orderId = at < 0 ? text : text.slice(0, at);
  const indirectPartnerId = at < 0 ? null : text.slice(at + 1);
  if (orderId === '' || indirectPartnerId === '') return null;
  return { orderId, indirectPartnerId };
}

// ---------------------------------------------------------------------------------------------------------
// Shapes

export interface AmountBreakdownShape {
  readonly discounts: readonly { readonly typeCode: string | null; readonly amount: Decimal | null }[];
  readonly flexiPurchaseCouponAmount: Decimal | null;
  readonly couponAmount: Decimal | null;
  readonly storedCardAmount: Decimal | null;
  readonly commissionAmount: Decimal | null;
  readonly consumedAmount: Decimal | null;
}

export interface EnterpriseProjectShape {
  readonly id: string | null;
  readonly name: string | null;
}

/** Fields only ShowCustomerOrderDetails answers (CustomerOrderV3). */
export interface OrderDetailsHeader {
  /** The operator's login name, or 运营人员 / 运营系统 for orders made by Huawei staff or the system. */
  readonly createdBy: string | null;
  readonly paymentDeadline: Date | null;
}

export interface OrderShape extends OrderKey {
  readonly customerId: string | null;
  readonly serviceTypeCode: string | null;
  readonly serviceTypeName: string | null;
  /** E9. */
  readonly sourceType: number | null;
  /** E7. */
  readonly status: number | null;
  /** E8. */
  readonly orderType: number | null;
  readonly amountAfterDiscount: Decimal | null;
  readonly officialAmount: Decimal | null;
  readonly measureId: number | null;
  readonly createdAt: Date | null;
  readonly paidAt: Date | null;
  readonly currency: string | null;
  readonly contractId: string | null;
  readonly amountInfo: AmountBreakdownShape | null;
  /** ListCustomerOrders only (CustomerOrderV2); null when the order came from ShowCustomerOrderDetails. */
  readonly enterpriseProjects: readonly EnterpriseProjectShape[] | null;
  /** ListCustomerOrders only. */
  readonly agentPay: { readonly payingAgentId: string | null; readonly isAgentPay: boolean | null } | null;
  /** ShowCustomerOrderDetails only; null when the order came from a list. */
  readonly details: OrderDetailsHeader | null;
  readonly subOrders: readonly OrderShape[];
  /** Set on sub-orders reached through their combined-transaction order. */
  readonly parentOrderId: string | null;
}

export interface ProductShape {
  readonly productId: string | null;
  readonly specDescription: string | null;
  readonly categoryCode: string | null;
  readonly ownerServiceTypeCode: string | null;
  readonly commercialResourceTypeCode: string | null;
}

export interface LineItemShape {
  readonly lineItemId: string | null;
  readonly orderId: string | null;
  readonly indirectPartnerId: string | null;
  readonly serviceTypeCode: string | null;
  readonly serviceTypeName: string | null;
  readonly product: ProductShape;
  /** E6. */
  readonly periodType: number | null;
  /** Null on unsubscription orders. */
  readonly periodCount: number | null;
  readonly effectiveTime: Date | null;
  readonly expireTime: Date | null;
  readonly quantity: number | null;
  readonly amountAfterDiscount: Decimal | null;
  readonly officialAmount: Decimal | null;
  readonly amountInfo: AmountBreakdownShape | null;
  readonly currency: string | null;
  readonly baseProduct: ProductShape | null;
}

export interface RefundShape {
  readonly id: string;
  /** Negative: refunded; positive: already consumed or an unsubscription fee. */
  readonly amount: Decimal | null;
  /** A string on this endpoint (`"1"` = yuan), an int everywhere else. */
  readonly measureId: string | null;
  readonly customerId: string | null;
  readonly resourceTypeCode: string | null;
  readonly resourceTypeName: string | null;
  readonly serviceTypeCode: string | null;
  readonly serviceTypeName: string | null;
  readonly regionCode: string | null;
  readonly baseOrderId: string | null;
  readonly indirectPartnerId: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Wire → shape

export function toAmountBreakdown(a: AmountInfomationV2 | undefined): AmountBreakdownShape | null {
  if (!a) return null;
  return {
    discounts: (a.discounts ?? []).map((d) => ({ typeCode: d.discount_type ?? null, amount: toDecimalOrNull(d.discount_amount) })),
    flexiPurchaseCouponAmount: toDecimalOrNull(a.flexipurchase_coupon_amount),
    couponAmount: toDecimalOrNull(a.coupon_amount),
    storedCardAmount: toDecimalOrNull(a.stored_card_amount),
    commissionAmount: toDecimalOrNull(a.commission_amount),
    consumedAmount: toDecimalOrNull(a.consumed_amount),
  };
}

type AnyOrder = SubCustomerOrderV2 & SubCustomerOrderV3 & { sub_order_infos?: (SubCustomerOrderV2 | SubCustomerOrderV3)[]; agent_pay_info?: CustomerOrderV2['agent_pay_info'] };

function toOrder(o: AnyOrder, scope: string | null, source: 'list' | 'details', parentOrderId: string | null): OrderShape {
  const orderId = o.order_id ?? '';
  return {
    orderId,
    indirectPartnerId: scope,
    customerId: o.customer_id ?? null,
    serviceTypeCode: o.service_type_code ?? null,
    serviceTypeName: o.service_type_name ?? null,
    sourceType: o.source_type ?? null,
    status: o.status ?? null,
    orderType: o.order_type ?? null,
    amountAfterDiscount: toDecimalOrNull(o.amount_after_discount),
    officialAmount: toDecimalOrNull(o.official_amount),
    measureId: o.measure_id ?? null,
    createdAt: parseWireTime(o.create_time),
    paidAt: parseWireTime(o.payment_time),
    currency: o.currency ?? null,
    contractId: o.contract_id || null,
    amountInfo: toAmountBreakdown(o.amount_info),
    enterpriseProjects: source === 'list' ? (o.enterprise_projects ?? []).map((p) => ({ id: p.id ?? null, name: p.name ?? null })) : null,
    agentPay:
      source === 'list' && o.agent_pay_info
        ? { payingAgentId: o.agent_pay_info.paying_agent_id ?? null, isAgentPay: o.agent_pay_info.is_agent_pay ?? null }
        : null,
    details: source === 'details' ? { createdBy: o.user_name ?? null, paymentDeadline: parseWireTime(o.pending_payment_end_time) } : null,
    subOrders: (o.sub_order_infos ?? []).map((s) => toOrder(s as AnyOrder, scope, source, orderId)),
    parentOrderId,
  };
}

/** CustomerOrderV2 (a ListCustomerOrders record) in the reach it was listed in. */
export function toOrderFromList(o: CustomerOrderV2, scope: string | null): OrderShape {
  return toOrder(o as AnyOrder, scope, 'list', null);
}

/** CustomerOrderV3 (a ShowCustomerOrderDetails header). */
export function toOrderFromDetails(o: CustomerOrderV3, scope: string | null): OrderShape {
  return toOrder(o as AnyOrder, scope, 'details', null);
}

function toProduct(p: ProductObject | OrderLineItemEntityV2): ProductShape {
  return {
    productId: p.product_id ?? null,
    specDescription: p.product_spec_desc ?? null,
    categoryCode: p.category_code ?? null,
    ownerServiceTypeCode: p.product_owner_service ?? null,
    commercialResourceTypeCode: p.commercial_resource ?? null,
  };
}

export function toLineItem(l: OrderLineItemEntityV2, scope: string | null): LineItemShape {
  return {
    lineItemId: l.order_line_item_id ?? null,
    orderId: l.order_id ?? null,
    indirectPartnerId: scope,
    serviceTypeCode: l.service_type_code ?? null,
    serviceTypeName: l.service_type_name ?? null,
    product: toProduct(l),
    periodType: l.period_type ?? null,
    periodCount: l.period_num ?? null,
    effectiveTime: parseWireTime(l.effective_time),
    expireTime: parseWireTime(l.expire_time),
    quantity: l.subscription_num ?? null,
    amountAfterDiscount: toDecimalOrNull(l.amount_after_discount),
    officialAmount: toDecimalOrNull(l.official_amount),
    amountInfo: toAmountBreakdown(l.amount_info),
    currency: l.currency ?? null,
    baseProduct: l.base_product_info ? toProduct(l.base_product_info) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// ListCustomerOrders

/** The ListCustomerOrders filters, as GraphQL arguments give them (codes already mapped from enums). */
export interface OrderFilters {
  readonly customerId?: string | null | undefined;
  /** The reach: a reseller's customers (tier-1 distributors only), or null for the partner's own. */
  readonly indirectPartnerId?: string | null | undefined;
  readonly createdFrom?: Date | null | undefined;
  readonly createdTo?: Date | null | undefined;
  readonly paidFrom?: Date | null | undefined;
  readonly paidTo?: Date | null | undefined;
  readonly serviceTypeCode?: string | null | undefined;
  /** E7 code (the filter subset). */
  readonly status?: number | null | undefined;
  /** E8 code, already as the filter's string. */
  readonly orderType?: string | null | undefined;
  /** `createTime` or `-createTime`. */
  readonly sort?: string | null | undefined;
}

function ordersRequest(f: OrderFilters): ListCustomerOrdersRequest {
  // The client leaves out undefined fields, so unset filters are never sent (§0.4).
  return {
    customer_id: nonEmpty(f.customerId),
    indirect_partner_id: nonEmpty(f.indirectPartnerId),
    create_time_begin: wireTime(f.createdFrom),
    create_time_end: wireTime(f.createdTo),
    payment_time_begin: wireTime(f.paidFrom),
    payment_time_end: wireTime(f.paidTo),
    service_type_code: nonEmpty(f.serviceTypeCode),
    status: f.status ?? undefined,
    order_type: nonEmpty(f.orderType),
    order_by: nonEmpty(f.sort),
  };
}

/** ListCustomerOrders §2.1 as a list: pages of ≤ 100, names in `language`. */
export const ordersList = (language: Language, filters: OrderFilters) =>
  listEndpoint({
    op: ListCustomerOrders,
    request: (offset, limit) => ({ ...ordersRequest(filters), offset, limit }),
    page: (res) => ({ items: (res.order_infos ?? []).map((o) => toOrderFromList(o, filters.indirectPartnerId || null)), total: res.total_count ?? null }),
    options: { language },
  });

/** Every order matching the filters (one call per 100). */
export async function fetchAllOrders(ctx: BssContext, filters: OrderFilters): Promise<OrderShape[]> {
  const { items } = await ctx.bss.paginate(ListCustomerOrders, ordersRequest(filters), { language: ctx.language });
  const scope = filters.indirectPartnerId || null;
  return items.map((o) => toOrderFromList(o, scope));
}

// ---------------------------------------------------------------------------------------------------------
// One order

/**
 * A miss on ShowCustomerOrderDetails. The reference documents no not-found code for it (§2.2), so a 400 with
 * a CBC code for a single id is taken to mean the order does not exist for this caller (the simulator answers
 * CBC.30000010 "Invalid order"); any other failure propagates.
 */
function isMissingOrder(error: unknown): boolean {
  return error instanceof BssError && error.kind === 'upstream' && error.httpStatus === 400 && error.code.startsWith('CBC.');
}

/**
 * One order by id, for the order loader. ListCustomerOrders with `order_id` answers the same record a list
 * does; it does not list sub-orders of combined transactions, which ShowCustomerOrderDetails does, so a miss
 * asks there once (one more call only for sub-orders and unknown ids). An order neither finds is null.
 */
export async function fetchOrder(ctx: BssContext, key: OrderKey): Promise<OrderShape | null> {
  const listed = await ctx.bss.call(
    ListCustomerOrders,
    { order_id: key.orderId, indirect_partner_id: key.indirectPartnerId ?? undefined, offset: 0, limit: 1 },
    { language: ctx.language },
  );
  const found = (listed.order_infos ?? []).find((o) => o.order_id?.toUpperCase() === key.orderId.toUpperCase());
  if (found) return toOrderFromList(found, key.indirectPartnerId);
  try {
    const details = await fetchOrderDetailsPage(ctx, key, 0, 1);
    return details.header;
  } catch (error) {
    if (isMissingOrder(error)) return null;
    throw error;
  }
}

export interface OrderDetailsPage {
  readonly header: OrderShape | null;
  readonly lineItems: LineItemShape[];
  /** Number of line items. */
  readonly total: number | null;
}

/** ShowCustomerOrderDetails: the header and one page of line items (limit ≤ 100). */
export async function fetchOrderDetailsPage(ctx: BssContext, key: OrderKey, offset: number, limit: number): Promise<OrderDetailsPage> {
  const res = await ctx.bss.call(
    ShowCustomerOrderDetails,
    { order_id: key.orderId, offset, limit, indirect_partner_id: key.indirectPartnerId ?? undefined },
    { language: ctx.language },
  );
  return {
    header: res.order_info ? toOrderFromDetails(res.order_info, key.indirectPartnerId) : null,
    lineItems: (res.order_line_items ?? []).map((l) => toLineItem(l, key.indirectPartnerId)),
    total: res.total_count ?? null,
  };
}

/** The details loader's key for one order's page of line items. */
export const detailsPageKey = (order: OrderKey, offset: number, limit: number): string => `${encodeOrderKey(order)}|${offset}|${limit}`;

/**
 * The details loader's key for the header alone: the loader answers it from any page of the same order asked
 * in the same batch (so `createdBy` next to `lineItems` is one call), else with a page of its own.
 */
export const detailsHeaderKey = (order: OrderKey): string => `${encodeOrderKey(order)}|header`;

/** The page a header-only request reads when no page of that order is asked alongside it. */
export const HEADER_PAGE = { offset: 0, limit: 20 } as const;

// ---------------------------------------------------------------------------------------------------------
// Refunds

/** E8 4: only unsubscription orders have refund sources the simulator and the API agree on (see below). */
const UNSUBSCRIPTION = 4;

export const isUnsubscription = (order: Pick<OrderShape, 'orderType'>): boolean => order.orderType === UNSUBSCRIPTION;

/**
 * Where an unsubscription order's refund came from (ShowRefundOrderDetails §2.7). Other orders have none,
 * and asking would only fail, so they answer null without a call. Downgrades (E8 3, modification) have
 * refund sources too, but a modification order does not say whether it was a downgrade; they are left out.
 * A partner must name the customer; a reseller's customer also its reseller.
 */
export async function fetchRefundDetails(ctx: BssContext, order: OrderShape): Promise<RefundShape[] | null> {
  if (order.orderType !== UNSUBSCRIPTION || !order.customerId) return null;
  const res = await ctx.bss.call(
    ShowRefundOrderDetails,
    { order_id: order.orderId, customer_id: order.customerId, indirect_partner_id: order.indirectPartnerId ?? undefined },
    { language: ctx.language },
  );
  return (res.refund_infos ?? []).map((f) => ({
    id: f.id,
    amount: toDecimalOrNull(f.amount),
    measureId: f.measure_id ?? null,
    customerId: f.customer_id ?? null,
    resourceTypeCode: f.resource_type_code ?? null,
    resourceTypeName: f.resource_type_name ?? null,
    serviceTypeCode: f.service_type_code ?? null,
    serviceTypeName: f.service_type_name ?? null,
    regionCode: f.region_code ?? null,
    baseOrderId: f.base_order_id ?? null,
    indirectPartnerId: order.indirectPartnerId,
  }));
}

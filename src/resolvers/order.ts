/**
 * Orders of the partner's customers: the list connection, line items and the details header through the
 * request's loaders, and refunds. Upstream access and wire mapping: src/sources/orders.ts (ListCustomerOrders
 * §2.1, ShowCustomerOrderDetails §2.2, ShowRefundOrderDetails §2.7).
 */
import { ShowCustomerOrderDetails } from '../bss/operations/commerce/index.js';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import {
  detailsHeaderKey, detailsPageKey, encodeOrderKey, fetchRefundDetails, ordersList, isUnsubscription,
  type LineItemShape, type RefundShape, type OrderDetailsHeader, type OrderFilters, type OrderShape,
} from '../sources/orders.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection } from './connection.js';
import { endpointConnection } from './endpoint-connection.js';

/** Orders and sub-orders of a list, so `node`/`order` lookups later in the request cost nothing. */
export function primeOrders(ctx: Pick<GraphQLContext, 'loaders'>, orders: readonly OrderShape[]): void {
  for (const order of orders) {
    ctx.loaders.order.prime(encodeOrderKey(order), order);
    primeOrders(ctx, order.subOrders);
  }
}

/** A connection over ListCustomerOrders; each page is one upstream call (a `first` above 100 walks pages). */
export function ordersConnection(ctx: GraphQLContext, args: ConnectionArgs, filters: OrderFilters): Promise<OffsetConnection<OrderShape>> {
  return endpointConnection(ctx, args, ordersList(ctx.language, filters), (o) => primeOrders(ctx, [o]));
}

/** Line items of an order, through the details loader (a page asked twice in one request is one call). */
export function lineItemsConnection(ctx: GraphQLContext, order: OrderShape, args: ConnectionArgs): Promise<OffsetConnection<LineItemShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const page = await ctx.loaders.orderDetailsPage.load(detailsPageKey(order, offset, limit));
      return { items: page.lineItems, total: page.total };
    },
    { ...ctx.limits, pageMax: ShowCustomerOrderDetails.page!.maxLimit },
  );
}

/** `createdBy` / `paymentDeadline`: from the order itself when it came from details, else one details call. */
export async function orderDetailsHeader(ctx: GraphQLContext, order: OrderShape): Promise<OrderDetailsHeader | null> {
  if (order.details) return order.details;
  const header = (await ctx.loaders.orderDetailsPage.load(detailsHeaderKey(order))).header;
  if (!header) return null;
  if (header.orderId.toUpperCase() === order.orderId.toUpperCase()) return header.details;
  // A sub-order's details answer with its own header; it is the one asked for.
  return header.subOrders.find((s) => s.orderId === order.orderId)?.details ?? header.details;
}

/** Where an unsubscription order's refund came from (sources/orders.ts `fetchRefundDetails`); other orders: null. */
export function refundDetails(ctx: GraphQLContext, order: OrderShape): Promise<RefundShape[] | null> {
  if (isUnsubscription(order) && !order.customerId) {
    throw new GraphQLError(`Order ${order.orderId} names no customer, so its refund details cannot be asked for`);
  }
  return fetchRefundDetails(ctx, order);
}

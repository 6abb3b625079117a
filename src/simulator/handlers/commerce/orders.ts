/** ListCustomerOrders (§2.1) and ShowCustomerOrderDetails (§2.2). */
import { parameterError, type Handler } from '../../handler.js';
import type { OrderRecord } from '../../dataset/commerce/types.js';
import { invalidOrder } from '../../dataset/commerce/order-writes.js';
import { pageOf, queryInt, queryPage, queryString, timeWindow, utcTime } from './params.js';
import { booksInScope, callerBook, resellerScope } from './scope.js';
import { lineItemV2, orderV2, orderV3 } from './wire.js';

/** E7 codes the status filter accepts. */
const STATUS_FILTER = [1, 3, 4, 5, 6, 9];
/** E8 codes. */
const ORDER_TYPES = ['1', '2', '3', '4', '10', '11', '13', '14', '15'];

export const listCustomerOrders: Handler = (req) => {
  const orderId = queryString(req, 'order_id', { max: 64 });
  const customerId = queryString(req, 'customer_id', { max: 64 });
  const createBegin = utcTime('create_time_begin', queryString(req, 'create_time_begin', { max: 20 }));
  const createEnd = utcTime('create_time_end', queryString(req, 'create_time_end', { max: 20 }));
  const serviceType = queryString(req, 'service_type_code', { max: 64 });
  const status = queryInt(req, 'status', { allowed: STATUS_FILTER });
  const orderType = queryString(req, 'order_type', { max: 64 });
  if (orderType !== undefined && !ORDER_TYPES.includes(orderType)) throw parameterError('order_type', `must be one of ${ORDER_TYPES.join(', ')}`);
  const page = queryPage(req, 100);
  const orderBy = queryString(req, 'order_by', { max: 36 });
  if (orderBy !== undefined && !/^-?createtime$/i.test(orderBy)) throw parameterError('order_by', 'must be createTime or -createTime');
  const payBegin = utcTime('payment_time_begin', queryString(req, 'payment_time_begin', { max: 20 }));
  const payEnd = utcTime('payment_time_end', queryString(req, 'payment_time_end', { max: 20 }));
  const indirectPartnerId = queryString(req, 'indirect_partner_id', { max: 64 });
  const method = queryString(req, 'method');
  if (method !== undefined && method !== 'oneself' && method !== 'sub_customer') throw parameterError('method', 'must be oneself or sub_customer');
  timeWindow(['create_time_begin', createBegin], ['create_time_end', createEnd], true);
  timeWindow(['payment_time_begin', payBegin], ['payment_time_end', payEnd], true);

  // Customer credentials: the caller's own orders, whatever customer_id or indirect_partner_id say.
  const partner = req.caller.kind === 'partner';
  const books = booksInScope(req, partner ? customerId : undefined, partner ? resellerScope(req, indirectPartnerId) : null);
  // `sub_customer` lists orders of enterprise sub-accounts paid by the caller; the world has no enterprise
  // master/member relations, so there are none.
  if (method === 'sub_customer') return { body: { total_count: 0, order_infos: [] } };

  const wantedId = orderId?.toUpperCase();
  const wantedService = serviceType?.toLowerCase();
  const within = (t: Date | null, from?: Date, to?: Date): boolean =>
    (!from && !to) || (t !== null && (!from || t.getTime() >= from.getTime()) && (!to || t.getTime() <= to.getTime()));
  const matches = (o: OrderRecord): boolean =>
    (wantedId === undefined || o.orderId === wantedId) &&
    (wantedService === undefined || o.serviceTypeCode.toLowerCase() === wantedService) &&
    (status === undefined || o.status === status) &&
    (orderType === undefined || String(o.orderType) === orderType) &&
    within(o.createdAt, createBegin, createEnd) &&
    within(o.paidAt, payBegin, payEnd);

  const found = books.flatMap((book) => book.orders.filter(matches).map((order) => ({ book, order })));
  // Newest first unless `createTime` asks for oldest first (the console's default order).
  const ascending = orderBy !== undefined && !orderBy.startsWith('-');
  found.sort((a, b) => {
    const byTime = a.order.createdAt.getTime() - b.order.createdAt.getTime();
    const cmp = byTime !== 0 ? byTime : a.order.orderId < b.order.orderId ? -1 : a.order.orderId > b.order.orderId ? 1 : 0;
    return ascending ? cmp : -cmp;
  });
  return {
    body: { total_count: found.length, order_infos: pageOf(found, page).map(({ book, order }) => orderV2(book, order, req.language)) },
  };
};

export const showCustomerOrderDetails: Handler = (req) => {
  const orderId = (req.pathParams['order_id'] ?? '').toUpperCase();
  if (orderId === '') throw parameterError('order_id', 'is required');
  if (orderId.length > 64) throw parameterError('order_id', 'must be at most 64 characters');
  const page = queryPage(req, 100);
  const indirectPartnerId = queryString(req, 'indirect_partner_id', { max: 64 });

  let order: OrderRecord | undefined;
  if (req.caller.kind === 'customer') {
    order = callerBook(req)?.orderById.get(orderId);
  } else {
    const reseller = resellerScope(req, indirectPartnerId);
    const book = req.state.commerce.bookOfOrder(orderId);
    // Another partner's (or another reseller's) customer's order does not exist for this caller.
    if (book && book.customer.indirectPartnerId === reseller) order = book.orderById.get(orderId);
  }
  if (!order) throw invalidOrder('the order does not exist');
  return {
    body: {
      total_count: order.lines.length,
      order_info: orderV3(order, req.language),
      order_line_items: pageOf(order.lines, page).map((line) => lineItemV2(line, req.language)),
    },
  };
};

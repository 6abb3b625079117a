/** ShowRefundOrderDetails (§2.7): where an unsubscription order's refund came from. */
import { CbcError, type Handler } from '../../handler.js';
import { invalidOrder } from '../../dataset/commerce/order-writes.js';
import { queryString } from './params.js';
import { callerBook, requiredCustomerId, resellerScope, scopedCustomer } from './scope.js';
import { refundInfo } from './wire.js';

export const showRefundOrderDetails: Handler = (req) => {
  const orderId = queryString(req, 'order_id', { required: true, max: 64 })!.toUpperCase();
  const customerId = queryString(req, 'customer_id', { max: 64 });
  const indirectPartnerId = queryString(req, 'indirect_partner_id', { max: 64 });

  const book = req.caller.kind === 'customer'
    ? callerBook(req)
    : req.state.commerce.bookFor(scopedCustomer(req, requiredCustomerId(customerId), resellerScope(req, indirectPartnerId)));
  const order = book?.orderById.get(orderId);
  if (!order) throw invalidOrder('the order does not exist');
  // Downgrades (modification orders) would qualify too; the simulator only makes unsubscriptions.
  if (order.orderType !== 4) throw new CbcError(400, 'CBC.99005026', 'The order is not a downgrade or unsubscription order.');
  return {
    body: { total_count: order.refunds.length, refund_infos: order.refunds.map((f) => refundInfo(order.customerId, f, req.language)) },
  };
};

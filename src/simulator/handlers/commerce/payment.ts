/**
 * Pending orders, with customer credentials only: cancel (§2.3), pay (§2.4), and what payment may use,
 * coupons (§2.5) and discounts (§2.6).
 */
import type { Decimal } from 'decimal.js';
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import { COUPON_MAX_USE, usableCoupons } from '../../dataset/commerce/offers.js';
import type { CouponState } from '../../dataset/partners/coupons.js';
import type { PaymentInput } from '../../dataset/commerce/order-writes.js';
import { bodyObject, bodyObjectList, bodyString, queryString, type Body } from './params.js';
import { customerCaller } from './scope.js';
import { couponInfo, discountInfo } from './wire.js';

/**
 * Debits the customer's cash balance through the partner store, which records the payment in the
 * customer's ledger under the order id, or throws CBC.99005003 (insufficient balance) changing nothing.
 * A payment fully covered by coupons debits nothing.
 */
export function debitBalance(req: SimRequest, customerId: string, amount: Decimal, orderId: string): void {
  if (amount.gt(0)) req.state.partners.debitCustomer(customerId, amount, orderId, req.now);
}

/** The coupons the customer holds: the partner store keeps them (from its partner and from campaigns). */
function heldCoupons(req: SimRequest, customerId: string): CouponState[] {
  const customer = req.state.partners.customers.get(customerId);
  return customer ? req.state.partners.coupons.heldByCustomer(customer) : [];
}

export const cancelCustomerOrder: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const orderId = bodyString(body, 'order_id', { required: true, max: 64 })!;
  req.state.commerce.cancelOrder(customerId, orderId.toUpperCase());
  return { status: 204 };
};

function yesNo(body: Body, name: string): boolean {
  const value = bodyString(body, name, { required: true });
  if (value !== 'YES' && value !== 'NO') throw parameterError(name, 'must be YES or NO');
  return value === 'YES';
}

/** `use_x: YES` needs the list; `NO` forbids it. */
function conditionalList(body: Body, flag: string, name: string, max: number): Body[] {
  const use = yesNo(body, flag);
  const list = bodyObjectList(body, name, { max });
  if (!use) {
    if (list !== undefined) throw parameterError(name, `must be absent when ${flag} is NO`);
    return [];
  }
  if (!list || list.length === 0) throw parameterError(name, `is required when ${flag} is YES`);
  return list;
}

function idAndType(item: Body, list: string, allowed: readonly number[]): { id: string; type: number } {
  const id = item['id'];
  if (typeof id !== 'string' || id === '') throw parameterError(`${list}.id`, 'is required');
  if (id.length > 64) throw parameterError(`${list}.id`, 'must be at most 64 characters');
  const type = item['type'];
  if (typeof type !== 'number' || !allowed.includes(type)) throw parameterError(`${list}.type`, `must be one of ${allowed.join(', ')}`);
  return { id, type };
}

export const payOrders: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const orderId = bodyString(body, 'order_id', { required: true, max: 64 })!.toUpperCase();
  const coupons = conditionalList(body, 'use_coupon', 'coupon_infos', 3).map((c) => idAndType(c, 'coupon_infos', [300, 301, 302, 303]));
  const discounts = conditionalList(body, 'use_discount', 'discount_infos', 1).map((d) => idAndType(d, 'discount_infos', [0, 2, 3]));
  const input: PaymentInput = { orderId, coupons, discount: discounts[0] ?? null };

  const payment = req.state.commerce.preparePayment(customerId, input, req.now, heldCoupons(req, customerId));
  debitBalance(req, customerId, payment.amountDue, payment.order.orderId);
  payment.commit();
  return { status: 204 };
};

function requiredOrderId(req: SimRequest): string {
  return queryString(req, 'order_id', { required: true, max: 64 })!.toUpperCase();
}

export const listOrderCouponsByOrderId: Handler = (req) => {
  const customerId = customerCaller(req);
  const order = req.state.commerce.operableOrder(customerId, requiredOrderId(req));
  const coupons = order.status === 6 ? usableCoupons(heldCoupons(req, customerId), order, req.now) : [];
  return {
    body: {
      count: coupons.length,
      user_coupons: coupons.map((c) => couponInfo(c, req.language)),
      coupon_max_use_quantity: COUPON_MAX_USE.map((q) => ({ coupon_type: q.couponType, coupon_group: q.couponGroup, use_quantity_value: q.max })),
    },
  };
};

export const listOrderDiscounts: Handler = (req) => {
  const customerId = customerCaller(req);
  const order = req.state.commerce.operableOrder(customerId, requiredOrderId(req));
  return { body: { discounts: req.state.commerce.discountOffers(customerId, order).map((d) => discountInfo(order, d)) } };
};

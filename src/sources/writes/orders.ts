/**
 * Writes on a customer's pending order, made with the customer's token (bss-api-commerce.md §2.3, §2.4):
 * CancelCustomerOrder `PUT /v2/orders/customer-orders/cancel` and PayOrders `POST /v3/orders/customer-orders/pay`.
 * Both answer 204 with no body, and both act on an order in status 6 (pending payment) only.
 *
 * Whose token: the order's customer, read first with ListCustomerOrders (`fetchOrder`) in the caller's scope;
 * that read also confirms the order is the caller's to touch (a reseller key's guard checks its customer).
 *
 * Reconciliation after a lost answer reads the order's status again (one ListCustomerOrders call): the status
 * moves only forward (6 → 4 cancelled, 6 → 3 → 5 paid), so it proves or disproves the write.
 */
import { CancelCustomerOrder, PayOrders, type PayCustomerOrderV3Req } from '../../bss/operations/commerce/index.js';
import { fetchOrder, type BssContext, type OrderKey, type OrderShape } from '../orders.js';
import { firstProblem, idProblem, oneOfProblem, problem, type InputProblem } from './input-rules.js';
import { absent, applied, undecidable, type LookupOutcome } from './lookup-outcome.js';

/** E7 order statuses these writes read. */
export const ORDER_STATUS = { processing: 3, cancelled: 4, completed: 5, pendingPayment: 6 } as const;

/** The order a write names, and the scope it is reached in (null: the partner's own customers). */
export type OrderTarget = OrderKey;

export const orderTargetProblem = (t: OrderTarget): InputProblem | null =>
  firstProblem(idProblem('orderId', t.orderId), t.indirectPartnerId === null ? null : idProblem('indirectPartnerId', t.indirectPartnerId));

/** The order as the partner sees it (its customer is whose token the write takes); null when there is none. */
export const orderToActOn = (ctx: BssContext, target: OrderTarget): Promise<OrderShape | null> => fetchOrder(ctx, target);

/** An order a write acts on: its id and the customer whose token the write takes (from `orderToActOn`). */
export interface OrderToActOn {
  readonly orderId: string;
  readonly customerId: string;
}

// ---------------------------------------------------------------------------------------------------------
// §2.3 CancelCustomerOrder

export async function sendCancelOrder(ctx: BssContext, order: OrderToActOn): Promise<void> {
  await ctx.bss.call(CancelCustomerOrder, { body: { order_id: order.orderId } }, { customerId: order.customerId });
}

/** Cancelled (4) → applied; still pending (6), or paid meanwhile (5) → not applied; anything else → cannot tell. */
export async function findCancellation(ctx: BssContext, target: OrderTarget): Promise<LookupOutcome<OrderShape>> {
  const order = await fetchOrder(ctx, target);
  if (!order) return undecidable(`order ${target.orderId} is not listed any more; check its status in the customer's order list before cancelling again`);
  if (order.status === ORDER_STATUS.cancelled) return applied(order);
  if (order.status === ORDER_STATUS.pendingPayment) return absent(`order ${order.orderId} is still pending payment`);
  if (order.status === ORDER_STATUS.completed) return absent(`order ${order.orderId} was paid, not cancelled`);
  return undecidable(`order ${order.orderId} is in status ${String(order.status)}; check it again before cancelling`);
}

// ---------------------------------------------------------------------------------------------------------
// §2.4 PayOrders

/** `coupon_infos[].type`: 300 discount coupon, 301 cash coupon, 302 flexi-purchase coupon, 303 stored-value card. */
export const PAY_COUPON_TYPES = [300, 301, 302, 303] as const;
/** `discount_infos[].type`: 0 promotional, 2 commercial, 3 partner-granted. */
export const PAY_DISCOUNT_TYPES = [0, 2, 3] as const;
/** At most 3 coupons and 1 discount per payment (§2.4). */
export const MAX_PAY_COUPONS = 3;

export interface PaymentChoice {
  /** Coupons from `Order.usableCoupons`, in the order they should pay. */
  readonly coupons: readonly { readonly id: string; readonly type: number }[];
  /** At most one discount from `Order.usableDiscounts`. */
  readonly discount: { readonly id: string; readonly type: number } | null;
}

export function paymentProblem(choice: PaymentChoice): InputProblem | null {
  if (choice.coupons.length > MAX_PAY_COUPONS) return problem('coupons', `must hold at most ${MAX_PAY_COUPONS} coupons (got ${choice.coupons.length})`);
  for (const [i, c] of choice.coupons.entries()) {
    const p = firstProblem(idProblem(`coupons[${i}].couponId`, c.id), oneOfProblem(`coupons[${i}].type`, c.type, PAY_COUPON_TYPES));
    if (p) return p;
  }
  if (new Set(choice.coupons.map((c) => c.id)).size !== choice.coupons.length) return problem('coupons', 'must not name a coupon twice');
  if (choice.discount) return firstProblem(idProblem('discount.discountId', choice.discount.id), oneOfProblem('discount.type', choice.discount.type, PAY_DISCOUNT_TYPES));
  return null;
}

/** The wire body: `use_coupon`/`use_discount` say YES exactly when a list is sent (NO with a list is a CBC.0100). */
export function payBody(orderId: string, choice: PaymentChoice): PayCustomerOrderV3Req {
  return {
    order_id: orderId,
    use_coupon: choice.coupons.length > 0 ? 'YES' : 'NO',
    use_discount: choice.discount ? 'YES' : 'NO',
    ...(choice.coupons.length > 0 ? { coupon_infos: choice.coupons.map((c) => ({ id: c.id, type: c.type })) } : {}),
    ...(choice.discount ? { discount_infos: [{ id: choice.discount.id, type: choice.discount.type }] } : {}),
  };
}

export async function sendPayOrder(ctx: BssContext, order: OrderToActOn, choice: PaymentChoice): Promise<void> {
  await ctx.bss.call(PayOrders, { body: payBody(order.orderId, choice) }, { customerId: order.customerId });
}

/**
 * Completed (5) → applied; still pending (6) or cancelled (4) → not applied; processing (3) or anything else →
 * cannot tell yet. Limit: an order paid meanwhile by someone else (the customer in its console) also reads 5.
 */
export async function findPayment(ctx: BssContext, target: OrderTarget): Promise<LookupOutcome<OrderShape>> {
  const order = await fetchOrder(ctx, target);
  if (!order) return undecidable(`order ${target.orderId} is not listed any more; check the customer's balance and orders before paying again`);
  if (order.status === ORDER_STATUS.completed) return applied(order);
  if (order.status === ORDER_STATUS.pendingPayment) return absent(`order ${order.orderId} is still pending payment`);
  if (order.status === ORDER_STATUS.cancelled) return absent(`order ${order.orderId} was cancelled, not paid`);
  return undecidable(`order ${order.orderId} is in status ${String(order.status)} (processing); ask again later with the same idempotency key`);
}

/**
 * What a pending order may use at payment: the customer's coupons (held in the partner store, the same
 * ones ListSubCustomerCoupons shows) that are usable now and whose restrictions admit the order
 * (ListOrderCouponsByOrderId), and the discounts offered for the order (ListOrderDiscounts):
 * the partner-granted rate when the partner gave this customer one, and sometimes a promotional rate.
 * Offers depend only on the order and its lines, so listing them and paying agree whichever comes first.
 */
import { Money } from '../../../bss/money.js';
import type { World } from '../world.js';
import { discountForRatio } from './pricing.js';
import { flat } from './time.js';
import { CouponBook, LIMIT_PRODUCT, LIMIT_SERVICE_TYPE, type CouponState } from '../partners/coupons.js';
import type { CommerceBook, DiscountOffer, OrderRecord } from './types.js';

/** How many coupons of each kind one payment may use: (CouponInfoV2 type, group) → count. */
export const COUPON_MAX_USE: readonly { readonly couponType: number; readonly couponGroup: number; readonly max: number }[] = [
  { couponType: 1, couponGroup: 0, max: 2 },
  { couponType: 4, couponGroup: 0, max: 1 },
];

/** PayOrders `coupon_infos[].type` for each CouponInfoV2 `coupon_type`. */
export const PAY_TYPE_OF_COUPON: Readonly<Record<number, number>> = { 1: 301, 2: 300, 4: 302 };

/** Coupon kinds that pay an order: cash coupons (1) and flexi-purchase coupons (4). */
const PAYING_COUPON_TYPES: ReadonlySet<number> = new Set([1, 4]);

/**
 * Coupons that can pay `order` now: usable (status 2), of a paying kind, and admitted by their service-type
 * and product restrictions (a restriction key repeated lists alternatives). Other keys do not bind orders.
 */
export function usableCoupons(held: readonly CouponState[], order: OrderRecord, now: Date): CouponState[] {
  const services = new Set(order.lines.map((l) => l.resourceType.serviceTypeCode));
  const products = new Set(order.lines.map((l) => l.product.productId));
  return held.filter((c) => {
    if (CouponBook.status(c, now) !== 2 || !PAYING_COUPON_TYPES.has(c.couponType)) return false;
    const allowedServices = c.useLimits.filter((l) => l.key === LIMIT_SERVICE_TYPE).map((l) => l.value1);
    if (allowedServices.length > 0 && ![...services].every((s) => allowedServices.includes(s))) return false;
    const allowedProducts = c.useLimits.filter((l) => l.key === LIMIT_PRODUCT).flatMap((l) => l.value1.split(','));
    return allowedProducts.length === 0 || [...products].every((p) => allowedProducts.includes(p));
  });
}

export function discountOffers(world: World, book: CommerceBook, order: OrderRecord): DiscountOffer[] {
  let offers = book.offers.get(order.orderId);
  if (offers) return offers;
  offers = [];
  const r = world.random(`order-discounts:${order.orderId}`);
  const offer = (discountType: DiscountOffer['discountType'], ratio: Money): DiscountOffer => ({
    discountId: flat(r.hex(32)), discountType, ratio,
    lineAmounts: new Map(order.lines.map((line) => [line.lineItemId, discountForRatio(line.amounts, ratio)])),
  });
  if (order.status === 6) {
    if (book.partnerRatio) offers.push(offer(3, book.partnerRatio));
    if (r.chance(0.35)) offers.push(offer(0, new Money(r.pick(['0.95', '0.90']))));
  }
  book.offers.set(order.orderId, offers);
  return offers;
}

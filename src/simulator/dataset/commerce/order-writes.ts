/**
 * Cancelling and paying pending orders (bss-api-commerce.md §2.3, §2.4). Payment is prepared first (every
 * rule checked, amounts computed on copies) and committed only after the balance was debited, so a failed
 * debit leaves the order, its lines and the coupons untouched.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { CbcError, parameterError } from '../cbc-error.js';
import type { World } from '../world.js';
import { addDiscount, allocate, amountDue, DISCOUNT_TYPE, monthsOf, type AmountBreakdown, type DiscountEntry } from './pricing.js';
import { COUPON_MAX_USE, discountOffers, PAY_TYPE_OF_COUPON, usableCoupons } from './offers.js';
import { setOrderStatus } from './order-factory.js';
import { addMonths } from './time.js';
import type { CouponState } from '../partners/coupons.js';
import type { CommerceBook, OrderRecord } from './types.js';

/** E13 code a discount chosen at payment is recorded under, by ListOrderDiscounts `discount_type`. */
const E13_OF_DISCOUNT: Readonly<Record<number, string>> = {
  0: DISCOUNT_TYPE.promotional,
  2: DISCOUNT_TYPE.commercialContract,
  3: DISCOUNT_TYPE.partnerAuthorised,
};

/** Coupon restriction keys that forbid combining the coupon with a discount kind. */
const EXCLUSION_KEY: Readonly<Record<number, string>> = {
  0: 'simultaneousUseWithPromotionDiscount',
  2: 'simultaneousUseWithContractDiscount',
  3: 'simultaneousUseWithEmpowerDiscount',
};

export const invalidOrder = (detail: string): CbcError => new CbcError(400, 'CBC.30000010', `Invalid order: ${detail}.`);
export const useCombinedOrder = (): CbcError =>
  new CbcError(400, 'CBC.99000089', 'This order ID cannot be operated on. Use the combined-transaction order ID.');

/** The order a pay or cancel targets: the caller's, and a combined-transaction order, not a sub-order. */
export function operableOrder(book: CommerceBook, orderId: string): OrderRecord {
  const order = book.orderById.get(orderId);
  if (!order) throw invalidOrder('the order does not exist');
  if (order.parentOrderId) throw useCombinedOrder();
  return order;
}

export function cancelOrder(book: CommerceBook, orderId: string): void {
  const order = operableOrder(book, orderId);
  if (order.status !== 6) throw new CbcError(400, 'CBC.99005010', 'The order status does not allow cancellation.');
  setOrderStatus(order, 4, null);
}

export interface PaymentInput {
  readonly orderId: string;
  readonly coupons: readonly { readonly id: string; readonly type: number }[];
  readonly discount: { readonly id: string; readonly type: number } | null;
}

export interface PreparedPayment {
  readonly order: OrderRecord;
  /** What the balance is debited: after discounts, coupons and cards. */
  readonly amountDue: Decimal;
  /** Applies the payment; call only after the debit succeeded. */
  commit(): void;
}

function copyAmounts(a: AmountBreakdown): AmountBreakdown {
  return { ...a, discounts: a.discounts.map(([type, amount]): DiscountEntry => [type, amount]) };
}

/**
 * `held` are the customer's coupons (the partner store's). A coupon used here is drawn down in place and
 * gets a `use` event with the order id, so the partner's coupon endpoints see the payment too.
 */
export function preparePayment(world: World, book: CommerceBook, input: PaymentInput, held: readonly CouponState[], now: Date): PreparedPayment {
  const order = operableOrder(book, input.orderId);
  if (order.status !== 6) throw invalidOrder('the order is not pending payment');
  const amounts = new Map(order.lines.map((line) => [line.lineItemId, copyAmounts(line.amounts)]));

  const offer = input.discount ? discountOffers(world, book, order).find((d) => d.discountId === input.discount!.id) : undefined;
  if (input.discount) {
    if (!offer) throw parameterError('discount_infos.id', 'is not a discount of this order');
    if (offer.discountType !== input.discount.type) throw parameterError('discount_infos.type', `must be ${offer.discountType} for this discount`);
    for (const line of order.lines) addDiscount(amounts.get(line.lineItemId)!, E13_OF_DISCOUNT[offer.discountType]!, offer.lineAmounts.get(line.lineItemId)!);
  }

  const usable = new Map(usableCoupons(held, order, now).map((c) => [c.couponId, c]));
  const chosen: CouponState[] = [];
  for (const info of input.coupons) {
    const coupon = usable.get(info.id);
    if (!coupon) throw parameterError('coupon_infos.id', 'is not a coupon usable for this order');
    if (chosen.includes(coupon)) throw parameterError('coupon_infos.id', 'must not repeat');
    if (PAY_TYPE_OF_COUPON[coupon.couponType] !== info.type) throw parameterError('coupon_infos.type', `must be ${PAY_TYPE_OF_COUPON[coupon.couponType]} for this coupon`);
    chosen.push(coupon);
  }
  for (const rule of COUPON_MAX_USE) {
    const used = chosen.filter((c) => c.couponType === rule.couponType).length;
    if (used > rule.max) throw parameterError('coupon_infos', `allows at most ${rule.max} coupons of type ${rule.couponType}`);
  }
  if (offer) {
    for (const coupon of chosen) {
      for (const limit of coupon.useLimits) {
        if (limit.key === EXCLUSION_KEY[offer.discountType] && limit.value1 === '0') {
          throw parameterError('coupon_infos', `coupon ${coupon.couponId} cannot be combined with this discount`);
        }
        if (limit.key === 'minConsumeDiscount' && offer.ratio.lt(new Money(limit.value1))) {
          throw parameterError('coupon_infos', `coupon ${coupon.couponId} requires a discount rate of at least ${limit.value1}`);
        }
      }
    }
  }

  // Coupons pay in the order given, each as far as its balance goes, spread over the lines by what is due.
  const couponUse = new Map<CouponState, Decimal>();
  for (const coupon of chosen) {
    const lines = order.lines.map((l) => amounts.get(l.lineItemId)!);
    const due = lines.reduce((s, a) => s.plus(amountDue(a)), new Money(0));
    const use = Money.min(coupon.balance, due);
    if (use.lte(0)) continue;
    couponUse.set(coupon, use);
    allocate(use, lines.map(amountDue)).forEach((share, i) => {
      const a = lines[i]!;
      if (coupon.couponType === 4) a.flexiCoupon = a.flexiCoupon.plus(share);
      else a.coupon = a.coupon.plus(share);
    });
  }
  const total = [...amounts.values()].reduce((s, a) => s.plus(amountDue(a)), new Money(0));

  return {
    order,
    amountDue: total,
    commit: () => {
      for (const line of order.lines) Object.assign(line.amounts, amounts.get(line.lineItemId)!);
      for (const [coupon, use] of couponUse) {
        coupon.balance = coupon.balance.minus(use);
        coupon.lastUsedTime = now;
        coupon.orderId = order.orderId;
        coupon.events.push({ kind: 'use', time: now, amount: use, balanceAfter: coupon.balance, tradeId: order.orderId });
      }
      setOrderStatus(order, 5, now);
      applyPaidOrder(book, order, now);
    },
  };
}

/** A paid new purchase provisions its resources; a paid renewal extends theirs from the current expiry. */
export function applyPaidOrder(book: CommerceBook, order: OrderRecord, now: Date): void {
  for (const line of order.lines) {
    const resource = book.resourceById.get(line.resourceId);
    if (!resource) continue;
    const months = monthsOf(line.periodType, line.periodNum ?? 1);
    if (order.orderType === 1) {
      resource.provisioned = true;
      resource.effectiveAt = now;
      line.effectiveAt = now;
    } else {
      line.effectiveAt = resource.expireAt ?? now;
    }
    line.expireAt = addMonths(line.effectiveAt, months);
    resource.expireAt = line.expireAt;
    resource.updatedAt = now;
  }
}

/**
 * Prices of yearly/monthly line items, in decimal and to the fen. A line's list price is the catalogue's
 * monthly price times the months bought; discounts are E13 items whose amounts are subtracted exactly, so
 * `official − Σ discounts = after discount` holds for every line, and an order's amounts are the sums of
 * its lines'.
 */
import { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { ResourceTypeDef } from '../reference.js';

/** E13 codes the simulator issues. */
export const DISCOUNT_TYPE = {
  /** A yearly subscription is priced at ten months: the product's own discount. */
  productOwn: '900',
  /** The partner's discount rate for this customer. */
  partnerAuthorised: '607',
  commercialContract: '605',
  promotional: '700',
} as const;

export type DiscountEntry = [type: string, amount: Decimal];

export interface AmountBreakdown {
  official: Decimal;
  /** E13 code and amount, one entry per code, in the order applied (an array: far lighter than a Map). */
  discounts: DiscountEntry[];
  afterDiscount: Decimal;
  coupon: Decimal;
  flexiCoupon: Decimal;
  storedCard: Decimal;
  commission: Decimal;
  consumed: Decimal;
}

export const ZERO = new Money(0);

export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function monthsOf(periodType: 2 | 3, periodNum: number): number {
  return periodType === 3 ? 12 * periodNum : periodNum;
}

export function emptyAmounts(): AmountBreakdown {
  return {
    official: ZERO, discounts: [], afterDiscount: ZERO, coupon: ZERO, flexiCoupon: ZERO, storedCard: ZERO,
    commission: ZERO, consumed: ZERO,
  };
}

/** List price of a period, with the yearly product discount; partner discounts are applied separately. */
export function priceLine(type: ResourceTypeDef, periodType: 2 | 3, periodNum: number): AmountBreakdown {
  const monthly = new Money(type.monthlyPrice);
  const official = round2(monthly.times(monthsOf(periodType, periodNum)));
  const amounts = emptyAmounts();
  amounts.official = official;
  amounts.afterDiscount = official;
  if (periodType === 3) addDiscount(amounts, DISCOUNT_TYPE.productOwn, round2(monthly.times(2 * periodNum)));
  return amounts;
}

/** Applies a discount of `amount` (capped at what is left to pay) under E13 `type`. */
export function addDiscount(amounts: AmountBreakdown, type: string, amount: Decimal): void {
  const applied = Money.min(amount, amounts.afterDiscount);
  if (applied.lte(0)) return;
  mergeDiscount(amounts.discounts, type, applied);
  amounts.afterDiscount = amounts.afterDiscount.minus(applied);
}

function mergeDiscount(discounts: DiscountEntry[], type: string, amount: Decimal): void {
  const entry = discounts.find(([t]) => t === type);
  if (entry) entry[1] = entry[1].plus(amount);
  else discounts.push([type, amount]);
}

/** The amount a rate of `ratio` (0.85 = 15 % off) takes off what is left to pay, to the fen. */
export function discountForRatio(amounts: AmountBreakdown, ratio: Decimal): Decimal {
  return round2(amounts.afterDiscount.times(new Money(1).minus(ratio)));
}

/** Sums line breakdowns into an order's. */
export function sumAmounts(parts: readonly AmountBreakdown[]): AmountBreakdown {
  const total = emptyAmounts();
  for (const p of parts) {
    total.official = total.official.plus(p.official);
    total.afterDiscount = total.afterDiscount.plus(p.afterDiscount);
    total.coupon = total.coupon.plus(p.coupon);
    total.flexiCoupon = total.flexiCoupon.plus(p.flexiCoupon);
    total.storedCard = total.storedCard.plus(p.storedCard);
    total.commission = total.commission.plus(p.commission);
    total.consumed = total.consumed.plus(p.consumed);
    for (const [type, amount] of p.discounts) mergeDiscount(total.discounts, type, amount);
  }
  return total;
}

/**
 * Splits `total` (2 decimals) over parts in proportion to `weights`, to the fen, the last part taking the
 * rounding remainder so the parts add up exactly.
 */
export function allocate(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  const sum = weights.reduce((s, w) => s.plus(w), ZERO);
  if (weights.length === 0) return [];
  if (sum.lte(0)) return weights.map((_, i) => (i === weights.length - 1 ? total : ZERO));
  let left = total;
  return weights.map((w, i) => {
    if (i === weights.length - 1) return left;
    const share = round2(total.times(w).dividedBy(sum));
    left = left.minus(share);
    return share;
  });
}

/** What the customer still owes after coupons and cards. */
export function amountDue(amounts: AmountBreakdown): Decimal {
  return amounts.afterDiscount.minus(amounts.coupon).minus(amounts.flexiCoupon).minus(amounts.storedCard);
}

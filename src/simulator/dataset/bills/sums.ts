/**
 * The rounding rule that ties monthly sums to detail records (stated in full at the top of bill-store.ts):
 * a sum row's amounts are the exact sums of its records' amounts, each rounded half-up to 2 decimals; the
 * payment split is rounded the same way, except that the larger of cash and credit takes the remainder so
 * that the split adds up to the rounded amount due.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { PAYMENT_ACCOUNTS, type ChargeLine, type Payment, type PaymentAccount } from './types.js';

/** E4 bill class of a monthly sum: 1 consumption, 2 refund, 3 adjustment. */
export type BillClass = 1 | 2 | 3;

const REFUNDS = new Set([4, 20, 24]);
const ADJUSTMENTS = new Set([9, 16]);

/** E2 bill detail type → E4 monthly-sum bill type. */
export function billClassOf(billType: number): BillClass {
  return REFUNDS.has(billType) ? 2 : ADJUSTMENTS.has(billType) ? 3 : 1;
}

/** E4 → E3, the partner monthly sum's string bill type: consumption `"0"`, unsubscription `"1"`, write-off `"2"`. */
export function partnerBillType(billClass: BillClass): '0' | '1' | '2' {
  return billClass === 1 ? '0' : billClass === 2 ? '1' : '2';
}

export interface MonthlySum {
  readonly serviceTypeCode: string;
  readonly resourceTypeCode: string;
  readonly chargeMode: 1 | 3;
  readonly billClass: BillClass;
  /** All 2 decimals: official − discount − truncated = consume. */
  readonly official: Decimal;
  readonly discount: Decimal;
  /** The rounding difference left by rounding official, discount and consume separately (−0.01…0.01). */
  readonly truncated: Decimal;
  readonly consume: Decimal;
  /** Adds up to `consume`. */
  readonly paid: Payment;
}

export const round2 = (d: Decimal): Decimal => d.toDecimalPlaces(2);

/**
 * Fits an exact payment split to a 2-decimal `total`: every account gets `part(its exact amount)` except the
 * larger of cash and credit, which takes what is left, so the split adds up to `total` exactly.
 */
export function fitPayment(total: Decimal, exact: Payment, part: (amount: Decimal) => Decimal): Payment {
  const rest: PaymentAccount = exact.credit.abs().gt(exact.cash.abs()) ? 'credit' : 'cash';
  const fitted = {} as Record<PaymentAccount, Decimal>;
  let left = total;
  for (const account of PAYMENT_ACCOUNTS) {
    if (account === rest) continue;
    fitted[account] = part(exact[account]);
    left = left.minus(fitted[account]);
  }
  fitted[rest] = left;
  return fitted;
}

/** Rounds an exact amount due and its exact payment split to fen, keeping the split's total equal to the due. */
export function roundPayment(due: Decimal, paid: Payment): { consume: Decimal; paid: Payment } {
  const consume = round2(due);
  return { consume, paid: fitPayment(consume, paid, round2) };
}

interface Accumulator {
  key: Omit<MonthlySum, 'official' | 'discount' | 'truncated' | 'consume' | 'paid'>;
  official: Decimal;
  discount: Decimal;
  due: Decimal;
  paid: Record<PaymentAccount, Decimal>;
}

/** Monthly sum rows per service type, resource type, charge mode and bill class, in that order. */
export function monthlySums(lines: Iterable<ChargeLine>): MonthlySum[] {
  const groups = new Map<string, Accumulator>();
  for (const line of lines) {
    const type = line.resource.resourceType;
    const billClass = billClassOf(line.billType);
    const id = `${type.serviceTypeCode}|${type.code}|${line.chargeMode}|${billClass}`;
    let acc = groups.get(id);
    if (!acc) {
      const zero = new Money(0);
      acc = {
        key: { serviceTypeCode: type.serviceTypeCode, resourceTypeCode: type.code, chargeMode: line.chargeMode, billClass },
        official: zero, discount: zero, due: zero,
        paid: { cash: zero, credit: zero, coupon: zero, flexiCoupon: zero, storedCard: zero, debt: zero },
      };
      groups.set(id, acc);
    }
    acc.official = acc.official.plus(line.official);
    acc.discount = acc.discount.plus(line.discount);
    acc.due = acc.due.plus(line.due);
    for (const account of PAYMENT_ACCOUNTS) acc.paid[account] = acc.paid[account].plus(line.paid[account]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, acc]) => {
      const official = round2(acc.official);
      const discount = round2(acc.discount);
      const { consume, paid } = roundPayment(acc.due, acc.paid);
      return { ...acc.key, official, discount, truncated: official.minus(discount).minus(consume), consume, paid };
    });
}

/**
 * Money is decimal end to end. Every amount from the wire (a `WireDecimal`: an exact string, or a safe
 * integer) becomes a decimal.js value here and nowhere else.
 */
import { Decimal } from 'decimal.js';
import type { WireDecimal } from './operations/spec.js';

/** An isolated decimal.js constructor, so no other module's global settings change our arithmetic. */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/**
 * One shared zero. Most amounts of a consumption record are zero (cash, coupon, debt, write-off, … as
 * "0.00000000"), and a month's pull keeps ~200k records: sharing one instance spares millions of equal
 * objects and their garbage collection. Safe because decimal.js values are immutable (every operation
 * returns a new one). Only an unsigned zero is shared: "-0" keeps its sign, as decimal.js reads it.
 */
const ZERO = new Money(0);
const UNSIGNED_ZERO = /^0+(?:\.0+)?$/;

export function toDecimal(value: WireDecimal): Decimal {
  return Object.is(value, 0) || (typeof value === 'string' && UNSIGNED_ZERO.test(value)) ? ZERO : new Money(value);
}

/** Like `toDecimal`, but absent stays absent. */
export function toDecimalOrNull(value: WireDecimal | null | undefined): Decimal | null {
  return value === null || value === undefined || value === '' ? null : toDecimal(value);
}

/** The exact sum of the given amounts. */
export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = new Money(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * The text of a decimal as the graph writes it: exact, never an exponent, and at least two decimal
 * places (money in yuan reads to the fen: "150000.00", "0.10"), keeping every further digit Huawei sent
 * ("0.00097222"). decimal.js does not keep the scale of its input, so this fixes one form for all.
 */
export function formatDecimal(value: Decimal): string {
  return value.toFixed(Math.max(2, value.decimalPlaces()));
}

/**
 * Pay-per-use rating, shared by bills and price inquiries so that a quote and the bill for the same usage
 * agree. Unit prices come from reference.ts. (Yearly/monthly prices are the commerce store's.)
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { Charge } from './types.js';

/** Resource-level amounts keep at most this many decimals (bss-api-commerce.md §0.6). */
export const RAW_DECIMALS = 8;

const ONE = new Money(1);

/**
 * The unit price after a discount, rounded half-up to 8 decimals once per customer and product. Rating
 * usage against this fixed price (instead of discounting each record) keeps every record's amount exact,
 * so any number of records adds up to the same total as their summed usage rated once.
 */
export function discountedPrice(list: Decimal, rate: Decimal | null): Decimal {
  return rate === null ? list : list.times(ONE.minus(rate)).toDecimalPlaces(RAW_DECIMALS);
}

/** Rates a usage quantity exactly. Throws if a catalogue change ever made it need more than 8 decimals. */
export function rateUsage(usage: Decimal, list: Decimal, net: Decimal): Charge {
  const official = usage.times(list);
  const due = usage.times(net);
  if (official.decimalPlaces() > RAW_DECIMALS || due.decimalPlaces() > RAW_DECIMALS) {
    throw new RangeError(`usage ${usage.toFixed()} at ${list.toFixed()} needs more than ${RAW_DECIMALS} decimals`);
  }
  return { official, discount: official.minus(due), due };
}

/** Size in GB of a linear product's spec (`SSD|100`), or null for a product sold per instance. */
export function linearSize(spec: string): number | null {
  const size = spec.split('|')[1];
  return size === undefined ? null : Number(size);
}

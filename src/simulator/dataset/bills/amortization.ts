/**
 * Amortised cost (Cost Center, 4.10/4.11). A yearly/monthly payment (new purchase, renewal, modification)
 * is spread over the service period it buys in proportion to time: by an instant t, round2(amount × elapsed
 * share) has been amortised, so any window's share is the difference of two such cumulative amounts — days
 * add up to their month and months to the whole, to the fen. Everything else (pay-per-use usage, the
 * refunds of unsubscriptions) is cost of the moment it was billed.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { fitPayment, round2 } from './sums.js';
import type { BillRecord, Payment } from './types.js';

const ZERO = new Money(0);
const SPREAD_BILL_TYPES = new Set([1, 2, 3]);

/** Whether a record's cost is spread over its service period. */
export function isSpread(record: BillRecord): boolean {
  return SPREAD_BILL_TYPES.has(record.billType) && record.expireTime.getTime() > record.effectiveTime.getTime();
}

/** How much of `total` the record has amortised by `atMs`, to the fen. */
export function amortizedBy(record: BillRecord, total: Decimal, atMs: number): Decimal {
  if (!isSpread(record)) return atMs > record.tradeTime.getTime() ? total : ZERO;
  const from = record.effectiveTime.getTime();
  const to = record.expireTime.getTime();
  if (atMs <= from) return ZERO;
  if (atMs >= to) return total;
  return round2(total.times(atMs - from).div(to - from));
}

export interface AmortizedShare {
  /** Amortised before the window, in it, and still to amortise after it (2 decimals, summing to the due). */
  readonly past: Decimal;
  readonly current: Decimal;
  readonly future: Decimal;
  /** `current` by paying account. */
  readonly currentPaid: Payment;
}

/** A record's amount due split around the window [startMs, endMs). */
export function amortize(record: BillRecord, startMs: number, endMs: number): AmortizedShare {
  const due = round2(record.due);
  const past = amortizedBy(record, due, startMs);
  const upToEnd = amortizedBy(record, due, endMs);
  const current = upToEnd.minus(past);
  const currentPaid = fitPayment(current, record.paid, (part) => amortizedBy(record, part, endMs).minus(amortizedBy(record, part, startMs)));
  return { past, current, future: due.minus(upToEnd), currentPaid };
}

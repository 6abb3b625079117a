/** Wire forms shared by the partner handlers (bss-api-partners.md §0.3, §0.4). */
import type { Decimal } from 'decimal.js';
import type { LosslessNumber } from 'lossless-json';
import { wireNumber } from '../../../bss/wire-json.js';

export const CURRENCY = 'CNY';
/** measure_id 1: yuan. */
export const YUAN = 1;

/** A decimal or float money field: a bare JSON number with 2 decimals. */
export function num(amount: Decimal): LosslessNumber {
  return wireNumber(amount.toFixed(2));
}

/** A string money field (`*string` in the SDK): decimal text with 2 decimals. */
export function text(amount: Decimal): string {
  return amount.toFixed(2);
}

/** Newest first, the order Huawei's logs and ledgers list in; stable for equal times (later writes first). */
export function newestFirst<T>(items: readonly T[], time: (item: T) => Date): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => time(b.item).getTime() - time(a.item).getTime() || b.i - a.i)
    .map((x) => x.item);
}

/**
 * Newest first for ledgers and transfer logs, which are kept in the order they happened: reversing keeps
 * each row next to the one its `balance_after_change` follows from, and costs no sort on big ledgers.
 */
export function latestFirst<T>(items: readonly T[]): T[] {
  return [...items].reverse();
}

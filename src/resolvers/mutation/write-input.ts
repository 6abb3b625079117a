/**
 * The rules the reference states for write inputs, checked before anything else (no store, no upstream call):
 * a refusal is BAD_USER_INPUT naming the field (`input.amount`) and the rule it broke.
 */
import type { Decimal } from 'decimal.js';
import { badInput } from '../input.js';

/** Idempotency keys: what payment APIs accept (Stripe: ≤ 255), printable ASCII so a key is safe in logs. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(value: string, field = 'input.idempotencyKey'): string {
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw badInput(`"${field}" must be 1–255 printable ASCII characters without spaces (a UUID is a good key)`, field);
  }
  return value;
}

/** An id the reference bounds by length (≤ 64 for customer, reseller, quota and coupon ids). */
export function checkId(value: string, field: string, max = 64): string {
  if (value.trim() === '' || value !== value.trim()) throw badInput(`"${field}" must be a non-empty id without surrounding spaces`, field);
  if (value.length > max) throw badInput(`"${field}" must be at most ${max} characters (got ${value.length})`, field);
  return value;
}

export function checkOptionalId(value: string | null | undefined, field: string, max = 64): string | null {
  return value === null || value === undefined ? null : checkId(value, field, max);
}

/**
 * A request amount (§0.3): greater than 0 with at most 2 decimal places, in yuan. Also at most 12 integer
 * digits: far above any account, it keeps a typo of many zeros from reaching the upstream.
 */
export function checkAmount(value: Decimal, field: string): Decimal {
  if (!value.isFinite() || value.lte(0)) throw badInput(`"${field}" must be greater than 0 (got "${value.toFixed()}")`, field);
  if (value.decimalPlaces() > 2) throw badInput(`"${field}" must have at most 2 decimal places (got "${value.toFixed()}")`, field);
  if (value.gte('1e12')) throw badInput(`"${field}" must be below 1000000000000 yuan (got "${value.toFixed()}")`, field);
  return value;
}

/** A list the reference bounds (≤ 100 customers per coupon issue, ≤ 10 quotas per reclaim, …), non-empty, without repeats. */
export function checkIdList(values: readonly string[], field: string, max: number, itemMax = 64): string[] {
  if (values.length === 0) throw badInput(`"${field}" must name at least one id`, field);
  if (values.length > max) throw badInput(`"${field}" must name at most ${max} ids (got ${values.length})`, field);
  const seen = new Set<string>();
  values.forEach((v, i) => {
    checkId(v, `${field}[${i}]`, itemMax);
    if (seen.has(v)) throw badInput(`"${field}" names ${v} twice`, field);
    seen.add(v);
  });
  return [...values];
}

/** Optional free text the reference bounds (remarks ≤ 256). */
export function checkOptionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.length > max) throw badInput(`"${field}" must be at most ${max} characters (got ${value.length})`, field);
  return value;
}

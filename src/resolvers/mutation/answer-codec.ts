/**
 * Stored answers and pending plans of the write path go into the store as JSON (src/store/idempotency.ts). Money
 * and times must come back as they went in: a Decimal as its exact text (never a float), a Date as its instant.
 */
import { Decimal } from 'decimal.js';
import { Money } from '../../bss/money.js';

type Tagged = { readonly $decimal: string } | { readonly $date: string };

/** A value as JSON the store keeps: Decimals and Dates tagged, everything else as JSON has it. */
export function encodeAnswer(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return { $decimal: (value as Decimal).toFixed() } satisfies Tagged;
  if (value instanceof Date) return { $date: value.toISOString() } satisfies Tagged;
  if (Array.isArray(value)) return value.map(encodeAnswer);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encodeAnswer(v)]));
  }
  return value;
}

/** The inverse of `encodeAnswer`. */
export function decodeAnswer<T>(value: unknown): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.$decimal === 'string') return new Money(o.$decimal);
    if (keys.length === 1 && typeof o.$date === 'string') return new Date(o.$date);
    return Object.fromEntries(keys.map((k) => [k, revive(o[k])]));
  }
  return value;
}

/**
 * The hash an idempotency record keeps of its request: the mutation and its input in one canonical form, so
 * the same input hashes the same however the client ordered its fields or wrote its amounts ("10.5" and
 * "10.50" are one amount), and any real difference (another customer, another amount) hashes differently.
 */
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';

/** Keys sorted, Decimals normalised (`10.50` → `10.5`), absent and null optional fields dropped. */
export function canonicalJson(value: unknown): string {
  if (Decimal.isDecimal(value)) return JSON.stringify((value as Decimal).toFixed());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(mutation: string, input: unknown): string {
  return createHash('sha256').update(`${mutation}\n${canonicalJson(input)}`, 'utf8').digest('hex');
}

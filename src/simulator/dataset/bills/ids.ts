/** Stable opaque ids for generated bill records and transactions, derived from what they describe. */
import { hash32 } from '../random.js';

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** 16 hex digits from two independent 32-bit hashes of `key`: unique enough across millions of records. */
export function stableHex(key: string): string {
  return hex8(hash32(`x:${key}`)) + hex8(hash32(`y:${key}`));
}

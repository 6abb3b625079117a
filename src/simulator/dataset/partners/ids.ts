/**
 * Ids the partner store hands out. Generated records take theirs from keyed randomness; records made by
 * writes take theirs from a write counter, so two stores of the same seed that see the same writes
 * answer with the same ids.
 */
import { hash32, type Random } from '../random.js';
import type { World } from '../world.js';
import { stamp } from './time.js';

/** Transfer serials look like Huawei's `RE2007030833010000eb`: prefix, yyMMddHHmmss (UTC+8), 6 hex. */
export function transferId(prefix: 'AD' | 'RE', at: Date, r: Random): string {
  return `${prefix}${stamp(at)}${r.hex(6)}`;
}

/** A stable 16-hex digest of a key, for ids derived from other ids (ledger rows). */
export function digest(key: string): string {
  return hash32(key).toString(16).padStart(8, '0') + hash32(`${key}#`).toString(16).padStart(8, '0');
}

/** The generator for the n-th write of a store: deterministic per seed and write order. */
export class WriteSequence {
  private count = 0;

  constructor(private readonly world: World) {}

  next(kind: string): Random {
    this.count += 1;
    return this.world.random(`partners:write:${this.count}:${kind}`);
  }
}

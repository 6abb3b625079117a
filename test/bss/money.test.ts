/**
 * Wire amounts → decimal.js values (src/bss/money.ts): exact, never through floats, and the text the graph and
 * the export write. Zero amounts share one immutable instance (most of a record's amounts are zero).
 */
import { describe, expect, it } from 'vitest';
import { formatDecimal, sumDecimals, toDecimal, toDecimalOrNull } from '../../src/bss/money.js';

describe('money', () => {
  it('reads wire amounts exactly and writes at least two decimals, keeping every further digit', () => {
    expect(formatDecimal(toDecimal('0.29450000'))).toBe('0.2945');
    expect(formatDecimal(toDecimal('0.00097222'))).toBe('0.00097222');
    expect(formatDecimal(toDecimal('150000'))).toBe('150000.00');
    expect(formatDecimal(toDecimal(1024))).toBe('1024.00');
    expect(formatDecimal(toDecimal('-1.50000000'))).toBe('-1.50');
    expect(formatDecimal(sumDecimals(['0.10000001', '0.20000002', '0.30000003'].map(toDecimal)))).toBe('0.60000006');
  });

  it('shares one zero for every unsigned zero on the wire, which reads and sums as any zero does', () => {
    const zeros = ['0', '0.00000000', '00.0', 0].map(toDecimal);
    for (const z of zeros) {
      expect(z).toBe(zeros[0]);
      expect(z.isZero()).toBe(true);
      expect(formatDecimal(z)).toBe('0.00');
    }
    expect(toDecimalOrNull('0.00000000')).toBe(zeros[0]);
    // Arithmetic returns new values: the shared zero is never changed by a sum that starts from it.
    const sum = zeros[0]!.plus(toDecimal('1.00000001'));
    expect(formatDecimal(sum)).toBe('1.00000001');
    expect(formatDecimal(zeros[0]!)).toBe('0.00');
  });

  it('keeps a signed zero and anything not a plain zero out of the shared instance', () => {
    const zero = toDecimal('0');
    for (const v of ['-0', '-0.00000000', '0.00000001', '0e5', '1', -0]) expect(toDecimal(v as string)).not.toBe(zero);
    expect(toDecimal('-0').isNeg()).toBe(true);
    expect(toDecimalOrNull(null)).toBeNull();
    expect(toDecimalOrNull('')).toBeNull();
  });
});

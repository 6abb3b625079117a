/**
 * `hoursPerUsageRecord` (a benchmark knob): hourly usage folded into fewer records, with the same exact sums
 * per customer, account and resource, and the same monthly sums.
 */
import { describe, expect, it } from 'vitest';
import type { Decimal } from 'decimal.js';
import { Money } from '../../../src/bss/money.js';
import { SimState } from '../../../src/simulator/state.js';
import { TEST_NOW } from '../../support/sim-request.js';

const sum = (values: readonly Decimal[]): string => values.reduce((a, b) => a.plus(b), new Money(0)).toFixed();

describe('hoursPerUsageRecord', () => {
  const hourly = new SimState({ seed: 42, customers: 12, now: TEST_NOW });
  const folded = new SimState({ seed: 42, customers: 12, now: TEST_NOW, hoursPerUsageRecord: 6 });

  it('folds hourly records into records of up to 6 hours, keeping every exact sum', () => {
    let before = 0;
    let after = 0;
    for (const c of hourly.world.customers) {
      const a = hourly.bills.records(c.customerId, '2026-10');
      const b = folded.bills.records(c.customerId, '2026-10');
      before += a.length;
      after += b.length;
      expect(sum(b.map((r) => r.official))).toBe(sum(a.map((r) => r.official)));
      expect(sum(b.map((r) => r.due))).toBe(sum(a.map((r) => r.due)));
      expect(sum(b.map((r) => r.paid.cash))).toBe(sum(a.map((r) => r.paid.cash)));
      expect(sum(b.flatMap((r) => (r.usage ? [r.usage] : [])))).toBe(sum(a.flatMap((r) => (r.usage ? [r.usage] : []))));
      expect(new Set(b.map((r) => r.id)).size).toBe(b.length);
      expect(folded.bills.monthlySums(c.customerId, '2026-10')).toEqual(hourly.bills.monthlySums(c.customerId, '2026-10'));
    }
    expect(before).toBeGreaterThan(5000);
    // A 24-hour day folds into 4 records; partial days at a resource's start or end into ceil(hours / 6).
    expect(after).toBeLessThan(before / 4);
  });

  it('rejects a fold outside 1..24 hours', () => {
    expect(() => new SimState({ seed: 1, customers: 1, now: TEST_NOW, hoursPerUsageRecord: 25 })).toThrow(RangeError);
    expect(() => new SimState({ seed: 1, customers: 1, now: TEST_NOW, hoursPerUsageRecord: 0 })).toThrow(RangeError);
  });
});

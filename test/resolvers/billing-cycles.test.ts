/**
 * The cycle arithmetic the GraphQL views and the export share: month indexes across a year end, and an
 * inclusive range listed oldest first.
 */
import { describe, expect, it } from 'vitest';
import { cycleOf, cyclesBetween, monthIndex } from '../../src/sources/billing-cycles.js';

describe('billing cycles', () => {
  it('counts months across a year end and back', () => {
    expect(monthIndex('2027-01') - monthIndex('2026-12')).toBe(1);
    expect(monthIndex('2026-10') - monthIndex('2025-05')).toBe(17);
    for (const cycle of ['2026-01', '2026-09', '2026-10', '2026-12']) expect(cycleOf(monthIndex(cycle))).toBe(cycle);
  });

  it('lists an inclusive range oldest first, one cycle when both ends are equal, none when reversed', () => {
    expect(cyclesBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(cyclesBetween('2026-10', '2026-10')).toEqual(['2026-10']);
    expect(cyclesBetween('2026-10', '2026-09')).toEqual([]);
    expect(cyclesBetween('2025-06', '2026-11')).toHaveLength(18);
  });
});

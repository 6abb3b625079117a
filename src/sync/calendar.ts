/**
 * Which cycles the sync keeps and what each needs. Billing cycles are months in UTC+8 (bss-api-commerce.md
 * §0.7). A cycle is
 * - `open` while it runs: its records change all day, so it is read again every refresh interval;
 * - `settling` from its end until `settleMs` later (records lag up to 24 h; the bill run is on the 3rd): read
 *   again every refresh interval like the open one, since late records still arrive;
 * - `settled` after that: read once more if it was last read before it settled, then only checked for drift
 *   (late adjustments) every refresh interval.
 */
import { openCycleAt } from '../caches/bill-cache.js';
import { cycleOf, monthIndex } from '../sources/billing-cycles.js';

export type CycleKind = 'open' | 'settling' | 'settled';

/** Huawei keeps sub-customer consumption 18 months (§0.7): no point syncing further back. */
export const MAX_SYNC_MONTHS = 18;

/** The instant a cycle ends: the first moment of the next month in UTC+8. */
export function cycleEnd(cycle: string): Date {
  const next = monthIndex(cycle) + 1;
  return new Date(Date.UTC(Math.floor(next / 12), next % 12, 1) - 8 * 3_600_000);
}

/** The cycles to keep, in the order the sync works: the closed ones newest first, then the open one. */
export function syncCycles(now: Date, months: number, includeOpen: boolean): string[] {
  const open = openCycleAt(now);
  const closed = Array.from({ length: Math.min(months, MAX_SYNC_MONTHS) }, (_, i) => cycleOf(monthIndex(open) - 1 - i));
  return includeOpen ? [...closed, open] : closed;
}

export function cycleKind(cycle: string, now: Date, settleMs: number): CycleKind {
  if (cycle >= openCycleAt(now)) return 'open';
  return now.getTime() < cycleEnd(cycle).getTime() + settleMs ? 'settling' : 'settled';
}

/** When a closed cycle settles: a unit read before then is read once more after. */
export function settledAt(cycle: string, settleMs: number): Date {
  return new Date(cycleEnd(cycle).getTime() + settleMs);
}

/**
 * `YYYY-MM` billing-cycle arithmetic, shared by the GraphQL consumption views (consumption.ts) and the export
 * (src/export/export-request.ts) so both count and list a range the same way. Callers validate the text
 * first, each with its own error type; these functions assume a well-formed cycle.
 */

/** Huawei keeps consumption records 18 months (§4.2): a longer range cannot be complete. */
export const MAX_CYCLES = 18;

/** Months since year 0 (`2026-10` → 2026 × 12 + 9), so that a difference counts months across years. */
export function monthIndex(cycle: string): number {
  return Number(cycle.slice(0, 4)) * 12 + Number(cycle.slice(5, 7)) - 1;
}

/** The inverse of `monthIndex`. */
export function cycleOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `from` to `to` inclusive, oldest first; empty when `from` is after `to`. */
export function cyclesBetween(from: string, to: string): string[] {
  const first = monthIndex(from);
  return Array.from({ length: Math.max(0, monthIndex(to) - first + 1) }, (_, i) => cycleOf(first + i));
}

/**
 * Billing calendar. Huawei bills in Beijing time (UTC+8, no daylight saving): a cycle `YYYY-MM` runs
 * from 00:00 UTC+8 on the 1st to 00:00 UTC+8 on the 1st of the next month, and bill dates are UTC+8
 * days (bss-api-commerce.md §0.7). Everything here is integer arithmetic on epoch milliseconds.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** How many cycles carry generated bills: the open one (the month of `now` in UTC+8) and the 12 before. */
export const BILLED_CYCLES = 13;

const CYCLE_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Months since year 0 (`2024-03` → 2024×12+2), so cycles compare and step as integers. */
export function cycleIndex(cycle: string): number {
  const m = CYCLE_RE.exec(cycle);
  if (!m) throw new RangeError(`not a billing cycle: ${cycle}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function cycleAt(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function isCycle(text: string): boolean {
  return CYCLE_RE.test(text);
}

/** `YYYY-MM-DD` that names a real calendar day. */
export function isDay(text: string): boolean {
  const m = DAY_RE.exec(text);
  return m !== null && Number(m[3]) <= daysInCycle(`${m[1]}-${m[2]}`);
}

/** The cycle an instant falls in, in UTC+8. */
export function cycleOf(instant: Date | number): string {
  return beijingDay(instant).slice(0, 7);
}

const dayNames = new Map<number, string>();

/** The UTC+8 calendar day of an instant, `YYYY-MM-DD` (memoised per day: records by the million ask). */
export function beijingDay(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const day = Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}

/** Epoch ms of 00:00 UTC+8 on the first day of the cycle. */
export function cycleStartMs(cycle: string): number {
  const index = cycleIndex(cycle);
  return Date.UTC(Math.floor(index / 12), index % 12, 1) - BEIJING_OFFSET_MS;
}

/** Epoch ms of 00:00 UTC+8 on the first day of the next cycle. */
export function cycleEndMs(cycle: string): number {
  return cycleStartMs(cycleAt(cycleIndex(cycle) + 1));
}

export function daysInCycle(cycle: string): number {
  return Math.round((cycleEndMs(cycle) - cycleStartMs(cycle)) / DAY_MS);
}

/** Epoch ms of 00:00 UTC+8 of a `YYYY-MM-DD` day. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS;
}

/** The billed cycles, oldest first, ending with the open cycle of `now`. */
export function billedCycles(now: Date): string[] {
  const open = cycleIndex(cycleOf(now));
  return Array.from({ length: BILLED_CYCLES }, (_, i) => cycleAt(open - BILLED_CYCLES + 1 + i));
}

/** Whole months from `cycle` back to the open cycle of `now` (0 for the open cycle, negative in the future). */
export function monthsBack(cycle: string, now: Date): number {
  return cycleIndex(cycleOf(now)) - cycleIndex(cycle);
}

/** The same instant `months` calendar months later, as the world dates subscription expiries. */
export function addMonths(instant: Date, months: number): Date {
  const d = new Date(instant.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * The time formats of the partner API (bss-api-partners.md §0.4): UTC `yyyy-MM-ddTHH:mm:ssZ` almost
 * everywhere, but Beijing-time (UTC+8) dates for ledger filters and bill cycles, and `YYYY-MM` months for
 * new-customer tags.
 */
import { formatUtc } from '../world.js';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const BEIJING = 8 * HOUR;

export const utc = formatUtc;

/** `YYYY-MM-DD` of the instant in UTC+8. */
export function beijingDate(date: Date): string {
  return new Date(date.getTime() + BEIJING).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the instant in UTC+8: the billing cycle the instant falls in. */
export function beijingMonth(date: Date): string {
  return beijingDate(date).slice(0, 7);
}

/** `yyMMddHHmmss` in UTC+8, the stamp Huawei's transaction ids start with (`RE200703083301…`). */
export function stamp(date: Date): string {
  const t = new Date(date.getTime() + BEIJING).toISOString();
  return t.slice(2, 4) + t.slice(5, 7) + t.slice(8, 10) + t.slice(11, 13) + t.slice(14, 16) + t.slice(17, 19);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** `YYYY-MM` shifted by whole months. */
export function shiftMonth(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** A uniformly drawn instant in [from, to], in whole seconds as the wire shows them (to < from yields from). */
export function between(from: Date, to: Date, unit: number): Date {
  const span = Math.max(0, to.getTime() - from.getTime());
  return new Date(from.getTime() + Math.floor((unit * span) / 1000) * 1000);
}

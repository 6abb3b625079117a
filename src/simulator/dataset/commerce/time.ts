/** Time helpers for the commerce data: subscription periods end on the same day of a later month. */
import type { Random } from '../random.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The same calendar arithmetic as the world generator, so derived expiry dates match its inventory. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** UTC `yyyy-MM-ddTHH:mm:ssZ`, the form of every `*_time` field. */
export function formatUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UTC_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Parses the strict UTC form; anything else (offsets, milliseconds, impossible dates) is null. */
export function parseUtc(text: string): Date | null {
  if (!UTC_PATTERN.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || formatUtc(date) !== text ? null : date;
}

/** Order ids look like `CS2403151234ABCDE`: `CS`, yyMMddHHmm in UTC+8, five letters or digits (as world.ts). */
export function orderIdAt(date: Date, r: Random): string {
  const beijing = new Date(date.getTime() + 8 * HOUR_MS).toISOString();
  const stamp = beijing.slice(2, 4) + beijing.slice(5, 7) + beijing.slice(8, 10) + beijing.slice(11, 13) + beijing.slice(14, 16);
  return flat(`CS${stamp}${r.alnum(5)}`);
}

/**
 * Strings built a character at a time (the generator's hex ids) are kept by V8 as ropes of ~20 bytes per
 * piece; converting one to a number makes V8 flatten it in place, so 100k stored ids take a few MB, not 70.
 */
export function flat(text: string): string {
  Number(text);
  return text;
}

/**
 * The `X-Sdk-Date` text: basic ISO 8601 in UTC with literal `T` and `Z` (Go layout `20060102T150405Z`),
 * huawei-auth-and-errors.md §2.1. Not RFC 1123, not extended ISO.
 */

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `2006-01-02T15:04:05.123Z` → `20060102T150405Z` (sub-second part dropped, as both SDKs do). */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The instant an `X-Sdk-Date` names, or null when the text is not exactly that format or not a real date. */
export function parseSdkDate(text: string): Date | null {
  const m = SDK_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 20060231 over into March; a gateway would not accept an impossible date.
  if (formatSdkDate(date) !== text) return null;
  return date;
}

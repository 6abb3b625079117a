/**
 * The small conversions every source shares between Huawei's wire and the graph's shapes: scopes and the keys
 * that carry them, UTC wire times, and "an empty string is no value" in both directions (DESIGN.md: the client
 * never sends empty strings; an empty wire string is absent data).
 */

/**
 * A partner scope: `null` for the partner's own data, or the reseller (`indirect_partner_id`) a
 * distributor acts for. Keys of scoped things are `id` or `id@scope`: every id here is hex or Huawei's
 * alphanumeric (`CP…`, `QT…`), so none holds an `@`.
 */
export type Scope = string | null;

export function scopedKey(id: string, scope: Scope): string {
  return scope ? `${id}@${scope}` : id;
}

export function parseScopedKey(key: string): { id: string; scope: Scope } {
  const at = key.indexOf('@');
  return at < 0 ? { id: key, scope: null } : { id: key.slice(0, at), scope: key.slice(at + 1) || null };
}

/** A UTC `yyyy-MM-ddTHH:mm:ssZ` wire time; absent, empty or unreadable → null. */
export function parseWireTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The UTC form time filters take (at most 20 characters, so no milliseconds). */
export function wireTime(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

/** When a coupon or quota was created, becomes effective and expires: the windows §1.7 and §3.1 filter on alike. */
export interface LifeWindows {
  readonly createdFrom?: Date | null | undefined;
  readonly createdTo?: Date | null | undefined;
  readonly effectiveFrom?: Date | null | undefined;
  readonly effectiveTo?: Date | null | undefined;
  readonly expireFrom?: Date | null | undefined;
  readonly expireTo?: Date | null | undefined;
}

/** The windows as §1.7 and §3.1 spell them (`create_time_begin` …); unset bounds stay off the wire. */
export function lifeWindowsOnWire(f: LifeWindows) {
  return {
    create_time_begin: wireTime(f.createdFrom),
    create_time_end: wireTime(f.createdTo),
    effective_time_begin: wireTime(f.effectiveFrom),
    effective_time_end: wireTime(f.effectiveTo),
    expire_time_begin: wireTime(f.expireFrom),
    expire_time_end: wireTime(f.expireTo),
  };
}

/** The client never sends empty strings (DESIGN.md): an empty filter is no filter. */
export function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** An empty list is a filter upstream that matches nothing (§3.4, §1.7): an empty argument means "no filter". */
export function nonEmptyList<T>(values: readonly T[] | null | undefined): T[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/** An empty wire string is absent data. */
export function textOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : value;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A `YYYY-MM` wire month (bill cycles, tag months); anything else (empty, malformed) → null. */
export function wireMonth(value: string | null | undefined): string | null {
  return value && MONTH.test(value) ? value : null;
}

/** `items` in lists of at most `size`, for id-list endpoints. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

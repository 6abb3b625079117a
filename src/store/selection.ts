/**
 * Which consumption a store query covers: a scope, optionally some of its customers, a cycle range and
 * filters on the rollups' dimensions. Turned into SQL here, for records and rollups alike, so a reseller's
 * question carries its scope into every statement: the database, not the caller, leaves other scopes out.
 */
import { sql, type RawBuilder } from 'kysely';

/**
 * Whose consumption: `'all'` (the partner's own customers and every reseller's), `null` (the partner's own
 * customers only) or a reseller's id (its customers only). The same convention as the resolvers' scopes.
 */
export type StoreScope = 'all' | string | null;

export interface ConsumptionSelection {
  readonly scope: StoreScope;
  /** Only these customers, still within the scope; absent or null: every customer of the scope. */
  readonly customerIds?: readonly string[] | null;
  /** `YYYY-MM`, inclusive. */
  readonly fromCycle: string;
  readonly toCycle: string;
  readonly serviceTypeCode?: string | null;
  readonly resourceTypeCode?: string | null;
  /** `''`: records without a region. */
  readonly regionCode?: string | null;
  readonly chargeMode?: number | null;
  readonly billType?: number | null;
}

/** A scope's key column value: '' for the partner's own customers. */
export function scopeKeyOf(indirectPartnerId: string | null): string {
  return indirectPartnerId ?? '';
}

export function indirectPartnerOf(scopeKey: string): string | null {
  return scopeKey === '' ? null : scopeKey;
}

const CYCLE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function checkSelection(s: ConsumptionSelection): void {
  if (!CYCLE.test(s.fromCycle) || !CYCLE.test(s.toCycle)) throw new RangeError(`cycles must be YYYY-MM (got ${s.fromCycle}..${s.toCycle})`);
  if (s.fromCycle > s.toCycle) throw new RangeError(`fromCycle ${s.fromCycle} is after toCycle ${s.toCycle}`);
  if (s.scope === '') throw new RangeError('a reseller scope needs its id (null is the partner\'s own customers)');
}

/**
 * The selection's conditions, without the cycle range when `cycles` is false (a caller that walks cycles
 * one at a time). `table`: records keep NULL for "no region", rollups ''.
 */
export function selectionConditions(s: ConsumptionSelection, table: 'records' | 'rollups', cycles = true): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (cycles) parts.push(sql`cycle between ${s.fromCycle} and ${s.toCycle}`);
  if (s.scope !== 'all') parts.push(sql`scope_key = ${scopeKeyOf(s.scope)}`);
  if (s.customerIds) {
    parts.push(s.customerIds.length === 1 ? sql`customer_id = ${s.customerIds[0]}` : sql`customer_id = any(${[...s.customerIds]}::text[])`);
  }
  if (s.serviceTypeCode != null) parts.push(sql`service_type_code = ${s.serviceTypeCode}`);
  if (s.resourceTypeCode != null) parts.push(sql`resource_type_code = ${s.resourceTypeCode}`);
  if (s.regionCode != null) parts.push(table === 'rollups' ? sql`region_code = ${s.regionCode}` : sql`coalesce(region_code, '') = ${s.regionCode}`);
  if (s.chargeMode != null) parts.push(sql`charge_mode = ${s.chargeMode}`);
  if (s.billType != null) parts.push(sql`bill_type = ${s.billType}`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

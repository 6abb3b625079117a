/**
 * Reading the sync's progress: one customer × cycle (what was stored, for drift checks and resumption) and
 * per cycle (the shape of `Query.consumptionSync`). The sync writes progress with its records
 * (replace-customer-cycle.ts); listing a cycle's customers and marking failures come with the sync itself.
 */
import type { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import type { SyncState } from './database.js';
import { fromNumericOrNull } from './numeric.js';
import type { StoreReader } from './store.js';
import { scopeKeyOf, type StoreScope } from './selection.js';

export interface SyncProgress {
  readonly cycle: string;
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
  readonly state: SyncState;
  readonly recordCount: number;
  /** The stored records' totals when synced (null before). */
  readonly amount: Decimal | null;
  readonly officialAmount: Decimal | null;
  readonly discountAmount: Decimal | null;
  readonly upstreamRecordCount: number | null;
  readonly syncedAt: Date | null;
  readonly checkedAt: Date | null;
  readonly attemptedAt: Date | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

export async function readSyncProgress(
  store: StoreReader, unit: { readonly cycle: string; readonly indirectPartnerId: string | null; readonly customerId: string },
): Promise<SyncProgress | null> {
  const row = await store.db.selectFrom('consumption_sync_progress').selectAll()
    .where('cycle', '=', unit.cycle).where('scope_key', '=', scopeKeyOf(unit.indirectPartnerId)).where('customer_id', '=', unit.customerId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    cycle: row.cycle,
    indirectPartnerId: row.indirect_partner_id,
    customerId: row.customer_id,
    state: row.state,
    recordCount: row.record_count,
    amount: fromNumericOrNull(row.payment_amount),
    officialAmount: fromNumericOrNull(row.official_amount),
    discountAmount: fromNumericOrNull(row.discount_amount),
    upstreamRecordCount: row.upstream_record_count,
    syncedAt: row.synced_at,
    checkedAt: row.checked_at,
    attemptedAt: row.attempted_at,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}

export interface SyncCycleSummary {
  readonly cycle: string;
  /** Every customer of the cycle's listing is synced (false while the cycle is not listed yet). */
  readonly complete: boolean;
  readonly customersSynced: number;
  /** Customers listed for the cycle (progress rows), whatever their state. */
  readonly customersTotal: number;
  readonly records: number;
  /** When the cycle last became complete: its latest customer sync, once every customer is synced. */
  readonly syncedAt: Date | null;
}

/**
 * Per cycle the sync knows, newest first; `scope` narrows the counts to one reseller's (or the own) customers,
 * `cycles` to those cycles (a view's: the other cycles' progress rows are not read).
 */
export async function summarizeSyncCycles(store: StoreReader, scope: StoreScope = 'all', cycles?: readonly string[]): Promise<SyncCycleSummary[]> {
  const inScope = scope === 'all' ? sql`true` : sql`p.scope_key = ${scopeKeyOf(scope)}`;
  const only = cycles ? sql`where c.cycle = any(${[...cycles]}::text[])` : sql``;
  const { rows } = await sql<{ cycle: string; listed: boolean; synced: number; total: number; records: number; last_synced: Date | null }>`
    select c.cycle, c.customers_listed_at is not null as listed,
      count(p.customer_id) filter (where p.state = 'synced') as synced,
      count(p.customer_id) as total,
      coalesce(sum(p.record_count) filter (where p.state = 'synced'), 0)::bigint as records,
      max(p.synced_at) as last_synced
    from consumption_sync_cycles c
    left join consumption_sync_progress p on p.cycle = c.cycle and ${inScope}
    ${only}
    group by c.cycle, c.customers_listed_at
    order by c.cycle desc`.execute(store.db);
  return rows.map((r) => {
    const complete = r.listed && r.synced === r.total;
    return { cycle: r.cycle, complete, customersSynced: r.synced, customersTotal: r.total, records: r.records, syncedAt: complete ? r.last_synced : null };
  });
}

/**
 * Per cycle of `cycles` (in their order): when it became complete for `scope`, or null when it is not complete
 * (not listed yet, or a unit of the scope not synced: pending, failed or stale). A view answers each cycle from
 * the store or live by this (src/resolvers/consumption-store.ts). One statement.
 */
export async function cycleCompletion(store: StoreReader, scope: StoreScope, cycles: readonly string[]): Promise<Map<string, Date | null>> {
  const summaries = new Map((await summarizeSyncCycles(store, scope, cycles)).map((s) => [s.cycle, s]));
  return new Map(cycles.map((cycle) => {
    const summary = summaries.get(cycle);
    return [cycle, summary?.complete && summary.syncedAt ? summary.syncedAt : null];
  }));
}

/**
 * Per cycle of `cycles` (in their order): when one customer's unit of it was synced, or null when the store
 * cannot answer that customer's view of the cycle. A single customer's view needs only its own unit, not the
 * whole scope: another customer's failure does not make it live. Keyed as the sync keys units (cycle, scope,
 * customer; src/store/sync-units.ts):
 * - the cycle not listed yet: null (who is in it is not known);
 * - the unit synced: its `synced_at` (a unit no longer listed keeps its records and stays synced);
 * - the unit pending, failed or stale: null (its stored records, if any, are not the cycle's whole);
 * - no unit in a listed cycle: the listing did not name the customer (the partner's own customers are listed
 *   only when they consumed), so it has no records there: zero, as of the listing (`customers_listed_at`).
 * One statement.
 */
export async function customerCycleCompletion(
  store: StoreReader, customer: { readonly indirectPartnerId: string | null; readonly customerId: string }, cycles: readonly string[],
): Promise<Map<string, Date | null>> {
  const { rows } = await sql<{ cycle: string; listed_at: Date; state: SyncState | null; synced_at: Date | null }>`
    select c.cycle, c.customers_listed_at as listed_at, p.state, p.synced_at
    from consumption_sync_cycles c
    left join consumption_sync_progress p
      on p.cycle = c.cycle and p.scope_key = ${scopeKeyOf(customer.indirectPartnerId)} and p.customer_id = ${customer.customerId}
    where c.cycle = any(${[...cycles]}::text[]) and c.customers_listed_at is not null`.execute(store.db);
  const byCycle = new Map(rows.map((r) => [r.cycle, r.state === null ? r.listed_at : r.state === 'synced' ? r.synced_at : null]));
  return new Map(cycles.map((cycle) => [cycle, byCycle.get(cycle) ?? null]));
}

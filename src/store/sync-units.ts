/**
 * The background sync's bookkeeping (src/sync/), and the one read a consumption view needs to choose between
 * the store and a live pull (`readSyncedUnits`). The unit is a customer × cycle; its row in
 * `consumption_sync_progress` says whether its records are in (`synced`), still to read (`pending`), to read
 * again (`stale`: drift seen, or synced before the cycle settled) or failed last time (`failed`, `last_error`).
 * `replaceCustomerCycle` writes a unit's records and marks it synced in one transaction; everything else the
 * sync records is here. Nothing here calls the upstream.
 */
import type { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import type { SyncState } from './database.js';
import { fromNumeric } from './numeric.js';
import type { Store, StoreReader } from './store.js';
import { scopeKeyOf, type StoreScope } from './selection.js';

/** One customer × cycle, as the sync names it. */
export interface SyncUnit {
  readonly cycle: string;
  /** The scope the customer's records are read in: null for the partner's own customer, else its reseller's id. */
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
}

/** A customer the sync listed for a cycle, with its association type when the listing says it. */
export interface ListedCustomer {
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
  /** "1" referral, "2" resale; null when the listing does not say (ListConsumeSubCustomers gives ids only). */
  readonly associationType: string | null;
}

export interface ListingResult {
  /** Listed now and new to the cycle (pending). */
  readonly joined: number;
  /** Listed before and not now: marked `left_at`, their synced records kept (unsynced ones dropped). */
  readonly left: number;
  /** Listed before and now again after having left. */
  readonly returned: number;
}

const unitKey = (u: { indirectPartnerId: string | null; customerId: string }): string => `${u.indirectPartnerId ?? ''}\u0000${u.customerId}`;

/**
 * Records a cycle's listing: new customers become `pending` units, customers no longer listed are marked as
 * left (a synced one keeps its records and stays counted; one never synced is forgotten, there is nothing of
 * it to keep), and the cycle is marked listed. `scopes` are the scopes the listing covered: a unit of another
 * scope (a reseller the listing failed to reach) is left alone.
 */
export async function recordCycleListing(
  store: Store, cycle: string, customers: readonly ListedCustomer[], scopes: readonly (string | null)[],
): Promise<ListingResult> {
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('consumption_sync_progress')
      .select(['indirect_partner_id', 'customer_id', 'state', 'left_at'])
      .where('cycle', '=', cycle).execute();
    const known = new Map(existing.map((r) => [unitKey({ indirectPartnerId: r.indirect_partner_id, customerId: r.customer_id }), r]));
    const listed = new Set(customers.map(unitKey));
    const covered = new Set(scopes.map((s) => s ?? ''));
    let joined = 0;
    let returned = 0;
    const fresh: ListedCustomer[] = [];
    for (const c of customers) {
      const row = known.get(unitKey(c));
      if (!row) {
        fresh.push(c);
        joined++;
      } else if (row.left_at !== null) {
        returned++;
      }
    }
    for (let at = 0; at < fresh.length; at += 500) {
      await trx.insertInto('consumption_sync_progress')
        .values(fresh.slice(at, at + 500).map((c) => ({
          cycle, indirect_partner_id: c.indirectPartnerId, customer_id: c.customerId, state: 'pending' as const, association_type: c.associationType,
        })))
        .onConflict((oc) => oc.columns(['cycle', 'scope_key', 'customer_id']).doNothing())
        .execute();
    }
    const gone = existing.filter((r) => covered.has(r.indirect_partner_id ?? '') && !listed.has(unitKey({ indirectPartnerId: r.indirect_partner_id, customerId: r.customer_id })));
    let left = 0;
    for (const r of gone) {
      const ofUnit = sql`cycle = ${cycle} and scope_key = ${scopeKeyOf(r.indirect_partner_id)} and customer_id = ${r.customer_id}`;
      if (r.state === 'synced' || r.state === 'stale') {
        if (r.left_at === null) {
          // What was synced stays, as it is: a customer no longer listed is not read again (a stale one included).
          await sql`update consumption_sync_progress set left_at = now(), state = 'synced' where ${ofUnit}`.execute(trx);
          left++;
        }
      } else {
        await sql`delete from consumption_sync_progress where ${ofUnit}`.execute(trx);
        left++;
      }
    }
    // Back again: listed now, so no longer marked as gone; the association type is the listing's when it has one.
    const back = customers.filter((c) => known.get(unitKey(c))?.left_at != null);
    for (const c of back) {
      await sql`update consumption_sync_progress set left_at = null
        where cycle = ${cycle} and scope_key = ${scopeKeyOf(c.indirectPartnerId)} and customer_id = ${c.customerId}`.execute(trx);
    }
    for (const c of customers) {
      if (c.associationType === null || !known.has(unitKey(c))) continue;
      await sql`update consumption_sync_progress set association_type = ${c.associationType}
        where cycle = ${cycle} and scope_key = ${scopeKeyOf(c.indirectPartnerId)} and customer_id = ${c.customerId}
          and association_type is distinct from ${c.associationType}`.execute(trx);
    }
    await sql`insert into consumption_sync_cycles (cycle, customers_listed_at) values (${cycle}, now())
      on conflict (cycle) do update set customers_listed_at = excluded.customers_listed_at`.execute(trx);
    return { joined, left, returned };
  });
}

/** Makes a cycle known to the sync before its listing (so `Query.consumptionSync` shows it as not complete). */
export async function registerSyncCycles(store: Store, cycles: readonly string[]): Promise<void> {
  if (cycles.length === 0) return;
  await store.db.insertInto('consumption_sync_cycles').values(cycles.map((cycle) => ({ cycle })))
    .onConflict((oc) => oc.column('cycle').doNothing()).execute();
}

/** A unit still to read, in the order the sync reads them (own customers first, then by reseller, by id). */
export interface PendingUnit extends SyncUnit {
  readonly state: SyncState;
  readonly attempts: number;
}

/** The cycle's units that are not synced (pending, stale, failed) and still listed. */
export async function unitsToSync(store: StoreReader, cycle: string): Promise<PendingUnit[]> {
  const rows = await store.db.selectFrom('consumption_sync_progress')
    .select(['cycle', 'indirect_partner_id', 'customer_id', 'state', 'attempts'])
    .where('cycle', '=', cycle).where('state', '<>', 'synced').where('left_at', 'is', null)
    .orderBy('scope_key').orderBy('customer_id')
    .execute();
  return rows.map((r) => ({ cycle: r.cycle, indirectPartnerId: r.indirect_partner_id, customerId: r.customer_id, state: r.state, attempts: r.attempts }));
}

/** A unit's read failed: `failed`, one more attempt, and why (an error code and message, no personal data). */
export async function recordUnitFailure(store: Store, unit: SyncUnit, error: string): Promise<void> {
  await sql`insert into consumption_sync_progress (cycle, indirect_partner_id, customer_id, state, attempted_at, attempts, last_error)
    values (${unit.cycle}, ${unit.indirectPartnerId}::text, ${unit.customerId}, 'failed', now(), 1, ${error.slice(0, 1000)})
    on conflict (cycle, scope_key, customer_id) do update set
      state = case when consumption_sync_progress.state = 'synced' then 'synced' else 'failed' end,
      attempted_at = now(), attempts = consumption_sync_progress.attempts + 1, last_error = excluded.last_error`.execute(store.db);
}

/** A unit's sync state (`synced`, `stale`, `failed`, `pending`), or null when the cycle's listing has no such unit. */
export async function unitState(store: StoreReader, unit: SyncUnit): Promise<string | null> {
  const { rows } = await sql<{ state: string }>`select state from consumption_sync_progress
    where cycle = ${unit.cycle} and scope_key = ${scopeKeyOf(unit.indirectPartnerId)} and customer_id = ${unit.customerId}`.execute(store.db);
  return rows[0]?.state ?? null;
}

/** Units to read again (drift seen, or synced before the cycle settled); their records stay readable until then. */
export async function markUnitsStale(store: Store, units: readonly SyncUnit[]): Promise<void> {
  for (const u of units) {
    await sql`update consumption_sync_progress set state = 'stale'
      where cycle = ${u.cycle} and scope_key = ${scopeKeyOf(u.indirectPartnerId)} and customer_id = ${u.customerId} and state = 'synced'`
      .execute(store.db);
  }
}

/** Every synced unit of the cycle last synced before `before` becomes stale (the open cycle's daily refresh). */
export async function markCycleStale(store: Store, cycle: string, before: Date): Promise<number> {
  const result = await sql`update consumption_sync_progress set state = 'stale'
    where cycle = ${cycle} and state = 'synced' and left_at is null and synced_at < ${before}`.execute(store.db);
  return Number(result.numAffectedRows ?? 0);
}

/** The association type a unit's records showed (decides its drift check); kept when unknown. */
export async function recordAssociationType(store: Store, unit: SyncUnit, associationType: string | null): Promise<void> {
  if (associationType === null) return;
  await sql`update consumption_sync_progress set association_type = ${associationType}
    where cycle = ${unit.cycle} and scope_key = ${scopeKeyOf(unit.indirectPartnerId)} and customer_id = ${unit.customerId}`.execute(store.db);
}

/** Marks the drift check of a cycle done (and each checked unit's `checked_at`). */
export async function recordCycleChecked(store: Store, cycle: string): Promise<void> {
  await sql`update consumption_sync_cycles set checked_at = now() where cycle = ${cycle}`.execute(store.db);
  await sql`update consumption_sync_progress set checked_at = now() where cycle = ${cycle} and state = 'synced'`.execute(store.db);
}

/** Marks a cycle complete when every listed unit is synced; returns whether it is. */
export async function recordCycleCompletion(store: Store, cycle: string): Promise<boolean> {
  const { rows } = await sql<{ open: number }>`select count(*)::int as open from consumption_sync_progress
    where cycle = ${cycle} and state <> 'synced' and left_at is null`.execute(store.db);
  const complete = (rows[0]?.open ?? 0) === 0;
  await sql`update consumption_sync_cycles set completed_at = ${complete ? sql`now()` : sql`null`} where cycle = ${cycle}`.execute(store.db);
  return complete;
}

/** What the sync knows of one cycle: when it was listed, completed, checked. */
export interface SyncCycleRow {
  readonly cycle: string;
  readonly customersListedAt: Date | null;
  readonly completedAt: Date | null;
  readonly checkedAt: Date | null;
}

export async function readSyncCycle(store: StoreReader, cycle: string): Promise<SyncCycleRow | null> {
  const row = await store.db.selectFrom('consumption_sync_cycles').selectAll().where('cycle', '=', cycle).executeTakeFirst();
  if (!row) return null;
  return { cycle: row.cycle, customersListedAt: row.customers_listed_at, completedAt: row.completed_at, checkedAt: row.checked_at };
}

/** A synced unit's stored totals, for the drift check. */
export interface StoredUnitTotals extends SyncUnit {
  readonly associationType: string | null;
  readonly recordCount: number;
  readonly upstreamRecordCount: number | null;
  /** Amount due of all its stored records (exact). */
  readonly totalAmount: Decimal;
  /** Amount due of the records whose charge mode is one of `chargeModes` (exact). */
  readonly amount: Decimal;
  /** Rollup cells (service type × resource type × region × charge mode × bill type) in those charge modes. */
  readonly cells: number;
}

/**
 * The synced, still-listed units of a cycle with their stored amount due restricted to some charge modes (the
 * partner monthly sums, 4.1, cover charge modes 1, 3 and 11 only), from the rollups.
 */
export async function readStoredUnitTotals(store: StoreReader, cycle: string, chargeModes: readonly number[]): Promise<StoredUnitTotals[]> {
  const modes = sql.join(chargeModes.map((m) => sql`${m}::int`));
  const { rows } = await sql<{
    indirect_partner_id: string | null; customer_id: string; association_type: string | null; record_count: number;
    upstream_record_count: number | null; total_amount: string | null; amount: string; cells: number;
  }>`
    select p.indirect_partner_id, p.customer_id, p.association_type, p.record_count, p.upstream_record_count,
      p.payment_amount::text as total_amount,
      coalesce(sum(r.payment_amount) filter (where r.charge_mode in (${modes})), 0)::text as amount,
      (count(r.customer_id) filter (where r.charge_mode in (${modes})))::int as cells
    from consumption_sync_progress p
    left join consumption_rollups r on r.cycle = p.cycle and r.scope_key = p.scope_key and r.customer_id = p.customer_id
    where p.cycle = ${cycle} and p.state = 'synced' and p.left_at is null
    group by p.indirect_partner_id, p.scope_key, p.customer_id, p.association_type, p.record_count, p.upstream_record_count, p.payment_amount
    order by p.scope_key, p.customer_id`.execute(store.db);
  return rows.map((r) => ({
    cycle, indirectPartnerId: r.indirect_partner_id, customerId: r.customer_id, associationType: r.association_type,
    recordCount: r.record_count, upstreamRecordCount: r.upstream_record_count, totalAmount: fromNumeric(r.total_amount ?? '0'),
    amount: fromNumeric(r.amount), cells: r.cells,
  }));
}

/** Whether a customer × cycle is answered from the store, and as of when. */
export interface SyncedUnit extends SyncUnit {
  readonly state: SyncState;
  /** When its records were last written (null: never); a stale unit still has them. */
  readonly syncedAt: Date | null;
  /** No longer listed by the upstream for the cycle (its records are kept). */
  readonly left: boolean;
}

/**
 * The consumption views' question (src/resolvers/consumption.ts): which customer × cycle units of `cycles` the
 * store holds, in `scope` ('all', null for the partner's own, or a reseller's id), optionally only `customerIds`.
 * A unit whose `syncedAt` is set has its records in the store (state `synced`, or `stale` while it waits to be
 * read again); a cycle is wholly in the store when `summarizeSyncCycles` says it is complete.
 */
export async function readSyncedUnits(
  store: StoreReader, query: { readonly cycles: readonly string[]; readonly scope?: StoreScope; readonly customerIds?: readonly string[] },
): Promise<SyncedUnit[]> {
  if (query.cycles.length === 0 || query.customerIds?.length === 0) return [];
  let q = store.db.selectFrom('consumption_sync_progress')
    .select(['cycle', 'indirect_partner_id', 'customer_id', 'state', 'synced_at', 'left_at'])
    .where('cycle', 'in', [...query.cycles]);
  const scope = query.scope ?? 'all';
  if (scope !== 'all') q = q.where('scope_key', '=', scopeKeyOf(scope));
  if (query.customerIds) q = q.where('customer_id', 'in', [...query.customerIds]);
  const rows = await q.orderBy('cycle').orderBy('scope_key').orderBy('customer_id').execute();
  return rows.map((r) => ({
    cycle: r.cycle, indirectPartnerId: r.indirect_partner_id, customerId: r.customer_id, state: r.state, syncedAt: r.synced_at, left: r.left_at !== null,
  }));
}

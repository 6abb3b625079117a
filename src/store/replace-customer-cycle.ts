/**
 * The sync's one write: a customer × cycle's records, replaced whole, with its rollups and its progress, in
 * one transaction. Readers see the old unit or the new one, never half; a failure leaves the old one; the
 * same records written twice leave the same rows (the primary key is the record's key). Rollups and stored
 * totals are summed by the server from the rows just written, so they equal the records to the last digit.
 *
 * Records go in as batches of JSON (one parameter, `json_to_recordset`): the same statement on both engines,
 * exact NUMERIC text, and one message per batch to the embedded engine's thread.
 *
 * Two writers of one unit can overlap: a sync pass and the open-cycle refresh that follows a write (perhaps on
 * another replica), or a pass and a drift re-read. Each says when its upstream read began (`readStartedAt`, on
 * the database's clock: `readStartTime`), and the replace holds the unit's progress row while it checks: a read
 * that began before the stored one's is refused (`superseded`), so an older read committing last cannot put back
 * records that miss a write the newer read saw.
 */
import type { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { RECORD_COLUMN_TYPES, recordColumns, type StoredConsumptionRecord } from './consumption-record.js';
import { fromNumeric } from './numeric.js';
import type { Store } from './store.js';
import { scopeKeyOf } from './selection.js';

/**
 * Records per INSERT: ~0.5 MB of JSON, a few ms to serialise on the event loop (the insert itself runs in
 * the engine's thread or server). Larger batches gain little: PGlite's insert, not the JSON, sets the pace.
 */
export const RECORD_BATCH = 500;

export interface CustomerCycleRecords {
  readonly cycle: string;
  /** The scope the records were read in: null for the partner's own customer, else its reseller's id. */
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
  /** Every record of the customer's cycle (an empty list clears it). */
  readonly records: readonly StoredConsumptionRecord[];
  /** What the upstream counted while they were read (4.2 total_count), kept for drift checks. */
  readonly upstreamRecordCount?: number | null;
  /**
   * When the upstream read of these records began (`readStartTime`). A unit stored from a read that began
   * later is kept and this replace refused; without it the replace is unconditional (fixtures, tests).
   */
  readonly readStartedAt?: Date;
}

export interface ReplaceResult {
  /** Records stored: distinct record ids. */
  readonly recordCount: number;
  /** Records of the input whose id came again (the last one is kept). */
  readonly duplicates: number;
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly syncedAt: Date;
  /**
   * True when nothing was written: the unit held records from a read that began after this one's (the figures
   * are then the stored unit's).
   */
  readonly superseded: boolean;
}

/** The database's clock now: the start of an upstream read, comparable across replicas writing one store. */
export async function readStartTime(store: Store): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(store.db);
  return new Date(rows[0]!.now);
}

type ProgressFigures = { record_count: number; payment_amount: string; official_amount: string; discount_amount: string; synced_at: Date };

const COLUMNS = sql.join(RECORD_COLUMN_TYPES.map(([name]) => sql.ref(name)));
const COLUMN_DEFS = sql.raw(RECORD_COLUMN_TYPES.map(([name, type]) => `${name} ${type}`).join(', '));
const ROLLUP_SUMS = sql.raw(
  ['payment_amount', 'official_amount', 'discount_amount', 'cash_amount', 'credit_amount', 'coupon_amount',
    'flexi_purchase_coupon_amount', 'stored_value_card_amount', 'debt_amount', 'writeoff_amount']
    .map((c) => `coalesce(sum(${c}), 0)`).join(', '),
);

function unitRecords(unit: CustomerCycleRecords): { records: StoredConsumptionRecord[]; duplicates: number } {
  const byId = new Map<string, StoredConsumptionRecord>();
  for (const r of unit.records) {
    if (r.cycle !== unit.cycle || r.customerId !== unit.customerId || (r.indirectPartnerId ?? null) !== unit.indirectPartnerId) {
      throw new RangeError(
        `record ${r.id} (${r.indirectPartnerId ?? 'own'}/${r.customerId}/${r.cycle}) is not of the unit being replaced `
        + `(${unit.indirectPartnerId ?? 'own'}/${unit.customerId}/${unit.cycle})`,
      );
    }
    byId.delete(r.id);
    byId.set(r.id, r);
  }
  return { records: [...byId.values()], duplicates: unit.records.length - byId.size };
}

export async function replaceCustomerCycle(store: Store, unit: CustomerCycleRecords): Promise<ReplaceResult> {
  const { records, duplicates } = unitRecords(unit);
  const scopeKey = scopeKeyOf(unit.indirectPartnerId);
  const { cycle, customerId, indirectPartnerId } = unit;
  const readStartedAt = unit.readStartedAt ?? null;
  const outcome = await store.db.transaction().execute(async (trx): Promise<{ progress: ProgressFigures; superseded: boolean }> => {
    const ofUnit = sql`cycle = ${cycle} and scope_key = ${scopeKey} and customer_id = ${customerId}`;
    if (readStartedAt) {
      // Locked until this transaction ends: an overlapping writer of the unit checks after this one committed.
      const { rows: held } = await sql<ProgressFigures & { newer: boolean }>`select record_count, payment_amount,
          official_amount, discount_amount, synced_at, read_started_at > ${readStartedAt.toISOString()}::timestamptz as newer
        from consumption_sync_progress where ${ofUnit} for update`.execute(trx);
      if (held[0]?.newer === true && held[0].synced_at !== null) return { progress: held[0], superseded: true };
    }
    await sql`delete from consumption_records where ${ofUnit}`.execute(trx);
    for (let at = 0; at < records.length; at += RECORD_BATCH) {
      const batch = JSON.stringify(records.slice(at, at + RECORD_BATCH).map(recordColumns));
      await sql`insert into consumption_records (cycle, indirect_partner_id, customer_id, ${COLUMNS})
        select ${cycle}::text, ${indirectPartnerId}::text, ${customerId}::text, ${COLUMNS}
        from json_to_recordset(${batch}::json) as r(${COLUMN_DEFS})`.execute(trx);
    }
    await sql`delete from consumption_rollups where ${ofUnit}`.execute(trx);
    await sql`insert into consumption_rollups (cycle, indirect_partner_id, customer_id, service_type_code, resource_type_code,
        region_code, charge_mode, bill_type, service_type_name, resource_type_name, region_name, record_count,
        payment_amount, official_amount, discount_amount, cash_amount, credit_amount, coupon_amount,
        flexi_purchase_coupon_amount, stored_value_card_amount, debt_amount, writeoff_amount)
      select cycle, indirect_partner_id, customer_id, service_type_code, resource_type_code, coalesce(region_code, ''),
        charge_mode, bill_type, min(service_type_name), min(resource_type_name), min(region_name), count(*), ${ROLLUP_SUMS}
      from consumption_records
      where ${ofUnit}
      group by cycle, indirect_partner_id, customer_id, service_type_code, resource_type_code, coalesce(region_code, ''), charge_mode, bill_type`
      .execute(trx);
    const { rows } = await sql<ProgressFigures>`
      insert into consumption_sync_progress (cycle, indirect_partner_id, customer_id, state, record_count, payment_amount,
        official_amount, discount_amount, upstream_record_count, synced_at, attempted_at, attempts, last_error, read_started_at)
      select ${cycle}::text, ${indirectPartnerId}::text, ${customerId}::text, 'synced', coalesce(sum(record_count), 0),
        coalesce(sum(payment_amount), 0), coalesce(sum(official_amount), 0), coalesce(sum(discount_amount), 0),
        ${unit.upstreamRecordCount ?? null}::integer, now(), now(), 0, null, ${readStartedAt?.toISOString() ?? null}::timestamptz
      from consumption_rollups
      where ${ofUnit}
      on conflict (cycle, scope_key, customer_id) do update set
        state = excluded.state, record_count = excluded.record_count, payment_amount = excluded.payment_amount,
        official_amount = excluded.official_amount, discount_amount = excluded.discount_amount,
        upstream_record_count = excluded.upstream_record_count, synced_at = excluded.synced_at,
        attempted_at = excluded.attempted_at, attempts = 0, last_error = null, read_started_at = excluded.read_started_at
      returning record_count, payment_amount, official_amount, discount_amount, synced_at`.execute(trx);
    return { progress: rows[0]!, superseded: false };
  });
  const { progress, superseded } = outcome;
  return {
    recordCount: progress.record_count,
    duplicates,
    amount: fromNumeric(progress.payment_amount),
    officialAmount: fromNumeric(progress.official_amount),
    discountAmount: fromNumeric(progress.discount_amount),
    syncedAt: progress.synced_at,
    superseded,
  };
}

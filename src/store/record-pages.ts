/**
 * Pages of a selection's records with keyset cursors: cycle by cycle (oldest first), then the partner's own
 * customers before resellers' (by reseller id), by customer id, by record id, all in byte order. A page
 * reads only its own rows through the primary key (one index range per cycle touched, whatever the page's
 * depth), and its totalCount comes from the rollups: neither costs a walk of the records.
 *
 * A cursor names a record's place, not an offset: records synced meanwhile shift nothing already read.
 */
import { sql } from 'kysely';
import { recordFromRow, type ConsumptionRecordRow, type StoredConsumptionRecord } from './consumption-record.js';
import type { StoreReader } from './store.js';
import { countConsumptionRecords } from './rollup-reads.js';
import { checkSelection, scopeKeyOf, selectionConditions, type ConsumptionSelection } from './selection.js';

/** A record's place in the order: its primary key. */
export interface RecordCursor {
  readonly cycle: string;
  /** '' for the partner's own customers. */
  readonly scopeKey: string;
  readonly customerId: string;
  readonly recordId: string;
}

export function cursorOf(r: StoredConsumptionRecord): RecordCursor {
  return { cycle: r.cycle, scopeKey: scopeKeyOf(r.indirectPartnerId), customerId: r.customerId, recordId: r.id };
}

export function encodeRecordCursor(c: RecordCursor): string {
  return Buffer.from(JSON.stringify([c.cycle, c.scopeKey, c.customerId, c.recordId])).toString('base64url');
}

/** The cursor a string names, or null when it names none (a client's typo, another connection's cursor). */
export function decodeRecordCursor(text: string): RecordCursor | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string')) return null;
    const [cycle, scopeKey, customerId, recordId] = parts as string[];
    if (!/^\d{4}-\d{2}$/.test(cycle!) || !customerId || !recordId) return null;
    return { cycle: cycle!, scopeKey: scopeKey!, customerId, recordId };
  } catch {
    return null;
  }
}

/** Relay's window: `first` (after `after`) or `last` (before `before`). */
export interface RecordPageArgs {
  readonly first?: number | null;
  readonly after?: RecordCursor | null;
  readonly last?: number | null;
  readonly before?: RecordCursor | null;
}

export interface RecordPage {
  readonly edges: readonly { readonly cursor: RecordCursor; readonly record: StoredConsumptionRecord }[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** Every record of the selection (from the rollups). */
  readonly totalCount: number;
}

function cyclesOf(from: string, to: string): string[] {
  const cycles: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (let c = from; c <= to; c = `${year}-${String(month).padStart(2, '0')}`) {
    cycles.push(c);
    if (++month > 12) {
      month = 1;
      year++;
    }
  }
  return cycles;
}

type Direction = 'forward' | 'backward';

/**
 * Up to `limit` records from `from` on in a direction (after it, or from it too when `inclusive`), one
 * cycle at a time so each statement is a single index range of the primary key.
 */
async function scan(
  store: StoreReader, s: ConsumptionSelection, direction: Direction, from: RecordCursor | null, inclusive: boolean, limit: number,
): Promise<StoredConsumptionRecord[]> {
  const forward = direction === 'forward';
  const cycles = cyclesOf(s.fromCycle, s.toCycle);
  if (!forward) cycles.reverse();
  const found: StoredConsumptionRecord[] = [];
  const conditions = selectionConditions(s, 'records', false);
  for (const cycle of cycles) {
    if (found.length >= limit) break;
    if (from && (forward ? cycle < from.cycle : cycle > from.cycle)) continue;
    const operator = sql.raw(forward ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<');
    const keyset = from && cycle === from.cycle
      ? sql`and (scope_key, customer_id, record_id) ${operator} (${from.scopeKey}::text, ${from.customerId}::text, ${from.recordId}::text)`
      : sql``;
    const order = sql.raw(forward ? 'scope_key, customer_id, record_id' : 'scope_key desc, customer_id desc, record_id desc');
    const { rows } = await sql<ConsumptionRecordRow>`
      select * from consumption_records
      where cycle = ${cycle} and ${conditions} ${keyset}
      order by ${order}
      limit ${limit - found.length}`.execute(store.db);
    for (const row of rows) found.push(recordFromRow(row));
  }
  return found;
}

/**
 * One page and its totalCount, read in one snapshot (a sync committing meanwhile is seen entirely or not at
 * all). Exactly one of `first`/`last` (≥ 0) is required.
 */
export async function pageConsumptionRecords(store: StoreReader, selection: ConsumptionSelection, args: RecordPageArgs): Promise<RecordPage> {
  checkSelection(selection);
  const { first, last } = args;
  if ((first == null) === (last == null)) throw new RangeError('pass exactly one of first and last');
  const size = (first ?? last)!;
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`first/last must be a whole number ≥ 0 (got ${size})`);
  const forward = first != null;
  const from = (forward ? args.after : args.before) ?? null;
  return store.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    const reader = { db: trx };
    const rows = await scan(reader, selection, forward ? 'forward' : 'backward', from, false, size + 1);
    const more = rows.length > size;
    const page = rows.slice(0, size);
    if (!forward) page.reverse();
    // Whether anything lies on the cursor's other side (the cursor's own record included).
    const behind = from ? (await scan(reader, selection, forward ? 'backward' : 'forward', from, true, 1)).length > 0 : false;
    const totalCount = await countConsumptionRecords(reader, selection);
    return {
      edges: page.map((record) => ({ cursor: cursorOf(record), record })),
      hasNextPage: forward ? more : behind,
      hasPreviousPage: forward ? behind : more,
      totalCount,
    };
  });
}

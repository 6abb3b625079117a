/**
 * Pages of a selection's records with keyset cursors: cycle by cycle (oldest first), then the partner's own
 * customers before resellers' (by reseller id), by customer id, by record id, all in byte order. A page
 * reads only its own rows through the primary key (one index range per cycle touched, whatever the page's
 * depth), and its totalCount comes from the rollups: neither costs a walk of the records.
 *
 * A cursor names a record's place, not an offset: records synced meanwhile shift nothing already read.
 */
import { sql, type RawBuilder } from 'kysely';
import { recordFromRow, type ConsumptionRecordRow, type StoredConsumptionRecord } from './consumption-record.js';
import type { StoreReader } from './store.js';
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

/** What the first statement of a page also answers, so a one-cycle page is one statement (one round trip). */
interface PageExtras {
  /** Every record of the selection (the rollups' counts). */
  readonly total: number;
  /** Whether anything lies on the cursor's other side, the cursor's own record included. */
  readonly behind: boolean;
}

/**
 * `behind` in SQL: a record of the cursor's cycle at or beyond the cursor (one primary-key range), or any
 * record in the selection's cycles beyond it (from the rollups: a cell exists only where records do).
 */
function behindCondition(s: ConsumptionSelection, toward: Direction, from: RecordCursor | null): RawBuilder<boolean> {
  if (!from) return sql<boolean>`false`;
  const forward = toward === 'forward';
  const operator = sql.raw(forward ? '>=' : '<=');
  const beyond = forward ? sql`cycle > ${from.cycle} and cycle <= ${s.toCycle}` : sql`cycle < ${from.cycle} and cycle >= ${s.fromCycle}`;
  return sql<boolean>`(exists (select 1 from consumption_records
      where cycle = ${from.cycle} and ${selectionConditions(s, 'records', false)}
        and (scope_key, customer_id, record_id) ${operator} (${from.scopeKey}::text, ${from.customerId}::text, ${from.recordId}::text))
    or exists (select 1 from consumption_rollups where ${beyond} and ${selectionConditions(s, 'rollups', false)}))`;
}

/**
 * Up to `limit` records from `from` on in a direction, one cycle at a time so each statement is a single index
 * range of the primary key. The first statement also reads the page's extras (`behindToward`: the direction
 * whose far side `behind` looks at), joined to its rows so they come back even when the cycle has none.
 */
async function scan(
  store: StoreReader, s: ConsumptionSelection, direction: Direction, from: RecordCursor | null, limit: number,
): Promise<{ records: StoredConsumptionRecord[]; extras: PageExtras }> {
  const forward = direction === 'forward';
  const cycles = cyclesOf(s.fromCycle, s.toCycle);
  if (!forward) cycles.reverse();
  const found: StoredConsumptionRecord[] = [];
  let extras: PageExtras | null = null;
  const conditions = selectionConditions(s, 'records', false);
  const order = sql.raw(forward ? 'scope_key, customer_id, record_id' : 'scope_key desc, customer_id desc, record_id desc');
  for (const cycle of cycles) {
    if (extras && found.length >= limit) break;
    if (extras && from && (forward ? cycle < from.cycle : cycle > from.cycle)) continue;
    const operator = sql.raw(forward ? '>' : '<');
    const keyset = from && cycle === from.cycle
      ? sql`and (scope_key, customer_id, record_id) ${operator} (${from.scopeKey}::text, ${from.customerId}::text, ${from.recordId}::text)`
      : sql``;
    // A cycle before the cursor's (in the walk's direction) contributes no row: only the extras are read.
    const skip = from && (forward ? cycle < from.cycle : cycle > from.cycle);
    const rowsWanted = skip ? 0 : limit - found.length;
    const page = sql`select * from consumption_records
      where cycle = ${cycle} and ${conditions} ${keyset}
      order by ${order}
      limit ${rowsWanted}`;
    if (extras) {
      const { rows } = await sql<ConsumptionRecordRow>`${page}`.execute(store.db);
      for (const row of rows) found.push(recordFromRow(row));
      continue;
    }
    const { rows } = await sql<ConsumptionRecordRow & { page_total: number; page_behind: boolean }>`
      select page.*, x.page_total, x.page_behind
      from (${page}) page
      right join (select
          (select coalesce(sum(record_count), 0)::bigint from consumption_rollups where ${selectionConditions(s, 'rollups')}) as page_total,
          ${behindCondition(s, forward ? 'backward' : 'forward', from)} as page_behind) x on true
      order by ${sql.raw(forward ? 'page.scope_key, page.customer_id, page.record_id' : 'page.scope_key desc, page.customer_id desc, page.record_id desc')}`
      .execute(store.db);
    extras = { total: rows[0]!.page_total, behind: rows[0]!.page_behind };
    for (const row of rows) if (row.record_id !== null) found.push(recordFromRow(row));
  }
  return { records: found, extras: extras! };
}

/**
 * One page and its totalCount, read in one snapshot (a sync committing meanwhile is seen entirely or not at
 * all): a page of one cycle is one statement (its rows, the rollups' count and whether anything lies behind
 * its cursor); a page of a range reads a cycle per statement inside a read-only transaction. Exactly one of
 * `first`/`last` (≥ 0) is required.
 */
export async function pageConsumptionRecords(store: StoreReader, selection: ConsumptionSelection, args: RecordPageArgs): Promise<RecordPage> {
  checkSelection(selection);
  const { first, last } = args;
  if ((first == null) === (last == null)) throw new RangeError('pass exactly one of first and last');
  const size = (first ?? last)!;
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`first/last must be a whole number ≥ 0 (got ${size})`);
  const forward = first != null;
  const from = (forward ? args.after : args.before) ?? null;
  const read = async (reader: StoreReader): Promise<RecordPage> => {
    const { records, extras } = await scan(reader, selection, forward ? 'forward' : 'backward', from, size + 1);
    const more = records.length > size;
    const page = records.slice(0, size);
    if (!forward) page.reverse();
    return {
      edges: page.map((record) => ({ cursor: cursorOf(record), record })),
      hasNextPage: forward ? more : extras.behind,
      hasPreviousPage: forward ? extras.behind : more,
      totalCount: extras.total,
    };
  };
  if (selection.fromCycle === selection.toCycle) return read(store);
  return store.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((trx) => read({ db: trx }));
}

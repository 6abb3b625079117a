/**
 * The audit log of the write path: who asked the gateway to act, what, on whom, and how it ended — one row per
 * attempt and per outcome, appended, never changed. Personal data never goes in: ids, amounts, codes and the
 * upstream's transfer or request ids only (the caller of `appendAudit` passes nothing else in `detail`).
 */
import { sql } from 'kysely';
import type { StoreReader } from './store.js';

export interface AuditEntry {
  readonly apiKeyName: string;
  /** The mutation, e.g. `allocateCustomerFunds`. */
  readonly operation: string;
  readonly idempotencyKey?: string | null;
  /** The gateway's request id (x-request-id), to find the request's log line. */
  readonly requestId?: string | null;
  readonly customerId?: string | null;
  readonly indirectPartnerId?: string | null;
  /** `attempted`, `applied`, `failed`, `unknown`, `replayed`, `refused`, … */
  readonly outcome: string;
  /** Amounts, transfer ids, upstream codes and request ids: no names, no contact data. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
  readonly at?: Date;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'at'>> {
  readonly id: number;
  readonly at: Date;
}

export async function appendAudit(store: StoreReader, entry: AuditEntry): Promise<number> {
  const row = await store.db.insertInto('audit_log')
    .values({
      ...(entry.at ? { at: entry.at } : {}),
      api_key_name: entry.apiKeyName,
      operation: entry.operation,
      idempotency_key: entry.idempotencyKey ?? null,
      request_id: entry.requestId ?? null,
      customer_id: entry.customerId ?? null,
      indirect_partner_id: entry.indirectPartnerId ?? null,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface AuditPageArgs {
  /** Newest first: rows older than this id (a keyset cursor). */
  readonly beforeId?: number | null;
  readonly limit: number;
  readonly apiKeyName?: string | null;
  readonly operation?: string | null;
  readonly idempotencyKey?: string | null;
  readonly customerId?: string | null;
}

/** A page of the log, newest first, by keyset on the id (rows appended meanwhile shift nothing). */
export async function pageAuditLog(store: StoreReader, args: AuditPageArgs): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  let query = store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(args.limit + 1);
  if (args.beforeId != null) query = query.where('id', '<', args.beforeId);
  if (args.apiKeyName) query = query.where('api_key_name', '=', args.apiKeyName);
  if (args.operation) query = query.where('operation', '=', args.operation);
  if (args.idempotencyKey) query = query.where('idempotency_key', '=', args.idempotencyKey);
  if (args.customerId) query = query.where('customer_id', '=', args.customerId);
  const found = await query.execute();
  return {
    hasMore: found.length > args.limit,
    rows: found.slice(0, args.limit).map((r) => ({
      id: Number(r.id),
      at: new Date(r.at),
      apiKeyName: r.api_key_name,
      operation: r.operation,
      idempotencyKey: r.idempotency_key,
      requestId: r.request_id,
      customerId: r.customer_id,
      indirectPartnerId: r.indirect_partner_id,
      outcome: r.outcome,
      detail: (r.detail ?? {}) as AuditRow['detail'],
    })),
  };
}

/**
 * Which of these upstream references (transfer ids, coupon ids) the log already holds as another write's
 * `applied` outcome: a reconciliation that finds several candidate records in the upstream's log sets aside the
 * ones the gateway itself made and recorded, so two identical writes close together stay tellable apart.
 */
export async function appliedReferences(store: StoreReader, references: readonly string[], exceptIdempotencyKey?: string | null): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  let query = store.db.selectFrom('audit_log')
    .select(sql<string>`detail->>'reference'`.as('reference'))
    .where('outcome', '=', 'applied')
    .where(sql<string>`detail->>'reference'`, 'in', [...references]);
  if (exceptIdempotencyKey) query = query.where((eb) => eb.or([eb('idempotency_key', 'is', null), eb('idempotency_key', '<>', exceptIdempotencyKey)]));
  const rows = await query.execute();
  return new Set(rows.map((r) => r.reference));
}

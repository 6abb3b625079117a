/**
 * Idempotency records for the write path, as payment APIs keep them: a client-chosen key per API key, the
 * hash of the request it came with, the state of the write and the answer to replay. One row per (API key,
 * idempotency key); the primary key makes a claim atomic on both engines, so two requests with one key —
 * in one process or on two replicas sharing a PostgreSQL — never both reach the upstream.
 *
 * The mutation layer decides what each state means to a caller; here are the facts:
 * - `claimed`: this request owns the key and may call the upstream (the row is `in_progress`);
 * - `replay`: the write ended (`applied`, or `failed` for good) and its answer is stored;
 * - `reused`: the key came with another request (hash or operation): refused, never replayed;
 * - `in_progress`: another request holds the key now;
 * - `unknown`: the answer was lost after the request was sent: reconcile before answering anything.
 * A settled record past `expires_at` is claimed afresh (kept at least as long as the caller asked, 24 h by default).
 *
 * A request that dies holding a key (a crash, a killed replica) leaves it `in_progress`. The write path records
 * what it is about to send before it sends (`recordPendingWrite`), so a later claim can tell the two cases apart
 * once the holder is surely gone (`staleAfterMs` since its last change): with a pending write the outcome is
 * `unknown` (reconciled from the upstream's records, never sent again blindly); with none nothing was sent, and
 * the key is claimed afresh.
 */
import { sql } from 'kysely';
import type { IdempotencyState } from './database.js';
import type { StoreReader } from './store.js';

/** Records are kept at least this long after their last change. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * An `in_progress` record untouched this long belongs to a request that is gone. Longer than any live write can
 * hold it between two changes: the pending record is written just before the send, and the send is bounded by the
 * client's timeouts (PARTNER_GRAPH_WRITE_TIMEOUT_MS ≤ 10 min, PARTNER_GRAPH_CONNECT_TIMEOUT_MS ≤ 2 min).
 */
export const STALE_IN_PROGRESS_MS = 15 * 60_000;

export interface IdempotencyKeyRef {
  /** The API key's name: keys are per caller, so two callers' keys never collide. */
  readonly apiKeyName: string;
  readonly idempotencyKey: string;
}

export interface IdempotencyClaim extends IdempotencyKeyRef {
  /** The mutation, e.g. `allocateCustomerFunds`. */
  readonly operation: string;
  /** A hash of the canonical request (same input, same hash). */
  readonly requestHash: string;
  readonly ttlMs?: number;
  /** How long an `in_progress` record may stand untouched before its holder counts as gone (STALE_IN_PROGRESS_MS). */
  readonly staleAfterMs?: number;
  /** The clock (tests inject one). */
  readonly now?: Date;
}

export type ClaimResult =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly state: 'applied' | 'failed'; readonly answer: unknown }
  | { readonly kind: 'reused'; readonly operation: string }
  | { readonly kind: 'in_progress'; readonly since: Date }
  | { readonly kind: 'unknown'; readonly answer: unknown };

export interface IdempotencyRecord extends IdempotencyKeyRef {
  readonly operation: string;
  readonly requestHash: string;
  readonly state: IdempotencyState;
  readonly answer: unknown;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

const expiry = (now: Date, ttlMs: number): Date => new Date(now.getTime() + ttlMs);

export async function readIdempotencyRecord(store: StoreReader, ref: IdempotencyKeyRef): Promise<IdempotencyRecord | null> {
  const row = await store.db.selectFrom('idempotency_records').selectAll()
    .where('api_key_name', '=', ref.apiKeyName).where('idempotency_key', '=', ref.idempotencyKey)
    .executeTakeFirst();
  if (!row) return null;
  return {
    apiKeyName: row.api_key_name,
    idempotencyKey: row.idempotency_key,
    operation: row.operation,
    requestHash: row.request_hash,
    state: row.state,
    answer: row.answer ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
  };
}

/**
 * Claims a key for a request, or says why not. Atomic: of any number of concurrent claims of one key, one is
 * `claimed` and the others see its row.
 */
export async function claimIdempotencyKey(store: StoreReader, claim: IdempotencyClaim): Promise<ClaimResult> {
  const now = claim.now ?? new Date();
  const expiresAt = expiry(now, claim.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS);
  const inserted = await store.db.insertInto('idempotency_records')
    .values({
      api_key_name: claim.apiKeyName, idempotency_key: claim.idempotencyKey, operation: claim.operation, request_hash: claim.requestHash,
      state: 'in_progress', answer: null, created_at: now, updated_at: now, expires_at: expiresAt,
    })
    .onConflict((oc) => oc.columns(['api_key_name', 'idempotency_key']).doNothing())
    .returning('state')
    .executeTakeFirst();
  if (inserted) return { kind: 'claimed' };

  // An expired settled record is anyone's, taken over in one statement, so two takers cannot both win. Not one
  // whose outcome is unknown (it waits for its reconciliation), nor one in progress (below).
  const takenOver = await store.db.updateTable('idempotency_records')
    .set({ operation: claim.operation, request_hash: claim.requestHash, state: 'in_progress', answer: null, created_at: now, updated_at: now, expires_at: expiresAt })
    .where('api_key_name', '=', claim.apiKeyName).where('idempotency_key', '=', claim.idempotencyKey).where('expires_at', '<=', now)
    .where('state', 'in', ['applied', 'failed'])
    .returning('state')
    .executeTakeFirst();
  if (takenOver) return { kind: 'claimed' };

  // A holder gone mid-write. Sent (a pending write is recorded): its outcome is unknown. Not sent: nothing happened,
  // the key is free. Each in one statement, conditional on the row still being that stale record.
  const staleBefore = new Date(now.getTime() - (claim.staleAfterMs ?? STALE_IN_PROGRESS_MS));
  await store.db.updateTable('idempotency_records')
    .set({ state: 'unknown', updated_at: now })
    .where('api_key_name', '=', claim.apiKeyName).where('idempotency_key', '=', claim.idempotencyKey)
    .where('state', '=', 'in_progress').where('updated_at', '<=', staleBefore).where('answer', 'is not', null)
    .execute();
  const abandoned = await store.db.deleteFrom('idempotency_records')
    .where('api_key_name', '=', claim.apiKeyName).where('idempotency_key', '=', claim.idempotencyKey)
    .where('state', '=', 'in_progress').where('updated_at', '<=', staleBefore).where('answer', 'is', null)
    .executeTakeFirst();
  if (Number(abandoned.numDeletedRows) > 0) return claimIdempotencyKey(store, claim);

  const record = await readIdempotencyRecord(store, claim);
  // Released between the insert and the read (a retryable failure): claim again.
  if (!record) return claimIdempotencyKey(store, claim);
  if (record.operation !== claim.operation || record.requestHash !== claim.requestHash) return { kind: 'reused', operation: record.operation };
  switch (record.state) {
    case 'in_progress':
      return { kind: 'in_progress', since: record.updatedAt };
    case 'unknown':
      return { kind: 'unknown', answer: record.answer };
    default:
      return { kind: 'replay', state: record.state, answer: record.answer };
  }
}

/**
 * Records how a claimed write ended: `applied` (its answer replays), `failed` (a final refusal that replays),
 * or `unknown` (the answer was lost; the key stays held until a reconciliation settles it). Only the claim's
 * own request (same hash) can settle it; false when the record is not there or belongs to another request.
 */
export async function settleIdempotencyKey(
  store: StoreReader, ref: IdempotencyKeyRef & { readonly requestHash: string }, state: Exclude<IdempotencyState, 'in_progress'>, answer: unknown,
  options: { readonly ttlMs?: number; readonly now?: Date } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const result = await store.db.updateTable('idempotency_records')
    .set({ state, answer: JSON.stringify(answer ?? null), updated_at: now, expires_at: expiry(now, options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS) })
    .where('api_key_name', '=', ref.apiKeyName).where('idempotency_key', '=', ref.idempotencyKey).where('request_hash', '=', ref.requestHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Lets the key go: the write is proven not applied (refused before it was sent, or reconciled as absent), so
 * the same key may be tried again. Only the claim's own request can release it, and only from the state it
 * left the record in (`in_progress` before the send, `unknown` after a lost answer): a retry with the same input
 * that has meanwhile claimed the key again (same hash) keeps its claim.
 */
export async function releaseIdempotencyKey(
  store: StoreReader, ref: IdempotencyKeyRef & { readonly requestHash: string }, from: 'in_progress' | 'unknown' = 'in_progress',
): Promise<boolean> {
  const result = await store.db.deleteFrom('idempotency_records')
    .where('api_key_name', '=', ref.apiKeyName).where('idempotency_key', '=', ref.idempotencyKey).where('request_hash', '=', ref.requestHash)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Write-ahead: what this claim is about to send (enough to reconcile it), recorded before the send while the record
 * stays `in_progress`. Should the request die before it settles, a later claim finds the record stale and
 * reconciles from this instead of sending again. False when the record is no longer this claim's.
 */
export async function recordPendingWrite(
  store: StoreReader, ref: IdempotencyKeyRef & { readonly requestHash: string }, pending: unknown, now: Date = new Date(),
): Promise<boolean> {
  const result = await store.db.updateTable('idempotency_records')
    .set({ answer: JSON.stringify(pending ?? null), updated_at: now })
    .where('api_key_name', '=', ref.apiKeyName).where('idempotency_key', '=', ref.idempotencyKey).where('request_hash', '=', ref.requestHash)
    .where('state', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * An `unknown` record reconciled as not applied: this request takes the key back to write it (`in_progress`,
 * no pending write yet), in one statement — of several requests that reconciled it at once, one wins and the
 * others see it in progress. False when another request took it (or it was settled or released meanwhile).
 */
export async function resumeUnknownKey(
  store: StoreReader, ref: IdempotencyKeyRef & { readonly requestHash: string }, now: Date = new Date(), ttlMs: number = DEFAULT_IDEMPOTENCY_TTL_MS,
): Promise<boolean> {
  const result = await store.db.updateTable('idempotency_records')
    .set({ state: 'in_progress', answer: null, updated_at: now, expires_at: expiry(now, ttlMs) })
    .where('api_key_name', '=', ref.apiKeyName).where('idempotency_key', '=', ref.idempotencyKey).where('request_hash', '=', ref.requestHash)
    .where('state', '=', 'unknown')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Deletes records past their expiry that settle nothing any more: settled ones (`applied`, `failed`) and claims
 * that never sent (`in_progress` with no pending write). Kept: `unknown` ones and claims whose write was sent
 * (their reconciliation is still owed; deleting them would let the key write again). Returns how many.
 */
export async function purgeExpiredIdempotencyRecords(store: StoreReader, now: Date = new Date()): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with gone as (
      delete from idempotency_records
      where expires_at <= ${now} and (state in ('applied', 'failed') or (state = 'in_progress' and answer is null))
      returning 1)
    select count(*)::int as n from gone`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

/** How often the gateway purges expired idempotency records (src/store/purge-schedule.ts). */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 3_600_000;

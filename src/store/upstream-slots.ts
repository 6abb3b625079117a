/**
 * The upstream quota shared by replicas: one start booked per upstream call, in the store, so N gateways on one
 * PostgreSQL database never start more than `rate` calls of an API in any sliding window (src/bss/start-slots.ts
 * states the rule; main.ts injects this as the client's `StartSlots`, so the client never knows the store, and
 * the store never calls the upstream: it only keeps times).
 *
 * One statement per booking: INSERT … ON CONFLICT DO UPDATE … WHERE. PostgreSQL locks the key's row before it
 * evaluates the WHERE against the row's latest version, so check-and-append is atomic across connections and
 * replicas with no advisory lock and no second round trip. Times are the database's `clock_timestamp()` (read
 * after the lock), one clock for every replica whatever their own clocks say; a refusal says how long until the
 * oldest start leaves the window, as a duration, for the replica to sleep on its own clock.
 */
import { sql } from 'kysely';
import type { StoreReader } from './store.js';

/** A booking's answer, the shape of the client's `SlotAnswer` (src/bss/start-slots.ts). */
export type StoredSlotAnswer = { readonly granted: true } | { readonly granted: false; readonly waitMs: number };

/** Books one start on `key` when fewer than `rate` starts fall in the last `windowMs`; otherwise says how long to wait. */
export async function takeUpstreamSlot(store: StoreReader, key: string, rate: number, windowMs: number): Promise<StoredSlotAnswer> {
  if (!(Number.isInteger(rate) && rate >= 1)) throw new RangeError('an upstream slot needs a whole rate of at least 1');
  const booked = await sql<{ granted: number }>`
    insert into upstream_rate_starts as b (budget_key, starts) values (${key}, array[clock_timestamp()])
    on conflict (budget_key) do update
      set starts = (b.starts || clock_timestamp())[greatest(1, cardinality(b.starts) + 2 - ${rate}::int):]
      where cardinality(b.starts) < ${rate}::int
         or b.starts[cardinality(b.starts) - ${rate}::int + 1] <= clock_timestamp() - ${windowMs}::int * interval '1 millisecond'
    returning 1 as granted`.execute(store.db);
  if (booked.rows.length > 0) return { granted: true };
  const { rows } = await sql<{ wait_ms: number | string | null }>`
    select ceil(extract(epoch from (starts[cardinality(starts) - ${rate}::int + 1] + ${windowMs}::int * interval '1 millisecond' - clock_timestamp())) * 1000)::int as wait_ms
    from upstream_rate_starts where budget_key = ${key}`.execute(store.db);
  // At least a millisecond: the window frees exactly then, and asking sooner only costs a round trip.
  return { granted: false, waitMs: Math.max(1, Number(rows[0]?.wait_ms ?? 1)) };
}

/** Forgets keys with no start in the last `olderThanMs` (they decide nothing); returns how many. */
export async function purgeUpstreamSlots(store: StoreReader, olderThanMs = 60_000): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with gone as (
      delete from upstream_rate_starts
      where starts[cardinality(starts)] < clock_timestamp() - ${olderThanMs}::int * interval '1 millisecond'
      returning 1)
    select count(*)::int as n from gone`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The store's slots in the shape the client takes (`StartSlots`): every booking one statement, and now and then
 * (every `purgeEvery` bookings) a purge of keys idle for a minute, so a table of customer-token keys stays small.
 */
export function storeUpstreamSlots(store: StoreReader, options: { readonly purgeEvery?: number } = {}): { take(key: string, rate: number, windowMs: number): Promise<StoredSlotAnswer> } {
  const purgeEvery = options.purgeEvery ?? 5_000;
  let bookings = 0;
  return {
    async take(key, rate, windowMs) {
      if (++bookings % purgeEvery === 0) void purgeUpstreamSlots(store).catch(() => undefined);
      return takeUpstreamSlot(store, key, rate, windowMs);
    },
  };
}

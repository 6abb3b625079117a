/**
 * The upstream quota shared by replicas: one place booked per upstream call, in the store, so N gateways on one
 * PostgreSQL database never have more than `rate` calls of an API in any sliding window (src/bss/start-slots.ts
 * states the rule; main.ts injects this as the client's `StartSlots`, so the client never knows the store, and
 * the store never calls the upstream: it only keeps times).
 *
 * Booking is one statement: INSERT … ON CONFLICT DO UPDATE … WHERE. PostgreSQL locks the key's row before it
 * evaluates the WHERE against the row's latest version, so check-and-append is atomic across connections and
 * replicas with no advisory lock and no second round trip. A booked place holds `start + hold` (a call in
 * flight; a replica that dies mid-call frees it then), and settling it (a second statement) replaces that with
 * the time the answer came back. Times are the database's `clock_timestamp()`, read after the lock: one clock
 * for every replica whatever theirs say; a refusal says how long until a place can leave, as a duration, for
 * the replica to sleep on its own clock.
 */
import { sql } from 'kysely';
import type { StoreReader } from './store.js';

/** A booking's answer, the shape of the client's `SlotAnswer` (src/bss/start-slots.ts); the ticket is the place's exact time. */
export type StoredSlotAnswer = { readonly granted: true; readonly ticket: string } | { readonly granted: false; readonly waitMs: number };

/**
 * Books one place on `key` when fewer than `rate` are in the window (in flight, or answered in the last
 * `windowMs`); otherwise says how long to wait. The place is held until settled, or `holdMs` after now.
 */
export async function takeUpstreamSlot(store: StoreReader, key: string, rate: number, windowMs: number, holdMs = 60_000): Promise<StoredSlotAnswer> {
  if (!(Number.isInteger(rate) && rate >= 1)) throw new RangeError('an upstream slot needs a whole rate of at least 1');
  const booked = await sql<{ ticket: string }>`
    insert into upstream_rate_starts as b (budget_key, starts)
    values (${key}, array[clock_timestamp() + ${holdMs}::int * interval '1 millisecond'])
    on conflict (budget_key) do update
      set starts = array(
        select t from unnest(b.starts) t where t > clock_timestamp() - ${windowMs}::int * interval '1 millisecond'
      ) || (clock_timestamp() + ${holdMs}::int * interval '1 millisecond')
      where (
        select count(*) from unnest(b.starts) t where t > clock_timestamp() - ${windowMs}::int * interval '1 millisecond'
      ) < ${rate}::int
    returning (starts[cardinality(starts)])::text as ticket`.execute(store.db);
  if (booked.rows.length > 0) return { granted: true, ticket: booked.rows[0]!.ticket };
  // The earliest a place can leave: the oldest answer's window end (a call in flight answers now at the earliest).
  const { rows } = await sql<{ wait_ms: number | string | null }>`
    select ceil(extract(epoch from (min(least(t, clock_timestamp())) + ${windowMs}::int * interval '1 millisecond' - clock_timestamp())) * 1000)::int as wait_ms
    from upstream_rate_starts, unnest(starts) t
    where budget_key = ${key} and t > clock_timestamp() - ${windowMs}::int * interval '1 millisecond'`.execute(store.db);
  // At least a millisecond: asking sooner only costs a round trip.
  return { granted: false, waitMs: Math.max(1, Number(rows[0]?.wait_ms ?? 1)) };
}

/** The booked call was answered (or failed): its place now leaves the window a window from now. */
export async function settleUpstreamSlot(store: StoreReader, key: string, ticket: string): Promise<void> {
  await sql`
    update upstream_rate_starts
    set starts = array_replace(starts, ${ticket}::timestamptz, least(${ticket}::timestamptz, clock_timestamp()))
    where budget_key = ${key}`.execute(store.db);
}

/** Forgets keys with no place in the last `olderThanMs` (they decide nothing); returns how many. */
export async function purgeUpstreamSlots(store: StoreReader, olderThanMs = 60_000): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with gone as (
      delete from upstream_rate_starts
      where not exists (select 1 from unnest(starts) t where t > clock_timestamp() - ${olderThanMs}::int * interval '1 millisecond')
      returning 1)
    select count(*)::int as n from gone`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The store's slots in the shape the client takes (`StartSlots`): a booking and a settle per call, and now and
 * then (every `purgeEvery` bookings) a purge of keys idle for a minute, so a table of customer-token keys stays small.
 */
export function storeUpstreamSlots(store: StoreReader, options: { readonly purgeEvery?: number } = {}): {
  take(key: string, rate: number, windowMs: number, holdMs: number): Promise<StoredSlotAnswer>;
  settle(key: string, ticket: unknown): Promise<void>;
} {
  const purgeEvery = options.purgeEvery ?? 5_000;
  let bookings = 0;
  return {
    async take(key, rate, windowMs, holdMs) {
      if (++bookings % purgeEvery === 0) void purgeUpstreamSlots(store).catch(() => undefined);
      return takeUpstreamSlot(store, key, rate, windowMs, holdMs);
    },
    settle: (key, ticket) => settleUpstreamSlot(store, key, ticket as string),
  };
}

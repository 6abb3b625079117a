/**
 * What the cost estimate needs to know of the store, in one cheap statement: which cycles are complete for
 * every scope (a view of them costs no upstream call), and how many customers each scope's newest listing
 * holds (an unsynced view is priced by its scope's real size, not an assumption).
 */
import { sql } from 'kysely';
import type { StoreReader } from './store.js';
import { indirectPartnerOf } from './selection.js';

export interface ConsumptionCoverage {
  /** Cycles every customer of whose listing is synced. */
  readonly completeCycles: ReadonlySet<string>;
  /** Customers per scope in the newest listed cycle: the partner's own under null, each reseller under its id. */
  readonly customersByScope: ReadonlyMap<string | null, number>;
}

export async function readConsumptionCoverage(store: StoreReader): Promise<ConsumptionCoverage> {
  const { rows: cycles } = await sql<{ cycle: string; complete: boolean }>`
    select c.cycle, c.customers_listed_at is not null and coalesce(bool_and(p.state = 'synced'), true) as complete
    from consumption_sync_cycles c left join consumption_sync_progress p on p.cycle = c.cycle
    group by c.cycle, c.customers_listed_at`.execute(store.db);
  const { rows: scopes } = await sql<{ scope_key: string; customers: number }>`
    select p.scope_key, count(*)::int as customers from consumption_sync_progress p
    where p.cycle = (select max(cycle) from consumption_sync_cycles where customers_listed_at is not null)
    group by p.scope_key`.execute(store.db);
  return {
    completeCycles: new Set(cycles.filter((c) => c.complete).map((c) => c.cycle)),
    customersByScope: new Map(scopes.map((s) => [indirectPartnerOf(s.scope_key), Number(s.customers)])),
  };
}

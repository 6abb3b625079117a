/**
 * What the cost estimate needs to know of the store, in one cheap statement each: which cycles are complete for
 * every scope and which for each scope alone (a view of them costs no upstream call: a reseller key's views are
 * answered in its own scope, so a cycle complete there is free for it whatever the other scopes hold), and how
 * many customers each scope's newest listing holds (an unsynced view is priced by its scope's real size, not an
 * assumption).
 */
import { sql } from 'kysely';
import type { StoreReader } from './store.js';
import { indirectPartnerOf } from './selection.js';

export interface ConsumptionCoverage {
  /** Cycles every customer of whose listing is synced. */
  readonly completeCycles: ReadonlySet<string>;
  /**
   * Per scope (the partner's own under null, each reseller under its id): the listed cycles in which the scope
   * has customers and every one of them is synced, as a view's plan counts them (src/store/sync-progress.ts
   * `cycleCompletion`; a scope with no customer in a cycle has nothing synced there and is read live). Absent:
   * only `completeCycles` is known, and a scope is priced by it.
   */
  readonly completeCyclesByScope?: ReadonlyMap<string | null, ReadonlySet<string>>;
  /** Customers per scope in the newest listed cycle: the partner's own under null, each reseller under its id. */
  readonly customersByScope: ReadonlyMap<string | null, number>;
}

export async function readConsumptionCoverage(store: StoreReader): Promise<ConsumptionCoverage> {
  const { rows: cycles } = await sql<{ cycle: string; complete: boolean }>`
    select c.cycle, c.customers_listed_at is not null and coalesce(bool_and(p.state = 'synced'), true) as complete
    from consumption_sync_cycles c left join consumption_sync_progress p on p.cycle = c.cycle
    group by c.cycle, c.customers_listed_at`.execute(store.db);
  const { rows: scopeCycles } = await sql<{ cycle: string; scope_key: string }>`
    select p.cycle, p.scope_key from consumption_sync_progress p
    join consumption_sync_cycles c on c.cycle = p.cycle and c.customers_listed_at is not null
    group by p.cycle, p.scope_key
    having bool_and(p.state = 'synced') and max(p.synced_at) is not null`.execute(store.db);
  const { rows: scopes } = await sql<{ scope_key: string; customers: number }>`
    select p.scope_key, count(*)::int as customers from consumption_sync_progress p
    where p.cycle = (select max(cycle) from consumption_sync_cycles where customers_listed_at is not null)
    group by p.scope_key`.execute(store.db);
  const byScope = new Map<string | null, Set<string>>();
  for (const r of scopeCycles) {
    const scope = indirectPartnerOf(r.scope_key);
    let set = byScope.get(scope);
    if (!set) byScope.set(scope, (set = new Set()));
    set.add(r.cycle);
  }
  return {
    completeCycles: new Set(cycles.filter((c) => c.complete).map((c) => c.cycle)),
    completeCyclesByScope: byScope,
    customersByScope: new Map(scopes.map((s) => [indirectPartnerOf(s.scope_key), Number(s.customers)])),
  };
}

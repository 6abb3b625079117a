/**
 * What the export needs besides its rows when every cycle asked is synced for the caller's scope (the rows
 * themselves are written by the store: focus-sql.ts): the selection, and the customers' names (SubAccountName),
 * which still come from the upstream listing — one ListSubCustomers call per 100 customers of each scope, the
 * resellers listed once — because the store keeps consumption, not people.
 */
import { fetchAllCustomersOfScope, type CustomerShape } from '../sources/customers.js';
import { fetchAllIndirectPartners } from '../sources/indirect-partners.js';
import type { Upstream } from '../sources/list-endpoint.js';
import type { Scope } from '../sources/wire.js';
import { completeSince, readConsumptionBreakdown, type ConsumptionSelection, type Store } from '../store/index.js';

export interface StoredExport {
  readonly cycles: readonly string[];
  readonly scope: 'all' | Scope;
  readonly customerIds?: readonly string[] | null | undefined;
}

/** The selection an export reads from the store, or null when one of its cycles is not synced for its scope. */
export async function storedExportSelection(store: Store, req: StoredExport): Promise<ConsumptionSelection | null> {
  const since = await completeSince(store, req.scope, req.cycles);
  if (!since) return null;
  return { scope: req.scope, customerIds: req.customerIds ?? null, fromCycle: req.cycles[0]!, toCycle: req.cycles[req.cycles.length - 1]! };
}

/** The scope's customers as the upstream lists them, by `JSON.stringify([indirectPartnerId, customerId])`. */
export async function listedCustomers(ctx: Upstream, scope: 'all' | Scope, signal: AbortSignal): Promise<Map<string, CustomerShape>> {
  const scopes: Scope[] = scope === 'all' ? [null, ...(await fetchAllIndirectPartners(ctx)).map((p) => p.indirectPartnerId)] : [scope];
  const lists = await Promise.all(scopes.map((s) => fetchAllCustomersOfScope(ctx, s, signal)));
  return new Map(lists.flat().map((c) => [JSON.stringify([c.indirectPartnerId, c.customerId]), c]));
}

/**
 * The customers that hold records of the selection (one statement on the rollups), as
 * `JSON.stringify([indirectPartnerId, customerId])` keys.
 */
export async function storedCustomerKeys(store: Store, selection: ConsumptionSelection): Promise<Set<string>> {
  const groups = await readConsumptionBreakdown(store, selection, 'customer');
  return new Set(groups.map((g) => JSON.stringify([g.indirectPartnerId, String(g.key)])));
}

/**
 * What the export needs besides its rows for the cycles synced for the caller's scope (the rows themselves are
 * read and written by focus-sql.ts): the selection of each run of synced cycles, and the customers' names
 * (SubAccountName), which still come from the upstream listing — one ListSubCustomers call per 100 customers of
 * each scope, the resellers listed once — because the store keeps consumption, not people. The cycles not synced
 * are the live pull's, run by run in the file's cycle order.
 */
import { fetchAllCustomersOfScope, type CustomerShape } from '../sources/customers.js';
import { fetchAllIndirectPartners } from '../sources/indirect-partners.js';
import type { Upstream } from '../sources/list-endpoint.js';
import type { Scope } from '../sources/wire.js';
import { cycleCompletion, readConsumptionBreakdown, type ConsumptionSelection, type Store } from '../store/index.js';

export interface StoredExport {
  readonly cycles: readonly string[];
  readonly scope: 'all' | Scope;
  readonly customerIds?: readonly string[] | null | undefined;
}

/** Consecutive cycles of an export read alike: from the store (with their selection) or by the live pull. */
export type ExportSegment =
  | { readonly source: 'STORE'; readonly cycles: readonly string[]; readonly selection: ConsumptionSelection }
  | { readonly source: 'LIVE'; readonly cycles: readonly string[] };

/**
 * The export's cycles in order, as runs of synced cycles (read from the store) and of the others (pulled live):
 * one statement. A single LIVE segment when nothing asked is synced for the scope.
 */
export async function exportSegments(store: Store, req: StoredExport): Promise<ExportSegment[]> {
  const completion = await cycleCompletion(store, req.scope, req.cycles);
  const runs: { source: 'STORE' | 'LIVE'; cycles: string[] }[] = [];
  for (const cycle of req.cycles) {
    const source = completion.get(cycle) ? 'STORE' : 'LIVE';
    const last = runs[runs.length - 1];
    if (last?.source === source) last.cycles.push(cycle);
    else runs.push({ source, cycles: [cycle] });
  }
  return runs.map((run): ExportSegment => (run.source === 'LIVE' ? { source: 'LIVE', cycles: run.cycles } : {
    source: 'STORE',
    cycles: run.cycles,
    selection: { scope: req.scope, customerIds: req.customerIds ?? null, fromCycle: run.cycles[0]!, toCycle: run.cycles[run.cycles.length - 1]! },
  }));
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

/**
 * The export's records from the state store, when every cycle asked is synced for the caller's scope: keyset
 * pages of the records (no upstream call for them), grouped customer by customer into the same pages the live
 * pull yields, so the FOCUS rows are built the same way. Customers' names (SubAccountName) still come from the
 * upstream listing — one ListSubCustomers call per 100 customers of each scope, the resellers listed once —
 * because the store keeps consumption, not people.
 */
import type { PulledPage } from '../sources/consumption-pull.js';
import { unlistedCustomer } from '../sources/consumption-pull.js';
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';
import { fetchAllCustomersOfScope, type CustomerShape } from '../sources/customers.js';
import { fetchAllIndirectPartners } from '../sources/indirect-partners.js';
import type { Upstream } from '../sources/list-endpoint.js';
import type { Scope } from '../sources/wire.js';
import { completeSince, pageConsumptionRecords, type ConsumptionSelection, type RecordCursor, type Store } from '../store/index.js';

/** Records read per statement: large enough that a month is a few hundred round trips, small enough to stream. */
const PAGE = 5_000;

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

async function customersOf(ctx: Upstream, scope: 'all' | Scope, signal: AbortSignal): Promise<Map<string, CustomerShape>> {
  const scopes: Scope[] = scope === 'all' ? [null, ...(await fetchAllIndirectPartners(ctx)).map((p) => p.indirectPartnerId)] : [scope];
  const lists = await Promise.all(scopes.map((s) => fetchAllCustomersOfScope(ctx, s, signal)));
  return new Map(lists.flat().map((c) => [JSON.stringify([c.indirectPartnerId, c.customerId]), c]));
}

/** Pages of the selection's records, one per run of a customer's records, in the store's keyset order. */
export async function* storedPages(ctx: Upstream, store: Store, selection: ConsumptionSelection, signal: AbortSignal): AsyncGenerator<PulledPage> {
  const customers = await customersOf(ctx, selection.scope, signal);
  const indexes = new Map<string, number>();
  let after: RecordCursor | null = null;
  for (;;) {
    if (signal.aborted) return;
    const page = await pageConsumptionRecords(store, selection, { first: PAGE, after });
    let run: ConsumptionRecordShape[] = [];
    let runKey: string | null = null;
    let runCycle = '';
    let runCustomer: { customerId: string; indirectPartnerId: string | null } | null = null;
    const flush = (): PulledPage | null => {
      if (!runKey || !runCustomer) return null;
      let customerIndex = indexes.get(runKey);
      if (customerIndex === undefined) indexes.set(runKey, (customerIndex = indexes.size));
      const listed = customers.get(runKey);
      return {
        customer: listed ?? unlistedCustomer(runCustomer.customerId, runCustomer.indirectPartnerId),
        listed: listed !== undefined,
        customerIndex,
        cycle: runCycle,
        records: run,
        last: false,
      };
    };
    for (const { record } of page.edges) {
      const key = JSON.stringify([record.indirectPartnerId, record.customerId]);
      if (key !== runKey || record.cycle !== runCycle) {
        const done = flush();
        if (done) yield done;
        run = [];
        runKey = key;
        runCycle = record.cycle;
        runCustomer = { customerId: record.customerId, indirectPartnerId: record.indirectPartnerId };
      }
      run.push(record);
    }
    const done = flush();
    if (done) yield done;
    if (!page.hasNextPage || page.edges.length === 0) return;
    after = page.edges[page.edges.length - 1]!.cursor;
  }
}

/**
 * Who the sync reads for a cycle, with the cheapest lists (the lower bound of bench/bounds.ts `monthPullBound`):
 * - the partner's own customers: ListConsumeSubCustomers (4.3, pages of 100) lists exactly those that consumed
 *   in the cycle, former customers included, so an own customer without consumption costs nothing;
 * - each reseller's customers: ListIndirectPartners, then ListSubCustomers per reseller (pages of 100; 4.3
 *   covers the partner's own scope only). These lists do not depend on the cycle, so one pass reads them once
 *   for every cycle it lists (`PassListings`).
 * A listing records new customers as pending units and marks those no longer listed (src/store/sync-units.ts).
 */
import { ownConsumers } from '../sources/consumption-pull.js';
import type { ConsumptionContext } from '../sources/consumption-records.js';
import { fetchAllCustomersOfScope } from '../sources/customers.js';
import { fetchAllIndirectPartners } from '../sources/indirect-partners.js';
import { recordCycleListing, type ListedCustomer, type ListingResult, type Store } from '../store/index.js';

/** The reseller lists of one pass, read at most once and only when some cycle needs listing. */
export class PassListings {
  private resellers: Promise<{ ids: (string | null)[]; customers: ListedCustomer[] }> | null = null;

  constructor(private readonly ctx: ConsumptionContext, private readonly signal?: AbortSignal) {}

  /** Every reseller's customers (scopes: each reseller's id). */
  resellerCustomers(): Promise<{ ids: (string | null)[]; customers: ListedCustomer[] }> {
    this.resellers ??= (async () => {
      const resellers = await fetchAllIndirectPartners(this.ctx);
      const ids = resellers.map((r) => r.indirectPartnerId);
      const customers: ListedCustomer[] = [];
      for (const id of ids) {
        for (const c of await fetchAllCustomersOfScope(this.ctx, id, this.signal)) {
          customers.push({ indirectPartnerId: id, customerId: c.customerId, associationType: c.associationType });
        }
      }
      return { ids, customers };
    })();
    // A failed listing is not kept: the next cycle (or pass) asks again.
    this.resellers.catch(() => {
      this.resellers = null;
    });
    return this.resellers;
  }
}

/** Lists a cycle's customers and records the listing. */
export async function listCycle(ctx: ConsumptionContext, store: Store, listings: PassListings, cycle: string): Promise<ListingResult> {
  const [own, resellers] = await Promise.all([ownConsumers(ctx, cycle, false), listings.resellerCustomers()]);
  const customers: ListedCustomer[] = [...[...own].map((customerId) => ({ indirectPartnerId: null, customerId, associationType: null })), ...resellers.customers];
  return recordCycleListing(store, cycle, customers, [null, ...resellers.ids]);
}

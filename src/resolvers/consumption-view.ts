/** The value a `consumption(…)` field resolves to, shared by the live (consumption.ts) and store (consumption-store.ts) paths. */
import type { ConsumptionQuery } from '../sources/consumption-records.js';
import type { Scope } from '../sources/wire.js';

/**
 * What a `consumption(…)` field resolves to: which records, not the records. Every field of the view loads
 * through the request's loaders, so fields asked together share one walk (or one pull).
 * - `customer`: one customer's query, per cycle of the range (single cycle: windowed records, see below);
 * - `partner`: every customer of a scope (`'all'`, the partner's own = null, or one reseller), pulled with
 *   `pullConsumption` across customers.
 */
export type ConsumptionViewShape =
  | { readonly kind: 'customer'; readonly query: ConsumptionQuery; readonly cycles: readonly string[] }
  | { readonly kind: 'partner'; readonly scope: 'all' | Scope; readonly cycles: readonly string[] };

/**
 * Customers of the partner and of its resellers: the list connections and loader priming. Upstream access
 * and wire mapping: src/sources/customers.ts.
 *
 * Upstream (bss-api-partners.md): ListSubCustomers §2.2 (list, search, one exact `customer_id`),
 * ListSubCustomerNewTag §2.4 (≤ 200 ids), ListCustomersBalancesDetail §2.5 (≤ 100 ids),
 * ShowCustomerAccountBalances §2.6 and ListCustomerAccountChangeRecords §2.7 (customer credentials).
 *
 * A customer belongs to exactly one scope: the partner's own, or one reseller's. Every partner-side
 * call about it must name that scope (`indirect_partner_id`), so the shape carries it.
 */
import type { GraphQLContext } from '../context.js';
import {
  customerAccountChangesList, customerKey, subCustomersList,
  type CustomerAccountChangeFilters, type CustomerAccountChangeShape, type CustomerFilters, type CustomerShape,
} from '../sources/customers.js';
import type { Scope } from '../sources/wire.js';
import type { ConnectionArgs, OffsetConnection } from './connection.js';
import { endpointConnection } from './endpoint-connection.js';
import { ledgerWindow } from './input.js';

/** Customers of one scope, one ListSubCustomers call per page of ≤ 100; each row primes the customer loader. */
export function customersConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: CustomerFilters): Promise<OffsetConnection<CustomerShape>> {
  return endpointConnection(ctx, args, subCustomersList(scope, f), (c) => primeCustomer(ctx, c));
}

/** A listed customer answers later lookups by plain id (other graph files) and by scoped key (global ids). */
export function primeCustomer(ctx: Pick<GraphQLContext, 'loaders'>, c: CustomerShape): void {
  ctx.loaders.customer.prime(c.customerId, c);
  if (c.indirectPartnerId) ctx.loaders.customer.prime(customerKey(c), c);
}

/** ListCustomerAccountChangeRecords §2.7 as the customer, one call per page of ≤ 100. */
export function customerAccountChangesConnection(
  ctx: GraphQLContext, customerId: string, args: ConnectionArgs, f: CustomerAccountChangeFilters & { readonly from?: string | null; readonly to?: string | null },
): Promise<OffsetConnection<CustomerAccountChangeShape>> {
  return endpointConnection(ctx, args, customerAccountChangesList(customerId, f, ledgerWindow(f.from, f.to)));
}

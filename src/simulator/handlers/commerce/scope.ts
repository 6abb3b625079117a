/**
 * Whose data a caller sees. A customer sees its own. A partner (the world's partner is a distributor) sees
 * its direct customers, or, on endpoints that take `indirect_partner_id`, one reseller's customers;
 * a customer outside that scope is `CBC.99000035` (not a sub-customer of this partner) and an unknown
 * reseller `CBC.99000037` (no permission on this reseller), the codes the partner API documents for the
 * same situations (bss-api-partners.md §2.5).
 */
import { CbcError, parameterError, type SimRequest } from '../../handler.js';
import type { CustomerRecord } from '../../dataset/world.js';
import type { CommerceBook } from '../../dataset/commerce/types.js';

export const accessDenied = (): CbcError => new CbcError(403, 'CBC.0151', 'Access denied.');

/** The partner's customers: the world's and those it created since (the partner store's directory). */
function knownCustomer(req: SimRequest, customerId: string): CustomerRecord | undefined {
  return req.state.partners.customers.get(customerId);
}

/** The caller's book, or undefined for an account the simulator does not know. */
export function callerBook(req: SimRequest): CommerceBook | undefined {
  const customer = knownCustomer(req, req.caller.domainId);
  return customer && req.state.commerce.bookFor(customer);
}

/** The caller's domain id on customer-only endpoints (the platform checks the caller class first). */
export function customerCaller(req: SimRequest): string {
  if (req.caller.kind !== 'customer') throw accessDenied();
  callerBook(req);
  return req.caller.domainId;
}

export function partnerOnly(req: SimRequest): void {
  if (req.caller.kind !== 'partner') throw accessDenied();
}

/** The reseller a distributor acts for: null for its own customers. */
export function resellerScope(req: SimRequest, indirectPartnerId: string | undefined): string | null {
  if (indirectPartnerId === undefined) return null;
  if (!req.state.world.reseller(indirectPartnerId)) {
    throw new CbcError(400, 'CBC.99000037', 'You have no permission to operate on this reseller.');
  }
  return indirectPartnerId;
}

export function scopedCustomer(req: SimRequest, customerId: string, resellerId: string | null): CustomerRecord {
  const customer = knownCustomer(req, customerId);
  if (!customer || customer.indirectPartnerId !== resellerId) {
    throw new CbcError(400, 'CBC.99000035', 'The customer is not a sub-customer of the partner.');
  }
  return customer;
}

/** A partner must name the customer on endpoints where `customer_id` is "required when a partner queries". */
export function requiredCustomerId(customerId: string | undefined): string {
  if (customerId === undefined) throw parameterError('customer_id', 'is required when a partner queries');
  return customerId;
}

/** The books a list endpoint reads: the caller's own, or those of the partner's customers in scope. */
export function booksInScope(req: SimRequest, customerId: string | undefined, resellerId: string | null): CommerceBook[] {
  const store = req.state.commerce;
  if (req.caller.kind === 'customer') {
    const own = callerBook(req);
    return own ? [own] : [];
  }
  if (customerId !== undefined) return [store.bookFor(scopedCustomer(req, customerId, resellerId))];
  return store.booksOf(req.state.partners.customers.inScope(resellerId));
}

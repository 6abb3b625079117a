/**
 * Reseller scoping, decided in one place. A `reseller` key sees one reseller's subtree only, and that is
 * enforced by the scope every upstream call is made in (`indirect_partner_id`), never by filtering results
 * afterwards: resolvers ask `scopeFor` which scope to call in, and a scope the caller may not see is refused
 * before any upstream call.
 */
import { GraphQLError } from 'graphql';
import type { Caller } from './caller.js';

/** A scope of the partner's business: null = the partner's own customers; a string = one reseller's. */
export type Scope = string | null;

export const FORBIDDEN = 'FORBIDDEN';

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: FORBIDDEN, http: { status: 403 } } });
}

/** The reseller a caller is bound to, or null for partner-wide callers (admin, analyst). */
export function boundReseller(caller: Caller): string | null {
  return caller.role === 'reseller' ? caller.indirectPartnerId : null;
}

/**
 * The scope to call upstream in, for a caller that asked for `requested` (undefined: "whatever I may see").
 * - admin / analyst: the requested scope as asked (undefined → `whole`).
 * - reseller: its own reseller, whatever "whole" means; another scope (the partner's own included) → FORBIDDEN.
 */
export function scopeFor(caller: Caller, requested: Scope | undefined): Scope | undefined {
  const bound = boundReseller(caller);
  if (bound === null) return requested;
  if (requested === undefined || requested === bound) return bound;
  throw forbidden(`This API key may only see reseller ${bound}'s customers.`);
}

/** For pulls over the whole business: `'all'` for partner-wide callers, the bound reseller otherwise. */
export function wholeScopeFor(caller: Caller): 'all' | Scope {
  return boundReseller(caller) ?? 'all';
}

/** Refuses partner-wide data (the partner's own funds, quotas, …) to reseller keys. */
export function requirePartnerWide(caller: Caller, what: string): void {
  if (boundReseller(caller) !== null) throw forbidden(`${what} is the partner's own data; a reseller API key cannot read it.`);
}

/**
 * The scope of a field with an optional `indirectPartnerId` argument, where "absent" means the partner's
 * own scope: for a reseller key it means the reseller's own (so a reseller front end can use the same
 * queries), and any other reseller named is FORBIDDEN.
 */
export function scopeOfArg(caller: Caller, indirectPartnerId: string | null | undefined): Scope {
  return scopeFor(caller, indirectPartnerId || undefined) ?? null;
}

/**
 * The scope a global id (or any key that names its scope) may be read in: for a reseller key only its
 * own; a global id of the partner's own or another reseller's object is FORBIDDEN. The id names its scope
 * in the clear (base64 is no secret), so saying "not yours" reveals nothing the caller did not send.
 */
export function requireScope(caller: Caller, scope: Scope): Scope {
  const bound = boundReseller(caller);
  if (bound !== null && scope !== bound) throw forbidden(`This API key may only see reseller ${bound}'s data.`);
  return scope;
}

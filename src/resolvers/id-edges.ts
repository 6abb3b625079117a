/**
 * Edges to a customer or a reseller from a row that already holds its id. A customer lookup is one
 * ListSubCustomers call per distinct customer (no id-list endpoint), a reseller lookup one walk of
 * ListIndirectPartners: when the query asks the edge only for what the row holds (`customer { customerId }`,
 * as BI exports do) the edge is answered from the row without a call; anything more goes through the
 * request's loader (de-duplicated per request). Every such edge of the graph goes through here.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { customerKey, type CustomerShape } from '../sources/customers.js';
import type { IndirectPartnerShape } from '../sources/indirect-partners.js';

/** Customer fields answerable from the id alone (and the scope, which the global id encodes). */
export const CUSTOMER_ID_FIELDS: ReadonlySet<string> = new Set(['customerId', 'id', '__typename']);

/** Reseller fields answerable from the id alone. */
export const RESELLER_ID_FIELDS: ReadonlySet<string> = new Set(['indirectPartnerId', 'id', '__typename']);

/**
 * Whether a selection set asks only for fields answerable from an id. Fragments are followed; a field under
 * @skip/@include counts as asked (a needless lookup at worst, never a wrong answer).
 */
export function selectsOnly(set: SelectionSetNode | undefined, allowed: ReadonlySet<string>, info: GraphQLResolveInfo): boolean {
  if (!set) return true;
  return set.selections.every((s) => {
    if (s.kind === 'Field') return allowed.has(s.name.value);
    if (s.kind === 'InlineFragment') return selectsOnly(s.selectionSet, allowed, info);
    const fragment = info.fragments[s.name.value];
    return fragment ? selectsOnly(fragment.selectionSet, allowed, info) : false;
  });
}

/** Whether the field being resolved asks only for `allowed` fields (every alias of it). */
export function asksOnly(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
  return info.fieldNodes.every((node) => selectsOnly(node.selectionSet, allowed, info));
}

/**
 * The customer a row belongs to: from the row when only its id is asked, else the customer loader (the
 * scoped key lets it ask the row's own scope, a reseller's customer, directly). Null without an id.
 */
export function customerEdge(
  ctx: Pick<GraphQLContext, 'loaders'>,
  info: GraphQLResolveInfo,
  customerId: string | null | undefined,
  indirectPartnerId: string | null | undefined,
): CustomerShape | Promise<CustomerShape | null> | null {
  if (!customerId) return null;
  if (asksOnly(info, CUSTOMER_ID_FIELDS)) return idOnlyCustomer(customerId, indirectPartnerId ?? null);
  return ctx.loaders.customer.load(customerKey({ customerId, indirectPartnerId: indirectPartnerId ?? null }));
}

/** The reseller a row names: from the row when only its id is asked, else the reseller loader. Null without an id. */
export function resellerEdge(
  ctx: Pick<GraphQLContext, 'loaders'>,
  info: GraphQLResolveInfo,
  indirectPartnerId: string | null | undefined,
): IndirectPartnerShape | Promise<IndirectPartnerShape | null> | null {
  if (!indirectPartnerId) return null;
  if (asksOnly(info, RESELLER_ID_FIELDS)) return idOnlyReseller(indirectPartnerId);
  return ctx.loaders.indirectPartner.load(indirectPartnerId);
}

/**
 * A customer shape holding only what a row knows. The cast is sound because it is used only when the query
 * selects nothing but the id fields, which read `customerId` and `indirectPartnerId` alone; built this way it
 * also stays valid as the partner graph adds fields to `CustomerShape`.
 */
function idOnlyCustomer(customerId: string, indirectPartnerId: string | null): CustomerShape {
  const known: Pick<CustomerShape, 'customerId' | 'indirectPartnerId'> = { customerId, indirectPartnerId };
  return known as CustomerShape;
}

/** The same for a reseller: its id fields read `indirectPartnerId` alone. */
function idOnlyReseller(indirectPartnerId: string): IndirectPartnerShape {
  const known: Pick<IndirectPartnerShape, 'indirectPartnerId'> = { indirectPartnerId };
  return known as IndirectPartnerShape;
}

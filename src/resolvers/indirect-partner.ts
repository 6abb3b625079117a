/**
 * A distributor's cloud resellers (indirect partners, 二级经销商): the list connection. Upstream access and
 * wire mapping: src/sources/indirect-partners.ts (ListIndirectPartners §1.1).
 */
import type { GraphQLContext } from '../context.js';
import { indirectPartnersList, type IndirectPartnerFilters, type IndirectPartnerShape } from '../sources/indirect-partners.js';
import type { ConnectionArgs, OffsetConnection } from './connection.js';
import { endpointConnection } from './endpoint-connection.js';

/** `Partner.indirectPartners`: one ListIndirectPartners call per page of ≤ 100; the rows prime the loader. */
export function indirectPartnersConnection(ctx: GraphQLContext, args: ConnectionArgs, f: IndirectPartnerFilters): Promise<OffsetConnection<IndirectPartnerShape>> {
  return endpointConnection(ctx, args, indirectPartnersList(f), (p) => ctx.loaders.indirectPartner.prime(p.indirectPartnerId, p));
}

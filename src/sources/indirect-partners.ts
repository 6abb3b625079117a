/**
 * A distributor's cloud resellers (indirect partners, 二级经销商).
 * Upstream: ListIndirectPartners `POST /v2/partners/indirect-partners/query` (bss-api-partners.md §1.1).
 * There is no id-list lookup: one reseller is one call with `indirect_partner_id`, and every reseller is
 * a walk of pages of 100 (resellers are few, so the walk is cheap and is shared within a request).
 */
import { ListIndirectPartners, type IndirectPartnerInfo } from '../bss/operations/partners/index.js';
import { listEndpoint, type Upstream } from './list-endpoint.js';
import { nonEmpty, parseWireTime, textOrNull, wireTime } from './wire.js';

export interface IndirectPartnerShape {
  readonly indirectPartnerId: string;
  readonly accountName: string | null;
  readonly name: string | null;
  readonly mobilePhone: string | null;
  readonly email: string | null;
  readonly associatedOn: Date | null;
  readonly accountManagerId: string | null;
  readonly accountManagerName: string | null;
}

/** A wire record as the graph carries it; one without an id cannot be referenced and is dropped. */
export function toIndirectPartnerShape(r: IndirectPartnerInfo): IndirectPartnerShape | null {
  if (!r.indirect_partner_id) return null;
  return {
    indirectPartnerId: r.indirect_partner_id,
    accountName: textOrNull(r.account_name),
    name: textOrNull(r.name),
    mobilePhone: textOrNull(r.mobile_phone),
    email: textOrNull(r.email),
    associatedOn: parseWireTime(r.associated_on),
    accountManagerId: textOrNull(r.account_manager_id),
    accountManagerName: textOrNull(r.account_manager_name),
  };
}

const shapes = (rows: IndirectPartnerInfo[] | undefined): IndirectPartnerShape[] =>
  (rows ?? []).flatMap((r) => toIndirectPartnerShape(r) ?? []);

/** One reseller by id (one call: the endpoint filters on a single `indirect_partner_id`). */
export async function fetchIndirectPartner(ctx: Upstream, indirectPartnerId: string): Promise<IndirectPartnerShape | null> {
  const res = await ctx.bss.call(ListIndirectPartners, { body: { indirect_partner_id: indirectPartnerId, offset: 0, limit: 1 } });
  return shapes(res.indirect_partners).find((p) => p.indirectPartnerId === indirectPartnerId) ?? null;
}

/** Every reseller of the distributor, in pages of 100. */
export async function fetchAllIndirectPartners(ctx: Upstream): Promise<IndirectPartnerShape[]> {
  const { items } = await ctx.bss.paginate(ListIndirectPartners, { body: {} });
  return shapes(items);
}

export interface IndirectPartnerFilters {
  readonly accountName?: string | null;
  readonly associatedFrom?: Date | null;
  readonly associatedTo?: Date | null;
  /** A reseller API key's own reseller: the list is asked for that one only (`indirect_partner_id`). */
  readonly only?: string | null;
}

export const indirectPartnersList = (f: IndirectPartnerFilters) =>
  listEndpoint({
    op: ListIndirectPartners,
    request: (offset, limit) => ({
      body: {
        account_name: nonEmpty(f.accountName),
        indirect_partner_id: nonEmpty(f.only),
        associated_on_begin: wireTime(f.associatedFrom),
        associated_on_end: wireTime(f.associatedTo),
        offset,
        limit,
      },
    }),
    page: (res) => ({ items: shapes(res.indirect_partners), total: res.count ?? null }),
  });

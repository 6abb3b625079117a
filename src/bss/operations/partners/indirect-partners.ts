/** A distributor's cloud resellers (bss-api-partners.md §1.1). */
import { defineOperation } from '../spec.js';

export interface QueryIndirectPartnersReq {
  /** ≤ 64. Not sent, `""` or null: no filter. */
  account_name?: string;
  /** UTC `2016-03-28T00:00:00Z`, ≤ 20. */
  associated_on_begin?: string;
  associated_on_end?: string;
  /** 0–40000000, default 0. */
  offset?: number;
  /** 1–100, default 10. */
  limit?: number;
  /** ≤ 64: only this reseller. */
  indirect_partner_id?: string;
}

export interface ListIndirectPartnersRequest {
  body?: QueryIndirectPartnersReq;
}

export interface IndirectPartnerInfo {
  indirect_partner_id?: string;
  mobile_phone?: string;
  email?: string;
  account_name?: string;
  name?: string;
  /** UTC `2016-03-28T00:00:00Z`. */
  associated_on?: string;
  account_manager_id?: string;
  account_manager_name?: string;
}

export interface ListIndirectPartnersResponse {
  count?: number;
  indirect_partners?: IndirectPartnerInfo[];
}

export const ListIndirectPartners = defineOperation<ListIndirectPartnersRequest, ListIndirectPartnersResponse>({
  name: 'ListIndirectPartners',
  method: 'POST',
  path: '/v2/partners/indirect-partners/query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  page: { maxLimit: 100, countField: 'count', itemsField: 'indirect_partners', in: 'body' },
});

/**
 * Coupon quotas: the partner's allowances for issuing coupons, the distributor → reseller quota tree and
 * its log (bss-api-partners.md §1.7–§1.11).
 */
import { defineOperation, type WireAmount, type WireDecimal } from '../spec.js';
import type { ErrorDetail, QuotaLimitInfo } from './models.js';

// §1.7 ListQuotaCoupons

export interface QueryCouponQuotasReqExt {
  /** ≤ 50 ids: a batch lookup. Not sent, empty or null: no filter. */
  quota_ids?: string[];
  /** ≤ 5 of 0 normal, 3 invalid, 4 being adjusted, 5 frozen. */
  quota_status_list?: number[];
  /** 0 voucher quota (the default when not sent), 1 cash-coupon quota. */
  quota_type?: number;
  create_time_begin?: string;
  create_time_end?: string;
  effective_time_begin?: string;
  effective_time_end?: string;
  expire_time_begin?: string;
  expire_time_end?: string;
  offset?: number;
  limit?: number;
  indirect_partner_id?: string;
}

export interface ListQuotaCouponsRequest {
  body?: QueryCouponQuotasReqExt;
}

export interface CouponQuotaV2 {
  quota_id?: string;
  quota_type?: number;
  create_time?: string;
  last_update_time?: string;
  /** decimal: a JSON number with 2 decimals. */
  quota_value?: WireDecimal;
  quota_status?: number;
  balance?: WireDecimal;
  measure_id?: number;
  currency?: string;
  effective_time?: string;
  expire_time?: string;
  limit_infos?: QuotaLimitInfo[];
}

export interface ListQuotaCouponsResponse {
  total_count?: number;
  quotas?: CouponQuotaV2[];
}

export const ListQuotaCoupons = defineOperation<ListQuotaCouponsRequest, ListQuotaCouponsResponse>({
  name: 'ListQuotaCoupons',
  method: 'POST',
  path: '/v2/partners/coupon-quotas/query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'quotas', in: 'body' },
  batch: { field: 'quota_ids', max: 50 },
});

// §1.8 ListCouponQuotasRecords

export interface ListCouponQuotasRecordsRequest {
  indirect_partner_id?: string;
  /** The reseller-side quota id. */
  quota_id?: string;
  operation_time_begin?: string;
  operation_time_end?: string;
  /** The distributor-side quota id. `""` is applied as a filter (pattern b). */
  parent_quota_id?: string;
  /** `"10"` issue, `"11"` reclaim; anything else: no filter. */
  operation_type?: string;
  offset?: number;
  limit?: number;
}

export interface QuotaRecord {
  id?: string;
  operator?: string;
  operation_type?: string;
  quota_id?: string;
  parent_quota_id?: string;
  amount?: WireDecimal;
  operation_time?: string;
  /** `"0"` success, `"-1"` failure. */
  result?: string;
  indirect_partner_account_name?: string;
  indirect_partner_id?: string;
  indirect_partner_name?: string;
  remark?: string;
}

export interface ListCouponQuotasRecordsResponse {
  total_count?: number;
  records?: QuotaRecord[];
}

export const ListCouponQuotasRecords = defineOperation<ListCouponQuotasRecordsRequest, ListCouponQuotasRecordsResponse>({
  name: 'ListCouponQuotasRecords',
  method: 'GET',
  path: '/v2/partners/coupon-quotas/records',
  caller: 'partner',
  kind: 'read',
  query: ['indirect_partner_id', 'quota_id', 'operation_time_begin', 'operation_time_end', 'parent_quota_id', 'operation_type', 'offset', 'limit'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

// §1.9 UpdateCouponQuotas

export interface AdjustCouponQuotasReq {
  /** The distributor's own quota to carve from. */
  quota_id: string;
  /** ≤ 100 resellers. */
  indirect_partner_ids: string[];
  /** > 0, 2 decimals: given to each reseller. */
  quota_amount: WireAmount;
}

export interface UpdateCouponQuotasRequest {
  body: AdjustCouponQuotasReq;
}

export interface QuotaSimpleInfo {
  /** The reseller id. */
  id: string;
  /** The new reseller-side quota. */
  quota_id: string;
}

export interface UpdateCouponQuotasResponse {
  error_details?: ErrorDetail[];
  simple_quota_infos?: QuotaSimpleInfo[];
}

export const UpdateCouponQuotas = defineOperation<UpdateCouponQuotasRequest, UpdateCouponQuotasResponse>({
  name: 'UpdateCouponQuotas',
  method: 'POST',
  path: '/v2/partners/coupon-quotas/indirect-partner-adjust',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
  batch: { field: 'indirect_partner_ids', max: 100 },
});

// §1.10 ReclaimCouponQuotas

export interface ReclaimCouponQuotasReq {
  /** ≤ 10 reseller-side quota ids. */
  quota_ids: string[];
  /** ≤ 256. */
  remark?: string;
}

export interface ReclaimCouponQuotasRequest {
  body: ReclaimCouponQuotasReq;
}

export interface QuotaReclaim {
  quota_id?: string;
  /** The reseller quota's balance after the reclaim. */
  quota_balance?: WireDecimal;
}

export interface ReclaimCouponQuotasResponse {
  error_details?: ErrorDetail[];
  simple_quota_infos?: QuotaReclaim[];
}

export const ReclaimCouponQuotas = defineOperation<ReclaimCouponQuotasRequest, ReclaimCouponQuotasResponse>({
  name: 'ReclaimCouponQuotas',
  method: 'POST',
  path: '/v2/partners/coupon-quotas/indirect-partner-reclaim',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
  batch: { field: 'quota_ids', max: 10 },
});

// §1.11 ListIssuedCouponQuotas

export interface ListIssuedCouponQuotasRequest {
  quota_id?: string;
  indirect_partner_id?: string;
  /** `""` is applied as a filter (pattern b). */
  parent_quota_id?: string;
  offset?: number;
  limit?: number;
}

export interface IssuedCouponQuota {
  quota_id?: string;
  quota_type?: number;
  create_time?: string;
  last_update_time?: string;
  quota_value?: WireDecimal;
  /** 0 normal, 3 invalid, 4 being adjusted, 5 frozen, 6 reclaimed. */
  quota_status?: number;
  balance?: WireDecimal;
  measure_id?: number;
  currency?: string;
  effective_time?: string;
  expire_time?: string;
  limit_infos?: QuotaLimitInfo[];
  indirect_partner_id?: string;
  indirect_partner_account_name?: string;
  indirect_partner_name?: string;
  parent_quota_id?: string;
}

export interface ListIssuedCouponQuotasResponse {
  total_count?: number;
  quotas?: IssuedCouponQuota[];
}

export const ListIssuedCouponQuotas = defineOperation<ListIssuedCouponQuotasRequest, ListIssuedCouponQuotasResponse>({
  name: 'ListIssuedCouponQuotas',
  method: 'GET',
  path: '/v2/partners/issued-coupon-quotas',
  caller: 'partner',
  kind: 'read',
  query: ['quota_id', 'indirect_partner_id', 'parent_quota_id', 'offset', 'limit'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'quotas', in: 'query' },
});

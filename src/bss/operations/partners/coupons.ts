/**
 * Coupons: issued by the partner to customers, their issue/reclaim log, coupons held by the caller and a
 * customer's coupon ledger (bss-api-partners.md §3.1–§3.6). The same concept is named differently in
 * §3.1 and §3.5 (`effective_time` vs `valid_time`, decimals vs floats): kept exactly as Huawei has it.
 */
import { defineOperation, type WireAmount, type WireDecimal } from '../spec.js';
import type { ErrorDetail, ICouponUseLimitInfoV2 } from './models.js';

// §3.1 ListIssuedPartnerCoupons

export interface ListIssuedPartnerCouponsRequest {
  coupon_id?: string;
  customer_id?: string;
  order_id?: string;
  /** 1 voucher, 4 cash coupon. */
  coupon_type?: number;
  /** 1 not activated, 2 usable, 3 used, 4 expired, 5 reclaimed. */
  status?: number;
  create_time_begin?: string;
  create_time_end?: string;
  effective_time_begin?: string;
  effective_time_end?: string;
  expire_time_begin?: string;
  expire_time_end?: string;
  offset?: number;
  /** Maximum undocumented; every sibling endpoint allows 100. */
  limit?: number;
  indirect_partner_id?: string;
}

export interface IQueryUserPartnerCouponsResultV2 {
  coupon_id?: string;
  status?: number;
  customer_id?: string;
  coupon_type?: number;
  measure_id?: number;
  /** decimal: a JSON number. */
  face_value?: WireDecimal;
  effective_time?: string;
  expire_time?: string;
  order_id?: string;
  promotion_plan_id?: string;
  promotion_plan_name?: string;
  promotion_plan_desc?: string;
  media_type?: number;
  fetch_method?: number;
  use_limits?: ICouponUseLimitInfoV2[];
  active_time?: string;
  last_used_time?: string;
  promotion_id?: string;
  create_time?: string;
  balance?: WireDecimal;
  lock_order_id?: string;
  /** `"0"` no, `"1"` frozen. */
  is_frozen?: string;
}

export interface ListIssuedPartnerCouponsResponse {
  total_count?: number;
  user_coupons?: IQueryUserPartnerCouponsResultV2[];
}

export const ListIssuedPartnerCoupons = defineOperation<ListIssuedPartnerCouponsRequest, ListIssuedPartnerCouponsResponse>({
  name: 'ListIssuedPartnerCoupons',
  method: 'GET',
  path: '/v2/promotions/benefits/partner-coupons',
  caller: 'partner',
  kind: 'read',
  query: [
    'coupon_id', 'customer_id', 'order_id', 'coupon_type', 'status', 'create_time_begin', 'create_time_end',
    'effective_time_begin', 'effective_time_end', 'expire_time_begin', 'expire_time_end', 'offset', 'limit',
    'indirect_partner_id',
  ],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'user_coupons', in: 'query' },
});

// §3.2 CreatePartnerCoupons

export interface CreatePartnerCouponsReq {
  quota_id: string;
  /** ≤ 100 recipients, resale sub-customers only. */
  customer_ids: string[];
  /** > 0, 2 decimals. */
  face_value: WireAmount;
  /** Default: the quota's effective time. */
  valid_time?: string;
  /** Default: the quota's expiry. */
  expire_time?: string;
  /** ≤ 10 service-type codes; must stay within the quota's restriction. */
  cloud_service_types?: string[];
  /** ≤ 10. */
  product_ids?: string[];
  memo?: string;
  indirect_partner_id?: string;
}

export interface CreatePartnerCouponsRequest {
  body: CreatePartnerCouponsReq;
}

export interface CouponSimpleInfo {
  /** The customer id. */
  id: string;
  coupon_id: string;
}

export interface CreatePartnerCouponsResponse {
  error_details?: ErrorDetail[];
  coupon_infos?: CouponSimpleInfo[];
}

export const CreatePartnerCoupons = defineOperation<CreatePartnerCouponsRequest, CreatePartnerCouponsResponse>({
  name: 'CreatePartnerCoupons',
  method: 'POST',
  path: '/v2/promotions/benefits/partner-coupons',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
  batch: { field: 'customer_ids', max: 100 },
});

// §3.3 ReclaimPartnerCoupons (204 No Content)

export interface ReclaimPartnerCouponsReq {
  coupon_id: string;
  /** ≤ 100; `""` is not supported. */
  indirect_partner_id?: string;
}

export interface ReclaimPartnerCouponsRequest {
  body: ReclaimPartnerCouponsReq;
}

/** No body: the call answers 204. */
export type ReclaimPartnerCouponsResponse = Record<string, never>;

export const ReclaimPartnerCoupons = defineOperation<ReclaimPartnerCouponsRequest, ReclaimPartnerCouponsResponse>({
  name: 'ReclaimPartnerCoupons',
  method: 'POST',
  path: '/v2/promotions/benefits/partner-coupons/reclaim',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
  successStatus: 204,
});

// §3.4 ListPartnerCouponsRecord

export interface ListPartnerCouponsRecordRequest {
  /** ≤ 8 of `1`…`9`, repeated query keys; an empty list is applied as a filter. */
  operation_types?: string[];
  quota_id?: string;
  /** 0 voucher quota, 1 cash-coupon quota. */
  quota_type?: number;
  /** ≤ 100, repeated query keys; never send an empty list (it is applied as a filter). */
  coupon_ids?: string[];
  customer_id?: string;
  operation_time_begin?: string;
  operation_time_end?: string;
  /** `0` success, `-1` failure. */
  result?: string;
  offset?: number;
  limit?: number;
  indirect_partner_id?: string;
}

export interface CouponRecordV2 {
  id?: string;
  operation_type?: string;
  quota_id?: string;
  quota_type?: number;
  coupon_id?: string;
  customer_id?: string;
  operation_amount?: WireDecimal;
  operation_time?: string;
  result?: string;
  remark?: string;
}

export interface ListPartnerCouponsRecordResponse {
  total_count?: number;
  records?: CouponRecordV2[];
}

export const ListPartnerCouponsRecord = defineOperation<ListPartnerCouponsRecordRequest, ListPartnerCouponsRecordResponse>({
  name: 'ListPartnerCouponsRecord',
  method: 'GET',
  path: '/v2/promotions/benefits/partner-coupons/records/query',
  caller: 'partner',
  kind: 'read',
  query: [
    'operation_types', 'quota_id', 'quota_type', 'coupon_ids', 'customer_id', 'operation_time_begin',
    'operation_time_end', 'result', 'offset', 'limit', 'indirect_partner_id',
  ],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
  batch: { field: 'coupon_ids', max: 100 },
});

// §3.5 ListSubCustomerCoupons (partner or customer credentials)

export interface ListSubCustomerCouponsRequest {
  coupon_id?: string;
  order_id?: string;
  promotion_plan_id?: string;
  /** 1 voucher, 2 discount coupon, 3 product coupon, 4 cash coupon. */
  coupon_type?: number;
  status?: number;
  active_start_time?: string;
  active_end_time?: string;
  /** Must be used together with `limit`. */
  offset?: number;
  limit?: number;
  /** ≤ 255: the issuer; the partner id for partner coupons. */
  source_id?: string;
  indirect_partner_id?: string;
}

export interface IQueryUserCouponsResultV2 {
  coupon_id?: string;
  coupon_code?: string;
  status?: number;
  customer_id?: string;
  coupon_type?: number;
  measure_id?: number;
  /** float64: a JSON number. */
  face_value?: WireDecimal;
  valid_time?: string;
  expire_time?: string;
  order_id?: string;
  promotion_plan_id?: string;
  plan_name?: string;
  plan_desc?: string;
  media_type?: number;
  fetch_method?: number;
  use_limits?: ICouponUseLimitInfoV2[];
  active_time?: string;
  reserve_time?: string;
  promotion_id?: string;
  create_time?: string;
  /** 1 old (single use), 2 new (repeated use). */
  coupon_version?: number;
  balance?: WireDecimal;
  lock_order_id?: string;
  coupon_usage?: string;
  is_frozen?: string;
  currency?: string;
  extend_param1?: string;
  source_id?: string;
}

export interface ListSubCustomerCouponsResponse {
  count?: number;
  user_coupons?: IQueryUserCouponsResultV2[];
}

export const ListSubCustomerCoupons = defineOperation<ListSubCustomerCouponsRequest, ListSubCustomerCouponsResponse>({
  name: 'ListSubCustomerCoupons',
  method: 'GET',
  path: '/v2/promotions/benefits/coupons',
  caller: 'either',
  kind: 'read',
  query: [
    'coupon_id', 'order_id', 'promotion_plan_id', 'coupon_type', 'status', 'active_start_time', 'active_end_time',
    'offset', 'limit', 'source_id', 'indirect_partner_id',
  ],
  page: { maxLimit: 100, countField: 'count', itemsField: 'user_coupons', in: 'query' },
});

// §3.6 ListCustomerCouponChangeRecords (customer credentials)

export type CouponTradeType = 'ADJUST' | 'DEDEUCT' | 'REFUND' | 'RFROZEN' | 'EXPIRED' | 'COUPONADJUST' | 'COUPONCANCEL';

export interface ListCustomerCouponChangeRecordsRequest {
  balance_type: 'BALANCE_TYPE_COUPON';
  revenue_expense_type?: 'REVENUE' | 'EXPENSE';
  trade_type?: CouponTradeType;
  /** 0–128. */
  trade_id?: string;
  /** `YYYY-MM-DD` in UTC+8; `""` is rejected. */
  trade_time_begin?: string;
  trade_time_end?: string;
  coupon_id?: string;
  offset?: number;
  /** 1–100. */
  limit?: number;
}

export interface CustomerCouponChangeRecord {
  coupon_id?: string;
  trade_detail_type?: string;
  trade_time?: string;
  trade_id?: string;
  change_amount?: string;
  balance_after_change?: string;
  revenue_expense_type?: string;
  bill_cycle?: string;
  account_name?: string;
  cloud_service_type_name?: string;
  resource_type_name?: string;
}

export interface ListCustomerCouponChangeRecordsResponse {
  total_count?: number;
  currency?: string;
  records?: CustomerCouponChangeRecord[];
}

export const ListCustomerCouponChangeRecords = defineOperation<ListCustomerCouponChangeRecordsRequest, ListCustomerCouponChangeRecordsResponse>({
  name: 'ListCustomerCouponChangeRecords',
  method: 'GET',
  path: '/v2/promotions/benefits/account-change-records',
  caller: 'customer',
  kind: 'read',
  query: ['balance_type', 'revenue_expense_type', 'trade_type', 'trade_id', 'trade_time_begin', 'trade_time_end', 'coupon_id', 'offset', 'limit'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

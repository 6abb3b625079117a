/**
 * Operation specs for client tests, declared here (shaped like the real catalogue entries) so these tests
 * do not depend on the catalogues being written in parallel.
 */
import { defineOperation, type WireDecimal } from '../../../src/bss/operations/spec.js';

export interface CustomerInfo {
  customer_id: string;
  account_name: string;
}

export const ListSubCustomers = defineOperation<
  {
    body?: { account_name?: string; customer_id?: string; label?: string; association_type?: string; offset?: number; limit?: number; indirect_partner_id?: string };
  },
  { count?: number; customer_infos?: CustomerInfo[] }
>({
  name: 'ListSubCustomers',
  method: 'POST',
  path: '/v2/partners/sub-customers/query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  page: { maxLimit: 100, countField: 'count', itemsField: 'customer_infos', in: 'body' },
});

export interface AdjustRecord {
  id: string;
  amount: string;
}

export const ListPartnerAdjustRecords = defineOperation<
  { customer_id?: string; operation_type?: string; trans_id?: string; offset?: number; limit?: number; indirect_partner_id?: string },
  { total_count?: number; records?: AdjustRecord[] }
>({
  name: 'ListPartnerAdjustRecords',
  method: 'GET',
  path: '/v3/accounts/partner-accounts/adjust-records',
  caller: 'partner',
  kind: 'read',
  query: ['customer_id', 'operation_type', 'trans_id', 'offset', 'limit', 'indirect_partner_id'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

export const ListSubCustomerNewTag = defineOperation<
  { body?: { customer_ids?: string[]; offset?: number; limit?: number } },
  { new_customer_tags?: { customer_id: string; new_customer_tag: string }[] }
>({
  name: 'ListSubCustomerNewTag',
  method: 'POST',
  path: '/v2/partners/sub-customers/new-customers-tags/batch-query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  batch: { field: 'customer_ids', max: 200 },
  page: { maxLimit: 200, countField: null, itemsField: 'new_customer_tags', in: 'body' },
});

export const ListConversions = defineOperation<
  { x_language?: string; measure_type?: number },
  { conversions?: { measure_id: number; ref_measure_id: number; conversion_ratio: number }[] }
>({
  name: 'ListConversions',
  method: 'GET',
  path: '/v2/bases/conversions',
  caller: 'either',
  kind: 'read',
  query: ['measure_type'],
  language: true,
});

/** Not a real endpoint's parameter list: a GET with every kind of query value, for encoding tests. */
export const QueryShapes = defineOperation<
  { x_language?: string; a?: string | string[]; b?: string; measure_type?: number; flag?: boolean; empty?: string; nothing?: null; zed?: string },
  Record<string, never>
>({
  name: 'QueryShapes',
  method: 'GET',
  path: '/v2/bases/conversions',
  caller: 'partner',
  kind: 'read',
  query: ['zed', 'measure_type', 'b', 'a', 'flag', 'empty', 'nothing'],
  language: true,
});

export const ListPartnerCouponsRecord = defineOperation<
  { coupon_ids?: string[]; operation_types?: string[]; offset?: number; limit?: number },
  { total_count?: number; records?: { operation_amount: WireDecimal }[] }
>({
  name: 'ListPartnerCouponsRecord',
  method: 'GET',
  path: '/v2/promotions/benefits/partner-coupons/records/query',
  caller: 'partner',
  kind: 'read',
  query: ['coupon_ids', 'operation_types', 'offset', 'limit'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

export const ShowCustomerOrderDetails = defineOperation<
  { order_id: string; x_language?: string; offset?: number; limit?: number; indirect_partner_id?: string },
  { total_count?: number; order_info?: { order_id: string; amount_after_discount?: WireDecimal }; order_line_items?: unknown[] }
>({
  name: 'ShowCustomerOrderDetails',
  method: 'GET',
  path: '/v2/orders/customer-orders/details/{order_id}',
  caller: 'either',
  kind: 'read',
  pathParams: ['order_id'],
  query: ['offset', 'limit', 'indirect_partner_id'],
  language: true,
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'order_line_items', in: 'query' },
});

export const UpdateCustomerAccountAmount = defineOperation<
  { body: { customer_id: string; amount: unknown; indirect_partner_id?: string } },
  { transfer_id?: string }
>({
  name: 'UpdateCustomerAccountAmount',
  method: 'POST',
  path: '/v2/accounts/partner-accounts/adjust-amount',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

export const CheckUserIdentity = defineOperation<
  { body: { search_type: string; search_value: string } },
  { error_code?: string; error_msg?: string; check_result?: string }
>({
  name: 'CheckUserIdentity',
  method: 'POST',
  path: '/v2/partners/sub-customers/users/check-identity',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
});

export const ReclaimCouponQuotas = defineOperation<
  { body: { quota_ids: string[] } },
  { error_details?: { error_code: string; error_msg: string; id: string }[] }
>({
  name: 'ReclaimCouponQuotas',
  method: 'POST',
  path: '/v2/partners/coupon-quotas/indirect-partner-reclaim',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

export const ShowCustomerMonthlySum = defineOperation<
  { bill_cycle: string; service_type_code?: string; offset?: number; limit?: number; x_language?: string },
  { total_count?: number; consume_amount?: WireDecimal; bill_sums?: { consume_amount: WireDecimal }[] }
>({
  name: 'ShowCustomerMonthlySum',
  method: 'GET',
  path: '/v2/bills/customer-bills/monthly-sum',
  caller: 'customer',
  kind: 'read',
  query: ['bill_cycle', 'service_type_code', 'offset', 'limit'],
  language: true,
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'bill_sums', in: 'query' },
});

export const CancelCustomerOrder = defineOperation<{ body: { order_id: string } }, Record<string, never>>({
  name: 'CancelCustomerOrder',
  method: 'PUT',
  path: '/v2/orders/customer-orders/cancel',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
  successStatus: 204,
});

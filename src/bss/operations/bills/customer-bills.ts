/**
 * A customer's own bills (bss-api-commerce.md §4.4–4.7): the monthly summary, the transaction (flow)
 * records, the per-resource consumption records and the resource detail bills. Customer credentials only;
 * a partner calls them with a token exchanged for the customer's.
 */
import { defineOperation, type WireDecimal } from '../spec.js';

// ---- 4.4 ShowCustomerMonthlySum ------------------------------------------------------------------

export interface ShowCustomerMonthlySumRequest {
  /** `YYYY-MM` (UTC+8). */
  bill_cycle: string;
  service_type_code?: string;
  /** `0` default project, `-1` unattributed; `""` is rejected. */
  enterprise_project_id?: string;
  offset?: number;
  /** 1–1000. */
  limit?: number;
  /** `oneself` | `sub_customer` | `all` (default). */
  method?: string;
  /** Required iff `method=sub_customer`. */
  sub_customer_id?: string;
}

export interface BillSumRecordInfoV2 {
  bill_cycle: string;
  resource_type_code: string;
  resource_type_name: string;
  service_type_code: string;
  service_type_name: string;
  /** `1` yearly/monthly, `3` pay-per-use, `10` reserved instance. */
  charging_mode: number;
  official_amount: WireDecimal;
  official_discount_amount: WireDecimal;
  truncated_amount: WireDecimal;
  /** official − discount − truncated. */
  consume_amount: WireDecimal;
  coupon_amount: WireDecimal;
  flexipurchase_coupon_amount: WireDecimal;
  stored_value_card_amount: WireDecimal;
  cash_amount: WireDecimal;
  credit_amount: WireDecimal;
  debt_amount: WireDecimal;
  writeoff_amount: WireDecimal;
  measure_id: number;
  /** E4: `1` consumption, `2` refund, `3` adjustment. */
  bill_type: number;
  customer_id: string;
  account_name: string;
}

export interface ShowCustomerMonthlySumResponse {
  total_count: number;
  bill_sums: BillSumRecordInfoV2[];
  consume_amount: WireDecimal;
  debt_amount: WireDecimal;
  coupon_amount: WireDecimal;
  flexipurchase_coupon_amount: WireDecimal;
  stored_value_card_amount: WireDecimal;
  cash_amount: WireDecimal;
  credit_amount: WireDecimal;
  writeoff_amount: WireDecimal;
  measure_id: number;
  currency: string;
}

export const ShowCustomerMonthlySum = defineOperation<ShowCustomerMonthlySumRequest, ShowCustomerMonthlySumResponse>({
  name: 'ShowCustomerMonthlySum',
  method: 'GET',
  path: '/v2/bills/customer-bills/monthly-sum',
  caller: 'customer',
  kind: 'read',
  query: ['bill_cycle', 'service_type_code', 'enterprise_project_id', 'offset', 'limit', 'method', 'sub_customer_id'],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'bill_sums', in: 'query' },
});

// ---- 4.5 ListCustomerBillsFeeRecords -------------------------------------------------------------

export interface ListCustomerBillsFeeRecordsRequest {
  x_language?: string;
  bill_cycle: string;
  /** `1` Huawei Cloud, `2` KooGallery. */
  provider_type?: number;
  service_type_code?: string;
  resource_type_code?: string;
  region_code?: string;
  /** E1. */
  charging_mode?: number;
  /** E2. */
  bill_type?: number;
  trade_id?: string;
  enterprise_project_id?: string;
  include_zero_record?: boolean;
  /** `1` paid, `2` not fully settled, `3` not yet billed. */
  status?: number;
  method?: string;
  sub_customer_id?: string;
  offset?: number;
  /** 1–1000 (unverified). */
  limit?: number;
  bill_date_begin?: string;
  bill_date_end?: string;
}

export interface MonthlyBillRecord {
  bill_cycle: string;
  customer_id: string;
  account_name: string;
  service_type_code: string;
  service_type_name: string;
  resource_type_code: string;
  resource_type_name: string;
  region_code: string;
  region_name: string;
  enterprise_project_id: string;
  enterprise_project_name: string;
  charging_mode: number;
  consume_time: string;
  trade_time: string;
  provider_type: number;
  trade_id: string;
  id?: string;
  bill_type: number;
  status: number;
  /** = official_discount_amount + erase_amount + consume_amount. */
  official_amount: WireDecimal;
  official_discount_amount: WireDecimal;
  erase_amount: WireDecimal;
  consume_amount: WireDecimal;
  cash_amount: WireDecimal;
  credit_amount: WireDecimal;
  coupon_amount: WireDecimal;
  flexipurchase_coupon_amount: WireDecimal;
  stored_value_card_amount: WireDecimal;
  bonus_amount: WireDecimal;
  debt_amount: WireDecimal;
  writeoff_amount: WireDecimal;
}

export interface ListCustomerBillsFeeRecordsResponse {
  total_count: number;
  records: MonthlyBillRecord[];
  currency: string;
}

export const ListCustomerBillsFeeRecords = defineOperation<ListCustomerBillsFeeRecordsRequest, ListCustomerBillsFeeRecordsResponse>({
  name: 'ListCustomerBillsFeeRecords',
  method: 'GET',
  path: '/v2/bills/customer-bills/fee-records',
  caller: 'customer',
  kind: 'read',
  language: true,
  query: [
    'bill_cycle', 'provider_type', 'service_type_code', 'resource_type_code', 'region_code', 'charging_mode', 'bill_type',
    'trade_id', 'enterprise_project_id', 'include_zero_record', 'status', 'method', 'sub_customer_id', 'offset', 'limit',
    'bill_date_begin', 'bill_date_end',
  ],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'records', in: 'query' },
});

// ---- 4.6 ListCustomerselfResourceRecords ---------------------------------------------------------

export interface ListCustomerselfResourceRecordsRequest {
  x_language?: string;
  /** `YYYY-MM`; the legacy name, not `bill_cycle`. */
  cycle: string;
  cloud_service_type?: string;
  region?: string;
  /** E1 as a **string** (`"1"`, `"3"`, `"10"`, `"11"`). */
  charge_mode?: string;
  /** E2. */
  bill_type?: number;
  offset?: number;
  /** 1–1000. */
  limit?: number;
  resource_id?: string;
  enterprise_project_id?: string;
  include_zero_record?: boolean;
  method?: string;
  sub_customer_id?: string;
  trade_id?: string;
  bill_date_begin?: string;
  bill_date_end?: string;
  /** `1` per billing cycle, `3` per detail record (default). */
  statistic_type?: number;
}

export interface ResFeeRecordV2 {
  bill_date?: string;
  bill_type: number;
  customer_id: string;
  account_name: string;
  region: string;
  region_name: string;
  cloud_service_type: string;
  cloud_service_type_name: string;
  resource_type: string;
  resource_type_name: string;
  /** Pay-per-use only. */
  effective_time?: string;
  expire_time?: string;
  resource_id: string;
  resource_name: string;
  resource_tag?: string;
  product_id: string;
  product_name: string;
  product_spec_desc: string;
  sku_code: string;
  spec_size?: WireDecimal;
  spec_size_measure_id?: number;
  trade_id?: string;
  /** Not returned with `statistic_type=1`. */
  id?: string;
  trade_time?: string;
  enterprise_project_id: string;
  enterprise_project_name: string;
  /** E1 as a **string**. */
  charge_mode: string;
  /** Yearly/monthly usage records only. */
  order_id?: string;
  relative_order_id?: string;
  /** E5 as a **string**. */
  period_type: string;
  period_num?: WireDecimal;
  usage_type?: string;
  /** Not returned for yearly/monthly. */
  usage?: WireDecimal;
  usage_measure_id?: number;
  free_resource_usage?: WireDecimal;
  free_resource_measure_id?: number;
  ri_usage?: WireDecimal;
  ri_usage_measure_id?: number;
  unit_price?: WireDecimal;
  unit?: string;
  official_amount: WireDecimal;
  discount_amount: WireDecimal;
  /** 2 decimals = cash + credit + coupon + flexi-purchase + stored card + bonus + debt + adjustment. */
  amount: WireDecimal;
  cash_amount: WireDecimal;
  credit_amount: WireDecimal;
  coupon_amount: WireDecimal;
  flexipurchase_coupon_amount: WireDecimal;
  stored_card_amount: WireDecimal;
  bonus_amount: WireDecimal;
  debt_amount: WireDecimal;
  adjustment_amount: WireDecimal;
  measure_id: number;
  /** Not returned with `statistic_type=1`. */
  formula?: string;
  sub_service_type_code?: string;
  sub_service_type_name?: string;
  sub_resource_type_code?: string;
  sub_resource_type_name?: string;
  sub_resource_id?: string;
  sub_resource_name?: string;
  /** Only with `statistic_type=3`. */
  consume_time?: string;
}

export interface ListCustomerselfResourceRecordsResponse {
  fee_records: ResFeeRecordV2[];
  total_count: number;
  currency: string;
}

export const ListCustomerselfResourceRecords = defineOperation<ListCustomerselfResourceRecordsRequest, ListCustomerselfResourceRecordsResponse>({
  name: 'ListCustomerselfResourceRecords',
  method: 'GET',
  path: '/v2/bills/customer-bills/res-fee-records',
  caller: 'customer',
  kind: 'read',
  language: true,
  query: [
    'cycle', 'cloud_service_type', 'region', 'charge_mode', 'bill_type', 'offset', 'limit', 'resource_id',
    'enterprise_project_id', 'include_zero_record', 'method', 'sub_customer_id', 'trade_id', 'bill_date_begin',
    'bill_date_end', 'statistic_type',
  ],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'fee_records', in: 'query' },
});

// ---- 4.7 ListCustomerselfResourceRecordDetails ---------------------------------------------------

export interface QueryResRecordsDetailReq {
  /** `YYYY-MM`, ≥ `2019-01`. */
  cycle: string;
  cloud_service_type?: string;
  resource_type?: string;
  region?: string;
  res_instance_id?: string;
  /** E1, an int here. */
  charge_mode?: number;
  bill_type?: number;
  enterprise_project_id?: string;
  include_zero_record?: boolean;
  offset?: number;
  /** 1–1000 (unverified). */
  limit?: number;
  method?: string;
  sub_customer_id?: string;
  /** `1` per billing cycle (default), `2` per day, `3` per detail record. */
  statistic_type?: number;
  /** `BILLCYCLE` (default) or `DAILY` (only with `statistic_type` 2 or 3). */
  query_type?: string;
  /** `YYYY-MM-DD`; required when `query_type=DAILY`. */
  bill_cycle_begin?: string;
  bill_cycle_end?: string;
  payer_account_id?: string;
}

export interface ListCustomerselfResourceRecordDetailsRequest {
  x_language?: string;
  body: QueryResRecordsDetailReq;
}

export interface AzCodeInfo {
  az_code: string;
}

export interface RelationInfo {
  relative_resource_id: string;
  /** `PARENT` | `ROOT`. */
  relative_type: string;
}

export interface ResRelation {
  self_resource_id: string;
  relation_infos: RelationInfo[];
}

export interface MonthlyBillRes {
  cycle: string;
  /** Only with `statistic_type=2`, else null. */
  bill_date: string | null;
  bill_type: number;
  customer_id: string;
  account_name: string;
  region: string;
  region_name: string;
  cloud_service_type: string;
  cloud_service_type_name: string;
  /** Capital `T` on the wire. */
  resource_Type_code: string;
  resource_type_name: string;
  res_instance_id: string;
  resource_name: string;
  resource_tag?: string;
  sku_code: string;
  enterprise_project_id: string;
  enterprise_project_name: string;
  /** E1, an int here. */
  charge_mode: number;
  /** 2 decimals. */
  consume_amount: WireDecimal;
  cash_amount: WireDecimal;
  credit_amount: WireDecimal;
  coupon_amount: WireDecimal;
  flexipurchase_coupon_amount: WireDecimal;
  stored_card_amount: WireDecimal;
  bonus_amount: WireDecimal;
  debt_amount: WireDecimal;
  adjustment_amount: WireDecimal;
  official_amount: WireDecimal;
  discount_amount: WireDecimal;
  measure_id: number;
  period_type: number;
  period_num?: WireDecimal;
  root_resource_id?: string;
  parent_resource_id?: string;
  trade_id?: string;
  id?: string;
  product_spec_desc: string;
  sub_service_type_code?: string;
  sub_service_type_name?: string;
  sub_resource_type_code?: string;
  sub_resource_type_name?: string;
  sub_resource_id?: string;
  sub_resource_name?: string;
  pre_order_id?: string;
  az_code_infos?: AzCodeInfo[];
  payer_account_id: string;
  /** Only with `statistic_type=3`. */
  effective_time?: string;
  expire_time?: string;
  consume_time?: string;
  be_id?: string;
  extend_params?: ResRelation;
}

export interface ListCustomerselfResourceRecordDetailsResponse {
  monthly_records: MonthlyBillRes[];
  total_count: number;
  currency: string;
}

export const ListCustomerselfResourceRecordDetails = defineOperation<
  ListCustomerselfResourceRecordDetailsRequest,
  ListCustomerselfResourceRecordDetailsResponse
>({
  name: 'ListCustomerselfResourceRecordDetails',
  method: 'POST',
  path: '/v2/bills/customer-bills/res-records/query',
  caller: 'customer',
  kind: 'read',
  language: true,
  hasBody: true,
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'monthly_records', in: 'body' },
});

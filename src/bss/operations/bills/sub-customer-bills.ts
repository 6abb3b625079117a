/**
 * The partner's view of its customers' consumption (bss-api-commerce.md §4.1–4.3): monthly sums of
 * resale customers, one customer's consumption records, and which customers consumed in a cycle.
 * All three take partner credentials only.
 */
import { defineOperation, type WireDecimal } from '../spec.js';

// ---- 4.1 ListSubcustomerMonthlyBills -------------------------------------------------------------

export interface ListSubcustomerMonthlyBillsRequest {
  /** Absent = every resale customer in scope. */
  customer_id?: string;
  /** `YYYY-MM` (UTC+8). */
  cycle: string;
  cloud_service_type?: string;
  /** E1 as a **string**: `"1"` yearly/monthly, `"3"` pay-per-use, `"11"` savings plan. Required. */
  charge_mode: string;
  offset?: number;
  /** 1–100. */
  limit?: number;
  /** E3 as a string: `"0"` consumption, `"1"` unsubscription, `"2"` Huawei write-off. */
  bill_type?: string;
  /** A distributor reads one reseller's customers with it. */
  indirect_partner_id?: string;
}

export interface BalanceTypeDeductSumV2 {
  /** E15, e.g. `BALANCE_TYPE_DEBIT`. */
  balance_type: string;
  /** Negative for bill types `"1"` and `"2"`. */
  amount: WireDecimal;
  bill_type: string;
}

export interface BillSumInfoV2 {
  customer_id: string;
  cloud_service_type: string;
  cloud_service_type_name: string;
  resource_type_code: string;
  resource_type_name: string;
  /** E3, a string. */
  bill_type: string;
  /** E1, a string. */
  charge_mode: string;
  amount: WireDecimal;
  /** Absent for unsubscriptions and write-offs. */
  debt_amount?: WireDecimal;
  adjustment_amount?: WireDecimal;
  discount_amount?: WireDecimal;
  measure_id: number;
  account_details: BalanceTypeDeductSumV2[];
}

export interface ListSubcustomerMonthlyBillsResponse {
  bill_sums: BillSumInfoV2[];
  count: number;
  currency: string;
}

export const ListSubcustomerMonthlyBills = defineOperation<ListSubcustomerMonthlyBillsRequest, ListSubcustomerMonthlyBillsResponse>({
  name: 'ListSubcustomerMonthlyBills',
  method: 'GET',
  path: '/v2/bills/partner-bills/subcustomer-bills/monthly-sum',
  caller: 'partner',
  kind: 'read',
  query: ['customer_id', 'cycle', 'cloud_service_type', 'charge_mode', 'offset', 'limit', 'bill_type', 'indirect_partner_id'],
  page: { maxLimit: 100, countField: 'count', itemsField: 'bill_sums', in: 'query' },
});

// ---- 4.2 ListSubCustomerBillDetail ---------------------------------------------------------------

export interface ListSubCustomerBillDetailRequest {
  x_language?: string;
  /** `YYYY-MM`. */
  bill_cycle: string;
  customer_id: string;
  service_type_code?: string;
  region_code?: string;
  /** E1 (1, 3, 10, 11). */
  charging_mode?: number;
  /** E2. */
  bill_detail_type?: number;
  resource_id?: string;
  resource_name?: string;
  trade_id?: string;
  account_manager_id?: string;
  /** `"1"` referral, `"2"` reseller. */
  association_type?: string;
  offset?: number;
  /** 1–1000 (unverified). */
  limit?: number;
  indirect_partner_id?: string;
  /** `YYYY-MM-DD`, same month as `bill_cycle`; both or neither. */
  bill_date_begin?: string;
  bill_date_end?: string;
}

export interface SubCustomerMonthlyBillDetail {
  bill_cycle: string;
  customer_id: string;
  association_type: string;
  service_type_code: string;
  service_type_name: string;
  resource_type_code: string;
  resource_type_name: string;
  charging_mode: number;
  trade_time: string;
  trade_id: string;
  id: string;
  bill_detail_type: number;
  resource_id: string;
  resource_name: string;
  product_spec_desc: string;
  region_code: string;
  region_name: string;
  product_id: string;
  product_name: string;
  resource_tag?: string;
  consume_time: string;
  usage_type?: string;
  usage_amount?: WireDecimal;
  usage_measure_id?: number;
  free_resource_usage?: WireDecimal;
  free_resource_measure_id?: number;
  ri_usage?: WireDecimal;
  ri_usage_measure_id?: number;
  official_amount: WireDecimal;
  official_discount_amount: WireDecimal;
  payment_amount: WireDecimal;
  cash_amount: WireDecimal;
  credit_amount: WireDecimal;
  coupon_amount: WireDecimal;
  flexipurchase_coupon_amount: WireDecimal;
  stored_value_card_amount: WireDecimal;
  debt_amount: WireDecimal;
  writeoff_amount: WireDecimal;
  /** E5. */
  period_type: number;
  period_num?: WireDecimal;
  account_manager_id?: string;
  partner_id?: string;
  sub_service_type_code?: string;
  sub_service_type_name?: string;
  sub_resource_type_code?: string;
  sub_resource_type_name?: string;
  sub_resource_id?: string;
  sub_resource_name?: string;
}

export interface ListSubCustomerBillDetailResponse {
  total_count: number;
  currency: string;
  fee_records: SubCustomerMonthlyBillDetail[];
}

export const ListSubCustomerBillDetail = defineOperation<ListSubCustomerBillDetailRequest, ListSubCustomerBillDetailResponse>({
  name: 'ListSubCustomerBillDetail',
  method: 'GET',
  path: '/v2/bills/subcustomer-bills/res-fee-records',
  caller: 'partner',
  kind: 'read',
  language: true,
  query: [
    'bill_cycle', 'customer_id', 'service_type_code', 'region_code', 'charging_mode', 'bill_detail_type', 'resource_id',
    'resource_name', 'trade_id', 'account_manager_id', 'association_type', 'offset', 'limit', 'indirect_partner_id',
    'bill_date_begin', 'bill_date_end',
  ],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'fee_records', in: 'query' },
});

// ---- 4.3 ListConsumeSubCustomers -----------------------------------------------------------------

export interface ListConsumeSubCustomersReq {
  /** `YYYY-MM`, max 10. */
  bill_cycle: string;
  /** 0–2147483646. */
  offset?: number;
  /** 1–100. */
  limit?: number;
}

export interface ListConsumeSubCustomersRequest {
  x_language?: string;
  body: ListConsumeSubCustomersReq;
}

export interface SubCustomerInfoV3 {
  customer_id: string;
}

export interface ListConsumeSubCustomersResponse {
  sub_customers: SubCustomerInfoV3[];
  total_count: number;
}

export const ListConsumeSubCustomers = defineOperation<ListConsumeSubCustomersRequest, ListConsumeSubCustomersResponse>({
  name: 'ListConsumeSubCustomers',
  method: 'POST',
  path: '/v2/bills/subcustomer-bills/res-fee-records/sub-customers/query',
  caller: 'partner',
  kind: 'read',
  language: true,
  hasBody: true,
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'sub_customers', in: 'body' },
});

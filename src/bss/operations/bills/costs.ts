/**
 * Cost Center (bss-api-commerce.md §4.10–4.11): amortised monthly cost records and the cost-analysis
 * aggregation. Customer credentials only. ListCosts answers money as strings, the breakdown as numbers.
 */
import { defineOperation, type WireDecimal } from '../spec.js';

// ---- 4.10 ListCustomerBillsMonthlyBreakDown ------------------------------------------------------

export interface ListCustomerBillsMonthlyBreakDownRequest {
  x_language?: string;
  /** `YYYY-MM` (UTC+8), the last 18 months. */
  shared_month: string;
  service_type_code?: string;
  resource_type_code?: string;
  region_code?: string;
  /** E1. */
  charging_mode?: number;
  /** E2. */
  bill_type?: number;
  offset?: number;
  /** 1–1000. */
  limit?: number;
  resource_id?: string;
  resource_name?: string;
  enterprise_project_id?: string;
  method?: string;
  sub_customer_id?: string;
}

export interface TagPair {
  tag_key: string;
  tag_value: string;
}

export interface CostUnitPair {
  cost_unit_name: string;
  cost_unit_rule_value: string;
}

export interface NvlCostAnalysedBillDetail {
  shared_month: string;
  bill_cycle: string;
  bill_type: number;
  customer_id: string;
  region_code: string;
  region_name: string;
  service_type_code: string;
  service_type_name: string;
  resource_type_code: string;
  resource_type_name: string;
  /** Pay-per-use only. */
  effective_time?: string;
  expire_time?: string;
  resource_id: string;
  resource_name: string;
  resource_tag?: string;
  product_spec_desc: string;
  enterprise_project_id: string;
  enterprise_project_name: string;
  charging_mode: number;
  /** Yearly/monthly only. */
  order_id?: string;
  period_type: number;
  usage_type?: string;
  usage?: WireDecimal;
  usage_measure_id?: number;
  free_resource_usage?: WireDecimal;
  free_resource_measure_id?: number;
  ri_usage?: WireDecimal;
  ri_usage_measure_id?: number;
  /** past + current + future. */
  consume_amount: WireDecimal;
  past_months_amortized_amount: WireDecimal;
  current_month_amortized_amount: WireDecimal;
  future_months_amortized_amount: WireDecimal;
  amortized_cash_amount: WireDecimal;
  amortized_credit_amount: WireDecimal;
  amortized_coupon_amount: WireDecimal;
  amortized_flexipurchase_coupon_amount: WireDecimal;
  amortized_stored_value_card_amount: WireDecimal;
  amortized_bonus_amount: WireDecimal;
  sub_service_type_code?: string;
  sub_service_type_name?: string;
  sub_resource_type_code?: string;
  sub_resource_type_name?: string;
  sub_resource_id?: string;
  sub_resource_name?: string;
  effective_tag_pairs?: TagPair[];
  cost_unit_pairs?: CostUnitPair[];
}

export interface ListCustomerBillsMonthlyBreakDownResponse {
  currency: string;
  total_count: number;
  details: NvlCostAnalysedBillDetail[];
}

export const ListCustomerBillsMonthlyBreakDown = defineOperation<
  ListCustomerBillsMonthlyBreakDownRequest,
  ListCustomerBillsMonthlyBreakDownResponse
>({
  name: 'ListCustomerBillsMonthlyBreakDown',
  method: 'GET',
  path: '/v2/costs/cost-analysed-bills/monthly-breakdown',
  caller: 'customer',
  kind: 'read',
  language: true,
  query: [
    'shared_month', 'service_type_code', 'resource_type_code', 'region_code', 'charging_mode', 'bill_type', 'offset',
    'limit', 'resource_id', 'resource_name', 'enterprise_project_id', 'method', 'sub_customer_id',
  ],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'details', in: 'query' },
});

// ---- 4.11 ListCosts ------------------------------------------------------------------------------

export interface TimeCondition {
  /** `1` day, `2` month. */
  time_measure_id: number;
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  begin_time: string;
  end_time: string;
}

export interface GroupBy {
  /** `dimension` (default) | `tag` | `cost_unit`. */
  type: string;
  /** The tag or cost-unit key, or a dimension such as `CLOUD_SERVICE_TYPE`. */
  key: string;
}

export interface FilterFactor {
  key: string;
  value: string[];
}

export interface FilterV2 {
  /** `0` include only, `1` exclude. */
  operator: number;
  filter_factor: FilterFactor;
}

export interface ListCostsReq {
  time_condition: TimeCondition;
  /** At most 2; not two `tag`s nor two `cost_unit`s. */
  groupby: GroupBy[];
  /** `ORIGINAL_COST` | `AMORTIZED_COST`. */
  cost_type: string;
  /** `PAYMENT_AMOUNT` | `NET_AMOUNT`. */
  amount_type: string;
  /** 0–200000. */
  offset?: number;
  /** 1–1000. */
  limit?: number;
  /** 0–100 items. */
  filters?: FilterV2[];
}

export interface ListCostsRequest {
  x_language?: string;
  body: ListCostsReq;
}

export interface DimensionGroup {
  key: string;
  value: string;
}

export interface Cost {
  /** `yyyy-mm-dd` or `yyyy-mm`. */
  time_dimension_value: string;
  time_measure_id: number;
  /** Money-string. */
  amount: string;
  official_amount: string;
}

export interface CostDataByDimension {
  dimensions: DimensionGroup[];
  costs: Cost[];
  /** Money-string: the total over the whole range. */
  amount_by_costs: string;
  official_amount_by_costs: string;
}

export interface ListCostsResponse {
  currency: string;
  total_count: number;
  cost_data: CostDataByDimension[];
}

// The filter value lists can carry many RESOURCE_IDs, but their size is undocumented and they are filters,
// not a lookup by id, so no `batch` spec: a DataLoader should not chunk them.
export const ListCosts = defineOperation<ListCostsRequest, ListCostsResponse>({
  name: 'ListCosts',
  method: 'POST',
  path: '/v4/costs/cost-analysed-bills/query',
  caller: 'customer',
  kind: 'read',
  language: true,
  hasBody: true,
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'cost_data', in: 'body' },
});

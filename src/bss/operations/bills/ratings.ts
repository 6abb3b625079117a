/**
 * Price inquiries (bss-api-commerce.md §4.12–4.14): pay-per-use, new yearly/monthly, and renewal of
 * existing yearly/monthly resources. All are reads (POST only because the query is a body). The first two
 * batch by `product_infos`, correlated by the caller's `id`; renewal batches by `resource_ids`.
 */
import { defineOperation, type WireDecimal } from '../spec.js';

/** One `FailResourceInfo` (§6). */
export interface FailResourceInfo {
  error_code: string;
  error_msg: string;
  resource_id: string;
}

// ---- 4.12 ListOnDemandResourceRatings ------------------------------------------------------------

export interface DemandProductInfo {
  /** Unique within the request; echoed in the results. */
  id: string;
  cloud_service_type: string;
  resource_type: string;
  resource_spec: string;
  region: string;
  available_zone?: string;
  /** Required for linear products (disk GB, bandwidth Mbps). */
  resource_size?: number;
  /** `15` Mbps, `17` GB, `14` count; required for linear products. */
  size_measure_id?: number;
  /** A usage-type code from 5.4, case-insensitive. */
  usage_factor: string;
  usage_value: WireDecimal;
  usage_measure_id: number;
  subscription_num: number;
}

export interface RateOnDemandReq {
  project_id: string;
  /** `0` (default) up to 6 decimals, `1` up to 10. */
  inquiry_precision?: number;
  /** At most 100. */
  product_infos: DemandProductInfo[];
}

export interface ListOnDemandResourceRatingsRequest {
  body: RateOnDemandReq;
}

export interface DemandDiscountRatingResult {
  discount_id: string;
  /** E14. */
  discount_type: number;
  amount: WireDecimal;
  measure_id: number;
  discount_name: string;
}

export interface DemandProductRatingResult {
  id: string;
  product_id: string;
  amount: WireDecimal;
  discount_amount: WireDecimal;
  official_website_amount: WireDecimal;
  measure_id: number;
  discount_rating_results: DemandDiscountRatingResult[];
}

export interface ListOnDemandResourceRatingsResponse {
  amount: WireDecimal;
  discount_amount: WireDecimal;
  official_website_amount: WireDecimal;
  measure_id: number;
  /** Empty means CNY. */
  currency: string;
  product_rating_results: DemandProductRatingResult[];
}

export const ListOnDemandResourceRatings = defineOperation<ListOnDemandResourceRatingsRequest, ListOnDemandResourceRatingsResponse>({
  name: 'ListOnDemandResourceRatings',
  method: 'POST',
  path: '/v2/bills/ratings/on-demand-resources',
  caller: 'either',
  kind: 'read',
  hasBody: true,
  batch: { field: 'product_infos', max: 100 },
});

// ---- 4.13 ListRateOnPeriodDetail -----------------------------------------------------------------

export interface PeriodProductInfo {
  id: string;
  cloud_service_type: string;
  resource_type: string;
  resource_spec: string;
  region: string;
  available_zone?: string;
  resource_size?: number;
  size_measure_id?: number;
  /** `0` day, `2` month, `3` year, `4` hour. */
  period_type: number;
  period_num: number;
  subscription_num: number;
  /** `HALF_PAY` | `ZERO_PAY` | `NA` (default); CloudPond only. */
  fee_installment_mode?: string;
}

export interface RateOnPeriodReq {
  project_id: string;
  /** At most 100 (unverified). */
  product_infos: PeriodProductInfo[];
}

export interface ListRateOnPeriodDetailRequest {
  body: RateOnPeriodReq;
}

export interface PeriodProductOfficialRatingResult {
  id: string;
  product_id: string;
  official_website_amount: WireDecimal;
  measure_id: number;
  installment_official_website_amount?: string;
  installment_period_type?: number;
}

export interface OfficialWebsiteRatingResult {
  official_website_amount: WireDecimal;
  installment_official_website_amount?: string;
  installment_period_type?: number;
  measure_id: number;
  product_rating_results: PeriodProductOfficialRatingResult[];
}

export interface PeriodProductRatingResult {
  id: string;
  product_id: string;
  amount: WireDecimal;
  official_website_amount: WireDecimal;
  discount_amount: WireDecimal;
  measure_id: number;
  installment_official_website_amount?: string;
  installment_official_discount_amount?: string;
  installment_amount?: string;
  installment_period_type?: number;
}

export interface OptionalDiscountRatingResult {
  discount_id: string;
  /** list − discount. */
  amount: WireDecimal;
  official_website_amount: WireDecimal;
  discount_amount: WireDecimal;
  measure_id: number;
  /** E14. */
  discount_type: number;
  discount_name: string;
  /** `1` = the best of the commercial and partner discounts. */
  best_offer: number;
  product_rating_results: PeriodProductRatingResult[];
  installment_official_website_amount?: string;
  installment_official_discount_amount?: string;
  installment_amount?: string;
  installment_period_type?: number;
}

export interface ListRateOnPeriodDetailResponse {
  official_website_rating_result: OfficialWebsiteRatingResult;
  /** Present only when discounts exist. */
  optional_discount_rating_results?: OptionalDiscountRatingResult[];
  currency: string;
}

export const ListRateOnPeriodDetail = defineOperation<ListRateOnPeriodDetailRequest, ListRateOnPeriodDetailResponse>({
  name: 'ListRateOnPeriodDetail',
  method: 'POST',
  path: '/v2/bills/ratings/period-resources/subscribe-rate',
  caller: 'either',
  kind: 'read',
  hasBody: true,
  batch: { field: 'product_infos', max: 100 },
  // huawei-auth-and-errors.md §9.4: the one BSS API documented above the default quota.
  ratePerSecond: 30,
});

// ---- 4.14 ListRenewRateOnPeriod ------------------------------------------------------------------

export interface ListRenewRateOnPeriodReq {
  /** 1–10 main resource ids. */
  resource_ids: string[];
  /** `2` month, `3` year. */
  period_type: number;
  /** Months 1–11, years 1–3. */
  period_num: number;
  include_relative_resources?: boolean;
}

export interface ListRenewRateOnPeriodRequest {
  body: ListRenewRateOnPeriodReq;
}

export interface RenewInquiryResultInfo {
  resource_id: string;
  /** Money-string. */
  amount: string;
}

export interface OfficialWebsiteRatingResultV2 {
  official_website_amount: string;
  installment_official_website_amount?: string;
  installment_period_type?: number;
}

export interface OptionalDiscountRatingResultV2 {
  discount_id: string;
  amount: string;
  official_website_amount: string;
  discount_amount: string;
  discount_type: number;
  discount_name: string;
  best_offer: number;
  installment_official_website_amount?: string;
  installment_official_discount_amount?: string;
  installment_amount?: string;
  installment_period_type?: number;
}

export interface ListRenewRateOnPeriodResponse {
  /** `CNY` or `USD`. */
  currency: string;
  renew_inquiry_results: RenewInquiryResultInfo[];
  official_website_rating_result: OfficialWebsiteRatingResultV2;
  optional_discount_rating_results: OptionalDiscountRatingResultV2[];
  fail_resource_infos: FailResourceInfo[];
}

export const ListRenewRateOnPeriod = defineOperation<ListRenewRateOnPeriodRequest, ListRenewRateOnPeriodResponse>({
  name: 'ListRenewRateOnPeriod',
  method: 'POST',
  path: '/v2/bills/ratings/period-resources/renew-rate',
  caller: 'customer',
  kind: 'read',
  hasBody: true,
  batch: { field: 'resource_ids', max: 10 },
});

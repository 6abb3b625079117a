/**
 * Wire models shared by several partner operations (bss-api-partners.md §4). Response fields are
 * optional where the SDK declares them as pointers, which is every field the reference does not mark
 * required.
 */

/** A per-item failure of a batch mutation (§1.9, §1.10, §3.2, retired §2.14). */
export interface ErrorDetail {
  error_code?: string;
  error_msg?: string;
  /** The failed item: reseller id (§1.9), quota id (§1.10), customer id (§3.2, §2.14). */
  id?: string;
}

export interface LimitValue {
  value1?: string;
  value2?: string;
}

/** A restriction attached to a coupon quota; keys and values are opaque strings (§4). */
export interface QuotaLimitInfo {
  limit_key?: string;
  limit_values?: LimitValue[];
}

/** A coupon usage restriction. `use_limiti_info_id` is Huawei's spelling. */
export interface ICouponUseLimitInfoV2 {
  use_limiti_info_id?: string;
  limit_key?: string;
  value1?: string;
  value2?: string;
  value_unit?: string;
  limit_type?: string;
  promotion_plan_id?: string;
}

export interface AccountManager {
  account_name?: string;
}

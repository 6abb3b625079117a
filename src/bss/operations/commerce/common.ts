/**
 * Nested wire models shared by the order and resource endpoints (bss-api-commerce.md §6). Response
 * fields are optional unless the reference says they are always present: the SDK models them as
 * `omitempty` pointers, so a real answer may leave any of them out.
 */
import type { WireDecimal } from '../spec.js';

/** One fee or discount item; `discount_type` is an E13 code sent as a string (`"607"`). */
export interface DiscountItemV2 {
  discount_type?: string;
  discount_amount?: WireDecimal;
}

/** Fee breakdown of an order or line item (the model name's misspelling is Huawei's). */
export interface AmountInfomationV2 {
  discounts?: DiscountItemV2[];
  flexipurchase_coupon_amount?: WireDecimal;
  coupon_amount?: WireDecimal;
  stored_card_amount?: WireDecimal;
  /** Handling fee, unsubscription orders only. */
  commission_amount?: WireDecimal;
  /** Consumed amount, unsubscription orders only. */
  consumed_amount?: WireDecimal;
}

export interface EnterpriseProject {
  id?: string;
  name?: string;
}

/** A per-resource failure inside a 200 answer (renew, unsubscribe). */
export interface FailResourceInfo {
  error_code?: string;
  error_msg?: string;
  resource_id?: string;
}

/** A per-item failure inside a 200 answer (to-on-demand: `id` is the resource id). */
export interface ErrorDetail {
  error_code?: string;
  error_msg?: string;
  id?: string;
}

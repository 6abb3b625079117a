/**
 * Yearly/monthly orders (bss-api-commerce.md §2): list, details with line items, cancel, pay, the coupons
 * and discounts a pending order may use, and where an unsubscription's refund came from.
 */
import { defineOperation, type WireDecimal } from '../spec.js';
import type { AmountInfomationV2, EnterpriseProject } from './common.js';

// ---------------------------------------------------------------------------------------------------------
// 2.1 ListCustomerOrders

export interface ListCustomerOrdersRequest {
  order_id?: string;
  customer_id?: string;
  /** UTC `yyyy-MM-ddTHH:mm:ssZ`; begin and end at most one year apart. */
  create_time_begin?: string;
  create_time_end?: string;
  service_type_code?: string;
  /** E7 subset accepted as a filter: 1, 3, 4, 5, 6, 9. */
  status?: number;
  /** E8 code, sent as a string (`"1"`). */
  order_type?: string;
  limit?: number;
  offset?: number;
  /** `createTime` (ascending) or `-createTime` (descending). */
  order_by?: string;
  payment_time_begin?: string;
  payment_time_end?: string;
  indirect_partner_id?: string;
  method?: 'oneself' | 'sub_customer';
}

export interface AgentPayInfoV2 {
  paying_agent_id?: string;
  is_agent_pay?: boolean;
}

/** The fields a sub-order shares with its combined-transaction order. */
export interface SubCustomerOrderV2 {
  order_id?: string;
  customer_id?: string;
  service_type_code?: string;
  service_type_name?: string;
  /** E9. */
  source_type?: number;
  /** E7. */
  status?: number;
  /** E8 (an int here, a string in the filter). */
  order_type?: number;
  amount_after_discount?: WireDecimal;
  official_amount?: WireDecimal;
  measure_id?: number;
  create_time?: string;
  payment_time?: string;
  currency?: string;
  contract_id?: string;
  amount_info?: AmountInfomationV2;
  enterprise_projects?: EnterpriseProject[];
}

export interface CustomerOrderV2 extends SubCustomerOrderV2 {
  /** Only for combined-transaction orders. */
  sub_order_infos?: SubCustomerOrderV2[];
  agent_pay_info?: AgentPayInfoV2;
}

export interface ListCustomerOrdersResponse {
  total_count?: number;
  order_infos?: CustomerOrderV2[];
}

export const ListCustomerOrders = defineOperation<ListCustomerOrdersRequest, ListCustomerOrdersResponse>({
  name: 'ListCustomerOrders',
  method: 'GET',
  path: '/v2/orders/customer-orders',
  caller: 'either',
  kind: 'read',
  query: [
    'order_id', 'customer_id', 'create_time_begin', 'create_time_end', 'service_type_code', 'status', 'order_type',
    'limit', 'offset', 'order_by', 'payment_time_begin', 'payment_time_end', 'indirect_partner_id', 'method',
  ],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'order_infos', in: 'query' },
});

// ---------------------------------------------------------------------------------------------------------
// 2.2 ShowCustomerOrderDetails

export interface ShowCustomerOrderDetailsRequest {
  order_id: string;
  limit?: number;
  offset?: number;
  indirect_partner_id?: string;
  x_language?: string;
}

/** §2.2: the CustomerOrderV2 fields without `enterprise_projects` (and `agent_pay_info`), plus these. */
export interface SubCustomerOrderV3 extends Omit<SubCustomerOrderV2, 'enterprise_projects'> {
  /** The operator's login name, or "运营人员" / "运营系统" for orders made by Huawei staff or the system. */
  user_name?: string;
  pending_payment_end_time?: string;
}

export interface CustomerOrderV3 extends SubCustomerOrderV3 {
  sub_order_infos?: SubCustomerOrderV3[];
}

export interface ProductObject {
  product_id?: string;
  product_spec_desc?: string;
  category_code?: string;
  product_owner_service?: string;
  commercial_resource?: string;
}

export interface OrderLineItemEntityV2 {
  order_line_item_id?: string;
  service_type_code?: string;
  service_type_name?: string;
  product_id?: string;
  product_spec_desc?: string;
  /** E6. */
  period_type?: number;
  /** Null for unsubscription orders. */
  period_num?: number | null;
  effective_time?: string;
  expire_time?: string;
  subscription_num?: number;
  amount_after_discount?: WireDecimal;
  official_amount?: WireDecimal;
  amount_info?: AmountInfomationV2;
  currency?: string;
  category_code?: string;
  product_owner_service?: string;
  commercial_resource?: string;
  base_product_info?: ProductObject;
  /** The (sub-)order this line belongs to. */
  order_id?: string;
}

export interface ShowCustomerOrderDetailsResponse {
  /** Number of line items. */
  total_count?: number;
  order_info?: CustomerOrderV3;
  order_line_items?: OrderLineItemEntityV2[];
}

export const ShowCustomerOrderDetails = defineOperation<ShowCustomerOrderDetailsRequest, ShowCustomerOrderDetailsResponse>({
  name: 'ShowCustomerOrderDetails',
  method: 'GET',
  path: '/v2/orders/customer-orders/details/{order_id}',
  caller: 'either',
  kind: 'read',
  pathParams: ['order_id'],
  query: ['limit', 'offset', 'indirect_partner_id'],
  language: true,
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'order_line_items', in: 'query' },
});

// ---------------------------------------------------------------------------------------------------------
// 2.3 CancelCustomerOrder

export interface CancelCustomerOrderReq {
  order_id: string;
}

export interface CancelCustomerOrderRequest {
  body: CancelCustomerOrderReq;
}

export const CancelCustomerOrder = defineOperation<CancelCustomerOrderRequest, void>({
  name: 'CancelCustomerOrder',
  method: 'PUT',
  path: '/v2/orders/customer-orders/cancel',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
  successStatus: 204,
});

// ---------------------------------------------------------------------------------------------------------
// 2.4 PayOrders

export interface CouponSimpleInfoOrderPayV3 {
  /** A `coupon_id` from ListOrderCouponsByOrderId. */
  id: string;
  /** 300 discount coupon, 301 cash coupon, 302 flexi-purchase coupon, 303 stored-value card. */
  type: number;
}

export interface DiscountSimpleInfoV3 {
  /** A `discount_id` from ListOrderDiscounts. */
  id: string;
  /** 0 promotional, 2 commercial, 3 partner-granted. */
  type: number;
}

export interface PayCustomerOrderV3Req {
  order_id: string;
  use_coupon: 'YES' | 'NO';
  use_discount: 'YES' | 'NO';
  /** 0–3 items; required with `use_coupon: YES`, absent with `NO`. */
  coupon_infos?: CouponSimpleInfoOrderPayV3[];
  /** 0–1 item; required with `use_discount: YES`, absent with `NO`. */
  discount_infos?: DiscountSimpleInfoV3[];
}

export interface PayOrdersRequest {
  body: PayCustomerOrderV3Req;
}

export const PayOrders = defineOperation<PayOrdersRequest, void>({
  name: 'PayOrders',
  method: 'POST',
  path: '/v3/orders/customer-orders/pay',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
  // The SDK response model is empty; 204 is confirmed only for CancelCustomerOrder (§8).
  successStatus: 204,
});

// ---------------------------------------------------------------------------------------------------------
// 2.5 ListOrderCouponsByOrderId

export interface ListOrderCouponsByOrderIdRequest {
  order_id: string;
}

export interface LimitInfoV2 {
  /** Restriction id (the field name's misspelling is Huawei's). */
  use_limiti_info_id?: string;
  /** e.g. `simultaneousUseWithEmpowerDiscount`, `minConsumeDiscount`. */
  limit_key?: string;
  value1?: string;
  value2?: string;
  value_unit?: string;
  limit_type?: string;
  promotion_plan_id?: string;
}

export interface CouponInfoV2 {
  coupon_id?: string;
  coupon_code?: string;
  /** 1 not activated, 2 ready to use. */
  status?: number;
  /** 1 cash coupon, 2 discount coupon, 3 product coupon, 4 flexi-purchase coupon. */
  coupon_type?: number;
  measure_id?: number;
  face_value?: WireDecimal;
  effective_time?: string;
  expire_time?: string;
  plan_name?: string;
  plan_desc?: string;
  use_limits?: LimitInfoV2[];
  active_time?: string;
  last_used_time?: string;
  create_time?: string;
  /** 1 legacy, 2 new (cash coupons only). */
  coupon_version?: number;
  balance?: WireDecimal;
  used_by_order_id?: string;
  coupon_usage?: string;
  /** 0 other Huawei Cloud coupons, 1 KooGallery, 2 "1024" cash coupon, 3 hardware only. */
  coupon_group?: number;
}

export interface CouponMaxUseQuantity {
  coupon_type?: number;
  coupon_group?: number;
  use_quantity_value?: number;
}

export interface ListOrderCouponsByOrderIdResponse {
  count?: number;
  user_coupons?: CouponInfoV2[];
  coupon_max_use_quantity?: CouponMaxUseQuantity[];
}

export const ListOrderCouponsByOrderId = defineOperation<ListOrderCouponsByOrderIdRequest, ListOrderCouponsByOrderIdResponse>({
  name: 'ListOrderCouponsByOrderId',
  method: 'GET',
  path: '/v2/orders/customer-orders/order-coupons',
  caller: 'customer',
  kind: 'read',
  query: ['order_id'],
});

// ---------------------------------------------------------------------------------------------------------
// 2.6 ListOrderDiscounts (every field always present: not omitempty in the SDK)

export interface ListOrderDiscountsRequest {
  order_id: string;
}

export interface OrderLineItemV3 {
  /** Line items merged because they share product, spec and final price. */
  order_line_item_ids: string[];
  /** 0 percentage, 1 fixed price, 2 amount off. */
  discount_mode: number;
  discount_amount: WireDecimal | null;
  discount_ratio: WireDecimal | null;
}

export interface OrderV3 {
  order_id: string;
  order_line_items: OrderLineItemV3[];
}

export interface DiscountInfoV3 {
  discount_id: string;
  /** Rate or amount off; empty for fixed-price mode. */
  discount_value: string;
  /** 0 promotional, 1 contract, 2 commercial, 3 partner-granted, 609 order price adjustment. */
  discount_type: number;
  orders: OrderV3[];
}

export interface ListOrderDiscountsResponse {
  discounts?: DiscountInfoV3[];
}

export const ListOrderDiscounts = defineOperation<ListOrderDiscountsRequest, ListOrderDiscountsResponse>({
  name: 'ListOrderDiscounts',
  method: 'GET',
  path: '/v2/orders/customer-orders/order-discounts',
  caller: 'customer',
  kind: 'read',
  query: ['order_id'],
});

// ---------------------------------------------------------------------------------------------------------
// 2.7 ShowRefundOrderDetails

export interface ShowRefundOrderDetailsRequest {
  /** The unsubscription or downgrade order. */
  order_id: string;
  /** Required when a partner asks. */
  customer_id?: string;
  indirect_partner_id?: string;
}

export interface OrderRefundInfoV2 {
  id: string;
  /** Negative: refunded; positive: already consumed, or a fee withheld. Yuan. */
  amount: WireDecimal;
  /** `"1"` = yuan: a string here, an int everywhere else. */
  measure_id: string;
  customer_id: string;
  resource_type_code: string;
  service_type_code: string;
  resource_type_name?: string;
  service_type_name?: string;
  region_code: string;
  base_order_id?: string;
}

export interface ShowRefundOrderDetailsResponse {
  total_count?: number;
  refund_infos?: OrderRefundInfoV2[];
}

export const ShowRefundOrderDetails = defineOperation<ShowRefundOrderDetailsRequest, ShowRefundOrderDetailsResponse>({
  name: 'ShowRefundOrderDetails',
  method: 'GET',
  path: '/v2/orders/customer-orders/refund-orders',
  caller: 'either',
  kind: 'read',
  query: ['order_id', 'customer_id', 'indirect_partner_id'],
});

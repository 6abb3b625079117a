/**
 * Commerce records in their wire shapes. Order and coupon amounts are `float` fields and refund amounts
 * and spec sizes `decimal` ones: both travel as bare JSON numbers, written from the exact decimal with
 * `wireNumber` (bss-api-commerce.md §0.6). Optional fields with nothing to say are left out, as the SDK's
 * `omitempty` models do.
 */
import type { Decimal } from 'decimal.js';
import { wireNumber } from '../../../bss/wire-json.js';
import { SERVICE_TYPE_BY_CODE, type Language, type ResourceTypeDef } from '../../dataset/reference.js';
import { sumAmounts, type AmountBreakdown } from '../../dataset/commerce/pricing.js';
import { formatUtc } from '../../dataset/commerce/time.js';
import { onDemandStatus, periodStatus } from '../../dataset/commerce/status.js';
import type { CouponState } from '../../dataset/partners/coupons.js';
import type {
  CommerceBook, DiscountOffer, LineItemRecord, OrderRecord, RefundRecord, ResourceRecord,
} from '../../dataset/commerce/types.js';

type Json = Record<string, unknown>;

/** A `float`/`decimal` money field: a JSON number with two decimals. */
export const money = (amount: Decimal): unknown => wireNumber(amount.toFixed(2));

export function serviceTypeName(code: string, lang: Language): string {
  return SERVICE_TYPE_BY_CODE.get(code)?.name[lang] ?? code;
}

export function amountInfo(a: AmountBreakdown): Json {
  return {
    discounts: [...a.discounts].map(([type, amount]) => ({ discount_type: type, discount_amount: money(amount) })),
    flexipurchase_coupon_amount: money(a.flexiCoupon),
    coupon_amount: money(a.coupon),
    stored_card_amount: money(a.storedCard),
    commission_amount: money(a.commission),
    consumed_amount: money(a.consumed),
  };
}

/** Header fields shared by CustomerOrderV2/V3 and their sub-orders. */
function orderHeader(order: OrderRecord, lang: Language): Json {
  const amounts = sumAmounts(order.lines.map((l) => l.amounts));
  const header: Json = {
    order_id: order.orderId,
    customer_id: order.customerId,
    service_type_code: order.serviceTypeCode,
    service_type_name: serviceTypeName(order.serviceTypeCode, lang),
    source_type: order.sourceType,
    status: order.status,
    order_type: order.orderType,
    amount_after_discount: money(amounts.afterDiscount),
    official_amount: money(amounts.official),
    measure_id: 1,
    create_time: formatUtc(order.createdAt),
  };
  if (order.paidAt) header['payment_time'] = formatUtc(order.paidAt);
  header['currency'] = 'CNY';
  if (order.contractId) header['contract_id'] = order.contractId;
  header['amount_info'] = amountInfo(amounts);
  return header;
}

function enterpriseProjects(book: CommerceBook, order: OrderRecord): Json[] {
  const seen = new Map<string, string>();
  for (const id of order.resourceIds) {
    const ep = book.resourceById.get(id)?.enterpriseProject;
    if (ep) seen.set(ep.id, ep.name);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** CustomerOrderV2 (ListCustomerOrders); sub-orders leave out `sub_order_infos` and `agent_pay_info`. */
export function orderV2(book: CommerceBook, order: OrderRecord, lang: Language): Json {
  const sub = (o: OrderRecord): Json => ({ ...orderHeader(o, lang), enterprise_projects: enterpriseProjects(book, o) });
  const json = sub(order);
  json['sub_order_infos'] = order.subOrders.map(sub);
  if (order.agentPay) {
    json['agent_pay_info'] = order.agentPay.payingAgentId
      ? { paying_agent_id: order.agentPay.payingAgentId, is_agent_pay: order.agentPay.isAgentPay }
      : { is_agent_pay: order.agentPay.isAgentPay };
  }
  return json;
}

/** Orders still awaiting payment must be paid within 15 days (Huawei's usual deadline; not in the reference). */
const PAYMENT_WINDOW_MS = 15 * 86_400_000;

/** CustomerOrderV3 (ShowCustomerOrderDetails). */
export function orderV3(order: OrderRecord, lang: Language): Json {
  const sub = (o: OrderRecord): Json => {
    const json: Json = { ...orderHeader(o, lang), user_name: o.userName };
    if (o.status === 6) json['pending_payment_end_time'] = formatUtc(new Date(o.createdAt.getTime() + PAYMENT_WINDOW_MS));
    return json;
  };
  return { ...sub(order), sub_order_infos: order.subOrders.map(sub) };
}

export function lineItemV2(line: LineItemRecord, lang: Language): Json {
  const product = line.product;
  const service = line.resourceType.serviceTypeCode;
  return {
    order_line_item_id: line.lineItemId,
    service_type_code: service,
    service_type_name: serviceTypeName(service, lang),
    product_id: product.productId,
    product_spec_desc: product.specDesc,
    period_type: line.periodType,
    period_num: line.periodNum,
    effective_time: formatUtc(line.effectiveAt),
    expire_time: formatUtc(line.expireAt),
    subscription_num: line.quantity,
    amount_after_discount: money(line.amounts.afterDiscount),
    official_amount: money(line.amounts.official),
    amount_info: amountInfo(line.amounts),
    currency: 'CNY',
    category_code: product.categoryCode,
    product_owner_service: service,
    commercial_resource: line.resourceType.code,
    base_product_info: {
      product_id: product.productId, product_spec_desc: product.specDesc, category_code: product.categoryCode,
      product_owner_service: service, commercial_resource: line.resourceType.code,
    },
    order_id: line.orderId,
  };
}

function typeNames(type: ResourceTypeDef, lang: Language): Json {
  return {
    service_type_code: type.serviceTypeCode,
    service_type_name: serviceTypeName(type.serviceTypeCode, lang),
    resource_type_code: type.code,
    resource_type_name: type.name[lang],
  };
}

/** OrderInstanceV2 (ListPayPerUseCustomerResources). */
export function periodResource(book: CommerceBook, r: ResourceRecord, lang: Language, now: Date): Json {
  const json: Json = {
    id: r.instanceId,
    resource_id: r.resourceId,
    resource_name: r.resourceName,
    region_code: r.regionCode,
    ...typeNames(r.resourceType, lang),
    resource_spec_code: r.product.specCode,
    project_id: r.projectId,
    product_id: r.product.productId,
  };
  if (r.parentResourceId) json['parent_resource_id'] = r.parentResourceId;
  json['is_main_resource'] = r.parentResourceId ? 0 : 1;
  json['status'] = periodStatus(book, r, now);
  json['effective_time'] = formatUtc(r.effectiveAt);
  if (r.expireAt) json['expire_time'] = formatUtc(r.expireAt);
  json['expire_policy'] = r.expirePolicy;
  json['product_spec_desc'] = r.product.specDesc;
  if (r.product.specSize !== null) {
    json['spec_size'] = wireNumber(r.product.specSize);
    json['spec_size_measure_id'] = r.product.specSizeMeasureId;
  }
  json['update_time'] = formatUtc(r.updatedAt);
  json['enterprise_project'] = { id: r.enterpriseProject.id, name: r.enterpriseProject.name };
  return json;
}

/** CustomerOnDemandResource (ListCustomerOnDemandResources). */
export function onDemandResource(book: CommerceBook, r: ResourceRecord, lang: Language): Json {
  const json: Json = {
    customer_id: r.customerId,
    region_code: r.regionCode,
    availability_zone_code: r.availabilityZone,
    ...typeNames(r.resourceType, lang),
    resource_id: r.resourceId,
    resource_name: r.resourceName,
    effective_time: formatUtc(r.effectiveAt),
  };
  if (r.deletedAt) json['expire_time'] = formatUtc(r.deletedAt);
  json['status'] = onDemandStatus(book, r);
  json['resource_spec_code'] = r.product.specCode;
  // Capacity travels as JSON inside a string, with the `.0` Java prints for a double.
  if (r.product.specSize !== null) {
    const size = r.product.specSize.includes('.') ? r.product.specSize : `${r.product.specSize}.0`;
    json['resource_info'] = `{"specSize":${size}}`;
  }
  json['product_spec_desc'] = r.product.specDesc;
  return json;
}

/** OrderRefundInfoV2 (ShowRefundOrderDetails); `measure_id` is a string here. */
export function refundInfo(customerId: string, f: RefundRecord, lang: Language): Json {
  return {
    id: f.id,
    amount: money(f.amount),
    measure_id: '1',
    customer_id: customerId,
    resource_type_code: f.resourceType.code,
    service_type_code: f.resourceType.serviceTypeCode,
    resource_type_name: f.resourceType.name[lang],
    service_type_name: serviceTypeName(f.resourceType.serviceTypeCode, lang),
    region_code: f.regionCode,
    base_order_id: f.baseOrderId,
  };
}

/** CouponInfoV2 (ListOrderCouponsByOrderId), from a coupon the partner store holds for the customer. */
export function couponInfo(c: CouponState, lang: Language): Json {
  const json: Json = {
    coupon_id: c.couponId,
    coupon_code: c.couponCode,
    status: 2,
    coupon_type: c.couponType,
    measure_id: 1,
    face_value: money(c.faceValue),
    effective_time: formatUtc(c.effectiveTime),
    expire_time: formatUtc(c.expireTime),
    plan_name: c.planName[lang],
  };
  if (c.memo) json['plan_desc'] = c.memo;
  json['use_limits'] = c.useLimits.map((l) => {
    const limit: Json = { use_limiti_info_id: l.id, limit_key: l.key, value1: l.value1 };
    if (l.value2) limit['value2'] = l.value2;
    limit['promotion_plan_id'] = c.planId;
    return limit;
  });
  json['active_time'] = formatUtc(c.effectiveTime);
  if (c.lastUsedTime) json['last_used_time'] = formatUtc(c.lastUsedTime);
  json['create_time'] = formatUtc(c.createTime);
  // Partner and campaign coupons are the new kind, usable repeatedly until the balance runs out.
  json['coupon_version'] = 2;
  json['balance'] = money(c.balance);
  json['coupon_group'] = 0;
  return json;
}

/** DiscountInfoV3 (ListOrderDiscounts): one OrderV3 per (sub-)order the discounted lines belong to. */
export function discountInfo(order: OrderRecord, d: DiscountOffer): Json {
  const byOrder = new Map<string, Json[]>();
  for (const line of order.lines) {
    const items = byOrder.get(line.orderId) ?? [];
    items.push({
      order_line_item_ids: [line.lineItemId], discount_mode: 0,
      discount_amount: money(d.lineAmounts.get(line.lineItemId)!), discount_ratio: wireNumber(d.ratio.toFixed(2)),
    });
    byOrder.set(line.orderId, items);
  }
  return {
    discount_id: d.discountId,
    discount_value: d.ratio.toFixed(2),
    discount_type: d.discountType,
    orders: [...byOrder].map(([orderId, items]) => ({ order_id: orderId, order_line_items: items })),
  };
}

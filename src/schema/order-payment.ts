/**
 * What a pending order may be paid with, through the customer's token (bss-api-commerce.md §2.5–2.6):
 * `Order.usableCoupons` (ListOrderCouponsByOrderId) and `Order.usableDiscounts` (ListOrderDiscounts), the
 * choices a payment (PayOrders) takes. Other orders have nothing to pay: empty, without a call.
 */
import { fetchOrderDiscounts, fetchUsableCoupons, type CouponUseQuantityShape, type OrderDiscountShape, type UsableCouponShape, type UsableCouponsShape } from '../sources/order-payment.js';
import { builder } from './builder.js';
import { Order } from './order.js';

/** E7 `6`: pending payment, the only status with something to pay. */
const PENDING_PAYMENT = 6;

const TOKEN_NOTE = 'Customer-only: through the customer\'s token; CUSTOMER_AGENCY_NOT_GRANTED when it granted no agency.';

const UsableCoupon = builder.objectRef<UsableCouponShape>('UsableCoupon').implement({
  description: 'A coupon the customer may apply to a pending order (`CouponInfoV2`, ListOrderCouponsByOrderId §2.5).',
  fields: (t) => ({
    couponId: t.exposeString('couponId', { nullable: true, description: 'The coupon id (what PayOrders takes as `coupon_infos[].id`).' }),
    couponCode: t.exposeString('couponCode', { nullable: true, description: 'The coupon code.' }),
    statusCode: t.exposeInt('status', { nullable: true, description: 'The raw `status`: 1 not activated, 2 ready to use.' }),
    couponTypeCode: t.exposeInt('couponType', { nullable: true, description: 'The raw `coupon_type`: 1 cash, 2 discount, 3 product, 4 flexi-purchase.' }),
    faceValue: t.expose('faceValue', { type: 'Decimal', nullable: true, description: 'Face value, yuan.' }),
    balance: t.expose('balance', { type: 'Decimal', nullable: true, description: 'Remaining value, yuan.' }),
    effectiveTime: t.expose('effectiveTime', { type: 'DateTime', nullable: true, description: 'When it becomes usable.' }),
    expireTime: t.expose('expireTime', { type: 'DateTime', nullable: true, description: 'When it expires.' }),
    planName: t.exposeString('planName', { nullable: true, description: 'The promotion plan (`plan_name`).' }),
    group: t.exposeInt('group', { nullable: true, description: 'The coupon group (`coupon_group`), for `maxUse`.' }),
  }),
});

const CouponUseQuantity = builder.objectRef<CouponUseQuantityShape>('CouponUseQuantity').implement({
  description: 'How many coupons of a type and group one payment may use (`CouponMaxUseQuantity`).',
  fields: (t) => ({
    couponTypeCode: t.exposeInt('couponType', { nullable: true, description: 'The raw `coupon_type`.' }),
    group: t.exposeInt('group', { nullable: true, description: 'The coupon group.' }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'At most this many (`use_quantity_value`).' }),
  }),
});

const UsableCoupons = builder.objectRef<UsableCouponsShape>('OrderUsableCoupons').implement({
  description: 'The coupons usable on a pending order and how many may be combined (ListOrderCouponsByOrderId §2.5).',
  fields: (t) => ({
    coupons: t.field({ type: [UsableCoupon], description: 'The usable coupons.', resolve: (u) => [...u.coupons] }),
    maxUse: t.field({ type: [CouponUseQuantity], description: 'How many of each type and group one payment may use.', resolve: (u) => [...u.maxUse] }),
  }),
});

const OrderDiscount = builder.objectRef<OrderDiscountShape>('OrderDiscount').implement({
  description: 'A discount that applies to a pending order (`DiscountInfoV3`, ListOrderDiscounts §2.6).',
  fields: (t) => ({
    discountId: t.exposeString('discountId', { description: 'The discount id (what PayOrders takes as `discount_infos[].id`).' }),
    value: t.exposeString('value', { nullable: true, description: 'The discount as Huawei writes it (`discount_value`).' }),
    typeCode: t.exposeInt('typeCode', { nullable: true, description: 'The raw `discount_type`.' }),
  }),
});

const EMPTY: UsableCouponsShape = { coupons: [], maxUse: [] };

builder.objectFields(Order, (t) => ({
  usableCoupons: t.field({
    type: UsableCoupons,
    nullable: true,
    description:
      'The coupons the customer may apply to this order while it awaits payment. Upstream: ListOrderCouponsByOrderId ' +
      `\`GET /v2/orders/customer-orders/order-coupons\` (§2.5), one call per pending order; none (empty) for any other order. ${TOKEN_NOTE}`,
    resolve: (o, _args, ctx) => (o.status === PENDING_PAYMENT && o.customerId ? fetchUsableCoupons(ctx, o.customerId, o.orderId) : EMPTY),
  }),
  usableDiscounts: t.field({
    type: [OrderDiscount],
    nullable: true,
    description:
      'The discounts that apply to this order while it awaits payment. Upstream: ListOrderDiscounts ' +
      `\`GET /v2/orders/customer-orders/order-discounts\` (§2.6), one call per pending order; none (empty) for any other order. ${TOKEN_NOTE}`,
    resolve: (o, _args, ctx) => (o.status === PENDING_PAYMENT && o.customerId ? fetchOrderDiscounts(ctx, o.customerId, o.orderId) : []),
  }),
}));

/**
 * What a pending order may be paid with, read with the customer's token (bss-api-commerce.md §2.5–2.6): the
 * coupons usable on it and how many of each kind may be used together (ListOrderCouponsByOrderId), and the
 * discounts that apply to it (ListOrderDiscounts). One call each per order; the inputs of PayOrders.
 */
import type { Decimal } from 'decimal.js';
import { ListOrderCouponsByOrderId, ListOrderDiscounts } from '../bss/operations/commerce/index.js';
import { toDecimalOrNull } from '../bss/money.js';
import type { Upstream } from './list-endpoint.js';
import { parseWireTime, textOrNull } from './wire.js';

export interface UsableCouponShape {
  readonly couponId: string | null;
  readonly couponCode: string | null;
  /** 1 not activated, 2 ready to use. */
  readonly status: number | null;
  /** 1 cash, 2 discount, 3 product, 4 flexi-purchase. */
  readonly couponType: number | null;
  readonly faceValue: Decimal | null;
  readonly balance: Decimal | null;
  readonly effectiveTime: Date | null;
  readonly expireTime: Date | null;
  readonly planName: string | null;
  readonly group: number | null;
}

export interface CouponUseQuantityShape {
  readonly couponType: number | null;
  readonly group: number | null;
  readonly quantity: number | null;
}

export interface UsableCouponsShape {
  readonly coupons: readonly UsableCouponShape[];
  readonly maxUse: readonly CouponUseQuantityShape[];
}

/** §2.5 ListOrderCouponsByOrderId with the customer's token: one call (not paginated). */
export async function fetchUsableCoupons(ctx: Upstream, customerId: string, orderId: string): Promise<UsableCouponsShape> {
  const res = await ctx.bss.call(ListOrderCouponsByOrderId, { order_id: orderId }, { customerId });
  return {
    coupons: (res.user_coupons ?? []).map((c) => ({
      couponId: textOrNull(c.coupon_id),
      couponCode: textOrNull(c.coupon_code),
      status: c.status ?? null,
      couponType: c.coupon_type ?? null,
      faceValue: toDecimalOrNull(c.face_value),
      balance: toDecimalOrNull(c.balance),
      effectiveTime: parseWireTime(c.effective_time),
      expireTime: parseWireTime(c.expire_time),
      planName: textOrNull(c.plan_name),
      group: c.coupon_group ?? null,
    })),
    maxUse: (res.coupon_max_use_quantity ?? []).map((q) => ({ couponType: q.coupon_type ?? null, group: q.coupon_group ?? null, quantity: q.use_quantity_value ?? null })),
  };
}

export interface OrderDiscountShape {
  readonly discountId: string;
  /** The discount as Huawei writes it (a ratio or an amount, by type). */
  readonly value: string | null;
  readonly typeCode: number | null;
}

/** §2.6 ListOrderDiscounts with the customer's token: one call. */
export async function fetchOrderDiscounts(ctx: Upstream, customerId: string, orderId: string): Promise<OrderDiscountShape[]> {
  const res = await ctx.bss.call(ListOrderDiscounts, { order_id: orderId }, { customerId });
  return (res.discounts ?? []).map((d) => ({ discountId: d.discount_id, value: textOrNull(d.discount_value), typeCode: d.discount_type ?? null }));
}

/**
 * Order mutations (docs/writes.md): cancelOrder and payOrder, with the order's customer's token.
 * Behaviour: src/resolvers/mutation/orders.ts, through the one write path (run-write.ts).
 */
import { builder } from '../builder.js';
import { Order } from '../order.js';
import { cancelOrder, payOrder, type OrderPayload } from '../../resolvers/mutation/orders.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';
import { OPTIONAL_KEY_DESCRIPTION } from './optional-key.js';

const SCOPE_DESCRIPTION =
  'The reseller whose customer placed the order (`indirect_partner_id`). Absent: a reseller key\'s own; for an admin key, the partner\'s own customers.';

const CancelOrderInput = builder.inputType('CancelOrderInput', {
  description: 'Cancels an order awaiting payment (status PENDING_PAYMENT).',
  fields: (t) => ({
    orderId: t.string({ required: true, description: 'The order (≤ 64 characters); a combined-transaction order, not one of its sub-orders.' }),
    indirectPartnerId: t.string({ required: false, description: SCOPE_DESCRIPTION }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const PaymentCouponType = builder.enumType('PaymentCouponType', {
  description: 'The kind of a coupon used to pay an order (`coupon_infos[].type`, PayOrders §2.4).',
  values: {
    DISCOUNT_COUPON: { value: 300, description: 'A discount coupon (`300`).' },
    CASH_COUPON: { value: 301, description: 'A promotional cash coupon (`301`).' },
    FLEXI_PURCHASE_COUPON: { value: 302, description: 'A promotional flexi-purchase coupon (`302`).' },
    STORED_VALUE_CARD: { value: 303, description: 'A promotional stored-value card (`303`).' },
  } as const,
});

const PaymentDiscountType = builder.enumType('PaymentDiscountType', {
  description: 'The kind of a discount used to pay an order (`discount_infos[].type`, PayOrders §2.4).',
  values: {
    PROMOTIONAL: { value: 0, description: 'A promotional discount (`0`).' },
    COMMERCIAL: { value: 2, description: 'A commercial (contract) discount (`2`).' },
    PARTNER_GRANTED: { value: 3, description: 'A discount the partner granted (`3`).' },
  } as const,
});

const PaymentCouponInput = builder.inputType('PaymentCouponInput', {
  description: 'A coupon to pay with, from `Order.usableCoupons`.',
  fields: (t) => ({
    couponId: t.string({ required: true, description: 'The coupon (`UsableCoupon.couponId`, ≤ 64 characters).' }),
    type: t.field({ type: PaymentCouponType, required: true, description: 'Its kind.' }),
  }),
});

const PaymentDiscountInput = builder.inputType('PaymentDiscountInput', {
  description: 'A discount to pay with, from `Order.usableDiscounts`.',
  fields: (t) => ({
    discountId: t.string({ required: true, description: 'The discount (`OrderDiscount.discountId`).' }),
    type: t.field({ type: PaymentDiscountType, required: true, description: 'Its kind.' }),
  }),
});

const PayOrderInput = builder.inputType('PayOrderInput', {
  description: 'Pays an order awaiting payment from the customer\'s balance, optionally with up to 3 coupons and 1 discount.',
  fields: (t) => ({
    orderId: t.string({ required: true, description: 'The order (≤ 64 characters); a combined-transaction order, not one of its sub-orders.' }),
    indirectPartnerId: t.string({ required: false, description: SCOPE_DESCRIPTION }),
    coupons: t.field({ type: [PaymentCouponInput], required: false, description: 'At most 3 coupons, applied in this order (none: `use_coupon` NO).' }),
    discount: t.field({ type: PaymentDiscountInput, required: false, description: 'At most one discount (none: `use_discount` NO). A `609` price-adjustment discount, when offered, must be used.' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
  }),
});

const orderPayload = (name: string, what: string) =>
  builder.objectRef<OrderPayload>(name).implement({
    description: `${what} The order as it is after the write, so a client re-renders without a second query.`,
    fields: (t) => ({
      replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
      order: t.field({
        type: Order,
        description: 'The order after the write (ListCustomerOrders, one call; none on a replay or when the reconciliation read it).',
        resolve: async (p, _args, ctx) => {
          const order = await ctx.loaders.order.load(p.orderKey);
          if (!order) throw new Error(`order ${p.orderKey} vanished after the write`);
          return order;
        },
      }),
    }),
  });

const CancelOrderPayload = orderPayload('CancelOrderPayload', 'An order cancelled.');
const PayOrderPayload = orderPayload('PayOrderPayload', 'An order paid.');

const TOKEN = 'with the customer\'s token (CUSTOMER_AGENCY_NOT_GRANTED when it granted no agency)';

builder.mutationFields((t) => ({
  cancelOrder: t.field({
    type: CancelOrderPayload,
    description:
      `Cancels an order awaiting payment. Upstream: CancelCustomerOrder \`PUT /v2/orders/customer-orders/cancel\` (§2.3) ${TOKEN}, after one ` +
      `ListCustomerOrders read of the order. A lost answer is reconciled from the order's status. Admin keys; reseller keys for their customers' orders. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: CancelOrderInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => cancelOrder(ctx, input),
  }),
  payOrder: t.field({
    type: PayOrderPayload,
    description:
      `Pays an order awaiting payment (money moves: the idempotency key is required). Upstream: PayOrders \`POST /v3/orders/customer-orders/pay\` (§2.4) ${TOKEN}, ` +
      `after one ListCustomerOrders read of the order. A lost answer is reconciled from the order's status. Admin keys; reseller keys for their customers' orders. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: PayOrderInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => payOrder(ctx, input),
  }),
}));

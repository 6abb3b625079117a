 
import { describe, expect, it } from 'vitest';
import {
  CancelCustomerOrder, ListCustomerOrders, ListOrderCouponsByOrderId, ListOrderDiscounts, ListPayPerUseCustomerResources, PayOrders,
  ShowCustomerOrderDetails,
} from '../../../src/bss/operations/commerce/index.js';
import type { UseLimit } from '../../../src/simulator/dataset/partners/coupons.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { TEST_NOW, customerCaller, testState } from '../../support/sim-request.js';
import { asCustomer, badParameter, call, customerAt } from './support.js';

const cash = (state: SimState, customer: CustomerRecord): string => state.partners.funds.customerAccount(customer).cash.toFixed(2);

async function orderInfo(state: SimState, customer: CustomerRecord, orderId: string) {
  return (await asCustomer(state, customer, ShowCustomerOrderDetails, { pathParams: { order_id: orderId } })).body.order_info;
}

describe('CancelCustomerOrder', () => {
  it('cancels a pending order once; later reads show it cancelled', async () => {
    const state = testState();
    const c41 = customerAt(state, 41);
    expect(await asCustomer(state, c41, CancelCustomerOrder, { body: { order_id: 'CS260719180851HSY' } })).toEqual({ status: 204, body: undefined });
    const listed = await asCustomer(state, c41, ListCustomerOrders, { query: { order_id: 'CS260719180851HSY' } });
    expect(listed.body.order_infos.map((o: any) => [o.order_id, o.status])).toEqual([['CS260719180851HSY', 4]]);
    expect(state.commerce.order('CS260719180851HSY')!.status).toBe(4);
    expect(await asCustomer(state, c41, CancelCustomerOrder, { body: { order_id: 'CS260719180851HSY' } })).toEqual({
      status: 400, body: { error_code: 'CBC.99005010', error_msg: 'The order status does not allow cancellation.' },
    });
  });

  it('refuses completed orders, sub-orders, unknown orders, bad bodies and partner credentials', async () => {
    const state = testState();
    const c6 = customerAt(state, 6);
    expect((await asCustomer(state, c6, CancelCustomerOrder, { body: { order_id: 'CS2610080816TUW6C' } })).body.error_code).toBe('CBC.99005010');
    expect(await asCustomer(state, c6, CancelCustomerOrder, { body: { order_id: 'CS2604020137ZBJ7M' } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000089', error_msg: 'This order ID cannot be operated on. Use the combined-transaction order ID.' },
    });
    expect(await asCustomer(state, c6, CancelCustomerOrder, { body: { order_id: 'CS260719180851HSY' } })).toEqual({
      status: 400, body: { error_code: 'CBC.30000010', error_msg: 'Invalid order: the order does not exist.' },
    });
    expect(await asCustomer(state, c6, CancelCustomerOrder, { body: {} })).toEqual(badParameter('Parameter error: order_id is required.'));
    expect(await asCustomer(state, c6, CancelCustomerOrder)).toEqual(badParameter('Parameter error: body is required.'));
    expect(await asCustomer(state, c6, CancelCustomerOrder, { body: { order_id: 7 } })).toEqual(badParameter('Parameter error: order_id must be a string.'));
    expect(await call(state, CancelCustomerOrder, { body: { order_id: 'CS260719180851HSY' } })).toEqual({
      status: 403, body: { error_code: 'CBC.0151', error_msg: 'Access denied.' },
    });
  });
});

describe('ListOrderDiscounts', () => {
  it('offers the partner-granted rate and sometimes a promotional one, per line item', async () => {
    const state = testState();
    const res = await asCustomer(state, customerAt(state, 41), ListOrderDiscounts, { query: { order_id: 'CS2609111024V35IM' } });
    expect(res).toEqual({
      status: 200,
      body: {
        discounts: [
          {
            discount_id: 'fd1c273fd2e9ef41215eab1c2642b459', discount_value: '0.85', discount_type: 3,
            orders: [{ order_id: 'CS2609111024V35IM', order_line_items: [{ order_line_item_ids: ['CS2609111024V35IM-000001'], discount_mode: 0, discount_amount: '5.25', discount_ratio: '0.85' }] }],
          },
          {
            discount_id: 'e03e4c0eb44368c14f8a0eef13501a2b', discount_value: '0.95', discount_type: 0,
            orders: [{ order_id: 'CS2609111024V35IM', order_line_items: [{ order_line_item_ids: ['CS2609111024V35IM-000001'], discount_mode: 0, discount_amount: '1.75', discount_ratio: '0.95' }] }],
          },
        ],
      },
    });
    // Nothing to offer once an order is no longer pending.
    expect((await asCustomer(state, customerAt(state, 6), ListOrderDiscounts, { query: { order_id: 'CS2610080816TUW6C' } })).body).toEqual({ discounts: [] });
    expect(await asCustomer(state, customerAt(state, 6), ListOrderDiscounts)).toEqual(badParameter('Parameter error: order_id is required.'));
  });
});

describe('ListOrderCouponsByOrderId', () => {
  it('lists the customer\'s usable coupons (the partner store\'s) and how many of each kind one payment may use', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const res = await asCustomer(state, c12, ListOrderCouponsByOrderId, { query: { order_id: 'CS2606041235GMPXZ' } });
    const held = state.partners.coupons.heldByCustomer(c12).filter((c) => c.couponType === 1 && c.balance.gt(0) && c.expireTime > TEST_NOW);
    expect(res.body.count).toBe(held.length);
    expect(res.body.user_coupons.map((c: any) => [c.coupon_id, c.coupon_type, c.status, c.balance, c.coupon_version])).toEqual(
      held.map((c) => [c.couponId, 1, 2, c.balance.toFixed(2), 2]),
    );
    expect(res.body.coupon_max_use_quantity).toEqual([
      { coupon_type: 1, coupon_group: 0, use_quantity_value: 2 },
      { coupon_type: 4, coupon_group: 0, use_quantity_value: 1 },
    ]);
    const done = await asCustomer(state, c12, ListOrderCouponsByOrderId, { query: { order_id: state.commerce.ordersOf(c12.customerId)[0]!.orderId } });
    expect([done.body.count, done.body.user_coupons]).toEqual([0, []]);
  });
});

describe('PayOrders', () => {
  it('pays with the partner discount: debits the exact amount, completes the order, provisions its resource', async () => {
    const state = testState();
    const c22 = customerAt(state, 22);
    // Balances are the partner store's: assert what the payment changed.
    const before = state.partners.funds.customerAccount(c22).cash;
    const res = await asCustomer(state, c22, PayOrders, {
      body: { order_id: 'CS2607090255VCSSK', use_coupon: 'NO', use_discount: 'YES', discount_infos: [{ id: '7e04e215104caf479484f77b1848c900', type: 3 }] },
    });
    expect(res).toEqual({ status: 204, body: undefined });
    // 345.00 at 0.88: 41.40 off.
    const debited = before.minus(state.partners.funds.customerAccount(c22).cash).toFixed(2);
    expect(debited).toBe('303.60');
    const order = await orderInfo(state, c22, 'CS2607090255VCSSK');
    expect(order).toMatchObject({
      status: 5, payment_time: '2026-11-15T04:00:00Z', official_amount: '345.00', amount_after_discount: '303.60',
      amount_info: { discounts: [{ discount_type: '607', discount_amount: '41.40' }], coupon_amount: '0.00' },
    });
    const summary = state.commerce.order('CS2607090255VCSSK')!;
    const resources = await asCustomer(state, c22, ListPayPerUseCustomerResources, { body: { resource_ids: summary.resourceIds } });
    expect(resources.body.data.map((r: any) => [r.resource_id, r.status, r.effective_time, r.expire_time])).toEqual([
      [summary.resourceIds[0], 2, '2026-11-15T04:00:00Z', '2027-02-15T04:00:00Z'],
    ]);
    // Paid once: a second payment is refused and debits nothing.
    expect(await asCustomer(state, c22, PayOrders, { body: { order_id: 'CS2607090255VCSSK', use_coupon: 'NO', use_discount: 'NO' } })).toEqual({
      status: 400, body: { error_code: 'CBC.30000010', error_msg: 'Invalid order: the order is not pending payment.' },
    });
    expect(before.minus(state.partners.funds.customerAccount(c22).cash).toFixed(2)).toBe('303.60');
  });

  it('pays from a coupon first and draws it down where the partner\'s coupon endpoints see it', async () => {
    const state = testState();
    const c36 = customerAt(state, 36);
    const listed = await asCustomer(state, c36, ListOrderCouponsByOrderId, { query: { order_id: 'CS26110105004S07I' } });
    const coupon = listed.body.user_coupons[0];
    // Coupons are the partner store's: this one must cover the 35.00 order.
    expect(coupon.coupon_type).toBe(1);
    expect(Number(coupon.balance)).toBeGreaterThanOrEqual(35);
    const left = (Number(coupon.balance) - 35).toFixed(2);
    const before = cash(state, c36);
    const res = await asCustomer(state, c36, PayOrders, {
      body: { order_id: 'CS26110105004S07I', use_coupon: 'YES', use_discount: 'NO', coupon_infos: [{ id: coupon.coupon_id, type: 301 }] },
    });
    expect(res.status).toBe(204);
    expect(cash(state, c36)).toBe(before);
    expect((await orderInfo(state, c36, 'CS26110105004S07I')).amount_info).toMatchObject({ coupon_amount: '35.00' });
    const held = state.partners.coupons.heldByCustomer(c36).find((c) => c.couponId === coupon.coupon_id)!;
    expect([held.balance.toFixed(2), held.orderId, held.lastUsedTime, held.events.at(-1)]).toEqual([
      left, 'CS26110105004S07I', TEST_NOW, { kind: 'use', time: TEST_NOW, amount: held.events.at(-1)!.amount, balanceAfter: held.balance, tradeId: 'CS26110105004S07I' },
    ]);
    expect(held.events.at(-1)!.amount.toFixed(2)).toBe('35.00');
    const after = await asCustomer(state, c36, ListOrderCouponsByOrderId, { query: { order_id: 'CS2610110025UDJV0' } });
    expect(after.body.user_coupons.find((c: any) => c.coupon_id === coupon.coupon_id)).toMatchObject({ balance: left, last_used_time: '2026-11-15T04:00:00Z' });
  });

  it('combines a coupon with a promotional discount: discount first, then the coupon, the rest in cash', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const coupon = (await asCustomer(state, c12, ListOrderCouponsByOrderId, { query: { order_id: 'CS2606041235GMPXZ' } })).body.user_coupons[0];
    const before = state.partners.funds.customerAccount(c12).cash;
    const res = await asCustomer(state, c12, PayOrders, {
      body: {
        order_id: 'CS2606041235GMPXZ', use_coupon: 'YES', use_discount: 'YES',
        coupon_infos: [{ id: coupon.coupon_id, type: 301 }], discount_infos: [{ id: '1b76396cb90526b19e323fe30fd22d57', type: 0 }],
      },
    });
    expect(res.status).toBe(204);
    // 48.00 − 4.80 (0.90 promotional) = 43.20, of which the coupon's balance pays first.
    const couponPaid = Math.min(43.2, Number(coupon.balance)).toFixed(2);
    const order = await orderInfo(state, c12, 'CS2606041235GMPXZ');
    expect(order).toMatchObject({
      amount_after_discount: '43.20', amount_info: { discounts: [{ discount_type: '700', discount_amount: '4.80' }], coupon_amount: couponPaid },
    });
    expect(before.minus(state.partners.funds.customerAccount(c12).cash).toFixed(2)).toBe((43.2 - Number(couponPaid)).toFixed(2));
  });

  it('refuses a payment the balance does not cover, changing nothing', async () => {
    const state = testState();
    const c2 = customerAt(state, 2);
    const before = state.partners.funds.customerAccount(c2).cash;
    expect(before.lt(3880)).toBe(true);
    expect(await asCustomer(state, c2, PayOrders, { body: { order_id: 'CS2610231046NZ35F', use_coupon: 'NO', use_discount: 'NO' } })).toEqual({
      status: 400, body: { error_code: 'CBC.99005003', error_msg: 'Insufficient balance.' },
    });
    expect(state.partners.funds.customerAccount(c2).cash).toEqual(before);
    expect((await orderInfo(state, c2, 'CS2610231046NZ35F')).status).toBe(6);
  });

  it('validates the body: YES/NO flags, list sizes, ids and types', async () => {
    const state = testState();
    const c41 = customerAt(state, 41);
    const pay = (body: unknown) => asCustomer(state, c41, PayOrders, { body });
    const base = { order_id: 'CS2609111024V35IM', use_coupon: 'NO', use_discount: 'NO' };
    const coupon = { id: 'CP0001', type: 301 };
    const cases: [unknown, string][] = [
      [{ ...base, order_id: undefined }, 'Parameter error: order_id is required.'],
      [{ ...base, use_coupon: undefined }, 'Parameter error: use_coupon is required.'],
      [{ ...base, use_coupon: 'yes' }, 'Parameter error: use_coupon must be YES or NO.'],
      [{ ...base, use_coupon: 'YES' }, 'Parameter error: coupon_infos is required when use_coupon is YES.'],
      [{ ...base, coupon_infos: [coupon] }, 'Parameter error: coupon_infos must be absent when use_coupon is NO.'],
      [{ ...base, use_coupon: 'YES', coupon_infos: [coupon, coupon, coupon, coupon] }, 'Parameter error: coupon_infos must have at most 3 items.'],
      [{ ...base, use_coupon: 'YES', coupon_infos: [{ id: 'CP0001', type: 304 }] }, 'Parameter error: coupon_infos.type must be one of 300, 301, 302, 303.'],
      [{ ...base, use_coupon: 'YES', coupon_infos: [{ type: 301 }] }, 'Parameter error: coupon_infos.id is required.'],
      [{ ...base, use_coupon: 'YES', coupon_infos: [{ id: 'CP0001' }] }, 'Parameter error: coupon_infos.type must be one of 300, 301, 302, 303.'],
      [{ ...base, use_coupon: 'YES', coupon_infos: [coupon] }, 'Parameter error: coupon_infos.id is not a coupon usable for this order.'],
      [{ ...base, use_discount: 'YES', discount_infos: [{ id: 'a', type: 3 }, { id: 'b', type: 0 }] }, 'Parameter error: discount_infos must have at most 1 items.'],
      [{ ...base, use_discount: 'YES', discount_infos: [{ id: 'a', type: 1 }] }, 'Parameter error: discount_infos.type must be one of 0, 2, 3.'],
      [{ ...base, use_discount: 'YES', discount_infos: [{ id: 'nope', type: 3 }] }, 'Parameter error: discount_infos.id is not a discount of this order.'],
      [{ ...base, use_discount: 'YES', discount_infos: [{ id: 'fd1c273fd2e9ef41215eab1c2642b459', type: 0 }] }, 'Parameter error: discount_infos.type must be 3 for this discount.'],
    ];
    for (const [body, message] of cases) expect(await pay(body)).toEqual(badParameter(message));
    expect((await pay({ ...base, order_id: 'CS2604020137ZBJ7M' })).body.error_code).toBe('CBC.30000010');
    expect(state.commerce.order('CS2609111024V35IM')!.status).toBe(6);
  });

  it('enforces coupon restrictions against the chosen discount', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const coupon = (await asCustomer(state, c12, ListOrderCouponsByOrderId, { query: { order_id: 'CS2606041235GMPXZ' } })).body.user_coupons[0];
    const held = state.partners.coupons.heldByCustomer(c12).find((c) => c.couponId === coupon.coupon_id)!;
    const limits = held.useLimits as UseLimit[];
    const body = {
      order_id: 'CS2606041235GMPXZ', use_coupon: 'YES', use_discount: 'YES',
      coupon_infos: [{ id: coupon.coupon_id, type: 301 }], discount_infos: [{ id: '1b76396cb90526b19e323fe30fd22d57', type: 0 }],
    };
    limits.push({ id: 'L1', key: 'simultaneousUseWithPromotionDiscount', value1: '0', value2: '' });
    expect(await asCustomer(state, c12, PayOrders, { body })).toEqual(
      badParameter(`Parameter error: coupon_infos coupon ${coupon.coupon_id} cannot be combined with this discount.`),
    );
    limits.pop();
    limits.push({ id: 'L2', key: 'minConsumeDiscount', value1: '0.95', value2: '' });
    expect(await asCustomer(state, c12, PayOrders, { body })).toEqual(
      badParameter(`Parameter error: coupon_infos coupon ${coupon.coupon_id} requires a discount rate of at least 0.95.`),
    );
    expect((await asCustomer(state, c12, PayOrders, { body: { ...body, coupon_infos: [{ id: coupon.coupon_id, type: 302 }] } })).body.error_msg)
      .toBe('Parameter error: coupon_infos.type must be 301 for this coupon.');
    expect(state.commerce.order('CS2606041235GMPXZ')!.status).toBe(6);
  });

  it('uses the caller\'s domain id: another customer\'s order does not exist for it', async () => {
    const state = testState();
    const res = await call(state, PayOrders, {
      caller: customerCaller(customerAt(state, 6).customerId), body: { order_id: 'CS2607090255VCSSK', use_coupon: 'NO', use_discount: 'NO' },
    });
    expect(res.body.error_code).toBe('CBC.30000010');
  });
});

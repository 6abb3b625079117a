/**
 * cancelOrder / payOrder end to end through yoga, the simulator and an in-memory store: the exact upstream calls
 * (the order read, the write with the customer's token, the order read back), replays without a call, bad input
 * for free, the role and scope matrix, lost answers reconciled from the order's status, and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import { startStack, type Stack } from '../../support/stack.js';
import { auditOf, codes, minus, newKey, requests, simCustomerCash } from './support.js';

const CANCEL = `mutation ($orderId: String!, $key: String, $reseller: String) {
  cancelOrder(input: { orderId: $orderId, idempotencyKey: $key, indirectPartnerId: $reseller }) { replayed order { orderId status } }
}`;
const PAY = `mutation ($orderId: String!, $key: String!, $coupons: [PaymentCouponInput!], $discount: PaymentDiscountInput) {
  payOrder(input: { orderId: $orderId, idempotencyKey: $key, coupons: $coupons, discount: $discount }) { replayed order { orderId status } }
}`;

const KEYS = { analyst: 'pg_test-orders-analyst', reseller: 'pg_test-orders-reseller', admin: 'pg_test-orders-admin' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let stack: Stack;
let resellerId: string;
/** Pending-payment orders of the partner's own resale customers with an agency, used up one per test. */
let pending: { orderId: string; customerId: string }[];

const simStatus = (orderId: string): number | undefined => stack.simulator.state.commerce.order(orderId)?.status;
const nextPending = (): { orderId: string; customerId: string } => {
  const next = pending.shift();
  if (!next) throw new Error('no pending order left for this test');
  return next;
};

beforeAll(async () => {
  // A reseller key is needed for the scope matrix: its id comes from the world, so a first stack finds it.
  const probe = await startStack({ customers: 200 });
  const { world: w, commerce: c } = probe.simulator.state;
  resellerId = w.resellers.find((r) => w.customersOf(r.indirectPartnerId).some((x) => x.agency !== null && c.ordersOf(x.customerId).some((o) => o.status === 6 && o.parentOrderId === null)))!.indirectPartnerId;
  await probe.close();
  stack = await startStack({
    customers: 200,
    store: 'memory',
    apiKeys: [
      { name: 'orders-admin', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'orders-analyst', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
      { name: 'orders-reseller', role: 'reseller', indirectPartnerId: resellerId, sha256: sha256Hex(KEYS.reseller) },
    ],
  });
  const { world, commerce } = stack.simulator.state;
  pending = world.customersOf(null)
    .filter((c) => c.associationType === '2' && c.agency !== null)
    .flatMap((c) => commerce.ordersOf(c.customerId).filter((o) => o.status === 6 && o.parentOrderId === null).map((o) => ({ orderId: o.orderId, customerId: c.customerId })));
  expect(pending.length).toBeGreaterThanOrEqual(10);
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

/** BSS requests since the last reset, without the IAM token exchange (made once per customer, then cached). */
function bssRequests(s: Stack): Record<string, number> {
  const { KeystoneCreateAgencyToken: token = 0, ...rest } = requests(s);
  expect(token).toBeLessThanOrEqual(1);
  return rest;
}

const admin = (query: string, variables: Record<string, unknown>) => stack.graphql(query, variables, bearer(KEYS.admin));

describe('cancelOrder', () => {
  it('cancels once: the order read, the write with the customer token, the order read back', async () => {
    const { orderId } = nextPending();
    stack.bss.counter.reset();
    const res = await admin(CANCEL, { orderId, key: newKey('cancel') });
    expect(res.errors).toBeUndefined();
    expect(res.data.cancelOrder).toEqual({ replayed: false, order: { orderId, status: 'CANCELLED' } });
    // The customer's token is exchanged once (IAM), then cached by the client.
    expect(requests(stack)).toEqual({ ListCustomerOrders: 2, KeystoneCreateAgencyToken: 1, CancelCustomerOrder: 1 });
    expect(simStatus(orderId)).toBe(4);
  });

  it('replays for the same key (no call); takes no key at all too', async () => {
    const { orderId } = nextPending();
    const key = newKey('cancel-replay');
    const first = await admin(CANCEL, { orderId, key });
    expect(first.errors).toBeUndefined();
    stack.bss.counter.reset();
    const again = await admin(CANCEL, { orderId, key });
    expect(again.data.cancelOrder).toEqual({ ...first.data.cancelOrder, replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);

    // Without a key the write still goes through the path (claimed, audited) under a fresh one.
    const { orderId: other } = nextPending();
    const keyless = await admin(CANCEL, { orderId: other });
    expect(keyless.errors).toBeUndefined();
    expect(simStatus(other)).toBe(4);
  });

  it('passes Huawei\'s refusal of an order that is not pending (CBC.99005010), applied: false', async () => {
    const done = stack.simulator.state.commerce.ordersOf(pending[0]!.customerId).find((o) => o.status === 5 && o.parentOrderId === null)!;
    const res = await admin(CANCEL, { orderId: done.orderId, key: newKey('cancel-done') });
    expect(codes(res)).toEqual(['CBC.99005010']);
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: false, operation: 'CancelCustomerOrder' });
    expect(simStatus(done.orderId)).toBe(5);
  });

  it('refuses an unknown order with NOT_FOUND before any write', async () => {
    stack.bss.counter.reset();
    const res = await admin(CANCEL, { orderId: 'CS0000000000000NOSUCH', key: newKey('cancel-unknown') });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(requests(stack).CancelCustomerOrder).toBeUndefined();
  });

  it('lost after the cancel applied: reconciled from the order status (cancelled), answered as applied', async () => {
    const { orderId } = nextPending();
    const key = newKey('cancel-lost');
    stack.simulator.faults.once('CancelCustomerOrder', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await admin(CANCEL, { orderId, key });
    expect(res.errors).toBeUndefined();
    expect(stack.simulator.faults.pending()).toEqual({});
    expect(res.data.cancelOrder).toEqual({ replayed: false, order: { orderId, status: 'CANCELLED' } });
    // The order read, the write, the reconciliation read (which also answers the payload: no fourth call).
    expect(bssRequests(stack)).toEqual({ ListCustomerOrders: 2, CancelCustomerOrder: 1 });
    expect(simStatus(orderId)).toBe(4);
    expect((await auditOf(stack, key)).map((r) => [r.outcome, r.detail.how ?? null])).toEqual([['attempted', null], ['applied', 'reconciled']]);
  });

  it('lost before it applied: reconciled as not applied (still pending), retryable with the same key', async () => {
    const { orderId } = nextPending();
    const key = newKey('cancel-before');
    stack.simulator.faults.once('CancelCustomerOrder', 'reset-before-apply');
    const res = await admin(CANCEL, { orderId, key });
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: 'CancelCustomerOrder' });
    expect(simStatus(orderId)).toBe(6);
    const retry = await admin(CANCEL, { orderId, key });
    expect(retry.errors).toBeUndefined();
    expect(simStatus(orderId)).toBe(4);
    expect((await auditOf(stack, key)).map((r) => r.outcome)).toEqual(['attempted', 'not_applied', 'attempted', 'applied']);
  });
});

describe('payOrder', () => {
  it('pays once from the customer\'s balance: the order read, the write, the order read back; the key replays', async () => {
    const { orderId, customerId } = nextPending();
    const due = stack.simulator.state.commerce.order(orderId)!.amountAfterDiscount;
    const cash = simCustomerCash(stack, customerId);
    const key = newKey('pay');
    stack.bss.counter.reset();
    const res = await admin(PAY, { orderId, key });
    expect(res.errors).toBeUndefined();
    expect(res.data.payOrder).toEqual({ replayed: false, order: { orderId, status: 'COMPLETED' } });
    expect(bssRequests(stack)).toEqual({ ListCustomerOrders: 2, PayOrders: 1 });
    expect(simStatus(orderId)).toBe(5);
    // Paid from the balance, exactly once (the simulator's own books).
    const afterPay = simCustomerCash(stack, customerId);
    expect(afterPay).toBe(minus(cash, due.toFixed(2)));
    stack.bss.counter.reset();
    const again = await admin(PAY, { orderId, key });
    expect(again.data.payOrder).toEqual({ ...res.data.payOrder, replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(simCustomerCash(stack, customerId)).toBe(afterPay);
  });

  it('lost after the payment applied: reconciled from the status, the balance debited once', async () => {
    const { orderId, customerId } = nextPending();
    const due = stack.simulator.state.commerce.order(orderId)!.amountAfterDiscount.toFixed(2);
    const before = simCustomerCash(stack, customerId);
    const key = newKey('pay-lost');
    stack.simulator.faults.once('PayOrders', 'timeout-after-apply');
    const res = await admin(PAY, { orderId, key });
    expect(res.errors).toBeUndefined();
    expect(stack.simulator.faults.pending()).toEqual({});
    expect(res.data.payOrder.order.status).toBe('COMPLETED');
    const cash = simCustomerCash(stack, customerId);
    expect(cash).toBe(minus(before, due));
    // The same key again: the stored answer, no second payment.
    const again = await admin(PAY, { orderId, key });
    expect(again.data.payOrder.replayed).toBe(true);
    expect(simCustomerCash(stack, customerId)).toBe(cash);
    expect((await auditOf(stack, key)).map((r) => r.outcome)).toEqual(['attempted', 'applied', 'replayed']);
  });

  it('requires the key, and refuses bad coupons with BAD_USER_INPUT before any call', async () => {
    stack.bss.counter.reset();
    const { orderId } = pending[0]!;
    const noKey = await stack.graphql(`mutation ($o: String!) { payOrder(input: { orderId: $o }) { replayed } }`, { o: orderId }, bearer(KEYS.admin));
    // A money-moving write without its key does not even validate.
    expect(codes(noKey)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const four = Array.from({ length: 4 }, (_, i) => ({ couponId: `CP${i}`, type: 'CASH_COUPON' }));
    const tooMany = await admin(PAY, { orderId, key: newKey(), coupons: four });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0].extensions.argument).toBe('input.coupons');
    expect(tooMany.errors![0].message).toMatch(/at most 3 coupons/);
    const twice = await admin(PAY, { orderId, key: newKey(), coupons: [{ couponId: 'CP1', type: 'CASH_COUPON' }, { couponId: 'CP1', type: 'CASH_COUPON' }] });
    expect(twice.errors![0].extensions.argument).toBe('input.coupons');
    const empty = await admin(PAY, { orderId: '', key: newKey() });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.orderId' });
    const long = await admin(PAY, { orderId: 'C'.repeat(65), key: newKey() });
    expect(long.errors![0].message).toMatch(/at most 64 characters/);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(simStatus(orderId)).toBe(6);
  });
});

describe('who may cancel or pay', () => {
  it('analyst keys: FORBIDDEN before any call; reseller keys: not the partner\'s own customers\' orders, nor another reseller\'s', async () => {
    const { orderId } = pending[0]!;
    stack.bss.counter.reset();
    expect(codes(await stack.graphql(CANCEL, { orderId, key: newKey() }, bearer(KEYS.analyst)))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.graphql(PAY, { orderId, key: newKey() }, bearer(KEYS.analyst)))).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // Naming another reseller: refused before any call.
    expect(codes(await stack.graphql(CANCEL, { orderId, key: newKey(), reseller: 'another-reseller' }, bearer(KEYS.reseller)))).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // The partner's own customer's order, looked for in the reseller's scope: not there, and nothing written.
    const res = await stack.graphql(CANCEL, { orderId, key: newKey() }, bearer(KEYS.reseller));
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(requests(stack).CancelCustomerOrder).toBeUndefined();
    expect(simStatus(orderId)).toBe(6);
  });

  it('reseller keys cancel their own customers\' orders, in their scope', async () => {
    const { world, commerce } = stack.simulator.state;
    const theirs = world.customersOf(resellerId).find((c) => c.agency !== null && commerce.ordersOf(c.customerId).some((o) => o.status === 6 && o.parentOrderId === null));
    if (!theirs) throw new Error('the reseller has no customer with an agency and a pending order in this world');
    const orderId = commerce.ordersOf(theirs.customerId).find((o) => o.status === 6 && o.parentOrderId === null)!.orderId;
    const res = await stack.graphql(CANCEL, { orderId, key: newKey('reseller-cancel') }, bearer(KEYS.reseller));
    expect(res.errors).toBeUndefined();
    expect(res.data.cancelOrder.order).toEqual({ orderId, status: 'CANCELLED' });
    expect(simStatus(orderId)).toBe(4);
  });
});

describe('a customer that granted no agency', () => {
  it('payOrder: CUSTOMER_AGENCY_NOT_GRANTED naming the write it stopped, nothing sent or reconciled, the key released', async () => {
    const { world, commerce } = stack.simulator.state;
    const target = world.customersOf(null)
      .filter((c) => c.associationType === '2' && c.agency === null)
      .flatMap((c) => commerce.ordersOf(c.customerId).filter((o) => o.status === 6 && o.parentOrderId === null))[0];
    if (!target) throw new Error('no pending order of a customer without an agency in this world');
    const key = newKey('no-agency');
    stack.bss.counter.reset();
    const res = await admin(PAY, { orderId: target.orderId, key });
    expect(codes(res)).toEqual(['CUSTOMER_AGENCY_NOT_GRANTED']);
    expect(res.errors![0].extensions).toMatchObject({ operation: 'KeystoneCreateAgencyToken', forOperation: 'PayOrders' });
    // The order read and the token exchange; the write never left, so there is nothing to reconcile.
    expect(requests(stack)).toEqual({ ListCustomerOrders: 1, KeystoneCreateAgencyToken: 1 });
    expect(simStatus(target.orderId)).toBe(6);
    const rows = await auditOf(stack, key);
    expect(rows.map((r) => r.outcome)).toEqual(['attempted', 'failed']);
    expect(rows[1]!.detail).toMatchObject({ retryable: true });
    // Released, not stored as a final refusal: the same key is a new attempt (once the customer grants the agency).
    const again = await admin(PAY, { orderId: target.orderId, key });
    expect(codes(again)).toEqual(['CUSTOMER_AGENCY_NOT_GRANTED']);
    expect(again.errors![0].extensions.replayed).toBeUndefined();
  });
});

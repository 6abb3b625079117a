/**
 * issueCoupons / reclaimCoupons end to end: the exact upstream calls, the quota drawn once (checked at the
 * simulator), replays without a call, lost answers reconciled from the issue log and the coupon's status, and
 * bad input for free.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { codes, minus, newKey, requests, resaleCustomers, writesOperation } from './support.js';

const ISSUE = writesOperation('ContractIssueCoupons');
const RECLAIM = `mutation($couponId: String!, $key: String!) {
  reclaimCoupons(input: { couponId: $couponId, idempotencyKey: $key }) { replayed coupon { couponId status faceValue } }
}`;

let stack: Stack;
let quotaId: string;
let customers: string[];
beforeAll(async () => {
  stack = await startStack({ customers: 60, store: 'memory' });
  const quota = stack.simulator.state.partners.coupons.quotas().find(
    (q) => q.owner === null && q.quotaType === 0 && q.status === 0 && q.expireTime > TEST_NOW && q.effectiveTime < TEST_NOW && q.balance.gte(100) && q.limits.length === 0,
  );
  if (!quota) throw new Error('no usable partner quota in the simulated world');
  quotaId = quota.quotaId;
  customers = resaleCustomers(stack, null).slice(0, 6).map((c) => c.customerId);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const quotaBalance = () => stack.simulator.state.partners.coupons.quota(quotaId)!.balance.toFixed(2);
const couponsOf = (customerId: string) => stack.simulator.state.partners.coupons.issuedCoupons().filter((c) => c.holderId === customerId && c.quotaId === quotaId);

describe('issueCoupons', () => {
  it('issues one coupon per customer with one write, and answers the coupons and their holders', async () => {
    const before = quotaBalance();
    const counts = customers.slice(0, 2).map((id) => couponsOf(id).length);
    stack.bss.counter.reset();
    const res = await stack.graphql(ISSUE, { quotaId, customerIds: customers.slice(0, 2), faceValue: '3.50', idempotencyKey: newKey('issue') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListSubCustomers: 2, CreatePartnerCoupons: 1, ListIssuedPartnerCoupons: 1 });
    expect(quotaBalance()).toBe(minus(before, '7.00'));
    expect(customers.slice(0, 2).map((id) => couponsOf(id).length)).toEqual(counts.map((n) => n + 1));
    const created = customers.slice(0, 2).map((id) => couponsOf(id).at(-1)!);
    expect(res.data.issueCoupons).toEqual({
      replayed: false,
      issued: created.map((c) => ({ customer: { customerId: c.holderId }, coupon: { couponId: c.couponId, faceValue: '3.50' } })),
      failed: [],
    });
  });

  it('looks the recipients up in one list walk when there are more than three', async () => {
    stack.bss.counter.reset();
    const res = await stack.graphql(ISSUE, { quotaId, customerIds: customers, faceValue: '0.10', idempotencyKey: newKey('issue-many') });
    expect(res.errors).toBeUndefined();
    expect(res.data.issueCoupons.issued).toHaveLength(customers.length);
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, CreatePartnerCoupons: 1, ListIssuedPartnerCoupons: 1 });
  });

  it('replays the same key and input without a call, and refuses the key with other customers', async () => {
    const key = newKey('issue-replay');
    const first = await stack.graphql(ISSUE, { quotaId, customerIds: [customers[2]], faceValue: '1.00', idempotencyKey: key });
    expect(first.errors).toBeUndefined();
    const before = quotaBalance();
    stack.bss.counter.reset();
    const again = await stack.graphql(ISSUE, { quotaId, customerIds: [customers[2]], faceValue: '1', idempotencyKey: key });
    expect(again.data.issueCoupons).toEqual({ ...first.data.issueCoupons, replayed: true });
    expect(codes(await stack.graphql(ISSUE, { quotaId, customerIds: [customers[3]], faceValue: '1.00', idempotencyKey: key }))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(quotaBalance()).toBe(before);
  });

  it('reconciles a lost answer from the issue log: each coupon issued once, the ids answered', async () => {
    const ids = [customers[4]!, customers[5]!];
    const counts = ids.map((id) => couponsOf(id).length);
    stack.simulator.faults.once('CreatePartnerCoupons', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(ISSUE, { quotaId, customerIds: ids, faceValue: '2.22', idempotencyKey: newKey('issue-lost') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListSubCustomers: 2, CreatePartnerCoupons: 1, ListPartnerCouponsRecord: 1, ListIssuedPartnerCoupons: 1 });
    expect(ids.map((id) => couponsOf(id).length)).toEqual(counts.map((n) => n + 1));
    expect(res.data.issueCoupons.issued.map((i: { coupon: { couponId: string } }) => i.coupon.couponId)).toEqual(ids.map((id) => couponsOf(id).at(-1)!.couponId));
  });

  it('a failure before the issue was applied: nothing issued, the error, the key free again', async () => {
    const key = newKey('issue-before');
    const before = quotaBalance();
    stack.simulator.faults.once('CreatePartnerCoupons', 'reset-before-apply');
    const res = await stack.graphql(ISSUE, { quotaId, customerIds: [customers[0]], faceValue: '4.44', idempotencyKey: key });
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: true });
    expect(quotaBalance()).toBe(before);
    const retry = await stack.graphql(ISSUE, { quotaId, customerIds: [customers[0]], faceValue: '4.44', idempotencyKey: key });
    expect(retry.errors).toBeUndefined();
    expect(quotaBalance()).toBe(minus(before, '4.44'));
  });

  it('refuses bad input before any call: more than 100 customers, repeats, a zero face value, an unknown customer', async () => {
    stack.bss.counter.reset();
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`);
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ quotaId, customerIds: many, faceValue: '1.00', idempotencyKey: newKey() }, 'input.customerIds', /at most 100 ids \(got 101\)/],
      [{ quotaId, customerIds: [], faceValue: '1.00', idempotencyKey: newKey() }, 'input.customerIds', /at least one id/],
      [{ quotaId, customerIds: [customers[0], customers[0]], faceValue: '1.00', idempotencyKey: newKey() }, 'input.customerIds', /twice/],
      [{ quotaId, customerIds: [customers[0]], faceValue: '0.00', idempotencyKey: newKey() }, 'input.faceValue', /greater than 0/],
      [{ quotaId, customerIds: [customers[0]], faceValue: '0.001', idempotencyKey: newKey() }, 'input.faceValue', /at most 2 decimal places/],
      [{ quotaId: 'q'.repeat(65), customerIds: [customers[0]], faceValue: '1.00', idempotencyKey: newKey() }, 'input.quotaId', /at most 64/],
    ];
    for (const [variables, argument, rule] of bad) {
      const res = await stack.graphql(ISSUE, variables);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions.argument).toBe(argument);
      expect(res.errors![0].message).toMatch(rule);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    const unknown = await stack.graphql(ISSUE, { quotaId, customerIds: ['0'.repeat(32)], faceValue: '1.00', idempotencyKey: newKey() });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
  });
});

describe('reclaimCoupons', () => {
  const issueOne = async (): Promise<string> => {
    const res = await stack.graphql(ISSUE, { quotaId, customerIds: [customers[1]], faceValue: '1.25', idempotencyKey: newKey('to-reclaim') });
    expect(res.errors).toBeUndefined();
    return res.data.issueCoupons.issued[0].coupon.couponId;
  };

  it('reclaims one coupon: one lookup, one write, one read; the coupon answers RECLAIMED', async () => {
    const couponId = await issueOne();
    stack.bss.counter.reset();
    const res = await stack.graphql(RECLAIM, { couponId, key: newKey('reclaim') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIssuedPartnerCoupons: 2, ReclaimPartnerCoupons: 1 });
    expect(res.data.reclaimCoupons).toEqual({ replayed: false, coupon: { couponId, status: 'RECLAIMED', faceValue: '1.25' } });
    expect(stack.simulator.state.partners.coupons.coupon(couponId)!.reclaimedAt).not.toBeNull();
  });

  it('reconciles a lost reclaim from the coupon\'s status', async () => {
    const couponId = await issueOne();
    stack.simulator.faults.once('ReclaimPartnerCoupons', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(RECLAIM, { couponId, key: newKey('reclaim-lost') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIssuedPartnerCoupons: 3, ReclaimPartnerCoupons: 1 });
    expect(res.data.reclaimCoupons.coupon.status).toBe('RECLAIMED');
  });

  it('refuses an unknown coupon with NOT_FOUND before any write', async () => {
    stack.bss.counter.reset();
    const res = await stack.graphql(RECLAIM, { couponId: 'CP-no-such-coupon', key: newKey() });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(requests(stack)).toEqual({ ListIssuedPartnerCoupons: 1 });
  });
});

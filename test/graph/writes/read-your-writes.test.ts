/**
 * Read your writes with the cross-request partner cache on (src/caches/partner-cache.ts, long TTLs): a query is
 * answered from the cache (0 upstream calls the second time), a mutation changes what it shows, and the same query
 * right after shows the new state — for each kind of cached partner data a write changes: balances (customer funds,
 * the partner's and a reseller's accounts, a payment), orders (cancel, pay), resources (auto-renewal), customers
 * (a new customer, a real-name application) and coupons (an issue). The expected state is read at the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { PartnerDataCache } from '../../../src/caches/partner-cache.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { newKey, resaleCustomers, simCustomerCash, simScopeCash } from './support.js';

const HOUR = 3_600_000;

let stack: Stack;
let cache: PartnerDataCache;
let withAgency: CustomerRecord[];

beforeAll(async () => {
  cache = new PartnerDataCache({ ttlMs: { customers: HOUR, balances: HOUR, resellers: HOUR, orders: HOUR, resources: HOUR, coupons: HOUR } });
  stack = await startStack({ customers: 200, store: 'memory', partnerCache: cache });
  withAgency = resaleCustomers(stack, null).filter((c) => c.agency !== null && c.isFrozen === 0);
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

async function data(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await stack.graphql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** Runs a query twice (the second answered by the cache, no upstream call) and returns its data. */
async function warm(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const first = await data(query, variables);
  stack.bss.counter.reset();
  expect(await data(query, variables)).toEqual(first);
  expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  return first;
}

const cashOf = (balances: { accountType: string; amount: string }[]) => balances.find((b) => b.accountType === 'CASH')!.amount;
const BALANCE = 'query ($id: String!) { customer(customerId: $id) { balance { amount } } }';
const PARTNER_BALANCES = '{ partner { balances { accountType amount } } }';
const ORDER = 'query ($id: String!) { order(orderId: $id) { status } }';

describe('read your writes through the partner cache', () => {
  it('customer funds: the customer\'s balance and the partner\'s cash, cached, show the transfer at once', async () => {
    const customerId = withAgency[0]!.customerId;
    await warm(BALANCE, { id: customerId });
    await warm(PARTNER_BALANCES);
    const res = await stack.graphql(`mutation ($id: String!, $k: String!) { allocateCustomerFunds(input: { customerId: $id, amount: "3.21", idempotencyKey: $k }) { transferId } }`,
      { id: customerId, k: newKey('ryw-funds') });
    expect(res.errors).toBeUndefined();
    expect((await data(BALANCE, { id: customerId })).customer.balance.amount).toBe(simCustomerCash(stack, customerId));
    expect(cashOf((await data(PARTNER_BALANCES)).partner.balances)).toBe(simScopeCash(stack, null));
  });

  it('reseller funds: the reseller\'s balances, cached, show the allocation at once', async () => {
    const reseller = stack.simulator.state.world.resellers[0]!.indirectPartnerId;
    const query = 'query ($id: String!) { indirectPartner(indirectPartnerId: $id) { balances { accountType amount } } }';
    const before = cashOf((await warm(query, { id: reseller })).indirectPartner.balances);
    const res = await stack.graphql(`mutation ($id: String!, $k: String!) { allocateResellerFunds(input: { indirectPartnerId: $id, amount: "4.56", idempotencyKey: $k }) { transferId } }`,
      { id: reseller, k: newKey('ryw-reseller') });
    expect(res.errors).toBeUndefined();
    const after = cashOf((await data(query, { id: reseller })).indirectPartner.balances);
    expect(after).toBe(new Decimal(before).plus('4.56').toFixed(2));
    expect(after).toBe(simScopeCash(stack, reseller));
  });

  it('orders: a cancelled and a paid order, cached as pending, show their new status; the payer\'s balance its debit', async () => {
    const { commerce } = stack.simulator.state;
    const pending = withAgency.flatMap((c) => commerce.ordersOf(c.customerId)
      .filter((o) => o.status === 6 && o.parentOrderId === null && new Decimal(simCustomerCash(stack, c.customerId)).gte(o.amountAfterDiscount))
      .map((o) => ({ orderId: o.orderId, customerId: c.customerId })));
    const [toCancel, toPay] = pending as [typeof pending[0], typeof pending[0]];
    expect((await warm(ORDER, { id: toCancel.orderId })).order.status).toBe('PENDING_PAYMENT');
    expect((await warm(ORDER, { id: toPay.orderId })).order.status).toBe('PENDING_PAYMENT');
    await warm(BALANCE, { id: toPay.customerId });
    expect((await stack.graphql(`mutation ($id: String!) { cancelOrder(input: { orderId: $id }) { replayed } }`, { id: toCancel.orderId })).errors).toBeUndefined();
    expect((await stack.graphql(`mutation ($id: String!, $k: String!) { payOrder(input: { orderId: $id, idempotencyKey: $k }) { replayed } }`,
      { id: toPay.orderId, k: newKey('ryw-pay') })).errors).toBeUndefined();
    expect((await data(ORDER, { id: toCancel.orderId })).order.status).toBe('CANCELLED');
    expect((await data(ORDER, { id: toPay.orderId })).order.status).toBe('COMPLETED');
    expect((await data(BALANCE, { id: toPay.customerId })).customer.balance.amount).toBe(simCustomerCash(stack, toPay.customerId));
  });

  it('resources: auto-renewal turned on shows in the cached resource list', async () => {
    const { commerce } = stack.simulator.state;
    const now = TEST_NOW.getTime();
    const r = withAgency.flatMap((c) => commerce.resourcesOf(c.customerId)).find((x) =>
      x.chargeMode === 1 && x.provisioned && x.parentResourceId === null && x.closedAt === null && x.expireAt !== null && x.expireAt.getTime() > now + 86_400_000 && x.expirePolicy === 0)!;
    const query = 'query ($id: String!) { customer(customerId: $id) { periodResources(first: 100) { nodes { resourceId expirePolicy } } } }';
    const policy = (d: any) => d.customer.periodResources.nodes.find((n: { resourceId: string }) => n.resourceId === r.resourceId)?.expirePolicy;
    const before = policy(await warm(query, { id: r.customerId }));
    expect(before).toBeDefined();
    expect(before).not.toBe('RENEW_AUTOMATICALLY');
    expect((await stack.graphql(`mutation ($c: String!, $r: String!) { enableAutoRenewal(input: { customerId: $c, resourceId: $r }) { replayed } }`,
      { c: r.customerId, r: r.resourceId })).errors).toBeUndefined();
    expect(policy(await data(query, { id: r.customerId }))).toBe('RENEW_AUTOMATICALLY');
  });

  it('customers: a created customer is in the cached list; a real-name application shows in the customer\'s status', async () => {
    const list = '{ partner { customers(first: 1) { totalCount } } }';
    const count = (await warm(list)).partner.customers.totalCount as number;
    const xaccountType = stack.simulator.state.world.partner.xaccountType;
    expect((await stack.graphql(`mutation ($x: String!, $t: String!) { createCustomer(input: { xaccountId: $x, xaccountType: $t }) { customerId } }`,
      { x: `ryw-${process.pid}`, t: xaccountType })).errors).toBeUndefined();
    expect((await data(list)).partner.customers.totalCount).toBe(count + 1);

    const c = stack.simulator.state.world.customersOf(null).find((x) => x.verifiedStatus === '-1')!;
    const status = 'query ($id: String!) { customer(customerId: $id) { verificationStatus } }';
    expect((await warm(status, { id: c.customerId })).customer.verificationStatus).toBe('NOT_VERIFIED');
    const res = await stack.graphql(`mutation ($input: PersonalRealnameAuthInput!) { submitPersonalRealnameAuth(input: $input) { manualReview } }`, {
      input: { customerId: c.customerId, method: 'CERTIFICATE', certificateType: 'PASSPORT', files: ['a.jpg', 'b.jpg', 'c.png'], name: '张三', certificateNumber: 'E1', xaccountType },
    });
    expect(res.errors).toBeUndefined();
    expect((await data(status, { id: c.customerId })).customer.verificationStatus).toBe('UNDER_REVIEW');
  });

  it('coupons: an issued coupon is in the customer\'s cached coupon list', async () => {
    const quota = stack.simulator.state.partners.coupons.quotas().find(
      (q) => q.owner === null && q.quotaType === 0 && q.status === 0 && q.expireTime > TEST_NOW && q.effectiveTime < TEST_NOW && q.balance.gte(10) && q.limits.length === 0,
    )!;
    const customerId = withAgency[1]!.customerId;
    const query = 'query ($id: String!) { customer(customerId: $id) { coupons(first: 100) { nodes { couponId } } } }';
    const before = (await warm(query, { id: customerId })).customer.coupons.nodes.length as number;
    const res = await stack.graphql(`mutation ($q: String!, $c: String!, $k: String!) { issueCoupons(input: { quotaId: $q, customerIds: [$c], faceValue: "1.00", idempotencyKey: $k }) { issued { coupon { couponId } } } }`,
      { q: quota.quotaId, c: customerId, k: newKey('ryw-coupon') });
    expect(res.errors).toBeUndefined();
    const after = (await data(query, { id: customerId })).customer.coupons.nodes.map((n: { couponId: string }) => n.couponId);
    expect(after).toHaveLength(before + 1);
    expect(after).toContain(res.data.issueCoupons.issued[0].coupon.couponId);
  });
});

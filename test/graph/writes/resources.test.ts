/**
 * The resource mutations end to end through yoga, the simulator and an in-memory store: renewResources,
 * unsubscribeResources, convertResourcesToOnDemand, enableAutoRenewal / disableAutoRenewal and setResourcesRenewal.
 * Exact upstream calls (the customer lookup, the write with the customer's token, the resources read back), the
 * simulator's books after each write, replays without a call, bad input for free, roles, lost answers reconciled
 * from the orders created and the resources' expiry policy, and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import type { ResourceRecord } from '../../../src/simulator/dataset/commerce/types.js';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { UpdateCustomerAccountAmount } from '../../../src/bss/operations/partners/index.js';
import { auditOf, codes, minus, newKey, requests, simCustomerCash } from './support.js';

const RENEW = `mutation ($customerId: String!, $ids: [String!]!, $unit: RenewalPeriodUnit!, $count: Int!, $autoPay: Boolean, $key: String!) {
  renewResources(input: { customerId: $customerId, resourceIds: $ids, periodUnit: $unit, periodCount: $count, autoPay: $autoPay, idempotencyKey: $key }) {
    replayed orders { orderId status orderType } failures { resourceId code } resources { resourceId expireTime }
  }
}`;
const UNSUBSCRIBE = `mutation ($customerId: String!, $ids: [String!]!, $key: String!) {
  unsubscribeResources(input: { customerId: $customerId, resourceIds: $ids, scope: RESOURCE_AND_RENEWALS, reasonType: OTHER, idempotencyKey: $key }) {
    replayed orders { orderId orderType } failures { resourceId code } resources { resourceId status }
  }
}`;
const TO_ON_DEMAND = `mutation ($customerId: String!, $ids: [String!]!, $action: OnDemandConversion!, $key: String) {
  convertResourcesToOnDemand(input: { customerId: $customerId, resourceIds: $ids, action: $action, idempotencyKey: $key }) {
    replayed failures { resourceId code } resources { resourceId expirePolicy }
  }
}`;
const AUTO_ON = `mutation ($customerId: String!, $id: String!, $times: Int, $key: String) {
  enableAutoRenewal(input: { customerId: $customerId, resourceId: $id, times: $times, idempotencyKey: $key }) { replayed resources { resourceId expirePolicy } }
}`;
const AUTO_OFF = `mutation ($customerId: String!, $id: String!, $key: String) {
  disableAutoRenewal(input: { customerId: $customerId, resourceId: $id, idempotencyKey: $key }) { replayed resources { resourceId expirePolicy } }
}`;
const RENEW_CONFIG = `mutation ($customerId: String!, $setting: RenewalSetting!, $value: Int!, $key: String) {
  setResourcesRenewal(input: { customerId: $customerId, setting: $setting, value: $value, idempotencyKey: $key }) { replayed customerId setting value }
}`;

const KEYS = { admin: 'pg_test-res-admin', analyst: 'pg_test-res-analyst', reseller: 'pg_test-res-reseller' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let stack: Stack;
/**
 * Main, in-use, yearly/monthly resources of the partner's own resale customers (with an agency), in no unpaid
 * order and without an expiry policy, used up one per test: `customerId` is the owner of the last one taken.
 */
let free: ResourceRecord[];
let customerId: string;

const take = (): ResourceRecord => {
  const next = free.shift();
  if (!next) throw new Error('no resource left for this test');
  customerId = next.customerId;
  return next;
};
/** `n` resources of one customer (who becomes `customerId`). */
const takeGroup = (n: number): ResourceRecord[] => {
  const owner = free.find((r) => free.filter((x) => x.customerId === r.customerId).length >= n)?.customerId;
  if (!owner) throw new Error(`no customer with ${n} resources left`);
  customerId = owner;
  const group = free.filter((r) => r.customerId === owner).slice(0, n);
  free = free.filter((r) => !group.includes(r));
  return group;
};
const sim = (resourceId: string): ResourceRecord => stack.simulator.state.commerce.resourcesOf(customerId).find((r) => r.resourceId === resourceId)!;
/** The renewal orders (E8 2) holding a resource, at the simulator. */
const renewalsOf = (resourceId: string) => stack.simulator.state.commerce.ordersOf(customerId).filter((o) => o.orderType === 2 && o.resourceIds.includes(resourceId));
/** A time as the wire carries it: whole seconds. */
const wireTime = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

const admin = (query: string, variables: Record<string, unknown>) => stack.graphql(query, variables, bearer(KEYS.admin));

/** BSS requests since the last reset, without the IAM token exchange (made once per customer, then cached). */
function bssRequests(s: Stack): Record<string, number> {
  const { KeystoneCreateAgencyToken: token = 0, ...rest } = requests(s);
  expect(token).toBeLessThanOrEqual(1);
  return rest;
}

beforeAll(async () => {
  stack = await startStack({
    customers: 200,
    store: 'memory',
    apiKeys: [
      { name: 'res-admin', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'res-analyst', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
      // A reseller that is not this customer's (the customer is the partner's own).
      { name: 'res-reseller', role: 'reseller', indirectPartnerId: 'f'.repeat(32), sha256: sha256Hex(KEYS.reseller) },
    ],
  });
  const { world, commerce } = stack.simulator.state;
  const now = TEST_NOW.getTime();
  const usable = (id: string) => {
    const unpaid = new Set(commerce.ordersOf(id).filter((o) => o.status === 6).flatMap((o) => o.resourceIds));
    return commerce.resourcesOf(id).filter((r) =>
      r.chargeMode === 1 && r.provisioned && r.parentResourceId === null && r.closedAt === null && r.expireAt !== null &&
      r.expireAt.getTime() > now + 86_400_000 && !unpaid.has(r.resourceId) && r.expirePolicy === 0);
  };
  free = world.customersOf(null)
    .filter((c) => c.associationType === '2' && c.agency !== null && c.isFrozen === 0)
    .flatMap((c) => usable(c.customerId));
  expect(free.length).toBeGreaterThanOrEqual(12);
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

describe('renewResources', () => {
  it('renews once: the customer lookup, the write with its token, the resources read back; one pending renewal order', async () => {
    const r = take();
    const key = newKey('renew');
    stack.bss.counter.reset();
    const res = await admin(RENEW, { customerId, ids: [r.resourceId], unit: 'MONTH', count: 1, key });
    expect(res.errors).toBeUndefined();
    const renewal = renewalsOf(r.resourceId).at(-1)!;
    expect(renewal.status).toBe(6);
    expect(res.data.renewResources).toEqual({
      replayed: false,
      orders: [{ orderId: renewal.orderId, status: 'PENDING_PAYMENT', orderType: 'RENEWAL' }],
      failures: [],
      resources: [{ resourceId: r.resourceId, expireTime: wireTime(r.expireAt!) }],
    });
    // The order (selected) is one ListCustomerOrders more.
    expect(bssRequests(stack)).toEqual({ ListSubCustomers: 1, RenewalResources: 1, ListPayPerUseCustomerResources: 1, ListCustomerOrders: 1 });
    // Replayed: no call at all, the same answer.
    stack.bss.counter.reset();
    const again = await admin(RENEW, { customerId, ids: [r.resourceId], unit: 'MONTH', count: 1, key });
    expect(again.data.renewResources).toEqual({ ...res.data.renewResources, replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('lost after it applied: reconciled from the renewal orders created since the send; paid at once with autoPay, once', async () => {
    const r = take();
    const key = newKey('renew-lost');
    const before = r.expireAt!.getTime();
    const earlier = new Set(renewalsOf(r.resourceId).map((o) => o.orderId));
    // Enough balance for the automatic payment (short of it, Huawei leaves the renewal pending).
    await stack.bss.call(UpdateCustomerAccountAmount, { body: { customer_id: customerId, amount: '100000.00' } });
    const cash = simCustomerCash(stack, customerId);
    stack.simulator.faults.once('RenewalResources', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await admin(RENEW, { customerId, ids: [r.resourceId], unit: 'MONTH', count: 1, autoPay: true, key });
    expect(res.errors).toBeUndefined();
    expect(stack.simulator.faults.pending()).toEqual({});
    const renewals = renewalsOf(r.resourceId).filter((o) => !earlier.has(o.orderId));
    expect(renewals).toHaveLength(1);
    expect(renewals[0]!.status).toBe(5);
    // Debited once, by what the renewal cost.
    expect(simCustomerCash(stack, customerId)).toBe(minus(cash, renewals[0]!.amountAfterDiscount.toFixed(2)));
    expect(res.data.renewResources.orders).toEqual([{ orderId: renewals[0]!.orderId, status: 'COMPLETED', orderType: 'RENEWAL' }]);
    // Extended by one month, once.
    expect(sim(r.resourceId).expireAt!.getTime()).toBeGreaterThan(before);
    expect(res.data.renewResources.resources).toEqual([{ resourceId: r.resourceId, expireTime: wireTime(sim(r.resourceId).expireAt!) }]);
    // Lookup: the renewal orders since the send (1), the resources of the newest (1); then the read back and the order.
    expect(bssRequests(stack)).toEqual({ ListSubCustomers: 1, RenewalResources: 1, ListCustomerOrders: 2, ListPayPerUseCustomerResources: 2 });
    expect((await auditOf(stack, key)).map((a) => [a.outcome, a.detail.how ?? null])).toEqual([['attempted', null], ['applied', 'reconciled']]);
  });

  it('lost before it applied: no order was created, so not applied and retryable', async () => {
    const r = take();
    const key = newKey('renew-before');
    const earlier = renewalsOf(r.resourceId).length;
    stack.simulator.faults.once('RenewalResources', 'error-before-apply');
    const res = await admin(RENEW, { customerId, ids: [r.resourceId], unit: 'YEAR', count: 1, key });
    expect(res.errors![0].extensions).toMatchObject({ code: 'APIGW.0201', applied: false, retryable: true });
    expect(renewalsOf(r.resourceId)).toHaveLength(earlier);
    // The key is free again: the retry renews, once.
    const retry = await admin(RENEW, { customerId, ids: [r.resourceId], unit: 'YEAR', count: 1, key });
    expect(retry.errors).toBeUndefined();
    expect(renewalsOf(r.resourceId)).toHaveLength(earlier + 1);
    expect((await auditOf(stack, key)).map((a) => a.outcome)).toEqual(['attempted', 'not_applied', 'attempted', 'applied']);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field and rule, before any call', async () => {
    customerId = free[0]!.customerId;
    const ids = free.filter((r) => r.customerId === customerId).slice(0, 2).map((r) => r.resourceId);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ customerId, ids: [], unit: 'MONTH', count: 1, key: newKey() }, 'input.resourceIds', /1 to 10 ids/],
      [{ customerId, ids: Array.from({ length: 11 }, (_, i) => `r${i}`), unit: 'MONTH', count: 1, key: newKey() }, 'input.resourceIds', /1 to 10 ids/],
      [{ customerId, ids: [ids[0], ids[0]], unit: 'MONTH', count: 1, key: newKey() }, 'input.resourceIds', /must not repeat/],
      [{ customerId, ids, unit: 'MONTH', count: 12, key: newKey() }, 'input.periodCount', /from 1 to 11/],
      [{ customerId, ids, unit: 'YEAR', count: 4, key: newKey() }, 'input.periodCount', /from 1 to 3/],
      [{ customerId: '', ids, unit: 'YEAR', count: 1, key: newKey() }, 'input.customerId', /non-empty/],
      [{ customerId, ids, unit: 'YEAR', count: 1, key: 'has space' }, 'input.idempotencyKey', /printable ASCII/],
    ];
    stack.bss.counter.reset();
    for (const [variables, argument, rule] of cases) {
      const res = await admin(RENEW, variables);
      expect(codes(res), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions.argument).toBe(argument);
      expect(res.errors![0].message).toMatch(rule);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });
});

describe('unsubscribeResources', () => {
  it('unsubscribes once: one completed unsubscription order, the resource closed; lost after apply is reconciled the same', async () => {
    const [r, lost] = takeGroup(2) as [ResourceRecord, ResourceRecord];
    const cash = simCustomerCash(stack, customerId);
    stack.bss.counter.reset();
    const res = await admin(UNSUBSCRIBE, { customerId, ids: [r.resourceId], key: newKey('unsub') });
    expect(res.errors).toBeUndefined();
    const order = stack.simulator.state.commerce.ordersOf(customerId).filter((o) => o.orderType === 4 && o.resourceIds.includes(r.resourceId)).at(-1)!;
    // The refund (the order's negative amount) is credited to the customer's balance.
    expect(simCustomerCash(stack, customerId)).toBe(minus(cash, order.amountAfterDiscount.toFixed(2)));
    expect(res.data.unsubscribeResources).toEqual({ replayed: false, orders: [{ orderId: order.orderId, orderType: 'UNSUBSCRIPTION' }], failures: [], resources: [{ resourceId: r.resourceId, status: 'CLOSED' }] });
    expect(sim(r.resourceId).closedAt).not.toBeNull();
    expect(bssRequests(stack)).toEqual({ ListSubCustomers: 1, CancelResourcesSubscription: 1, ListPayPerUseCustomerResources: 1, ListCustomerOrders: 1 });

    const key = newKey('unsub-lost');
    const cashBefore = simCustomerCash(stack, customerId);
    stack.simulator.faults.once('CancelResourcesSubscription', 'lost-after-apply');
    const again = await admin(UNSUBSCRIBE, { customerId, ids: [lost.resourceId], key });
    expect(again.errors).toBeUndefined();
    const orders = stack.simulator.state.commerce.ordersOf(customerId).filter((o) => o.orderType === 4 && o.resourceIds.includes(lost.resourceId));
    expect(orders).toHaveLength(1);
    // Refunded once.
    expect(simCustomerCash(stack, customerId)).toBe(minus(cashBefore, orders[0]!.amountAfterDiscount.toFixed(2)));
    expect(again.data.unsubscribeResources.orders).toEqual([{ orderId: orders[0]!.orderId, orderType: 'UNSUBSCRIPTION' }]);
    expect((await auditOf(stack, key)).map((a) => a.outcome)).toEqual(['attempted', 'applied']);
  });
});

describe('expiry policies', () => {
  it('convertResourcesToOnDemand: SET_UP then CANCEL, each one write; a lost SET_UP is reconciled from expirePolicy', async () => {
    const [a, b, c] = takeGroup(3) as [ResourceRecord, ResourceRecord, ResourceRecord];
    stack.bss.counter.reset();
    const set = await admin(TO_ON_DEMAND, { customerId, ids: [a.resourceId], action: 'SET_UP' });
    expect(set.errors).toBeUndefined();
    expect(set.data.convertResourcesToOnDemand).toEqual({ replayed: false, failures: [], resources: [{ resourceId: a.resourceId, expirePolicy: 'CONVERT_TO_ON_DEMAND' }] });
    expect(bssRequests(stack)).toEqual({ ListSubCustomers: 1, UpdatePeriodToOnDemand: 1, ListPayPerUseCustomerResources: 1 });
    expect(sim(a.resourceId).expirePolicy).toBe(1);
    const cancel = await admin(TO_ON_DEMAND, { customerId, ids: [a.resourceId], action: 'CANCEL' });
    expect(cancel.data.convertResourcesToOnDemand.resources).toEqual([{ resourceId: a.resourceId, expirePolicy: 'ENTER_GRACE_PERIOD' }]);
    expect(sim(a.resourceId).expirePolicy).toBe(0);

    const key = newKey('on-demand-lost');
    stack.simulator.faults.once('UpdatePeriodToOnDemand', 'lost-after-apply');
    const lost = await admin(TO_ON_DEMAND, { customerId, ids: [b.resourceId], action: 'SET_UP', key });
    expect(lost.errors).toBeUndefined();
    expect(lost.data.convertResourcesToOnDemand.resources).toEqual([{ resourceId: b.resourceId, expirePolicy: 'CONVERT_TO_ON_DEMAND' }]);
    expect((await auditOf(stack, key)).map((x) => [x.outcome, x.detail.how ?? null])).toEqual([['attempted', null], ['applied', 'reconciled']]);
    // CANCEL on a resource that was never set: Huawei's per-resource failure, inside a success.
    const never = await admin(TO_ON_DEMAND, { customerId, ids: [c.resourceId], action: 'CANCEL' });
    expect(never.data.convertResourcesToOnDemand.failures).toEqual([{ resourceId: c.resourceId, code: 'CBC.0100' }]);
  });

  it('enableAutoRenewal / disableAutoRenewal: one write each; lost before apply → not applied, retryable', async () => {
    const r = take();
    stack.bss.counter.reset();
    const on = await admin(AUTO_ON, { customerId, id: r.resourceId, times: 3 });
    expect(on.errors).toBeUndefined();
    expect(on.data.enableAutoRenewal).toEqual({ replayed: false, resources: [{ resourceId: r.resourceId, expirePolicy: 'RENEW_AUTOMATICALLY' }] });
    expect(bssRequests(stack)).toEqual({ ListSubCustomers: 1, AutoRenewalResources: 1, ListPayPerUseCustomerResources: 1 });
    expect(sim(r.resourceId)).toMatchObject({ expirePolicy: 3, autoRenewTimes: 3 });

    const key = newKey('auto-off-before');
    stack.simulator.faults.once('CancelAutoRenewalResources', 'reset-before-apply');
    const lost = await admin(AUTO_OFF, { customerId, id: r.resourceId, key });
    expect(lost.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: 'CancelAutoRenewalResources' });
    expect(sim(r.resourceId).expirePolicy).toBe(3);
    const off = await admin(AUTO_OFF, { customerId, id: r.resourceId, key });
    expect(off.errors).toBeUndefined();
    expect(off.data.disableAutoRenewal.resources[0].expirePolicy).not.toBe('RENEW_AUTOMATICALLY');
    expect(sim(r.resourceId).expirePolicy).not.toBe(3);
    expect((await auditOf(stack, key)).map((x) => x.outcome)).toEqual(['attempted', 'not_applied', 'attempted', 'applied']);
    expect(codes(await admin(AUTO_ON, { customerId, id: r.resourceId, times: 100 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('setResourcesRenewal: one write; a lost answer cannot be read back, so OUTCOME_UNKNOWN with what to do, and the key held', async () => {
    stack.bss.counter.reset();
    const res = await admin(RENEW_CONFIG, { customerId, setting: 'DEDUCTION_DATE', value: 5 });
    expect(res.errors).toBeUndefined();
    expect(res.data.setResourcesRenewal).toEqual({ replayed: false, customerId, setting: 'DEDUCTION_DATE', value: 5 });
    expect(bssRequests(stack)).toEqual({ ListSubCustomers: 1, SetResourcesRenewConfig: 1 });

    const key = newKey('config-lost');
    stack.simulator.faults.once('SetResourcesRenewConfig', 'lost-after-apply');
    const lost = await admin(RENEW_CONFIG, { customerId, setting: 'EXPIRE_DATE', value: -1, key });
    expect(codes(lost)).toEqual(['OUTCOME_UNKNOWN']);
    expect(lost.errors![0].message).toMatch(/cannot be read back/);
    // One piece of advice, not two that contradict: a new key is harmless here (it sets, it does not add).
    expect(lost.errors![0].message).toMatch(/sending the write again with a new key is harmless/);
    expect(lost.errors![0].message).not.toMatch(/never with a new key/);
    stack.bss.counter.reset();
    expect(codes(await admin(RENEW_CONFIG, { customerId, setting: 'EXPIRE_DATE', value: -1, key }))).toEqual(['OUTCOME_UNKNOWN']);
    expect(requests(stack)).toEqual({});

    for (const [setting, value, rule] of [['DEDUCTION_DATE', 1, /from 2 to 7/], ['EXPIRE_DATE', 29, /1 to 28, or -1/], ['EXPIRE_DATE', 0, /1 to 28, or -1/]] as const) {
      const bad = await admin(RENEW_CONFIG, { customerId, setting, value });
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.value' });
      expect(bad.errors![0].message).toMatch(rule);
    }
    expect(requests(stack)).toEqual({});
  });
});

describe('who may write resources', () => {
  it('analyst: FORBIDDEN before any call; another reseller\'s key: the customer is not in its scope, nothing written', async () => {
    const r = free[0]!;
    customerId = r.customerId;
    stack.bss.counter.reset();
    expect(codes(await stack.graphql(AUTO_ON, { customerId, id: r.resourceId }, bearer(KEYS.analyst)))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.graphql(RENEW, { customerId, ids: [r.resourceId], unit: 'MONTH', count: 1, key: newKey() }, bearer(KEYS.analyst)))).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    const res = await stack.graphql(AUTO_ON, { customerId, id: r.resourceId }, bearer(KEYS.reseller));
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
    expect(sim(r.resourceId).expirePolicy).toBe(0);
  });
});

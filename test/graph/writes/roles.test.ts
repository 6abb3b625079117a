/**
 * Who may write, end to end with API keys: admin keys everywhere; reseller keys only inside their subtree (their
 * `indirect_partner_id` on the write, never the partner's own customers or another reseller's); analyst keys never.
 * Refusals cost no write (FORBIDDEN before any call; a customer outside the scope is not found in it). Idempotency
 * keys are per API key. Also: no store, no write; a key held by a request in flight answers IN_PROGRESS after the bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../../src/bss/money.js';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import { claimIdempotencyKey } from '../../../src/store/index.js';
import { requestHash } from '../../../src/resolvers/mutation/request-hash.js';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { codes, minus, newKey, plus, requests, resaleCustomers, simCustomerCash, simScopeCash, simTransfers, writesOperation } from './support.js';

const ALLOCATE = writesOperation('ContractAllocateCustomerFunds');
const ALLOCATE_RESELLER = writesOperation('ContractAllocateResellerFunds');
const ISSUE = writesOperation('ContractIssueCoupons');
const KEYS = { admin: 'pg_w_admin', analyst: 'pg_w_analyst', resellerA: 'pg_w_reseller_a' };
const as = (key: string) => ({ authorization: `Bearer ${key}` });

let stack: Stack;
let resellerA: string;
let resellerB: string;
let ownCustomer: string;
let customerOfA: string;
let customerOfB: string;
beforeAll(async () => {
  // Resellers first: their ids name the reseller key's scope.
  const probe = await startStack({ customers: 100 });
  const resellers = probe.simulator.state.world.resellers.map((r) => r.indirectPartnerId);
  await probe.close();
  [resellerA, resellerB] = resellers as [string, string];
  stack = await startStack({
    customers: 100,
    store: 'memory',
    writes: { waitMs: 300, pollMs: 20 },
    apiKeys: [
      { name: 'ops', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'bi', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
      { name: 'reseller-a', role: 'reseller', indirectPartnerId: resellerA, sha256: sha256Hex(KEYS.resellerA) },
    ],
  });
  ownCustomer = resaleCustomers(stack, null)[0]!.customerId;
  customerOfA = resaleCustomers(stack, resellerA)[0]!.customerId;
  customerOfB = resaleCustomers(stack, resellerB)[0]!.customerId;
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('analyst keys', () => {
  it('are refused every mutation with FORBIDDEN before any call', async () => {
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { customerId: ownCustomer, amount: '1.00', idempotencyKey: newKey() }, as(KEYS.analyst));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data).toBeUndefined();
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });
});

describe('reseller keys', () => {
  it('move funds to their own customers, from their own account (their indirect_partner_id on the write)', async () => {
    const before = simCustomerCash(stack, customerOfA);
    const resellerCash = simScopeCash(stack, resellerA);
    const partnerCash = simScopeCash(stack, null);
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { customerId: customerOfA, amount: '2.50', idempotencyKey: newKey('reseller') }, as(KEYS.resellerA));
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, UpdateCustomerAccountAmount: 1, ListCustomersBalancesDetail: 1 });
    expect(simCustomerCash(stack, customerOfA)).toBe(plus(before, '2.50'));
    expect(simScopeCash(stack, resellerA)).toBe(minus(resellerCash, '2.50'));
    expect(simScopeCash(stack, null)).toBe(partnerCash);
    expect(res.data.allocateCustomerFunds.transferId).toBe(simTransfers(stack, resellerA, customerOfA).at(-1)!.transId);
  });

  it('never reach the partner\'s own customers or another reseller\'s: not found in their scope, nothing written', async () => {
    for (const customerId of [ownCustomer, customerOfB]) {
      const before = simCustomerCash(stack, customerId);
      stack.bss.counter.reset();
      const res = await stack.graphql(ALLOCATE, { customerId, amount: '1.00', idempotencyKey: newKey('outside') }, as(KEYS.resellerA));
      expect(codes(res)).toEqual(['NOT_FOUND']);
      expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
      expect(simCustomerCash(stack, customerId)).toBe(before);
    }
  });

  it('naming another reseller, or moving the distributor\'s funds or quotas, is FORBIDDEN before any call', async () => {
    stack.bss.counter.reset();
    const named = await stack.graphql(
      `mutation($id: String!, $r: String!, $k: String!) { allocateCustomerFunds(input: { customerId: $id, amount: "1.00", idempotencyKey: $k, indirectPartnerId: $r }) { transferId } }`,
      { id: customerOfB, r: resellerB, k: newKey() }, as(KEYS.resellerA),
    );
    expect(codes(named)).toEqual(['FORBIDDEN']);
    expect(codes(await stack.graphql(ALLOCATE_RESELLER, { indirectPartnerId: resellerA, amount: '1.00', idempotencyKey: newKey() }, as(KEYS.resellerA)))).toEqual(['FORBIDDEN']);
    const quota = await stack.graphql(
      `mutation($k: String!) { allocateResellerCouponQuota(input: { quotaId: "q", indirectPartnerIds: ["${resellerA}"], amount: "1.00", idempotencyKey: $k }) { replayed } }`,
      { k: newKey() }, as(KEYS.resellerA),
    );
    expect(codes(quota)).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  // Issuing inside the subtree (from the reseller's own quota to its customer): test/graph/writes/matrix.test.ts.
  it('issue coupons only to their own customers: the partner\'s customer is not found in their scope, nothing written', async () => {
    const quota = stack.simulator.state.partners.coupons.quotas().find(
      (q) => q.owner === resellerA && q.status === 0 && q.quotaType === 0 && q.expireTime > TEST_NOW && q.effectiveTime < TEST_NOW && q.balance.gte(5),
    );
    stack.bss.counter.reset();
    const outside = await stack.graphql(ISSUE, { quotaId: quota?.quotaId ?? 'QT-none', customerIds: [ownCustomer], faceValue: '1.00', idempotencyKey: newKey() }, as(KEYS.resellerA));
    expect(codes(outside)).toEqual(['NOT_FOUND']);
    expect(requests(stack)).toEqual({ ListSubCustomers: 1 });
  });

  it('cannot read the audit log', async () => {
    const res = await stack.graphql('{ auditLog(first: 1) { edges { node { outcome } } } }', {}, as(KEYS.resellerA));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data?.auditLog ?? null).toBeNull();
  });
});

describe('admin keys', () => {
  it('write in any scope, and an idempotency key is per API key (the same key by another API key is another request)', async () => {
    const key = newKey('shared-key');
    const a = await stack.graphql(ALLOCATE, { customerId: customerOfA, amount: '1.10', idempotencyKey: key }, as(KEYS.resellerA));
    const b = await stack.graphql(ALLOCATE, { customerId: customerOfA, amount: '1.10', idempotencyKey: key }, as(KEYS.admin));
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data.allocateCustomerFunds.replayed).toBe(false);
    expect(b.data.allocateCustomerFunds.transferId).not.toBe(a.data.allocateCustomerFunds.transferId);
    const log = await stack.graphql(`{ auditLog(first: 10, idempotencyKey: "${key}") { edges { node { apiKeyName outcome } } } }`, {}, as(KEYS.admin));
    expect(log.data.auditLog.edges.map((e: { node: { apiKeyName: string; outcome: string } }) => `${e.node.apiKeyName}:${e.node.outcome}`)).toEqual([
      'ops:applied', 'ops:attempted', 'reseller-a:applied', 'reseller-a:attempted',
    ]);
  });

  it('a key held by a request still in flight answers IN_PROGRESS after the bound, with no call', async () => {
    const key = newKey('held');
    // Another replica (or a request of this one) holds the key for the same input.
    const hash = requestHash('allocateCustomerFunds', { customerId: ownCustomer, amount: new Money('3.00'), indirectPartnerId: null });
    expect(await claimIdempotencyKey(stack.store!, { apiKeyName: 'ops', idempotencyKey: key, operation: 'allocateCustomerFunds', requestHash: hash })).toEqual({ kind: 'claimed' });
    stack.bss.counter.reset();
    const started = Date.now();
    const res = await stack.graphql(ALLOCATE, { customerId: ownCustomer, amount: '3.00', idempotencyKey: key }, as(KEYS.admin));
    expect(codes(res)).toEqual(['IN_PROGRESS']);
    // It waited for the bound (300 ms) before giving up, and sent nothing.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });
});

describe('without a store', () => {
  it('refuses every mutation (STORE_UNAVAILABLE) and sends nothing', async () => {
    const bare = await startStack({ customers: 20 });
    try {
      const customerId = resaleCustomers(bare, null)[0]!.customerId;
      const before = simCustomerCash(bare, customerId);
      bare.bss.counter.reset();
      const res = await bare.graphql(ALLOCATE, { customerId, amount: '1.00', idempotencyKey: newKey() });
      expect(codes(res)).toEqual(['STORE_UNAVAILABLE']);
      expect(bare.bss.counter.snapshot().totalRequests).toBe(0);
      expect(simCustomerCash(bare, customerId)).toBe(before);
    } finally {
      await bare.close();
    }
  });
});

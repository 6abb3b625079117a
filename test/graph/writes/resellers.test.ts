/**
 * The distributor's writes towards its resellers, end to end: funds (allocateResellerFunds / reclaimResellerFunds) and
 * coupon quotas (allocateResellerCouponQuota / reclaimResellerCouponQuota): exact upstream calls, the books at the
 * simulator, replays, lost answers reconciled, bad input for free; and Query.auditLog over what they wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { TEST_NOW } from '../../support/sim-request.js';
import { codes, minus, newKey, plus, requests, simScopeCash, simTransfers, writesOperation } from './support.js';

const ALLOCATE = writesOperation('ContractAllocateResellerFunds');
const RECLAIM = `mutation($indirectPartnerId: String!, $amount: Decimal!, $idempotencyKey: String!) {
  reclaimResellerFunds(input: { indirectPartnerId: $indirectPartnerId, amount: $amount, idempotencyKey: $idempotencyKey }) {
    transferId replayed indirectPartner { indirectPartnerId balances { accountType amount } }
  }
}`;
const ALLOCATE_QUOTA = `mutation($quotaId: String!, $ids: [String!]!, $amount: Decimal!, $key: String!) {
  allocateResellerCouponQuota(input: { quotaId: $quotaId, indirectPartnerIds: $ids, amount: $amount, idempotencyKey: $key }) {
    replayed allocated { indirectPartner { indirectPartnerId } quota { quotaId balance } } failed { id code }
  }
}`;
const RECLAIM_QUOTA = `mutation($ids: [String!]!, $key: String!) {
  reclaimResellerCouponQuota(input: { quotaIds: $ids, idempotencyKey: $key, remark: "test" }) {
    replayed reclaimed { quota { quotaId status balance } balance } failed { id code }
  }
}`;

let stack: Stack;
let reseller: string;
let quotaId: string;
beforeAll(async () => {
  stack = await startStack({ customers: 60, store: 'memory' });
  reseller = stack.simulator.state.world.resellers[0]!.indirectPartnerId;
  const quota = stack.simulator.state.partners.coupons.quotas().find(
    (q) => q.owner === null && q.quotaType === 0 && q.status === 0 && q.expireTime > TEST_NOW && q.effectiveTime < TEST_NOW && q.balance.gte(100),
  );
  if (!quota) throw new Error('no usable distributor quota in the simulated world');
  quotaId = quota.quotaId;
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const cashOf = (balances: { accountType: string; amount: string }[]) => balances.find((b) => b.accountType === 'CASH')!.amount;

describe('reseller funds', () => {
  it('allocates once: one reseller lookup, one write, one balance read; the reseller\'s cash answered', async () => {
    const before = simScopeCash(stack, reseller);
    const distributor = simScopeCash(stack, null);
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { indirectPartnerId: reseller, amount: '25.00', idempotencyKey: newKey('reseller-alloc') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, UpdateIndirectPartnerAccount: 1, ListPartnerBalances: 1 });
    expect(simScopeCash(stack, reseller)).toBe(plus(before, '25.00'));
    expect(simScopeCash(stack, null)).toBe(minus(distributor, '25.00'));
    const payload = res.data.allocateResellerFunds;
    expect(payload.transferId).toBe(simTransfers(stack, null, reseller).at(-1)!.transId);
    expect(payload.replayed).toBe(false);
    expect(cashOf(payload.indirectPartner.balances)).toBe(plus(before, '25.00'));
  });

  it('replays without a call, and a lost answer is reconciled from the distributor\'s adjust log', async () => {
    const key = newKey('reseller-lost');
    const before = simScopeCash(stack, reseller);
    stack.simulator.faults.once('UpdateIndirectPartnerAccount', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { indirectPartnerId: reseller, amount: '3.33', idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, UpdateIndirectPartnerAccount: 1, ListPartnerAdjustRecords: 1, ListPartnerBalances: 1 });
    expect(simScopeCash(stack, reseller)).toBe(plus(before, '3.33'));
    stack.bss.counter.reset();
    const again = await stack.graphql(ALLOCATE, { indirectPartnerId: reseller, amount: '3.33', idempotencyKey: key });
    expect(again.data.allocateResellerFunds).toEqual({ ...res.data.allocateResellerFunds, replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('reclaims once, and refuses more than the reseller holds with Huawei\'s code', async () => {
    const before = simScopeCash(stack, reseller);
    const res = await stack.graphql(RECLAIM, { indirectPartnerId: reseller, amount: '1.00', idempotencyKey: newKey('reseller-reclaim') });
    expect(res.errors).toBeUndefined();
    expect(simScopeCash(stack, reseller)).toBe(minus(before, '1.00'));
    expect(res.data.reclaimResellerFunds.transferId).toBe(simTransfers(stack, null, reseller).at(-1)!.transId);
    const tooMuch = await stack.graphql(RECLAIM, { indirectPartnerId: reseller, amount: plus(before, '1000000'), idempotencyKey: newKey('reseller-too-much') });
    expect(codes(tooMuch)).toEqual(['CBC.99005003']);
    expect(simScopeCash(stack, reseller)).toBe(minus(before, '1.00'));
  });

  it('refuses an unknown reseller with NOT_FOUND before any write, and bad amounts before any call', async () => {
    stack.bss.counter.reset();
    expect(codes(await stack.graphql(ALLOCATE, { indirectPartnerId: reseller, amount: '0.001', idempotencyKey: newKey() }))).toEqual(['BAD_USER_INPUT']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    const unknown = await stack.graphql(ALLOCATE, { indirectPartnerId: 'f'.repeat(32), amount: '1.00', idempotencyKey: newKey() });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1 });
  });
});

describe('reseller coupon quotas', () => {
  const quotas = stack_quotas();
  function stack_quotas() {
    return {
      of: (id: string) => stack.simulator.state.partners.coupons.quota(id)!,
      children: () => stack.simulator.state.partners.coupons.quotas().filter((q) => q.parentQuotaId === quotaId),
    };
  }

  it('allocates a quota to two resellers with one write, carving 2 × amount out of the parent', async () => {
    const resellers = stack.simulator.state.world.resellers.slice(0, 2).map((r) => r.indirectPartnerId);
    const parentBefore = quotas.of(quotaId).balance.toFixed(2);
    const childrenBefore = quotas.children().length;
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE_QUOTA, { quotaId, ids: resellers, amount: '5.00', key: newKey('quota') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, UpdateCouponQuotas: 1, ListIssuedCouponQuotas: 1 });
    expect(quotas.of(quotaId).balance.toFixed(2)).toBe(minus(parentBefore, '10.00'));
    const created = quotas.children().slice(childrenBefore);
    expect(created.map((q) => q.owner)).toEqual(resellers);
    expect(res.data.allocateResellerCouponQuota).toEqual({
      replayed: false,
      allocated: created.map((q) => ({ indirectPartner: { indirectPartnerId: q.owner }, quota: { quotaId: q.quotaId, balance: '5.00' } })),
      failed: [],
    });
  });

  it('reconciles a lost allocation from the quota log', async () => {
    const childrenBefore = quotas.children().length;
    stack.simulator.faults.once('UpdateCouponQuotas', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE_QUOTA, { quotaId, ids: [reseller], amount: '0.77', key: newKey('quota-lost') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIndirectPartners: 1, UpdateCouponQuotas: 1, ListCouponQuotasRecords: 1, ListIssuedCouponQuotas: 1 });
    const created = quotas.children().slice(childrenBefore);
    expect(created).toHaveLength(1);
    expect(res.data.allocateResellerCouponQuota.allocated).toEqual([{ indirectPartner: { indirectPartnerId: reseller }, quota: { quotaId: created[0]!.quotaId, balance: '0.77' } }]);
  });

  it('reclaims a reseller quota: its balance goes back to the parent, the quota answers reclaimed', async () => {
    const issued = await stack.graphql(ALLOCATE_QUOTA, { quotaId, ids: [reseller], amount: '2.00', key: newKey('quota-to-reclaim') });
    const childId = issued.data.allocateResellerCouponQuota.allocated[0].quota.quotaId;
    const parentBefore = quotas.of(quotaId).balance.toFixed(2);
    stack.bss.counter.reset();
    const res = await stack.graphql(RECLAIM_QUOTA, { ids: [childId], key: newKey('quota-reclaim') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListIssuedCouponQuotas: 2, ReclaimCouponQuotas: 1 });
    expect(quotas.of(quotaId).balance.toFixed(2)).toBe(plus(parentBefore, '2.00'));
    expect(res.data.reclaimResellerCouponQuota.replayed).toBe(false);
    expect(res.data.reclaimResellerCouponQuota.reclaimed).toHaveLength(1);
    expect(res.data.reclaimResellerCouponQuota.reclaimed[0].quota.quotaId).toBe(childId);
    expect(res.data.reclaimResellerCouponQuota.failed).toEqual([]);
  });

  it('refuses more than 10 quotas, or 101 resellers, before any call', async () => {
    stack.bss.counter.reset();
    const eleven = Array.from({ length: 11 }, (_, i) => `QT${i}`);
    const reclaim = await stack.graphql(RECLAIM_QUOTA, { ids: eleven, key: newKey() });
    expect(codes(reclaim)).toEqual(['BAD_USER_INPUT']);
    expect(reclaim.errors![0].extensions.argument).toBe('input.quotaIds');
    const many = Array.from({ length: 101 }, (_, i) => `r${i}`);
    const allocate = await stack.graphql(ALLOCATE_QUOTA, { quotaId, ids: many, amount: '1.00', key: newKey() });
    expect(codes(allocate)).toEqual(['BAD_USER_INPUT']);
    expect(allocate.errors![0].message).toMatch(/at most 100 ids/);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });
});

describe('Query.auditLog', () => {
  it('lists the writes newest first, filtered by mutation, in forward pages, with no upstream call', async () => {
    stack.bss.counter.reset();
    const page = async (after?: string) =>
      stack.graphql(`query($after: String) { auditLog(first: 2, after: $after, mutation: "allocateResellerFunds") {
        edges { cursor node { mutation outcome apiKeyName indirectPartnerId detail } } pageInfo { hasNextPage endCursor } } }`, { after });
    const first = await page();
    expect(first.errors).toBeUndefined();
    const edges = first.data.auditLog.edges;
    expect(edges.map((e: { node: { mutation: string } }) => e.node.mutation)).toEqual(['allocateResellerFunds', 'allocateResellerFunds']);
    expect(first.data.auditLog.pageInfo.hasNextPage).toBe(true);
    // Newest first: the unknown reseller refused (NOT_FOUND, nothing sent), the bad amount refused before its key was claimed, ...
    expect(edges.map((e: { node: { outcome: string } }) => e.node.outcome)).toEqual(['refused', 'refused']);
    expect(JSON.parse(edges[0].node.detail)).toMatchObject({ reason: 'NOT_FOUND' });
    expect(JSON.parse(edges[1].node.detail)).toMatchObject({ reason: 'BAD_USER_INPUT', stage: 'before-claim' });
    // ... then, on the next page, the lost allocation's replay and its applied outcome (reconciled).
    const second = await page(first.data.auditLog.pageInfo.endCursor);
    const next = second.data.auditLog.edges;
    expect(Number(next[0].cursor)).toBeLessThan(Number(edges[1].cursor));
    expect(next.map((e: { node: { outcome: string } }) => e.node.outcome)).toEqual(['replayed', 'applied']);
    expect(JSON.parse(next[1].node.detail)).toMatchObject({ amount: '3.33', upstream: 'UpdateIndirectPartnerAccount', how: 'reconciled' });
    expect(next[1].node).toMatchObject({ apiKeyName: 'open-simulator', indirectPartnerId: reseller });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });
});

/**
 * Every operation of the writes' contract (examples/writes.graphql, a copy of shared/contract/writes.graphql), sent
 * as the typed documents GraphQL Code Generator makes from it, answers on the simulator without errors, and its
 * replay answers the same with `replayed: true`. test/graph/writes checks each mutation in depth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractAllocateCustomerFundsDocument, ContractAllocateResellerFundsDocument, ContractIssueCouponsDocument, ContractReclaimCustomerFundsDocument,
} from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';
import { TEST_NOW } from '../support/sim-request.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ customers: 60, store: 'memory' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const key = (name: string) => `contract-${name}-${process.pid}`;

describe('the writes\' contract operations', () => {
  it('ContractAllocateCustomerFunds and ContractReclaimCustomerFunds, each replayed', async () => {
    const customerId = stack.simulator.state.world.customersOf(null).find((c) => c.associationType === '2')!.customerId;
    const allocate = await stack.graphql(ContractAllocateCustomerFundsDocument, { customerId, amount: '10.00', idempotencyKey: key('allocate') });
    expect(allocate.errors).toBeUndefined();
    expect(allocate.data!.allocateCustomerFunds.customer.customerId).toBe(customerId);
    expect(allocate.data!.allocateCustomerFunds.transferId).toMatch(/\S/);
    const again = await stack.graphql(ContractAllocateCustomerFundsDocument, { customerId, amount: '10.00', idempotencyKey: key('allocate') });
    expect(again.data!.allocateCustomerFunds).toEqual({ ...allocate.data!.allocateCustomerFunds, replayed: true });
    const reclaim = await stack.graphql(ContractReclaimCustomerFundsDocument, { customerId, amount: '10.00', idempotencyKey: key('reclaim') });
    expect(reclaim.errors).toBeUndefined();
    expect(reclaim.data!.reclaimCustomerFunds.customer.balance!.amount).toBe(
      stack.simulator.state.partners.funds.customerAccount(stack.simulator.state.partners.customers.get(customerId)!).cash.toFixed(2),
    );
  });

  it('ContractAllocateResellerFunds', async () => {
    const indirectPartnerId = stack.simulator.state.world.resellers[0]!.indirectPartnerId;
    const res = await stack.graphql(ContractAllocateResellerFundsDocument, { indirectPartnerId, amount: '1.00', idempotencyKey: key('reseller') });
    expect(res.errors).toBeUndefined();
    expect(res.data!.allocateResellerFunds.indirectPartner.indirectPartnerId).toBe(indirectPartnerId);
    expect(res.data!.allocateResellerFunds.indirectPartner.balances!.length).toBeGreaterThan(0);
  });

  it('ContractIssueCoupons', async () => {
    const quota = stack.simulator.state.partners.coupons.quotas().find(
      (q) => q.owner === null && q.quotaType === 0 && q.status === 0 && q.expireTime > TEST_NOW && q.effectiveTime < TEST_NOW && q.balance.gte(10),
    )!;
    const customerIds = stack.simulator.state.world.customersOf(null).filter((c) => c.associationType === '2').slice(0, 2).map((c) => c.customerId);
    const res = await stack.graphql(ContractIssueCouponsDocument, { quotaId: quota.quotaId, customerIds, faceValue: '2.00', idempotencyKey: key('coupons') });
    expect(res.errors).toBeUndefined();
    expect(res.data!.issueCoupons.issued.map((i) => [i.customer.customerId, i.coupon.faceValue])).toEqual(customerIds.map((id) => [id, '2.00']));
    expect(res.data!.issueCoupons.failed).toEqual([]);
  });
});

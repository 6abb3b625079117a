/**
 * A request that goes silent holding an idempotency key (its process died, or hangs on an answer that never
 * comes) must not make the write happen twice: once its record is stale, the next call with the key finds the
 * pending write recorded before the send and reconciles it from the upstream's records instead of sending again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { auditOf, codes, newKey, plus, resaleCustomers, simCustomerCash, writesOperation } from './support.js';

const ALLOCATE = writesOperation('ContractAllocateCustomerFunds');

describe('a key held by a request that went silent', () => {
  let stack: Stack;
  let customerId: string;
  beforeAll(async () => {
    stack = await startStack({
      customers: 40, store: 'memory',
      // The hanging send gives up after 4 s; the key counts as abandoned 300 ms after its last change.
      bss: { timeouts: { responseMs: 4_000 } },
      writes: { staleAfterMs: 300, waitMs: 100 },
    });
    customerId = resaleCustomers(stack, null)[0]!.customerId;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('is reconciled from the adjust log by the next call with it: the money moves once, whichever answer comes first', async () => {
    const key = newKey('silent');
    const before = simCustomerCash(stack, customerId);
    stack.simulator.faults.once('UpdateCustomerAccountAmount', 'hang-after-apply');
    stack.bss.counter.reset();
    const silent = stack.graphql(ALLOCATE, { customerId, amount: '0.37', idempotencyKey: key });
    // The simulator applied the transfer and never answers: the first request is as good as dead.
    for (let i = 0; i < 200 && simCustomerCash(stack, customerId) === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.37'));
    await new Promise((resolve) => setTimeout(resolve, 400));

    const retry = await stack.graphql(ALLOCATE, { customerId, amount: '0.37', idempotencyKey: key });
    expect(codes(retry)).toEqual([]);
    expect(retry.data.allocateCustomerFunds.replayed).toBe(true);
    expect(retry.data.allocateCustomerFunds.transferId).toEqual(expect.any(String));
    // Reconciled, not sent again.
    expect(stack.bss.counter.snapshot().requests['UpdateCustomerAccountAmount']).toBe(1);
    expect(stack.bss.counter.snapshot().requests['ListPartnerAdjustRecords']).toBeGreaterThanOrEqual(1);

    // The silent request's own answer, when its client gives up: reconciled too, the same transfer.
    const late = await silent;
    expect(codes(late)).toEqual([]);
    expect(late.data.allocateCustomerFunds.transferId).toBe(retry.data.allocateCustomerFunds.transferId);
    expect(stack.bss.counter.snapshot().requests['UpdateCustomerAccountAmount']).toBe(1);
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.37'));
    const outcomes = (await auditOf(stack, key)).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'attempted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'applied').length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

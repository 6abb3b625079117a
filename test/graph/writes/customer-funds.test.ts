/**
 * allocateCustomerFunds / reclaimCustomerFunds end to end through yoga, the simulator and an in-memory store: the
 * exact upstream calls, replays without a call, reused and concurrent keys, lost answers reconciled from the
 * adjust log (money moved exactly once, checked at the simulator), bad input for free, and the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCustomerAccountAmount } from '../../../src/bss/operations/partners/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import {
  auditOf, codes, minus, newKey, plus, refusingTransport, requests, resaleCustomers, simCustomerCash, simScopeCash, simTransfers, writesOperation,
} from './support.js';

const ALLOCATE = writesOperation('ContractAllocateCustomerFunds');
const RECLAIM = writesOperation('ContractReclaimCustomerFunds');

let stack: Stack;
let customerId: string;
let refusing: Awaited<ReturnType<typeof refusingTransport>>;
beforeAll(async () => {
  refusing = await refusingTransport();
  stack = await startStack({ customers: 60, store: 'memory', bss: { transport: refusing.transport } });
  customerId = resaleCustomers(stack, null)[0]!.customerId;
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await refusing?.close();
});

describe('allocateCustomerFunds', () => {
  it('moves the amount once, with one lookup, one write and one balance read, and answers the new balance', async () => {
    const before = simCustomerCash(stack, customerId);
    const partnerBefore = simScopeCash(stack, null);
    const key = newKey('alloc');
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '12.34', idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, UpdateCustomerAccountAmount: 1, ListCustomersBalancesDetail: 1 });
    const after = simCustomerCash(stack, customerId);
    expect(after).toBe(plus(before, '12.34'));
    expect(simScopeCash(stack, null)).toBe(minus(partnerBefore, '12.34'));
    const transfer = simTransfers(stack, null, customerId).at(-1)!;
    expect(res.data.allocateCustomerFunds).toEqual({ transferId: transfer.transId, replayed: false, customer: { customerId, balance: { amount: after } } });
  });

  it('replays the stored answer for the same key and input: replayed, no upstream call, no second transfer', async () => {
    const key = newKey('replay');
    const first = await stack.graphql(ALLOCATE, { customerId, amount: '1.5', idempotencyKey: key });
    expect(first.errors).toBeUndefined();
    const cash = simCustomerCash(stack, customerId);
    stack.bss.counter.reset();
    // "1.50" is the same amount as "1.5": the same input.
    const again = await stack.graphql(ALLOCATE, { customerId, amount: '1.50', idempotencyKey: key });
    expect(again.errors).toBeUndefined();
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(again.data.allocateCustomerFunds).toEqual({ ...first.data.allocateCustomerFunds, replayed: true });
    expect(simCustomerCash(stack, customerId)).toBe(cash);
  });

  it('refuses the same key with another input (IDEMPOTENCY_KEY_REUSED), before any call', async () => {
    const key = newKey('reuse');
    expect((await stack.graphql(ALLOCATE, { customerId, amount: '2.00', idempotencyKey: key })).errors).toBeUndefined();
    stack.bss.counter.reset();
    const cash = simCustomerCash(stack, customerId);
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '3.00', idempotencyKey: key });
    expect(codes(res)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(res.errors![0].extensions.idempotencyKey).toBe(key);
    // A reclaim with an allocation's key is another request too.
    expect(codes(await stack.graphql(RECLAIM, { customerId, amount: '2.00', idempotencyKey: key }))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(simCustomerCash(stack, customerId)).toBe(cash);
  });

  it('sends one write for two concurrent requests with one key; the second gets the first\'s answer', async () => {
    const key = newKey('concurrent');
    const before = simCustomerCash(stack, customerId);
    stack.bss.counter.reset();
    const [a, b] = await Promise.all([
      stack.graphql(ALLOCATE, { customerId, amount: '4.00', idempotencyKey: key }),
      stack.graphql(ALLOCATE, { customerId, amount: '4.00', idempotencyKey: key }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(requests(stack).UpdateCustomerAccountAmount).toBe(1);
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '4.00'));
    const answers = [a.data.allocateCustomerFunds, b.data.allocateCustomerFunds];
    expect(answers.map((x) => x.replayed).sort()).toEqual([false, true]);
    expect(answers[0].transferId).toBe(answers[1].transferId);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field and rule, with no upstream call and no record', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ customerId, amount: '0', idempotencyKey: newKey() }, 'input.amount', /greater than 0/],
      [{ customerId, amount: '-5.00', idempotencyKey: newKey() }, 'input.amount', /greater than 0/],
      [{ customerId, amount: '1.234', idempotencyKey: newKey() }, 'input.amount', /at most 2 decimal places/],
      [{ customerId: 'x'.repeat(65), amount: '1.00', idempotencyKey: newKey() }, 'input.customerId', /at most 64 characters/],
      [{ customerId: '', amount: '1.00', idempotencyKey: newKey() }, 'input.customerId', /non-empty/],
      [{ customerId, amount: '1.00', idempotencyKey: '' }, 'input.idempotencyKey', /1–255 printable ASCII/],
      [{ customerId, amount: '1.00', idempotencyKey: 'with space' }, 'input.idempotencyKey', /1–255 printable ASCII/],
    ];
    stack.bss.counter.reset();
    for (const [variables, argument, rule] of cases) {
      const res = await stack.graphql(ALLOCATE, variables);
      expect(codes(res), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions.argument).toBe(argument);
      expect(res.errors![0].message).toMatch(rule);
    }
    // A Decimal that is not a number never reaches the resolver.
    expect(codes(await stack.graphql(ALLOCATE, { customerId, amount: '1e3', idempotencyKey: newKey() }))).toEqual(['BAD_USER_INPUT']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('refuses an unknown customer with NOT_FOUND and releases the key, so a corrected request may use it', async () => {
    const key = newKey('unknown-customer');
    const res = await stack.graphql(ALLOCATE, { customerId: 'ffffffffffffffffffffffffffffffff', amount: '1.00', idempotencyKey: key });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(simTransfers(stack, null, 'ffffffffffffffffffffffffffffffff')).toEqual([]);
    // The key was released: the same key with the right customer is a new request, not a reuse.
    expect((await stack.graphql(ALLOCATE, { customerId, amount: '1.00', idempotencyKey: key })).errors).toBeUndefined();
  });

  it('writes an audit row for the attempt and one for the outcome, with ids and amount only', async () => {
    const key = newKey('audit');
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '5.55', idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    const rows = await auditOf(stack, key);
    expect(rows.map((r) => [r.operation, r.outcome, r.apiKeyName, r.customerId])).toEqual([
      ['allocateCustomerFunds', 'attempted', 'open-simulator', customerId],
      ['allocateCustomerFunds', 'applied', 'open-simulator', customerId],
    ]);
    expect(rows[1]!.detail).toEqual({ amount: '5.55', upstream: 'UpdateCustomerAccountAmount', reference: res.data.allocateCustomerFunds.transferId, how: 'sent', settled: true });
  });
});

describe('lost answers', () => {
  it('after the write was applied: reconciled from the adjust log, the money moved exactly once, the transfer id answered', async () => {
    const before = simCustomerCash(stack, customerId);
    const key = newKey('lost-after');
    stack.simulator.faults.once('UpdateCustomerAccountAmount', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '7.77', idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    expect(stack.simulator.faults.pending()).toEqual({});
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, UpdateCustomerAccountAmount: 1, ListPartnerAdjustRecords: 1, ListCustomersBalancesDetail: 1 });
    const after = simCustomerCash(stack, customerId);
    expect(after).toBe(plus(before, '7.77'));
    const transfer = simTransfers(stack, null, customerId).at(-1)!;
    expect(res.data.allocateCustomerFunds).toEqual({ transferId: transfer.transId, replayed: false, customer: { customerId, balance: { amount: after } } });
    // And the key now replays that answer.
    stack.bss.counter.reset();
    const again = await stack.graphql(ALLOCATE, { customerId, amount: '7.77', idempotencyKey: key });
    expect(again.data.allocateCustomerFunds).toEqual({ ...res.data.allocateCustomerFunds, replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect((await auditOf(stack, key)).map((r) => r.outcome)).toEqual(['attempted', 'applied', 'replayed']);
  });

  it('reconciles a 504 after the write was applied, and a cut body, the same way', async () => {
    for (const [fault, amount] of [['timeout-after-apply', '0.03'], ['malformed-after-apply', '0.04']] as const) {
      const before = simCustomerCash(stack, customerId);
      stack.simulator.faults.once('UpdateCustomerAccountAmount', fault);
      const res = await stack.graphql(ALLOCATE, { customerId, amount, idempotencyKey: newKey(fault) });
      expect(res.errors, fault).toBeUndefined();
      expect(simCustomerCash(stack, customerId)).toBe(plus(before, amount));
      expect(res.data.allocateCustomerFunds.transferId).toBe(simTransfers(stack, null, customerId).at(-1)!.transId);
    }
  });

  it('tells two identical transfers a moment apart apart: the one the gateway recorded for another key is not this one', async () => {
    const first = await stack.graphql(ALLOCATE, { customerId, amount: '0.05', idempotencyKey: newKey('twin-a') });
    expect(first.errors).toBeUndefined();
    const before = simCustomerCash(stack, customerId);
    stack.simulator.faults.once('UpdateCustomerAccountAmount', 'lost-after-apply');
    const second = await stack.graphql(ALLOCATE, { customerId, amount: '0.05', idempotencyKey: newKey('twin-b') });
    expect(second.errors).toBeUndefined();
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.05'));
    const [a, b] = simTransfers(stack, null, customerId).slice(-2);
    expect([first.data.allocateCustomerFunds.transferId, second.data.allocateCustomerFunds.transferId]).toEqual([a!.transId, b!.transId]);
  });

  it('an identical transfer the gateway did not make, next to a lost one: OUTCOME_UNKNOWN, the key held, asked again it only reconciles', async () => {
    const key = newKey('lost-twin');
    const before = simCustomerCash(stack, customerId);
    // Someone else (the partner's console, another tool) moves the same amount to the same customer.
    await stack.bss.call(UpdateCustomerAccountAmount, { body: { customer_id: customerId, amount: '0.06' } });
    stack.simulator.faults.once('UpdateCustomerAccountAmount', 'lost-after-apply');
    const lost = await stack.graphql(ALLOCATE, { customerId, amount: '0.06', idempotencyKey: key });
    expect(codes(lost)).toEqual(['OUTCOME_UNKNOWN']);
    expect(lost.errors![0].extensions).toMatchObject({ idempotencyKey: key, upstreamCode: 'TRANSPORT.CONNECTION' });
    expect(lost.errors![0].message).toMatch(/2 UpdateCustomerAccountAmount transfers of 0\.06 .* match/);
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.12'));
    // The key is held `unknown`: the same request again reconciles again and never writes again.
    stack.bss.counter.reset();
    const again = await stack.graphql(ALLOCATE, { customerId, amount: '0.06', idempotencyKey: key });
    expect(codes(again)).toEqual(['OUTCOME_UNKNOWN']);
    expect(requests(stack)).toEqual({ ListPartnerAdjustRecords: 1 });
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.12'));
    expect((await auditOf(stack, key)).map((r) => r.outcome)).toEqual(['attempted', 'unknown', 'unknown']);
  });

  it('before the write was applied: the error, nothing moved, and the same key may be sent again', async () => {
    const before = simCustomerCash(stack, customerId);
    const key = newKey('lost-before');
    stack.simulator.faults.once('UpdateCustomerAccountAmount', 'reset-before-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '8.88', idempotencyKey: key });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: 'UpdateCustomerAccountAmount' });
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, UpdateCustomerAccountAmount: 1, ListPartnerAdjustRecords: 1 });
    expect(simCustomerCash(stack, customerId)).toBe(before);
    // The retry with the same key is a fresh write.
    const retry = await stack.graphql(ALLOCATE, { customerId, amount: '8.88', idempotencyKey: key });
    expect(retry.errors).toBeUndefined();
    expect(retry.data.allocateCustomerFunds.replayed).toBe(false);
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '8.88'));
    expect((await auditOf(stack, key)).map((r) => r.outcome)).toEqual(['attempted', 'not_applied', 'attempted', 'applied']);
  });

  it('a refused connection (the write provably never left): not reconciled, the key released, retryable; the retry writes once', async () => {
    const before = simCustomerCash(stack, customerId);
    const transfers = simTransfers(stack, null, customerId).length;
    const key = newKey('refused');
    refusing.refuseNext(UpdateCustomerAccountAmount.path);
    stack.bss.counter.reset();
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '0.07', idempotencyKey: key });
    expect(codes(res)).toEqual(['TRANSPORT.CONNECTION']);
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: 'UpdateCustomerAccountAmount', httpStatus: null });
    // Nothing left, so there is nothing to look for: no adjust-log read.
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, UpdateCustomerAccountAmount: 1 });
    expect(simCustomerCash(stack, customerId)).toBe(before);
    expect(simTransfers(stack, null, customerId)).toHaveLength(transfers);
    // The key was released, not stored as failed: the same request with it is a fresh write, made once.
    stack.bss.counter.reset();
    const retry = await stack.graphql(ALLOCATE, { customerId, amount: '0.07', idempotencyKey: key });
    expect(retry.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, UpdateCustomerAccountAmount: 1, ListCustomersBalancesDetail: 1 });
    expect(simCustomerCash(stack, customerId)).toBe(plus(before, '0.07'));
    expect(simTransfers(stack, null, customerId)).toHaveLength(transfers + 1);
    expect(retry.data.allocateCustomerFunds).toMatchObject({ replayed: false, transferId: simTransfers(stack, null, customerId).at(-1)!.transId });
    const rows = await auditOf(stack, key);
    expect(rows.map((r) => r.outcome)).toEqual(['attempted', 'failed', 'attempted', 'applied']);
    expect(rows[1]!.detail).toEqual({ amount: '0.07', upstream: 'UpdateCustomerAccountAmount', code: 'TRANSPORT.CONNECTION', retryable: true });
  });

  it('a 502 before the write was applied is reconciled as not applied too', async () => {
    const before = simCustomerCash(stack, customerId);
    stack.simulator.faults.once('UpdateCustomerAccountAmount', 'error-before-apply');
    const res = await stack.graphql(ALLOCATE, { customerId, amount: '0.02', idempotencyKey: newKey('502') });
    expect(res.errors![0].extensions).toMatchObject({ code: 'APIGW.0201', httpStatus: 502, applied: false, retryable: true });
    expect(simCustomerCash(stack, customerId)).toBe(before);
  });
});

describe('reclaimCustomerFunds', () => {
  it('takes the amount back once: one lookup, one write, one balance read', async () => {
    const before = simCustomerCash(stack, customerId);
    stack.bss.counter.reset();
    const res = await stack.graphql(RECLAIM, { customerId, amount: '1.01', idempotencyKey: newKey('reclaim') });
    expect(res.errors).toBeUndefined();
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ReclaimToPartnerAccount: 1, ListCustomersBalancesDetail: 1 });
    const after = simCustomerCash(stack, customerId);
    expect(after).toBe(minus(before, '1.01'));
    expect(res.data.reclaimCustomerFunds).toEqual({
      transferId: simTransfers(stack, null, customerId).at(-1)!.transId, replayed: false, customer: { customerId, balance: { amount: after } },
    });
  });

  it('passes Huawei\'s refusal (more than the balance) with its code, applied: false, and replays it for the same key', async () => {
    const key = newKey('too-much');
    const before = simCustomerCash(stack, customerId);
    const res = await stack.graphql(RECLAIM, { customerId, amount: plus(before, '1000'), idempotencyKey: key });
    expect(codes(res)).toEqual(['CBC.99005003']);
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: false, operation: 'ReclaimToPartnerAccount' });
    stack.bss.counter.reset();
    const again = await stack.graphql(RECLAIM, { customerId, amount: plus(before, '1000'), idempotencyKey: key });
    expect(codes(again)).toEqual(['CBC.99005003']);
    expect(again.errors![0].extensions.replayed).toBe(true);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    expect(simCustomerCash(stack, customerId)).toBe(before);
  });
});

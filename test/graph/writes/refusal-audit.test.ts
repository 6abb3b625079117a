/**
 * Every attempt is audited, refusals before the idempotency key is claimed included: an analyst key's mutation
 * (refused for the whole operation), a reseller key on an admin-only mutation, input that breaks a rule. One
 * row each (`refused`, the code, the argument for bad input, the idempotency key when the input had one), no
 * input values; an outcome the write path audited itself is not counted again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import { pageAuditLog } from '../../../src/store/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { auditOf, codes, newKey, resaleCustomers, writesOperation } from './support.js';

const ALLOCATE = writesOperation('ContractAllocateCustomerFunds');
const ALLOCATE_RESELLER = writesOperation('ContractAllocateResellerFunds');
const KEYS = { admin: 'pg_r_admin', analyst: 'pg_r_analyst', reseller: 'pg_r_reseller' };
const as = (key: string) => ({ authorization: `Bearer ${key}` });

describe('refusals before the claim', () => {
  let stack: Stack;
  let customerId: string;
  let resellerId: string;
  beforeAll(async () => {
    const probe = await startStack({ customers: 60 });
    resellerId = probe.simulator.state.world.resellers[0]!.indirectPartnerId;
    await probe.close();
    stack = await startStack({
      customers: 60, store: 'memory',
      apiKeys: [
        { name: 'ops', role: 'admin', sha256: sha256Hex(KEYS.admin) },
        { name: 'bi', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
        { name: 'reseller', role: 'reseller', indirectPartnerId: resellerId, sha256: sha256Hex(KEYS.reseller) },
      ],
    });
    customerId = resaleCustomers(stack, null)[0]!.customerId;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('audits an analyst key\'s mutation, a reseller key on an admin-only one, and bad input: one refused row each, no values', async () => {
    stack.bss.counter.reset();
    const analystKey = newKey('analyst');
    const analyst = await stack.graphql(ALLOCATE, { customerId, amount: '1.00', idempotencyKey: analystKey }, as(KEYS.analyst));
    expect(codes(analyst)).toEqual(['FORBIDDEN']);
    const resellerKey = newKey('reseller');
    const reseller = await stack.graphql(ALLOCATE_RESELLER, { indirectPartnerId: resellerId, amount: '1.00', idempotencyKey: resellerKey }, as(KEYS.reseller));
    expect(codes(reseller)).toEqual(['FORBIDDEN']);
    const badKey = newKey('bad');
    const bad = await stack.graphql(ALLOCATE, { customerId, amount: '1.005', idempotencyKey: badKey }, as(KEYS.admin));
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);

    expect((await auditOf(stack, analystKey)).map((r) => [r.apiKeyName, r.operation, r.outcome, r.detail])).toEqual([
      ['bi', 'allocateCustomerFunds', 'refused', { reason: 'FORBIDDEN', stage: 'before-claim' }],
    ]);
    expect((await auditOf(stack, resellerKey)).map((r) => [r.apiKeyName, r.operation, r.outcome, r.detail])).toEqual([
      ['reseller', 'allocateResellerFunds', 'refused', { reason: 'FORBIDDEN', stage: 'before-claim' }],
    ]);
    const badRows = await auditOf(stack, badKey);
    expect(badRows.map((r) => [r.apiKeyName, r.outcome, r.detail['reason'], r.detail['stage']])).toEqual([['ops', 'refused', 'BAD_USER_INPUT', 'before-claim']]);
    expect(badRows[0]!.detail['argument']).toEqual(expect.stringMatching(/amount/));
    expect(JSON.stringify(badRows)).not.toContain('1.005');
  });

  it('does not count again what the write path audited (an applied write, a replay)', async () => {
    const key = newKey('ok');
    const first = await stack.graphql(ALLOCATE, { customerId, amount: '0.01', idempotencyKey: key }, as(KEYS.admin));
    expect(codes(first)).toEqual([]);
    await stack.graphql(ALLOCATE, { customerId, amount: '0.01', idempotencyKey: key }, as(KEYS.admin));
    const reused = await stack.graphql(ALLOCATE, { customerId, amount: '0.02', idempotencyKey: key }, as(KEYS.admin));
    expect(codes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const outcomes = (await auditOf(stack, key)).map((r) => r.outcome);
    expect(outcomes).toEqual(['attempted', 'applied', 'replayed', 'refused']);
    const { rows } = await pageAuditLog(stack.store!, { limit: 100, idempotencyKey: key });
    expect(rows.filter((r) => r.detail['stage'] === 'before-claim')).toEqual([]);
  });
});

/**
 * createCustomer and sendVerificationCode end to end through yoga, the simulator and an in-memory store: the exact
 * upstream calls, the simulator's directory after the write, replays without a call, bad input for free, roles
 * (a reseller creates its own customers), lost answers reconciled from the customer list by the platform user id,
 * and audit rows that hold ids only (never the mobile number).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import { startStack, type Stack } from '../../support/stack.js';
import { auditOf, codes, newKey, requests } from './support.js';

const CREATE = `mutation ($input: CreateCustomerInput!) {
  createCustomer(input: $input) { replayed customerId warningCode customer { customerId indirectPartnerId } }
}`;
const SEND_CODE = `mutation ($input: SendVerificationCodeInput!) { sendVerificationCode(input: $input) { replayed confirmed } }`;

const KEYS = { admin: 'pg_test-cust-admin', analyst: 'pg_test-cust-analyst', reseller: 'pg_test-cust-reseller' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let stack: Stack;
let resellerId: string;
let xaccountType: string;
let serial = 0;
/** A fresh platform user id and account name per call (the upstream refuses a second account for either). */
const fresh = () => {
  serial += 1;
  return { xaccountId: `pg-user-${process.pid}-${serial}`, accountName: `pgtest_${process.pid}_${serial}` };
};
const simCustomer = (customerId: string) => stack.simulator.state.partners.customers.get(customerId);
const admin = (query: string, input: Record<string, unknown>) => stack.graphql(query, { input }, bearer(KEYS.admin));

beforeAll(async () => {
  const probe = await startStack({ customers: 60 });
  resellerId = probe.simulator.state.world.resellers[0]!.indirectPartnerId;
  await probe.close();
  stack = await startStack({
    customers: 60,
    store: 'memory',
    apiKeys: [
      { name: 'cust-admin', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'cust-analyst', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
      { name: 'cust-reseller', role: 'reseller', indirectPartnerId: resellerId, sha256: sha256Hex(KEYS.reseller) },
    ],
  });
  xaccountType = stack.simulator.state.world.partner.xaccountType;
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

describe('createCustomer', () => {
  it('creates once: the write, then the customer read back (one ListSubCustomers); the key replays with no call', async () => {
    const { xaccountId, accountName } = fresh();
    const key = newKey('create');
    stack.bss.counter.reset();
    const res = await admin(CREATE, { xaccountId, xaccountType, accountName, closeMarketingMessages: true, idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    const { customerId } = res.data.createCustomer;
    expect(simCustomer(customerId)).toMatchObject({ xaccountId, accountName, indirectPartnerId: null });
    expect(res.data.createCustomer).toEqual({ replayed: false, customerId, warningCode: null, customer: { customerId, indirectPartnerId: null } });
    expect(requests(stack)).toEqual({ CreateSubCustomer: 1, ListSubCustomers: 1 });
    stack.bss.counter.reset();
    const again = await admin(CREATE, { xaccountId, xaccountType, accountName, closeMarketingMessages: true, idempotencyKey: key });
    expect(again.data.createCustomer).toEqual({ ...res.data.createCustomer, replayed: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // The audit names the platform user id, never the account name.
    const rows = await auditOf(stack, key);
    expect(rows.map((r) => r.outcome)).toEqual(['attempted', 'applied', 'replayed']);
    expect(rows[1]!.detail).toEqual({ xaccountId, upstream: 'CreateSubCustomer', reference: customerId, how: 'sent', settled: true });
  });

  it('with a mobile number: the code sendVerificationCode sent is checked upstream; the number is in no audit row', async () => {
    const mobile = '13800138000';
    const sent = await admin(SEND_CODE, { mobilePhone: mobile, scene: 'REGISTRATION' });
    expect(sent.errors).toBeUndefined();
    expect(sent.data.sendVerificationCode).toEqual({ replayed: false, confirmed: true });
    const code = stack.simulator.lastVerificationCode(mobile)!;
    expect(code).toHaveLength(6);
    const { xaccountId } = fresh();
    const key = newKey('create-mobile');
    const wrong = await admin(CREATE, { xaccountId, xaccountType, mobilePhone: mobile, verificationCode: code === '000000' ? '111111' : '000000', idempotencyKey: newKey() });
    expect(codes(wrong)).toEqual(['CBC.0100']);
    const res = await admin(CREATE, { xaccountId, xaccountType, mobilePhone: mobile, verificationCode: code, idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    expect(simCustomer(res.data.createCustomer.customerId)).toMatchObject({ xaccountId });
    for (const row of await auditOf(stack, key)) expect(JSON.stringify(row)).not.toContain(mobile);
  });

  it('lost after it applied: found again in the customer list by its platform user id, one account', async () => {
    const { xaccountId } = fresh();
    const key = newKey('create-lost');
    stack.simulator.faults.once('CreateSubCustomer', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await admin(CREATE, { xaccountId, xaccountType, idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    expect(stack.simulator.faults.pending()).toEqual({});
    const created = stack.simulator.state.partners.customers.created().filter((c) => c.xaccountId === xaccountId);
    expect(created).toHaveLength(1);
    expect(res.data.createCustomer).toEqual({ replayed: false, customerId: created[0]!.customerId, warningCode: null, customer: { customerId: created[0]!.customerId, indirectPartnerId: null } });
    // The write, the lookup by association time, the read back.
    expect(requests(stack)).toEqual({ CreateSubCustomer: 1, ListSubCustomers: 2 });
    expect((await auditOf(stack, key)).map((r) => [r.outcome, r.detail.how ?? null])).toEqual([['attempted', null], ['applied', 'reconciled']]);
  });

  it('lost before it applied: not found, so not applied; the same key then creates it', async () => {
    const { xaccountId } = fresh();
    const key = newKey('create-before');
    stack.simulator.faults.once('CreateSubCustomer', 'reset-before-apply');
    const res = await admin(CREATE, { xaccountId, xaccountType, idempotencyKey: key });
    expect(res.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: 'CreateSubCustomer' });
    expect(stack.simulator.state.partners.customers.created().filter((c) => c.xaccountId === xaccountId)).toEqual([]);
    const retry = await admin(CREATE, { xaccountId, xaccountType, idempotencyKey: key });
    expect(retry.errors).toBeUndefined();
    expect(simCustomer(retry.data.createCustomer.customerId)).toMatchObject({ xaccountId });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field and rule, before any call', async () => {
    const { xaccountId } = fresh();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ xaccountId, xaccountType, accountName: 'op_abcdef' }, 'input.accountName', /op_ or shadow_/],
      [{ xaccountId, xaccountType, accountName: 'abc' }, 'input.accountName', /5 to 32/],
      [{ xaccountId, xaccountType, accountName: '12345678' }, 'input.accountName', /start with a letter/],
      [{ xaccountId, xaccountType, mobilePhone: '13800138000' }, 'input.verificationCode', /required with mobilePhone/],
      [{ xaccountId, xaccountType, mobilePhone: '12345', verificationCode: '123456' }, 'input.mobilePhone', /mainland China/],
      [{ xaccountId, xaccountType, mobilePhone: '13800138000', verificationCode: '12345' }, 'input.verificationCode', /6 characters/],
      [{ xaccountId: 'x'.repeat(129), xaccountType }, 'input.xaccountId', /at most 128/],
      [{ xaccountId, xaccountType, idempotencyKey: '' }, 'input.idempotencyKey', /printable ASCII/],
    ];
    stack.bss.counter.reset();
    for (const [input, argument, rule] of cases) {
      const res = await admin(CREATE, input);
      expect(codes(res), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions.argument).toBe(argument);
      expect(res.errors![0].message).toMatch(rule);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('roles: analysts never; a reseller key creates in its own scope only', async () => {
    const { xaccountId } = fresh();
    stack.bss.counter.reset();
    expect(codes(await stack.graphql(CREATE, { input: { xaccountId, xaccountType } }, bearer(KEYS.analyst)))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.graphql(CREATE, { input: { xaccountId, xaccountType, indirectPartnerId: 'f'.repeat(32) } }, bearer(KEYS.reseller)))).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    const res = await stack.graphql(CREATE, { input: { xaccountId, xaccountType } }, bearer(KEYS.reseller));
    expect(res.errors).toBeUndefined();
    expect(simCustomer(res.data.createCustomer.customerId)).toMatchObject({ xaccountId, indirectPartnerId: resellerId });
    expect(res.data.createCustomer.customer).toEqual({ customerId: res.data.createCustomer.customerId, indirectPartnerId: resellerId });
  });
});

describe('sendVerificationCode', () => {
  it('one call; a lost answer is reported unconfirmed, never resent; bad input and non-admin keys cost nothing', async () => {
    const mobile = '13900139000';
    stack.bss.counter.reset();
    const first = await admin(SEND_CODE, { mobilePhone: mobile, scene: 'REGISTRATION', validMinutes: 10, language: 'EN_US' });
    expect(first.data.sendVerificationCode).toEqual({ replayed: false, confirmed: true });
    expect(requests(stack)).toEqual({ SendVerificationMessageCode: 1 });
    const code = stack.simulator.lastVerificationCode(mobile);

    stack.simulator.faults.once('SendVerificationMessageCode', 'lost-after-apply');
    stack.bss.counter.reset();
    const key = newKey('code-lost');
    const lost = await admin(SEND_CODE, { mobilePhone: mobile, scene: 'REGISTRATION', idempotencyKey: key });
    expect(lost.data.sendVerificationCode).toEqual({ replayed: false, confirmed: false });
    expect(requests(stack)).toEqual({ SendVerificationMessageCode: 1 });
    // It was sent (a new code), once.
    expect(stack.simulator.lastVerificationCode(mobile)).not.toBe(code);
    const again = await admin(SEND_CODE, { mobilePhone: mobile, scene: 'REGISTRATION', idempotencyKey: key });
    expect(again.data.sendVerificationCode).toEqual({ replayed: true, confirmed: false });

    stack.bss.counter.reset();
    const bad: [Record<string, unknown>, string][] = [
      [{ mobilePhone: '+8613900139000', scene: 'REGISTRATION' }, 'input.mobilePhone'],
      [{ mobilePhone: mobile, scene: 'BANK_CARD_AUTHENTICATION' }, 'input.customerId'],
      [{ mobilePhone: mobile, scene: 'REGISTRATION', customerId: 'abc' }, 'input.customerId'],
      [{ mobilePhone: mobile, scene: 'REGISTRATION', validMinutes: 0 }, 'input.validMinutes'],
    ];
    for (const [input, argument] of bad) expect((await admin(SEND_CODE, input)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(codes(await stack.graphql(SEND_CODE, { input: { mobilePhone: mobile, scene: 'REGISTRATION' } }, bearer(KEYS.reseller)))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.graphql(SEND_CODE, { input: { mobilePhone: mobile, scene: 'REGISTRATION' } }, bearer(KEYS.analyst)))).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    for (const row of await auditOf(stack, key)) expect(JSON.stringify(row)).not.toContain(mobile);
  });
});

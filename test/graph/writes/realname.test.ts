/**
 * The real-name mutations end to end through yoga, the simulator and an in-memory store: submitPersonalRealnameAuth
 * (certificate and bank card), submitEnterpriseRealnameAuth, changeEnterpriseRealnameAuth. The exact upstream calls
 * (the customer lookup, the review state before, the write), the simulator's review after each, replays without a
 * call, bad input for free, admin keys only, lost answers reconciled from the review state, and no personal data in
 * the audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/auth/api-keys.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { auditOf, codes, newKey, requests } from './support.js';

const PERSONAL = `mutation ($input: PersonalRealnameAuthInput!) {
  submitPersonalRealnameAuth(input: $input) { replayed manualReview customer { customerId realNameReview { status } } }
}`;
const ENTERPRISE = `mutation ($input: EnterpriseRealnameAuthInput!) { submitEnterpriseRealnameAuth(input: $input) { replayed manualReview } }`;
const CHANGE = `mutation ($input: EnterpriseRealnameAuthInput!) { changeEnterpriseRealnameAuth(input: $input) { replayed manualReview } }`;
const SEND_CODE = `mutation ($input: SendVerificationCodeInput!) { sendVerificationCode(input: $input) { confirmed } }`;

const KEYS = { admin: 'pg_test-rn-admin', reseller: 'pg_test-rn-reseller' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let stack: Stack;
let xaccountType: string;
/** The partner's own customers never authenticated (`-1`), used up one per write. */
let unverified: CustomerRecord[];
const take = (): CustomerRecord => {
  const next = unverified.shift();
  if (!next) throw new Error('no unauthenticated customer left');
  return next;
};
const review = (c: CustomerRecord) => stack.simulator.state.partners.realname.verification(c, stack.simulator.state.world.now).review;
const admin = (query: string, input: Record<string, unknown>) => stack.graphql(query, { input }, bearer(KEYS.admin));
const certificate = (customerId: string, extra: Record<string, unknown> = {}) => ({
  customerId, method: 'CERTIFICATE', certificateType: 'PASSPORT', files: ['id/front.jpg', 'id/back.jpg', 'id/holding.png'],
  name: '张三', certificateNumber: 'E12345678', xaccountType, ...extra,
});

beforeAll(async () => {
  stack = await startStack({
    customers: 200,
    store: 'memory',
    apiKeys: [
      { name: 'rn-admin', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'rn-reseller', role: 'reseller', indirectPartnerId: 'f'.repeat(32), sha256: sha256Hex(KEYS.reseller) },
    ],
  });
  const { world } = stack.simulator.state;
  xaccountType = world.partner.xaccountType;
  unverified = world.customersOf(null).filter((c) => c.verifiedStatus === '-1');
  expect(unverified.length).toBeGreaterThanOrEqual(6);
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

describe('submitPersonalRealnameAuth', () => {
  it('certificate: the customer lookup, the review state before, the write; manual review; the key replays with no call', async () => {
    const c = take();
    const key = newKey('personal');
    stack.bss.counter.reset();
    const res = await admin(PERSONAL, certificate(c.customerId, { idempotencyKey: key }));
    expect(res.errors).toBeUndefined();
    expect(res.data.submitPersonalRealnameAuth).toEqual({ replayed: false, manualReview: true, customer: { customerId: c.customerId, realNameReview: { status: 'UNDER_REVIEW' } } });
    // The customer and its review are read afresh after the write (selected in the payload).
    expect(requests(stack)).toEqual({ ListSubCustomers: 2, ShowRealnameAuthenticationReviewResult: 2, CreatePersonalRealnameAuth: 1 });
    expect(review(c)).toEqual({ result: 0, opinion: null });
    stack.bss.counter.reset();
    const again = await stack.graphql(`mutation ($input: PersonalRealnameAuthInput!) { submitPersonalRealnameAuth(input: $input) { replayed manualReview } }`,
      { input: certificate(c.customerId, { idempotencyKey: key }) }, bearer(KEYS.admin));
    expect(again.data.submitPersonalRealnameAuth).toEqual({ replayed: true, manualReview: true });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // No name, certificate number or file name in the audit.
    const rows = await auditOf(stack, key);
    expect(rows.map((r) => r.outcome)).toEqual(['attempted', 'applied', 'replayed']);
    for (const row of rows) for (const secret of ['张三', 'E12345678', 'front.jpg']) expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('bank card: with the code sent for the customer (scene 18), checked at once, no manual review', async () => {
    const c = take();
    const mobile = '13700137000';
    expect((await admin(SEND_CODE, { mobilePhone: mobile, scene: 'BANK_CARD_AUTHENTICATION', customerId: c.customerId })).errors).toBeUndefined();
    const code = stack.simulator.lastVerificationCode(mobile, { scene: 18, customerId: c.customerId })!;
    const res = await admin(PERSONAL, {
      customerId: c.customerId, method: 'BANK_CARD', files: ['face.jpg'], name: '李四', certificateNumber: '110101199001011234', xaccountType,
      bankCard: { account: '6222-0200-1234-5678', areaCode: '0086', mobile, verificationCode: code },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitPersonalRealnameAuth).toMatchObject({ manualReview: false, customer: { realNameReview: { status: 'APPROVED' } } });
    expect(review(c)).toEqual({ result: 2, opinion: null });
  });

  it('lost after it applied: the review state moved (none → under review), so applied; lost before: unchanged, retryable', async () => {
    const c = take();
    const key = newKey('personal-lost');
    stack.simulator.faults.once('CreatePersonalRealnameAuth', 'lost-after-apply');
    stack.bss.counter.reset();
    const res = await stack.graphql(`mutation ($input: PersonalRealnameAuthInput!) { submitPersonalRealnameAuth(input: $input) { replayed manualReview } }`,
      { input: certificate(c.customerId, { idempotencyKey: key }) }, bearer(KEYS.admin));
    expect(res.errors).toBeUndefined();
    expect(stack.simulator.faults.pending()).toEqual({});
    expect(res.data.submitPersonalRealnameAuth).toEqual({ replayed: false, manualReview: true });
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ShowRealnameAuthenticationReviewResult: 2, CreatePersonalRealnameAuth: 1 });
    expect((await auditOf(stack, key)).map((r) => [r.outcome, r.detail.how ?? null])).toEqual([['attempted', null], ['applied', 'reconciled']]);

    const d = take();
    const before = newKey('personal-before');
    stack.simulator.faults.once('CreatePersonalRealnameAuth', 'reset-before-apply');
    const lost = await admin(PERSONAL, certificate(d.customerId, { idempotencyKey: before }));
    expect(lost.errors![0].extensions).toMatchObject({ applied: false, retryable: true, operation: 'CreatePersonalRealnameAuth' });
    expect(review(d)).toBeNull();
    expect((await admin(PERSONAL, certificate(d.customerId, { idempotencyKey: before }))).errors).toBeUndefined();
    expect(review(d)).toEqual({ result: 0, opinion: null });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field and rule, before any call', async () => {
    const id = unverified[0]!.customerId;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [certificate(id, { certificateType: null }), 'input.certificateType', /required for certificate/],
      [certificate(id, { files: ['a.jpg'] }), 'input.files', /exactly 3/],
      [certificate(id, { files: ['download/a.jpg', 'b.jpg', 'c.jpg'] }), 'input.files[0]', /relative to the bucket/],
      [certificate(id, { files: ['a.jpg', 'b.doc', 'c.jpg'] }), 'input.files[1]', /jpg, jpeg, bmp, png, gif or pdf/],
      [certificate(id, { certificateNumber: 'X'.repeat(33) }), 'input.certificateNumber', /at most 32/],
      [{ ...certificate(id), method: 'BANK_CARD', certificateType: null, files: ['face.jpg'] }, 'input.bankCard', /required for bank-card/],
      [certificate(id, { customerId: '' }), 'input.customerId', /non-empty/],
    ];
    stack.bss.counter.reset();
    for (const [input, argument, rule] of cases) {
      const res = await admin(PERSONAL, input);
      expect(codes(res), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions.argument).toBe(argument);
      expect(res.errors![0].message).toMatch(rule);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('admin keys only (a reseller key: FORBIDDEN, no call); a reseller\'s customer: BAD_USER_INPUT, nothing written', async () => {
    stack.bss.counter.reset();
    expect(codes(await stack.graphql(PERSONAL, { input: certificate(unverified[0]!.customerId) }, bearer(KEYS.reseller)))).toEqual(['FORBIDDEN']);
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    const theirs = stack.simulator.state.world.customers.find((c) => c.indirectPartnerId !== null && c.verifiedStatus === '-1')!;
    const res = await admin(PERSONAL, certificate(theirs.customerId));
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.customerId' });
    expect(requests(stack).CreatePersonalRealnameAuth).toBeUndefined();
  });
});

describe('enterprise real-name authentication', () => {
  it('submitEnterpriseRealnameAuth: one write, manual review; changeEnterpriseRealnameAuth for an authenticated individual', async () => {
    const c = take();
    stack.bss.counter.reset();
    const res = await admin(ENTERPRISE, {
      customerId: c.customerId, certificateType: 'BUSINESS_LICENCE', files: ['licence.pdf'], corpName: '示例科技有限公司', certificateNumber: '91110000MA01', regCountry: 'CN', xaccountType,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitEnterpriseRealnameAuth).toEqual({ replayed: false, manualReview: true });
    expect(requests(stack)).toEqual({ ListSubCustomers: 1, ShowRealnameAuthenticationReviewResult: 1, CreateEnterpriseRealnameAuthentication: 1 });
    expect(review(c)).toEqual({ result: 0, opinion: null });

    const individual = stack.simulator.state.world.customersOf(null).find((x) => x.verifiedStatus === '2' && x.customerType === 0)!;
    const change = await admin(CHANGE, {
      customerId: individual.customerId, files: ['licence.pdf', 'legal-front.jpg', 'legal-back.jpg'], corpName: '示例贸易有限公司', certificateNumber: '91110000MA02', xaccountType,
      legalPerson: { name: '王五', idNumber: '110101198001011234', isCertifier: true },
    });
    expect(change.errors).toBeUndefined();
    expect(change.data.changeEnterpriseRealnameAuth).toEqual({ replayed: false, manualReview: true });
    expect(review(individual)).toEqual({ result: 0, opinion: null });

    const bad = await admin(ENTERPRISE, { customerId: c.customerId, files: ['a.pdf'], corpName: '12345', certificateNumber: 'n', xaccountType });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.corpName' });
    const country = await admin(ENTERPRISE, { customerId: c.customerId, files: ['a.pdf'], corpName: '某公司', certificateNumber: 'n', regCountry: 'China', xaccountType });
    expect(country.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.regCountry' });
  });
});

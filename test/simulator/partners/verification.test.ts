/**
 * §2.15 SendVerificationMessageCode: the send limit, and the codes §2.1 (registration with a mobile) and
 * §2.10 (bank-card authentication) check: a wrong or expired code is 400 CBC.0100, a code admits one request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSubCustomer, SendVerificationMessageCode, ShowCustomerAccountBalances, UpdateCustomerAccountAmount } from '../../../src/bss/operations/partners/index.js';
import { simulatorClient } from '../../../src/bss/simulator-client.js';
import { BssError } from '../../../src/bss/errors.js';
import type { BssClient } from '../../../src/bss/client.js';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/server.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { call, callAt, customers, paramError } from './helpers.js';

type State = ReturnType<typeof testState>;
const MOBILE = '13700001111';
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);
const HOUR = 3_600_000;

const send = (s: State, body: Record<string, unknown>, now = TEST_NOW) => callAt(s, 'SendVerificationMessageCode', now, { body });
const register = (s: State, code: string, now = TEST_NOW, xaccount = 'platform-user-9') =>
  callAt(s, 'CreateSubCustomer', now, { body: { xaccount_id: xaccount, xaccount_type: s.world.partner.xaccountType, mobile_phone: MOBILE, verification_code: code } });
const LIMIT = { status: 400, body: { error_code: 'CBC.99004015', error_msg: 'The number of verification codes sent has reached the limit (15 per hour, 60 per day).' } };

describe('SendVerificationMessageCode (§2.15)', () => {
  it('answers 204 without a body and records a 6-digit code valid for `timeout` minutes (default 5)', async () => {
    const s = testState();
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE })).toEqual({ status: 204, body: undefined });
    const sent = s.partners.verificationCodes.lastSent(MOBILE)!;
    expect(sent.code).toMatch(/^\d{6}$/);
    expect(sent.expiresAt).toEqual(at(5 * 60_000));
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE, timeout: 30, lang: 'xx-yy', scene: 29 })).toEqual({ status: 204, body: undefined });
    expect(s.partners.verificationCodes.lastSent(MOBILE)!.expiresAt).toEqual(at(30 * 60_000));
  });

  it('validates every field with CBC.0100 naming it', async () => {
    const s = testState();
    expect(await send(s, {})).toEqual(paramError('receiver_type', 'is required'));
    expect(await send(s, { receiver_type: 3 })).toEqual(paramError('receiver_type', 'must be one of 1, 2'));
    expect(await send(s, { receiver_type: 1 })).toEqual(paramError('mobile_phone', 'is required'));
    expect(await send(s, { receiver_type: 1, mobile_phone: '+8613700001111' })).toEqual(paramError('mobile_phone', 'must be a mainland China mobile number, digits only'));
    expect(await send(s, { receiver_type: 2 })).toEqual(paramError('email', 'is required'));
    expect(await send(s, { receiver_type: 2, email: 'nobody' })).toEqual(paramError('email', 'must be an e-mail address'));
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE, timeout: 0 })).toEqual(paramError('timeout', 'must be between 1 and 2147483647'));
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 7 })).toEqual(paramError('scene', 'must be one of 18, 29'));
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 18 })).toEqual(paramError('customer_id', 'is required'));
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: 'f'.repeat(65) })).toEqual(paramError('customer_id', 'must be at most 64 characters'));
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: 'f'.repeat(32) })).toEqual(paramError('customer_id', 'is not a customer of the partner'));
    // Nothing was recorded by a refused send.
    expect(s.partners.verificationCodes.lastSent(MOBILE)).toBeUndefined();
  });

  it('sends at most 15 codes an hour to one number (CBC.99004015), the others unaffected', async () => {
    const s = testState();
    for (let i = 0; i < 15; i++) expect((await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(i * 60_000))).status).toBe(204);
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(59 * 60_000))).toEqual(LIMIT);
    expect((await send(s, { receiver_type: 1, mobile_phone: '13700002222' }, at(59 * 60_000))).status).toBe(204);
    // An hour after the first send, one slot is free again.
    expect((await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(HOUR))).status).toBe(204);
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(HOUR + 1_000))).toEqual(LIMIT);
  });

  it('sends at most 60 codes a day to one number, counting every scene', async () => {
    const s = testState();
    const own = customers(s, null)[0]!.customerId;
    for (let h = 0; h < 4; h++) {
      for (let i = 0; i < 15; i++) {
        const body = i % 2 ? { receiver_type: 1, mobile_phone: MOBILE } : { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: own };
        expect((await send(s, body, at(h * HOUR + i * 60_000))).status).toBe(204);
      }
    }
    expect(await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(10 * HOUR))).toEqual(LIMIT);
    expect((await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(24 * HOUR))).status).toBe(204);
  });
});

describe('the codes CreateSubCustomer (§2.1) checks', () => {
  it('admits the live code once; a wrong, replaced, used or expired code is CBC.0100 and changes nothing', async () => {
    const s = testState();
    const before = s.partners.customers.inScope(null).length;
    await send(s, { receiver_type: 1, mobile_phone: MOBILE });
    const first = s.partners.verificationCodes.lastSent(MOBILE)!.code;
    const wrong = first === '000000' ? '111111' : '000000';
    expect(await register(s, wrong)).toEqual(paramError('verification_code', 'is not the code last sent to this mobile number'));
    // A newer code replaces the older one.
    await send(s, { receiver_type: 1, mobile_phone: MOBILE }, at(1_000));
    const second = s.partners.verificationCodes.lastSent(MOBILE)!.code;
    if (second !== first) expect(await register(s, first, at(2_000))).toEqual(paramError('verification_code', 'is not the code last sent to this mobile number'));
    // Five minutes after it was sent, the code has expired.
    expect(await register(s, second, at(1_000 + 5 * 60_000))).toEqual(paramError('verification_code', 'has expired'));
    expect(s.partners.customers.inScope(null).length).toBe(before);
    const ok = await register(s, second, at(1_000 + 5 * 60_000 - 1));
    expect(ok.status).toBe(200);
    expect(s.partners.customers.inScope(null).length).toBe(before + 1);
    // Used up: it cannot register a second account.
    expect(await register(s, second, at(2_000), 'platform-user-10')).toEqual(paramError('verification_code', 'is not the code last sent to this mobile number'));
    expect(s.partners.verificationCodes.lastSent(MOBILE)).toBeUndefined();
  });

  it('a code sent for bank-card authentication (scene 18) does not register an account', async () => {
    const s = testState();
    await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: customers(s, null)[0]!.customerId });
    const code = s.partners.verificationCodes.lastSent(MOBILE, 18, customers(s, null)[0]!.customerId)!.code;
    expect(await register(s, code)).toEqual(paramError('verification_code', 'is not the code last sent to this mobile number'));
  });
});

describe('the codes bank-card authentication (§2.10, identify_type 4) checks', () => {
  const application = (s: State, customerId: string, code: string) => ({
    customer_id: customerId, identify_type: 4, verified_file_url: ['face.jpg'], name: '陈静', verified_number: '110101199001011234',
    xaccount_type: s.world.partner.xaccountType, bank_card_info: { bank_account: '6222-0000-1111', areacode: '0086', mobile: MOBILE, verification_code: code },
  });

  it('needs the code sent to the card mobile for this customer; wrong or expired is CBC.0100; then the customer is authenticated', async () => {
    const s = testState();
    const [c, other] = customers(s, null).filter((x) => x.verifiedStatus === '-1');
    await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: other!.customerId });
    const othersCode = s.partners.verificationCodes.lastSent(MOBILE, 18, other!.customerId)!.code;
    const field = 'bank_card_info.verification_code';
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: application(s, c!.customerId, othersCode) })).toEqual(paramError(field, 'is not the code last sent to this mobile number'));
    await send(s, { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: c!.customerId, timeout: 1 });
    const code = s.partners.verificationCodes.lastSent(MOBILE, 18, c!.customerId)!.code;
    expect(await callAt(s, 'CreatePersonalRealnameAuth', at(60_000), { body: application(s, c!.customerId, code) })).toEqual(paramError(field, 'has expired'));
    expect((await call(s, 'ListSubCustomers', { body: { customer_id: c!.customerId } })).body.customer_infos[0].verified_status).toBe('-1');
    expect(await callAt(s, 'CreatePersonalRealnameAuth', at(59_999), { body: application(s, c!.customerId, code) })).toEqual({ status: 200, body: { is_review: 0 } });
    expect((await call(s, 'ListSubCustomers', { body: { customer_id: c!.customerId } })).body.customer_infos[0].verified_status).toBe('2');
    expect(s.partners.verificationCodes.lastSent(MOBILE, 18, c!.customerId)).toBeUndefined();
  });
});

describe('over the wire, with a real BssClient', () => {
  let sim: RunningSimulator;
  let client: BssClient;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, customers: 40, now: TEST_NOW, throttle: false });
    client = simulatorClient(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('send → the test accessor reads the code → CreateSubCustomer with it; the new customer has an agency for customer-token calls', async () => {
    expect(await client.call(SendVerificationMessageCode, { body: { receiver_type: 1, mobile_phone: MOBILE } })).toEqual({});
    expect(client.counter.requests('SendVerificationMessageCode')).toBe(1);
    const code = sim.lastVerificationCode(MOBILE)!;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await client
      .call(CreateSubCustomer, { body: { xaccount_id: 'wire-user-1', xaccount_type: sim.credentials.xaccountType, mobile_phone: MOBILE, verification_code: code === '000000' ? '111111' : '000000' } })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(BssError);
    expect(wrong).toMatchObject({ code: 'CBC.0100', httpStatus: 400, upstreamMessage: 'Parameter error: verification_code is not the code last sent to this mobile number.' });
    const created = await client.call(CreateSubCustomer, { body: { xaccount_id: 'wire-user-1', xaccount_type: sim.credentials.xaccountType, mobile_phone: MOBILE, verification_code: code } });
    expect(created.domain_id).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.lastVerificationCode(MOBILE)).toBeUndefined();
    // [simulator default] The created account granted the partner's agency: its own balances answer via assume_role.
    await client.call(UpdateCustomerAccountAmount, { body: { customer_id: created.domain_id!, amount: '12.30' } });
    const own = await client.call(ShowCustomerAccountBalances, {}, { customerId: created.domain_id! });
    expect(own.account_balances?.map((b) => [b.account_type, String(b.amount)])).toEqual([[1, '12.30']]);
  });
});

 
/** §2.10–§2.13: real-name applications and their review, as the customer list and tags then show them. */
import { describe, expect, it } from 'vitest';
import { REVIEW_MILLIS } from '../../../src/simulator/dataset/partners/realname.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { call, callAt, customers, paramError } from './helpers.js';

type State = ReturnType<typeof testState>;
const LATER = new Date(TEST_NOW.getTime() + REVIEW_MILLIS);
const MISSING = { status: 500, body: { error_code: 'CBC.5002', error_msg: "The partner's customer does not exist." } };

function unverified(s: State, n = 0) {
  return customers(s, null).filter((c) => c.verifiedStatus === '-1')[n]!;
}

const individual = (s: State, customer_id: string, extra: Record<string, unknown> = {}) => ({
  customer_id, identify_type: 0, verified_type: 3, verified_file_url: ['id/front.jpg', 'id/back.png', 'id/holding.jpeg'], name: '陈静',
  verified_number: 'E12345678', xaccount_type: s.world.partner.xaccountType, ...extra,
});
/** A bank-card application with the live code §2.15 sent (at `at`) to the card's mobile for this customer. */
const bankCard = (s: State, customer_id: string, at = TEST_NOW) => ({
  customer_id, identify_type: 4, verified_file_url: ['face.jpg'], name: '陈静', verified_number: '110101199001011234', xaccount_type: s.world.partner.xaccountType,
  bank_card_info: {
    bank_account: '6222-0000-1111', areacode: '0086', mobile: '13800138000',
    verification_code: s.partners.verificationCodes.send('13800138000', 18, customer_id, 5, at, s.world.random(`test:code:${customer_id}:${at.getTime()}`)).code,
  },
});
const enterprise = (s: State, customer_id: string, extra: Record<string, unknown> = {}) => ({
  customer_id, identify_type: 1, certificate_type: 0, verified_file_url: ['licence.pdf'], corp_name: '杭州星河科技有限公司', verified_number: '91330100MA2XXXXX0X',
  reg_country: 'CN', reg_address: '杭州市', xaccount_type: s.world.partner.xaccountType, ...extra,
});

async function listed(s: State, id: string, now = TEST_NOW): Promise<any> {
  return (await callAt(s, 'ListSubCustomers', now, { body: { customer_id: id } })).body.customer_infos[0];
}

describe('real-name applications (§2.10–§2.12) and their review (§2.13)', () => {
  it('authenticates by bank card at once', async () => {
    const s = testState();
    const c = unverified(s);
    expect(await call(s, 'ShowRealnameAuthenticationReviewResult', { query: { customer_id: c.customerId } })).toEqual({ status: 200, body: {} });
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: bankCard(s, c.customerId) })).toEqual({ status: 200, body: { is_review: 0 } });
    expect(await listed(s, c.customerId)).toMatchObject({ verified_status: '2', customer_type: 0, customer: '陈静' });
    expect((await call(s, 'ShowRealnameAuthenticationReviewResult', { query: { customer_id: c.customerId } })).body).toEqual({ review_result: 2 });
    const tag = (await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: [c.customerId] } })).body.new_customer_tags[0];
    expect(tag.customer_tag_type).toBe('SMB');
    expect(tag.new_customer_tag).not.toBe('');
  });

  it('sends certificates to manual review, decided after the review time', async () => {
    const s = testState();
    const c = unverified(s);
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: individual(s, c.customerId) })).toEqual({ status: 200, body: { is_review: 1 } });
    expect(await listed(s, c.customerId)).toMatchObject({ verified_status: '0', customer_type: -1 });
    expect((await call(s, 'ShowRealnameAuthenticationReviewResult', { query: { customer_id: c.customerId } })).body).toEqual({ review_result: 0 });
    const justBefore = new Date(LATER.getTime() - 1000);
    expect((await callAt(s, 'ShowRealnameAuthenticationReviewResult', justBefore, { query: { customer_id: c.customerId } })).body).toEqual({ review_result: 0 });
    expect((await callAt(s, 'ShowRealnameAuthenticationReviewResult', LATER, { query: { customer_id: c.customerId } })).body).toEqual({ review_result: 2 });
    expect(await listed(s, c.customerId, LATER)).toMatchObject({ verified_status: '2', customer_type: 0, customer: '陈静' });
    // While under review, and once authenticated, a new first application is refused.
    const other = unverified(s, 1);
    await call(s, 'CreatePersonalRealnameAuth', { body: individual(s, other.customerId) });
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: individual(s, other.customerId) })).toEqual(paramError('customer_id', 'has a real-name application under review'));
    expect(await callAt(s, 'CreatePersonalRealnameAuth', LATER, { body: bankCard(s, c.customerId) })).toEqual(paramError('customer_id', 'has already completed real-name authentication'));
  });

  it('rejects some manual reviews with an opinion in the caller language; the customer may apply again', async () => {
    const s = testState(400);
    let rejected: string | undefined;
    for (const c of customers(s, null).filter((x) => x.verifiedStatus === '-1')) {
      await call(s, 'CreateEnterpriseRealnameAuthentication', { body: enterprise(s, c.customerId) });
      if (!s.partners.realname.latest(c.customerId)!.approved) {
        rejected = c.customerId;
        break;
      }
    }
    expect(rejected).toBeDefined();
    const zh = await callAt(s, 'ShowRealnameAuthenticationReviewResult', LATER, { query: { customer_id: rejected! } });
    const en = await callAt(s, 'ShowRealnameAuthenticationReviewResult', LATER, { query: { customer_id: rejected! }, language: 'en_US' });
    expect(zh.body.review_result).toBe(1);
    expect(zh.body.opinion).toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.opinion).toMatch(/^[A-Z][A-Za-z .-]+\.$/);
    expect((await listed(s, rejected!, LATER)).verified_status).toBe('1');
    expect((await callAt(s, 'CreatePersonalRealnameAuth', LATER, { body: bankCard(s, rejected!, LATER) })).body).toEqual({ is_review: 0 });
  });

  it('changes an individual into an enterprise, keeping the authentication during review', async () => {
    const s = testState();
    const person = customers(s, null).find((c) => c.verifiedStatus === '2' && c.customerType === 0)!;
    const company = customers(s, null).find((c) => c.verifiedStatus === '2' && c.customerType === 1)!;
    const body = enterprise(s, person.customerId, { change_type: 1, enterprise_person: { legel_name: '陈静', legel_id_number: '110101199001011234', certifier_role: 'legalPerson' }, verified_file_url: ['l.pdf', 'p1.jpg', 'p2.jpg'] });
    expect(await call(s, 'ChangeEnterpriseRealnameAuthentication', { body })).toEqual({ status: 200, body: { is_review: 1 } });
    expect(await listed(s, person.customerId)).toMatchObject({ verified_status: '2', customer_type: 0, customer: person.realName });
    expect(await call(s, 'ChangeEnterpriseRealnameAuthentication', { body })).toEqual(paramError('customer_id', 'has a real-name application under review'));
    expect(await listed(s, person.customerId, LATER)).toMatchObject({ verified_status: '2', customer_type: 1, customer: '杭州星河科技有限公司' });
    expect(await call(s, 'ChangeEnterpriseRealnameAuthentication', { body: { ...body, customer_id: company.customerId } })).toEqual(
      paramError('customer_id', 'is not an individual customer with completed real-name authentication'),
    );
  });

  it('answers the generated review state of existing customers', async () => {
    const s = testState();
    const result = async (status: string) => {
      const c = customers(s, null).find((x) => x.verifiedStatus === status)!;
      return (await call(s, 'ShowRealnameAuthenticationReviewResult', { query: { customer_id: c.customerId } })).body;
    };
    expect(await result('0')).toEqual({ review_result: 0 });
    expect(await result('2')).toEqual({ review_result: 2 });
    expect(await result('-1')).toEqual({});
    const rejected = await result('1');
    expect(rejected.review_result).toBe(1);
    expect(typeof rejected.opinion).toBe('string');
  });

  it("refuses customers that are not the partner's own (CBC.5002)", async () => {
    const s = testState();
    const theirs = customers(s, s.world.resellers[0]!.indirectPartnerId).find((c) => c.verifiedStatus === '-1') ?? customers(s, s.world.resellers[0]!.indirectPartnerId)[0]!;
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: bankCard(s, theirs.customerId) })).toEqual(MISSING);
    expect(await call(s, 'CreateEnterpriseRealnameAuthentication', { body: enterprise(s, 'unknown') })).toEqual(MISSING);
    expect(await call(s, 'ShowRealnameAuthenticationReviewResult', { query: { customer_id: 'unknown' } })).toEqual(MISSING);
  });

  it('validates the applications', async () => {
    const s = testState();
    const id = unverified(s).customerId;
    const personal = (extra: Record<string, unknown>) => call(s, 'CreatePersonalRealnameAuth', { body: individual(s, id, extra) });
    expect(await personal({ identify_type: 2 })).toEqual(paramError('identify_type', 'must be one of 0, 4'));
    expect(await personal({ verified_type: undefined })).toEqual(paramError('verified_type', 'is required when identify_type is 0'));
    expect(await personal({ verified_type: 4 })).toEqual(paramError('verified_type', 'must be one of 3, 5, 6, 9, 10'));
    expect(await personal({ verified_file_url: ['a.jpg'] })).toEqual(paramError('verified_file_url', 'must have exactly 3 attachments'));
    expect(await personal({ verified_file_url: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg'] })).toEqual(paramError('verified_file_url', 'must have at most 4 items'));
    expect(await personal({ verified_file_url: ['download/a.jpg', 'b.jpg', 'c.jpg'] })).toEqual(paramError('verified_file_url[0]', 'must be relative to the download/ directory'));
    expect(await personal({ verified_file_url: ['a.jpg', 'b.exe', 'c.jpg'] })).toEqual(paramError('verified_file_url[1]', 'must be a jpg, jpeg, bmp, png, gif or pdf file'));
    expect(await personal({ name: 'n'.repeat(256) })).toEqual(paramError('name', 'must be at most 255 characters'));
    expect(await personal({ verified_number: '1'.repeat(33) })).toEqual(paramError('verified_number', 'must be at most 32 characters'));
    expect(await personal({ change_type: 0 })).toEqual(paramError('change_type', 'must be one of -1'));
    expect(await personal({ xaccount_type: 'other' })).toEqual(paramError('xaccount_type', 'is not the platform identifier of the partner'));
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: { ...bankCard(s, id), bank_card_info: undefined } })).toEqual(paramError('bank_card_info', 'is required when identify_type is 4'));
    expect(await call(s, 'CreatePersonalRealnameAuth', { body: { ...bankCard(s, id), bank_card_info: { bank_account: '6222 0000', areacode: '0086', mobile: '1', verification_code: '1' } } })).toEqual(
      paramError('bank_card_info.bank_account', 'must contain only letters, digits and "-"'),
    );
    const corp = (extra: Record<string, unknown>) => call(s, 'CreateEnterpriseRealnameAuthentication', { body: enterprise(s, id, extra) });
    expect(await corp({ identify_type: 0 })).toEqual(paramError('identify_type', 'must be one of 1'));
    expect(await corp({ certificate_type: 5 })).toEqual(paramError('certificate_type', 'must be one of 0, 1, 2, 3, 4, 99'));
    expect(await corp({ corp_name: '1234 !!' })).toEqual(paramError('corp_name', 'must not consist only of digits, special characters or spaces'));
    expect(await corp({ reg_country: 'CHN' })).toEqual(paramError('reg_country', 'must be a two-letter country code'));
    expect(await corp({ enterprise_person: { legel_id_number: '1' } })).toEqual(paramError('verified_file_url', 'must have exactly 3 attachments'));
    expect(await corp({ enterprise_person: { legel_id_number: '1' }, verified_file_url: ['a.pdf', 'b.jpg', 'c.jpg'] })).toEqual(paramError('enterprise_person.legel_name', 'is required'));
    expect(await call(s, 'ChangeEnterpriseRealnameAuthentication', { body: enterprise(s, id, { change_type: 2 }) })).toEqual(paramError('change_type', 'must be one of 1'));
    expect(await call(s, 'ChangeEnterpriseRealnameAuthentication', { body: enterprise(s, id) })).toEqual(paramError('change_type', 'is required'));
    expect(await call(s, 'ShowRealnameAuthenticationReviewResult', { query: {} })).toEqual(paramError('customer_id', 'is required'));
  });
});

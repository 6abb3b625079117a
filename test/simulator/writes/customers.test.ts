/**
 * Customer writes (§2.1 with §2.15, §2.10–§2.12) as the reads show them: the customer list (§2.2), identity
 * checks (§2.3), balances (§2.5, §2.6), new-customer tags (§2.4) and the review result (§2.13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangeEnterpriseRealnameAuthentication, CheckUserIdentity, CreateEnterpriseRealnameAuthentication, CreatePersonalRealnameAuth, CreateSubCustomer,
  ListCustomersBalancesDetail, ListSubCustomerNewTag, ListSubCustomers, SendVerificationMessageCode, ShowCustomerAccountBalances,
  ShowRealnameAuthenticationReviewResult,
} from '../../../src/bss/operations/partners/index.js';
import { ListCustomerOrders } from '../../../src/bss/operations/commerce/index.js';
import { startWriteHarness, type WriteHarness } from './support.js';

let h: WriteHarness;
beforeAll(async () => {
  h = await startWriteHarness();
});
afterAll(async () => {
  await h.close();
});

const MOBILE = '13600002222';
const listed = async (customerId: string) => (await h.client.call(ListSubCustomers, { body: { customer_id: customerId } })).customer_infos![0]!;
const review = (customerId: string) => h.client.call(ShowRealnameAuthenticationReviewResult, { customer_id: customerId });

async function registerWithMobile(xaccountId: string, domainName: string): Promise<string> {
  await h.client.call(SendVerificationMessageCode, { body: { receiver_type: 1, mobile_phone: MOBILE } });
  const res = await h.client.call(CreateSubCustomer, {
    body: { xaccount_id: xaccountId, xaccount_type: h.sim.credentials.xaccountType, domain_name: domainName, mobile_phone: MOBILE, verification_code: h.sim.lastVerificationCode(MOBILE)! },
  });
  expect(res.domain_name).toBe(domainName);
  return res.domain_id!;
}

describe('CreateSubCustomer', () => {
  it('the new customer is listed, its name and mobile are taken, it has a zero balance, no tag, no orders, and an agency', async () => {
    const remainingBefore = (await h.client.call(CheckUserIdentity, { body: { search_type: 'mobile', search_value: `0086-${MOBILE}` } })).mobile_remain_available_num!;
    expect((await h.client.call(CheckUserIdentity, { body: { search_type: 'name', search_value: 'write-test-01' } })).check_result).toBe('available');
    const id = await registerWithMobile('platform-write-1', 'write-test-01');

    expect(await listed(id)).toMatchObject({
      customer_id: id, account_name: 'write-test-01', association_type: '2', telephone: MOBILE, country_code: '0086', verified_status: '-1',
      customer_type: -1, xaccount_id: 'platform-write-1', xaccount_type: h.sim.credentials.xaccountType,
    });
    expect((await h.client.call(CheckUserIdentity, { body: { search_type: 'name', search_value: 'write-test-01' } })).check_result).toBe('used_by_user');
    expect((await h.client.call(CheckUserIdentity, { body: { search_type: 'mobile', search_value: `0086-${MOBILE}` } })).mobile_remain_available_num).toBe(remainingBefore - 1);
    expect((await h.client.call(ListCustomersBalancesDetail, { body: { customer_infos: [{ customer_id: id }] } })).customer_balances).toEqual([
      { customer_id: id, debt_amount: '0.00', amount: '0.00', currency: 'CNY', measure_id: 1 },
    ]);
    expect((await h.client.call(ListSubCustomerNewTag, { body: { customer_ids: [id] } })).new_customer_tags).toEqual([
      { customer_id: id, customer_tag_type: 'SMB', new_customer_tag: '', effective_time: '', expire_time: '' },
    ]);
    // Customer-token endpoints answer for it: the simulator gives created accounts the partner's agency.
    expect((await h.client.call(ShowCustomerAccountBalances, {}, { customerId: id })).account_balances!.map((b) => [b.account_type, String(b.amount)])).toEqual([[1, '0.00']]);
    expect((await h.client.call(ListCustomerOrders, {}, { customerId: id })).total_count).toBe(0);
  });
});

describe('real-name authentication', () => {
  const files = ['id/front.jpg', 'id/back.png', 'id/holding.jpeg'];
  const individual = (customerId: string) => ({
    customer_id: customerId, identify_type: 0 as const, verified_type: 3, verified_file_url: files, name: '陈静', verified_number: 'E12345678',
    xaccount_type: h.sim.credentials.xaccountType,
  });
  const enterprise = (customerId: string) => ({
    customer_id: customerId, identify_type: 1 as const, certificate_type: 0, verified_file_url: ['licence.pdf'], corp_name: '杭州星河科技有限公司',
    verified_number: '91330100MA2XXXXX0X', xaccount_type: h.sim.credentials.xaccountType,
  });

  it('a certificate application goes to review: under review in §2.2 and §2.13', async () => {
    const id = await registerWithMobile('platform-write-2', 'write-test-02');
    expect(await review(id)).toEqual({});
    expect(await h.client.call(CreatePersonalRealnameAuth, { body: individual(id) })).toEqual({ is_review: 1 });
    expect(await review(id)).toEqual({ review_result: 0 });
    expect(await listed(id)).toMatchObject({ verified_status: '0', customer_type: -1 });
  });

  it('a bank-card application with the code sent for it authenticates at once; then a change to enterprise goes to review', async () => {
    const id = await registerWithMobile('platform-write-3', 'write-test-03');
    await h.client.call(SendVerificationMessageCode, { body: { receiver_type: 1, mobile_phone: MOBILE, scene: 18, customer_id: id } });
    const code = h.sim.lastVerificationCode(MOBILE, { scene: 18, customerId: id })!;
    const body = {
      customer_id: id, identify_type: 4 as const, verified_file_url: ['face.jpg'], name: '陈静', verified_number: '110101199001011234',
      xaccount_type: h.sim.credentials.xaccountType, bank_card_info: { bank_account: '6222-0000-1111', areacode: '0086', mobile: MOBILE, verification_code: code },
    };
    expect(await h.client.call(CreatePersonalRealnameAuth, { body })).toEqual({ is_review: 0 });
    expect(await listed(id)).toMatchObject({ verified_status: '2', customer_type: 0, customer: '陈静' });
    expect(await review(id)).toEqual({ review_result: 2 });
    const tag = (await h.client.call(ListSubCustomerNewTag, { body: { customer_ids: [id] } })).new_customer_tags![0]!;
    expect(tag.new_customer_tag).not.toBe('');

    expect(await h.client.call(ChangeEnterpriseRealnameAuthentication, { body: { ...enterprise(id), change_type: 1 } })).toEqual({ is_review: 1 });
    expect(await review(id)).toEqual({ review_result: 0 });
    // Until the review decides, the customer stays an authenticated individual.
    expect(await listed(id)).toMatchObject({ verified_status: '2', customer_type: 0 });
  });

  it('an enterprise application goes to review', async () => {
    const id = await registerWithMobile('platform-write-4', 'write-test-04');
    expect(await h.client.call(CreateEnterpriseRealnameAuthentication, { body: enterprise(id) })).toEqual({ is_review: 1 });
    expect(await review(id)).toEqual({ review_result: 0 });
    expect(await listed(id)).toMatchObject({ verified_status: '0' });
  });
});

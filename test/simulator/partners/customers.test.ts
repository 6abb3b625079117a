 
/** §2.1–§2.4: creating, listing and checking customers, and their new-customer tags. */
import { describe, expect, it } from 'vitest';
import { testState } from '../../support/sim-request.js';
import { call, customers, paramError } from './helpers.js';

type State = ReturnType<typeof testState>;

const create = (s: State, body: Record<string, unknown>) =>
  call(s, 'CreateSubCustomer', { body: { xaccount_id: 'platform-user-1', xaccount_type: s.world.partner.xaccountType, ...body } });

/** The registration code §2.15 sends to a mobile number (read from the simulator's state, never the wire). */
async function codeFor(s: State, mobile: string): Promise<string> {
  expect(await call(s, 'SendVerificationMessageCode', { body: { receiver_type: 1, mobile_phone: mobile } })).toEqual({ status: 204, body: undefined });
  return s.partners.verificationCodes.lastSent(mobile)!.code;
}

describe('CreateSubCustomer (§2.1)', () => {
  it('creates a resale customer that the list endpoints return at once, first', async () => {
    const s = testState();
    const res = await create(s, {});
    expect(res.status).toBe(200);
    expect(res.body.domain_id).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.domain_name).toMatch(/^[a-z][a-z0-9]{31}$/);
    const listed = await call(s, 'ListSubCustomers', { body: { customer_id: res.body.domain_id } });
    expect(listed.body).toEqual({
      count: 1,
      customer_infos: [{
        customer: '', account_name: res.body.domain_name, customer_id: res.body.domain_id, associated_on: '2026-11-15T04:00:00Z', association_type: '2',
        label: '', telephone: '', verified_status: '-1', country_code: '', customer_type: -1, is_frozen: 0, account_managers: [],
        xaccount_id: 'platform-user-1', xaccount_type: s.world.partner.xaccountType, customer_level: 'V0', email: '',
      }],
    });
    const first = await call(s, 'ListSubCustomers', { body: { limit: 1 } });
    expect(first.body.count).toBe(customers(s, null).length + 1);
    expect(first.body.customer_infos[0].customer_id).toBe(res.body.domain_id);
    // A new customer has no real-name authentication yet: an empty tag, and a zero balance.
    expect((await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: [res.body.domain_id] } })).body.new_customer_tags).toEqual([
      { customer_id: res.body.domain_id, customer_tag_type: 'SMB', new_customer_tag: '', effective_time: '', expire_time: '' },
    ]);
    expect((await call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: [{ customer_id: res.body.domain_id }] } })).body.customer_balances).toEqual([
      { customer_id: res.body.domain_id, debt_amount: '0.00', amount: '0.00', currency: 'CNY', measure_id: 1 },
    ]);
    // It can be funded straight away.
    expect((await call(s, 'UpdateCustomerAccountAmount', { body: { customer_id: res.body.domain_id, amount: 5 } })).status).toBe(200);
    expect((await call(s, 'ListCustomersBalancesDetail', { body: { customer_infos: [{ customer_id: res.body.domain_id }] } })).body.customer_balances[0].amount).toBe('5.00');
  });

  it('takes a name, a mobile, consultative mode and a reseller; ids follow the seed', async () => {
    const s = testState();
    const reseller = s.world.resellers[1]!.indirectPartnerId;
    const res = await create(s, {
      domain_name: 'acme-cloud_01', mobile_phone: '13800138000', verification_code: await codeFor(s, '13800138000'), password: 'Secret-2026', cooperation_type: '1',
      indirect_partner_id: reseller, is_close_market_ms: 'true', include_association_result: true,
    });
    expect(res.body.domain_name).toBe('acme-cloud_01');
    const mine = await call(s, 'ListSubCustomers', { body: { indirect_partner_id: reseller, limit: 1 } });
    expect(mine.body.customer_infos[0]).toMatchObject({ customer_id: res.body.domain_id, association_type: '1', telephone: '13800138000', country_code: '0086' });
    expect((await call(s, 'ListSubCustomers', { body: { customer_id: res.body.domain_id } })).body.count).toBe(0);
    const again = await create(testState(), { domain_name: 'acme-cloud_01' });
    const other = await create(testState(60, 8), { domain_name: 'acme-cloud_01' });
    const first = await create(testState(), {});
    expect(again.body.domain_id).toBe(first.body.domain_id);
    expect(other.body.domain_id).not.toBe(first.body.domain_id);
  });

  it('validates every field with Huawei codes', async () => {
    const s = testState();
    const taken = s.world.customers[0]!.accountName;
    expect(await call(s, 'CreateSubCustomer', { body: { xaccount_type: s.world.partner.xaccountType } })).toEqual(paramError('xaccount_id', 'is required'));
    expect(await create(s, { xaccount_id: 'x'.repeat(129) })).toEqual(paramError('xaccount_id', 'must be at most 128 characters'));
    expect(await create(s, { xaccount_type: 'someone_else' })).toEqual(paramError('xaccount_type', 'is not the platform identifier of the partner'));
    expect(await create(s, { domain_name: 'abcd' })).toEqual(paramError('domain_name', 'must be 5 to 32 characters long'));
    expect(await create(s, { domain_name: '1abcde' })).toEqual(paramError('domain_name', 'must start with a letter, "-" or "_" and contain only letters, digits, "-" and "_"'));
    expect(await create(s, { domain_name: 'op_service' })).toEqual(paramError('domain_name', 'must not start with op_ or shadow_'));
    expect(await create(s, { domain_name: taken })).toEqual(paramError('domain_name', 'is already used'));
    expect(await create(s, { mobile_phone: '+8613800138000', verification_code: '123456' })).toEqual(paramError('mobile_phone', 'must be a mainland China mobile number'));
    expect(await create(s, { mobile_phone: '13800138000' })).toEqual(paramError('verification_code', 'is required when mobile_phone is given'));
    expect(await create(s, { verification_code: '' })).toEqual(paramError('verification_code', 'must not be empty'));
    expect(await create(s, { mobile_phone: '13800138000', verification_code: '1234' })).toEqual(paramError('verification_code', 'must be 6 characters'));
    expect(await create(s, { password: '' })).toEqual(paramError('password', 'must not be empty'));
    expect(await create(s, { is_close_market_ms: 'yes' })).toEqual(paramError('is_close_market_ms', 'must be one of true, false'));
    expect(await create(s, { include_association_result: 'true' })).toEqual(paramError('include_association_result', 'must be a boolean'));
    const badPassword = { status: 400, body: { error_code: 'CBC.99000036', error_msg: 'The customer password format is invalid.' } };
    expect(await create(s, { password: 'abcdefghij' })).toEqual(badPassword);
    expect(await create(s, { domain_name: 'Abcdef12', password: 'Abcdef12' })).toEqual(badPassword);
    expect(await create(s, { domain_name: 'Abcdef12', password: '21fedcbA' })).toEqual(badPassword);
    expect(await create(s, { mobile_phone: '13800138000', verification_code: '123456', password: 'x13800138000' })).toEqual(badPassword);
    expect(await create(s, { indirect_partner_id: 'e'.repeat(32) })).toEqual({
      status: 400, body: { error_code: 'CBC.99000037', error_msg: 'You have no permission to operate on this reseller.' },
    });
    expect((await create(s, {})).status).toBe(200);
    expect(await create(s, {})).toEqual(paramError('xaccount_id', 'is already bound to a Huawei Cloud account'));
  });

  it('refuses a mobile number that reached its registration limit (CBC.99000030)', async () => {
    const s = testState();
    for (let i = 0; i < 5; i++) {
      expect((await create(s, { xaccount_id: `u${i}`, mobile_phone: '13900000000', verification_code: await codeFor(s, '13900000000') })).status).toBe(200);
    }
    expect(await create(s, { xaccount_id: 'u5', mobile_phone: '13900000000', verification_code: '000000' })).toEqual({
      status: 400, body: { error_code: 'CBC.99000030', error_msg: 'Too many customers have been registered with this mobile number.' },
    });
    const check = await call(s, 'CheckUserIdentity', { body: { search_type: 'mobile', search_value: '0086-13900000000' } });
    expect(check.body).toEqual({ error_code: 'CBC.0000', error_msg: 'SUCCESS', check_result: 'used_by_user', mobile_remain_available_num: 0 });
  });
});

describe('ListSubCustomers (§2.2)', () => {
  it('lists the distributor customers newest first with exact fields, and pages', async () => {
    const s = testState();
    const own = customers(s, null).sort((a, b) => (a.associatedOn < b.associatedOn ? 1 : -1));
    const res = await call(s, 'ListSubCustomers');
    expect(res.body.count).toBe(own.length);
    expect(res.body.customer_infos.map((c: any) => c.customer_id)).toEqual(own.slice(0, 10).map((c) => c.customerId));
    const c = own[0]!;
    expect(res.body.customer_infos[0]).toEqual({
      customer: c.realName, account_name: c.accountName, customer_id: c.customerId, associated_on: c.associatedOn, association_type: c.associationType,
      label: c.label, telephone: c.telephone, verified_status: c.verifiedStatus, country_code: c.countryCode, customer_type: c.customerType,
      is_frozen: c.isFrozen, account_managers: [{ account_name: c.accountManager }], xaccount_id: c.xaccountId, xaccount_type: 'partnergraph_demo',
      customer_level: c.customerLevel, email: c.email,
    });
    const window = await call(s, 'ListSubCustomers', { body: { offset: 10, limit: 5 } });
    expect(window.body.customer_infos.map((x: any) => x.customer_id)).toEqual(own.slice(10, 15).map((x) => x.customerId));
    expect(window.body.count).toBe(own.length);
  });

  it('filters fuzzily by account name, real name and label, and exactly by type, window and id', async () => {
    const s = testState();
    const own = customers(s, null);
    const target = own.find((c) => c.realName.length > 3 && c.label)!;
    const byName = await call(s, 'ListSubCustomers', { body: { account_name: target.accountName.slice(2, 9).toUpperCase(), limit: 100 } });
    expect(byName.body.customer_infos.map((c: any) => c.customer_id)).toContain(target.customerId);
    expect(byName.body.customer_infos.every((c: any) => c.account_name.includes(target.accountName.slice(2, 9)))).toBe(true);
    const byReal = await call(s, 'ListSubCustomers', { body: { customer: target.realName.slice(1, 4), limit: 100 } });
    expect(byReal.body.customer_infos.every((c: any) => c.customer.includes(target.realName.slice(1, 4)))).toBe(true);
    expect(byReal.body.customer_infos.map((c: any) => c.customer_id)).toContain(target.customerId);
    const byLabel = await call(s, 'ListSubCustomers', { body: { label: target.label, limit: 100 } });
    expect(byLabel.body.count).toBe(own.filter((c) => c.label.includes(target.label)).length);
    const resale = await call(s, 'ListSubCustomers', { body: { association_type: '2', limit: 100 } });
    expect(resale.body.count).toBe(customers(s, null, '2').length);
    const at = await call(s, 'ListSubCustomers', { body: { associated_on_begin: target.associatedOn, associated_on_end: target.associatedOn } });
    expect(at.body.customer_infos.map((c: any) => c.customer_id)).toEqual([target.customerId]);
    const reseller = s.world.resellers[0]!.indirectPartnerId;
    const theirs = await call(s, 'ListSubCustomers', { body: { indirect_partner_id: reseller, limit: 100 } });
    expect(theirs.body.count).toBe(customers(s, reseller).length);
    expect((await call(s, 'ListSubCustomers', { body: { customer_id: theirs.body.customer_infos[0].customer_id } })).body.count).toBe(0);
  });

  it('validates', async () => {
    const s = testState();
    const q = (body: unknown) => call(s, 'ListSubCustomers', { body });
    expect(await q({ account_name: 'a b' })).toEqual(paramError('account_name', 'must not contain spaces'));
    expect(await q({ label: 'K A' })).toEqual(paramError('label', 'must not contain spaces'));
    expect(await q({ association_type: '3' })).toEqual(paramError('association_type', 'must be one of 1, 2'));
    expect(await q({ associated_on_begin: '' })).toEqual(paramError('associated_on_begin', 'must not be empty'));
    expect(await q({ limit: 101 })).toEqual(paramError('limit', 'must be between 1 and 100'));
    expect(await q({ offset: 40_000_001 })).toEqual(paramError('offset', 'must be between 0 and 40000000'));
    expect(await q({ customer_id: 'c'.repeat(65) })).toEqual(paramError('customer_id', 'must be at most 64 characters'));
    expect((await q({ account_name: '', association_type: null })).body.count).toBe(customers(s, null).length);
  });
});

describe('CheckUserIdentity (§2.3)', () => {
  it('answers for names, e-mails and mobiles', async () => {
    const s = testState();
    const c = s.world.customers.find((x) => x.countryCode === '0086')!;
    const check = (search_type: string, search_value: string) => call(s, 'CheckUserIdentity', { body: { search_type, search_value } });
    const ok = (used: boolean) => ({ status: 200, body: { error_code: 'CBC.0000', error_msg: 'SUCCESS', check_result: used ? 'used_by_user' : 'available' } });
    expect(await check('name', c.accountName)).toEqual(ok(true));
    expect(await check('name', c.accountName.toUpperCase())).toEqual(ok(true));
    expect(await check('name', s.world.resellers[0]!.accountName)).toEqual(ok(true));
    expect(await check('name', 'brand-new-name')).toEqual(ok(false));
    expect(await check('email', c.email)).toEqual(ok(true));
    expect(await check('email', 'nobody@example.org')).toEqual(ok(false));
    const same = s.world.customers.filter((x) => x.telephone === c.telephone).length;
    expect((await check('mobile', `0086-${c.telephone}`)).body).toEqual({ error_code: 'CBC.0000', error_msg: 'SUCCESS', check_result: 'available', mobile_remain_available_num: 5 - same });
    expect((await check('mobile', '0086-13000000000')).body.mobile_remain_available_num).toBe(5);
  });

  it('validates', async () => {
    const s = testState();
    const check = (body: unknown) => call(s, 'CheckUserIdentity', { body });
    expect(await check({ search_value: 'x' })).toEqual(paramError('search_type', 'is required'));
    expect(await check({ search_type: 'phone', search_value: 'x' })).toEqual(paramError('search_type', 'must be one of email, mobile, name'));
    expect(await check({ search_type: 'name' })).toEqual(paramError('search_value', 'is required'));
    expect(await check({ search_type: 'name', search_value: 'x'.repeat(65) })).toEqual(paramError('search_value', 'must be at most 64 characters'));
    expect(await check({ search_type: 'name', search_value: '_abcdef' })).toEqual(paramError('search_value', 'must start with a letter or "-" and contain only letters, digits, "-" and "_"'));
    expect(await check({ search_type: 'email', search_value: 'not-an-address' })).toEqual(paramError('search_value', 'must be an e-mail address'));
    expect(await check({ search_type: 'mobile', search_value: '13800138000' })).toEqual(paramError('search_value', 'must be a mobile number like 0086-13XXXXXXXXX'));
    expect(await check({ search_type: 'mobile', search_value: '0044-7700900000' })).toEqual(paramError('search_value', 'must have the country code 0086'));
  });
});

describe('ListSubCustomerNewTag (§2.4)', () => {
  it('answers tags by id, silently dropping ids outside the scope', async () => {
    const s = testState();
    const own = customers(s, null);
    const verified = own.find((c) => c.verifiedStatus === '2' && c.associatedOn < '2025-10-01')!;
    const unverified = own.find((c) => c.verifiedStatus === '-1')!;
    const foreign = customers(s, s.world.resellers[0]!.indirectPartnerId)[0]!;
    const res = await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: [verified.customerId, foreign.customerId, 'unknown', unverified.customerId], limit: 4 } });
    const month = verified.associatedOn.slice(0, 7);
    expect(res.body.new_customer_tags).toHaveLength(2);
    expect(res.body.new_customer_tags[0]).toMatchObject({ customer_id: verified.customerId, customer_tag_type: 'SMB', new_customer_tag: 'N' });
    expect(res.body.new_customer_tags[0].effective_time).toMatch(/^\d{4}-\d{2}$/);
    expect(res.body.new_customer_tags[0].expire_time < '2026-11').toBe(true);
    expect([month, `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}`]).toContain(res.body.new_customer_tags[0].effective_time);
    expect(res.body.new_customer_tags[1]).toEqual({ customer_id: unverified.customerId, customer_tag_type: 'SMB', new_customer_tag: '', effective_time: '', expire_time: '' });
    const recent = own.find((c) => c.verifiedStatus === '2' && c.associatedOn > '2026-01-01')!;
    const tag = (await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: [recent.customerId] } })).body.new_customer_tags[0];
    expect(['Y', 'UNDETERMINED']).toContain(tag.new_customer_tag);
    expect(tag.expire_time > '2026-11').toBe(true);
  });

  it('pages the whole scope without ids, and applies offset with ids too', async () => {
    const s = testState();
    const own = (await call(s, 'ListSubCustomers', { body: { limit: 100 } })).body.customer_infos.map((c: any) => c.customer_id);
    const first = await call(s, 'ListSubCustomerNewTag', { body: {} });
    expect(first.body.new_customer_tags.map((t: any) => t.customer_id)).toEqual(own.slice(0, 10));
    const big = await call(s, 'ListSubCustomerNewTag', { body: { limit: 200 } });
    expect(big.body.new_customer_tags).toHaveLength(own.length);
    expect(Object.keys(big.body)).toEqual(['new_customer_tags']);
    const offset = await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: own.slice(0, 3), offset: 1 } });
    expect(offset.body.new_customer_tags.map((t: any) => t.customer_id)).toEqual(own.slice(1, 3));
    const reseller = s.world.resellers[0]!.indirectPartnerId;
    const theirs = await call(s, 'ListSubCustomerNewTag', { body: { indirect_partner_id: reseller, limit: 200 } });
    expect(theirs.body.new_customer_tags).toHaveLength(customers(s, reseller).length);
  });

  it('validates list size and limit', async () => {
    const s = testState();
    expect(await call(s, 'ListSubCustomerNewTag', { body: { limit: 201 } })).toEqual(paramError('limit', 'must be between 1 and 200'));
    expect(await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: Array.from({ length: 201 }, (_, i) => `c${i}`) } })).toEqual(
      paramError('customer_ids', 'must have at most 200 items'),
    );
    expect(await call(s, 'ListSubCustomerNewTag', { body: { customer_ids: [''] } })).toEqual(paramError('customer_ids[0]', 'must be a non-empty string'));
  });
});

/**
 * The partner's customers (bss-api-partners.md §2.1–§2.4): create, list and search, check a name,
 * mobile or e-mail before registration, SMB new-customer tags.
 */
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import type { CustomerRecord } from '../../dataset/world.js';
import { MOBILE_REGISTRATION_LIMIT } from '../../dataset/partners/directory.js';
import { mobileLimitReached, passwordInvalid } from '../../dataset/partners/errors.js';
import { newCustomerTag } from '../../dataset/partners/tags.js';
import { resolveScope } from './scope.js';
import { checkVerificationCode } from './verification.js';
import {
  bodyOf, filterString, optInt, optString, optStringList, optTime, oneOf, page, reqString, slice, within, type Json,
} from './validate.js';

const ACCOUNT_NAME = /^([a-zA-Z_-]([a-zA-Z0-9_-])*)$/;
const MAINLAND_MOBILE = /^1\d{10}$/;

/** The account-name rules shared by §2.1 and §2.3 (5–32, no `op_`/`shadow_` prefix, not all digits). */
function accountNameProblem(name: string, pattern: RegExp, start: string): string | null {
  if (name.length < 5 || name.length > 32) return 'must be 5 to 32 characters long';
  if (!pattern.test(name)) return `must start with ${start} and contain only letters, digits, "-" and "_"`;
  if (/^(op_|shadow_)/i.test(name)) return 'must not start with op_ or shadow_';
  if (/^\d+$/.test(name)) return 'must not consist of digits only';
  return null;
}

/** §2.1 password rules: 8–32, two character classes, not the name (or reversed), not the mobile. */
function passwordOk(password: string, accountName: string | null, mobile: string | null): boolean {
  if (password.length < 8 || password.length > 32) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return false;
  if (accountName && (password === accountName || password === [...accountName].reverse().join(''))) return false;
  return !(mobile && password.includes(mobile));
}

/** §2.1: the account is created and bound at once; ids come from the seed and the write counter. */
export const createSubCustomer: Handler = (req) => {
  const body = bodyOf(req);
  const partners = req.state.partners;
  const xaccountId = reqString(body, 'xaccount_id', { max: 128 });
  const xaccountType = reqString(body, 'xaccount_type', { max: 64 });
  // [inferred] The identifier is assigned by Huawei to this partner; another one is not accepted.
  if (xaccountType !== req.state.world.partner.xaccountType) throw parameterError('xaccount_type', 'is not the platform identifier of the partner');
  const domainName = filterString(body, 'domain_name');
  if (domainName !== undefined) {
    const problem = accountNameProblem(domainName, ACCOUNT_NAME, 'a letter, "-" or "_"');
    if (problem) throw parameterError('domain_name', problem);
  }
  const mobile = optString(body, 'mobile_phone', { max: 32 });
  if (mobile && !MAINLAND_MOBILE.test(mobile)) throw parameterError('mobile_phone', 'must be a mainland China mobile number');
  const code = optString(body, 'verification_code');
  if (code === '') throw parameterError('verification_code', 'must not be empty');
  if (mobile && (code === undefined || code === null)) throw parameterError('verification_code', 'is required when mobile_phone is given');
  if (code && code.length !== 6) throw parameterError('verification_code', 'must be 6 characters');
  const password = optString(body, 'password');
  if (password === '') throw parameterError('password', 'must not be empty');
  const marketing = filterString(body, 'is_close_market_ms', { max: 10 });
  if (marketing !== undefined) oneOf('is_close_market_ms', marketing, ['true', 'false']);
  const cooperationType = optString(body, 'cooperation_type');
  const scope = resolveScope(req, optString(body, 'indirect_partner_id', { max: 64 }), true);
  const includeResult = body['include_association_result'];
  if (includeResult !== undefined && includeResult !== null && typeof includeResult !== 'boolean') {
    throw parameterError('include_association_result', 'must be a boolean');
  }
  if (password && !passwordOk(password, domainName ?? null, mobile || null)) throw passwordInvalid();
  // Uniqueness last: a well-formed request that collides with an existing account.
  if (partners.customers.xaccountTaken(xaccountId)) throw parameterError('xaccount_id', 'is already bound to a Huawei Cloud account');
  if (domainName !== undefined && partners.customers.accountNameTaken(domainName)) throw parameterError('domain_name', 'is already used');
  if (mobile && partners.customers.mobileRegistrations(mobile) >= MOBILE_REGISTRATION_LIMIT) throw mobileLimitReached();
  // The SMS code §2.15 sent to this number for registration (scene 29); used up by this registration.
  if (mobile) checkVerificationCode(req, 'verification_code', mobile, 29, null, code!);
  const customer = partners.customers.create(
    {
      xaccountId, xaccountType, domainName: domainName ?? null, mobilePhone: mobile || null,
      // Resale unless the withdrawn cooperation_type asks for consultative sales.
      consultative: cooperationType === '1', indirectPartnerId: scope.id,
    },
    partners.writes.next('customer'),
    req.now,
  );
  if (mobile) partners.verificationCodes.consume(mobile, 29, null);
  return { body: { domain_id: customer.customerId, domain_name: customer.accountName } };
};

function noSpaces(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && /\s/.test(value)) throw parameterError(name, 'must not contain spaces');
  return value;
}

/** §2.2: the scope's customers, newest association first, with fuzzy and exact filters. */
export const listSubCustomers: Handler = (req) => {
  const body = bodyOf(req);
  const accountName = noSpaces('account_name', filterString(body, 'account_name', { max: 64 }));
  const realName = filterString(body, 'customer', { max: 64 });
  const p = page(optInt(body, 'offset', { min: 0, max: 40_000_000 }), optInt(body, 'limit', { min: 1, max: 100 }));
  const label = noSpaces('label', filterString(body, 'label', { max: 64 }));
  const associationType = filterString(body, 'association_type', { max: 2 });
  if (associationType !== undefined) oneOf('association_type', associationType, ['1', '2']);
  const begin = optTime(body, 'associated_on_begin', true);
  const end = optTime(body, 'associated_on_end', true);
  const customerId = filterString(body, 'customer_id', { max: 64 });
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { count: 0, customer_infos: [] } };
  const { customers, realname } = req.state.partners;
  const accountNeedle = accountName?.toLowerCase();
  const matches = customers.inScope(scope.id).filter(
    (c) =>
      (!customerId || c.customerId === customerId) && (!accountNeedle || c.accountName.toLowerCase().includes(accountNeedle)) &&
      (!label || c.label.includes(label)) && (!associationType || c.associationType === associationType) &&
      within(new Date(c.associatedOn), begin, end) && (!realName || realname.verification(c, req.now).realName.includes(realName)),
  );
  return { body: { count: matches.length, customer_infos: slice(matches, p).map((c) => renderCustomer(req, c)) } };
};

function renderCustomer(req: SimRequest, c: CustomerRecord): Record<string, unknown> {
  const v = req.state.partners.realname.verification(c, req.now);
  return {
    customer: v.realName,
    account_name: c.accountName,
    customer_id: c.customerId,
    associated_on: c.associatedOn,
    association_type: c.associationType,
    label: c.label,
    telephone: c.telephone,
    verified_status: v.verifiedStatus,
    country_code: c.countryCode,
    customer_type: v.customerType,
    is_frozen: c.isFrozen,
    account_managers: c.accountManager ? [{ account_name: c.accountManager }] : [],
    xaccount_id: c.xaccountId,
    xaccount_type: req.state.world.partner.xaccountType,
    customer_level: c.customerLevel,
    email: c.email,
  };
}

const CHECK_NAME = /^([a-zA-Z-]([a-zA-Z0-9_-]){4,31})$/;
const CHECK_MOBILE = /^\d{4}-\d+$/;

/** §2.3: whether a name, mobile or e-mail can still register; `CBC.0000` travels in the 200 body. */
export const checkUserIdentity: Handler = (req) => {
  const body = bodyOf(req);
  const searchType = oneOf('search_type', reqString(body, 'search_type'), ['email', 'mobile', 'name']);
  const value = reqString(body, 'search_value', { max: 64 });
  const { customers } = req.state.partners;
  const ok = (used: boolean, extra: Json = {}): { body: Json } => ({
    body: { error_code: 'CBC.0000', error_msg: 'SUCCESS', check_result: used ? 'used_by_user' : 'available', ...extra },
  });
  if (searchType === 'name') {
    const problem = accountNameProblem(value, CHECK_NAME, 'a letter or "-"');
    if (problem) throw parameterError('search_value', problem);
    return ok(customers.accountNameTaken(value));
  }
  if (searchType === 'email') {
    if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw parameterError('search_value', 'must be an e-mail address');
    return ok(customers.emailTaken(value));
  }
  if (!CHECK_MOBILE.test(value)) throw parameterError('search_value', 'must be a mobile number like 0086-13XXXXXXXXX');
  const [country, number] = value.split('-') as [string, string];
  if (country !== '0086') throw parameterError('search_value', 'must have the country code 0086');
  // Only the registration limit is checked for mobiles: a number is "used" once the limit is reached.
  const remain = Math.max(0, MOBILE_REGISTRATION_LIMIT - customers.mobileRegistrations(number));
  return ok(remain === 0, { mobile_remain_available_num: remain });
};

/** §2.4: tags of the scope's customers; ids outside the scope are silently dropped. */
export const listSubCustomerNewTag: Handler = (req) => {
  const body = bodyOf(req);
  const ids = optStringList(body, 'customer_ids', { max: 200, itemMax: 64 });
  const p = page(optInt(body, 'offset', { min: 0, max: 2_147_483_647 }), optInt(body, 'limit', { min: 1, max: 200 }));
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { new_customer_tags: [] } };
  const { customers, realname } = req.state.partners;
  let list: CustomerRecord[];
  if (ids && ids.length > 0) {
    const seen = new Set<string>();
    list = [];
    for (const id of ids) {
      const c = customers.get(id);
      if (c && c.indirectPartnerId === scope.id && !seen.has(id)) {
        seen.add(id);
        list.push(c);
      }
    }
  } else {
    list = customers.inScope(scope.id);
  }
  const tags = slice(list, p).map((c) => {
    const tag = newCustomerTag(req.state.world, c, realname.verification(c, req.now), req.now);
    return { customer_id: tag.customerId, customer_tag_type: tag.tagType, new_customer_tag: tag.tag, effective_time: tag.effectiveMonth, expire_time: tag.expireMonth };
  });
  return { body: { new_customer_tags: tags } };
};

/**
 * Real-name authentication for a customer, applied for by its partner (bss-api-partners.md
 * §2.10–§2.13). Applications are checked for form, then recorded; those needing manual review are
 * decided after the review time, and §2.13 reports the outcome.
 */
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import type { CustomerRecord } from '../../dataset/world.js';
import { partnerCustomerMissing } from '../../dataset/partners/errors.js';
import type { ApplicationKind } from '../../dataset/partners/realname.js';
import { checkVerificationCode } from './verification.js';
import {
  bodyOf, filterString, oneOf, optInt, optObject, optString, queryRequired, reqInt, reqString, reqStringList, type Json,
} from './validate.js';

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const ATTACHMENT = /\.(jpg|jpeg|bmp|png|gif|pdf)$/i;

/**
 * The customer an application is for. [inferred] These endpoints take no indirect_partner_id, so only
 * the calling partner's own customers qualify; a reseller's customers are the reseller's to apply for.
 */
function partnerCustomer(req: SimRequest, customerId: string): CustomerRecord {
  const customer = req.state.partners.customers.get(customerId);
  if (!customer || customer.indirectPartnerId !== null) throw partnerCustomerMissing();
  return customer;
}

/** Ordered paths relative to the partner bucket's `download/` directory, with an allowed format. */
function attachments(body: Json, count: number): string[] {
  const files = reqStringList(body, 'verified_file_url', { max: 4 });
  files.forEach((f, i) => {
    if (f.startsWith('/') || f.startsWith('download/')) throw parameterError(`verified_file_url[${i}]`, 'must be relative to the download/ directory');
    if (!ATTACHMENT.test(f)) throw parameterError(`verified_file_url[${i}]`, 'must be a jpg, jpeg, bmp, png, gif or pdf file');
  });
  if (files.length !== count) throw parameterError('verified_file_url', `must have exactly ${count} attachment${count === 1 ? '' : 's'}`);
  return files;
}

function xaccountType(req: SimRequest, body: Json): void {
  if (reqString(body, 'xaccount_type', { max: 64 }) !== req.state.world.partner.xaccountType) {
    throw parameterError('xaccount_type', 'is not the platform identifier of the partner');
  }
}

/** A first application is refused while one is under review or after authentication succeeded. */
function assertCanApply(req: SimRequest, customer: CustomerRecord): void {
  const status = req.state.partners.realname.verification(customer, req.now).verifiedStatus;
  if (status === '2') throw parameterError('customer_id', 'has already completed real-name authentication');
  if (status === '0') throw parameterError('customer_id', 'has a real-name application under review');
}

function submit(req: SimRequest, customer: CustomerRecord, kind: ApplicationKind, name: string, type: 0 | 1, manual: boolean) {
  req.state.partners.realname.submit(customer, kind, name, type, manual, req.now);
  return { body: { is_review: manual ? 1 : 0 } };
}

/** §2.10: certificates (3 attachments, manual review) or a bank card (1 face photo, checked at once). */
export const createPersonalRealnameAuth: Handler = (req) => {
  const body = bodyOf(req);
  const customerId = reqString(body, 'customer_id', { max: 64 });
  const identifyType = oneOf('identify_type', reqInt(body, 'identify_type', INT32), [0, 4]);
  if (identifyType === 0) {
    const verifiedType = optInt(body, 'verified_type', INT32);
    if (verifiedType === undefined || verifiedType === null) throw parameterError('verified_type', 'is required when identify_type is 0');
    oneOf('verified_type', verifiedType, [3, 5, 6, 9, 10]);
  }
  attachments(body, identifyType === 0 ? 3 : 1);
  const name = reqString(body, 'name', { max: 255 });
  reqString(body, 'verified_number', { max: 32 });
  const changeType = optInt(body, 'change_type', INT32);
  if (changeType !== undefined && changeType !== null) oneOf('change_type', changeType, [-1]);
  xaccountType(req, body);
  let card: { mobile: string; code: string } | null = null;
  if (identifyType === 4) {
    const info = optObject(body, 'bank_card_info');
    if (!info) throw parameterError('bank_card_info', 'is required when identify_type is 4');
    const account = reqString(info, 'bank_account', {}, 'bank_card_info.bank_account');
    if (!/^[A-Za-z0-9-]+$/.test(account)) throw parameterError('bank_card_info.bank_account', 'must contain only letters, digits and "-"');
    reqString(info, 'areacode', {}, 'bank_card_info.areacode');
    card = { mobile: reqString(info, 'mobile', {}, 'bank_card_info.mobile'), code: reqString(info, 'verification_code', {}, 'bank_card_info.verification_code') };
  }
  const customer = partnerCustomer(req, customerId);
  assertCanApply(req, customer);
  // Bank-card authentication: the code §2.15 sent to the card's mobile for this customer (scene 18), used up here.
  if (card) checkVerificationCode(req, 'bank_card_info.verification_code', card.mobile, 18, customer.customerId, card.code);
  const answer = submit(req, customer, 'individual', name, 0, identifyType === 0);
  if (card) req.state.partners.verificationCodes.consume(card.mobile, 18, customer.customerId);
  return answer;
};

/** The organisation fields shared by §2.11 and §2.12. */
function enterpriseFields(req: SimRequest, body: Json): { customerId: string; corpName: string } {
  const customerId = reqString(body, 'customer_id', { max: 64 });
  oneOf('identify_type', reqInt(body, 'identify_type', INT32), [1]);
  const certificateType = optInt(body, 'certificate_type', INT32);
  if (certificateType !== undefined && certificateType !== null) oneOf('certificate_type', certificateType, [0, 1, 2, 3, 4, 99]);
  const person = optObject(body, 'enterprise_person');
  // The organisation certificate, then (with a legal representative) both sides of their ID card.
  attachments(body, person ? 3 : 1);
  const corpName = reqString(body, 'corp_name');
  if (!/\p{L}/u.test(corpName)) throw parameterError('corp_name', 'must not consist only of digits, special characters or spaces');
  reqString(body, 'verified_number');
  const country = filterString(body, 'reg_country');
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw parameterError('reg_country', 'must be a two-letter country code');
  optString(body, 'reg_address');
  xaccountType(req, body);
  if (person) {
    reqString(person, 'legel_name', {}, 'enterprise_person.legel_name');
    reqString(person, 'legel_id_number', {}, 'enterprise_person.legel_id_number');
    optString(person, 'certifier_role', {}, 'enterprise_person.certifier_role');
  }
  return { customerId, corpName };
}

/** §2.11: organisation certificates always go to manual review. */
export const createEnterpriseRealnameAuthentication: Handler = (req) => {
  const body = bodyOf(req);
  const { customerId, corpName } = enterpriseFields(req, body);
  const customer = partnerCustomer(req, customerId);
  assertCanApply(req, customer);
  return submit(req, customer, 'enterprise', corpName, 1, true);
};

/** §2.12: individual → enterprise, for a customer authenticated as an individual. */
export const changeEnterpriseRealnameAuthentication: Handler = (req) => {
  const body = bodyOf(req);
  const { customerId, corpName } = enterpriseFields(req, body);
  oneOf('change_type', reqInt(body, 'change_type', INT32), [1]);
  const customer = partnerCustomer(req, customerId);
  const { realname } = req.state.partners;
  const v = realname.verification(customer, req.now);
  if (v.verifiedStatus !== '2' || v.customerType !== 0) {
    throw parameterError('customer_id', 'is not an individual customer with completed real-name authentication');
  }
  if (v.review?.result === 0) throw parameterError('customer_id', 'has a real-name application under review');
  return submit(req, customer, 'change', corpName, 1, true);
};

/** §2.13: the review result; an empty body when no application was ever submitted. */
export const showRealnameAuthenticationReviewResult: Handler = (req) => {
  const customerId = queryRequired(req, 'customer_id', { max: 64 });
  const customer = partnerCustomer(req, customerId);
  const review = req.state.partners.realname.verification(customer, req.now).review;
  if (!review) return { body: {} };
  return { body: { review_result: review.result, ...(review.result === 1 && review.opinion ? { opinion: review.opinion[req.language] } : {}) } };
};

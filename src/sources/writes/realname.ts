/**
 * Real-name authentication a partner submits for one of its own customers (bss-api-partners.md §2.10–§2.12):
 * CreatePersonalRealnameAuth, CreateEnterpriseRealnameAuthentication and ChangeEnterpriseRealnameAuthentication
 * (individual → enterprise), with partner credentials. None takes `indirect_partner_id`: only the partner's own
 * customers qualify (a reseller's customers are the reseller's to authenticate).
 *
 * Every field here but the customer id is personal data (names, certificate numbers, bank cards): it goes to
 * the upstream and nowhere else — not into logs, the audit trail or the stored answer.
 *
 * Reconciliation compares the review state (ShowRealnameAuthenticationReviewResult) after a lost answer with
 * the one read just before the send. The upstream refuses an application while one is under review or after
 * authentication succeeded, so an accepted one always changes the state: under review (0) after, or approved
 * (2) at once when no manual review was needed. Same state → not applied. Limit: an application applied and
 * then decided back to the state it came from (rejected → applied → rejected again) before the lookup reads
 * as not applied; manual reviews take days upstream (10 minutes on the simulator).
 */
import {
  ChangeEnterpriseRealnameAuthentication, CreateEnterpriseRealnameAuthentication, CreatePersonalRealnameAuth,
  ShowRealnameAuthenticationReviewResult, type ApplyEnterpriseRealnameAuthsReq, type ApplyIndividualRealnameAuthsReq,
} from '../../bss/operations/partners/index.js';
import type { Upstream } from '../list-endpoint.js';
import { firstProblem, idProblem, oneOfProblem, optionalTextProblem, problem, type InputProblem } from './input-rules.js';
import { absent, applied, type LookupOutcome } from './lookup-outcome.js';

/** §2.13 `review_result`: 0 under review, 1 rejected, 2 approved; null when nothing was ever submitted. */
export type ReviewState = 0 | 1 | 2 | null;

/** The review state of a customer's real-name authentication (one call). */
export async function readReviewState(ctx: Upstream, customerId: string): Promise<ReviewState> {
  const res = await ctx.bss.call(ShowRealnameAuthenticationReviewResult, { customer_id: customerId });
  const r = res.review_result;
  return r === 0 || r === 1 || r === 2 ? r : null;
}

export interface RealnameSubmittedShape {
  readonly customerId: string;
  /** True when the application went to manual review (`is_review` 1): poll `Customer.realNameReview`. */
  readonly manualReview: boolean;
}

/** Applied when the state moved since `before`; see the file comment. */
export async function findRealnameApplication(ctx: Upstream, customerId: string, before: ReviewState): Promise<LookupOutcome<RealnameSubmittedShape>> {
  const after = await readReviewState(ctx, customerId);
  if (after === before) return absent(`the real-name review state of customer ${customerId} did not change (${String(after)})`);
  return applied({ customerId, manualReview: after === 0 });
}

// ---------------------------------------------------------------------------------------------------------
// Attachments (§2.10): ordered paths relative to the partner bucket's download/ directory

const ATTACHMENT = /\.(jpg|jpeg|bmp|png|gif|pdf)$/i;

function filesProblem(files: readonly string[], count: number, why: string): InputProblem | null {
  if (files.length !== count) return problem('files', `must hold exactly ${count} attachment${count === 1 ? '' : 's'} (${why})`);
  for (const [i, f] of files.entries()) {
    if (f === '') return problem(`files[${i}]`, 'must not be empty');
    if (f.startsWith('/') || f.startsWith('download/')) return problem(`files[${i}]`, 'must be a path relative to the bucket\'s download/ directory (write download/a.jpg as a.jpg)');
    if (!ATTACHMENT.test(f)) return problem(`files[${i}]`, 'must be a jpg, jpeg, bmp, png, gif or pdf file');
  }
  return null;
}

const requiredText = (field: string, value: string, max?: number): InputProblem | null =>
  value.trim() === '' ? problem(field, 'must not be empty') : max !== undefined && value.length > max ? problem(field, `must be at most ${max} characters`) : null;

// ---------------------------------------------------------------------------------------------------------
// §2.10 CreatePersonalRealnameAuth

export interface BankCardInput {
  readonly account: string;
  /** Country or area code, e.g. `0086`. */
  readonly areaCode: string;
  readonly mobile: string;
  /** The code sendVerificationCode sent for bank-card authentication (scene 18). */
  readonly verificationCode: string;
}

export interface PersonalRealnameInput {
  readonly customerId: string;
  /** 0 certificate (3 attachments, manual review), 4 bank card (1 face photo, checked at once). */
  readonly identifyType: 0 | 4;
  /** Certificate type, required for identifyType 0: 3 passport, 5 / 6 mainland travel permits, 9 / 10 residence permits. */
  readonly verifiedType: number | null;
  readonly files: readonly string[];
  readonly name: string;
  readonly verifiedNumber: string;
  readonly xaccountType: string;
  readonly bankCard: BankCardInput | null;
}

export function personalRealnameProblem(input: PersonalRealnameInput): InputProblem | null {
  const certificate = input.identifyType === 0;
  return firstProblem(
    idProblem('customerId', input.customerId),
    oneOfProblem('method', input.identifyType, [0, 4]),
    certificate && input.verifiedType === null ? problem('certificateType', 'is required for certificate authentication') : null,
    certificate && input.verifiedType !== null ? oneOfProblem('certificateType', input.verifiedType, [3, 5, 6, 9, 10]) : null,
    filesProblem(input.files, certificate ? 3 : 1, certificate ? 'the photo page, the reverse or entry-stamp page, a photo holding the document' : 'one face photo'),
    requiredText('name', input.name, 255),
    requiredText('certificateNumber', input.verifiedNumber, 32),
    idProblem('xaccountType', input.xaccountType),
    !certificate && input.bankCard === null ? problem('bankCard', 'is required for bank-card authentication') : null,
    certificate && input.bankCard !== null ? problem('bankCard', 'is only taken for bank-card authentication') : null,
    input.bankCard && !/^[A-Za-z0-9-]+$/.test(input.bankCard.account) ? problem('bankCard.account', 'must hold only letters, digits and "-"') : null,
    input.bankCard ? requiredText('bankCard.areaCode', input.bankCard.areaCode) : null,
    input.bankCard ? requiredText('bankCard.mobile', input.bankCard.mobile) : null,
    input.bankCard && input.bankCard.verificationCode.length !== 6 ? problem('bankCard.verificationCode', 'must be 6 characters') : null,
  );
}

export function personalRealnameBody(input: PersonalRealnameInput): ApplyIndividualRealnameAuthsReq {
  return {
    customer_id: input.customerId,
    identify_type: input.identifyType,
    ...(input.identifyType === 0 && input.verifiedType !== null ? { verified_type: input.verifiedType } : {}),
    verified_file_url: [...input.files],
    name: input.name,
    verified_number: input.verifiedNumber,
    change_type: -1,
    xaccount_type: input.xaccountType,
    ...(input.bankCard
      ? { bank_card_info: { bank_account: input.bankCard.account, areacode: input.bankCard.areaCode, mobile: input.bankCard.mobile, verification_code: input.bankCard.verificationCode } }
      : {}),
  };
}

export async function sendPersonalRealname(ctx: Upstream, input: PersonalRealnameInput): Promise<RealnameSubmittedShape> {
  const res = await ctx.bss.call(CreatePersonalRealnameAuth, { body: personalRealnameBody(input) });
  return { customerId: input.customerId, manualReview: res.is_review === 1 };
}

// ---------------------------------------------------------------------------------------------------------
// §2.11 CreateEnterpriseRealnameAuthentication, §2.12 ChangeEnterpriseRealnameAuthentication

export interface LegalPersonInput {
  readonly name: string;
  readonly idNumber: string;
  /** Whether the certifier is the legal representative (`certifier_role` `legalPerson`). */
  readonly isCertifier: boolean;
}

export interface EnterpriseRealnameInput {
  readonly customerId: string;
  /** 0 business licence, 1 public institution, 2 social organisation, 3 law-enforcement qualification, 4 organisation code, 99 other. */
  readonly certificateType: number | null;
  readonly files: readonly string[];
  readonly corpName: string;
  readonly verifiedNumber: string;
  /** Two-letter country code, e.g. `CN`. */
  readonly regCountry: string | null;
  readonly regAddress: string | null;
  readonly xaccountType: string;
  readonly legalPerson: LegalPersonInput | null;
}

export function enterpriseRealnameProblem(input: EnterpriseRealnameInput): InputProblem | null {
  return firstProblem(
    idProblem('customerId', input.customerId),
    input.certificateType === null ? null : oneOfProblem('certificateType', input.certificateType, [0, 1, 2, 3, 4, 99]),
    filesProblem(input.files, input.legalPerson ? 3 : 1, input.legalPerson ? 'the organisation certificate, then both sides of the legal representative\'s ID card' : 'the organisation certificate'),
    requiredText('corpName', input.corpName),
    /\p{L}/u.test(input.corpName) ? null : problem('corpName', 'must not consist only of digits, special characters or spaces'),
    requiredText('certificateNumber', input.verifiedNumber),
    input.regCountry === null || /^[A-Z]{2}$/.test(input.regCountry) ? null : problem('regCountry', 'must be a two-letter country code such as CN'),
    optionalTextProblem('regAddress', input.regAddress, 1024),
    idProblem('xaccountType', input.xaccountType),
    input.legalPerson ? requiredText('legalPerson.name', input.legalPerson.name) : null,
    input.legalPerson ? requiredText('legalPerson.idNumber', input.legalPerson.idNumber) : null,
  );
}

export function enterpriseRealnameBody(input: EnterpriseRealnameInput): ApplyEnterpriseRealnameAuthsReq {
  return {
    customer_id: input.customerId,
    identify_type: 1,
    ...(input.certificateType !== null ? { certificate_type: input.certificateType } : {}),
    verified_file_url: [...input.files],
    corp_name: input.corpName,
    verified_number: input.verifiedNumber,
    ...(input.regCountry !== null ? { reg_country: input.regCountry } : {}),
    ...(input.regAddress !== null ? { reg_address: input.regAddress } : {}),
    xaccount_type: input.xaccountType,
    ...(input.legalPerson
      ? { enterprise_person: { legel_name: input.legalPerson.name, legel_id_number: input.legalPerson.idNumber, ...(input.legalPerson.isCertifier ? { certifier_role: 'legalPerson' } : {}) } }
      : {}),
  };
}

export async function sendEnterpriseRealname(ctx: Upstream, input: EnterpriseRealnameInput): Promise<RealnameSubmittedShape> {
  const res = await ctx.bss.call(CreateEnterpriseRealnameAuthentication, { body: enterpriseRealnameBody(input) });
  return { customerId: input.customerId, manualReview: res.is_review === 1 };
}

/** §2.12: the same fields, `change_type` 1 (individual → enterprise, the only change there is). */
export async function sendEnterpriseRealnameChange(ctx: Upstream, input: EnterpriseRealnameInput): Promise<RealnameSubmittedShape> {
  const res = await ctx.bss.call(ChangeEnterpriseRealnameAuthentication, { body: { ...enterpriseRealnameBody(input), change_type: 1 } });
  return { customerId: input.customerId, manualReview: res.is_review === 1 };
}

/**
 * Real-name authentication mutations (docs/writes.md): submitPersonalRealnameAuth, submitEnterpriseRealnameAuth,
 * changeEnterpriseRealnameAuth. Behaviour: src/resolvers/mutation/realname.ts, through the one write path.
 */
import { builder } from '../builder.js';
import { Customer } from '../customer.js';
import {
  changeEnterpriseRealnameAuth, submitEnterpriseRealnameAuth, submitPersonalRealnameAuth, type RealnamePayload,
} from '../../resolvers/mutation/realname.js';
import { REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';
import { OPTIONAL_KEY_DESCRIPTION } from './optional-key.js';

const PERSONAL = 'Personal data: sent upstream only, never stored, audited or logged.';
const FILES =
  'Attachments in the partner\'s OBS bucket, as paths relative to its `download/` directory (`download/a.jpg` is `a.jpg`); jpg, jpeg, bmp, png, gif or pdf, ≤ 10 MB each.';

const PersonalAuthMethod = builder.enumType('PersonalAuthMethod', {
  description: 'How a person is authenticated (`identify_type`, CreatePersonalRealnameAuth §2.10).',
  values: {
    CERTIFICATE: { value: 0, description: 'An identity document (`0`): 3 attachments, manual review.' },
    BANK_CARD: { value: 4, description: 'A bank card (`4`): 1 face photo and the card, checked at once.' },
  } as const,
});

const PersonalCertificateType = builder.enumType('PersonalCertificateType', {
  description: 'The identity document of a certificate authentication (`verified_type`).',
  values: {
    PASSPORT: { value: 3, description: 'Passport (`3`).' },
    HK_MACAO_TRAVEL_PERMIT: { value: 5, description: 'Mainland Travel Permit for Hong Kong and Macao residents (`5`).' },
    TAIWAN_TRAVEL_PERMIT: { value: 6, description: 'Mainland Travel Permit for Taiwan residents (`6`).' },
    HK_MACAO_RESIDENCE_PERMIT: { value: 9, description: 'Residence permit for Hong Kong and Macao residents (`9`).' },
    TAIWAN_RESIDENCE_PERMIT: { value: 10, description: 'Residence permit for Taiwan residents (`10`).' },
  } as const,
});

const EnterpriseCertificateType = builder.enumType('EnterpriseCertificateType', {
  description: 'An organisation\'s certificate (`certificate_type`, §2.11).',
  values: {
    BUSINESS_LICENCE: { value: 0, description: 'Business licence (`0`).' },
    PUBLIC_INSTITUTION: { value: 1, description: 'Public-institution legal-person certificate (`1`).' },
    SOCIAL_ORGANISATION: { value: 2, description: 'Social-organisation legal-person registration certificate (`2`).' },
    LAW_ENFORCEMENT: { value: 3, description: 'Administrative law-enforcement qualification certificate (`3`).' },
    ORGANISATION_CODE: { value: 4, description: 'Organisation code certificate (`4`).' },
    OTHER: { value: 99, description: 'Other (`99`).' },
  } as const,
});

const BankCardInput = builder.inputType('RealnameBankCardInput', {
  description: `The bank card of a bank-card authentication. ${PERSONAL}`,
  fields: (t) => ({
    account: t.string({ required: true, description: 'The card number: letters, digits and "-".' }),
    areaCode: t.string({ required: true, description: 'Country or area code, e.g. `0086`.' }),
    mobile: t.string({ required: true, description: 'The mobile number the bank holds.' }),
    verificationCode: t.string({ required: true, description: 'The 6-character code sendVerificationCode sent (scene BANK_CARD_AUTHENTICATION).' }),
  }),
});

const LegalPersonInput = builder.inputType('RealnameLegalPersonInput', {
  description: `An organisation's legal representative. ${PERSONAL}`,
  fields: (t) => ({
    name: t.string({ required: true, description: 'Their name (`legel_name`).' }),
    idNumber: t.string({ required: true, description: 'Their ID card number (`legel_id_number`).' }),
    isCertifier: t.boolean({ required: false, description: 'True when they are the one certifying (`certifier_role` legalPerson).' }),
  }),
});

const PersonalRealnameAuthInput = builder.inputType('PersonalRealnameAuthInput', {
  description: `An individual real-name authentication for one of the partner's own customers. ${PERSONAL}`,
  fields: (t) => ({
    customerId: t.string({ required: true, description: 'The customer (≤ 64 characters): the partner\'s own, not a reseller\'s.' }),
    method: t.field({ type: PersonalAuthMethod, required: true, description: 'Certificate or bank card.' }),
    certificateType: t.field({ type: PersonalCertificateType, required: false, description: 'The document: required for CERTIFICATE, not taken otherwise.' }),
    files: t.stringList({ required: true, description: `${FILES} CERTIFICATE: exactly 3, in order (photo page, reverse or entry stamp, holding the document); BANK_CARD: 1 face photo.` }),
    name: t.string({ required: true, description: 'The person\'s name (≤ 255).' }),
    certificateNumber: t.string({ required: true, description: 'The document number (≤ 32).' }),
    xaccountType: t.string({ required: true, description: 'The platform identifier Huawei assigned to the partner (≤ 64).' }),
    bankCard: t.field({ type: BankCardInput, required: false, description: 'Required for BANK_CARD.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const EnterpriseRealnameAuthInput = builder.inputType('EnterpriseRealnameAuthInput', {
  description: `An enterprise real-name authentication (or the change of an individual's to an enterprise). ${PERSONAL}`,
  fields: (t) => ({
    customerId: t.string({ required: true, description: 'The customer (≤ 64 characters): the partner\'s own, not a reseller\'s.' }),
    certificateType: t.field({ type: EnterpriseCertificateType, required: false, description: 'The organisation\'s certificate.' }),
    files: t.stringList({ required: true, description: `${FILES} The certificate, then (with \`legalPerson\`) both sides of their ID card: 1 or 3.` }),
    corpName: t.string({ required: true, description: 'The organisation\'s name (not only digits, symbols or spaces).' }),
    certificateNumber: t.string({ required: true, description: 'The certificate number.' }),
    regCountry: t.string({ required: false, description: 'Two-letter registration country, e.g. `CN`.' }),
    regAddress: t.string({ required: false, description: 'Registered address.' }),
    xaccountType: t.string({ required: true, description: 'The platform identifier Huawei assigned to the partner (≤ 64).' }),
    legalPerson: t.field({ type: LegalPersonInput, required: false, description: 'The legal representative.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const RealnameAuthPayload = builder.objectRef<RealnamePayload>('RealnameAuthPayload').implement({
  description: 'A real-name application submitted. With `manualReview`, follow it on `customer.realNameReview`.',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    manualReview: t.exposeBoolean('manualReview', { description: 'True when it went to manual review (`is_review` 1).' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer, read after the write (ListSubCustomers, one call when selected): `verifiedStatus` and `realNameReview` show the application.',
      resolve: (p, _args, ctx) => ctx.loaders.customer.load(p.customerId),
    }),
  }),
});

const ADMIN = 'Admin keys only (the endpoints take the partner\'s own customers only).';
const RECONCILE = 'A lost answer is reconciled from the review state (ShowRealnameAuthenticationReviewResult) read before and after the send.';

builder.mutationFields((t) => ({
  submitPersonalRealnameAuth: t.field({
    type: RealnameAuthPayload,
    description:
      'Submits an individual real-name authentication. Upstream: CreatePersonalRealnameAuth `POST /v2/customers/realname-auths/individual` (§2.10), after one ' +
      `ListSubCustomers and one ShowRealnameAuthenticationReviewResult read. ${RECONCILE} ${ADMIN} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: PersonalRealnameAuthInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) =>
      submitPersonalRealnameAuth(ctx, {
        customerId: input.customerId, identifyType: input.method, verifiedType: input.certificateType ?? null, files: input.files, name: input.name,
        verifiedNumber: input.certificateNumber, xaccountType: input.xaccountType, bankCard: input.bankCard ?? null, idempotencyKey: input.idempotencyKey ?? null,
      }),
  }),
  submitEnterpriseRealnameAuth: t.field({
    type: RealnameAuthPayload,
    description:
      'Submits an enterprise real-name authentication. Upstream: CreateEnterpriseRealnameAuthentication `POST /v2/customers/realname-auths/enterprise` (§2.11), ' +
      `after one ListSubCustomers and one ShowRealnameAuthenticationReviewResult read. ${RECONCILE} ${ADMIN} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: EnterpriseRealnameAuthInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => submitEnterpriseRealnameAuth(ctx, enterpriseArgs(input)),
  }),
  changeEnterpriseRealnameAuth: t.field({
    type: RealnameAuthPayload,
    description:
      'Changes an individual\'s real-name authentication to an enterprise one. Upstream: ChangeEnterpriseRealnameAuthentication `PUT /v2/customers/realname-auths/enterprise` ' +
      `(§2.12, \`change_type\` 1), after one ListSubCustomers and one ShowRealnameAuthenticationReviewResult read. ${RECONCILE} ${ADMIN} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: EnterpriseRealnameAuthInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => changeEnterpriseRealnameAuth(ctx, enterpriseArgs(input)),
  }),
}));

function enterpriseArgs(input: {
  customerId: string; certificateType?: number | null; files: string[]; corpName: string; certificateNumber: string; regCountry?: string | null;
  regAddress?: string | null; xaccountType: string; legalPerson?: { name: string; idNumber: string; isCertifier?: boolean | null } | null; idempotencyKey?: string | null;
}) {
  return {
    customerId: input.customerId, certificateType: input.certificateType ?? null, files: input.files, corpName: input.corpName, verifiedNumber: input.certificateNumber,
    regCountry: input.regCountry ?? null, regAddress: input.regAddress ?? null, xaccountType: input.xaccountType,
    legalPerson: input.legalPerson ? { name: input.legalPerson.name, idNumber: input.legalPerson.idNumber, isCertifier: input.legalPerson.isCertifier ?? false } : null,
    idempotencyKey: input.idempotencyKey ?? null,
  };
}

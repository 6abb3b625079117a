/**
 * sendVerificationCode (docs/writes.md): an SMS code for registering a customer with a mobile number or for a
 * bank-card real-name authentication. Behaviour: src/resolvers/mutation/verification.ts.
 */
import { builder } from '../builder.js';
import { sendVerificationCode, type VerificationCodePayload } from '../../resolvers/mutation/verification.js';
import { REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';
import { OPTIONAL_KEY_DESCRIPTION } from './optional-key.js';

const VerificationScene = builder.enumType('VerificationScene', {
  description: 'What a verification code is for (`scene`, SendVerificationMessageCode §2.15).',
  values: {
    REGISTRATION: { value: 29, description: 'Creating a customer with a mobile number (`29`): `createCustomer(verificationCode:)`.' },
    BANK_CARD_AUTHENTICATION: { value: 18, description: 'A personal bank-card real-name authentication (`18`): `bankCard.verificationCode`.' },
  } as const,
});

const VerificationLanguage = builder.enumType('VerificationLanguage', {
  description: 'The language of the SMS (`lang`).',
  values: { ZH_CN: { value: 'zh-cn', description: 'Chinese.' }, EN_US: { value: 'en-us', description: 'English.' } } as const,
});

const SendVerificationCodeInput = builder.inputType('SendVerificationCodeInput', {
  description: 'Sends a verification code by SMS. The mobile number is personal data: sent upstream only, never stored, audited or logged.',
  fields: (t) => ({
    mobilePhone: t.string({ required: true, description: 'A mainland China mobile number: 11 digits starting with 1.' }),
    scene: t.field({ type: VerificationScene, required: true, description: 'What the code is for.' }),
    customerId: t.string({ required: false, description: 'The customer being authenticated: required for BANK_CARD_AUTHENTICATION, not taken otherwise.' }),
    validMinutes: t.int({ required: false, description: 'How long the code stays valid, 1–1440 minutes (Huawei\'s default: 5).' }),
    language: t.field({ type: VerificationLanguage, required: false, description: 'The SMS template\'s language.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const SendVerificationCodePayload = builder.objectRef<VerificationCodePayload>('SendVerificationCodePayload').implement({
  description: 'A verification code sent.',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    confirmed: t.exposeBoolean('confirmed', {
      description:
        'True when Huawei confirmed the send. False when its answer was lost: Huawei keeps no record of codes to check, so the code may or may not have gone out. ' +
        'Ask the user; send again (with a new idempotency key) only if none arrived — every send counts toward 15 per hour and 60 per day per number (then CBC.99004015).',
    }),
  }),
});

builder.mutationField('sendVerificationCode', (t) =>
  t.field({
    type: SendVerificationCodePayload,
    description:
      'Sends a verification code by SMS. Upstream: SendVerificationMessageCode `POST /v2/bases/verificationcode/send` (§2.15). Never resent by the gateway: ' +
      `a lost answer is answered \`confirmed: false\`. Admin keys only. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: SendVerificationCodeInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => sendVerificationCode(ctx, { ...input, lang: input.language ?? null }),
  }),
);

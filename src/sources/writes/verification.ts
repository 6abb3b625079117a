/**
 * Sending a verification code by SMS (bss-api-partners.md §2.15): SendVerificationMessageCode
 * `POST /v2/bases/verificationcode/send`, with partner credentials, for registering a customer with a mobile number
 * (scene 29, CreateSubCustomer's `verification_code`) or for a personal bank-card real-name authentication
 * (scene 18, for one customer). E-mail codes are the international site's: not offered here.
 *
 * There is nothing to reconcile a lost answer from: Huawei keeps no readable record of codes sent. Sending again
 * is harmless — a new code replaces the old one — but counts toward Huawei's send limit (15 per hour, 60 per day
 * per number; then 400 CBC.99004015), so the gateway never resends on its own: a lost answer is answered as
 * "sent, unconfirmed" (`confirmed: false`), and the caller (who can ask the user whether a code arrived) decides.
 */
import { SendVerificationMessageCode, type SendVerificationCodeV2Req } from '../../bss/operations/partners/index.js';
import type { Upstream } from '../list-endpoint.js';
import { firstProblem, idProblem, intRangeProblem, oneOfProblem, problem, type InputProblem } from './input-rules.js';
import { applied, type LookupOutcome } from './lookup-outcome.js';

/** `scene`: 29 registration, 18 personal bank-card authentication. */
export type VerificationScene = 29 | 18;

export interface VerificationCodeInput {
  /** A mainland China mobile number, digits only. */
  readonly mobilePhone: string;
  readonly scene: VerificationScene;
  /** Required for scene 18: the customer being authenticated. */
  readonly customerId: string | null;
  /** Minutes the code stays valid (Huawei's default 5). */
  readonly validMinutes: number | null;
  /** The SMS template's language. */
  readonly lang: 'zh-cn' | 'en-us' | null;
}

const MAINLAND_MOBILE = /^1\d{10}$/;
/** The longest validity asked for: the reference states none; a day is far beyond any sign-up [inferred]. */
export const MAX_CODE_MINUTES = 1440;

export function verificationCodeProblem(input: VerificationCodeInput): InputProblem | null {
  return firstProblem(
    MAINLAND_MOBILE.test(input.mobilePhone) ? null : problem('mobilePhone', 'must be a mainland China mobile number: 11 digits starting with 1, digits only'),
    oneOfProblem('scene', input.scene, [29, 18]),
    input.scene === 18 && input.customerId === null ? problem('customerId', 'is required for a bank-card authentication code') : null,
    input.scene === 29 && input.customerId !== null ? problem('customerId', 'is only taken for a bank-card authentication code') : null,
    input.customerId === null ? null : idProblem('customerId', input.customerId),
    input.validMinutes === null ? null : intRangeProblem('validMinutes', input.validMinutes, 1, MAX_CODE_MINUTES),
  );
}

export function verificationCodeBody(input: VerificationCodeInput): SendVerificationCodeV2Req {
  return {
    receiver_type: 1,
    mobile_phone: input.mobilePhone,
    scene: input.scene,
    ...(input.customerId !== null ? { customer_id: input.customerId } : {}),
    ...(input.validMinutes !== null ? { timeout: input.validMinutes } : {}),
    ...(input.lang !== null ? { lang: input.lang } : {}),
  };
}

export interface VerificationSentShape {
  /** True when Huawei answered; false when its answer was lost (the code may or may not have gone out). */
  readonly confirmed: boolean;
}

export async function sendVerificationCode(ctx: Upstream, input: VerificationCodeInput): Promise<VerificationSentShape> {
  await ctx.bss.call(SendVerificationMessageCode, { body: verificationCodeBody(input) });
  return { confirmed: true };
}

/**
 * No record to look in. Holding the key as unknown would hold it for ever (nothing will ever decide it), and
 * resending on our own spends the user's send limit: the write is reported sent but unconfirmed.
 */
export const findVerificationCode = (): LookupOutcome<VerificationSentShape> => applied({ confirmed: false });

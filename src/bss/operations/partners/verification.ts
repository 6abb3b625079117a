/**
 * Verification codes for registering a customer with a mobile number (§2.1 `verification_code`) and for
 * personal bank-card real-name authentication (§2.10 `bank_card_info.verification_code`):
 * bss-api-partners.md §2.15, field set of the Go SDK's `SendVerificationCodeV2Req`.
 */
import { defineOperation } from '../spec.js';

// §2.15 SendVerificationMessageCode

export interface SendVerificationCodeV2Req {
  /** 1 SMS code, 2 e-mail code. */
  receiver_type: 1 | 2;
  /** Required when `receiver_type` is 1: digits only, mainland China numbers only. */
  mobile_phone?: string;
  /** Required when `receiver_type` is 2 (international site). */
  email?: string;
  /** Minutes the code stays valid; default 5. */
  timeout?: number;
  /** `zh-cn` or `en-us`; an unknown value falls back to the system default. */
  lang?: string;
  /** 29 registration (default), 18 personal bank-card real-name authentication. */
  scene?: 18 | 29;
  /** ≤ 64; required when `scene` is 18: the customer being authenticated. */
  customer_id?: string;
}

export interface SendVerificationMessageCodeRequest {
  body: SendVerificationCodeV2Req;
}

/** Success has no body (the SDK's response model is empty). */
export type SendVerificationMessageCodeResponse = Record<string, never>;

/**
 * A write: each call sends a message and counts toward the send limit (15 per hour, 60 per day per number,
 * 400 CBC.99004015), so it is never retried. Answered 204 in the simulator [inferred: the reference gives no
 * status, only "no body"; the client reads any 2xx without a body as success].
 */
export const SendVerificationMessageCode = defineOperation<SendVerificationMessageCodeRequest, SendVerificationMessageCodeResponse>({
  name: 'SendVerificationMessageCode',
  method: 'POST',
  path: '/v2/bases/verificationcode/send',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
  successStatus: 204,
});

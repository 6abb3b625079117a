/**
 * §2.15 SendVerificationMessageCode, and the code check §2.1 and §2.10 make with what it recorded
 * (bss-api-partners.md §2.15: a wrong or expired code is refused with 400 CBC.0100).
 */
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import {
  DEFAULT_CODE_MINUTES, type VerificationScene,
} from '../../dataset/partners/verification-codes.js';
import { bodyOf, MAX_INT, oneOf, optInt, optString, reqInt, reqString } from './validate.js';

const MAINLAND_MOBILE = /^1\d{10}$/;

/** §2.15: records a code for the receiver (nothing is sent), within the send limit; 204 without a body. */
export const sendVerificationMessageCode: Handler = (req) => {
  const body = bodyOf(req);
  const receiverType = oneOf('receiver_type', reqInt(body, 'receiver_type', { min: -MAX_INT - 1, max: MAX_INT }), [1, 2]);
  let receiver: string;
  if (receiverType === 1) {
    receiver = reqString(body, 'mobile_phone');
    if (!MAINLAND_MOBILE.test(receiver)) throw parameterError('mobile_phone', 'must be a mainland China mobile number, digits only');
  } else {
    receiver = reqString(body, 'email');
    if (!/^[^@\s]+@[^@\s]+$/.test(receiver)) throw parameterError('email', 'must be an e-mail address');
    receiver = receiver.toLowerCase();
  }
  const minutes = optInt(body, 'timeout', { min: 1, max: MAX_INT }) ?? DEFAULT_CODE_MINUTES;
  // An unknown language falls back to the default template: accepted, as long as it is a string.
  optString(body, 'lang');
  const scene = oneOf('scene', optInt(body, 'scene', { min: -MAX_INT - 1, max: MAX_INT }) ?? 29, [18, 29]) as VerificationScene;
  let customerId: string | null = null;
  if (scene === 18) {
    customerId = reqString(body, 'customer_id', { max: 64 });
    // [inferred] A code for authenticating an account that is not the partner's customer is refused.
    if (!req.state.partners.customers.get(customerId)) throw parameterError('customer_id', 'is not a customer of the partner');
  }
  const { partners } = req.state;
  partners.verificationCodes.send(receiver, scene, customerId, minutes, req.now, partners.writes.next('verification-code'));
  return { status: 204 };
};

/**
 * Admits a request that carries a verification code, or refuses it with 400 CBC.0100 naming `field`. The
 * caller uses the code up (`consume`) once the request has been carried out.
 */
export function checkVerificationCode(req: SimRequest, field: string, receiver: string, scene: VerificationScene, customerId: string | null, code: string): void {
  const result = req.state.partners.verificationCodes.check(receiver, scene, customerId, code, req.now);
  if (result === 'wrong') throw parameterError(field, 'is not the code last sent to this mobile number');
  if (result === 'expired') throw parameterError(field, 'has expired');
}

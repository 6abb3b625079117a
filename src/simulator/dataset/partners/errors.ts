/**
 * The business errors of the partner endpoints, one place for their codes, statuses and messages
 * (bss-api-partners.md per-endpoint tables, huawei-auth-and-errors.md §9.5). Huawei's English messages
 * are not all published; where one is not, the text paraphrases the documented meaning.
 */
import { CbcError } from '../cbc-error.js';

export const insufficientBalance = (): CbcError => new CbcError(400, 'CBC.99005003', 'Insufficient balance.');

export const noResellerPermission = (): CbcError =>
  new CbcError(400, 'CBC.99000037', 'You have no permission to operate on this reseller.');

export const notSubCustomer = (): CbcError =>
  new CbcError(400, 'CBC.99000035', 'The customer is not a sub-customer of the partner.');

export const noAllocationAccount = (): CbcError =>
  new CbcError(400, 'CBC.99000047', 'The allocation account of the sub-customer does not exist.');

export const quotaInvalid = (status = 400): CbcError =>
  new CbcError(status, 'CBC.99000012', 'The quota does not exist or its status is incorrect.');

export const consultativeCouponReclaim = (): CbcError =>
  new CbcError(400, 'CBC.99000045', 'Coupons issued to consultative-sales sub-customers cannot be reclaimed.');

/** Documented with HTTP 200 (bss-api-partners.md §3.3). */
export const couponExpiredOrReclaimed = (): CbcError =>
  new CbcError(200, 'CBC.99000048', 'The coupon has expired or been reclaimed.');

/** Documented with HTTP 500 on the real-name pages (§2.10), although the generic table says 200. */
export const partnerCustomerMissing = (): CbcError =>
  new CbcError(500, 'CBC.5002', "The partner's customer does not exist.");

export const productMissing = (): CbcError => new CbcError(400, 'CBC.50000054', 'The product does not exist.');

export const serviceTypeMissing = (): CbcError => new CbcError(400, 'CBC.50000055', 'The cloud service type does not exist.');

export const mobileLimitReached = (): CbcError =>
  new CbcError(400, 'CBC.99000030', 'Too many customers have been registered with this mobile number.');

export const passwordInvalid = (): CbcError => new CbcError(400, 'CBC.99000036', 'The customer password format is invalid.');

export const resellerCustomerNoBalance = (): CbcError =>
  new CbcError(400, 'CBC.99000049', 'A reseller-type sub-customer has no account balance.');

export const accessDenied = (): CbcError => new CbcError(403, 'CBC.0151', 'Access denied.');

/** The `{error_code, error_msg}` of a per-item failure in a batch mutation's `error_details`. */
export function errorDetail(error: CbcError, id: string): { error_code: string; error_msg: string; id: string } {
  return { error_code: error.code, error_msg: error.message, id };
}

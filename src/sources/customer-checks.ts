/**
 * Two single-call partner reads about customers (bss-api-partners.md §2.3, §2.13): whether a login name,
 * mobile number or e-mail is still free for a new customer (CheckUserIdentity), and how the real-name
 * authentication the partner submitted for a customer was reviewed (ShowRealnameAuthenticationReviewResult).
 */
import { CheckUserIdentity, ShowRealnameAuthenticationReviewResult } from '../bss/operations/partners/index.js';
import type { Upstream } from './list-endpoint.js';
import { textOrNull } from './wire.js';
import { problem, type InputProblem } from './writes/input-rules.js';

export type IdentitySearchType = 'email' | 'mobile' | 'name';

/** §2.3 `search_value` rules per `search_type`; the name rule is §2.1's account name (5–32, a letter or "-" first). */
const IDENTITY_NAME = /^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$/;
/** `00XX-XXXXXXXX`: the country code with its leading 00, a dash, the number; only 0086 (mainland China) is supported. */
const IDENTITY_MOBILE = /^0086-\d+$/;

/**
 * The reference's rules for a value to check, before any call. The rule never quotes the value: it is personal
 * data (an e-mail address or a mobile number), and error messages are no place for it.
 */
export function identityValueProblem(field: string, searchType: IdentitySearchType, value: string): InputProblem | null {
  if (value === '') return problem(field, 'must not be empty');
  if (value.length > 64) return problem(field, 'must be at most 64 characters');
  switch (searchType) {
    case 'mobile':
      return IDENTITY_MOBILE.test(value) ? null : problem(field, 'must be a mainland China mobile number written 0086-13XXXXXXXXX (only country code 0086 is supported)');
    case 'email':
      return /^[^@\s]+@[^@\s]+$/.test(value) ? null : problem(field, 'must be a whole e-mail address (name@domain)');
    case 'name':
      if (!IDENTITY_NAME.test(value)) return problem(field, 'must be an account name of 5 to 32 characters: a letter or "-" first, then letters, digits, "_" and "-"');
      if (/^(op_|shadow_)/i.test(value)) return problem(field, 'must not start with op_ or shadow_');
      return null;
  }
}

export interface IdentityCheckShape {
  /** `available` or `used_by_user`, as Huawei answers. */
  readonly result: string | null;
  /** Mobile checks only: how many more accounts the number may be bound to. */
  readonly mobileRemainingAvailable: number | null;
}

/** §2.3 CheckUserIdentity: one call. */
export async function checkIdentity(ctx: Upstream, searchType: IdentitySearchType, value: string): Promise<IdentityCheckShape> {
  const res = await ctx.bss.call(CheckUserIdentity, { body: { search_type: searchType, search_value: value } });
  return { result: textOrNull(res.check_result), mobileRemainingAvailable: res.mobile_remain_available_num ?? null };
}

export interface RealNameReviewShape {
  readonly customerId: string;
  /** 0 under review, 1 rejected, 2 approved; null when no application was submitted. */
  readonly resultCode: number | null;
  /** Only when rejected. */
  readonly opinion: string | null;
}

/** §2.13 ShowRealnameAuthenticationReviewResult: the request (for a request-scoped read-once) and its mapping. */
export const realNameReviewRequest = (customerId: string) => ({ op: ShowRealnameAuthenticationReviewResult, request: { customer_id: customerId } });

export function toRealNameReview(customerId: string, res: { review_result?: number; opinion?: string }): RealNameReviewShape {
  return { customerId, resultCode: res.review_result ?? null, opinion: textOrNull(res.opinion) };
}

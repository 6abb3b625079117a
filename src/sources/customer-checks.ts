/**
 * Two single-call partner reads about customers (bss-api-partners.md §2.3, §2.13): whether a login name,
 * mobile number or e-mail is still free for a new customer (CheckUserIdentity), and how the real-name
 * authentication the partner submitted for a customer was reviewed (ShowRealnameAuthenticationReviewResult).
 */
import { CheckUserIdentity, ShowRealnameAuthenticationReviewResult } from '../bss/operations/partners/index.js';
import type { Upstream } from './list-endpoint.js';
import { textOrNull } from './wire.js';

export type IdentitySearchType = 'email' | 'mobile' | 'name';

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

/**
 * Two partner reads about customers (bss-api-partners.md §2.3, §2.13): `Query.customerIdentityCheck`, whether a
 * login name, mobile number or e-mail is still free for a new customer (CheckUserIdentity), and
 * `Customer.realNameReview`, how the real-name authentication submitted for it was reviewed
 * (ShowRealnameAuthenticationReviewResult).
 */
import { realNameReviewRequest, toRealNameReview, type IdentityCheckShape, type RealNameReviewShape } from '../sources/customer-checks.js';
import { customerIdentityCheck } from '../resolvers/customer-checks.js';
import { builder } from './builder.js';
import { Customer } from './customer.js';

const RealNameReviewStatus = builder.enumType('RealNameReviewStatus', {
  description: 'Where a real-name authentication application stands (`review_result`).',
  values: {
    UNDER_REVIEW: { value: 0, description: 'Under review (`0`).' },
    REJECTED: { value: 1, description: 'Rejected (`1`); see `opinion`.' },
    APPROVED: { value: 2, description: 'Approved (`2`).' },
  } as const,
});

const RealNameReview = builder.objectRef<RealNameReviewShape>('RealNameReview').implement({
  description: 'The review of a customer\'s real-name authentication application (ShowRealnameAuthenticationReviewResult §2.13).',
  fields: (t) => ({
    status: t.field({
      type: RealNameReviewStatus,
      nullable: true,
      description: 'Under review, rejected or approved; null for a code this gateway does not know.',
      resolve: (r) => (r.resultCode === 0 || r.resultCode === 1 || r.resultCode === 2 ? r.resultCode : null),
    }),
    statusCode: t.exposeInt('resultCode', { nullable: true, description: 'The raw `review_result`.' }),
    opinion: t.exposeString('opinion', { nullable: true, description: 'Why it was rejected (rejections only).' }),
  }),
});

builder.objectField(Customer, 'realNameReview', (t) =>
  t.field({
    type: RealNameReview,
    nullable: true,
    description:
      'How the real-name authentication the partner submitted for this customer was reviewed; null when none was submitted. ' +
      'Upstream: ShowRealnameAuthenticationReviewResult `GET /v2/customers/realname-auths/result`, one call per customer (de-duplicated per request).',
    resolve: async (c, _args, ctx) => {
      const { op, request } = realNameReviewRequest(c.customerId);
      const review = toRealNameReview(c.customerId, await ctx.loaders.readOnce(op, request));
      return review.resultCode === null ? null : review;
    },
  }),
);

const IdentitySearchType = builder.enumType('IdentitySearchType', {
  description: 'What an identity check looks up (`search_type`).',
  values: {
    EMAIL: { value: 'email', description: 'An e-mail address.' },
    MOBILE: { value: 'mobile', description: 'A mobile number, written `0086-13XXXXXXXXX`.' },
    NAME: { value: 'name', description: 'An account (domain) name.' },
  } as const,
});

const IdentityCheck = builder.objectRef<IdentityCheckShape>('IdentityCheck').implement({
  description: 'Whether a login name, mobile number or e-mail is still free for a new customer (CheckUserIdentity §2.3).',
  fields: (t) => ({
    available: t.boolean({ nullable: true, description: 'True when it is free (`check_result` `available`); null for an answer this gateway does not know.', resolve: (c) => (c.result === 'available' ? true : c.result === 'used_by_user' ? false : null) }),
    result: t.exposeString('result', { nullable: true, description: 'The raw `check_result`: `available` or `used_by_user`.' }),
    mobileRemainingAvailable: t.exposeInt('mobileRemainingAvailable', { nullable: true, description: 'Mobile checks only: how many more accounts the number may be bound to.' }),
  }),
});

builder.queryField('customerIdentityCheck', (t) =>
  t.field({
    type: IdentityCheck,
    nullable: true,
    description:
      'Whether a login name, mobile number or e-mail is still free for creating a customer (`createCustomer`). Upstream: CheckUserIdentity ' +
      '`POST /v2/partners/sub-customers/users/check-identity` (§2.3), one call. Admin and reseller keys (analyst keys: FORBIDDEN): it says whether ' +
      'an e-mail or mobile number has a Huawei Cloud account anywhere, which is personal data (docs/security.md). The value is checked against ' +
      'the reference\'s rules first (BAD_USER_INPUT, no call) and never logged.',
    args: {
      searchType: t.arg({ type: IdentitySearchType, required: true, description: 'What `value` is.' }),
      value: t.arg.string({
        required: true,
        description: 'The value to check (≤ 64 characters): a whole e-mail address; a mobile number written `0086-13XXXXXXXXX` (only 0086); or an account name of 5–32 characters.',
      }),
    },
    resolve: (_root, args, ctx) => customerIdentityCheck(ctx, args.searchType, args.value),
  }),
);

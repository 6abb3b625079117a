/**
 * Coupon mutations (docs/writes.md): issueCoupons and reclaimCoupons. Behaviour: src/resolvers/mutation/coupons.ts,
 * through the one write path (run-write.ts).
 */
import { builder } from '../builder.js';
import { Coupon } from '../coupon.js';
import { Customer } from '../customer.js';
import {
  issueCoupons, reclaimCoupons, type CouponFailure, type IssueCouponsPayload, type IssuedCouponPayload, type ReclaimCouponPayload,
} from '../../resolvers/mutation/coupons.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';

const IssueCouponsInput = builder.inputType('IssueCouponsInput', {
  description: 'Coupons issued from one quota, one per customer, all of one face value (CreatePartnerCoupons §3.2).',
  fields: (t) => ({
    quotaId: t.string({ required: true, description: 'The quota to issue from (`CouponQuota.quotaId`, ≤ 64 characters): its type makes vouchers or cash coupons.' }),
    customerIds: t.stringList({ required: true, description: 'The recipients: 1–100 resale customers of the scope, each once.' }),
    faceValue: t.field({ type: 'Decimal', required: true, description: 'The face value of each coupon: yuan, > 0, at most 2 decimals.' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    indirectPartnerId: t.string({ required: false, description: 'Issue as this reseller, from its quota to its customers (`indirect_partner_id`); a reseller key\'s own when absent.' }),
    validFrom: t.field({ type: 'DateTime', required: false, description: 'When the coupons become usable (`valid_time`); default the quota\'s effective time.' }),
    expiresAt: t.field({ type: 'DateTime', required: false, description: 'When they expire (`expire_time`); default the quota\'s expiry.' }),
    cloudServiceTypes: t.stringList({ required: false, description: 'At most 10 service-type codes they may be used on, within the quota\'s restriction; default the quota\'s.' }),
    productIds: t.stringList({ required: false, description: 'At most 10 product ids they may be used on, within the quota\'s restriction; default the quota\'s.' }),
    memo: t.string({ required: false, description: 'A remark (≤ 256 characters); never put personal data here.' }),
  }),
});

const IssuedCoupon = builder.objectRef<IssuedCouponPayload>('IssuedCoupon').implement({
  description: 'One coupon an issue created, and its holder.',
  fields: (t) => ({
    customer: t.field({
      type: Customer,
      description: 'The customer who received it (looked up before the issue; none read again).',
      resolve: async (p, _args, ctx) => {
        const customer = await ctx.loaders.customer.load(p.customerKey);
        if (!customer) throw new Error(`customer ${p.customerKey} vanished after the write`);
        return customer;
      },
    }),
    coupon: t.field({
      type: Coupon,
      description: 'The new coupon, read after the issue (ListIssuedPartnerCoupons: one call for the whole issue; none on a replay).',
      resolve: async (p, _args, ctx) => {
        const coupon = await ctx.loaders.coupon.load(p.couponKey);
        if (!coupon) throw new Error(`coupon ${p.couponKey} vanished after the write`);
        return coupon;
      },
    }),
  }),
});

const CouponIssueFailure = builder.objectRef<CouponFailure>('CouponIssueFailure').implement({
  description: 'A customer Huawei Cloud issued no coupon to (`error_details`), or, after a lost answer, no issue record was found for.',
  fields: (t) => ({
    customerId: t.exposeString('customerId', { description: 'The customer.' }),
    code: t.exposeString('code', { description: 'Huawei\'s error code (`CBC.*`), or NOT_APPLIED when a lost answer was reconciled and nothing was found.' }),
    message: t.exposeString('message', { description: 'Huawei\'s message (or ours for NOT_APPLIED).' }),
  }),
});

const IssueCouponsPayloadRef = builder.objectRef<IssueCouponsPayload>('IssueCouponsPayload').implement({
  description: 'Coupons issued: those created and those refused (Huawei answers per customer; a partial success is no error).',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    issued: t.field({ type: [IssuedCoupon], description: 'One entry per coupon created.', resolve: (p) => [...p.issued] }),
    failed: t.field({ type: [CouponIssueFailure], description: 'One entry per customer that got none.', resolve: (p) => [...p.failed] }),
  }),
});

const ReclaimCouponsInput = builder.inputType('ReclaimCouponsInput', {
  description: 'One issued coupon taken back from its holder (ReclaimPartnerCoupons §3.3).',
  fields: (t) => ({
    couponId: t.string({ required: true, description: 'The coupon (≤ 64 characters).' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    indirectPartnerId: t.string({ required: false, description: 'The reseller that issued it (`indirect_partner_id`); a reseller key\'s own when absent.' }),
  }),
});

const ReclaimCouponsPayloadRef = builder.objectRef<ReclaimCouponPayload>('ReclaimCouponsPayload').implement({
  description: 'A coupon reclaimed: the coupon as it is afterwards (status RECLAIMED).',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    coupon: t.field({
      type: Coupon,
      description: 'The coupon, read after the reclaim (ListIssuedPartnerCoupons, one call; none on a replay).',
      resolve: async (p, _args, ctx) => {
        const coupon = await ctx.loaders.coupon.load(p.couponKey);
        if (!coupon) throw new Error(`coupon ${p.couponKey} vanished after the write`);
        return coupon;
      },
    }),
  }),
});

builder.mutationFields((t) => ({
  issueCoupons: t.field({
    type: IssueCouponsPayloadRef,
    description:
      'Issues coupons from a quota to up to 100 resale customers. Upstream: CreatePartnerCoupons `POST /v2/promotions/benefits/partner-coupons` (§3.2), ' +
      'after the recipients are looked up (ListSubCustomers: one call each for up to 3, else the scope\'s list), and one ListIssuedPartnerCoupons ' +
      `read of the new coupons. Admin keys; reseller keys from their quotas to their customers. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: IssueCouponsInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => issueCoupons(ctx, input),
  }),
  reclaimCoupons: t.field({
    type: ReclaimCouponsPayloadRef,
    description:
      'Reclaims one issued coupon. Upstream: ReclaimPartnerCoupons `POST /v2/promotions/benefits/partner-coupons/reclaim` (§3.3), after one ' +
      `ListIssuedPartnerCoupons lookup of the coupon. Admin keys; reseller keys for coupons they issued. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: ReclaimCouponsInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => reclaimCoupons(ctx, input),
  }),
}));

/**
 * Coupon quota mutations of a distributor (docs/writes.md): allocateResellerCouponQuota and reclaimResellerCouponQuota.
 * Behaviour: src/resolvers/mutation/coupon-quotas.ts, through the one write path (run-write.ts).
 */
import { builder } from '../builder.js';
import { CouponQuota } from '../coupon-quota.js';
import { IndirectPartner } from '../indirect-partner.js';
import {
  allocateResellerCouponQuota, reclaimResellerCouponQuota, type AllocateQuotaPayload, type QuotaItemFailure, type ReclaimQuotaPayload,
} from '../../resolvers/mutation/coupon-quotas.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';

const AllocateResellerCouponQuotaInput = builder.inputType('AllocateResellerCouponQuotaInput', {
  description: 'Voucher quota carved out of one of the distributor\'s quotas, the same amount to each reseller (UpdateCouponQuotas §1.9).',
  fields: (t) => ({
    quotaId: t.string({ required: true, description: 'The distributor\'s own quota to carve from (≤ 64 characters).' }),
    indirectPartnerIds: t.stringList({ required: true, description: 'The resellers: 1–100, each once.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Given to each reseller (`quota_amount`): yuan, > 0, at most 2 decimals.' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
  }),
});

const ReclaimResellerCouponQuotaInput = builder.inputType('ReclaimResellerCouponQuotaInput', {
  description: 'Reseller quotas taken back; what is left of each returns to its parent quota (ReclaimCouponQuotas §1.10).',
  fields: (t) => ({
    quotaIds: t.stringList({ required: true, description: 'The reseller-side quotas: 1–10, each once.' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    remark: t.string({ required: false, description: 'A remark (≤ 256 characters); never put personal data here.' }),
  }),
});

const QuotaFailure = builder.objectRef<QuotaItemFailure>('CouponQuotaWriteFailure').implement({
  description: 'A reseller (allocation) or quota (reclaim) Huawei Cloud refused (`error_details`), or, after a lost answer, no record was found for.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The reseller id (allocation) or quota id (reclaim).' }),
    code: t.exposeString('code', { description: 'Huawei\'s error code (`CBC.*`), or NOT_APPLIED when a lost answer was reconciled and nothing was found.' }),
    message: t.exposeString('message', { description: 'Huawei\'s message (or ours for NOT_APPLIED).' }),
  }),
});

const AllocatedQuota = builder.objectRef<AllocateQuotaPayload['allocated'][number]>('AllocatedCouponQuota').implement({
  description: 'A quota issued to one reseller.',
  fields: (t) => ({
    indirectPartner: t.field({
      type: IndirectPartner,
      description: 'The reseller (looked up before the write; none read again).',
      resolve: async (a, _args, ctx) => {
        const reseller = await ctx.loaders.indirectPartner.load(a.indirectPartnerId);
        if (!reseller) throw new Error(`reseller ${a.indirectPartnerId} vanished after the write`);
        return reseller;
      },
    }),
    quota: t.field({
      type: CouponQuota,
      description: 'The new reseller-side quota, read after the write (ListIssuedCouponQuotas by parent: one walk for the whole allocation; none on a replay).',
      resolve: async (a, _args, ctx) => {
        const quota = await ctx.loaders.issuedCouponQuota.load(a.quotaId);
        if (!quota) throw new Error(`quota ${a.quotaId} vanished after the write`);
        return quota;
      },
    }),
  }),
});

const ReclaimedQuota = builder.objectRef<ReclaimQuotaPayload['reclaimed'][number]>('ReclaimedCouponQuota').implement({
  description: 'A reseller quota reclaimed.',
  fields: (t) => ({
    quota: t.field({
      type: CouponQuota,
      description: 'The quota as it is afterwards (ListIssuedCouponQuotas by id, one call each; none on a replay).',
      resolve: async (r, _args, ctx) => {
        const quota = await ctx.loaders.issuedCouponQuota.load(r.quotaId);
        if (!quota) throw new Error(`quota ${r.quotaId} vanished after the write`);
        return quota;
      },
    }),
    balance: t.expose('balance', { type: 'Decimal', nullable: true, description: 'Its balance after the reclaim, as the reclaim answered (`quota_balance`).' }),
  }),
});

const AllocateResellerCouponQuotaPayload = builder.objectRef<AllocateQuotaPayload>('AllocateResellerCouponQuotaPayload').implement({
  description: 'Quotas issued to resellers: those created and those refused (Huawei answers per reseller).',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    allocated: t.field({ type: [AllocatedQuota], description: 'One entry per reseller that got a quota.', resolve: (p) => [...p.allocated] }),
    failed: t.field({ type: [QuotaFailure], description: 'One entry per reseller that got none.', resolve: (p) => [...p.failed] }),
  }),
});

const ReclaimResellerCouponQuotaPayload = builder.objectRef<ReclaimQuotaPayload>('ReclaimResellerCouponQuotaPayload').implement({
  description: 'Reseller quotas reclaimed: those taken back and those refused (Huawei answers per quota).',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    reclaimed: t.field({ type: [ReclaimedQuota], description: 'One entry per quota reclaimed.', resolve: (p) => [...p.reclaimed] }),
    failed: t.field({ type: [QuotaFailure], description: 'One entry per quota not reclaimed.', resolve: (p) => [...p.failed] }),
  }),
});

builder.mutationFields((t) => ({
  allocateResellerCouponQuota: t.field({
    type: AllocateResellerCouponQuotaPayload,
    description:
      'Issues voucher quota from one of the distributor\'s quotas to up to 100 resellers. Upstream: UpdateCouponQuotas ' +
      '`POST /v2/partners/coupon-quotas/indirect-partner-adjust` (§1.9), after one walk of ListIndirectPartners, and one ListIssuedCouponQuotas ' +
      `read of the new quotas. Admin keys only. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: AllocateResellerCouponQuotaInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => allocateResellerCouponQuota(ctx, input),
  }),
  reclaimResellerCouponQuota: t.field({
    type: ReclaimResellerCouponQuotaPayload,
    description:
      'Reclaims up to 10 reseller quotas. Upstream: ReclaimCouponQuotas `POST /v2/partners/coupon-quotas/indirect-partner-reclaim` (§1.10), after ' +
      `ListIssuedCouponQuotas looks each quota up (one call each), and once more after. Admin keys only. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: ReclaimResellerCouponQuotaInput, required: true, description: 'What to do, and the idempotency key that makes asking twice safe.' }) },
    resolve: (_root, { input }, ctx) => reclaimResellerCouponQuota(ctx, input),
  }),
}));

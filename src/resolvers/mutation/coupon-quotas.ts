/**
 * Coupon quota mutations of a distributor towards its resellers: allocateResellerCouponQuota (UpdateCouponQuotas §1.9)
 * and reclaimResellerCouponQuota (ReclaimCouponQuotas §1.10), through runWrite. Admin keys only: the quotas are the
 * distributor's own. Upstream access: src/sources/writes/coupon-quotas.ts. Rules and limits: docs/writes.md.
 *
 * Reconciliation of a lost answer, from the quota log (ListCouponQuotasRecords §1.8) in the window: an allocation by
 * parent quota, reseller and amount (operation type 10), a reclaim by quota (operation type 11). One record per
 * item → applied; none → not; several → undecidable.
 */
import type { Decimal } from 'decimal.js';
import type { GraphQLContext } from '../../context.js';
import { ListCouponQuotasRecords, ListIssuedCouponQuotas, ListQuotaCoupons } from '../../bss/operations/partners/index.js';
import type { CouponQuotaShape } from '../../sources/coupon-quotas.js';
import type { IndirectPartnerShape } from '../../sources/indirect-partners.js';
import {
  findQuotaRecords, QUOTA_ISSUE, QUOTA_RECLAIM, readIssuedQuotas, sendQuotaAllocation, sendQuotaReclaim, type QuotaAllocation, type QuotaAllocationResult,
  type QuotaReclaimResult,
} from '../../sources/writes/coupon-quotas.js';
import type { ItemFailure } from '../../sources/writes/item-failures.js';
import { assertMayWrite, runWrite, type Reconciled } from './run-write.js';
import { classifyItems, NOT_APPLIED_ON_RECONCILE, reconcileWindow } from './reconcile-window.js';
import { indirectPartnerSnapshot } from './snapshots.js';
import { NOT_FOUND, writeError } from './write-errors.js';
import { checkAmount, checkId, checkIdempotencyKey, checkIdList, checkOptionalText } from './write-input.js';
import { maskAccountName, maskName } from '../../auth/pii.js';

/** §1.9 `indirect_partner_ids` ≤ 100; §1.10 `quota_ids` ≤ 10; §1.10 `remark` ≤ 256. */
export const MAX_QUOTA_RESELLERS = 100;
export const MAX_QUOTA_RECLAIMS = 10;

export interface QuotaItemFailure {
  /** The reseller (an allocation) or the quota (a reclaim) that failed. */
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

const failureOf = (f: ItemFailure): QuotaItemFailure => ({ id: f.id, code: f.code, message: f.message });

/** A quota's reseller names are personal data (a reseller is often a person): stored masked, like every snapshot. */
function quotaSnapshot(q: CouponQuotaShape): CouponQuotaShape {
  return {
    ...q,
    indirectPartnerAccountName: q.indirectPartnerAccountName === null ? null : maskAccountName(q.indirectPartnerAccountName),
    indirectPartnerName: q.indirectPartnerName === null ? null : maskName(q.indirectPartnerName),
  };
}

function forgetQuotas(ctx: GraphQLContext): void {
  ctx.loaders.forgetReads([ListQuotaCoupons.name, ListIssuedCouponQuotas.name, ListCouponQuotasRecords.name]);
  ctx.loaders.couponQuota.clearAll();
  ctx.loaders.issuedCouponQuota.clearAll();
  ctx.partnerCache?.invalidateKind('coupons');
}

// ---------------------------------------------------------------------------------------------------------
// allocateResellerCouponQuota

export interface AllocateQuotaInput {
  readonly quotaId: string;
  readonly indirectPartnerIds: readonly string[];
  readonly amount: Decimal;
  readonly idempotencyKey: string;
}

interface AllocateQuotaAnswer {
  readonly allocated: readonly { readonly indirectPartner: IndirectPartnerShape; readonly quota: CouponQuotaShape }[];
  readonly failed: readonly QuotaItemFailure[];
}

export interface AllocateQuotaPayload {
  readonly replayed: boolean;
  readonly allocated: readonly { readonly indirectPartnerId: string; readonly quotaId: string }[];
  readonly failed: readonly QuotaItemFailure[];
}

export function allocateResellerCouponQuota(ctx: GraphQLContext, raw: AllocateQuotaInput): Promise<AllocateQuotaPayload> {
  const mutation = 'allocateResellerCouponQuota';
  const roles = ['admin'] as const;
  assertMayWrite(ctx, mutation, roles);
  const plan: QuotaAllocation = {
    quotaId: checkId(raw.quotaId, 'input.quotaId'),
    indirectPartnerIds: checkIdList(raw.indirectPartnerIds, 'input.indirectPartnerIds', MAX_QUOTA_RESELLERS),
    amount: checkAmount(raw.amount, 'input.amount'),
  };
  const idempotencyKey = checkIdempotencyKey(raw.idempotencyKey);
  return runWrite<QuotaAllocation, QuotaAllocationResult, AllocateQuotaAnswer, AllocateQuotaPayload>(ctx, {
    mutation,
    roles,
    idempotencyKey,
    input: plan,
    targets: {
      indirectPartnerId: plan.indirectPartnerIds.length === 1 ? plan.indirectPartnerIds[0] : null,
      amount: plan.amount.toFixed(2),
      detail: { upstream: 'UpdateCouponQuotas', quotaId: plan.quotaId, resellers: plan.indirectPartnerIds.length },
    },
    async prepare(c) {
      // ListIndirectPartners, walked once: every reseller named must be the distributor's.
      const resellers = new Set((await c.loaders.allIndirectPartners()).map((r) => r.indirectPartnerId));
      const unknown = plan.indirectPartnerIds.filter((id) => !resellers.has(id));
      if (unknown.length > 0) {
        throw writeError(NOT_FOUND, `${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is not a reseller' : 'are not resellers'} of this distributor; nothing was sent.`, { argument: 'input.indirectPartnerIds' });
      }
      return plan;
    },
    send: (c, p) => sendQuotaAllocation(c, p),
    async reconcile(c, p, sentAt): Promise<Reconciled<QuotaAllocationResult>> {
      const window = reconcileWindow(c, sentAt);
      const records = await findQuotaRecords(c, { operationType: QUOTA_ISSUE, parentQuotaId: p.quotaId }, window);
      const byReseller = new Map(p.indirectPartnerIds.map((id) => [id, records.filter((r) => r.indirectPartnerId === id && r.quotaId && r.amount?.equals(p.amount))]));
      const { found, missing, ambiguous } = classifyItems(p.indirectPartnerIds, byReseller);
      if (ambiguous.length > 0) {
        return {
          kind: 'undecidable',
          check: `several quotas of ${p.amount.toFixed(2)} from ${p.quotaId} were issued to ${ambiguous.slice(0, 5).join(', ')} between ${window.from.toISOString()} and ` +
            `${window.to.toISOString()}; see quotaRecords for which are this request's`,
        };
      }
      if (found.size === 0) return { kind: 'absent' };
      return {
        kind: 'found',
        outcome: {
          allocated: [...found].map(([indirectPartnerId, r]) => ({ indirectPartnerId, quotaId: r.quotaId! })),
          failed: missing.map((id) => ({ id, code: NOT_APPLIED_ON_RECONCILE, message: 'The answer was lost; Huawei Cloud\'s quota log shows no quota for this reseller.' })),
        },
      };
    },
    invalidate(c, p) {
      forgetQuotas(c);
      for (const id of p.indirectPartnerIds) c.partnerCache?.invalidateReseller(id);
    },
    async read(c, p, outcome) {
      // ListIssuedCouponQuotas by parent: every new reseller quota in one walk.
      const quotas = new Map((await readIssuedQuotas(c, p.quotaId).catch(() => [] as CouponQuotaShape[])).map((q) => [q.quotaId, q]));
      const allocated = await Promise.all(outcome.allocated.map(async (a) => {
        const reseller = (await c.loaders.indirectPartner.load(a.indirectPartnerId).catch(() => null)) ?? bareReseller(a.indirectPartnerId);
        const quota = quotas.get(a.quotaId) ?? bareQuota(a.quotaId, a.indirectPartnerId, p);
        c.loaders.issuedCouponQuota.prime(quota.quotaId, quota);
        return { indirectPartner: indirectPartnerSnapshot(reseller), quota: quotaSnapshot(quota) };
      }));
      return { allocated, failed: outcome.failed.map(failureOf) };
    },
    payload(c, answer, replayed) {
      const allocated = answer.allocated.map((a) => {
        c.loaders.indirectPartner.prime(a.indirectPartner.indirectPartnerId, a.indirectPartner);
        c.loaders.issuedCouponQuota.prime(a.quota.quotaId, a.quota);
        return { indirectPartnerId: a.indirectPartner.indirectPartnerId, quotaId: a.quota.quotaId };
      });
      return { replayed, allocated, failed: answer.failed };
    },
    reference: (o) => (o.allocated.length === 1 ? o.allocated[0]!.quotaId : null),
  });
}

function bareReseller(indirectPartnerId: string): IndirectPartnerShape {
  return { indirectPartnerId, accountName: null, name: null, mobilePhone: null, email: null, associatedOn: null, accountManagerId: null, accountManagerName: null };
}

function bareQuota(quotaId: string, indirectPartnerId: string, p: QuotaAllocation): CouponQuotaShape {
  return {
    quotaId, quotaType: 0, status: null, value: p.amount, balance: p.amount, measureId: 1, currency: null, createTime: null, lastUpdateTime: null, effectiveTime: null,
    expireTime: null, limits: [], indirectPartnerId, parentQuotaId: p.quotaId, parentKnown: true, indirectPartnerAccountName: null, indirectPartnerName: null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// reclaimResellerCouponQuota

export interface ReclaimQuotaInput {
  readonly quotaIds: readonly string[];
  readonly idempotencyKey: string;
  readonly remark?: string | null;
}

interface ReclaimQuotaPlan {
  readonly quotaIds: readonly string[];
  readonly remark: string | null;
  /** The resellers whose quotas these are (for invalidation and the audit). */
  readonly resellers: readonly string[];
}

interface ReclaimQuotaAnswer {
  readonly reclaimed: readonly { readonly quota: CouponQuotaShape; readonly balance: Decimal | null }[];
  readonly failed: readonly QuotaItemFailure[];
}

export interface ReclaimQuotaPayload {
  readonly replayed: boolean;
  readonly reclaimed: readonly { readonly quotaId: string; readonly balance: Decimal | null }[];
  readonly failed: readonly QuotaItemFailure[];
}

export function reclaimResellerCouponQuota(ctx: GraphQLContext, raw: ReclaimQuotaInput): Promise<ReclaimQuotaPayload> {
  const mutation = 'reclaimResellerCouponQuota';
  const roles = ['admin'] as const;
  assertMayWrite(ctx, mutation, roles);
  const quotaIds = checkIdList(raw.quotaIds, 'input.quotaIds', MAX_QUOTA_RECLAIMS);
  const remark = checkOptionalText(raw.remark, 'input.remark', 256);
  const idempotencyKey = checkIdempotencyKey(raw.idempotencyKey);
  return runWrite<ReclaimQuotaPlan, QuotaReclaimResult, ReclaimQuotaAnswer, ReclaimQuotaPayload>(ctx, {
    mutation,
    roles,
    idempotencyKey,
    input: { quotaIds, remark },
    targets: { detail: { upstream: 'ReclaimCouponQuotas', quotaIds: quotaIds.join(',') } },
    async prepare(c) {
      // ListIssuedCouponQuotas by id, one call per quota (≤ 10): each must be a quota this distributor issued.
      const quotas = await Promise.all(quotaIds.map((id) => c.loaders.issuedCouponQuota.load(id)));
      const unknown = quotaIds.filter((_, i) => !quotas[i]);
      if (unknown.length > 0) {
        throw writeError(NOT_FOUND, `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a quota' : 'are not quotas'} this distributor issued to a reseller; nothing was sent.`, { argument: 'input.quotaIds' });
      }
      return { quotaIds, remark, resellers: [...new Set(quotas.flatMap((q) => (q?.indirectPartnerId ? [q.indirectPartnerId] : [])))] };
    },
    send: (c, p) => sendQuotaReclaim(c, p.quotaIds, p.remark),
    async reconcile(c, p, sentAt): Promise<Reconciled<QuotaReclaimResult>> {
      const window = reconcileWindow(c, sentAt);
      const records = await findQuotaRecords(c, { operationType: QUOTA_RECLAIM }, window);
      const byQuota = new Map(p.quotaIds.map((id) => [id, records.filter((r) => r.quotaId === id)]));
      const { found, missing, ambiguous } = classifyItems(p.quotaIds, byQuota);
      if (ambiguous.length > 0) {
        return { kind: 'undecidable', check: `quotas ${ambiguous.join(', ')} show several reclaim records since ${window.from.toISOString()}; see quotaRecords` };
      }
      if (found.size === 0) return { kind: 'absent' };
      return {
        kind: 'found',
        outcome: {
          // The balance after the reclaim is in the quota itself, read next.
          reclaimed: [...found.keys()].map((quotaId) => ({ quotaId, balance: null })),
          failed: missing.map((id) => ({ id, code: NOT_APPLIED_ON_RECONCILE, message: 'The answer was lost; Huawei Cloud\'s quota log shows no reclaim of this quota.' })),
        },
      };
    },
    invalidate(c, p) {
      forgetQuotas(c);
      for (const id of p.resellers) c.partnerCache?.invalidateReseller(id);
    },
    async read(c, _p, outcome) {
      const reclaimed = await Promise.all(outcome.reclaimed.map(async (r) => {
        const quota = await c.loaders.issuedCouponQuota.load(r.quotaId).catch(() => null);
        return { quota: quotaSnapshot(quota ?? { ...bareReclaimed(r.quotaId) }), balance: r.balance ?? quota?.balance ?? null };
      }));
      return { reclaimed, failed: outcome.failed.map(failureOf) };
    },
    payload(c, answer, replayed) {
      const reclaimed = answer.reclaimed.map((r) => {
        c.loaders.issuedCouponQuota.prime(r.quota.quotaId, r.quota);
        return { quotaId: r.quota.quotaId, balance: r.balance };
      });
      return { replayed, reclaimed, failed: answer.failed };
    },
    reference: (o) => (o.reclaimed.length === 1 ? o.reclaimed[0]!.quotaId : null),
  });
}

function bareReclaimed(quotaId: string): CouponQuotaShape {
  return {
    quotaId, quotaType: 0, status: 6, value: null, balance: null, measureId: 1, currency: null, createTime: null, lastUpdateTime: null, effectiveTime: null,
    expireTime: null, limits: [], indirectPartnerId: null, parentQuotaId: null, parentKnown: false, indirectPartnerAccountName: null, indirectPartnerName: null,
  };
}

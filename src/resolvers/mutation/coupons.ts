/**
 * Coupon mutations: issueCoupons (CreatePartnerCoupons §3.2) and reclaimCoupons (ReclaimPartnerCoupons §3.3), through
 * runWrite. Upstream access: src/sources/writes/coupons.ts. Rules and limits: docs/writes.md.
 *
 * Reconciliation of a lost issue: the issue log (ListPartnerCouponsRecord §3.4, operation type 1, result 0) of the
 * quota in the window, by customer and face value: each customer with one record got that coupon, none → not issued,
 * several → undecidable (two identical issues to one customer from one quota in the window look the same upstream).
 * A lost reclaim: the coupon's own status (ListIssuedPartnerCoupons §3.1): 5 (reclaimed) → applied, else not.
 */
import type { Decimal } from 'decimal.js';
import { boundReseller, forbidden } from '../../auth/scope.js';
import type { GraphQLContext } from '../../context.js';
import { ListIssuedPartnerCoupons, ListPartnerCouponsRecord, ListQuotaCoupons, ListSubCustomerCoupons } from '../../bss/operations/partners/index.js';
import { fetchCustomerInScope, isConsultative, type CustomerShape } from '../../sources/customers.js';
import { couponKey, fetchCoupon, type CouponShape } from '../../sources/coupons.js';
import {
  COUPON_RECLAIMED, findCouponIssues, readIssuedCoupons, sendCouponIssue, sendCouponReclaim, type CouponIssue, type CouponIssueResult,
} from '../../sources/writes/coupons.js';
import type { ItemFailure } from '../../sources/writes/item-failures.js';
import { scopedKey, type Scope } from '../../sources/wire.js';
import { badInput } from '../input.js';
import { assertMayWrite, runWrite, type Reconciled } from './run-write.js';
import { classifyItems, NOT_APPLIED_ON_RECONCILE, reconcileWindow } from './reconcile-window.js';
import { customerSnapshot } from './snapshots.js';
import { NOT_FOUND, writeError } from './write-errors.js';
import { checkAmount, checkId, checkIdempotencyKey, checkIdList, checkOptionalId, checkOptionalText } from './write-input.js';

/** §3.2 `customer_ids`: ≤ 100 recipients per call. */
export const MAX_COUPON_CUSTOMERS = 100;
/** §3.2 `cloud_service_types`, `product_ids`: ≤ 10 each. */
const MAX_COUPON_LIMITS = 10;
/** Up to this many recipients are looked up one by one (ListSubCustomers by id); more: the scope's list is walked. */
const LOOKUP_ONE_BY_ONE = 3;

export interface IssueCouponsInput {
  readonly quotaId: string;
  readonly customerIds: readonly string[];
  readonly faceValue: Decimal;
  readonly idempotencyKey: string;
  readonly indirectPartnerId?: string | null;
  readonly validFrom?: Date | null;
  readonly expiresAt?: Date | null;
  readonly cloudServiceTypes?: readonly string[] | null;
  readonly productIds?: readonly string[] | null;
  readonly memo?: string | null;
}

export interface CouponFailure {
  readonly customerId: string;
  readonly code: string;
  readonly message: string;
}

interface IssuedCouponAnswer {
  /** Masked (snapshots.ts). */
  readonly customer: CustomerShape;
  readonly coupon: CouponShape;
}

export interface IssueCouponsAnswer {
  readonly issued: readonly IssuedCouponAnswer[];
  readonly failed: readonly CouponFailure[];
}

export interface IssuedCouponPayload {
  readonly customerKey: string;
  readonly couponKey: string;
}

export interface IssueCouponsPayload {
  readonly replayed: boolean;
  readonly issued: readonly IssuedCouponPayload[];
  readonly failed: readonly CouponFailure[];
}

/** The scope a coupon write acts in: a reseller key's own (another named: FORBIDDEN), else the one named, else the partner's. */
function couponScope(ctx: GraphQLContext, named: string | null, what: string): Scope {
  const bound = boundReseller(ctx.caller);
  if (bound !== null && named && named !== bound) throw forbidden(`This API key may only ${what} in reseller ${bound}'s scope (input.indirectPartnerId names ${named}).`);
  return bound ?? named;
}

const failureOf = (f: ItemFailure): CouponFailure => ({ customerId: f.id, code: f.code, message: f.message });

/** A coupon known only by what the issue said (it could not be read after the write; a later query fills it in). */
function bareCoupon(couponId: string, customerId: string | null, faceValue: Decimal | null, scope: Scope): CouponShape {
  return {
    couponId, status: null, customerId, couponType: null, measureId: 1, faceValue, balance: null, effectiveTime: null, expireTime: null, activeTime: null,
    lastUsedTime: null, createTime: null, orderId: null, lockOrderId: null, promotionPlanId: null, promotionPlanName: null, promotionPlanDescription: null,
    promotionId: null, mediaType: null, fetchMethod: null, useLimits: [], isFrozen: null, indirectPartnerId: scope,
  };
}

/** What every coupon write drops from the request: lists of coupons, their records, the quotas they draw on. */
function forgetCoupons(ctx: GraphQLContext): void {
  ctx.loaders.forgetReads([ListIssuedPartnerCoupons.name, ListPartnerCouponsRecord.name, ListQuotaCoupons.name, ListSubCustomerCoupons.name]);
  ctx.loaders.couponQuota.clearAll();
  ctx.loaders.couponRecords.clearAll();
  ctx.partnerCache?.invalidateKind('coupons');
}

// ---------------------------------------------------------------------------------------------------------
// issueCoupons

export function issueCoupons(ctx: GraphQLContext, raw: IssueCouponsInput): Promise<IssueCouponsPayload> {
  const mutation = 'issueCoupons';
  const roles = ['admin', 'reseller'] as const;
  assertMayWrite(ctx, mutation, roles);
  const issue: CouponIssue = {
    quotaId: checkId(raw.quotaId, 'input.quotaId'),
    customerIds: checkIdList(raw.customerIds, 'input.customerIds', MAX_COUPON_CUSTOMERS),
    faceValue: checkAmount(raw.faceValue, 'input.faceValue'),
    scope: couponScope(ctx, checkOptionalId(raw.indirectPartnerId, 'input.indirectPartnerId'), 'issue coupons'),
    validFrom: raw.validFrom ?? null,
    expiresAt: raw.expiresAt ?? null,
    cloudServiceTypes: raw.cloudServiceTypes?.length ? checkIdList(raw.cloudServiceTypes, 'input.cloudServiceTypes', MAX_COUPON_LIMITS) : null,
    productIds: raw.productIds?.length ? checkIdList(raw.productIds, 'input.productIds', MAX_COUPON_LIMITS) : null,
    memo: checkOptionalText(raw.memo, 'input.memo', 256),
  };
  const idempotencyKey = checkIdempotencyKey(raw.idempotencyKey);
  if (issue.validFrom && issue.expiresAt && issue.validFrom >= issue.expiresAt) {
    throw badInput('"input.expiresAt" must be after "input.validFrom"', 'input.expiresAt');
  }
  const keyOf = (customerId: string) => scopedKey(customerId, issue.scope);
  return runWrite<CouponIssue, CouponIssueResult, IssueCouponsAnswer, IssueCouponsPayload>(ctx, {
    mutation,
    roles,
    idempotencyKey,
    input: issue,
    targets: {
      customerId: issue.customerIds.length === 1 ? issue.customerIds[0] : null,
      indirectPartnerId: issue.scope,
      amount: issue.faceValue.toFixed(2),
      detail: { upstream: 'CreatePartnerCoupons', quotaId: issue.quotaId, customers: issue.customerIds.length },
    },
    async prepare(c) {
      // The recipients must be resale customers of the scope (a reseller key's guard confirms them on the way).
      const found = new Map<string, CustomerShape>();
      if (issue.customerIds.length <= LOOKUP_ONE_BY_ONE) {
        // Exactly in the scope (the loader would search the resellers for a partner-scope id): one ListSubCustomers each.
        const rows = await Promise.all(issue.customerIds.map((id) => fetchCustomerInScope(c, id, issue.scope)));
        for (const row of rows) {
          if (!row) continue;
          found.set(row.customerId, row);
          c.loaders.customer.prime(keyOf(row.customerId), row);
        }
      } else {
        for (const row of await c.loaders.allCustomersOf(issue.scope)) found.set(row.customerId, row);
      }
      const unknown = issue.customerIds.filter((id) => !found.has(id));
      if (unknown.length > 0) {
        throw writeError(NOT_FOUND, `${unknown.length === 1 ? 'Customer' : 'Customers'} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''} ${unknown.length === 1 ? 'is' : 'are'} not ${issue.scope ? `reseller ${issue.scope}'s` : 'the partner\'s'}; nothing was sent.`, { argument: 'input.customerIds' });
      }
      const consultative = issue.customerIds.filter((id) => isConsultative(found.get(id)!));
      if (consultative.length > 0) {
        throw badInput(`"input.customerIds": coupons are issued to resale customers only; ${consultative.slice(0, 5).join(', ')} ${consultative.length === 1 ? 'is a consultative-sales customer' : 'are consultative-sales customers'}`, 'input.customerIds');
      }
      return issue;
    },
    send: (c, plan) => sendCouponIssue(c, plan),
    async reconcile(c, plan, sentAt): Promise<Reconciled<CouponIssueResult>> {
      const window = reconcileWindow(c, sentAt);
      const { found, missing, ambiguous } = classifyItems(plan.customerIds, await findCouponIssues(c, plan, window));
      if (ambiguous.length > 0) {
        return {
          kind: 'undecidable',
          check: `several coupons of ${plan.faceValue.toFixed(2)} from quota ${plan.quotaId} were issued to ${ambiguous.slice(0, 5).join(', ')} between ` +
            `${window.from.toISOString()} and ${window.to.toISOString()}; see couponRecords for which are this request's`,
        };
      }
      if (found.size === 0) return { kind: 'absent' };
      return {
        kind: 'found',
        outcome: {
          issued: [...found].map(([customerId, r]) => ({ customerId, couponId: r.couponId! })),
          failed: missing.map((id) => ({ id, code: NOT_APPLIED_ON_RECONCILE, message: 'The answer was lost; Huawei Cloud\'s issue log shows no coupon for this customer.' })),
        },
      };
    },
    invalidate(c, plan) {
      forgetCoupons(c);
      for (const id of plan.customerIds) c.partnerCache?.invalidateCustomer(id);
    },
    async read(c, plan, outcome, sentAt) {
      const coupons = await readIssuedCoupons(c, plan.scope, outcome.issued.map((i) => i.couponId), reconcileWindow(c, sentAt)).catch(() => [] as CouponShape[]);
      const byId = new Map(coupons.map((coupon) => [coupon.couponId, coupon]));
      const issued = await Promise.all(outcome.issued.map(async (i) => {
        const customer = await c.loaders.customer.load(keyOf(i.customerId)).catch(() => null);
        const coupon = byId.get(i.couponId) ?? bareCoupon(i.couponId, i.customerId, plan.faceValue, plan.scope);
        c.loaders.coupon.prime(couponKey(coupon), coupon);
        return { customer: customerSnapshot(customer ?? bareRecipient(i.customerId, plan.scope)), coupon };
      }));
      return { issued, failed: outcome.failed.map(failureOf) };
    },
    payload(c, answer, replayed) {
      const issued = answer.issued.map((i) => {
        const customerKey = keyOf(i.customer.customerId);
        c.loaders.customer.prime(customerKey, i.customer);
        c.loaders.coupon.prime(couponKey(i.coupon), i.coupon);
        return { customerKey, couponKey: couponKey(i.coupon) };
      });
      return { replayed, issued, failed: answer.failed };
    },
    reference: (o) => (o.issued.length === 1 ? o.issued[0]!.couponId : null),
  });
}

function bareRecipient(customerId: string, scope: Scope): CustomerShape {
  return {
    customerId, accountName: '', name: null, associationType: '2', associatedOn: null, label: null, telephone: null, countryCode: null, email: null,
    verifiedStatus: null, customerType: null, isFrozen: null, customerLevel: null, accountManagers: [], xaccountId: null, xaccountType: null,
    indirectPartnerId: scope,
  };
}

// ---------------------------------------------------------------------------------------------------------
// reclaimCoupons

export interface ReclaimCouponInput {
  readonly couponId: string;
  readonly idempotencyKey: string;
  readonly indirectPartnerId?: string | null;
}

interface ReclaimPlan {
  readonly couponId: string;
  readonly scope: Scope;
  readonly customerId: string | null;
}

export interface ReclaimCouponPayload {
  readonly replayed: boolean;
  readonly couponKey: string;
}

export function reclaimCoupons(ctx: GraphQLContext, raw: ReclaimCouponInput): Promise<ReclaimCouponPayload> {
  const mutation = 'reclaimCoupons';
  const roles = ['admin', 'reseller'] as const;
  assertMayWrite(ctx, mutation, roles);
  const couponId = checkId(raw.couponId, 'input.couponId');
  const idempotencyKey = checkIdempotencyKey(raw.idempotencyKey);
  // §3.3 allows ≤ 100 characters here, but every reseller id is ≤ 64 (§1.1).
  const scope = couponScope(ctx, checkOptionalId(raw.indirectPartnerId, 'input.indirectPartnerId'), 'reclaim coupons');
  const key = scopedKey(couponId, scope);
  return runWrite<ReclaimPlan, { couponId: string }, { coupon: CouponShape }, ReclaimCouponPayload>(ctx, {
    mutation,
    roles,
    idempotencyKey,
    input: { couponId, indirectPartnerId: scope },
    targets: { indirectPartnerId: scope, detail: { upstream: 'ReclaimPartnerCoupons', couponId } },
    async prepare(c) {
      // ListIssuedPartnerCoupons by id in the scope: a coupon of another scope is not found there.
      const coupon = await c.loaders.coupon.load(key);
      if (!coupon) throw writeError(NOT_FOUND, `Coupon ${couponId} was not issued by ${scope ? `reseller ${scope}` : 'the partner'}; nothing was sent.`, { argument: 'input.couponId' });
      return { couponId, scope, customerId: coupon.customerId };
    },
    async send(c, plan) {
      await sendCouponReclaim(c, plan.couponId, plan.scope);
      return { couponId: plan.couponId };
    },
    async reconcile(c, plan) {
      const now = await fetchCoupon(c, scopedKey(plan.couponId, plan.scope));
      if (!now) return { kind: 'undecidable', check: `coupon ${plan.couponId} is no longer listed; see couponRecords of the coupon for a reclaim record` };
      return now.status === COUPON_RECLAIMED ? { kind: 'found', outcome: { couponId: plan.couponId } } : { kind: 'absent' };
    },
    invalidate(c, plan) {
      c.loaders.coupon.clear(key);
      forgetCoupons(c);
      if (plan.customerId) c.partnerCache?.invalidateCustomer(plan.customerId);
    },
    async read(c, plan) {
      const coupon = await c.loaders.coupon.load(key).catch(() => null);
      return { coupon: coupon ?? { ...bareCoupon(plan.couponId, plan.customerId, null, plan.scope), status: COUPON_RECLAIMED } };
    },
    payload(c, answer, replayed) {
      c.loaders.coupon.prime(key, answer.coupon);
      return { replayed, couponKey: key };
    },
    reference: (o) => o.couponId,
  });
}

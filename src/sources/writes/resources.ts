/**
 * Subscription writes on a customer's yearly/monthly resources, made with the customer's token
 * (bss-api-commerce.md §3.3–3.8): RenewalResources, CancelResourcesSubscription, UpdatePeriodToOnDemand,
 * SetResourcesRenewConfig, AutoRenewalResources and CancelAutoRenewalResources. They take main resource ids
 * and act on each main resource with its attached ones; the batch writes report a resource they could not act
 * on as a per-resource failure inside a 200.
 *
 * Reconciliation after a lost answer reads the resources' own state (ListPayPerUseCustomerResources) or the
 * orders a write creates (ListCustomerOrders of the order type, created since just before the send, then the
 * resources of each such order):
 * - renew / unsubscribe: a renewal (type 2) / unsubscription (type 4) order holding the resource, created in
 *   the window;
 * - to-on-demand / auto-renew on / off: the resource's `expire_policy` (1 convert on expiry, 3 auto-renew);
 * - the account's renewal settings have no read at all: undecidable, and harmless to set again.
 */
import {
  AutoRenewalResources, CancelAutoRenewalResources, CancelResourcesSubscription, ListCustomerOrders, RenewalResources,
  SetResourcesRenewConfig, UpdatePeriodToOnDemand, type ErrorDetail, type FailResourceInfo,
} from '../../bss/operations/commerce/index.js';
import type { BssContext } from '../orders.js';
import { fetchAllPeriod, RESOURCE_IDS_MAX, type PeriodResourceShape, type ResourceScope } from '../resources.js';
import { chunks, wireTime } from '../wire.js';
import { firstProblem, idListProblem, idProblem, intRangeProblem, oneOfProblem, optionalTextProblem, problem, type InputProblem } from './input-rules.js';
import { absent, applied, undecidable, windowStart, type LookupOutcome } from './lookup-outcome.js';

/** A resource the upstream did not act on, inside a 200 (`fail_resource_infos` / `error_details`). */
export interface ResourceFailureShape {
  readonly resourceId: string | null;
  readonly code: string | null;
  readonly message: string | null;
}

const fromFailInfo = (f: FailResourceInfo): ResourceFailureShape => ({ resourceId: f.resource_id || null, code: f.error_code || null, message: f.error_msg || null });
const fromErrorDetail = (f: ErrorDetail): ResourceFailureShape => ({ resourceId: f.id || null, code: f.error_code || null, message: f.error_msg || null });

/** The customer whose resources a write acts on (its token makes the call), and the scope it is reached in. */
export type ResourceOwner = ResourceScope;

export const ownerProblem = (o: ResourceOwner): InputProblem | null =>
  firstProblem(idProblem('customerId', o.customerId), o.indirectPartnerId === null ? null : idProblem('indirectPartnerId', o.indirectPartnerId));

const token = (o: ResourceOwner) => ({ customerId: o.customerId });

/** The resources a write names, as the partner now sees them (main ones; ≤ 50 ids per call). */
export async function readResources(ctx: BssContext, owner: ResourceOwner, resourceIds: readonly string[]): Promise<PeriodResourceShape[]> {
  const out: PeriodResourceShape[] = [];
  for (const ids of chunks(resourceIds, RESOURCE_IDS_MAX)) out.push(...(await fetchAllPeriod(ctx, owner, { resourceIds: ids, onlyMain: true })));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Orders a write creates (renewal, unsubscription): the answer, and how a lost one is found again

export interface OrdersCreatedShape {
  /** The orders the write created (renewals pending payment unless paid automatically; unsubscriptions completed). */
  readonly orderIds: readonly string[];
  readonly failures: readonly ResourceFailureShape[];
}

/** E8 order types, as ListCustomerOrders filters them (a string). */
const RENEWAL_ORDER = '2';
const UNSUBSCRIPTION_ORDER = '4';
/** Candidate orders looked at, newest first: a write creates one per resource group (≤ 10). */
const MAX_CANDIDATE_ORDERS = 20;

/**
 * The orders of `orderType` created for the customer since just before the send that hold the named resources:
 * one ListCustomerOrders call, then one ListPayPerUseCustomerResources call per candidate order until every
 * resource is accounted for. Every resource in such an order → applied; none → absent; some → applied, the
 * others reported as failures (one call either happened or not: a resource it left out was a per-resource
 * failure in the lost answer). Limit: a renewal or unsubscription of the same resource made by someone else in
 * the same few minutes (the customer in its console) is indistinguishable from ours.
 */
async function findCreatedOrders(ctx: BssContext, owner: ResourceOwner, resourceIds: readonly string[], orderType: string, sentAt: Date, what: string): Promise<LookupOutcome<OrdersCreatedShape>> {
  const listed = await ctx.bss.call(ListCustomerOrders, {
    customer_id: owner.customerId, indirect_partner_id: owner.indirectPartnerId ?? undefined, order_type: orderType,
    create_time_begin: wireTime(windowStart(sentAt)), order_by: '-createTime', offset: 0, limit: MAX_CANDIDATE_ORDERS,
  }, { language: ctx.language });
  const wanted = new Set(resourceIds);
  const orderIds: string[] = [];
  for (const order of listed.order_infos ?? []) {
    if (wanted.size === 0) break;
    if (!order.order_id) continue;
    const inOrder = await fetchAllPeriod(ctx, owner, { orderId: order.order_id, resourceIds: [...wanted], onlyMain: true });
    const hits = inOrder.filter((r) => wanted.has(r.resourceId));
    if (hits.length === 0) continue;
    orderIds.push(order.order_id);
    for (const r of hits) wanted.delete(r.resourceId);
  }
  if (orderIds.length === 0) return absent(`no ${what} order holding ${resourceIds.join(', ')} was created since the request was sent`);
  return applied({
    orderIds,
    failures: [...wanted].map((resourceId) => ({ resourceId, code: null, message: `no ${what} order holds this resource: the upstream did not act on it` })),
  });
}

// ---------------------------------------------------------------------------------------------------------
// §3.3 RenewalResources

export interface RenewInput {
  readonly resourceIds: readonly string[];
  /** 2 month, 3 year. */
  readonly periodType: 2 | 3;
  readonly periodNum: number;
  /** Pay the renewal order at once from the customer's balance (`is_auto_pay` 1). */
  readonly autoPay: boolean;
}

/** 1–10 main resources; months 1–11 or years 1–3 (§3.3). */
export const renewProblem = (input: RenewInput): InputProblem | null =>
  firstProblem(
    idListProblem('resourceIds', input.resourceIds, 1, RenewalResources.batch!.max),
    oneOfProblem('periodType', input.periodType, [2, 3]),
    input.periodType === 2 ? intRangeProblem('periodCount', input.periodNum, 1, 11) : intRangeProblem('periodCount', input.periodNum, 1, 3),
  );

export async function sendRenewal(ctx: BssContext, owner: ResourceOwner, input: RenewInput): Promise<OrdersCreatedShape> {
  const res = await ctx.bss.call(RenewalResources, {
    body: { resource_ids: [...input.resourceIds], period_type: input.periodType, period_num: input.periodNum, is_auto_pay: input.autoPay ? 1 : 0 },
  }, token(owner));
  return { orderIds: res.order_ids ?? [], failures: (res.fail_resource_infos ?? []).map(fromFailInfo) };
}

export const findRenewal = (ctx: BssContext, owner: ResourceOwner, input: RenewInput, sentAt: Date): Promise<LookupOutcome<OrdersCreatedShape>> =>
  findCreatedOrders(ctx, owner, input.resourceIds, RENEWAL_ORDER, sentAt, 'renewal');

// ---------------------------------------------------------------------------------------------------------
// §3.4 CancelResourcesSubscription

export interface UnsubscribeInput {
  readonly resourceIds: readonly string[];
  /** 1 the resource and its renewed periods, 2 only the renewed periods that have not started. */
  readonly unsubscribeType: 1 | 2;
  /** 1 hard to use, 2 features missing, 3 too complex, 4 unhappy with service, 5 other. */
  readonly reasonType: number | null;
  readonly reason: string | null;
}

/** The longest free-text reason sent: the reference states none; Huawei's console takes 300 characters [inferred]. */
export const MAX_UNSUBSCRIBE_REASON = 300;

export const unsubscribeProblem = (input: UnsubscribeInput): InputProblem | null =>
  firstProblem(
    idListProblem('resourceIds', input.resourceIds, 1, CancelResourcesSubscription.batch!.max),
    oneOfProblem('scope', input.unsubscribeType, [1, 2]),
    input.reasonType === null ? null : oneOfProblem('reasonType', input.reasonType, [1, 2, 3, 4, 5]),
    optionalTextProblem('reason', input.reason, MAX_UNSUBSCRIBE_REASON),
  );

export async function sendUnsubscribe(ctx: BssContext, owner: ResourceOwner, input: UnsubscribeInput): Promise<OrdersCreatedShape> {
  const res = await ctx.bss.call(CancelResourcesSubscription, {
    body: {
      resource_ids: [...input.resourceIds], unsubscribe_type: input.unsubscribeType,
      ...(input.reasonType !== null ? { unsubscribe_reason_type: input.reasonType } : {}),
      ...(input.reason ? { unsubscribe_reason: input.reason } : {}),
    },
  }, token(owner));
  return { orderIds: res.order_ids ?? [], failures: (res.fail_resource_infos ?? []).map(fromFailInfo) };
}

export const findUnsubscribe = (ctx: BssContext, owner: ResourceOwner, input: UnsubscribeInput, sentAt: Date): Promise<LookupOutcome<OrdersCreatedShape>> =>
  findCreatedOrders(ctx, owner, input.resourceIds, UNSUBSCRIPTION_ORDER, sentAt, 'unsubscription');

// ---------------------------------------------------------------------------------------------------------
// Expiry policies (E12): 1 convert to pay-per-use on expiry, 3 renew automatically

export const EXPIRE_POLICY = { toOnDemand: 1, autoRenew: 3 } as const;

export interface PolicyChangeShape {
  readonly resourceIds: readonly string[];
  readonly failures: readonly ResourceFailureShape[];
}

/**
 * Whether a policy write took effect, from the resources' `expire_policy` now: every resource in the wanted
 * state → applied; none → absent; some → applied, the others failures (one call either happened or not).
 * Limit: a resource already in the wanted state before the write reads as applied — which is the state asked for.
 */
async function findPolicy(ctx: BssContext, owner: ResourceOwner, resourceIds: readonly string[], inWantedState: (r: PeriodResourceShape) => boolean, what: string): Promise<LookupOutcome<PolicyChangeShape>> {
  const found = await readResources(ctx, owner, resourceIds);
  const done = new Set(found.filter(inWantedState).map((r) => r.resourceId));
  const wanted = resourceIds.filter((id) => done.has(id));
  if (wanted.length === 0) return absent(`none of ${resourceIds.join(', ')} shows ${what}`);
  return applied({
    resourceIds: wanted,
    failures: resourceIds.filter((id) => !done.has(id)).map((resourceId) => ({ resourceId, code: null, message: `does not show ${what}: the upstream did not act on it` })),
  });
}

// §3.5 UpdatePeriodToOnDemand

export interface ToOnDemandInput {
  readonly resourceIds: readonly string[];
  /** SET_UP: convert to pay-per-use when the subscription expires; CANCEL: stop that. */
  readonly operation: 'SET_UP' | 'CANCEL';
}

export const toOnDemandProblem = (input: ToOnDemandInput): InputProblem | null =>
  firstProblem(idListProblem('resourceIds', input.resourceIds, 1, UpdatePeriodToOnDemand.batch!.max), oneOfProblem('action', input.operation, ['SET_UP', 'CANCEL']));

export async function sendToOnDemand(ctx: BssContext, owner: ResourceOwner, input: ToOnDemandInput): Promise<PolicyChangeShape> {
  const res = await ctx.bss.call(UpdatePeriodToOnDemand, { body: { operation: input.operation, resource_ids: [...input.resourceIds] } }, token(owner));
  const failures = (res.error_details ?? []).map(fromErrorDetail);
  const failed = new Set(failures.map((f) => f.resourceId));
  return { resourceIds: input.resourceIds.filter((id) => !failed.has(id)), failures };
}

export const findToOnDemand = (ctx: BssContext, owner: ResourceOwner, input: ToOnDemandInput): Promise<LookupOutcome<PolicyChangeShape>> =>
  input.operation === 'SET_UP'
    ? findPolicy(ctx, owner, input.resourceIds, (r) => r.expirePolicy === EXPIRE_POLICY.toOnDemand, 'conversion to pay-per-use on expiry')
    : findPolicy(ctx, owner, input.resourceIds, (r) => r.expirePolicy !== EXPIRE_POLICY.toOnDemand, 'the conversion to pay-per-use cancelled');

// §3.7 AutoRenewalResources, §3.8 CancelAutoRenewalResources

export interface AutoRenewInput {
  readonly resourceId: string;
  /** 0–99 renewals, 0 unlimited; null: unlimited on first enable, unchanged when already on. */
  readonly times: number | null;
}

export const autoRenewProblem = (input: AutoRenewInput): InputProblem | null =>
  firstProblem(idProblem('resourceId', input.resourceId), input.times === null ? null : intRangeProblem('times', input.times, 0, 99));

export async function sendAutoRenewOn(ctx: BssContext, owner: ResourceOwner, input: AutoRenewInput): Promise<void> {
  await ctx.bss.call(AutoRenewalResources, { resource_id: input.resourceId, ...(input.times !== null ? { body: { auto_renew_times: input.times } } : {}) }, token(owner));
}

/** Limit: `auto_renew_times` is not readable anywhere, so a changed count on a resource already renewing cannot be seen. */
export const findAutoRenewOn = (ctx: BssContext, owner: ResourceOwner, input: AutoRenewInput): Promise<LookupOutcome<PolicyChangeShape>> =>
  findPolicy(ctx, owner, [input.resourceId], (r) => r.expirePolicy === EXPIRE_POLICY.autoRenew, 'auto-renewal on');

export async function sendAutoRenewOff(ctx: BssContext, owner: ResourceOwner, resourceId: string): Promise<void> {
  await ctx.bss.call(CancelAutoRenewalResources, { resource_id: resourceId }, token(owner));
}

export const findAutoRenewOff = (ctx: BssContext, owner: ResourceOwner, resourceId: string): Promise<LookupOutcome<PolicyChangeShape>> =>
  findPolicy(ctx, owner, [resourceId], (r) => r.expirePolicy !== EXPIRE_POLICY.autoRenew, 'auto-renewal off');

// ---------------------------------------------------------------------------------------------------------
// §3.6 SetResourcesRenewConfig

export interface RenewConfigInput {
  readonly name: 'DEDUCTION_DATE' | 'EXPIRE_DATE';
  /** DEDUCTION_DATE: 2–7 days before expiry; EXPIRE_DATE: day 1–28 of the month, or -1 for its last day. */
  readonly value: number;
}

export function renewConfigProblem(input: RenewConfigInput): InputProblem | null {
  if (input.name === 'DEDUCTION_DATE') return intRangeProblem('value', input.value, 2, 7);
  if (input.name === 'EXPIRE_DATE') {
    const ok = input.value === -1 || (Number.isInteger(input.value) && input.value >= 1 && input.value <= 28);
    return ok ? null : problem('value', `must be a day from 1 to 28, or -1 for the last day of the month (got ${input.value})`);
  }
  return oneOfProblem('setting', input.name, ['DEDUCTION_DATE', 'EXPIRE_DATE']);
}

export interface RenewConfigShape {
  /** `error_code` of the 200 answer, when the upstream fills it. */
  readonly resultCode: string | null;
  readonly resultMessage: string | null;
}

export async function sendRenewConfig(ctx: BssContext, owner: ResourceOwner, input: RenewConfigInput): Promise<RenewConfigShape> {
  const res = await ctx.bss.call(SetResourcesRenewConfig, { body: { config_name: input.name, config_value: String(input.value) } }, token(owner));
  return { resultCode: res.error_code || null, resultMessage: res.error_msg || null };
}

/**
 * The account's renewal settings are not readable through any endpoint of the reference, so a lost answer
 * cannot be decided. Setting the same value again is harmless (the write sets, it does not add).
 */
export const findRenewConfig = (input: RenewConfigInput): LookupOutcome<RenewConfigShape> =>
  undecidable(`the renewal setting ${input.name} cannot be read back from any endpoint`);

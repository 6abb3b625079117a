/**
 * Subscription mutations on a customer's yearly/monthly resources, with the customer's token
 * (bss-api-commerce.md §3.3–3.8), through runWrite: renewResources, unsubscribeResources,
 * convertResourcesToOnDemand, setResourcesRenewal, enableAutoRenewal and disableAutoRenewal.
 * Upstream access and reconciliation rules: src/sources/writes/resources.ts; docs/writes.md.
 *
 * Each first finds the customer in the caller's scope (ListSubCustomers, as the fund mutations do): a reseller
 * key acts only on its own customers, and the customer's scope is what the order lookups of a reconciliation ask
 * in. After the write the named resources are read once (ListPayPerUseCustomerResources) and returned.
 */
import { boundReseller, forbidden } from '../../auth/scope.js';
import type { GraphQLContext } from '../../context.js';
import { ListCustomerAccountChangeRecords } from '../../bss/operations/partners/index.js';
import { encodeOrderKey, type OrderShape } from '../../sources/orders.js';
import { encodeResourceKey, type PeriodResourceShape } from '../../sources/resources.js';
import { scopedKey, type Scope } from '../../sources/wire.js';
import {
  autoRenewProblem, findAutoRenewOff, findAutoRenewOn, findRenewal, findRenewConfig, findToOnDemand, findUnsubscribe, readResources,
  renewConfigProblem, renewProblem, sendAutoRenewOff, sendAutoRenewOn, sendRenewal, sendRenewConfig, sendToOnDemand, sendUnsubscribe,
  toOnDemandProblem, unsubscribeProblem,
  type AutoRenewInput, type OrdersCreatedShape, type PolicyChangeShape, type RenewConfigInput, type RenewConfigShape, type RenewInput,
  type ResourceFailureShape, type ResourceOwner, type ToOnDemandInput, type UnsubscribeInput,
} from '../../sources/writes/resources.js';
import { assertMayWrite, runWrite, type Reconciled, type WriteDefinition } from './run-write.js';
import { NOT_FOUND, writeError } from './write-errors.js';
import { checkId, checkIdempotencyKey, checkOptionalId } from './write-input.js';
import { keyOrFresh, reconciledFrom, refuseProblem } from './write-lookup.js';
import { refreshOpenConsumption } from './consumption-refresh.js';

/** Admin keys, and reseller keys for their own customers' resources. */
const ROLES = ['admin', 'reseller'] as const;

export interface ResourceOwnerInput {
  readonly customerId: string;
  /** The reseller whose customer it is; absent: a reseller key's own, or searched (admin). */
  readonly indirectPartnerId?: string | null;
  readonly idempotencyKey?: string | null;
}

/** The scope to look the customer up in: a reseller key's own; an admin's named one; undefined: searched. */
function scopeHintOf(ctx: GraphQLContext, input: ResourceOwnerInput): Scope | undefined {
  const named = checkOptionalId(input.indirectPartnerId, 'input.indirectPartnerId');
  const bound = boundReseller(ctx.caller);
  if (bound !== null && named && named !== bound) {
    throw forbidden(`This API key may only act on reseller ${bound}'s customers (input.indirectPartnerId names ${named}).`);
  }
  return bound ?? named ?? undefined;
}

/** ListSubCustomers in the scope (or the search): the customer must be there. */
async function findOwner(ctx: GraphQLContext, customerId: string, hint: Scope | undefined): Promise<ResourceOwner> {
  const customer = await ctx.loaders.customer.load(hint === undefined ? customerId : scopedKey(customerId, hint));
  if (!customer) {
    const where = hint ? `reseller ${hint}` : hint === null ? 'the partner' : 'the partner or its resellers';
    throw writeError(NOT_FOUND, `Customer ${customerId} is not a customer of ${where}; nothing was sent.`, { argument: 'input.customerId' });
  }
  return { customerId: customer.customerId, indirectPartnerId: customer.indirectPartnerId };
}

/** What every resource write drops: the request's resources and orders (a renewal or refund changes both). */
function forgetResources(ctx: GraphQLContext): void {
  ctx.loaders.periodResource.clearAll();
  ctx.loaders.periodChildren.clearAll();
  ctx.loaders.orderResourceIds.clearAll();
  ctx.loaders.completedOrders.clearAll();
  ctx.loaders.orderDetailsPage.clearAll();
}

/** The named resources after the write (none answered: a read failure leaves them to a later query). */
const readAfter = (ctx: GraphQLContext, owner: ResourceOwner, ids: readonly string[]): Promise<PeriodResourceShape[]> =>
  readResources(ctx, owner, ids).catch(() => []);

function primeResources(ctx: GraphQLContext, resources: readonly PeriodResourceShape[]): string[] {
  return resources.map((r) => {
    const key = encodeResourceKey(r);
    ctx.loaders.periodResource.prime(key, r);
    return key;
  });
}

/** The common skeleton of a resource write: the owner is looked up, the rest is the mutation's. */
function resourceWrite<Outcome, Answer, Payload>(
  ctx: GraphQLContext,
  raw: ResourceOwnerInput,
  def: {
    readonly mutation: string;
    /** Money moves (a renewal's order, an unsubscription's refund): the key is required. */
    readonly moneyMoves: boolean;
    /** Sending it twice is harmless (run-write.ts `repeatable`). */
    readonly repeatable?: boolean;
    readonly input: unknown;
    readonly detail: Readonly<Record<string, string | number | boolean | null>>;
    send(c: GraphQLContext, owner: ResourceOwner): Promise<Outcome>;
    reconcile(c: GraphQLContext, owner: ResourceOwner, sentAt: Date): Promise<Reconciled<Outcome>>;
    invalidate?(c: GraphQLContext, owner: ResourceOwner): void;
    read(c: GraphQLContext, owner: ResourceOwner, outcome: Outcome): Promise<Answer>;
    payload(c: GraphQLContext, answer: Answer, replayed: boolean): Payload;
  },
): Promise<Payload> {
  assertMayWrite(ctx, def.mutation, ROLES);
  const customerId = checkId(raw.customerId, 'input.customerId');
  const hint = scopeHintOf(ctx, raw);
  const idempotencyKey = def.moneyMoves ? checkIdempotencyKey(raw.idempotencyKey ?? '') : keyOrFresh(raw.idempotencyKey);
  const write: WriteDefinition<ResourceOwner, Outcome, Answer, Payload> = {
    mutation: def.mutation,
    roles: ROLES,
    idempotencyKey,
    input: { customerId, indirectPartnerId: hint ?? null, ...(def.input as object) },
    targets: { customerId, indirectPartnerId: hint ?? null, detail: def.detail },
    prepare: (c) => findOwner(c, customerId, hint),
    send: (c, owner) => def.send(c, owner),
    reconcile: (c, owner, sentAt) => def.reconcile(c, owner, sentAt),
    async invalidate(c, owner) {
      forgetResources(c);
      def.invalidate?.(c, owner);
      // Money moved: the renewal's order or the refund is in the customer's open cycle now.
      if (def.moneyMoves) await refreshOpenConsumption(c, owner.customerId, owner.indirectPartnerId ?? null);
    },
    read: (c, owner, outcome) => def.read(c, owner, outcome),
    payload: (c, answer, replayed) => def.payload(c, answer, replayed),
    reference: () => null,
    ...(def.repeatable ? { repeatable: true } : {}),
  };
  return runWrite(ctx, write);
}

// ---------------------------------------------------------------------------------------------------------
// Renew and unsubscribe: orders created

/** Stored and replayed: order ids, per-resource failures, and the orders and resources as read after the write. */
export interface OrdersCreatedAnswer extends OrdersCreatedShape {
  readonly indirectPartnerId: string | null;
  /** ListCustomerOrders holds no personal data: stored as read. */
  readonly orders: readonly OrderShape[];
  readonly resources: readonly PeriodResourceShape[];
}

export interface OrdersCreatedPayload {
  readonly replayed: boolean;
  /** Loader keys of the orders created (`encodeOrderKey`). */
  readonly orderKeys: readonly string[];
  readonly failures: readonly ResourceFailureShape[];
  /** Loader keys of the resources (`encodeResourceKey`), primed. */
  readonly resourceKeys: readonly string[];
}

function ordersCreatedPayload(ctx: GraphQLContext, answer: OrdersCreatedAnswer, replayed: boolean): OrdersCreatedPayload {
  for (const order of answer.orders) ctx.loaders.order.prime(encodeOrderKey(order), order);
  return {
    replayed,
    orderKeys: answer.orderIds.map((orderId) => encodeOrderKey({ orderId, indirectPartnerId: answer.indirectPartnerId })),
    failures: answer.failures,
    resourceKeys: primeResources(ctx, answer.resources),
  };
}

/** The orders the write created (ListCustomerOrders, one call each: there is no id-list read) and the resources. */
async function ordersCreatedAnswer(ctx: GraphQLContext, owner: ResourceOwner, ids: readonly string[], outcome: OrdersCreatedShape): Promise<OrdersCreatedAnswer> {
  const keys = outcome.orderIds.map((orderId) => encodeOrderKey({ orderId, indirectPartnerId: owner.indirectPartnerId }));
  const [orders, resources] = await Promise.all([
    Promise.all(keys.map((k) => ctx.loaders.order.load(k).catch(() => null))),
    readAfter(ctx, owner, ids),
  ]);
  return { ...outcome, indirectPartnerId: owner.indirectPartnerId, orders: orders.filter((o): o is OrderShape => o !== null), resources };
}

export interface RenewResourcesInput extends ResourceOwnerInput {
  readonly resourceIds: readonly string[];
  readonly periodUnit: 2 | 3;
  readonly periodCount: number;
  readonly autoPay?: boolean | null;
}

/** Creates renewal orders (paid at once with `autoPay`): money moves, the key is required. */
export function renewResources(ctx: GraphQLContext, raw: RenewResourcesInput): Promise<OrdersCreatedPayload> {
  const input: RenewInput = { resourceIds: raw.resourceIds, periodType: raw.periodUnit, periodNum: raw.periodCount, autoPay: raw.autoPay ?? false };
  assertMayWrite(ctx, 'renewResources', ROLES);
  refuseProblem(renewProblem(input));
  return resourceWrite<OrdersCreatedShape, OrdersCreatedAnswer, OrdersCreatedPayload>(ctx, raw, {
    mutation: 'renewResources',
    moneyMoves: true,
    input,
    detail: { resources: input.resourceIds.length, periodType: input.periodType, periodNum: input.periodNum, autoPay: input.autoPay, upstream: 'RenewalResources' },
    send: (c, owner) => sendRenewal(c, owner, input),
    reconcile: async (c, owner, sentAt) => reconciledFrom(await findRenewal(c, owner, input, sentAt), (o) => o),
    invalidate(c, owner) {
      if (!input.autoPay) return;
      // Paid at once from the customer's balance.
      c.loaders.customerBalance.clear(scopedKey(owner.customerId, owner.indirectPartnerId));
      c.loaders.customerOwnBalances.clear(owner.customerId);
      c.loaders.forgetReads([ListCustomerAccountChangeRecords.name]);
    },
    read: (c, owner, outcome) => ordersCreatedAnswer(c, owner, input.resourceIds, outcome),
    payload: ordersCreatedPayload,
  });
}

export interface UnsubscribeResourcesInput extends ResourceOwnerInput {
  readonly resourceIds: readonly string[];
  readonly unsubscribeType: 1 | 2;
  readonly reasonType?: number | null;
  readonly reason?: string | null;
}

/** Unsubscribes (the refund is credited to the customer's balance): money moves, the key is required. */
export function unsubscribeResources(ctx: GraphQLContext, raw: UnsubscribeResourcesInput): Promise<OrdersCreatedPayload> {
  const input: UnsubscribeInput = { resourceIds: raw.resourceIds, unsubscribeType: raw.unsubscribeType, reasonType: raw.reasonType ?? null, reason: raw.reason ?? null };
  assertMayWrite(ctx, 'unsubscribeResources', ROLES);
  refuseProblem(unsubscribeProblem(input));
  return resourceWrite<OrdersCreatedShape, OrdersCreatedAnswer, OrdersCreatedPayload>(ctx, raw, {
    mutation: 'unsubscribeResources',
    moneyMoves: true,
    input,
    detail: { resources: input.resourceIds.length, unsubscribeType: input.unsubscribeType, upstream: 'CancelResourcesSubscription' },
    send: (c, owner) => sendUnsubscribe(c, owner, input),
    reconcile: async (c, owner, sentAt) => reconciledFrom(await findUnsubscribe(c, owner, input, sentAt), (o) => o),
    invalidate(c, owner) {
      c.loaders.customerBalance.clear(scopedKey(owner.customerId, owner.indirectPartnerId));
      c.loaders.customerOwnBalances.clear(owner.customerId);
      c.loaders.forgetReads([ListCustomerAccountChangeRecords.name]);
    },
    read: (c, owner, outcome) => ordersCreatedAnswer(c, owner, input.resourceIds, outcome),
    payload: ordersCreatedPayload,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Expiry policies: to on-demand, auto-renewal on and off

export interface PolicyAnswer extends PolicyChangeShape {
  readonly resources: readonly PeriodResourceShape[];
}

export interface PolicyPayload {
  readonly replayed: boolean;
  readonly failures: readonly ResourceFailureShape[];
  readonly resourceKeys: readonly string[];
}

const policyPayload = (ctx: GraphQLContext, answer: PolicyAnswer, replayed: boolean): PolicyPayload =>
  ({ replayed, failures: answer.failures, resourceKeys: primeResources(ctx, answer.resources) });

export interface ToOnDemandMutationInput extends ResourceOwnerInput {
  readonly resourceIds: readonly string[];
  readonly operation: 'SET_UP' | 'CANCEL';
}

export function convertResourcesToOnDemand(ctx: GraphQLContext, raw: ToOnDemandMutationInput): Promise<PolicyPayload> {
  const input: ToOnDemandInput = { resourceIds: raw.resourceIds, operation: raw.operation };
  assertMayWrite(ctx, 'convertResourcesToOnDemand', ROLES);
  refuseProblem(toOnDemandProblem(input));
  return resourceWrite<PolicyChangeShape, PolicyAnswer, PolicyPayload>(ctx, raw, {
    mutation: 'convertResourcesToOnDemand',
    moneyMoves: false,
    input,
    detail: { resources: input.resourceIds.length, operation: input.operation, upstream: 'UpdatePeriodToOnDemand' },
    send: (c, owner) => sendToOnDemand(c, owner, input),
    reconcile: async (c, owner) => reconciledFrom(await findToOnDemand(c, owner, input), (o) => o),
    read: async (c, owner, outcome) => ({ ...outcome, resources: await readAfter(c, owner, input.resourceIds) }),
    payload: policyPayload,
  });
}

export interface AutoRenewMutationInput extends ResourceOwnerInput {
  readonly resourceId: string;
  readonly times?: number | null;
}

export function enableAutoRenewal(ctx: GraphQLContext, raw: AutoRenewMutationInput): Promise<PolicyPayload> {
  const input: AutoRenewInput = { resourceId: raw.resourceId, times: raw.times ?? null };
  assertMayWrite(ctx, 'enableAutoRenewal', ROLES);
  refuseProblem(autoRenewProblem(input));
  return resourceWrite<PolicyChangeShape, PolicyAnswer, PolicyPayload>(ctx, raw, {
    mutation: 'enableAutoRenewal',
    moneyMoves: false,
    input,
    detail: { resourceId: input.resourceId, times: input.times, upstream: 'AutoRenewalResources' },
    send: async (c, owner) => {
      await sendAutoRenewOn(c, owner, input);
      return { resourceIds: [input.resourceId], failures: [] };
    },
    reconcile: async (c, owner) => reconciledFrom(await findAutoRenewOn(c, owner, input), (o) => o),
    read: async (c, owner, outcome) => ({ ...outcome, resources: await readAfter(c, owner, [input.resourceId]) }),
    payload: policyPayload,
  });
}

export function disableAutoRenewal(ctx: GraphQLContext, raw: AutoRenewMutationInput): Promise<PolicyPayload> {
  assertMayWrite(ctx, 'disableAutoRenewal', ROLES);
  refuseProblem(autoRenewProblem({ resourceId: raw.resourceId, times: null }));
  const resourceId = raw.resourceId;
  return resourceWrite<PolicyChangeShape, PolicyAnswer, PolicyPayload>(ctx, raw, {
    mutation: 'disableAutoRenewal',
    moneyMoves: false,
    input: { resourceId },
    detail: { resourceId, upstream: 'CancelAutoRenewalResources' },
    send: async (c, owner) => {
      await sendAutoRenewOff(c, owner, resourceId);
      return { resourceIds: [resourceId], failures: [] };
    },
    reconcile: async (c, owner) => reconciledFrom(await findAutoRenewOff(c, owner, resourceId), (o) => o),
    read: async (c, owner, outcome) => ({ ...outcome, resources: await readAfter(c, owner, [resourceId]) }),
    payload: policyPayload,
  });
}

// ---------------------------------------------------------------------------------------------------------
// The account's renewal settings

export interface RenewConfigMutationInput extends ResourceOwnerInput {
  readonly setting: 'DEDUCTION_DATE' | 'EXPIRE_DATE';
  readonly value: number;
}

export interface RenewConfigAnswer extends RenewConfigShape, RenewConfigInput {
  readonly customerId: string;
}

export interface RenewConfigPayload extends RenewConfigAnswer {
  readonly replayed: boolean;
}

export function setResourcesRenewal(ctx: GraphQLContext, raw: RenewConfigMutationInput): Promise<RenewConfigPayload> {
  const input: RenewConfigInput = { name: raw.setting, value: raw.value };
  assertMayWrite(ctx, 'setResourcesRenewal', ROLES);
  refuseProblem(renewConfigProblem(input));
  return resourceWrite<RenewConfigShape, RenewConfigAnswer, RenewConfigPayload>(ctx, raw, {
    mutation: 'setResourcesRenewal',
    moneyMoves: false,
    repeatable: true,
    input,
    detail: { setting: input.name, value: input.value, upstream: 'SetResourcesRenewConfig' },
    send: (c, owner) => sendRenewConfig(c, owner, input),
    reconcile: () => Promise.resolve(reconciledFrom(findRenewConfig(input), (o) => o)),
    read: (_c, owner, outcome) => Promise.resolve({ ...outcome, ...input, customerId: owner.customerId }),
    payload: (_c, answer, replayed) => ({ ...answer, replayed }),
  });
}

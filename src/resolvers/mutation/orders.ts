/**
 * Order mutations, with the order's customer's token (bss-api-commerce.md §2.3, §2.4): cancelOrder
 * (CancelCustomerOrder) and payOrder (PayOrders), through runWrite. Upstream access: src/sources/writes/orders.ts.
 *
 * Each first reads the order in the caller's scope (ListCustomerOrders with `order_id`): that finds whose token
 * the write takes and, for a reseller key, that the order is its customer's. A lost answer is reconciled from
 * the order's status (docs/writes.md).
 */
import { scopeOfArg } from '../../auth/scope.js';
import type { GraphQLContext } from '../../context.js';
import { ListCustomerAccountChangeRecords } from '../../bss/operations/partners/index.js';
import { encodeOrderKey, type OrderShape } from '../../sources/orders.js';
import { scopedKey } from '../../sources/wire.js';
import {
  findCancellation, findPayment, orderTargetProblem, paymentProblem, sendCancelOrder, sendPayOrder,
  type OrderTarget, type OrderToActOn, type PaymentChoice,
} from '../../sources/writes/orders.js';
import { refreshOpenConsumption } from './consumption-refresh.js';
import { assertMayWrite, runWrite } from './run-write.js';
import { keyOrFresh, reconciledFrom, refuseProblem } from './write-lookup.js';
import { NOT_FOUND, writeError } from './write-errors.js';
import { checkIdempotencyKey } from './write-input.js';

/** Admin keys, and reseller keys for their own customers' orders. */
const ROLES = ['admin', 'reseller'] as const;

export interface OrderWriteInput {
  readonly orderId: string;
  /** The reseller whose customer placed the order; absent: a reseller key's own, or the partner's own customers. */
  readonly indirectPartnerId?: string | null;
  readonly idempotencyKey?: string | null;
}

export interface PayOrderInput extends OrderWriteInput {
  readonly coupons?: readonly { readonly couponId: string; readonly type: number }[] | null;
  readonly discount?: { readonly discountId: string; readonly type: number } | null;
}

interface OrderPlan extends OrderToActOn {
  readonly indirectPartnerId: string | null;
}

/** The order as it is after the write, stored and replayed (ListCustomerOrders holds no personal data). */
export interface OrderAnswer {
  readonly order: OrderShape | null;
}

export interface OrderPayload {
  readonly replayed: boolean;
  /** The order's loader key (`encodeOrderKey`): its fields load through the request's loaders. */
  readonly orderKey: string;
}

function targetOf(ctx: GraphQLContext, input: OrderWriteInput): OrderTarget {
  const target = { orderId: input.orderId, indirectPartnerId: scopeOfArg(ctx.caller, input.indirectPartnerId) };
  refuseProblem(orderTargetProblem(target));
  return target;
}

/** ListCustomerOrders with `order_id` in the target's scope: the order must be there, with a customer. */
async function prepareOrder(ctx: GraphQLContext, target: OrderTarget): Promise<OrderPlan> {
  const order = await ctx.loaders.order.load(encodeOrderKey(target));
  if (!order?.customerId) {
    const where = target.indirectPartnerId ? `reseller ${target.indirectPartnerId}'s customers` : 'the partner\'s own customers';
    throw writeError(NOT_FOUND, `Order ${target.orderId} is not an order of ${where}; nothing was sent.`, { argument: 'input.orderId' });
  }
  return { orderId: order.orderId, customerId: order.customerId, indirectPartnerId: target.indirectPartnerId };
}

/** The order, read afresh after the write: its loader entry (and details) are dropped first. */
function forgetOrder(ctx: GraphQLContext, plan: OrderPlan): void {
  ctx.loaders.order.clear(encodeOrderKey(plan));
  ctx.loaders.orderDetailsPage.clearAll();
  ctx.loaders.completedOrders.clearAll();
}

async function readOrder(ctx: GraphQLContext, plan: OrderPlan, after?: OrderShape): Promise<OrderAnswer> {
  // The reconciliation read the order already: no second call for it.
  if (after) return { order: after };
  return { order: await ctx.loaders.order.load(encodeOrderKey(plan)).catch(() => null) };
}

function orderPayload(ctx: GraphQLContext, target: OrderTarget, answer: OrderAnswer, replayed: boolean): OrderPayload {
  const key = encodeOrderKey(answer.order ?? target);
  if (answer.order) ctx.loaders.order.prime(key, answer.order);
  return { replayed, orderKey: key };
}

/** What a write on an order did: the order as a lookup found it, when its answer was lost. */
interface OrderOutcome {
  readonly order?: OrderShape;
}

export function cancelOrder(ctx: GraphQLContext, raw: OrderWriteInput): Promise<OrderPayload> {
  const mutation = 'cancelOrder';
  assertMayWrite(ctx, mutation, ROLES);
  const target = targetOf(ctx, raw);
  const idempotencyKey = keyOrFresh(raw.idempotencyKey);
  return runWrite<OrderPlan, OrderOutcome, OrderAnswer, OrderPayload>(ctx, {
    mutation,
    roles: ROLES,
    idempotencyKey,
    input: target,
    targets: { indirectPartnerId: target.indirectPartnerId, detail: { orderId: target.orderId, upstream: 'CancelCustomerOrder' } },
    prepare: (c) => prepareOrder(c, target),
    send: async (c, p) => {
      await sendCancelOrder(c, p);
      return {};
    },
    reconcile: async (c, p) => reconciledFrom(await findCancellation(c, p), (order) => ({ order })),
    invalidate: (c, p) => forgetOrder(c, p),
    read: (c, p, outcome) => readOrder(c, p, outcome.order),
    payload: (c, answer, replayed) => orderPayload(c, target, answer, replayed),
    reference: () => null,
  });
}

function choiceOf(input: PayOrderInput): PaymentChoice {
  const choice: PaymentChoice = {
    coupons: (input.coupons ?? []).map((c) => ({ id: c.couponId, type: c.type })),
    discount: input.discount ? { id: input.discount.discountId, type: input.discount.type } : null,
  };
  refuseProblem(paymentProblem(choice));
  return choice;
}

/** Moves money (the customer's balance pays): the idempotency key is required. */
export function payOrder(ctx: GraphQLContext, raw: PayOrderInput): Promise<OrderPayload> {
  const mutation = 'payOrder';
  assertMayWrite(ctx, mutation, ROLES);
  const target = targetOf(ctx, raw);
  const choice = choiceOf(raw);
  const idempotencyKey = checkIdempotencyKey(raw.idempotencyKey ?? '');
  return runWrite<OrderPlan, OrderOutcome, OrderAnswer, OrderPayload>(ctx, {
    mutation,
    roles: ROLES,
    idempotencyKey,
    input: { ...target, choice },
    targets: {
      indirectPartnerId: target.indirectPartnerId,
      detail: { orderId: target.orderId, coupons: choice.coupons.length, discount: choice.discount?.id ?? null, upstream: 'PayOrders' },
    },
    prepare: (c) => prepareOrder(c, target),
    send: async (c, p) => {
      await sendPayOrder(c, p, choice);
      return {};
    },
    reconcile: async (c, p) => reconciledFrom(await findPayment(c, p), (order) => ({ order })),
    async invalidate(c, p) {
      forgetOrder(c, p);
      // The customer's balance paid (and its coupons, when used): its balances and ledger read afresh.
      c.loaders.customerBalance.clear(scopedKey(p.customerId, p.indirectPartnerId));
      c.loaders.customerOwnBalances.clear(p.customerId);
      c.loaders.forgetReads([ListCustomerAccountChangeRecords.name]);
      // The payment is a consumption record of the open cycle: the store's copy is read again.
      await refreshOpenConsumption(c, p.customerId, p.indirectPartnerId);
    },
    read: (c, p, outcome) => readOrder(c, p, outcome.order),
    payload: (c, answer, replayed) => orderPayload(c, target, answer, replayed),
    reference: () => null,
  });
}

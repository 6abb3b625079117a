/**
 * Makes order records, generated or written, the same way. An order over several resources (a VM bought
 * with its disk and EIP, or that group renewed or unsubscribed together) is a combined transaction: the
 * combined order carries the totals and one sub-order per resource carries that resource's line. Pay and
 * cancel act on the combined order only (CBC.99000089 for a sub-order id), while details and refunds can
 * be read for either.
 */
import type { World } from '../world.js';
import { Random } from '../random.js';
import type { AmountBreakdown } from './pricing.js';
import type { CommerceBook, LineItemRecord, OrderRecord, RefundRecord, ResourceRecord } from './types.js';
import { flat, orderIdAt } from './time.js';

export interface LineInput {
  readonly resource: ResourceRecord;
  readonly periodType: 2 | 3;
  readonly periodNum: number | null;
  readonly effectiveAt: Date;
  readonly expireAt: Date;
  readonly amounts: AmountBreakdown;
}

export interface OrderInput {
  readonly orderId: string;
  readonly orderType: number;
  readonly status: number;
  readonly sourceType: number;
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  readonly userName: string;
  /** The main resource's service type. */
  readonly serviceTypeCode: string;
  readonly periodType: 2 | 3;
  readonly periodNum: number;
  readonly lines: readonly LineInput[];
  readonly agentPay: OrderRecord['agentPay'];
  readonly refunds?: readonly RefundRecord[];
}

/** A sub-order id: the combined order's `CS` + time stamp, with its own five-character tail. */
export function subOrderId(world: World, parentOrderId: string, index: number): string {
  return flat(parentOrderId.slice(0, 12) + world.random(`suborder:${parentOrderId}:${index}`).alnum(5));
}

function lineItem(orderId: string, index: number, input: LineInput): LineItemRecord {
  return {
    lineItemId: flat(`${orderId}-${String(index + 1).padStart(6, '0')}`),
    orderId,
    resourceId: input.resource.resourceId,
    resourceType: input.resource.resourceType,
    product: input.resource.product,
    periodType: input.periodType,
    periodNum: input.periodNum,
    effectiveAt: input.effectiveAt,
    expireAt: input.expireAt,
    quantity: 1,
    amounts: input.amounts,
  };
}

export function makeOrder(world: World, customerId: string, input: OrderInput): OrderRecord {
  const refunds = input.refunds ?? [];
  // Built field by field: object spread is markedly slower in V8, and books are built by the thousand.
  const record = (orderId: string, parentOrderId: string | null, subOrders: OrderRecord[], serviceTypeCode: string,
    lines: LineItemRecord[], resourceIds: string[], ownRefunds: RefundRecord[], agentPay: OrderRecord['agentPay']): OrderRecord => ({
    orderId, customerId, parentOrderId, subOrders, orderType: input.orderType, status: input.status,
    sourceType: input.sourceType, serviceTypeCode, createdAt: input.createdAt, paidAt: input.paidAt, userName: input.userName,
    contractId: null, lines, resourceIds, periodType: input.periodType, periodNum: input.periodNum, refunds: ownRefunds, agentPay,
  });
  if (input.lines.length === 1) {
    const only = input.lines[0]!;
    return record(input.orderId, null, [], input.serviceTypeCode, [lineItem(input.orderId, 0, only)], [only.resource.resourceId],
      [...refunds], input.agentPay);
  }
  const subOrders = input.lines.map((line, i) => {
    const id = subOrderId(world, input.orderId, i);
    const resourceId = line.resource.resourceId;
    return record(id, input.orderId, [], line.resource.resourceType.serviceTypeCode, [lineItem(id, 0, line)], [resourceId],
      refunds.filter((f) => f.resourceId === resourceId), null);
  });
  return record(input.orderId, null, subOrders, input.serviceTypeCode, subOrders.map((s) => s.lines[0]!),
    input.lines.map((l) => l.resource.resourceId), [...refunds], input.agentPay);
}

/** Adds an order to the book, keeping top-level orders in creation order. */
export function registerOrder(book: CommerceBook, order: OrderRecord): void {
  let at = book.orders.length;
  while (at > 0 && book.orders[at - 1]!.createdAt.getTime() > order.createdAt.getTime()) at--;
  book.orders.splice(at, 0, order);
  book.orderById.set(order.orderId, order);
  for (const sub of order.subOrders) book.orderById.set(sub.orderId, sub);
}

/** Status and payment time move together on a combined order and its sub-orders. */
export function setOrderStatus(order: OrderRecord, status: number, paidAt: Date | null): void {
  for (const o of [order, ...order.subOrders]) {
    o.status = status;
    o.paidAt = paidAt;
  }
}

/** A fresh order id for an order a write creates, deterministic in the sequence of writes. */
export function writeOrderId(world: World, book: CommerceBook, at: Date): string {
  for (;;) {
    const r: Random = world.random(`write-order:${book.customer.customerId}:${book.writeSequence++}`);
    const id = orderIdAt(at, r);
    if (!book.orderById.has(id)) return id;
  }
}

/** The top-level order a (sub-)order id belongs to. */
export function topLevelOrder(book: CommerceBook, orderId: string): OrderRecord | undefined {
  const order = book.orderById.get(orderId);
  return order?.parentOrderId ? book.orderById.get(order.parentOrderId) : order;
}

/** The main resource and its attached ones, as 3.1 reports the relationship. */
export function resourceGroup(book: CommerceBook, main: ResourceRecord): ResourceRecord[] {
  return [main, ...book.resources.filter((r) => r.parentResourceId === main.resourceId && r.provisioned)];
}

/**
 * Unsubscribing a yearly/monthly resource group and where the refund comes from (bss-api-commerce.md §3.4,
 * §2.7). Every paid period of each resource is a line of a new-purchase or renewal order:
 *   - a period that has not started yet is refunded in full;
 *   - the period running at the time is refunded in full within five days of a new purchase (the no-reason
 *     refund), otherwise the base order's amount is reversed (negative) and the part already used is charged
 *     back (positive), pro rata by time, to the fen;
 *   - periods already over are not touched.
 * `unsubscribe_type` 2 refunds only periods that have not started and keeps the resource until the end of
 * the current one. The unsubscription order's amounts are the net refund (negative, official = after
 * discount as the reference says), its `consumed_amount` the used part, no handling fee.
 */
import { Money } from '../../../bss/money.js';
import type { World } from '../world.js';
import type { Random } from '../random.js';
import { emptyAmounts, round2, ZERO } from './pricing.js';
import { makeOrder, registerOrder, topLevelOrder, type LineInput } from './order-factory.js';
import type { CommerceBook, LineItemRecord, OrderRecord, RefundRecord, ResourceRecord } from './types.js';
import { DAY_MS, flat } from './time.js';

const NO_REASON_REFUND_MS = 5 * DAY_MS;

/** The paid periods of a resource, oldest first: lines of completed new-purchase and renewal orders. */
export function paidPeriods(book: CommerceBook, resourceId: string): LineItemRecord[] {
  const lines: LineItemRecord[] = [];
  for (const order of book.orders) {
    if (order.status !== 5 || (order.orderType !== 1 && order.orderType !== 2)) continue;
    for (const line of order.lines) if (line.resourceId === resourceId) lines.push(line);
  }
  return lines.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
}

export interface UnsubscribeInput {
  readonly group: readonly ResourceRecord[];
  /** 1 the resource and its renewals, 2 only renewals that have not started. */
  readonly type: 1 | 2;
  readonly at: Date;
  readonly orderId: string;
  readonly sourceType: number;
  readonly userName: string;
}

/** Refund records for one resource, or an empty list when nothing is refundable. */
function refundsOf(book: CommerceBook, resource: ResourceRecord, type: 1 | 2, at: Date, r: Random): { records: RefundRecord[]; consumed: Money; currentEnd: Date | null } {
  const records: RefundRecord[] = [];
  let consumed: Money = ZERO;
  let currentEnd: Date | null = null;
  const t = at.getTime();
  const record = (amount: Money, line: LineItemRecord): void => {
    records.push({
      id: flat(r.hex(32)), amount, resourceId: resource.resourceId, resourceType: resource.resourceType,
      regionCode: resource.regionCode, baseOrderId: topLevelOrder(book, line.orderId)?.orderId ?? line.orderId,
    });
  };
  for (const line of paidPeriods(book, resource.resourceId)) {
    const start = line.effectiveAt.getTime();
    const end = line.expireAt.getTime();
    const paid = line.amounts.afterDiscount;
    if (end <= t) continue;
    if (start >= t) {
      record(paid.negated(), line);
      continue;
    }
    // The running period.
    currentEnd = line.expireAt;
    if (type === 2) continue;
    const order = topLevelOrder(book, line.orderId);
    record(paid.negated(), line);
    if (order?.orderType === 1 && t - start <= NO_REASON_REFUND_MS) continue;
    const used = round2(paid.times(t - start).dividedBy(end - start));
    if (used.gt(0)) {
      record(used, line);
      consumed = consumed.plus(used);
    }
  }
  return { records, consumed, currentEnd };
}

/**
 * Creates the unsubscription order for a group and closes (type 1) or shortens (type 2) its resources.
 * Returns null, changing nothing, when type 2 finds no renewal that has not started.
 */
export function unsubscribeGroup(world: World, book: CommerceBook, input: UnsubscribeInput): OrderRecord | null {
  const r = world.random(`refunds:${input.orderId}`);
  const perResource = input.group.map((resource) => ({ resource, ...refundsOf(book, resource, input.type, input.at, r) }));
  if (input.type === 2 && perResource.every((p) => p.records.length === 0)) return null;

  const lines: LineInput[] = perResource.map((p) => {
    const net = p.records.reduce((sum, f) => sum.plus(f.amount), new Money(0));
    return {
      resource: p.resource, periodType: p.resource.periodType, periodNum: null, effectiveAt: input.at,
      expireAt: p.resource.expireAt ?? input.at,
      amounts: { ...emptyAmounts(), official: net, afterDiscount: net, consumed: p.consumed },
    };
  });
  const main = input.group[0]!;
  const order = makeOrder(world, book.customer.customerId, {
    orderId: input.orderId, orderType: 4, status: 5, sourceType: input.sourceType, createdAt: input.at, paidAt: input.at,
    userName: input.userName, serviceTypeCode: main.resourceType.serviceTypeCode, periodType: main.periodType,
    periodNum: main.periodNum, lines, agentPay: { payingAgentId: null, isAgentPay: false },
    refunds: perResource.flatMap((p) => p.records),
  });
  registerOrder(book, order);

  for (const p of perResource) {
    if (input.type === 1) {
      p.resource.closedAt = input.at;
      p.resource.expireAt = input.at;
    } else if (p.currentEnd) {
      p.resource.expireAt = p.currentEnd;
    }
    p.resource.updatedAt = input.at;
  }
  return order;
}

/**
 * Yearly/monthly consumption, read from the commerce store's book of the customer so that a bill and the
 * order it charges for agree to the fen: every paid order (new purchase, renewal, modification,
 * unsubscription) gives one record per line item, i.e. per resource, with the line's amounts and coupons.
 * trade_id is the top-level order id (what ListCustomerOrders lists); a combined transaction's sub-order
 * is kept as the record's related order. Unsubscription lines carry negative amounts (refunds). Orders
 * paid through the simulator's write endpoints show up here because the book is the one writes change.
 */
import { Money } from '../../../bss/money.js';
import type { CommerceBook, LineItemRecord, OrderRecord } from '../commerce/types.js';
import { beijingDay, cycleOf } from './calendar.js';
import { stableHex } from './ids.js';
import type { BillingProfile } from './profile.js';
import type { BillRecord, ChargeLine } from './types.js';

/** E2 bill type of a paid order, by E8 order type; other order types are not billed here. */
const BILL_TYPE_OF_ORDER: Readonly<Record<number, number>> = { 1: 1, 2: 2, 3: 3, 4: 4 };

const ZERO = new Money(0);

/** Calls `visit` for every line of every paid, billed order whose payment falls in one of `cycles`. */
function forEachBilledLine(
  book: CommerceBook,
  cycles: ReadonlySet<string>,
  visit: (order: OrderRecord, paidAt: Date, cycle: string, billType: number, line: LineItemRecord) => void,
): void {
  for (const order of book.orders) {
    const billType = BILL_TYPE_OF_ORDER[order.orderType];
    const paidAt = order.paidAt;
    if (billType === undefined || order.status !== 5 || paidAt === null) continue;
    const cycle = cycleOf(paidAt);
    if (!cycles.has(cycle)) continue;
    for (const line of order.lines) visit(order, paidAt, cycle, billType, line);
  }
}

/** The charge of one line item: its amounts, paid by coupons and the customer's paying account. */
function lineCharge(book: CommerceBook, profile: BillingProfile, billType: number, line: LineItemRecord): ChargeLine | null {
  const resource = book.resourceById.get(line.resourceId);
  if (!resource) return null;
  const a = line.amounts;
  const due = a.afterDiscount;
  const payer = due.minus(a.coupon).minus(a.flexiCoupon).minus(a.storedCard);
  return {
    resource,
    billType,
    chargeMode: 1,
    official: a.official,
    discount: a.official.minus(due),
    due,
    paid: {
      cash: profile.payer === 'cash' ? payer : ZERO,
      credit: profile.payer === 'credit' ? payer : ZERO,
      coupon: a.coupon,
      flexiCoupon: a.flexiCoupon,
      storedCard: a.storedCard,
      debt: ZERO,
    },
  };
}

/** The charge lines of a cycle's paid orders, for monthly sums (no record ids or dates to make). */
export function orderLines(book: CommerceBook, profile: BillingProfile, cycle: string): ChargeLine[] {
  const out: ChargeLine[] = [];
  forEachBilledLine(book, new Set([cycle]), (_order, _paidAt, _cycle, billType, line) => {
    const charge = lineCharge(book, profile, billType, line);
    if (charge) out.push(charge);
  });
  return out;
}

/** A customer's records of paid orders whose payment falls in one of `cycles`, oldest first. */
export function orderRecords(book: CommerceBook, profile: BillingProfile, cycles: ReadonlySet<string>): BillRecord[] {
  const out: BillRecord[] = [];
  forEachBilledLine(book, cycles, (order, paidAt, cycle, billType, line) => {
    const charge = lineCharge(book, profile, billType, line);
    if (!charge) return;
    out.push({
      ...charge,
      id: stableHex(`record:${line.lineItemId}`),
      customer: book.customer,
      cycle,
      billDate: beijingDay(paidAt),
      tradeId: order.orderId,
      orderId: order.orderId,
      subOrderId: line.orderId === order.orderId ? null : line.orderId,
      tradeTime: paidAt,
      consumeTime: paidAt,
      effectiveTime: line.effectiveAt,
      expireTime: line.expireAt,
      usage: null,
      freeUsage: null,
      unitPrice: null,
      periodType: line.periodType === 3 ? 19 : 20,
      periodNum: line.periodNum,
    });
  });
  return out;
}

/**
 * The simulator's orders and resources (bss-api-commerce.md §2, §3). Each customer's book (orders with
 * sub-orders and line items, resources, renewal settings) is built from the world's inventory the first
 * time it is needed and kept; writes change the book, so later reads, and the bill store, see them.
 *
 * Contract for the bill store: `order(id)` and `ordersOf(customerId)` give the amounts and times bills
 * are made of. `ordersOf` lists top-level orders only: a combined transaction's totals are the sums of
 * its sub-orders, which `order(subOrderId)` still finds (with `parentOrderId` set). Unsubscription orders
 * (order type 4) carry negative amounts.
 */
import type { Decimal } from 'decimal.js';
import type { CustomerRecord, World } from './world.js';
import { CbcError } from './cbc-error.js';
import { buildBook } from './commerce/build.js';
import { sumAmounts } from './commerce/pricing.js';
import { cancelOrder, operableOrder, preparePayment, type PaymentInput, type PreparedPayment } from './commerce/order-writes.js';
import { discountOffers } from './commerce/offers.js';
import type { CouponState } from './partners/coupons.js';
import {
  disableAutoRenew, enableAutoRenew, renewResources, setToOnDemand, unsubscribeResources, type RenewInput,
  type ResourceFailure,
} from './commerce/resource-writes.js';
import type { CommerceBook, DiscountOffer, OrderRecord, ResourceRecord } from './commerce/types.js';

export interface OrderSummary {
  readonly orderId: string;
  readonly customerId: string;
  readonly officialAmount: Decimal;
  readonly amountAfterDiscount: Decimal;
  /** E8: 1 new purchase, 2 renewal, 4 unsubscription. */
  readonly orderType: number;
  /** E7: 4 cancelled, 5 completed, 6 pending payment. */
  readonly status: number;
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  readonly serviceTypeCode: string;
  readonly resourceIds: string[];
  /** Set on sub-orders of a combined transaction. */
  readonly parentOrderId: string | null;
}

export class CommerceStore {
  private readonly books = new Map<string, CommerceBook>();
  /** Order and sub-order id → customer, for the books built so far. */
  private readonly orderOwner = new Map<string, string>();
  private allBuilt = false;

  constructor(readonly world: World) {}

  /** A customer's book, built on first use; undefined for a customer the world does not have. */
  book(customerId: string): CommerceBook | undefined {
    const book = this.books.get(customerId);
    if (book) return book;
    const customer = this.world.customer(customerId);
    return customer && this.bookFor(customer);
  }

  /**
   * The book of a customer record, which may come from outside the world (customers the partner created
   * through CreateSubCustomer live in the partner store): such a customer has bought nothing yet.
   */
  bookFor(customer: CustomerRecord): CommerceBook {
    let book = this.books.get(customer.customerId);
    if (!book) {
      book = buildBook(this.world, customer);
      this.books.set(customer.customerId, book);
      this.index(book);
    }
    return book;
  }

  /**
   * The book holding an order or sub-order. Order ids do not name their customer, so an id not seen yet
   * makes every book be built once (memoised: later misses are cheap).
   */
  bookOfOrder(orderId: string): CommerceBook | undefined {
    let owner = this.orderOwner.get(orderId);
    if (owner === undefined && !this.allBuilt) {
      for (const customer of this.world.customers) this.book(customer.customerId);
      this.allBuilt = true;
      owner = this.orderOwner.get(orderId);
    }
    return owner === undefined ? undefined : this.book(owner);
  }

  /** Books of the given customers, in their order. */
  booksOf(customers: Iterable<CustomerRecord>): CommerceBook[] {
    const out: CommerceBook[] = [];
    for (const c of customers) out.push(this.bookFor(c));
    return out;
  }

  // ---- contract for the bill store --------------------------------------------------------------------

  order(orderId: string): OrderSummary | undefined {
    const book = this.bookOfOrder(orderId);
    const order = book?.orderById.get(orderId);
    return order && summary(order);
  }

  /** All top-level orders of a customer, any status, oldest first. */
  ordersOf(customerId: string): OrderSummary[] {
    return (this.book(customerId)?.orders ?? []).map(summary);
  }

  /** A customer's yearly/monthly and pay-per-use resources, including planned ones of unpaid orders. */
  resourcesOf(customerId: string): readonly ResourceRecord[] {
    return this.book(customerId)?.resources ?? [];
  }

  // ---- writes (customer credentials: `customerId` is the caller) --------------------------------------

  /** A pending-payment flow's order: the caller's, and a combined-transaction order, not a sub-order. */
  operableOrder(customerId: string, orderId: string): OrderRecord {
    return operableOrder(this.requireBook(customerId), orderId);
  }

  /** Discounts a pending order may use (none once it is no longer pending). */
  discountOffers(customerId: string, order: OrderRecord): DiscountOffer[] {
    return order.status === 6 ? discountOffers(this.world, this.requireBook(customerId), order) : [];
  }

  cancelOrder(customerId: string, orderId: string): void {
    cancelOrder(this.requireBook(customerId), orderId);
  }

  /** Checks a payment and prices it; `held` are the customer's coupons (the partner store's). */
  preparePayment(customerId: string, input: PaymentInput, now: Date, held: readonly CouponState[] = []): PreparedPayment {
    return preparePayment(this.world, this.requireBook(customerId), input, held, now);
  }

  renew(customerId: string, input: RenewInput, now: Date): { orders: OrderRecord[]; failures: ResourceFailure[] } {
    const book = this.requireBook(customerId);
    const result = renewResources(this.world, book, input, now);
    this.index(book);
    return result;
  }

  unsubscribe(customerId: string, resourceIds: readonly string[], type: 1 | 2, now: Date): { orders: OrderRecord[]; failures: ResourceFailure[] } {
    const book = this.requireBook(customerId);
    const result = unsubscribeResources(this.world, book, resourceIds, type, now);
    this.index(book);
    return result;
  }

  setToOnDemand(customerId: string, operation: 'SET_UP' | 'CANCEL', resourceIds: readonly string[], now: Date): ResourceFailure[] {
    return setToOnDemand(this.requireBook(customerId), operation, resourceIds, now);
  }

  setRenewConfig(customerId: string, name: string, value: string): void {
    this.requireBook(customerId).renewConfig.set(name, value);
  }

  enableAutoRenew(customerId: string, resourceId: string, times: number | undefined, now: Date): void {
    enableAutoRenew(this.requireBook(customerId), resourceId, times, now);
  }

  disableAutoRenew(customerId: string, resourceId: string, now: Date): void {
    disableAutoRenew(this.requireBook(customerId), resourceId, now);
  }

  /** Writes come with customer credentials; the handlers make the caller's book first (`bookFor`). */
  private requireBook(customerId: string): CommerceBook {
    const book = this.book(customerId);
    if (!book) throw new CbcError(403, 'CBC.0151', 'Access denied.');
    return book;
  }

  private index(book: CommerceBook): void {
    for (const id of book.orderById.keys()) this.orderOwner.set(id, book.customer.customerId);
  }
}

function summary(order: OrderRecord): OrderSummary {
  const amounts = sumAmounts(order.lines.map((l) => l.amounts));
  return {
    orderId: order.orderId, customerId: order.customerId, officialAmount: amounts.official,
    amountAfterDiscount: amounts.afterDiscount, orderType: order.orderType, status: order.status, createdAt: order.createdAt,
    paidAt: order.paidAt, serviceTypeCode: order.serviceTypeCode, resourceIds: [...order.resourceIds],
    parentOrderId: order.parentOrderId,
  };
}

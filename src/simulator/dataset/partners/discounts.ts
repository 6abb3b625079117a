/**
 * RETIRED §2.14: the unified partner discount per customer (`/v2/partners/discounts`). Nothing is
 * generated: a customer has a discount only after the partner set one.
 */
import type { Decimal } from 'decimal.js';
import type { Random } from '../random.js';

export interface CustomerDiscount {
  readonly discountId: string;
  readonly discount: Decimal;
  readonly effectiveTime: string | null;
  readonly expireTime: string | null;
}

export class DiscountBook {
  private readonly byCustomer = new Map<string, CustomerDiscount>();

  get(customerId: string): CustomerDiscount | null {
    return this.byCustomer.get(customerId) ?? null;
  }

  /** A discount of exactly 1 means "no discount": it deletes the partner discount. */
  set(customerId: string, discount: Decimal, effectiveTime: string | null, expireTime: string | null, r: Random): void {
    if (discount.eq(1)) {
      this.byCustomer.delete(customerId);
      return;
    }
    this.byCustomer.set(customerId, { discountId: r.hex(32), discount, effectiveTime, expireTime });
  }
}

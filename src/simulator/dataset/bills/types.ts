/** The shapes bills are made of inside the simulator (camelCase, decimal.js); handlers turn them into wire records. */
import type { Decimal } from 'decimal.js';
import type { CustomerRecord } from '../world.js';
import type { ResourceRecord } from '../commerce/types.js';

/** Where an amount due was paid from. Sums to the amount due; refunds are negative. */
export interface Payment {
  readonly cash: Decimal;
  readonly credit: Decimal;
  readonly coupon: Decimal;
  readonly flexiCoupon: Decimal;
  readonly storedCard: Decimal;
  /** Owed because the account lacked funds. */
  readonly debt: Decimal;
}

export type PaymentAccount = keyof Payment;
export const PAYMENT_ACCOUNTS: readonly PaymentAccount[] = ['cash', 'credit', 'coupon', 'flexiCoupon', 'storedCard', 'debt'];

/** A rated charge, exact: official − discount = due. */
export interface Charge {
  readonly official: Decimal;
  readonly discount: Decimal;
  readonly due: Decimal;
}

/** What a monthly sum adds up: a charge against one resource under one E2 bill type. */
export interface ChargeLine extends Charge {
  /** The commerce store's record of the resource: type, region, product, enterprise project. */
  readonly resource: ResourceRecord;
  /** E2 bill detail type. */
  readonly billType: number;
  readonly chargeMode: 1 | 3;
  readonly paid: Payment;
}

/**
 * One consumption record, the finest grain every bill endpoint shows (4.2, 4.5, 4.6/4.7 per detail record):
 * an hour or a day of pay-per-use usage, or one resource's share of a yearly/monthly order.
 */
export interface BillRecord extends ChargeLine {
  readonly id: string;
  readonly customer: CustomerRecord;
  /** `YYYY-MM` (UTC+8). */
  readonly cycle: string;
  /** `YYYY-MM-DD` (UTC+8). */
  readonly billDate: string;
  /** Order id for E2 types 1/2/3/4/8 (the top-level order), otherwise a transaction id. */
  readonly tradeId: string;
  /** The order behind a yearly/monthly record, else null. */
  readonly orderId: string | null;
  /** The resource's own sub-order when `orderId` is a combined transaction, else null. */
  readonly subOrderId: string | null;
  /** Deduction time. */
  readonly tradeTime: Date;
  /** Payment time for orders; the end of the usage window for pay-per-use. */
  readonly consumeTime: Date;
  /** Pay-per-use usage window; for orders, the service period the payment buys (for amortisation). */
  readonly effectiveTime: Date;
  readonly expireTime: Date;
  /** Metered usage (billable + free) in the usage type's unit; null for yearly/monthly. */
  readonly usage: Decimal | null;
  /** The part of `usage` a free package covered. */
  readonly freeUsage: Decimal | null;
  /** Pay-per-use list price per usage unit. */
  readonly unitPrice: Decimal | null;
  /** E5: 19 year, 20 month, 24 day, 25 hour. */
  readonly periodType: 19 | 20 | 24 | 25;
  readonly periodNum: number | null;
}

/**
 * The commerce records of one customer: orders (with sub-orders and line items), yearly/monthly and
 * pay-per-use resources and account renewal settings (coupons are the partner store's). Built from the
 * world's inventory on first use; writes change these records in place, so later reads see them.
 */
import type { Decimal } from 'decimal.js';
import type { CustomerRecord } from '../world.js';
import type { ResourceTypeDef } from '../reference.js';
import type { AmountBreakdown } from './pricing.js';
import type { ProductInfo } from './products.js';

export interface EnterpriseProjectDef {
  readonly id: string;
  readonly name: string;
}

export interface ResourceRecord {
  readonly resourceId: string;
  /** `OrderInstanceV2.id`: the instance's id from before it was provisioned. */
  readonly instanceId: string;
  readonly customerId: string;
  readonly parentResourceId: string | null;
  readonly chargeMode: 1 | 3;
  readonly resourceType: ResourceTypeDef;
  readonly spec: string;
  readonly product: ProductInfo;
  readonly regionCode: string;
  readonly availabilityZone: string;
  readonly projectId: string;
  readonly enterpriseProject: EnterpriseProjectDef;
  readonly resourceName: string;
  /** When it took effect (yearly/monthly: purchase payment; pay-per-use: creation). */
  effectiveAt: Date;
  /** Yearly/monthly: end of the paid periods. */
  expireAt: Date | null;
  /** Pay-per-use: when it was deleted. */
  readonly deletedAt: Date | null;
  /** Yearly/monthly: when an unsubscription closed it. */
  closedAt: Date | null;
  /** False for the resources of an order that is not paid yet: not listed until paid. */
  provisioned: boolean;
  /** E12. */
  expirePolicy: number;
  /** Auto-renew count while expire_policy is 3 (0 = unlimited). */
  autoRenewTimes: number | null;
  /** Period of the original purchase (the auto-renew period). */
  readonly periodType: 2 | 3;
  readonly periodNum: number;
  updatedAt: Date;
}

export interface LineItemRecord {
  readonly lineItemId: string;
  /** The (sub-)order the line belongs to. */
  readonly orderId: string;
  readonly resourceId: string;
  readonly resourceType: ResourceTypeDef;
  readonly product: ProductInfo;
  /** E6: 2 month, 3 year. */
  readonly periodType: 2 | 3;
  /** Null on unsubscription orders. */
  readonly periodNum: number | null;
  effectiveAt: Date;
  expireAt: Date;
  readonly quantity: number;
  readonly amounts: AmountBreakdown;
}

export interface RefundRecord {
  readonly id: string;
  /** Negative: refunded; positive: consumed. */
  readonly amount: Decimal;
  readonly resourceId: string;
  readonly resourceType: ResourceTypeDef;
  readonly regionCode: string;
  /** The order whose money this is. */
  readonly baseOrderId: string;
}

export interface OrderRecord {
  readonly orderId: string;
  readonly customerId: string;
  /** For a sub-order: its combined-transaction order. */
  readonly parentOrderId: string | null;
  /** For a combined-transaction order: its sub-orders, one per resource. */
  readonly subOrders: OrderRecord[];
  /** E8. */
  readonly orderType: number;
  /** E7. */
  status: number;
  /** E9. */
  readonly sourceType: number;
  readonly serviceTypeCode: string;
  readonly createdAt: Date;
  paidAt: Date | null;
  readonly userName: string;
  readonly contractId: string | null;
  /** Own lines; a combined order's are its sub-orders' lines. */
  readonly lines: LineItemRecord[];
  readonly resourceIds: readonly string[];
  readonly periodType: 2 | 3;
  readonly periodNum: number;
  /** Unsubscription orders: where the refund came from. */
  readonly refunds: RefundRecord[];
  readonly agentPay: { readonly payingAgentId: string | null; readonly isAgentPay: boolean } | null;
}

/** A discount a pending order may use at payment (ListOrderDiscounts). */
export interface DiscountOffer {
  readonly discountId: string;
  /** 0 promotional, 2 commercial, 3 partner-granted. */
  readonly discountType: 0 | 2 | 3;
  /** The rate, e.g. 0.88. */
  readonly ratio: Decimal;
  /** Line item id → amount the rate takes off that line. */
  readonly lineAmounts: ReadonlyMap<string, Decimal>;
}

export interface CommerceBook {
  readonly customer: CustomerRecord;
  /** Top-level orders by creation time (sub-orders hang under their combined order). */
  readonly orders: OrderRecord[];
  /** Every order and sub-order by id. */
  readonly orderById: Map<string, OrderRecord>;
  readonly resources: ResourceRecord[];
  readonly resourceById: Map<string, ResourceRecord>;
  /** The customer's partner discount rate, or null when none was granted. */
  readonly partnerRatio: Decimal | null;
  readonly enterpriseProjects: readonly EnterpriseProjectDef[];
  /** SetResourcesRenewConfig values by config name. */
  readonly renewConfig: Map<string, string>;
  /** Discount offers of pending orders, generated on first use. */
  readonly offers: Map<string, DiscountOffer[]>;
  /** Counts orders created by writes, so their ids are deterministic too. */
  writeSequence: number;
}

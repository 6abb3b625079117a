/**
 * The partner domain of the simulator (bss-api-partners.md): customers created by the partner, their
 * real-name state and tags, the money of the distributor, its resellers and its customers, coupon
 * quotas and coupons. Everything is generated from the world on first use and memoised; writes change
 * the materialised records so later reads see them.
 */
import type { Decimal } from 'decimal.js';
import type { World } from './world.js';
import { CustomerDirectory } from './partners/directory.js';
import { RealnameBook } from './partners/realname.js';
import { FundsBook } from './partners/funds.js';
import { CouponBook } from './partners/coupons.js';
import { DiscountBook } from './partners/discounts.js';
import { WriteSequence } from './partners/ids.js';
import { VerificationCodes } from './partners/verification-codes.js';

export type { ScopeId } from './partners/directory.js';

export class PartnerStore {
  readonly customers: CustomerDirectory;
  readonly realname: RealnameBook;
  readonly funds: FundsBook;
  readonly coupons: CouponBook;
  readonly discounts: DiscountBook;
  /** Codes recorded by §2.15, checked by §2.1 and §2.10; tests read them with `verificationCodes.lastSent`. */
  readonly verificationCodes: VerificationCodes;
  /** Randomness for writes: ids of created customers, transfers, quotas and coupons. */
  readonly writes: WriteSequence;

  constructor(readonly world: World) {
    this.customers = new CustomerDirectory(world);
    this.realname = new RealnameBook(world);
    this.funds = new FundsBook(world, this.customers);
    this.coupons = new CouponBook(world, this.customers);
    this.discounts = new DiscountBook();
    this.verificationCodes = new VerificationCodes();
    this.writes = new WriteSequence(world);
  }

  /**
   * A customer pays (an order, by the commerce domain): lowers its cash balance and appends a
   * consumption row (`SOURCE_OPERAIION_DEDEUCT`, trade id = `tradeId`) to its ledger. Throws
   * `CbcError(400, 'CBC.99005003')` when the cash balance is insufficient, changing nothing.
   * Consultative customers pay from their own balance too; it is the same account.
   */
  debitCustomer(customerId: string, amount: Decimal, tradeId: string, at: Date = this.world.now): void {
    const customer = this.customers.get(customerId);
    if (!customer) throw new RangeError(`debitCustomer: unknown customer ${customerId}`);
    if (!amount.gt(0)) throw new RangeError(`debitCustomer: amount must be positive, got ${amount.toString()}`);
    this.funds.debit(customer, amount, tradeId, at);
  }

  /**
   * An unsubscription's refund (by the commerce domain) goes back to the customer's cash balance, with a refund
   * row (`SOURCE_OPERAIION_UNSUBSCRIBE`, trade id = the unsubscription order id) in its ledger. [inferred: the
   * reference says where a refund came from (§2.7), not where it goes; cash is where a cash payment came from.]
   */
  creditCustomerRefund(customerId: string, amount: Decimal, tradeId: string, at: Date = this.world.now): void {
    const customer = this.customers.get(customerId);
    if (!customer) throw new RangeError(`creditCustomerRefund: unknown customer ${customerId}`);
    if (!amount.gt(0)) throw new RangeError(`creditCustomerRefund: amount must be positive, got ${amount.toString()}`);
    this.funds.refund(customer, amount, tradeId, at);
  }
}

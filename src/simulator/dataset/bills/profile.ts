/**
 * How a customer is billed: the discounts it enjoys, the account its charges are paid from, and per cycle
 * whether cash coupons or a shortage of funds (debt) touched its pay-per-use charges. The partner's
 * discount is the one the commerce store gives the customer's orders; the rest is drawn from
 * `world.random` keyed by customer (and cycle), so bills and price inquiries agree.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { CustomerRecord, World } from '../world.js';

/** A discount the rating endpoints report (E14): 605 commercial (contract), 607 partner-set. */
export interface DiscountOffer {
  readonly type: 605 | 607;
  readonly id: string;
  readonly name: string;
  /** Fraction off the list price, two decimals. */
  readonly rate: Decimal;
}

export interface BillingProfile {
  /**
   * The optional discounts a yearly/monthly purchase or renewal may use, best first (commercial wins a
   * tie), as 4.13/4.14 list them.
   */
  readonly offers: readonly DiscountOffer[];
  /**
   * The discount pay-per-use prices get: the commercial one when there is one, else the partner's — "when
   * several discounts apply the commercial discount's result is returned" (4.12). Bills apply the same.
   */
  readonly onDemandOffer: DiscountOffer | null;
  /** The account ordinary charges are paid from; monthly-settlement enterprises pay on credit. */
  readonly payer: 'cash' | 'credit';
  /** Customers that sometimes run out of funds, so pay-per-use charges become debt. */
  readonly debtProne: boolean;
}

/** What happened to a customer's funds during one cycle. */
export interface CycleTerms {
  /** Pay-per-use charges of days 1…couponDays are paid by cash coupons (0: none). */
  readonly couponDays: number;
  /** From this day of the cycle on, pay-per-use charges are owed (debt); null: never. */
  readonly debtFromDay: number | null;
}

const NAMES: Readonly<Record<DiscountOffer['type'], string>> = { 605: '商务授权折扣', 607: '伙伴设置折扣' };

function offer(r: ReturnType<World['random']>, type: DiscountOffer['type'], rate: Decimal): DiscountOffer {
  return { type, id: `DSC${r.hex(20).toUpperCase()}`, name: NAMES[type], rate };
}

/** Best first: the larger saving, the commercial discount on a tie (bss-api-commerce.md §4.13 `best_offer`). */
function byBest(a: DiscountOffer, b: DiscountOffer): number {
  return b.rate.comparedTo(a.rate) || a.type - b.type;
}

/** `partnerRatio`: what the customer pays of the list price under the partner's discount (0.88), or null. */
export function billingProfile(world: World, customer: CustomerRecord, partnerRatio: Decimal | null): BillingProfile {
  const r = world.random(`bill-profile:${customer.customerId}`);
  const enterprise = customer.customerType === 1;
  const partner = partnerRatio === null ? null : offer(r, 607, new Money(1).minus(partnerRatio));
  const commercial = enterprise && r.chance(0.2) ? offer(r, 605, new Money(r.pick(['0.03', '0.06', '0.1']))) : null;
  const offers = [commercial, partner].filter((o): o is DiscountOffer => o !== null).sort(byBest);
  return {
    offers,
    onDemandOffer: commercial ?? partner,
    payer: enterprise && r.chance(0.25) ? 'credit' : 'cash',
    debtProne: customer.isFrozen === 1 || r.chance(0.05),
  };
}

export function cycleTerms(world: World, profile: BillingProfile, customerId: string, cycle: string): CycleTerms {
  const r = world.random(`bill-terms:${customerId}:${cycle}`);
  const couponDays = r.chance(0.15) ? r.int(1, 10) : 0;
  const debtFromDay = profile.debtProne && r.chance(0.6) ? r.int(5, 28) : null;
  return { couponDays, debtFromDay };
}

/**
 * Price inquiries (4.12–4.14) against the simulated catalogue. Pay-per-use quotes rate usage exactly as
 * bills do (pricing.ts, the customer's pay-per-use discount), so a quote for an hour equals that hour's
 * bill record. Yearly/monthly quotes are what the commerce store would charge for the order: its line
 * prices (a year is ten months, a product's own discount), with the customer's optional discounts taken
 * off as ListOrderDiscounts would at payment.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { CbcError } from '../cbc-error.js';
import { priceLine } from '../commerce/pricing.js';
import { productOf, type ProductInfo } from '../commerce/products.js';
import { CONVERSIONS, MEASURE_UNIT_BY_ID, REGION_BY_CODE, RESOURCE_TYPES, usageTypeOf, type ResourceTypeDef } from '../reference.js';
import { discountedPrice } from './pricing.js';
import type { DiscountOffer } from './profile.js';

/** A product of the catalogue: resource type, spec and the product record the commerce store sells it as. */
export interface CatalogueProduct {
  readonly type: ResourceTypeDef;
  /** The world's spec text (`SSD|100`), which names the product. */
  readonly spec: string;
  readonly product: ProductInfo;
}

const productNotFound = (): CbcError => new CbcError(400, 'CBC.99006006', 'The product does not exist.');

/**
 * The product a price inquiry names by service type, resource type, spec and region; CBC.99006006 when
 * there is none. A spec matches the world's spec text or the product's spec code (`SSD`, `19_bgp`), as
 * the reference's examples name them.
 */
export function findProduct(
  seed: number, serviceType: string, resourceType: string, spec: string, region: string, chargeMode: 1 | 3,
): CatalogueProduct {
  const type = RESOURCE_TYPES.find((t) => t.code === resourceType && t.serviceTypeCode === serviceType && t.chargeModes.includes(chargeMode));
  if (!type || !REGION_BY_CODE.has(region)) throw productNotFound();
  for (const candidate of type.specs) {
    const product = productOf(seed, type, candidate, chargeMode);
    if (candidate === spec || product.specCode === spec) return { type, spec: candidate, product };
  }
  throw productNotFound();
}

/** Converts `value` from one measure unit to another through the conversion table; null if they do not convert. */
export function convertUnits(value: Decimal, from: number, to: number): Decimal | null {
  const seen = new Set([from]);
  let frontier: [number, Decimal][] = [[from, value]];
  while (frontier.length > 0) {
    const next: [number, Decimal][] = [];
    for (const [unit, amount] of frontier) {
      if (unit === to) return amount;
      for (const c of CONVERSIONS) {
        const step: [number, Decimal] | null =
          c.measureId === unit ? [c.refMeasureId, amount.times(c.ratio)] : c.refMeasureId === unit ? [c.measureId, amount.div(c.ratio)] : null;
        if (step && !seen.has(step[0])) {
          seen.add(step[0]);
          next.push(step);
        }
      }
    }
    frontier = next;
  }
  return null;
}

const HOUR = 4;
const DURATION_TYPE = 2;
const GB_HOUR = 30;

/**
 * Usage in the unit the product is priced per. A capacity×duration product (a disk, per GB-hour) quoted
 * in a duration is that duration times the linear size (`resource_size` GB).
 */
export function pricedUsage(type: ResourceTypeDef, value: Decimal, measureId: number, sizeGb: number | null): Decimal {
  const target = usageTypeOf(type).measureId;
  if (target === GB_HOUR && MEASURE_UNIT_BY_ID.get(measureId)?.measureType === DURATION_TYPE && sizeGb !== null) {
    const hours = convertUnits(value, measureId, HOUR);
    if (hours) return hours.times(sizeGb);
  }
  const converted = convertUnits(value, measureId, target);
  if (!converted) throw new CbcError(400, 'CBC.99006050', 'The usage unit is incorrect.');
  return converted;
}

export interface OnDemandQuote {
  readonly official: Decimal;
  readonly amount: Decimal;
  readonly discount: Decimal;
}

/** A pay-per-use quote, each amount rounded half-up to `decimals` (6, or 10 with inquiry_precision 1). */
export function quoteOnDemand(type: ResourceTypeDef, usage: Decimal, quantity: number, offer: DiscountOffer | null, decimals: number): OnDemandQuote {
  const list = new Money(type.unitPrice);
  const official = usage.times(list).times(quantity).toDecimalPlaces(decimals);
  const amount = usage.times(discountedPrice(list, offer?.rate ?? null)).times(quantity).toDecimalPlaces(decimals);
  return { official, amount, discount: official.minus(amount) };
}

/** E6-style period types a new purchase can be quoted for: 0 day, 2 month, 3 year, 4 hour. */
export type QuotePeriod = 0 | 2 | 3 | 4;

const DAYS_PER_MONTH = 30;
const HOURS_PER_MONTH = 720;
const QUOTE_DECIMALS = 6;

/**
 * List price of `quantity` products for a period: the commerce store's line price after the product's own
 * yearly discount; by day or hour, a 30-day month's share. Flat per instance, as the store prices orders.
 */
export function periodListPrice(type: ResourceTypeDef, periodType: QuotePeriod, periodNum: number, quantity: number): Decimal {
  if (periodType === 2 || periodType === 3) return priceLine(type, periodType, periodNum).afterDiscount.times(quantity);
  const perPeriod = new Money(type.monthlyPrice).div(periodType === 0 ? DAYS_PER_MONTH : HOURS_PER_MONTH);
  return perPeriod.times(periodNum).times(quantity).toDecimalPlaces(QUOTE_DECIMALS);
}

/**
 * What an optional discount takes off a list price: to the fen for months and years, as the commerce store
 * discounts an order's lines at payment; to 6 decimals for the day and hour prices.
 */
export function offerDiscount(offer: DiscountOffer, list: Decimal, periodType: QuotePeriod): Decimal {
  return list.times(offer.rate).toDecimalPlaces(periodType === 2 || periodType === 3 ? 2 : QUOTE_DECIMALS);
}

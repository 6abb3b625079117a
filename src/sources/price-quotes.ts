/**
 * Price inquiries (bss-api-commerce.md §4.12–4.14): pay-per-use and yearly/monthly prices of products, and
 * the renewal price of a customer's resources. 4.12/4.13 take either credential — the partner's prices at list,
 * a customer's token with that customer's discounts; 4.14 is customer-only. One call per inquiry: the
 * endpoints take ≤ 100 products (4.12/4.13) or ≤ 10 resources (4.14) per call, and the gateway refuses more
 * before any call rather than merge quotes whose discounts are chosen per call.
 */
import type { Decimal } from 'decimal.js';
import {
  ListOnDemandResourceRatings, ListRateOnPeriodDetail, ListRenewRateOnPeriod,
  type OptionalDiscountRatingResult, type OptionalDiscountRatingResultV2,
} from '../bss/operations/bills/index.js';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import type { Upstream } from './list-endpoint.js';
import { textOrNull } from './wire.js';

const money = (value: string | number | null | undefined): Decimal => toDecimalOrNull(value) ?? toDecimal(0);

/** A product to price, as 4.12/4.13 describe one (`DemandProductInfo` / `PeriodProductInfo`). */
export interface ProductToPrice {
  readonly id: string;
  readonly serviceTypeCode: string;
  readonly resourceTypeCode: string;
  readonly resourceSpec: string;
  readonly regionCode: string;
  readonly availabilityZone?: string | null;
  readonly resourceSize?: number | null;
  readonly sizeMeasureId?: number | null;
  readonly quantity: number;
}

export interface OnDemandProductToPrice extends ProductToPrice {
  readonly usageFactor: string;
  readonly usageValue: Decimal;
  readonly usageMeasureId: number;
}

export interface PeriodProductToPrice extends ProductToPrice {
  /** E5 subset: `2` month, `3` year, `4` one-off (`0` day). */
  readonly periodType: number;
  readonly periodCount: number;
}

export interface ProductPriceShape {
  readonly id: string;
  readonly productId: string | null;
  readonly amount: Decimal | null;
  readonly discountAmount: Decimal | null;
  readonly officialAmount: Decimal;
}

export interface DiscountPriceShape {
  readonly discountId: string | null;
  readonly name: string | null;
  readonly typeCode: number | null;
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly bestOffer: boolean;
  readonly products: readonly ProductPriceShape[];
}

export interface QuoteShape {
  readonly currency: string | null;
  /** What would be paid (the best discount applied); null where the endpoint answers only the list price. */
  readonly amount: Decimal | null;
  readonly discountAmount: Decimal | null;
  readonly officialAmount: Decimal;
  readonly products: readonly ProductPriceShape[];
  readonly discounts: readonly DiscountPriceShape[];
}

/** The customer whose token prices (its discounts), or none: the partner's credentials, list prices. */
const asCustomer = (customerId: string | null | undefined) => (customerId ? { customerId } : undefined);

function baseItem(p: ProductToPrice) {
  return {
    id: p.id,
    cloud_service_type: p.serviceTypeCode,
    resource_type: p.resourceTypeCode,
    resource_spec: p.resourceSpec,
    region: p.regionCode,
    available_zone: p.availabilityZone || undefined,
    resource_size: p.resourceSize ?? undefined,
    size_measure_id: p.sizeMeasureId ?? undefined,
    subscription_num: p.quantity,
  };
}

/** §4.12 ListOnDemandResourceRatings: one call for ≤ 100 products. */
export async function quoteOnDemand(ctx: Upstream, projectId: string, products: readonly OnDemandProductToPrice[], customerId?: string | null): Promise<QuoteShape> {
  const res = await ctx.bss.call(
    ListOnDemandResourceRatings,
    {
      body: {
        project_id: projectId,
        product_infos: products.map((p) => ({ ...baseItem(p), usage_factor: p.usageFactor, usage_value: p.usageValue.toFixed(), usage_measure_id: p.usageMeasureId })),
      },
    },
    asCustomer(customerId),
  );
  return {
    currency: textOrNull(res.currency),
    amount: money(res.amount),
    discountAmount: money(res.discount_amount),
    officialAmount: money(res.official_website_amount),
    products: (res.product_rating_results ?? []).map((r) => ({
      id: r.id, productId: textOrNull(r.product_id), amount: money(r.amount), discountAmount: money(r.discount_amount), officialAmount: money(r.official_website_amount),
    })),
    discounts: [],
  };
}

function toDiscount(d: OptionalDiscountRatingResult | OptionalDiscountRatingResultV2): DiscountPriceShape {
  const products = 'product_rating_results' in d ? d.product_rating_results ?? [] : [];
  return {
    discountId: textOrNull(d.discount_id),
    name: textOrNull(d.discount_name),
    typeCode: d.discount_type ?? null,
    amount: money(d.amount),
    officialAmount: money(d.official_website_amount),
    discountAmount: money(d.discount_amount),
    bestOffer: d.best_offer === 1,
    products: products.map((r) => ({
      id: r.id, productId: textOrNull(r.product_id), amount: money(r.amount), discountAmount: money(r.discount_amount), officialAmount: money(r.official_website_amount),
    })),
  };
}

/** What would be paid: the discount Huawei marks best, else the list price. */
function bestOf(officialAmount: Decimal, discounts: readonly DiscountPriceShape[]): { amount: Decimal; discountAmount: Decimal } {
  const best = discounts.find((d) => d.bestOffer);
  return best ? { amount: best.amount, discountAmount: best.discountAmount } : { amount: officialAmount, discountAmount: toDecimal(0) };
}

/** §4.13 ListRateOnPeriodDetail: one call for ≤ 100 products. */
export async function quotePeriod(ctx: Upstream, projectId: string, products: readonly PeriodProductToPrice[], customerId?: string | null): Promise<QuoteShape> {
  const res = await ctx.bss.call(
    ListRateOnPeriodDetail,
    { body: { project_id: projectId, product_infos: products.map((p) => ({ ...baseItem(p), period_type: p.periodType, period_num: p.periodCount })) } },
    asCustomer(customerId),
  );
  const official = res.official_website_rating_result;
  const discounts = (res.optional_discount_rating_results ?? []).map(toDiscount);
  const officialAmount = money(official?.official_website_amount);
  return {
    currency: textOrNull(res.currency),
    ...bestOf(officialAmount, discounts),
    officialAmount,
    products: (official?.product_rating_results ?? []).map((r) => ({
      id: r.id, productId: textOrNull(r.product_id), amount: null, discountAmount: null, officialAmount: money(r.official_website_amount),
    })),
    discounts,
  };
}

export interface RenewalQuoteShape extends QuoteShape {
  readonly resources: readonly { readonly resourceId: string; readonly amount: Decimal }[];
  readonly failures: readonly { readonly resourceId: string | null; readonly code: string | null; readonly message: string | null }[];
}

/** §4.14 ListRenewRateOnPeriod with the customer's token: one call for ≤ 10 resources. */
export async function quoteRenewal(
  ctx: Upstream, customerId: string, resourceIds: readonly string[], periodType: number, periodCount: number, includeRelated: boolean,
): Promise<RenewalQuoteShape> {
  const res = await ctx.bss.call(
    ListRenewRateOnPeriod,
    { body: { resource_ids: [...resourceIds], period_type: periodType, period_num: periodCount, include_relative_resources: includeRelated } },
    { customerId },
  );
  const discounts = (res.optional_discount_rating_results ?? []).map(toDiscount);
  const officialAmount = money(res.official_website_rating_result?.official_website_amount);
  return {
    currency: textOrNull(res.currency),
    ...bestOf(officialAmount, discounts),
    officialAmount,
    products: [],
    discounts,
    resources: (res.renew_inquiry_results ?? []).map((r) => ({ resourceId: r.resource_id, amount: money(r.amount) })),
    failures: (res.fail_resource_infos ?? []).map((f) => ({ resourceId: textOrNull(f.resource_id), code: textOrNull(f.error_code), message: textOrNull(f.error_msg) })),
  };
}

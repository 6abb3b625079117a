/**
 * 4.12 ListOnDemandResourceRatings, 4.13 ListRateOnPeriodDetail, 4.14 ListRenewRateOnPeriod: price
 * inquiries (dataset/bills/ratings.ts). A customer's token prices with its own discounts; a partner's own
 * credentials (4.12/4.13 accept either) price at list. `project_id` must be given but is not checked
 * against the customer's projects: the reference calls any valid project id of the customer acceptable,
 * and the simulator keeps no project registry for bills.
 */
import type { Decimal } from 'decimal.js';
import { Money, toDecimal } from '../../../bss/money.js';
import { CbcError, parameterError, type Handler, type SimRequest } from '../../handler.js';
import type { DiscountOffer } from '../../dataset/bills/profile.js';
import {
  findProduct, offerDiscount, periodListPrice, pricedUsage, quoteOnDemand, type QuotePeriod,
} from '../../dataset/bills/ratings.js';
import { priceLine } from '../../dataset/commerce/pricing.js';
import { resourceGroup } from '../../dataset/commerce/order-factory.js';
import { rejectDuplicates } from '../../dataset/commerce/resource-writes.js';
import { periodStatus } from '../../dataset/commerce/status.js';
import type { CommerceBook, ResourceRecord } from '../../dataset/commerce/types.js';
import { bodyIdList, bodyInt, bodyObject, bodyObjectList, bodyString, type Body } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { bodyBool } from './params.js';
import { quantity } from './wire.js';

/** The discounts of the customer behind a customer token; none for the partner's own credentials. */
function callerOffers(req: SimRequest): { offers: readonly DiscountOffer[]; onDemand: DiscountOffer | null } {
  const customer = req.caller.kind === 'customer' ? req.state.world.customer(req.caller.domainId) : undefined;
  if (!customer) return { offers: [], onDemand: null };
  const profile = req.state.bills.profile(customer);
  return { offers: profile.offers, onDemand: profile.onDemandOffer };
}

/** `project_id` and the product list shared by 4.12 and 4.13, ids unique within the request. */
function productInfos(body: Body): Body[] {
  bodyString(body, 'project_id', { required: true, max: 64, empty: 'reject' });
  const items = bodyObjectList(body, 'product_infos', { required: true, min: 1, max: 100 })!;
  const ids = new Set<string>();
  for (const item of items) {
    const id = bodyString(item, 'id', { required: true, max: 64, empty: 'reject' })!;
    if (ids.has(id)) throw parameterError('product_infos.id', 'must be unique within the request');
    ids.add(id);
  }
  return items;
}

/** The product an item names, its linear size checked (required for linear products, in their unit). */
function itemProduct(req: SimRequest, item: Body, chargeMode: 1 | 3) {
  const text = (name: string): string => bodyString(item, name, { required: true, max: 400, empty: 'reject' })!;
  const seed = req.state.world.seed;
  const found = findProduct(seed, text('cloud_service_type'), text('resource_type'), text('resource_spec'), text('region'), chargeMode);
  bodyString(item, 'available_zone', { max: 64 });
  const size = bodyInt(item, 'resource_size', { min: 1 });
  const sizeUnit = bodyInt(item, 'size_measure_id', { allowed: [14, 15, 17] });
  const linearUnit = found.product.specSizeMeasureId;
  if (linearUnit !== null) {
    if (size === undefined) throw parameterError('resource_size', 'is required for a linear product');
    if (sizeUnit === undefined) throw parameterError('size_measure_id', 'is required for a linear product');
    if (sizeUnit !== linearUnit) throw parameterError('size_measure_id', `must be ${linearUnit} for this product`);
  }
  const subscriptions = bodyInt(item, 'subscription_num', { required: true, min: 1, max: 1_000_000 })!;
  return { ...found, size: linearUnit === null ? null : size!, subscriptions };
}

/** A `decimal` request field: a JSON number, or a numeric string (the Go SDK sends decimals quoted). */
function bodyDecimal(body: Body, name: string): Decimal {
  const value = body[name];
  if (value === undefined || value === null) throw parameterError(name, 'is required');
  if ((typeof value !== 'number' && typeof value !== 'string') || !/^\d+(\.\d+)?$/.test(String(value))) {
    throw parameterError(name, 'must be a non-negative decimal');
  }
  return toDecimal(value);
}

const rated = (amount: Decimal): unknown => quantity(amount);
const sum = (values: readonly Decimal[]): Decimal => values.reduce((acc, v) => acc.plus(v), new Money(0));

export const listOnDemandResourceRatings: Handler = (req) => {
  const body = bodyObject(req, true);
  const precision = bodyInt(body, 'inquiry_precision', { allowed: [0, 1] }) ?? 0;
  const items = productInfos(body);
  const { onDemand } = callerOffers(req);
  const results = items.map((item) => {
    const product = itemProduct(req, item, 3);
    const factor = bodyString(item, 'usage_factor', { required: true, max: 64, empty: 'reject' })!;
    if (factor.toLowerCase() !== product.type.usageType.toLowerCase()) {
      throw new CbcError(400, 'CBC.99006074', 'The billing factor does not exist.');
    }
    const value = bodyDecimal(item, 'usage_value');
    const unit = bodyInt(item, 'usage_measure_id', { required: true, min: 1 })!;
    const usage = pricedUsage(product.type, value, unit, product.size);
    const quote = quoteOnDemand(product.type, usage, product.subscriptions, onDemand, precision === 1 ? 10 : 6);
    return { id: item['id'] as string, productId: product.product.productId, ...quote };
  });
  return {
    body: {
      amount: rated(sum(results.map((r) => r.amount))),
      discount_amount: rated(sum(results.map((r) => r.discount))),
      official_website_amount: rated(sum(results.map((r) => r.official))),
      measure_id: 1,
      currency: 'CNY',
      product_rating_results: results.map((r) => ({
        id: r.id,
        product_id: r.productId,
        amount: rated(r.amount),
        discount_amount: rated(r.discount),
        official_website_amount: rated(r.official),
        measure_id: 1,
        discount_rating_results:
          onDemand === null || r.discount.isZero()
            ? []
            : [{ discount_id: onDemand.id, discount_type: onDemand.type, amount: rated(r.discount), measure_id: 1, discount_name: onDemand.name }],
      })),
    },
  };
};

export const listRateOnPeriodDetail: Handler = (req) => {
  const body = bodyObject(req, true);
  const items = productInfos(body);
  const { offers } = callerOffers(req);
  const quotes = items.map((item) => {
    const product = itemProduct(req, item, 1);
    const periodType = bodyInt(item, 'period_type', { required: true, allowed: [0, 2, 3, 4] })! as QuotePeriod;
    const periodNum = bodyInt(item, 'period_num', { required: true, min: 1, max: 1000 })!;
    const installment = bodyString(item, 'fee_installment_mode', { max: 16 });
    if (installment !== undefined && !['HALF_PAY', 'ZERO_PAY', 'NA'].includes(installment)) {
      throw parameterError('fee_installment_mode', 'must be one of HALF_PAY, ZERO_PAY, NA');
    }
    const official = periodListPrice(product.type, periodType, periodNum, product.subscriptions);
    return { id: item['id'] as string, productId: product.product.productId, periodType, official };
  });
  const official = sum(quotes.map((q) => q.official));
  const json: Record<string, unknown> = {
    official_website_rating_result: {
      official_website_amount: rated(official),
      measure_id: 1,
      product_rating_results: quotes.map((q) => ({ id: q.id, product_id: q.productId, official_website_amount: rated(q.official), measure_id: 1 })),
    },
  };
  if (offers.length > 0) {
    json.optional_discount_rating_results = offers.map((offer, i) => {
      const perItem = quotes.map((q) => ({ ...q, discount: offerDiscount(offer, q.official, q.periodType) }));
      const discount = sum(perItem.map((q) => q.discount));
      return {
        discount_id: offer.id,
        amount: rated(official.minus(discount)),
        official_website_amount: rated(official),
        discount_amount: rated(discount),
        measure_id: 1,
        discount_type: offer.type,
        discount_name: offer.name,
        // Offers are best first: the largest saving, the commercial discount on a tie.
        best_offer: i === 0 ? 1 : 0,
        product_rating_results: perItem.map((q) => ({
          id: q.id,
          product_id: q.productId,
          amount: rated(q.official.minus(q.discount)),
          official_website_amount: rated(q.official),
          discount_amount: rated(q.discount),
          measure_id: 1,
        })),
      };
    });
  }
  json.currency = 'CNY';
  return { body: json };
};

/** Why a resource cannot be renewed, with the codes RenewalResources uses for the same cases. */
function renewalFailure(req: SimRequest, book: CommerceBook, id: string): { code: string; message: string } | ResourceRecord {
  const resource = book.resourceById.get(id);
  if (!resource || !resource.provisioned || resource.chargeMode !== 1) return { code: 'CBC.99003012', message: 'The resource does not exist.' };
  if (resource.parentResourceId !== null) return { code: 'CBC.30050007', message: 'The resource is not a main resource.' };
  const status = periodStatus(book, resource, req.now);
  if (status === 3) return { code: 'CBC.30050009', message: 'The resource has been deleted.' };
  if (status === 4) return { code: 'CBC.30050009', message: 'The resource is frozen.' };
  if (book.orders.some((o) => o.status === 6 && o.resourceIds.includes(id))) {
    return { code: 'CBC.30050010', message: 'The resource is in an unpaid order.' };
  }
  return resource;
}

export const listRenewRateOnPeriod: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const ids = bodyIdList(body, 'resource_ids', { required: true, min: 1, max: 10 })!;
  const periodType = bodyInt(body, 'period_type', { required: true, allowed: [2, 3] })! as 2 | 3;
  const periodNum = bodyInt(body, 'period_num', { required: true, min: 1, max: periodType === 2 ? 11 : 3 })!;
  const withRelated = bodyBool(body, 'include_relative_resources') ?? false;
  rejectDuplicates(ids);

  const book = req.state.commerce.book(customerId);
  const { offers } = callerOffers(req);
  const results: { resourceId: string; list: Decimal }[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const id of ids) {
    const main = book ? renewalFailure(req, book, id) : { code: 'CBC.99003012', message: 'The resource does not exist.' };
    if (!('resourceId' in main)) {
      failures.push({ error_code: main.code, error_msg: main.message, resource_id: id });
      continue;
    }
    const group = withRelated ? resourceGroup(book!, main).filter((r) => !r.closedAt) : [main];
    // What RenewalResources would put on the renewal order's lines, before discounts at payment.
    results.push({ resourceId: id, list: sum(group.map((r) => priceLine(r.resourceType, periodType, periodNum).afterDiscount)) });
  }
  const official = sum(results.map((r) => r.list));
  const money = (amount: Decimal): string => amount.toFixed(2);
  return {
    body: {
      currency: 'CNY',
      renew_inquiry_results: results.map((r) => ({ resource_id: r.resourceId, amount: money(r.list) })),
      official_website_rating_result: { official_website_amount: money(official) },
      optional_discount_rating_results:
        results.length === 0
          ? []
          : offers.map((offer, i) => {
              const discount = sum(results.map((r) => offerDiscount(offer, r.list, periodType)));
              return {
                discount_id: offer.id,
                amount: money(official.minus(discount)),
                official_website_amount: money(official),
                discount_amount: money(discount),
                discount_type: offer.type,
                discount_name: offer.name,
                best_offer: i === 0 ? 1 : 0,
              };
            }),
      fail_resource_infos: failures,
    },
  };
};

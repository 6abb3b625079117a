/**
 * Price quotes at the root (bss-api-commerce.md §4.12–4.14): what products would cost pay-per-use
 * (`onDemandQuote`) or yearly/monthly (`periodQuote`), at list price with the partner's credentials or with a
 * customer's discounts through its token, and what renewing a customer's resources would cost
 * (`renewalQuote`, customer-only). Each quote is one upstream call.
 */
import { onDemandQuote, periodQuote, renewalQuote } from '../resolvers/customer-costs.js';
import type { DiscountPriceShape, ProductPriceShape, QuoteShape, RenewalQuoteShape } from '../sources/price-quotes.js';
import { builder } from './builder.js';

const ProductPrice = builder.objectRef<ProductPriceShape>('ProductPrice').implement({
  description: 'The price of one product of a quote (`DemandProductRatingResult` / `PeriodProductRatingResult`).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The id the product was given in the request.' }),
    productId: t.exposeString('productId', { nullable: true, description: 'Huawei\'s product id.' }),
    amount: t.expose('amount', { type: 'Decimal', nullable: true, description: 'What would be paid; null where the endpoint gives only the list price.' }),
    discountAmount: t.expose('discountAmount', { type: 'Decimal', nullable: true, description: 'The discount.' }),
    officialAmount: t.expose('officialAmount', { type: 'Decimal', description: 'The list ("official website") price.' }),
  }),
});

const DiscountPrice = builder.objectRef<DiscountPriceShape>('DiscountPrice').implement({
  description: 'A discount that could apply to a yearly/monthly or renewal quote (`OptionalDiscountRatingResult`).',
  fields: (t) => ({
    discountId: t.exposeString('discountId', { nullable: true, description: 'The discount id.' }),
    name: t.exposeString('name', { nullable: true, description: 'The discount\'s name.' }),
    typeCode: t.exposeInt('typeCode', { nullable: true, description: 'The raw `discount_type`.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'What would be paid with it.' }),
    officialAmount: t.expose('officialAmount', { type: 'Decimal', description: 'The list price.' }),
    discountAmount: t.expose('discountAmount', { type: 'Decimal', description: 'The discount it gives.' }),
    bestOffer: t.exposeBoolean('bestOffer', { description: 'Huawei\'s best offer among the discounts (`best_offer` 1).' }),
    products: t.field({ type: [ProductPrice], description: 'Per product, with this discount.', resolve: (d) => [...d.products] }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The fields every quote has (a renewal quote adds its resources and failures). */
function quoteFields<Q extends QuoteShape>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Q>) {
  return {
    currency: t.string({ nullable: true, description: 'Currency code (`CNY`).', resolve: (q) => q.currency }),
    amount: t.field({ type: 'Decimal', nullable: true, description: 'What would be paid: with the best discount, or the list price when none applies.', resolve: (q) => q.amount }),
    discountAmount: t.field({ type: 'Decimal', nullable: true, description: 'The discount in `amount`.', resolve: (q) => q.discountAmount }),
    officialAmount: t.field({ type: 'Decimal', description: 'The list price.', resolve: (q) => q.officialAmount }),
    products: t.field({ type: [ProductPrice], description: 'Per product (none on a renewal quote).', resolve: (q) => [...q.products] }),
    discounts: t.field({ type: [DiscountPrice], description: 'The discounts that could apply (none on pay-per-use quotes).', resolve: (q) => [...q.discounts] }),
  };
}

const PriceQuote = builder.objectRef<QuoteShape>('PriceQuote').implement({
  description: 'What products would cost (ListOnDemandResourceRatings §4.12 or ListRateOnPeriodDetail §4.13). Exact decimals.',
  fields: (t) => quoteFields(t),
});

const RenewalFailure = builder.objectRef<RenewalQuoteShape['failures'][number]>('RenewalQuoteFailure').implement({
  description: 'A resource a renewal quote could not price (`FailResourceInfo`).',
  fields: (t) => ({
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource.' }),
    code: t.exposeString('code', { nullable: true, description: 'Huawei\'s error code.' }),
    message: t.exposeString('message', { nullable: true, description: 'Huawei\'s error text.' }),
  }),
});

const ResourceRenewalPrice = builder.objectRef<RenewalQuoteShape['resources'][number]>('ResourceRenewalPrice').implement({
  description: 'One resource\'s renewal price (`RenewInquiryResultInfo`).',
  fields: (t) => ({
    resourceId: t.exposeString('resourceId', { description: 'The resource.' }),
    amount: t.expose('amount', { type: 'Decimal', description: 'Its renewal price.' }),
  }),
});

const RenewalQuote = builder.objectRef<RenewalQuoteShape>('RenewalQuote').implement({
  description: 'What renewing resources would cost the customer (ListRenewRateOnPeriod §4.14). Exact decimals.',
  fields: (t) => ({
    ...quoteFields(t),
    resources: t.field({ type: [ResourceRenewalPrice], description: 'Per resource.', resolve: (q) => [...q.resources] }),
    failures: t.field({ type: [RenewalFailure], description: 'Resources that could not be priced.', resolve: (q) => [...q.failures] }),
  }),
});

const productFields = {
  id: { required: true, description: 'Your id for the product, unique in the request; the answer uses it.' },
  serviceTypeCode: { required: true, description: 'The cloud service type (`cloud_service_type`), e.g. `hws.service.type.ec2`.' },
  resourceTypeCode: { required: true, description: 'The resource type (`resource_type`), e.g. `hws.resource.type.vm`.' },
  resourceSpec: { required: true, description: 'The resource specification (`resource_spec`), e.g. `s6.small.1.linux`.' },
  regionCode: { required: true, description: 'The region (`region`), e.g. `cn-north-4`.' },
} as const;

const OnDemandProduct = builder.inputType('OnDemandQuoteProduct', {
  description: 'A product to price pay-per-use (`DemandProductInfo`).',
  fields: (t) => ({
    id: t.string(productFields.id),
    serviceTypeCode: t.string(productFields.serviceTypeCode),
    resourceTypeCode: t.string(productFields.resourceTypeCode),
    resourceSpec: t.string(productFields.resourceSpec),
    regionCode: t.string(productFields.regionCode),
    availabilityZone: t.string({ description: 'The availability zone (`available_zone`).' }),
    resourceSize: t.int({ description: 'Size of a linear product (disks, bandwidth), in `sizeMeasureId`.' }),
    sizeMeasureId: t.int({ description: 'Unit of `resourceSize` (15 Mbps, 17 GB, 14 pieces).' }),
    usageFactor: t.string({ required: true, description: 'The usage factor (`usage_factor`), e.g. `Duration`, `upflow`.' }),
    usageValue: t.field({ type: 'Decimal', required: true, description: 'The usage to price, in `usageMeasureId`.' }),
    usageMeasureId: t.int({ required: true, description: 'Unit of `usageValue` (e.g. 4 hours).' }),
    quantity: t.int({ required: true, description: 'How many (`subscription_num`).' }),
  }),
});

const PeriodProduct = builder.inputType('PeriodQuoteProduct', {
  description: 'A product to price yearly/monthly (`PeriodProductInfo`).',
  fields: (t) => ({
    id: t.string(productFields.id),
    serviceTypeCode: t.string(productFields.serviceTypeCode),
    resourceTypeCode: t.string(productFields.resourceTypeCode),
    resourceSpec: t.string(productFields.resourceSpec),
    regionCode: t.string(productFields.regionCode),
    availabilityZone: t.string({ description: 'The availability zone (`available_zone`).' }),
    resourceSize: t.int({ description: 'Size of a linear product, in `sizeMeasureId`.' }),
    sizeMeasureId: t.int({ description: 'Unit of `resourceSize`.' }),
    periodType: t.int({ required: true, description: 'The period unit (`period_type`): 2 month, 3 year, 4 one-off.' }),
    periodCount: t.int({ required: true, description: 'How many periods (`period_num`).' }),
    quantity: t.int({ required: true, description: 'How many (`subscription_num`).' }),
  }),
});

const CUSTOMER_ARG = 'Price with this customer\'s discounts, through its token (CUSTOMER_AGENCY_NOT_GRANTED when it granted no agency); omitted: list prices with the partner\'s credentials.';

builder.queryFields((t) => ({
  onDemandQuote: t.field({
    type: PriceQuote,
    nullable: true,
    description:
      'What products would cost pay-per-use. Upstream: ListOnDemandResourceRatings `POST /v2/bills/ratings/on-demand-resources` ' +
      '(§4.12): one call for up to 100 products (more are refused before any call).',
    args: {
      projectId: t.arg.string({ required: true, description: 'A project id of the account pricing (`project_id`).' }),
      products: t.arg({ type: [OnDemandProduct], required: true, description: '1 to 100 products.' }),
      customerId: t.arg.string({ description: CUSTOMER_ARG }),
    },
    resolve: (_root, args, ctx) => onDemandQuote(ctx, args.projectId, args.products, args.customerId),
  }),
  periodQuote: t.field({
    type: PriceQuote,
    nullable: true,
    description:
      'What products would cost yearly/monthly, with the discounts that could apply. Upstream: ListRateOnPeriodDetail ' +
      '`POST /v2/bills/ratings/period-resources/subscribe-rate` (§4.13, 30 calls/s): one call for up to 100 products.',
    args: {
      projectId: t.arg.string({ required: true, description: 'A project id of the account pricing (`project_id`).' }),
      products: t.arg({ type: [PeriodProduct], required: true, description: '1 to 100 products.' }),
      customerId: t.arg.string({ description: CUSTOMER_ARG }),
    },
    resolve: (_root, args, ctx) => periodQuote(ctx, args.projectId, args.products, args.customerId),
  }),
  renewalQuote: t.field({
    type: RenewalQuote,
    nullable: true,
    description:
      'What renewing a customer\'s yearly/monthly resources would cost it. Upstream: ListRenewRateOnPeriod ' +
      '`POST /v2/bills/ratings/period-resources/renew-rate` (§4.14, customer-only: through the customer\'s token): one call for 1 to 10 resources.',
    args: {
      customerId: t.arg.string({ required: true, description: 'The customer holding the resources.' }),
      resourceIds: t.arg.stringList({ required: true, description: '1 to 10 resource ids.' }),
      periodType: t.arg.int({ required: true, description: 'The renewal period unit (`period_type`): 2 month, 3 year.' }),
      periodCount: t.arg.int({ required: true, description: 'How many periods (`period_num`).' }),
      includeRelatedResources: t.arg.boolean({ defaultValue: true, description: 'Price attached resources too (`include_relative_resources`).' }),
    },
    resolve: (_root, args, ctx) =>
      renewalQuote(ctx, args.customerId, args.resourceIds, args.periodType, args.periodCount, args.includeRelatedResources ?? true),
  }),
}));

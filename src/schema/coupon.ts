/**
 * Coupons the partner issued (bss-api-partners.md §3): `Coupon` (§3.1) with its issue/reclaim `CouponRecord`s
 * (§3.4), and their edges onto `Partner`, `IndirectPartner` and `Customer`. Quotas: coupon-quota.ts; the coupons a
 * customer holds and its coupon ledger: held-coupon.ts.
 */
import type { ArgBuilder } from '@pothos/core';
import { couponRecordsConnection, issuedCouponsConnection } from '../resolvers/coupon.js';
import { couponKey, type CouponRecordShape, type CouponShape, type CouponUseLimitShape } from '../sources/coupons.js';
import { quotaKey } from '../sources/coupon-quotas.js';
import { isConsultative } from '../sources/customers.js';
import { encodeOrderKey } from '../sources/orders.js';
import { parseScopedKey, scopedKey, type Scope } from '../sources/wire.js';
import { requireScope, scopeOfArg } from '../auth/scope.js';
import type { GraphQLContext } from '../context.js';
import { builder } from './builder.js';
import { lifeWindowArgs, type LifeWindowArgs } from './life-window-args.js';
import { customerEdge, resellerEdge } from '../resolvers/id-edges.js';
import { CouponQuota } from './coupon-quota.js';
import { Customer } from './customer.js';
import { IndirectPartner } from './indirect-partner.js';
import { Order } from './order.js';
import { Partner } from './partner.js';
import {
  CouponFetchMethod, CouponMediaType, CouponOperationType, CouponQuotaType, CouponStatus, CouponType, IssuedCouponType, OperationResult,
  couponFetchMethod, couponMediaType, couponOperationType, couponQuotaType, couponStatus, couponType, filterCode, operationResult,
} from './partner-enums.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Restrictions

export const CouponUseLimit = builder.objectRef<CouponUseLimitShape>('CouponUseLimit').implement({
  description: 'A usage restriction of a coupon (`ICouponUseLimitInfoV2`, §4); keys and values are Huawei\'s opaque strings.',
  fields: (t) => ({
    limitId: t.exposeString('limitId', { nullable: true, description: 'Restriction id (`use_limiti_info_id`, Huawei\'s spelling).' }),
    key: t.exposeString('key', { nullable: true, description: 'The restricted attribute (`limit_key`), e.g. `chargeScene`, `regionCode`, `productId`.' }),
    value1: t.exposeString('value1', { nullable: true, description: 'First value; its meaning depends on the key.' }),
    value2: t.exposeString('value2', { nullable: true, description: 'Second value; its meaning depends on the key.' }),
    valueUnit: t.exposeString('valueUnit', { nullable: true, description: 'Unit of the values.' }),
    limitType: t.exposeString('limitType', { nullable: true, description: 'Kind of restriction.' }),
    promotionPlanId: t.exposeString('promotionPlanId', { nullable: true, description: 'The promotion plan the restriction belongs to.' }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Issued coupons and their records

export const Coupon = builder.objectRef<CouponShape>('Coupon');

export const CouponRecord = builder.objectRef<CouponRecordShape>('CouponRecord');

/**
 * A coupon record's global id names its record id, its coupon and the coupon's scope: §3.4 has no
 * lookup by record id, so a refetch reads the coupon's records (one call) and picks the record.
 */
const couponRecordKey = (r: CouponRecordShape): string => `${r.recordId ?? ''}|${scopedKey(r.couponId ?? '', r.indirectPartnerId)}`;

builder.node(CouponRecord, {
  description:
    'One issue or reclaim of a coupon (ListPartnerCouponsRecord `GET /v2/promotions/benefits/partner-coupons/records/query`, §3.4).',
  id: { resolve: couponRecordKey },
  loadOne: async (id, ctx) => {
    const bar = id.indexOf('|');
    if (bar <= 0 || bar === id.length - 1) return null;
    requireScope(ctx.caller, parseScopedKey(id.slice(bar + 1)).scope);
    const records = await ctx.loaders.couponRecords.load(id.slice(bar + 1));
    return records.find((r) => couponRecordKey(r) === id) ?? null;
  },
  fields: (t) => ({
    recordId: t.exposeString('recordId', { nullable: true, description: 'The record id.' }),
    operationType: t.field({ type: CouponOperationType, description: 'What happened.', resolve: (r) => couponOperationType(r.operationType) }),
    operationTypeCode: t.exposeString('operationType', { nullable: true, description: 'The raw `operation_type`.' }),
    quotaId: t.exposeString('quotaId', { nullable: true, description: 'The quota the coupon came from.' }),
    quotaType: t.field({ type: CouponQuotaType, description: 'The kind of that quota.', resolve: (r) => couponQuotaType(r.quotaType) }),
    quotaTypeCode: t.exposeInt('quotaType', { nullable: true, description: 'The raw `quota_type`.' }),
    quota: t.field({
      type: CouponQuota,
      nullable: true,
      description: 'The quota the coupon came from, through the quota loader (ListQuotaCoupons, ≤ 50 per call).',
      resolve: (r, _args, ctx) =>
        r.quotaId ? ctx.loaders.couponQuota.load(quotaKey({ quotaId: r.quotaId, quotaType: r.quotaType, indirectPartnerId: r.indirectPartnerId })) : null,
    }),
    couponId: t.exposeString('couponId', { nullable: true, description: 'The coupon.' }),
    coupon: t.field({
      type: Coupon,
      nullable: true,
      description: 'The coupon, through the coupon loader (one ListIssuedPartnerCoupons call per distinct coupon; free if listed).',
      resolve: (r, _args, ctx) => (r.couponId ? ctx.loaders.coupon.load(scopedKey(r.couponId, r.indirectPartnerId)) : null),
    }),
    customerId: t.exposeString('customerId', { nullable: true, description: 'The customer holding the coupon.' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer holding the coupon: free when only its id is asked, else the customer loader (one call in the coupon\'s scope per distinct customer).',
      resolve: (r, _args, ctx, info) => customerEdge(ctx, info, r.customerId, r.indirectPartnerId),
    }),
    amount: t.expose('amount', {
      type: 'Decimal',
      nullable: true,
      description: 'Yuan: the face value for an issue, the amount taken back for a reclaim (`operation_amount`).',
    }),
    operationTime: t.expose('operationTime', { type: 'DateTime', nullable: true, description: 'When it happened.' }),
    result: t.field({ type: OperationResult, description: 'Whether it succeeded.', resolve: (r) => operationResult(r.result) }),
    resultCode: t.exposeString('result', { nullable: true, description: 'The raw `result`.' }),
    remark: t.exposeString('remark', { nullable: true, description: 'Remark.' }),
  }),
});

builder.node(Coupon, {
  description:
    'A coupon the partner (or one of its resellers) issued to a resale customer (ListIssuedPartnerCoupons ' +
    '`GET /v2/promotions/benefits/partner-coupons`, §3.1).',
  id: { resolve: (c) => couponKey(c) },
  loadOne: (id, ctx) => {
    requireScope(ctx.caller, parseScopedKey(id).scope);
    return ctx.loaders.coupon.load(id);
  },
  fields: (t) => ({
    couponId: t.exposeString('couponId', { description: 'The coupon id.' }),
    status: t.field({ type: CouponStatus, description: 'The coupon\'s status.', resolve: (c) => couponStatus(c.status) }),
    statusCode: t.exposeInt('status', { nullable: true, description: 'The raw `status`.' }),
    couponType: t.field({ type: CouponType, description: 'Voucher or cash coupon.', resolve: (c) => couponType(c.couponType) }),
    couponTypeCode: t.exposeInt('couponType', { nullable: true, description: 'The raw `coupon_type`.' }),
    faceValue: t.expose('faceValue', { type: 'Decimal', nullable: true, description: 'Face value, yuan.' }),
    balance: t.expose('balance', { type: 'Decimal', nullable: true, description: 'Remaining value, yuan.' }),
    effectiveTime: t.expose('effectiveTime', { type: 'DateTime', nullable: true, description: 'When the coupon becomes usable.' }),
    expireTime: t.expose('expireTime', { type: 'DateTime', nullable: true, description: 'When the coupon expires.' }),
    activeTime: t.expose('activeTime', { type: 'DateTime', nullable: true, description: 'When it was activated.' }),
    lastUsedTime: t.expose('lastUsedTime', { type: 'DateTime', nullable: true, description: 'When it was last used.' }),
    createTime: t.expose('createTime', { type: 'DateTime', nullable: true, description: 'When it was issued.' }),
    customerId: t.exposeString('customerId', { nullable: true, description: 'The customer holding it.' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer holding it: free when only its id is asked or when listed under that customer, else the customer loader.',
      resolve: (c, _args, ctx, info) => customerEdge(ctx, info, c.customerId, c.indirectPartnerId),
    }),
    orderId: t.exposeString('orderId', { nullable: true, description: 'The order the coupon was used on.' }),
    order: t.field({
      type: Order,
      nullable: true,
      description: 'The order the coupon was used on, through the order loader (ListCustomerOrders, de-duplicated).',
      resolve: (c, _args, ctx) => (c.orderId ? ctx.loaders.order.load(encodeOrderKey({ orderId: c.orderId, indirectPartnerId: c.indirectPartnerId })) : null),
    }),
    lockOrderId: t.exposeString('lockOrderId', { nullable: true, description: 'The order currently locking the coupon.' }),
    promotionPlanId: t.exposeString('promotionPlanId', { nullable: true, description: 'Promotion plan id.' }),
    promotionPlanName: t.exposeString('promotionPlanName', { nullable: true, description: 'Promotion plan name.' }),
    promotionPlanDescription: t.exposeString('promotionPlanDescription', { nullable: true, description: 'Promotion plan description.' }),
    promotionId: t.exposeString('promotionId', { nullable: true, description: 'Promotion (campaign) id.' }),
    mediaType: t.field({ type: CouponMediaType, description: 'Electronic or paper.', resolve: (c) => couponMediaType(c.mediaType) }),
    mediaTypeCode: t.exposeInt('mediaType', { nullable: true, description: 'The raw `media_type`.' }),
    fetchMethod: t.field({ type: CouponFetchMethod, description: 'How the holder got it.', resolve: (c) => couponFetchMethod(c.fetchMethod) }),
    fetchMethodCode: t.exposeInt('fetchMethod', { nullable: true, description: 'The raw `fetch_method`.' }),
    useLimits: t.field({ type: [CouponUseLimit], description: 'Usage restrictions.', resolve: (c) => [...c.useLimits] }),
    frozen: t.boolean({ nullable: true, description: 'Whether the coupon is frozen (`is_frozen` "1").', resolve: (c) => (c.isFrozen === null ? null : c.isFrozen === '1') }),
    indirectPartnerId: t.exposeString('indirectPartnerId', { nullable: true, description: 'The reseller that issued it; null when the partner did.' }),
    indirectPartner: t.field({
      type: IndirectPartner,
      nullable: true,
      description: 'The reseller that issued it; null when the partner did. Free when only its id is asked, else the reseller loader.',
      resolve: (c, _args, ctx, info) => resellerEdge(ctx, info, c.indirectPartnerId),
    }),
    records: t.field({
      type: [CouponRecord],
      nullable: true,
      description:
        'Every issue and reclaim record of the coupon. Upstream: ListPartnerCouponsRecord with `coupon_ids`, batched: ' +
        '≤ 100 coupons of one scope per walk, paged until `total_count`.',
      resolve: (c, _args, ctx) => ctx.loaders.couponRecords.load(couponKey(c)),
    }),
    quota: t.field({
      type: CouponQuota,
      nullable: true,
      description:
        'The quota the coupon was issued from, named by its issue record (the coupon itself does not say): the coupon ' +
        'records loader, then the quota loader (ListQuotaCoupons, ≤ 50 per call).',
      resolve: async (c, _args, ctx) => {
        const records = await ctx.loaders.couponRecords.load(couponKey(c));
        const issue = records.find((r) => r.operationType === '1' && r.quotaId) ?? records.find((r) => r.quotaId);
        if (!issue?.quotaId) return null;
        // Cash coupons (type 4) come from cash-coupon quotas (type 1), vouchers from voucher quotas (type 0).
        const type = issue.quotaType ?? (c.couponType === 4 ? 1 : 0);
        return ctx.loaders.couponQuota.load(quotaKey({ quotaId: issue.quotaId, quotaType: type, indirectPartnerId: c.indirectPartnerId }));
      },
    }),
  }),
});

export const CouponConnection = builder.connectionObject({ type: Coupon, name: 'CouponConnection' }, { name: 'CouponEdge' });
export const CouponRecordConnection = builder.connectionObject({ type: CouponRecord, name: 'CouponRecordConnection' }, { name: 'CouponRecordEdge' });

function issuedCouponArgs(arg: ArgBuilder<Types>) {
  return {
    couponType: arg({ type: IssuedCouponType, description: 'Only vouchers or only cash coupons (`coupon_type`).' }),
    status: arg({ type: CouponStatus, description: 'Only coupons in this status (`status`).' }),
    orderId: arg.string({ description: 'Only the coupons used on this order (`order_id`).' }),
    ...lifeWindowArgs(arg, 'Issued'),
  };
}

interface IssuedCouponArgs extends PageArgs, LifeWindowArgs {
  couponType?: number | null;
  status?: number | null;
  orderId?: string | null;
}

function resolveIssuedCoupons(ctx: GraphQLContext, scope: Scope, customerId: string | null | undefined, args: IssuedCouponArgs) {
  return issuedCouponsConnection(ctx, scope, args, {
    ...args,
    customerId,
    couponType: args.couponType ?? undefined,
    status: filterCode(args.status, 'status'),
  });
}

function couponRecordArgs(arg: ArgBuilder<Types>) {
  return {
    operationTypes: arg({ type: [CouponOperationType], description: 'Only records of these kinds (`operation_types`, ≤ 8).' }),
    quotaId: arg.string({ description: 'Only coupons from this quota (`quota_id`).' }),
    quotaType: arg({ type: CouponQuotaType, description: 'Only coupons from quotas of this kind (`quota_type`).' }),
    couponIds: arg.stringList({ description: 'Only these coupons (`coupon_ids`, ≤ 100).' }),
    operationFrom: arg({ type: 'DateTime', description: 'Only records after this time (`operation_time_begin`).' }),
    operationTo: arg({ type: 'DateTime', description: 'Only records before this time (`operation_time_end`).' }),
    result: arg({ type: OperationResult, description: 'Only successful or only failed operations (`result`).' }),
  };
}

interface CouponRecordArgs extends PageArgs {
  operationTypes?: string[] | null;
  quotaId?: string | null;
  quotaType?: number | null;
  couponIds?: string[] | null;
  operationFrom?: Date | null;
  operationTo?: Date | null;
  result?: string | null;
}

function resolveCouponRecords(ctx: GraphQLContext, scope: Scope, customerId: string | null | undefined, args: CouponRecordArgs) {
  return couponRecordsConnection(ctx, scope, args, {
    operationTypes: args.operationTypes?.map((t) => filterCode(t, 'operationTypes')!),
    quotaId: args.quotaId,
    quotaType: filterCode(args.quotaType, 'quotaType'),
    customerId,
    couponIds: args.couponIds,
    operationFrom: args.operationFrom,
    operationTo: args.operationTo,
    result: filterCode(args.result, 'result'),
  });
}


// ---------------------------------------------------------------------------------------------------------
// Partner, reseller and customer edges

/** What a consultative-sales customer's coupon lists are: the partner sees none of its coupons (§0.1). */
const emptyConnection = () => ({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 });

builder.objectFields(Partner, (t) => ({
  issuedCoupons: t.connection(
    {
      type: Coupon,
      nullable: true,
      description:
        'Coupons the partner issued to its resale customers (or, with `indirectPartnerId`, a reseller issued). Upstream: ' +
        'ListIssuedPartnerCoupons `GET /v2/promotions/benefits/partner-coupons`, one call per page of ≤ 100. Coupons that ' +
        'expired over two years ago and coupons of consultative-sales customers are not listed upstream.',
      args: {
        ...issuedCouponArgs(t.arg),
        customerId: t.arg.string({ description: 'Only this customer\'s coupons (`customer_id`).' }),
        indirectPartnerId: t.arg.string({ description: 'The coupons this reseller issued instead (`indirect_partner_id`; distributors only).' }),
      },
      resolve: (_p, args, ctx) => resolveIssuedCoupons(ctx, scopeOfArg(ctx.caller, args.indirectPartnerId), args.customerId, args),
    },
    CouponConnection,
  ),
  couponRecords: t.connection(
    {
      type: CouponRecord,
      nullable: true,
      description:
        'The log of coupons the partner issued and reclaimed. Upstream: ListPartnerCouponsRecord ' +
        '`GET /v2/promotions/benefits/partner-coupons/records/query`, one call per page of ≤ 100.',
      args: {
        ...couponRecordArgs(t.arg),
        customerId: t.arg.string({ description: 'Only this customer\'s coupons (`customer_id`).' }),
        indirectPartnerId: t.arg.string({ description: 'The records of coupons this reseller issued instead (`indirect_partner_id`).' }),
      },
      resolve: (_p, args, ctx) => resolveCouponRecords(ctx, scopeOfArg(ctx.caller, args.indirectPartnerId), args.customerId, args),
    },
    CouponRecordConnection,
  ),
}));

builder.objectFields(IndirectPartner, (t) => ({
  issuedCoupons: t.connection(
    {
      type: Coupon,
      nullable: true,
      description: 'Coupons the reseller issued to its resale customers. Upstream: ListIssuedPartnerCoupons with `indirect_partner_id`, one call per page of ≤ 100.',
      args: { ...issuedCouponArgs(t.arg), customerId: t.arg.string({ description: 'Only this customer\'s coupons (`customer_id`).' }) },
      resolve: (p, args, ctx) => resolveIssuedCoupons(ctx, p.indirectPartnerId, args.customerId, args),
    },
    CouponConnection,
  ),
  couponRecords: t.connection(
    {
      type: CouponRecord,
      nullable: true,
      description: 'The log of coupons this reseller issued and reclaimed. Upstream: ListPartnerCouponsRecord with `indirect_partner_id`, one call per page of ≤ 100.',
      args: { ...couponRecordArgs(t.arg), customerId: t.arg.string({ description: 'Only this customer\'s coupons (`customer_id`).' }) },
      resolve: (p, args, ctx) => resolveCouponRecords(ctx, p.indirectPartnerId, args.customerId, args),
    },
    CouponRecordConnection,
  ),
}));

builder.objectFields(Order, (t) => ({
  coupons: t.connection(
    {
      type: Coupon,
      nullable: true,
      description:
        'The partner-issued coupons used on this order. Upstream: ListIssuedPartnerCoupons `GET /v2/promotions/benefits/partner-coupons` ' +
        'with `order_id` (and `customer_id`), in the order\'s scope: one call per page of ≤ 100 per order (the endpoint takes one order id). ' +
        'Coupons from Huawei campaigns are not listed here: see `Customer.heldCoupons(orderId:)`.',
      args: (({ orderId: _orderId, ...rest }) => rest)(issuedCouponArgs(t.arg)),
      resolve: (o, args, ctx) => resolveIssuedCoupons(ctx, requireScope(ctx.caller, o.indirectPartnerId), o.customerId, { ...args, orderId: o.orderId }),
    },
    CouponConnection,
  ),
}));

builder.objectFields(CouponQuota, (t) => ({
  couponRecords: t.connection(
    {
      type: CouponRecord,
      nullable: true,
      description:
        'The coupons issued from this quota (and their reclaims), as issue/reclaim records each leading to its coupon. Upstream: ' +
        'ListPartnerCouponsRecord `GET /v2/promotions/benefits/partner-coupons/records/query` with `quota_id`, in the quota\'s ' +
        'scope: one call per page of ≤ 100; `coupon` on a record costs one ListIssuedPartnerCoupons call per distinct coupon not yet read.',
      args: (({ quotaId: _quotaId, ...rest }) => rest)(couponRecordArgs(t.arg)),
      resolve: (q, args, ctx) => resolveCouponRecords(ctx, requireScope(ctx.caller, q.indirectPartnerId), null, { ...args, quotaId: q.quotaId }),
    },
    CouponRecordConnection,
  ),
}));

builder.objectFields(Customer, (t) => ({
  coupons: t.connection(
    {
      type: Coupon,
      nullable: true,
      description:
        'Coupons the customer\'s partner (or reseller) issued to it. Upstream: ListIssuedPartnerCoupons with `customer_id`, ' +
        'one call per page of ≤ 100; none for consultative-sales customers, whose coupons the upstream does not list.',
      args: issuedCouponArgs(t.arg),
      resolve: (c, args, ctx) => {
        if (isConsultative(c)) return emptyConnection();
        return resolveIssuedCoupons(ctx, c.indirectPartnerId, c.customerId, args);
      },
    },
    CouponConnection,
  ),
  couponRecords: t.connection(
    {
      type: CouponRecord,
      nullable: true,
      description: 'The issue/reclaim log of the customer\'s coupons. Upstream: ListPartnerCouponsRecord with `customer_id`, one call per page of ≤ 100.',
      args: couponRecordArgs(t.arg),
      resolve: (c, args, ctx) => resolveCouponRecords(ctx, c.indirectPartnerId, c.customerId, args),
    },
    CouponRecordConnection,
  ),
}));

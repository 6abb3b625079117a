/**
 * Coupons and coupon quotas (bss-api-partners.md §1.7–§1.11, §3): `Coupon` (a coupon the partner issued,
 * §3.1) with its issue/reclaim `CouponRecord`s (§3.4); `CouponQuota` (§1.7, §1.11) with the distributor →
 * reseller quota tree and its `QuotaRecord`s (§1.8); and, through a customer token, the coupons a customer
 * holds (`HeldCoupon`, §3.5) and its coupon ledger (§3.6). The edges onto `Partner`, `IndirectPartner` and
 * `Customer` are added here.
 */
import type { ArgBuilder } from '@pothos/core';
import { couponChangesConnection, couponRecordsConnection, heldCouponsConnection, issuedCouponsConnection } from '../resolvers/coupon.js';
import {
  couponKey,
  type CouponChangeShape, type CouponRecordShape, type CouponShape, type CouponUseLimitShape, type HeldCouponShape,
} from '../sources/coupons.js';
import { couponQuotasConnection, issuedCouponQuotasConnection, quotaRecordsConnection } from '../resolvers/coupon-quota.js';
import { quotaKey, type CouponQuotaShape, type QuotaLimitShape, type QuotaRecordShape, parseQuotaKey } from '../sources/coupon-quotas.js';
import { isConsultative } from '../sources/customers.js';
import { encodeOrderKey } from '../sources/orders.js';
import { parseScopedKey, scopedKey, type Scope } from '../sources/wire.js';
import { requireScope, scopeFor, scopeOfArg } from '../auth/scope.js';
import { loginName, maskAccountName, maskName, personal } from '../auth/pii.js';
import type { GraphQLContext } from '../context.js';
import { builder } from './builder.js';
import { Customer } from './customer.js';
import { IndirectPartner } from './indirect-partner.js';
import { Order } from './order.js';
import { Partner } from './partner.js';
import {
  CouponFetchMethod, CouponMediaType, CouponOperationType, CouponQuotaStatus, CouponQuotaStatusFilter, CouponQuotaType, CouponStatus,
  CouponTradeDetailType, CouponTradeType, CouponType, IssuedCouponType, LedgerDirection, OperationResult, QuotaOperationType,
  couponFetchMethod, couponMediaType, couponOperationType, couponQuotaStatus, couponQuotaType, couponStatus, couponTradeDetailType, couponType,
  directionFromRevenueExpense, filterCode, operationResult, quotaOperationType, revenueExpenseFilter,
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

const CouponUseLimit = builder.objectRef<CouponUseLimitShape>('CouponUseLimit').implement({
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

const CouponQuotaLimitValue = builder
  .objectRef<QuotaLimitShape['values'][number]>('CouponQuotaLimitValue')
  .implement({
    description: 'Values of a quota restriction (`LimitValue`, §4).',
    fields: (t) => ({
      value1: t.exposeString('value1', { nullable: true, description: 'First value; its meaning depends on the key.' }),
      value2: t.exposeString('value2', { nullable: true, description: 'Second value; its meaning depends on the key.' }),
    }),
  });

const CouponQuotaLimit = builder.objectRef<QuotaLimitShape>('CouponQuotaLimit').implement({
  description: 'A restriction attached to a coupon quota (`QuotaLimitInfo`, §4), inherited by the coupons issued from it.',
  fields: (t) => ({
    key: t.exposeString('key', { nullable: true, description: 'The restricted attribute (`limit_key`).' }),
    values: t.field({ type: [CouponQuotaLimitValue], description: 'Its values (`limit_values`).', resolve: (l) => [...l.values] }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Coupon quotas

export const CouponQuota = builder.objectRef<CouponQuotaShape>('CouponQuota');

/** The distributor quota a reseller-side quota was carved from (§1.11 knows it; §1.7 does not say). */
async function parentQuotaIdOf(q: CouponQuotaShape, ctx: GraphQLContext): Promise<string | null> {
  if (q.parentKnown) return q.parentQuotaId;
  return (await ctx.loaders.issuedCouponQuota.load(q.quotaId))?.parentQuotaId ?? null;
}

export const QuotaRecord = builder.objectRef<QuotaRecordShape>('QuotaRecord');

/**
 * A quota record's global id names its record id, its reseller and the reseller-side quota: §1.8 has
 * no lookup by record id, so a refetch reads that quota's records (filtered by both) and picks it.
 */
const quotaRecordKey = (r: QuotaRecordShape): string => `${r.recordId ?? ''}|${r.quotaId ?? ''}|${r.indirectPartnerId ?? ''}`;

builder.node(QuotaRecord, {
  description:
    'One issue of voucher quota to a reseller, or its reclaim (ListCouponQuotasRecords `GET /v2/partners/coupon-quotas/records`, §1.8).',
  id: { resolve: quotaRecordKey },
  loadOne: async (id, ctx) => {
    const [recordId, quotaId, indirectPartnerId] = id.split('|');
    if (!recordId || !quotaId || !indirectPartnerId) return null;
    requireScope(ctx.caller, indirectPartnerId);
    const page = await quotaRecordsConnection(ctx, { first: ctx.limits.maxFirst }, { indirectPartnerId, quotaId });
    return page.edges.map((e) => e.node).find((r) => quotaRecordKey(r) === id) ?? null;
  },
  fields: (t) => ({
    recordId: t.exposeString('recordId', { nullable: true, description: 'The record id.' }),
    operator: t.string({
      nullable: true,
      description: 'Account (login) name of the operator who issued or reclaimed the quota; masked (`p************1`) unless the API key has the PII permission.',
      resolve: (r, _args, ctx) => loginName(ctx, r.operator, { indirectPartnerId: r.indirectPartnerId, field: 'QuotaRecord.operator' }),
    }),
    operationType: t.field({ type: QuotaOperationType, description: 'Issue or reclaim.', resolve: (r) => quotaOperationType(r.operationType) }),
    operationTypeCode: t.exposeString('operationType', { nullable: true, description: 'The raw `operation_type`.' }),
    quotaId: t.exposeString('quotaId', { nullable: true, description: 'The reseller-side quota.' }),
    quota: t.field({
      type: CouponQuota,
      nullable: true,
      description: 'The reseller-side quota, through the quota loader (ListQuotaCoupons in the reseller\'s scope, ≤ 50 per call).',
      resolve: (r, _args, ctx) =>
        r.quotaId && r.indirectPartnerId ? ctx.loaders.couponQuota.load(quotaKey({ quotaId: r.quotaId, quotaType: 0, indirectPartnerId: r.indirectPartnerId })) : null,
    }),
    parentQuotaId: t.exposeString('parentQuotaId', { nullable: true, description: 'The distributor-side quota the amount came from or went back to.' }),
    parentQuota: t.field({
      type: CouponQuota,
      nullable: true,
      description: 'The distributor-side quota, through the quota loader (ListQuotaCoupons, ≤ 50 per call).',
      resolve: (r, _args, ctx) => (r.parentQuotaId ? ctx.loaders.couponQuota.load(quotaKey({ quotaId: r.parentQuotaId, quotaType: 0, indirectPartnerId: null })) : null),
    }),
    amount: t.expose('amount', { type: 'Decimal', nullable: true, description: 'Amount issued or reclaimed, yuan.' }),
    operationTime: t.expose('operationTime', { type: 'DateTime', nullable: true, description: 'When it happened.' }),
    result: t.field({ type: OperationResult, description: 'Whether it succeeded.', resolve: (r) => operationResult(r.result) }),
    resultCode: t.exposeString('result', { nullable: true, description: 'The raw `result`.' }),
    indirectPartnerId: t.exposeString('indirectPartnerId', { nullable: true, description: 'The reseller.' }),
    indirectPartner: t.field({
      type: IndirectPartner,
      nullable: true,
      description: 'The reseller, through the reseller loader.',
      resolve: (r, _args, ctx) => (r.indirectPartnerId ? ctx.loaders.indirectPartner.load(r.indirectPartnerId) : null),
    }),
    indirectPartnerAccountName: t.string({
      nullable: true,
      description: 'The reseller\'s account name, as the record has it; masked unless the API key has the PII permission.',
      resolve: (r, _args, ctx) =>
        personal(ctx, r.indirectPartnerAccountName, { indirectPartnerId: r.indirectPartnerId, field: 'QuotaRecord.indirectPartnerAccountName' }, maskAccountName),
    }),
    indirectPartnerName: t.string({
      nullable: true,
      description: 'The reseller\'s company name, as the record has it; masked unless the API key has the PII permission.',
      resolve: (r, _args, ctx) => personal(ctx, r.indirectPartnerName, { indirectPartnerId: r.indirectPartnerId, field: 'QuotaRecord.indirectPartnerName' }, maskName),
    }),
    remark: t.exposeString('remark', { nullable: true, description: 'Remark.' }),
  }),
});

export const QuotaRecordConnection = builder.connectionObject({ type: QuotaRecord, name: 'QuotaRecordConnection' }, { name: 'QuotaRecordEdge' });
export const CouponQuotaConnection = builder.connectionObject({ type: CouponQuota, name: 'CouponQuotaConnection' }, { name: 'CouponQuotaEdge' });

function quotaRecordArgs(arg: ArgBuilder<Types>) {
  return {
    operationType: arg({ type: QuotaOperationType, description: 'Only issues or only reclaims (`operation_type`).' }),
    operationFrom: arg({ type: 'DateTime', description: 'Only records after this time (`operation_time_begin`).' }),
    operationTo: arg({ type: 'DateTime', description: 'Only records before this time (`operation_time_end`).' }),
  };
}

interface QuotaRecordArgs extends PageArgs {
  operationType?: string | null;
  operationFrom?: Date | null;
  operationTo?: Date | null;
}

function resolveQuotaRecords(ctx: GraphQLContext, args: QuotaRecordArgs, scope: { indirectPartnerId?: string | null; quotaId?: string | null; parentQuotaId?: string | null }) {
  return quotaRecordsConnection(ctx, args, {
    ...scope,
    operationType: filterCode(args.operationType, 'operationType'),
    operationFrom: args.operationFrom,
    operationTo: args.operationTo,
  });
}

builder.node(CouponQuota, {
  description:
    'A coupon quota (优惠券额度): an allowance from which coupons are issued to customers. The distributor\'s come from ' +
    'Huawei; a reseller\'s are carved out of one of the distributor\'s (ListQuotaCoupons §1.7, ListIssuedCouponQuotas §1.11).',
  id: { resolve: (q) => quotaKey(q) },
  loadOne: (id, ctx) => {
    const key = parseQuotaKey(id);
    if (!key) return null;
    requireScope(ctx.caller, key.indirectPartnerId);
    return ctx.loaders.couponQuota.load(id);
  },
  fields: (t) => ({
    quotaId: t.exposeString('quotaId', { description: 'The quota id (`quota_id`).' }),
    quotaType: t.field({ type: CouponQuotaType, description: 'Voucher or cash-coupon quota.', resolve: (q) => couponQuotaType(q.quotaType) }),
    quotaTypeCode: t.exposeInt('quotaType', { nullable: true, description: 'The raw `quota_type`.' }),
    status: t.field({ type: CouponQuotaStatus, description: 'The quota\'s status.', resolve: (q) => couponQuotaStatus(q.status) }),
    statusCode: t.exposeInt('status', { nullable: true, description: 'The raw `quota_status`.' }),
    value: t.expose('value', { type: 'Decimal', nullable: true, description: 'The original quota amount, yuan (`quota_value`).' }),
    balance: t.expose('balance', { type: 'Decimal', nullable: true, description: 'What is left to issue, yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY`.' }),
    createTime: t.expose('createTime', { type: 'DateTime', nullable: true, description: 'When the quota was created.' }),
    lastUpdateTime: t.expose('lastUpdateTime', { type: 'DateTime', nullable: true, description: 'When it last changed.' }),
    effectiveTime: t.expose('effectiveTime', { type: 'DateTime', nullable: true, description: 'When it takes effect.' }),
    expireTime: t.expose('expireTime', { type: 'DateTime', nullable: true, description: 'When it expires.' }),
    limits: t.field({ type: [CouponQuotaLimit], description: 'Restrictions attached to the quota.', resolve: (q) => [...q.limits] }),
    indirectPartnerId: t.exposeString('indirectPartnerId', { nullable: true, description: 'The reseller that issues from it; null for the partner\'s own.' }),
    indirectPartner: t.field({
      type: IndirectPartner,
      nullable: true,
      description: 'The reseller that issues from it, through the reseller loader; null for the partner\'s own quotas.',
      resolve: (q, _args, ctx) => (q.indirectPartnerId ? ctx.loaders.indirectPartner.load(q.indirectPartnerId) : null),
    }),
    parentQuotaId: t.string({
      nullable: true,
      description:
        'For a reseller\'s quota, the distributor quota it was carved from; null for quotas Huawei granted. Known from ' +
        'ListIssuedCouponQuotas; for a quota read through ListQuotaCoupons, one ListIssuedCouponQuotas call per quota.',
      resolve: (q, _args, ctx) => parentQuotaIdOf(q, ctx),
    }),
    parentQuota: t.field({
      type: CouponQuota,
      nullable: true,
      description: 'The distributor quota it was carved from (the quota tree), through the quota loader.',
      resolve: async (q, _args, ctx) => {
        const parent = await parentQuotaIdOf(q, ctx);
        return parent ? ctx.loaders.couponQuota.load(quotaKey({ quotaId: parent, quotaType: q.quotaType, indirectPartnerId: null })) : null;
      },
    }),
    issuedQuotas: t.connection(
      {
        type: CouponQuota,
        nullable: true,
        description:
          'The reseller quotas carved out of this one (the quota tree). Upstream: ListIssuedCouponQuotas with `parent_quota_id`, ' +
          'one call per page of ≤ 100; none for a reseller\'s quota, which has no children.',
        resolve: (q, args, ctx) =>
          q.indirectPartnerId
            ? { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 }
            : issuedCouponQuotasConnection(ctx, args, { parentQuotaId: q.quotaId }),
      },
      CouponQuotaConnection,
    ),
    records: t.connection(
      {
        type: QuotaRecord,
        nullable: true,
        description:
          'The issue/reclaim log of this quota: for a reseller\'s quota its own records (`quota_id`), for a distributor\'s the ' +
          'records of the quota issued from it (`parent_quota_id`). Upstream: ListCouponQuotasRecords, one call per page of ≤ 100.',
        args: quotaRecordArgs(t.arg),
        resolve: (q, args, ctx) =>
          resolveQuotaRecords(ctx, args, q.indirectPartnerId ? { quotaId: q.quotaId } : { parentQuotaId: q.quotaId }),
      },
      QuotaRecordConnection,
    ),
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
      description: 'The customer holding the coupon, through the customer loader (one call in the coupon\'s scope per distinct customer).',
      resolve: (r, _args, ctx) => (r.customerId ? ctx.loaders.customer.load(scopedKey(r.customerId, r.indirectPartnerId)) : null),
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
      description: 'The customer holding it, through the customer loader (free when listed under that customer).',
      resolve: (c, _args, ctx) => (c.customerId ? ctx.loaders.customer.load(scopedKey(c.customerId, c.indirectPartnerId)) : null),
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
      description: 'The reseller that issued it, through the reseller loader; null when the partner did.',
      resolve: (c, _args, ctx) => (c.indirectPartnerId ? ctx.loaders.indirectPartner.load(c.indirectPartnerId) : null),
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
    createdFrom: arg({ type: 'DateTime', description: 'Issued after (`create_time_begin`).' }),
    createdTo: arg({ type: 'DateTime', description: 'Issued before (`create_time_end`).' }),
    effectiveFrom: arg({ type: 'DateTime', description: 'Effective after (`effective_time_begin`).' }),
    effectiveTo: arg({ type: 'DateTime', description: 'Effective before (`effective_time_end`).' }),
    expireFrom: arg({ type: 'DateTime', description: 'Expiring after (`expire_time_begin`).' }),
    expireTo: arg({ type: 'DateTime', description: 'Expiring before (`expire_time_end`).' }),
  };
}

interface IssuedCouponArgs extends PageArgs {
  couponType?: number | null;
  status?: number | null;
  orderId?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  expireFrom?: Date | null;
  expireTo?: Date | null;
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

function couponQuotaArgs(arg: ArgBuilder<Types>) {
  return {
    quotaType: arg({ type: CouponQuotaType, description: 'Which kind of quota (`quota_type`); the upstream lists voucher quotas when it is not given.' }),
    statuses: arg({ type: [CouponQuotaStatusFilter], description: 'Only quotas in these statuses (`quota_status_list`, ≤ 5).' }),
    createdFrom: arg({ type: 'DateTime', description: 'Created after (`create_time_begin`).' }),
    createdTo: arg({ type: 'DateTime', description: 'Created before (`create_time_end`).' }),
    effectiveFrom: arg({ type: 'DateTime', description: 'Effective after (`effective_time_begin`).' }),
    effectiveTo: arg({ type: 'DateTime', description: 'Effective before (`effective_time_end`).' }),
    expireFrom: arg({ type: 'DateTime', description: 'Expiring after (`expire_time_begin`).' }),
    expireTo: arg({ type: 'DateTime', description: 'Expiring before (`expire_time_end`).' }),
  };
}

interface CouponQuotaArgs extends PageArgs {
  quotaType?: number | null;
  statuses?: number[] | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
  effectiveFrom?: Date | null;
  effectiveTo?: Date | null;
  expireFrom?: Date | null;
  expireTo?: Date | null;
}

function resolveCouponQuotas(ctx: GraphQLContext, scope: Scope, args: CouponQuotaArgs) {
  return couponQuotasConnection(ctx, scope, args, { ...args, quotaType: filterCode(args.quotaType, 'quotaType') });
}

// ---------------------------------------------------------------------------------------------------------
// Partner and reseller edges

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
  couponQuotas: t.connection(
    {
      type: CouponQuota,
      nullable: true,
      description:
        'The partner\'s coupon quotas (or, with `indirectPartnerId`, a reseller\'s). Upstream: ListQuotaCoupons ' +
        '`POST /v2/partners/coupon-quotas/query`, one call per page of ≤ 100.',
      args: {
        ...couponQuotaArgs(t.arg),
        indirectPartnerId: t.arg.string({ description: 'This reseller\'s quotas instead (`indirect_partner_id`; distributors only).' }),
      },
      resolve: (_p, args, ctx) => resolveCouponQuotas(ctx, scopeOfArg(ctx.caller, args.indirectPartnerId), args),
    },
    CouponQuotaConnection,
  ),
  issuedCouponQuotas: t.connection(
    {
      type: CouponQuota,
      nullable: true,
      description:
        'The voucher quotas the distributor issued to its resellers. Upstream: ListIssuedCouponQuotas ' +
        '`GET /v2/partners/issued-coupon-quotas`, one call per page of ≤ 100 (distributors only).',
      args: {
        indirectPartnerId: t.arg.string({ description: 'Only this reseller\'s (`indirect_partner_id`).' }),
        parentQuotaId: t.arg.string({ description: 'Only those carved out of this distributor quota (`parent_quota_id`).' }),
        quotaId: t.arg.string({ description: 'Only this reseller-side quota (`quota_id`).' }),
      },
      resolve: (_p, args, ctx) => issuedCouponQuotasConnection(ctx, args, { ...args, indirectPartnerId: scopeFor(ctx.caller, args.indirectPartnerId || undefined) }),
    },
    CouponQuotaConnection,
  ),
  quotaRecords: t.connection(
    {
      type: QuotaRecord,
      nullable: true,
      description:
        'The log of voucher quota issued to and reclaimed from resellers. Upstream: ListCouponQuotasRecords ' +
        '`GET /v2/partners/coupon-quotas/records`, one call per page of ≤ 100 (distributors only).',
      args: {
        ...quotaRecordArgs(t.arg),
        indirectPartnerId: t.arg.string({ description: 'Only this reseller\'s records (`indirect_partner_id`).' }),
        quotaId: t.arg.string({ description: 'Only records of this reseller-side quota (`quota_id`).' }),
        parentQuotaId: t.arg.string({ description: 'Only records of quota from this distributor quota (`parent_quota_id`).' }),
      },
      resolve: (_p, args, ctx) =>
        resolveQuotaRecords(ctx, args, { indirectPartnerId: scopeFor(ctx.caller, args.indirectPartnerId || undefined), quotaId: args.quotaId, parentQuotaId: args.parentQuotaId }),
    },
    QuotaRecordConnection,
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
  couponQuotas: t.connection(
    {
      type: CouponQuota,
      nullable: true,
      description:
        'The voucher quotas the distributor issued to this reseller, with their parent quota and a `RECLAIMED` status once ' +
        'taken back. Upstream: ListIssuedCouponQuotas `GET /v2/partners/issued-coupon-quotas` with `indirect_partner_id`, ' +
        'one call per page of ≤ 100. (A reseller\'s quotas all come from the distributor, so this is all of them.)',
      args: { parentQuotaId: t.arg.string({ description: 'Only those carved out of this distributor quota (`parent_quota_id`).' }) },
      resolve: (p, args, ctx) => issuedCouponQuotasConnection(ctx, args, { indirectPartnerId: p.indirectPartnerId, parentQuotaId: args.parentQuotaId }),
    },
    CouponQuotaConnection,
  ),
  quotaRecords: t.connection(
    {
      type: QuotaRecord,
      nullable: true,
      description: 'Quota issued to and reclaimed from this reseller. Upstream: ListCouponQuotasRecords with `indirect_partner_id`, one call per page of ≤ 100.',
      args: quotaRecordArgs(t.arg),
      resolve: (p, args, ctx) => resolveQuotaRecords(ctx, args, { indirectPartnerId: p.indirectPartnerId }),
    },
    QuotaRecordConnection,
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

// ---------------------------------------------------------------------------------------------------------
// The customer's coupons: issued by its partner (partner view), held (its own view), and its coupon ledger

const HeldCoupon = builder.objectRef<HeldCouponShape>('HeldCoupon').implement({
  description:
    'A coupon as its holder sees it, whoever issued it (Huawei campaigns included): ListSubCustomerCoupons ' +
    '`GET /v2/promotions/benefits/coupons` with the customer\'s token (§3.5).',
  fields: (t) => ({
    couponId: t.exposeString('couponId', { nullable: true, description: 'The coupon instance id.' }),
    couponCode: t.exposeString('couponCode', { nullable: true, description: 'The coupon code.' }),
    status: t.field({ type: CouponStatus, description: 'The coupon\'s status.', resolve: (c) => couponStatus(c.status) }),
    statusCode: t.exposeInt('status', { nullable: true, description: 'The raw `status`.' }),
    couponType: t.field({ type: CouponType, description: 'Voucher, discount, product or cash coupon.', resolve: (c) => couponType(c.couponType) }),
    couponTypeCode: t.exposeInt('couponType', { nullable: true, description: 'The raw `coupon_type`.' }),
    faceValue: t.expose('faceValue', { type: 'Decimal', nullable: true, description: 'Face value, yuan (a float on the wire, read exactly).' }),
    balance: t.expose('balance', { type: 'Decimal', nullable: true, description: 'Remaining value, yuan; empty for old single-use coupons.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency code, `CNY`.' }),
    effectiveTime: t.expose('effectiveTime', { type: 'DateTime', nullable: true, description: 'When the coupon becomes usable (`valid_time`).' }),
    expireTime: t.expose('expireTime', { type: 'DateTime', nullable: true, description: 'When it expires.' }),
    activeTime: t.expose('activeTime', { type: 'DateTime', nullable: true, description: 'When it was activated.' }),
    lastUsedTime: t.expose('lastUsedTime', { type: 'DateTime', nullable: true, description: 'When it was used (`reserve_time`).' }),
    createTime: t.expose('createTime', { type: 'DateTime', nullable: true, description: 'When it was created.' }),
    orderId: t.exposeString('orderId', { nullable: true, description: 'The order it was used on.' }),
    lockOrderId: t.exposeString('lockOrderId', { nullable: true, description: 'The order currently locking it.' }),
    promotionPlanId: t.exposeString('promotionPlanId', { nullable: true, description: 'Promotion plan id.' }),
    promotionPlanName: t.exposeString('promotionPlanName', { nullable: true, description: 'Promotion plan name (`plan_name`).' }),
    promotionPlanDescription: t.exposeString('promotionPlanDescription', { nullable: true, description: 'Promotion plan description (`plan_desc`).' }),
    promotionId: t.exposeString('promotionId', { nullable: true, description: 'Promotion (campaign) id.' }),
    mediaType: t.field({ type: CouponMediaType, description: 'Electronic or paper.', resolve: (c) => couponMediaType(c.mediaType) }),
    fetchMethod: t.field({ type: CouponFetchMethod, description: 'How the holder got it.', resolve: (c) => couponFetchMethod(c.fetchMethod) }),
    useLimits: t.field({ type: [CouponUseLimit], description: 'Usage restrictions.', resolve: (c) => [...c.useLimits] }),
    version: t.exposeInt('version', { nullable: true, description: '`coupon_version`: 1 old (single use), 2 new (repeated use).' }),
    usage: t.exposeString('usage', { nullable: true, description: 'The coupon\'s purpose (`coupon_usage`).' }),
    frozen: t.boolean({ nullable: true, description: 'Whether the coupon is frozen (`is_frozen` "1").', resolve: (c) => (c.isFrozen === null ? null : c.isFrozen === '1') }),
    sourceId: t.exposeString('sourceId', { nullable: true, description: 'The issuer: the partner\'s id for partner coupons, the plan id for campaign coupons.' }),
  }),
});
const HeldCouponConnection = builder.connectionObject({ type: HeldCoupon, name: 'HeldCouponConnection' }, { name: 'HeldCouponEdge' });

const CouponChangeRecord = builder.objectRef<CouponChangeShape>('CouponChangeRecord').implement({
  description: 'One entry of a customer\'s coupon ledger (ListCustomerCouponChangeRecords `GET /v2/promotions/benefits/account-change-records`, §3.6).',
  fields: (t) => ({
    couponId: t.exposeString('couponId', { nullable: true, description: 'The coupon.' }),
    tradeDetailType: t.field({ type: CouponTradeDetailType, description: 'What the entry was.', resolve: (r) => couponTradeDetailType(r.tradeDetailType) }),
    tradeDetailTypeCode: t.exposeString('tradeDetailType', { nullable: true, description: 'The raw `trade_detail_type` (Huawei\'s spelling).' }),
    tradeTime: t.expose('tradeTime', { type: 'DateTime', nullable: true, description: 'When it happened.' }),
    tradeId: t.exposeString('tradeId', { nullable: true, description: 'The transaction id or order id.' }),
    changeAmount: t.expose('changeAmount', { type: 'Decimal', nullable: true, description: 'Amount changed, yuan (decimal text on the wire).' }),
    balanceAfterChange: t.expose('balanceAfterChange', { type: 'Decimal', nullable: true, description: 'The coupon\'s balance afterwards, yuan.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency of the ledger, `CNY`.' }),
    direction: t.field({ type: LedgerDirection, description: 'Income or expense.', resolve: (r) => directionFromRevenueExpense(r.revenueExpenseType) }),
    directionCode: t.exposeString('revenueExpenseType', { nullable: true, description: 'The raw `revenue_expense_type`.' }),
    billCycle: t.expose('billCycle', { type: 'BillingCycle', nullable: true, description: 'The billing cycle of the entry.' }),
    accountName: t.string({
      nullable: true,
      description: 'The account name; masked unless the API key has the PII permission.',
      resolve: (r, _args, ctx) => personal(ctx, r.accountName, { field: 'CouponChangeRecord.accountName' }, maskAccountName),
    }),
    serviceTypeName: t.exposeString('serviceTypeName', { nullable: true, description: 'Cloud service name (the endpoint gives no code).' }),
    resourceTypeName: t.exposeString('resourceTypeName', { nullable: true, description: 'Resource type name.' }),
  }),
});
const CouponChangeRecordConnection = builder.connectionObject(
  { type: CouponChangeRecord, name: 'CouponChangeRecordConnection' },
  { name: 'CouponChangeRecordEdge' },
);

const emptyConnection = () => ({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 });

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
  heldCoupons: t.connection(
    {
      type: HeldCoupon,
      nullable: true,
      description:
        'Every coupon the customer holds, as it sees them itself (Huawei campaign coupons too), through a customer token. ' +
        'Upstream: ListSubCustomerCoupons `GET /v2/promotions/benefits/coupons`, one call per page of ≤ 100. Fails with ' +
        'CUSTOMER_AGENCY_NOT_GRANTED when the customer granted no agency.',
      args: {
        couponType: t.arg({ type: CouponType, description: 'Only coupons of this kind (`coupon_type`).' }),
        status: t.arg({ type: CouponStatus, description: 'Only coupons in this status (`status`).' }),
        orderId: t.arg.string({ description: 'Only coupons used on this order (`order_id`).' }),
        sourceId: t.arg.string({ description: 'Only coupons from this issuer (`source_id`: the partner id for partner coupons).' }),
      },
      resolve: (c, args, ctx) =>
        heldCouponsConnection(ctx, c.customerId, args, {
          couponType: filterCode(args.couponType, 'couponType'),
          status: filterCode(args.status, 'status'),
          orderId: args.orderId,
          sourceId: args.sourceId,
        }),
    },
    HeldCouponConnection,
  ),
  couponChangeRecords: t.connection(
    {
      type: CouponChangeRecord,
      nullable: true,
      description:
        'The customer\'s coupon ledger, through a customer token. Upstream: ListCustomerCouponChangeRecords ' +
        '`GET /v2/promotions/benefits/account-change-records`, one call per page of ≤ 100. Fails with ' +
        'CUSTOMER_AGENCY_NOT_GRANTED when the customer granted no agency.',
      args: {
        direction: t.arg({ type: LedgerDirection, description: 'Only income or only expense (`revenue_expense_type`).' }),
        tradeType: t.arg({ type: CouponTradeType, description: 'Only entries of this category (`trade_type`).' }),
        from: t.arg.string({ description: 'First day, `YYYY-MM-DD` in Beijing time (`trade_time_begin`). The window may span at most one year.' }),
        to: t.arg.string({ description: 'Last day, `YYYY-MM-DD` in Beijing time (`trade_time_end`); upstream default: today.' }),
        tradeId: t.arg.string({ description: 'Only entries of this transaction or order (`trade_id`).' }),
        couponId: t.arg.string({ description: 'Only entries of this coupon (`coupon_id`).' }),
      },
      resolve: (c, args, ctx) =>
        couponChangesConnection(ctx, c.customerId, args, {
          revenueExpenseType: revenueExpenseFilter(args.direction),
          tradeType: (args.tradeType ?? undefined) as Parameters<typeof couponChangesConnection>[3]['tradeType'],
          from: args.from,
          to: args.to,
          tradeId: args.tradeId,
          couponId: args.couponId,
        }),
    },
    CouponChangeRecordConnection,
  ),
}));

/**
 * Coupon quotas (bss-api-partners.md §1.7–§1.11): `CouponQuota` (§1.7, §1.11) with the distributor → reseller
 * quota tree and its `QuotaRecord`s (§1.8), and their edges onto `Partner` and `IndirectPartner`.
 */
import type { ArgBuilder } from '@pothos/core';
import { couponQuotasConnection, issuedCouponQuotasConnection, quotaRecordsConnection } from '../resolvers/coupon-quota.js';
import { quotaKey, type CouponQuotaShape, type QuotaLimitShape, type QuotaRecordShape, parseQuotaKey } from '../sources/coupon-quotas.js';
import { type Scope } from '../sources/wire.js';
import { requireScope, scopeFor, scopeOfArg } from '../auth/scope.js';
import { loginName, maskAccountName, maskName, personal } from '../auth/pii.js';
import type { GraphQLContext } from '../context.js';
import { builder } from './builder.js';
import { lifeWindowArgs, type LifeWindowArgs } from './life-window-args.js';
import { resellerEdge } from '../resolvers/id-edges.js';
import { IndirectPartner } from './indirect-partner.js';
import { Partner } from './partner.js';
import {
  CouponQuotaStatus, CouponQuotaStatusFilter, CouponQuotaType, OperationResult, QuotaOperationType, couponQuotaStatus, couponQuotaType,
  filterCode, operationResult, quotaOperationType,
} from './partner-enums.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

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
      description: 'The reseller: free when only its id is asked, else the reseller loader.',
      resolve: (r, _args, ctx, info) => resellerEdge(ctx, info, r.indirectPartnerId),
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
      description: 'The reseller that issues from it; null for the partner\'s own quotas. Free when only its id is asked, else the reseller loader.',
      resolve: (q, _args, ctx, info) => resellerEdge(ctx, info, q.indirectPartnerId),
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

function couponQuotaArgs(arg: ArgBuilder<Types>) {
  return {
    quotaType: arg({ type: CouponQuotaType, description: 'Which kind of quota (`quota_type`); the upstream lists voucher quotas when it is not given.' }),
    statuses: arg({ type: [CouponQuotaStatusFilter], description: 'Only quotas in these statuses (`quota_status_list`, ≤ 5).' }),
    ...lifeWindowArgs(arg, 'Created'),
  };
}

interface CouponQuotaArgs extends PageArgs, LifeWindowArgs {
  quotaType?: number | null;
  statuses?: number[] | null;
}

function resolveCouponQuotas(ctx: GraphQLContext, scope: Scope, args: CouponQuotaArgs) {
  return couponQuotasConnection(ctx, scope, args, { ...args, quotaType: filterCode(args.quotaType, 'quotaType') });
}

// ---------------------------------------------------------------------------------------------------------
// Partner and reseller edges

builder.objectFields(Partner, (t) => ({
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
}));

builder.objectFields(IndirectPartner, (t) => ({
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
}));

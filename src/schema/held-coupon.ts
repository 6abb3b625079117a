/**
 * Through a customer token: the coupons a customer holds (`HeldCoupon`, §3.5) and its coupon ledger (§3.6),
 * as edges of `Customer`.
 */
import { couponChangesConnection, heldCouponsConnection } from '../resolvers/coupon.js';
import type { CouponChangeShape, HeldCouponShape } from '../sources/coupons.js';
import { maskAccountName, personal } from '../auth/pii.js';
import { builder } from './builder.js';
import { Coupon, CouponUseLimit } from './coupon.js';
import { requireScope } from '../auth/scope.js';
import { customerEdge } from '../resolvers/id-edges.js';
import { couponKey, decodeHeldCouponKey, encodeHeldCouponKey } from '../sources/coupons.js';
import { Customer } from './customer.js';
import {
  CouponFetchMethod, CouponMediaType, CouponStatus, CouponTradeDetailType, CouponTradeType, CouponType, LedgerDirection, couponFetchMethod,
  couponMediaType, couponStatus, couponTradeDetailType, couponType, directionFromRevenueExpense, filterCode, revenueExpenseFilter,
} from './partner-enums.js';

// ---------------------------------------------------------------------------------------------------------
// The customer's own coupons (held, its own view) and its coupon ledger

export const HeldCoupon = builder.objectRef<HeldCouponShape>('HeldCoupon');

builder.node(HeldCoupon, {
  description:
    'A coupon as its holder sees it, whoever issued it (Huawei campaigns included): ListSubCustomerCoupons ' +
    '`GET /v2/promotions/benefits/coupons` with the customer\'s token (§3.5). Refetched by id with `coupon_id` (one call ' +
    'through the holder\'s token).',
  id: { resolve: (c) => encodeHeldCouponKey(c) },
  loadOne: (id, ctx) => {
    const key = decodeHeldCouponKey(id);
    if (!key) return null;
    requireScope(ctx.caller, key.indirectPartnerId);
    return ctx.loaders.heldCoupon.load(id);
  },
  fields: (t) => ({
    customerId: t.exposeString('customerId', { description: 'The customer holding the coupon (whose token read it).' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer holding the coupon: free when only its id is asked or when listed under that customer, else the customer loader.',
      resolve: (c, _args, ctx, info) => customerEdge(ctx, info, c.customerId, c.indirectPartnerId),
    }),
    coupon: t.field({
      type: Coupon,
      nullable: true,
      description:
        'The same coupon as its issuer sees it, when the customer\'s partner (or reseller) issued it: through the coupon loader ' +
        '(ListIssuedPartnerCoupons with `coupon_id`, one call per distinct coupon; free when already listed). Null, without a ' +
        'call, for a coupon from a Huawei campaign or another issuer (`sourceId` is not the customer\'s partner).',
      resolve: (c, _args, ctx) => {
        const issuer = c.indirectPartnerId ?? ctx.partnerDomainId;
        if (!c.couponId || c.sourceId !== issuer) return null;
        return ctx.loaders.coupon.load(couponKey({ couponId: c.couponId, indirectPartnerId: c.indirectPartnerId }));
      },
    }),
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


builder.objectFields(Customer, (t) => ({
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
        heldCouponsConnection(ctx, c, args, {
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

/**
 * Coupon quotas: the connections over the partner's quotas, the quotas issued to resellers and the quota
 * log. Upstream access and wire mapping: src/sources/coupon-quotas.ts.
 */
import type { GraphQLContext } from '../context.js';
import {
  couponQuotasList, issuedCouponQuotasList, quotaKey, quotaRecordsList,
  type CouponQuotaFilters, type CouponQuotaShape, type IssuedQuotaFilters, type QuotaRecordFilters, type QuotaRecordShape,
} from '../sources/coupon-quotas.js';
import type { Scope } from '../sources/wire.js';
import type { ConnectionArgs, OffsetConnection } from './connection.js';
import { endpointConnection } from './endpoint-connection.js';

/** ListQuotaCoupons §1.7; the rows prime the quota loader. */
export function couponQuotasConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: CouponQuotaFilters): Promise<OffsetConnection<CouponQuotaShape>> {
  return endpointConnection(ctx, args, couponQuotasList(scope, f), (q) => ctx.loaders.couponQuota.prime(quotaKey(q), q));
}

/** ListIssuedCouponQuotas §1.11; the rows prime the issued-quota loader. */
export function issuedCouponQuotasConnection(ctx: GraphQLContext, args: ConnectionArgs, f: IssuedQuotaFilters): Promise<OffsetConnection<CouponQuotaShape>> {
  return endpointConnection(ctx, args, issuedCouponQuotasList(f), (q) => ctx.loaders.issuedCouponQuota.prime(q.quotaId, q));
}

/** ListCouponQuotasRecords §1.8. */
export function quotaRecordsConnection(ctx: GraphQLContext, args: ConnectionArgs, f: QuotaRecordFilters): Promise<OffsetConnection<QuotaRecordShape>> {
  return endpointConnection(ctx, args, quotaRecordsList(f));
}

/**
 * Coupons: the connections over the coupons a partner issued and their log, and a customer's own coupons
 * and coupon ledger (customer token). Upstream access and wire mapping: src/sources/coupons.ts.
 */
import type { GraphQLContext } from '../context.js';
import {
  couponChangesList, couponKey, couponRecordsList, heldCouponsList, issuedCouponsList,
  type CouponChangeFilters, type CouponChangeShape, type CouponRecordFilters, type CouponRecordShape, type CouponShape,
  encodeHeldCouponKey, type CouponHolder, type HeldCouponFilters, type HeldCouponShape, type IssuedCouponFilters,
} from '../sources/coupons.js';
import type { Scope } from '../sources/wire.js';
import type { ConnectionArgs, OffsetConnection } from './connection.js';
import { endpointConnection } from './endpoint-connection.js';
import { ledgerWindow } from './input.js';

/** ListIssuedPartnerCoupons §3.1, one call per page of ≤ 100; the rows prime the coupon loader. */
export function issuedCouponsConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: IssuedCouponFilters): Promise<OffsetConnection<CouponShape>> {
  return endpointConnection(ctx, args, issuedCouponsList(scope, f), (c) => ctx.loaders.coupon.prime(couponKey(c), c));
}

/** ListPartnerCouponsRecord §3.4. */
export function couponRecordsConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: CouponRecordFilters): Promise<OffsetConnection<CouponRecordShape>> {
  return endpointConnection(ctx, args, couponRecordsList(scope, f));
}

/** ListSubCustomerCoupons §3.5 with the customer's token. */
export function heldCouponsConnection(ctx: GraphQLContext, holder: CouponHolder, args: ConnectionArgs, f: HeldCouponFilters): Promise<OffsetConnection<HeldCouponShape>> {
  return endpointConnection(ctx, args, heldCouponsList(holder, f), (c) => ctx.loaders.heldCoupon.prime(encodeHeldCouponKey(c), c));
}

/** ListCustomerCouponChangeRecords §3.6 with the customer's token, one call per page of ≤ 100. */
export function couponChangesConnection(
  ctx: GraphQLContext, customerId: string, args: ConnectionArgs, f: CouponChangeFilters & { readonly from?: string | null; readonly to?: string | null },
): Promise<OffsetConnection<CouponChangeShape>> {
  return endpointConnection(ctx, args, couponChangesList(customerId, f, ledgerWindow(f.from, f.to)));
}

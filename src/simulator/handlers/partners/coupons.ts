/**
 * Coupons (bss-api-partners.md §3): issued by the partner (§3.1), issuing and reclaiming them (§3.2,
 * §3.3), their log (§3.4), coupons held by the caller (§3.5) and a customer's coupon ledger (§3.6).
 */
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import type { Decimal } from 'decimal.js';
import type { CustomerRecord } from '../../dataset/world.js';
import { SERVICE_TYPE_BY_CODE } from '../../dataset/reference.js';
import {
  CouponBook, LIMIT_PRODUCT, LIMIT_SERVICE_TYPE, couponEventDetail, type CouponState, type QuotaState,
} from '../../dataset/partners/coupons.js';
import {
  accessDenied, consultativeCouponReclaim, couponExpiredOrReclaimed, errorDetail, insufficientBalance, notSubCustomer, quotaInvalid,
  serviceTypeMissing,
} from '../../dataset/partners/errors.js';
import { COUPON_TRADE_TYPES } from '../../dataset/partners/trade-types.js';
import { addMonths, beijingDate, beijingMonth, utc } from '../../dataset/partners/time.js';
import { CURRENCY, YUAN, newestFirst, num, text } from './render.js';
import { resolveScope } from './scope.js';
import {
  MAX_INT, amountOf, bodyOf, filterString, ledgerWindow, oneOf, optString, optStringList, optTime, page, queryFilter, queryInt, queryRequired,
  queryString, queryTime, reqString, reqStringList, slice, within, type Json,
} from './validate.js';

const PLAN_DESC = { zh_CN: '合作伙伴发放的优惠券', en_US: 'Coupon issued by the partner' } as const;

function renderUseLimits(c: CouponState): Json[] {
  return c.useLimits.map((l) => ({
    use_limiti_info_id: l.id, limit_key: l.key, value1: l.value1, value2: l.value2, value_unit: '', limit_type: '', promotion_plan_id: c.planId,
  }));
}

/** §3.1: coupons the scope issued to its resale customers; long-expired ones (> 2 years) are gone. */
export const listIssuedPartnerCoupons: Handler = (req) => {
  const couponId = queryFilter(req, 'coupon_id', { max: 64 });
  // Pattern (b) per the SDK: sent empty is a filter on an empty holder, which no coupon has.
  const customerId = queryString(req, 'customer_id', { max: 64 });
  const orderId = queryFilter(req, 'order_id', { max: 64 });
  const couponType = queryInt(req, 'coupon_type', { min: 1, max: 4 });
  if (couponType !== undefined) oneOf('coupon_type', couponType, [1, 4]);
  const status = queryInt(req, 'status', { min: 1, max: 5 });
  const created = [queryTime(req, 'create_time_begin', false), queryTime(req, 'create_time_end', false)] as const;
  const effective = [queryTime(req, 'effective_time_begin', false), queryTime(req, 'effective_time_end', false)] as const;
  const expiring = [queryTime(req, 'expire_time_begin', false), queryTime(req, 'expire_time_end', false)] as const;
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const scope = resolveScope(req, queryFilter(req, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { total_count: 0, user_coupons: [] } };
  const { coupons, customers } = req.state.partners;
  const horizon = addMonths(req.now, -24);
  const matches = coupons.issuedCoupons().filter((c) => {
    if (c.issuer !== scope.id || c.expireTime <= horizon) return false;
    if (customers.get(c.holderId)?.associationType !== '2') return false;
    return (
      (!couponId || c.couponId === couponId) && (customerId === undefined || c.holderId === customerId) && (!orderId || c.orderId === orderId) &&
      (couponType === undefined || c.couponType === couponType) && (status === undefined || CouponBook.status(c, req.now) === status) &&
      within(c.createTime, ...created) && within(c.effectiveTime, ...effective) && within(c.expireTime, ...expiring)
    );
  });
  const list = slice(newestFirst(matches, (c) => c.createTime), p).map((c) => ({
    coupon_id: c.couponId, status: CouponBook.status(c, req.now), customer_id: c.holderId, coupon_type: c.couponType, measure_id: YUAN,
    face_value: num(c.faceValue), effective_time: utc(c.effectiveTime), expire_time: utc(c.expireTime), order_id: c.orderId,
    promotion_plan_id: c.planId, promotion_plan_name: c.planName[req.language], promotion_plan_desc: c.memo || PLAN_DESC[req.language],
    media_type: 1, fetch_method: c.fetchMethod, use_limits: renderUseLimits(c), active_time: utc(c.effectiveTime),
    last_used_time: c.lastUsedTime ? utc(c.lastUsedTime) : '', promotion_id: c.promotionId, create_time: utc(c.createTime), balance: num(c.balance),
    lock_order_id: '', is_frozen: '0',
  }));
  return { body: { total_count: matches.length, user_coupons: list } };
};

function restriction(q: QuotaState, key: string): Set<string> | null {
  const limit = q.limits.find((l) => l.key === key);
  return limit ? new Set(limit.values.flatMap((v) => v.value1.split(','))) : null;
}

/** §3.2: one coupon per customer from the scope's quota; foreign or consultative customers fail per item. */
export const createPartnerCoupons: Handler = (req) => {
  const body = bodyOf(req);
  const quotaId = reqString(body, 'quota_id', { max: 64 });
  const customerIds = reqStringList(body, 'customer_ids', { max: 100, itemMax: 64 });
  if (new Set(customerIds).size !== customerIds.length) throw parameterError('customer_ids', 'must not contain duplicates');
  const faceValue = amountOf(body, 'face_value');
  const validTime = optTime(body, 'valid_time', false);
  const expireTime = optTime(body, 'expire_time', false);
  const serviceTypes = optStringList(body, 'cloud_service_types', { max: 10, itemMax: 64 });
  const productIds = optStringList(body, 'product_ids', { max: 10, itemMax: 64 });
  const memo = optString(body, 'memo') ?? '';
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), true);
  const { coupons, customers, writes } = req.state.partners;
  const quota = coupons.quota(quotaId);
  if (!quota || quota.owner !== scope.id || CouponBook.quotaStatus(quota, req.now) !== 0) throw quotaInvalid();
  // Not sent, empty or null inherits the quota's restriction; a list must stay within it.
  const services = serviceTypes && serviceTypes.length > 0 ? serviceTypes : null;
  if (services) {
    if (services.some((s) => !SERVICE_TYPE_BY_CODE.has(s))) throw serviceTypeMissing();
    const allowed = restriction(quota, LIMIT_SERVICE_TYPE);
    if (allowed && services.some((s) => !allowed.has(s))) throw parameterError('cloud_service_types', "must stay within the quota's restriction");
  }
  const products = productIds && productIds.length > 0 ? productIds : null;
  if (products) {
    const allowed = restriction(quota, LIMIT_PRODUCT);
    if (allowed && products.some((s) => !allowed.has(s))) throw parameterError('product_ids', "must stay within the quota's restriction");
  }
  const valid = validTime ?? quota.effectiveTime;
  const expire = expireTime ?? quota.expireTime;
  if (valid < quota.effectiveTime) throw parameterError('valid_time', 'must not be earlier than the quota effective time');
  if (expire > quota.expireTime) throw parameterError('expire_time', 'must not be later than the quota expire time');
  if (expire <= valid) throw parameterError('expire_time', 'must be later than valid_time');
  if (expire <= req.now) throw parameterError('expire_time', 'must be later than the current time');
  const spec = { faceValue, validTime: valid, expireTime: expire, serviceTypes: services, productIds: products, memo };
  const errorDetails: Json[] = [];
  const infos: Json[] = [];
  for (const id of customerIds) {
    const customer = customers.get(id);
    if (!customer || customer.indirectPartnerId !== scope.id || customer.associationType !== '2') errorDetails.push(errorDetail(notSubCustomer(), id));
    else if (quota.balance.lt(faceValue)) errorDetails.push(errorDetail(insufficientBalance(), id));
    else infos.push({ id, coupon_id: coupons.issueCoupon(quota, customer, spec, req.now, writes.next('coupon')).couponId });
  }
  return { body: { error_details: errorDetails, coupon_infos: infos } };
};

/** §3.3: 204 on success; an expired, used-up or reclaimed coupon is CBC.99000048 with HTTP 200. */
export const reclaimPartnerCoupons: Handler = (req) => {
  const body = bodyOf(req);
  const couponId = reqString(body, 'coupon_id', { max: 64 });
  const rawScope = optString(body, 'indirect_partner_id', { max: 100 });
  if (rawScope === '') throw parameterError('indirect_partner_id', 'must not be empty');
  const scope = resolveScope(req, rawScope, true);
  const { coupons, customers, writes } = req.state.partners;
  const coupon = coupons.coupon(couponId);
  if (!coupon || coupon.issuer !== scope.id) throw parameterError('coupon_id', 'is not a coupon issued by the partner');
  if (customers.get(coupon.holderId)?.associationType !== '2') throw consultativeCouponReclaim();
  const status = CouponBook.status(coupon, req.now);
  // [inferred] A used-up coupon has nothing left to reclaim: refused like an expired one.
  if (status === 3 || status === 4 || status === 5) throw couponExpiredOrReclaimed();
  coupons.reclaimCoupon(coupon, req.now, writes.next('coupon-reclaim'));
  return { status: 204 };
};

/** §3.4: the issue/reclaim log of the scope's coupons. Empty lists and empty ids are filters (pattern b). */
export const listPartnerCouponsRecord: Handler = (req) => {
  const operationTypes = req.query.has('operation_types') ? req.query.getAll('operation_types') : undefined;
  if (operationTypes && operationTypes.length > 8) throw parameterError('operation_types', 'must have at most 8 items');
  operationTypes?.forEach((t) => t !== '' && oneOf('operation_types', t, ['1', '2', '3', '4', '5', '6', '7', '8', '9']));
  const quotaId = queryString(req, 'quota_id', { max: 64 });
  const quotaType = queryInt(req, 'quota_type', { min: 0, max: 1 }, true);
  const couponIds = req.query.has('coupon_ids') ? req.query.getAll('coupon_ids') : undefined;
  if (couponIds && couponIds.length > 100) throw parameterError('coupon_ids', 'must have at most 100 items');
  couponIds?.forEach((id) => {
    if (id.length > 64) throw parameterError('coupon_ids', 'must have items of at most 64 characters');
  });
  const customerId = queryString(req, 'customer_id', { max: 64 });
  const begin = queryTime(req, 'operation_time_begin', true);
  const end = queryTime(req, 'operation_time_end', true);
  const rawResult = queryString(req, 'result');
  const result = rawResult === '0' || rawResult === '-1' ? rawResult : undefined;
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }, true), queryInt(req, 'limit', { min: 1, max: 100 }));
  const scope = resolveScope(req, queryFilter(req, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { total_count: 0, records: [] } };
  const types = operationTypes ? new Set(operationTypes) : null;
  const ids = couponIds ? new Set(couponIds) : null;
  const matches = req.state.partners.coupons.couponRecords().filter(
    (r) =>
      r.issuer === scope.id && (!types || types.has(r.operationType)) && (quotaId === undefined || r.quotaId === quotaId) &&
      (quotaType === undefined || r.quotaType === quotaType) && (!ids || ids.has(r.couponId)) && (customerId === undefined || r.customerId === customerId) &&
      (!result || r.result === result) && within(r.time, begin, end),
  );
  const records = slice(newestFirst(matches, (r) => r.time), p).map((r) => ({
    id: r.id, operation_type: r.operationType, quota_id: r.quotaId, quota_type: r.quotaType, coupon_id: r.couponId, customer_id: r.customerId,
    operation_amount: num(r.amount), operation_time: utc(r.time), result: r.result, remark: r.remark,
  }));
  return { body: { total_count: matches.length, records } };
};

function callingCustomer(req: SimRequest): CustomerRecord {
  const customer = req.state.partners.customers.get(req.caller.domainId);
  if (!customer) throw accessDenied();
  return customer;
}

/** Whether §3.5 still lists the coupon: nothing expired over a year ago; finished ones for 12 months only. */
function stillListed(c: CouponState, status: number, now: Date): boolean {
  const yearAgo = addMonths(now, -12);
  if (c.expireTime < yearAgo) return false;
  if (status === 3) return (c.lastUsedTime ?? c.createTime) >= yearAgo;
  if (status === 5) return (c.reclaimedAt ?? c.createTime) >= yearAgo;
  return true;
}

/**
 * §3.5: coupons held by the caller. A customer sees its own; a partner sees those it holds, and a
 * distributor also its resellers' (or one reseller's with `indirect_partner_id`).
 */
export const listSubCustomerCoupons: Handler = (req) => {
  // Pattern (b): sent empty is a filter on an empty value, which no coupon has.
  const couponId = queryString(req, 'coupon_id', { max: 64 });
  const orderId = queryString(req, 'order_id', { max: 64 });
  const planId = queryString(req, 'promotion_plan_id', { max: 64 });
  const couponType = queryInt(req, 'coupon_type', { min: 1, max: 4 }, true);
  const status = queryInt(req, 'status', { min: 1, max: 5 });
  const activeStart = queryTime(req, 'active_start_time', true, 64);
  const activeEnd = queryTime(req, 'active_end_time', true, 64);
  const offset = queryInt(req, 'offset', { min: 0, max: MAX_INT });
  const limit = queryInt(req, 'limit', { min: 1, max: 100 });
  if (offset !== undefined && limit === undefined) throw parameterError('limit', 'is required when offset is given');
  const sourceId = queryString(req, 'source_id', { max: 255 });
  const scopeId = queryFilter(req, 'indirect_partner_id', { max: 64 });
  const { coupons } = req.state.partners;
  let held: readonly CouponState[];
  if (req.caller.kind === 'customer') held = coupons.heldByCustomer(callingCustomer(req));
  else if (scopeId !== undefined) held = req.state.world.reseller(scopeId) ? coupons.heldByPartner(scopeId) : [];
  else held = [...coupons.heldByPartner(null), ...req.state.world.resellers.flatMap((r) => coupons.heldByPartner(r.indirectPartnerId))];
  const matches = held.filter((c) => {
    const s = CouponBook.status(c, req.now);
    return (
      stillListed(c, s, req.now) && (couponId === undefined || c.couponId === couponId) && (orderId === undefined || c.orderId === orderId) &&
      (planId === undefined || c.planId === planId) && (couponType === undefined || c.couponType === couponType) && (status === undefined || s === status) &&
      (sourceId === undefined || c.sourceId === sourceId) && within(c.effectiveTime, activeStart, activeEnd)
    );
  });
  const list = slice(newestFirst(matches, (c) => c.createTime), page(offset, limit)).map((c) => ({
    coupon_id: c.couponId, coupon_code: c.couponCode, status: CouponBook.status(c, req.now), customer_id: c.holderId, coupon_type: c.couponType,
    measure_id: YUAN, face_value: num(c.faceValue), valid_time: utc(c.effectiveTime), expire_time: utc(c.expireTime), order_id: c.orderId,
    promotion_plan_id: c.planId, plan_name: c.planName[req.language], plan_desc: c.issuer === 'huawei' ? c.planName[req.language] : c.memo || PLAN_DESC[req.language],
    media_type: 1, fetch_method: c.fetchMethod, use_limits: renderUseLimits(c), active_time: utc(c.effectiveTime),
    reserve_time: c.lastUsedTime ? utc(c.lastUsedTime) : '', promotion_id: c.promotionId, create_time: utc(c.createTime), coupon_version: 2,
    balance: num(c.balance), lock_order_id: '', coupon_usage: '', is_frozen: '0', currency: CURRENCY, extend_param1: '', source_id: c.sourceId,
  }));
  return { body: { count: matches.length, user_coupons: list } };
};

interface CouponRow {
  readonly coupon: CouponState;
  readonly detail: string;
  readonly time: Date;
  readonly tradeId: string;
  readonly amount: Decimal;
  readonly balanceAfter: Decimal;
  readonly income: boolean;
}

/** A coupon's ledger rows: its events, plus the clearing of what was left when it expired. */
function rowsOf(c: CouponState, now: Date): CouponRow[] {
  const rows: CouponRow[] = c.events.map((e) => ({
    coupon: c, detail: couponEventDetail(e.kind), time: e.time, tradeId: e.tradeId, amount: e.amount, balanceAfter: e.balanceAfter, income: e.kind === 'issue',
  }));
  if (CouponBook.status(c, now) === 4 && c.balance.gt(0)) {
    rows.push({ coupon: c, detail: couponEventDetail('expire'), time: c.expireTime, tradeId: c.couponId, amount: c.balance, balanceAfter: c.balance.minus(c.balance), income: false });
  }
  return rows;
}

/** §3.6: the calling customer's coupon ledger, newest first; `balance_after_change` is that coupon's. */
export const listCustomerCouponChangeRecords: Handler = (req) => {
  oneOf('balance_type', queryRequired(req, 'balance_type'), ['BALANCE_TYPE_COUPON']);
  const revenue = queryString(req, 'revenue_expense_type');
  if (revenue !== undefined) oneOf('revenue_expense_type', revenue, ['REVENUE', 'EXPENSE']);
  const tradeType = queryString(req, 'trade_type');
  if (tradeType !== undefined) oneOf('trade_type', tradeType, Object.keys(COUPON_TRADE_TYPES));
  const tradeId = queryFilter(req, 'trade_id', { max: 128 });
  const window = ledgerWindow(req, true);
  const couponId = queryFilter(req, 'coupon_id', { max: 64 });
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const customer = callingCustomer(req);
  const details = tradeType ? COUPON_TRADE_TYPES[tradeType]! : null;
  const rows = req.state.partners.coupons.heldByCustomer(customer).flatMap((c) => rowsOf(c, req.now)).filter((r) => {
    const day = beijingDate(r.time);
    return (
      r.time <= req.now && day >= window.from && day <= window.to && (!details || details.includes(r.detail)) &&
      (!revenue || (revenue === 'REVENUE') === r.income) && (!tradeId || r.tradeId === tradeId) && (!couponId || r.coupon.couponId === couponId)
    );
  });
  const records = slice(newestFirst(rows, (r) => r.time), p).map((r) => ({
    coupon_id: r.coupon.couponId, trade_detail_type: r.detail, trade_time: utc(r.time), trade_id: r.tradeId, change_amount: text(r.amount),
    balance_after_change: text(r.balanceAfter), revenue_expense_type: r.income ? 'REVENUE' : 'EXPENSE', bill_cycle: beijingMonth(r.time),
    account_name: customer.accountName, cloud_service_type_name: '', resource_type_name: '',
  }));
  return { body: { total_count: rows.length, currency: CURRENCY, records } };
};

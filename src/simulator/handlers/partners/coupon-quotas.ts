/**
 * Coupon quotas (bss-api-partners.md §1.7–§1.11): the caller's quotas, the distributor → reseller
 * quota tree and its log, issuing voucher quota to resellers and reclaiming it.
 */
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import { CouponBook, type QuotaState, type QuotaRecordState } from '../../dataset/partners/coupons.js';
import { errorDetail, insufficientBalance, noResellerPermission, quotaInvalid } from '../../dataset/partners/errors.js';
import { utc } from '../../dataset/partners/time.js';
import { CURRENCY, YUAN, newestFirst, num } from './render.js';
import { resolveScope } from './scope.js';
import {
  MAX_INT, amountOf, bodyOf, filterString, optInt, optIntList, optString, optStringList, optTime, page, queryFilter, queryInt, queryString,
  queryTime, reqString, reqStringList, slice, within,
} from './validate.js';

function renderLimits(q: QuotaState): Record<string, unknown>[] {
  return q.limits.map((l) => ({ limit_key: l.key, limit_values: l.values.map((v) => ({ value1: v.value1, value2: v.value2 })) }));
}

function renderQuota(q: QuotaState, status: number): Record<string, unknown> {
  return {
    quota_id: q.quotaId, quota_type: q.quotaType, create_time: utc(q.createTime), last_update_time: utc(q.lastUpdateTime), quota_value: num(q.value),
    quota_status: status, balance: num(q.balance), measure_id: YUAN, currency: CURRENCY, effective_time: utc(q.effectiveTime),
    expire_time: utc(q.expireTime), limit_infos: renderLimits(q),
  };
}

/** §1.7: the scope's quotas; voucher quotas unless `quota_type` says otherwise. */
export const listQuotaCoupons: Handler = (req) => {
  const body = bodyOf(req);
  const ids = optStringList(body, 'quota_ids', { max: 50, itemMax: 64 });
  const statuses = optIntList(body, 'quota_status_list', { max: 5 }, [0, 3, 4, 5]);
  // Not sent, null or (the docs add) "" all mean the default, voucher quotas.
  const quotaType = body['quota_type'] === '' ? 0 : optInt(body, 'quota_type', { min: 0, max: 1 }) ?? 0;
  // "" is not supported on the time windows [doc].
  const created = [optTime(body, 'create_time_begin', true), optTime(body, 'create_time_end', true)] as const;
  const effective = [optTime(body, 'effective_time_begin', true), optTime(body, 'effective_time_end', true)] as const;
  const expiring = [optTime(body, 'expire_time_begin', true), optTime(body, 'expire_time_end', true)] as const;
  const p = page(optInt(body, 'offset', { min: 0, max: MAX_INT }), optInt(body, 'limit', { min: 1, max: 100 }));
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { total_count: 0, quotas: [] } };
  const wanted = ids && ids.length > 0 ? new Set(ids) : null;
  // One status per quota, whichever read shows it: a reseller's reclaimed quota is 6 here as in §1.11, which
  // documents 6 "reclaimed" for the same quota. §1.7 lists 0/3/4/5 only and its filter takes only those, so
  // no status filter selects a reclaimed quota (and 3 "invalid" no longer hides one).
  const statusOf = (q: QuotaState): number => CouponBook.quotaStatus(q, req.now);
  const matches = req.state.partners.coupons.quotas().filter((q) => {
    if (q.owner !== scope.id || q.quotaType !== quotaType) return false;
    if (wanted && !wanted.has(q.quotaId)) return false;
    if (statuses && statuses.length > 0 && !statuses.includes(statusOf(q))) return false;
    return within(q.createTime, ...created) && within(q.effectiveTime, ...effective) && within(q.expireTime, ...expiring);
  });
  const quotas = slice(newestFirst(matches, (q) => q.createTime), p).map((q) => renderQuota(q, statusOf(q)));
  return { body: { total_count: matches.length, quotas } };
};

/** §1.8: the distributor's log of quota issued to and reclaimed from resellers. */
export const listCouponQuotasRecords: Handler = (req) => {
  const resellerId = queryFilter(req, 'indirect_partner_id', { max: 64 });
  const quotaId = queryFilter(req, 'quota_id', { max: 64 });
  const begin = queryTime(req, 'operation_time_begin', true);
  const end = queryTime(req, 'operation_time_end', true);
  // Pattern (b): sent empty is a filter on an empty parent, which no record has.
  const parentQuotaId = queryString(req, 'parent_quota_id', { max: 64 });
  const rawType = queryString(req, 'operation_type', { max: 8 });
  // A value outside the enum is no filter at all (§1.8).
  const operationType = rawType === '10' || rawType === '11' ? rawType : undefined;
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const matches = req.state.partners.coupons.quotaRecords().filter(
    (r) =>
      (!resellerId || r.resellerId === resellerId) && (!quotaId || r.quotaId === quotaId) && (parentQuotaId === undefined || r.parentQuotaId === parentQuotaId) &&
      (!operationType || r.operationType === operationType) && within(r.time, begin, end),
  );
  const records = slice(newestFirst(matches, (r) => r.time), p).map((r) => renderRecord(req, r));
  return { body: { total_count: matches.length, records } };
};

function renderRecord(req: SimRequest, r: QuotaRecordState): Record<string, unknown> {
  const reseller = req.state.world.reseller(r.resellerId);
  return {
    id: r.id, operator: r.operator, operation_type: r.operationType, quota_id: r.quotaId, parent_quota_id: r.parentQuotaId, amount: num(r.amount),
    operation_time: utc(r.time), result: r.result, indirect_partner_account_name: reseller?.accountName ?? '', indirect_partner_id: r.resellerId,
    indirect_partner_name: reseller?.name ?? '', remark: r.remark,
  };
}

/** §1.9: a new reseller quota of `quota_amount` for each reseller, carved from the distributor's voucher quota. */
export const updateCouponQuotas: Handler = (req) => {
  const body = bodyOf(req);
  const quotaId = reqString(body, 'quota_id', { max: 64 });
  const resellerIds = reqStringList(body, 'indirect_partner_ids', { max: 100, itemMax: 64 });
  if (new Set(resellerIds).size !== resellerIds.length) throw parameterError('indirect_partner_ids', 'must not contain duplicates');
  const amount = amountOf(body, 'quota_amount');
  const { coupons, writes } = req.state.partners;
  const parent = coupons.quota(quotaId);
  // Only the distributor's own voucher quotas, in force, can be carved up.
  if (!parent || parent.owner !== null || parent.quotaType !== 0 || CouponBook.quotaStatus(parent, req.now) !== 0) throw quotaInvalid();
  const errorDetails: Record<string, unknown>[] = [];
  const infos: Record<string, unknown>[] = [];
  for (const id of resellerIds) {
    if (!req.state.world.reseller(id)) errorDetails.push(errorDetail(noResellerPermission(), id));
    else if (parent.balance.lt(amount)) errorDetails.push(errorDetail(insufficientBalance(), id));
    else infos.push({ id, quota_id: coupons.issueQuota(parent, id, amount, req.now, writes.next('quota-issue')).quotaId });
  }
  return { body: { error_details: errorDetails, simple_quota_infos: infos } };
};

/** §1.10: reseller quotas back to their parent; per-quota failures answer 200 with `error_details`. */
export const reclaimCouponQuotas: Handler = (req) => {
  const body = bodyOf(req);
  const quotaIds = reqStringList(body, 'quota_ids', { max: 10, itemMax: 64 });
  // Not sent or null leaves the remark unset; "" stores an empty one. Both read back as "".
  const remark = optString(body, 'remark', { max: 256 }) ?? '';
  const { coupons, writes } = req.state.partners;
  const errorDetails: Record<string, unknown>[] = [];
  const infos: Record<string, unknown>[] = [];
  for (const id of quotaIds) {
    const quota = coupons.quota(id);
    if (!quota || quota.parentQuotaId === null || CouponBook.quotaStatus(quota, req.now) !== 0) {
      errorDetails.push(errorDetail(quotaInvalid(200), id));
      continue;
    }
    infos.push({ quota_id: id, quota_balance: num(coupons.reclaimQuota(quota, remark, req.now, writes.next('quota-reclaim'))) });
  }
  return { body: { error_details: errorDetails, simple_quota_infos: infos } };
};

/** §1.11: the reseller-side quotas, with their reseller and parent. */
export const listIssuedCouponQuotas: Handler = (req) => {
  const quotaId = queryFilter(req, 'quota_id', { max: 64 });
  const resellerId = queryFilter(req, 'indirect_partner_id', { max: 64 });
  const parentQuotaId = queryString(req, 'parent_quota_id', { max: 64 });
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const matches = req.state.partners.coupons.quotas().filter(
    (q) =>
      q.parentQuotaId !== null && (!quotaId || q.quotaId === quotaId) && (!resellerId || q.owner === resellerId) &&
      (parentQuotaId === undefined || q.parentQuotaId === parentQuotaId),
  );
  const quotas = slice(newestFirst(matches, (q) => q.createTime), p).map((q) => {
    const reseller = req.state.world.reseller(q.owner ?? '');
    return {
      ...renderQuota(q, CouponBook.quotaStatus(q, req.now)),
      indirect_partner_id: q.owner, indirect_partner_account_name: reseller?.accountName ?? '', indirect_partner_name: reseller?.name ?? '',
      parent_quota_id: q.parentQuotaId,
    };
  });
  return { body: { total_count: matches.length, quotas } };
};

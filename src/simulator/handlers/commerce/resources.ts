/**
 * Resource listings: yearly/monthly (ListPayPerUseCustomerResources §3.1, despite its name) and
 * pay-per-use (ListCustomerOnDemandResources §3.2).
 */
import { CbcError, type Handler } from '../../handler.js';
import { onDemandStatus, periodStatus } from '../../dataset/commerce/status.js';
import type { CommerceBook, ResourceRecord } from '../../dataset/commerce/types.js';
import {
  bodyIdList, bodyInt, bodyIntList, bodyObject, bodyPage, bodyString, pageOf, timeWindow, utcTime,
} from './params.js';
import { callerBook, partnerOnly, requiredCustomerId, resellerScope, scopedCustomer } from './scope.js';
import { onDemandResource, periodResource } from './wire.js';

const within = (t: Date | null, from?: Date, to?: Date): boolean =>
  (!from && !to) || (t !== null && (!from || t.getTime() >= from.getTime()) && (!to || t.getTime() <= to.getTime()));

/** Groups stay together: main resources by effective time, each followed by its attached ones. */
function groupOrder(book: CommerceBook): (a: ResourceRecord, b: ResourceRecord) => number {
  const mainOf = (r: ResourceRecord): ResourceRecord => (r.parentResourceId && book.resourceById.get(r.parentResourceId)) || r;
  return (a, b) => {
    const ma = mainOf(a);
    const mb = mainOf(b);
    return ma.effectiveAt.getTime() - mb.effectiveAt.getTime()
      || (ma.resourceId < mb.resourceId ? -1 : ma.resourceId > mb.resourceId ? 1 : 0)
      || (a.parentResourceId ? 1 : 0) - (b.parentResourceId ? 1 : 0)
      || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0);
  };
}

export const listPayPerUseCustomerResources: Handler = (req) => {
  const body = bodyObject(req, false);
  // An empty list is no filter; null is not allowed.
  const resourceIds = bodyIdList(body, 'resource_ids', { max: 50, nullRejected: true });
  const orderId = bodyString(body, 'order_id', { max: 64 });
  const onlyMain = bodyInt(body, 'only_main_resource', { allowed: [0, 1] }) ?? 0;
  const statuses = bodyIntList(body, 'status_list', { max: 10, allowed: [2, 3, 4, 5] });
  const page = bodyPage(body, 500);
  const expireBegin = utcTime('expire_time_begin', bodyString(body, 'expire_time_begin', { max: 20 }));
  const expireEnd = utcTime('expire_time_end', bodyString(body, 'expire_time_end', { max: 20 }));
  timeWindow(['expire_time_begin', expireBegin], ['expire_time_end', expireEnd], false);
  // Absent or null: no filter; "" is rejected.
  const serviceType = bodyString(body, 'service_type_code', { max: 64, empty: 'reject' });
  const customerId = bodyString(body, 'customer_id', { max: 64 });

  // This endpoint takes no indirect_partner_id: a partner reaches its direct customers only.
  const book = req.caller.kind === 'customer' ? callerBook(req) : req.state.commerce.bookFor(scopedCustomer(req, requiredCustomerId(customerId), null));
  if (!book) return { body: { total_count: 0, data: [] } };

  let candidates = book.resources.filter((r) => r.chargeMode === 1 && r.provisioned);
  if (resourceIds && resourceIds.length > 0) {
    const wanted = new Set<ResourceRecord>();
    for (const id of resourceIds) {
      const r = book.resourceById.get(id);
      if (!r || r.chargeMode !== 1 || !r.provisioned) continue;
      wanted.add(r);
      // A listed main resource brings its attached ones unless only main resources are asked for; a listed
      // attached resource returns only itself.
      if (!r.parentResourceId && onlyMain === 0) for (const c of candidates) if (c.parentResourceId === r.resourceId) wanted.add(c);
    }
    candidates = candidates.filter((r) => wanted.has(r));
  } else if (onlyMain === 1) {
    candidates = candidates.filter((r) => !r.parentResourceId);
  }
  if (orderId !== undefined) {
    const inOrder = new Set(book.orderById.get(orderId.toUpperCase())?.resourceIds ?? []);
    candidates = candidates.filter((r) => inOrder.has(r.resourceId));
  }
  const wantedService = serviceType?.toLowerCase();
  const found = candidates.filter((r) =>
    (!statuses || statuses.length === 0 || statuses.includes(periodStatus(book, r, req.now))) &&
    (wantedService === undefined || r.resourceType.serviceTypeCode.toLowerCase() === wantedService) &&
    within(r.expireAt, expireBegin, expireEnd));
  found.sort(groupOrder(book));
  return { body: { total_count: found.length, data: pageOf(found, page).map((r) => periodResource(book, r, req.language, req.now)) } };
};

export const listCustomerOnDemandResources: Handler = (req) => {
  partnerOnly(req);
  const body = bodyObject(req, true);
  const customerId = bodyString(body, 'customer_id', { required: true, max: 64 })!;
  const region = bodyString(body, 'region_code', { max: 64 });
  const serviceType = bodyString(body, 'service_type_code', { max: 64 });
  const resourceIds = bodyIdList(body, 'resource_ids', { max: 50 });
  const effectiveBegin = utcTime('effective_time_begin', bodyString(body, 'effective_time_begin', { max: 20 }));
  const effectiveEnd = utcTime('effective_time_end', bodyString(body, 'effective_time_end', { max: 20 }));
  timeWindow(['effective_time_begin', effectiveBegin], ['effective_time_end', effectiveEnd], false);
  const page = bodyPage(body, 100);
  const status = bodyInt(body, 'status', { min: 1, max: 6 });
  const indirectPartnerId = bodyString(body, 'indirect_partner_id', { max: 64 });

  const customer = scopedCustomer(req, customerId, resellerScope(req, indirectPartnerId));
  if (customer.associationType !== '2') {
    // Only resale (代售) customers' resources are visible to the partner here.
    throw new CbcError(400, 'CBC.99000035', 'The customer is not a resale sub-customer of the partner.');
  }
  const book = req.state.commerce.bookFor(customer);
  const ids = resourceIds && resourceIds.length > 0 ? new Set(resourceIds) : null;
  const wantedService = serviceType?.toLowerCase();
  const found = book.resources.filter((r) =>
    r.chargeMode === 3 &&
    (ids === null || ids.has(r.resourceId)) &&
    (region === undefined || r.regionCode === region) &&
    (wantedService === undefined || r.resourceType.serviceTypeCode.toLowerCase() === wantedService) &&
    (status === undefined || onDemandStatus(book, r) === status) &&
    within(r.effectiveAt, effectiveBegin, effectiveEnd));
  found.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || (a.resourceId < b.resourceId ? -1 : 1));
  return { body: { total_count: found.length, resources: pageOf(found, page).map((r) => onDemandResource(book, r, req.language)) } };
};

/**
 * Subscription writes on yearly/monthly resources (bss-api-commerce.md §3.3–3.8). They take main resource
 * ids and act on the main resource with its attached ones. Batch writes report a resource that cannot be
 * acted on as a per-resource failure and go on with the others. Codes the reference documents are used
 * where they fit (CBC.99003012 unknown resource, CBC.99003602 expired or frozen for auto-renew,
 * CBC.30050012 duplicate ids); the renewal-pricing family CBC.30050007…30050011 is read as 07 "not a main
 * resource", 09 "expired or deleted", 10 "in an unpaid order" (its order in the error table).
 */
import { CbcError, parameterError } from '../cbc-error.js';
import type { World } from '../world.js';
import { monthsOf, priceLine } from './pricing.js';
import { makeOrder, registerOrder, resourceGroup, writeOrderId } from './order-factory.js';
import { unsubscribeGroup } from './unsubscribe.js';
import { periodStatus } from './status.js';
import { addMonths } from './time.js';
import type { CommerceBook, OrderRecord, ResourceRecord } from './types.js';

export interface ResourceFailure {
  readonly resourceId: string;
  readonly code: string;
  readonly message: string;
}

const failure = (resourceId: string, code: string, message: string): ResourceFailure => ({ resourceId, code, message });

export function rejectDuplicates(ids: readonly string[]): void {
  if (new Set(ids).size !== ids.length) throw new CbcError(400, 'CBC.30050012', 'Duplicate resource IDs.');
}

/** The yearly/monthly resource behind an id, or the failure that explains why there is none to act on. */
function mainResource(book: CommerceBook, id: string): ResourceRecord | ResourceFailure {
  const resource = book.resourceById.get(id);
  if (!resource || !resource.provisioned || resource.chargeMode !== 1) return failure(id, 'CBC.99003012', 'The resource does not exist.');
  if (resource.parentResourceId) return failure(id, 'CBC.30050007', 'The resource is not a main resource.');
  return resource;
}

const isFailure = (value: ResourceRecord | ResourceFailure): value is ResourceFailure => 'code' in value;

function inUnpaidOrder(book: CommerceBook, resourceId: string): boolean {
  return book.orders.some((o) => o.status === 6 && o.resourceIds.includes(resourceId));
}

/** Checks shared by renew and unsubscribe: a main resource that still exists and has nothing unpaid. */
function renewable(book: CommerceBook, id: string, now: Date): ResourceRecord | ResourceFailure {
  const main = mainResource(book, id);
  if (isFailure(main)) return main;
  const status = periodStatus(book, main, now);
  if (status === 3) return failure(id, 'CBC.30050009', 'The resource has been deleted.');
  if (status === 4) return failure(id, 'CBC.30050009', 'The resource is frozen.');
  if (inUnpaidOrder(book, id)) return failure(id, 'CBC.30050010', 'The resource is in an unpaid order.');
  return main;
}

export interface RenewInput {
  readonly resourceIds: readonly string[];
  readonly periodType: 2 | 3;
  readonly periodNum: number;
}

/** Creates one pending renewal order per group; the caller pays it when `is_auto_pay` asks. */
export function renewResources(world: World, book: CommerceBook, input: RenewInput, now: Date): { orders: OrderRecord[]; failures: ResourceFailure[] } {
  rejectDuplicates(input.resourceIds);
  const orders: OrderRecord[] = [];
  const failures: ResourceFailure[] = [];
  const months = monthsOf(input.periodType, input.periodNum);
  for (const id of input.resourceIds) {
    const main = renewable(book, id, now);
    if (isFailure(main)) {
      failures.push(main);
      continue;
    }
    const group = resourceGroup(book, main).filter((r) => !r.closedAt);
    const lines = group.map((resource) => {
      const effectiveAt = resource.expireAt ?? now;
      return {
        resource, periodType: input.periodType, periodNum: input.periodNum, effectiveAt,
        expireAt: addMonths(effectiveAt, months), amounts: priceLine(resource.resourceType, input.periodType, input.periodNum),
      };
    });
    const order = makeOrder(world, book.customer.customerId, {
      orderId: writeOrderId(world, book, now), orderType: 2, status: 6, sourceType: 1, createdAt: now, paidAt: null,
      userName: book.customer.accountName, serviceTypeCode: main.resourceType.serviceTypeCode, periodType: input.periodType,
      periodNum: input.periodNum, lines, agentPay: { payingAgentId: null, isAgentPay: false },
    });
    registerOrder(book, order);
    orders.push(order);
  }
  return { orders, failures };
}

export function unsubscribeResources(world: World, book: CommerceBook, resourceIds: readonly string[], type: 1 | 2, now: Date): { orders: OrderRecord[]; failures: ResourceFailure[] } {
  rejectDuplicates(resourceIds);
  const orders: OrderRecord[] = [];
  const failures: ResourceFailure[] = [];
  for (const id of resourceIds) {
    const main = renewable(book, id, now);
    if (isFailure(main)) {
      failures.push(main);
      continue;
    }
    const order = unsubscribeGroup(world, book, {
      group: resourceGroup(book, main).filter((r) => !r.closedAt), type, at: now, orderId: writeOrderId(world, book, now),
      sourceType: 1, userName: book.customer.accountName,
    });
    if (order) orders.push(order);
    // CBC.99003185 "can only be unsubscribed under specific conditions": here, there is no renewal to drop.
    else failures.push(failure(id, 'CBC.99003185', 'The resource has no renewed period that has not started.'));
  }
  return { orders, failures };
}

/** SET_UP: expire_policy 1 (convert to pay-per-use on expiry); CANCEL: back to 0, only if it was set. */
export function setToOnDemand(book: CommerceBook, operation: 'SET_UP' | 'CANCEL', resourceIds: readonly string[], now: Date): ResourceFailure[] {
  const failures: ResourceFailure[] = [];
  for (const id of new Set(resourceIds)) {
    const main = mainResource(book, id);
    if (isFailure(main)) {
      failures.push(main);
      continue;
    }
    const status = periodStatus(book, main, now);
    if (status === 3) {
      failures.push(failure(id, 'CBC.30050009', 'The resource has been deleted.'));
      continue;
    }
    if (operation === 'CANCEL' && main.expirePolicy !== 1) {
      // Undocumented code: a parameter error is what the reference's rules imply.
      failures.push(failure(id, 'CBC.0100', 'Parameter error: resource_ids the resource is not set to convert to pay-per-use.'));
      continue;
    }
    for (const r of resourceGroup(book, main)) {
      r.expirePolicy = operation === 'SET_UP' ? 1 : 0;
      r.autoRenewTimes = null;
      r.updatedAt = now;
    }
  }
  return failures;
}

function singleMain(book: CommerceBook, id: string): ResourceRecord {
  const main = mainResource(book, id);
  if (isFailure(main)) throw new CbcError(400, main.code, main.message);
  return main;
}

/** Auto-renew on for a main resource and its attached ones; the count changes only when given. */
export function enableAutoRenew(book: CommerceBook, resourceId: string, times: number | undefined, now: Date): void {
  const main = singleMain(book, resourceId);
  if (periodStatus(book, main, now) !== 2) throw new CbcError(400, 'CBC.99003602', 'The resource has expired or is frozen. Auto-renewal is not allowed.');
  const already = main.expirePolicy === 3;
  for (const r of resourceGroup(book, main)) {
    r.expirePolicy = 3;
    r.autoRenewTimes = times ?? (already ? r.autoRenewTimes ?? 0 : 0);
    r.updatedAt = now;
  }
}

export function disableAutoRenew(book: CommerceBook, resourceId: string, now: Date): void {
  const main = singleMain(book, resourceId);
  if (main.expirePolicy !== 3) throw parameterError('resource_id', 'does not have auto-renewal enabled');
  for (const r of resourceGroup(book, main)) {
    r.expirePolicy = 0;
    r.autoRenewTimes = null;
    r.updatedAt = now;
  }
}

/** Resource statuses as the listing endpoints report them, derived from the record and the clock. */
import type { CommerceBook, ResourceRecord } from './types.js';
import { DAY_MS } from './time.js';

/**
 * How long an expired yearly/monthly resource stays listed as expired before it is released and shows as
 * closed: Huawei's grace plus retention periods, 15 days each for most services (not in the reference).
 */
export const RETENTION_MS = 30 * DAY_MS;

/** E10: 2 in use, 3 closed, 4 frozen, 5 expired. */
export function periodStatus(book: CommerceBook, resource: ResourceRecord, now: Date): 2 | 3 | 4 | 5 {
  if (resource.closedAt) return 3;
  const expire = resource.expireAt?.getTime() ?? 0;
  if (now.getTime() - expire > RETENTION_MS) return 3;
  if (book.customer.isFrozen === 1) return 4;
  return expire > now.getTime() ? 2 : 5;
}

/** E11: 1 normal, 3 frozen, 6 closed. */
export function onDemandStatus(book: CommerceBook, resource: ResourceRecord): 1 | 3 | 6 {
  if (resource.deletedAt) return 6;
  return book.customer.isFrozen === 1 ? 3 : 1;
}

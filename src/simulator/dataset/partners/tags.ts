/**
 * SMB new-customer tags (bss-api-partners.md §2.4). A customer that completed real-name authentication
 * within the last year is a new customer (`Y`) or still being assessed (`UNDETERMINED`); older ones have
 * a lapsed tag (`N`, validity in the past). Without real-name authentication the tag is empty.
 */
import type { CustomerRecord, World } from '../world.js';
import type { Verification } from './realname.js';
import { beijingMonth, shiftMonth } from './time.js';

export interface NewCustomerTag {
  readonly customerId: string;
  readonly tagType: string;
  /** `Y`, `N`, `UNDETERMINED`, or `''` without real-name authentication. */
  readonly tag: string;
  readonly effectiveMonth: string;
  readonly expireMonth: string;
}

export function newCustomerTag(world: World, customer: CustomerRecord, verification: Verification, now: Date): NewCustomerTag {
  if (verification.verifiedStatus !== '2') {
    return { customerId: customer.customerId, tagType: 'SMB', tag: '', effectiveMonth: '', expireMonth: '' };
  }
  const effectiveMonth = beijingMonth(new Date(customer.associatedOn));
  const expireMonth = shiftMonth(effectiveMonth, 12);
  const lapsed = expireMonth < beijingMonth(now);
  const tag = lapsed ? 'N' : world.random(`tag:${customer.customerId}`).chance(0.6) ? 'Y' : 'UNDETERMINED';
  return { customerId: customer.customerId, tagType: 'SMB', tag, effectiveMonth, expireMonth };
}

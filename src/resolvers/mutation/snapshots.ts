/**
 * The changed objects a write stores with its answer, to replay it without a call. The store keeps no personal
 * data (docs/store.md), so names, login names, phone numbers and e-mails are stored masked, as a key without the
 * PII permission sees them: a replay shows them masked to every key (the ids, balances and amounts are exact).
 */
import { maskAccountName, maskEmail, maskName, maskPhone } from '../../auth/pii.js';
import type { CustomerShape } from '../../sources/customers.js';
import type { IndirectPartnerShape } from '../../sources/indirect-partners.js';

const masked = (value: string | null, mask: (v: string) => string): string | null => (value === null ? null : mask(value));

export function customerSnapshot(c: CustomerShape): CustomerShape {
  return { ...c, accountName: maskAccountName(c.accountName), name: masked(c.name, maskName), telephone: masked(c.telephone, maskPhone), email: masked(c.email, maskEmail) };
}

export function indirectPartnerSnapshot(p: IndirectPartnerShape): IndirectPartnerShape {
  return {
    ...p,
    accountName: masked(p.accountName, maskAccountName), name: masked(p.name, maskName), mobilePhone: masked(p.mobilePhone, maskPhone),
    email: masked(p.email, maskEmail),
  };
}

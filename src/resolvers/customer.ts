/**
 * Customers of the partner (and of its resellers).
 * Upstream: ListSubCustomers `POST /v2/partners/sub-customers/query` (bss-api-partners.md §2.2).
 */
import type { CustomerInformation } from '../bss/operations/partners/customers.js';

/** A customer as the graph carries it: the wire record in camelCase plus the scope it was found in. */
export interface CustomerShape {
  readonly customerId: string;
  readonly accountName: string;
  /** Real-name-authentication name. */
  readonly name: string | null;
  /** `"1"` consultative sales, `"2"` resale; other codes pass through. */
  readonly associationType: string | null;
  readonly associatedOn: string | null;
  readonly label: string | null;
  readonly telephone: string | null;
  readonly countryCode: string | null;
  readonly email: string | null;
  readonly verifiedStatus: string | null;
  readonly customerType: number | null;
  readonly isFrozen: number | null;
  readonly customerLevel: string | null;
  readonly accountManagers: readonly string[];
  readonly xaccountId: string | null;
  readonly xaccountType: string | null;
  /** The reseller whose customer this is (the scope it was listed in), or null for the partner's own. */
  readonly indirectPartnerId: string | null;
}

export function toCustomerShape(c: CustomerInformation, indirectPartnerId: string | null): CustomerShape {
  return {
    customerId: c.customer_id,
    accountName: c.account_name,
    name: c.customer ?? null,
    associationType: c.association_type ?? null,
    associatedOn: c.associated_on ?? null,
    label: c.label || null,
    telephone: c.telephone ?? null,
    countryCode: c.country_code ?? null,
    email: c.email ?? null,
    verifiedStatus: c.verified_status ?? null,
    customerType: c.customer_type ?? null,
    isFrozen: c.is_frozen ?? null,
    customerLevel: c.customer_level ?? null,
    accountManagers: (c.account_managers ?? []).flatMap((m) => (m.account_name ? [m.account_name] : [])),
    xaccountId: c.xaccount_id ?? null,
    xaccountType: c.xaccount_type ?? null,
    indirectPartnerId,
  };
}

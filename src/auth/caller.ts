/**
 * Who is asking: the API key a request presented, resolved to a name, a role and (for resellers) the one
 * reseller subtree it may see. Every layer below the HTTP edge reads the caller from the GraphQL context
 * (or, for the export route, from the same authentication step), never from headers.
 */

/** `admin`: everything; `analyst`: read-only; `reseller`: one reseller's subtree only, reads and the writes inside it (docs/writes.md). */
export type Role = 'admin' | 'analyst' | 'reseller';

export interface Caller {
  /** The key's name from API_KEYS_FILE (logged; the key itself never is). */
  readonly name: string;
  readonly role: Role;
  /** For `reseller`: the `indirect_partner_id` every upstream call of this caller is scoped to. */
  readonly indirectPartnerId: string | null;
  /** May see personal data (customer names, account names, phone numbers, emails) unmasked. */
  readonly pii: boolean;
}

/**
 * The caller when no keys are configured, which is allowed only on the embedded simulator (the gateway
 * says so at startup): an administrator without PII permission, so the masking is visible in a demo.
 */
export const OPEN_CALLER: Caller = { name: 'open-simulator', role: 'admin', indirectPartnerId: null, pii: false };

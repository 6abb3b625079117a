/**
 * STUB (issue 5 fills this in): API_KEYS_FILE → validated entries; keys are stored only as SHA-256 hex.
 */
import type { Role } from './caller.js';

export interface ApiKeyEntry {
  readonly name: string;
  readonly role: Role;
  readonly indirectPartnerId?: string;
  readonly pii?: boolean;
  /** Hex SHA-256 of the key. */
  readonly sha256: string;
}

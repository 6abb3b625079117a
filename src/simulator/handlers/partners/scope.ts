/**
 * `indirect_partner_id`: the distributor acting in one reseller's scope (bss-api-partners.md §0.1).
 * Absent, null or `""` is the caller's own scope. An id that is not one of the distributor's resellers
 * is refused with `CBC.99000037` where Huawei documents that code; elsewhere it is a scope that owns
 * nothing, so reads come back empty.
 */
import type { SimRequest } from '../../handler.js';
import type { ScopeId } from '../../dataset/partner-store.js';
import { noResellerPermission } from '../../dataset/partners/errors.js';

export interface Scope {
  readonly id: ScopeId;
  /** False for an unknown reseller id read leniently. */
  readonly exists: boolean;
}

export function resolveScope(req: SimRequest, raw: string | null | undefined, strict: boolean): Scope {
  if (raw === undefined || raw === null || raw === '') return { id: null, exists: true };
  if (req.state.world.reseller(raw)) return { id: raw, exists: true };
  if (strict) throw noResellerPermission();
  return { id: raw, exists: false };
}

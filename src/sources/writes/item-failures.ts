/** The per-item failures of Huawei's batch writes (§1.9, §1.10, §3.2 `error_details`), as the graph carries them. */
import type { ErrorDetail } from '../../bss/operations/partners/index.js';

export interface ItemFailure {
  /** The failed item: a customer (§3.2), a reseller (§1.9) or a quota (§1.10). */
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

export function toItemFailures(details: readonly ErrorDetail[] | undefined): ItemFailure[] {
  return (details ?? []).flatMap((d) => (d.id ? [{ id: d.id, code: d.error_code || 'UNKNOWN', message: d.error_msg || '' }] : []));
}

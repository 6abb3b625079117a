/**
 * How long one attempt may wait for its whole answer (headers and body), by what a timeout costs.
 *
 * - A read is idempotent and retried after a timeout (src/bss/retry.ts), and the partner cache makes many users
 *   wait on one read: a hung read should be abandoned soon and tried again. Short.
 * - A read of a page of bill or consumption records (up to 1000 records of some forty fields each, summed and
 *   priced by the upstream) is the one read whose healthy answer is large and slow; mostly the background sync's.
 *   Longer.
 * - A write is never retried: its timeout is an unknown outcome, a reconciliation read, and possibly a key held as
 *   `OUTCOME_UNKNOWN` (docs/writes.md). A slow healthy answer is worth waiting for. Longest.
 *
 * The figures behind the defaults are in docs/deploy.md ("Upstream deadlines") and bench/LOAD.md.
 */
import { billOperations } from './operations/bills/index.js';
import type { OperationSpec } from './operations/spec.js';

export interface ResponseDeadlines {
  /** A read (retried after a timeout). */
  readonly readMs: number;
  /** A read of a bill or consumption page (`BILL_PAGE_READS`). */
  readonly billReadMs: number;
  /** A write (never retried: a timeout is an unknown outcome). */
  readonly writeMs: number;
}

export const DEFAULT_DEADLINES: ResponseDeadlines = { readMs: 5_000, billReadMs: 20_000, writeMs: 30_000 };

/** The reads of the bills group that page up to 1000 records: the large answers. */
export const BILL_PAGE_READS: ReadonlySet<string> = new Set(
  billOperations.filter((op) => op.kind === 'read' && (op.page?.maxLimit ?? 0) >= 1000).map((op) => op.name),
);

/** The deadline of one attempt of `op`. */
export function deadlineFor(op: Pick<OperationSpec, 'name' | 'kind'>, deadlines: ResponseDeadlines): number {
  if (op.kind === 'write') return deadlines.writeMs;
  return BILL_PAGE_READS.has(op.name) ? deadlines.billReadMs : deadlines.readMs;
}

/**
 * How a format writes an export: a header, one chunk per row, and exactly one closing line — the end
 * marker after the last row, or the error marker when the pull failed midway — so a reader can always
 * tell a complete file from a truncated one.
 */
import type { FocusRow } from './focus-columns.js';

/** What the error marker says about a failure: safe to show (no stack, URL or secret). */
export interface ExportFailure {
  /** Huawei's code (`CBC.0999`, `APIGW.0308`, …), ours (`TRANSPORT.TIMEOUT`, `CUSTOMER_AGENCY_NOT_GRANTED`) or `INTERNAL`. */
  readonly code: string;
  readonly message: string;
  /** The upstream operation that failed, e.g. `ListSubCustomerBillDetail`. */
  readonly operation: string | null;
  /** Huawei's request id, to quote to Huawei support. */
  readonly requestId: string | null;
}

export interface ExportEncoder {
  readonly contentType: string;
  readonly fileExtension: string;
  /** How the closing line reads, for the `X-Export-Markers` response header. */
  readonly markers: string;
  header(): string;
  row(row: FocusRow): string;
  end(rows: number): string;
  error(failure: ExportFailure, rows: number): string;
}

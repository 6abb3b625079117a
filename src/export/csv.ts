/**
 * RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, quote, CR or LF (its
 * quotes doubled); null is an empty field. The closing line starts with `#`, which no data row can (the
 * first column is BilledCost, a number): `#END,<rows>` or `#ERROR,<code>,<message>,<operation>,<requestId>,<rows>`.
 * Data rows go through the formula guard (src/export/csv-guard.ts) before quoting; header and markers are ours.
 */
import type { ExportEncoder, ExportFailure } from './encoder.js';
import { csvCellText } from './csv-guard.js';
import { FOCUS_COLUMNS, type FocusRow } from './focus-columns.js';

const CRLF = '\r\n';
/** Also used by the store's export writer (focus-text.ts). */
export const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(values: readonly (string | null)[]): string {
  return values.map(csvField).join(',') + CRLF;
}

export const csvEncoder: ExportEncoder = {
  contentType: 'text/csv; charset=utf-8; header=present',
  fileExtension: 'csv',
  markers: 'csv; end="#END,<rows>"; error="#ERROR,<code>,<message>,<operation>,<requestId>,<rows>"',
  header: () => csvLine(FOCUS_COLUMNS),
  row: (row: FocusRow) => csvLine(FOCUS_COLUMNS.map((c) => csvCellText(c, row[c]))),
  end: (rows: number) => csvLine(['#END', String(rows)]),
  error: (f: ExportFailure, rows: number) => csvLine(['#ERROR', f.code, f.message, f.operation, f.requestId, String(rows)]),
};

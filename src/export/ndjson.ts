/**
 * NDJSON: one JSON object per line (LF), keys the FOCUS column names, decimals as strings, null kept. The
 * last line is `{"x_End":{"rows":N}}`, or `{"x_Error":{code,message,operation,requestId,rows}}` when the
 * pull failed midway; no data row has either key. Values are written as they are, without the CSV's formula
 * guard (src/export/csv-guard.ts): programs read NDJSON, spreadsheets do not open it.
 */
import type { ExportEncoder, ExportFailure } from './encoder.js';
import { FOCUS_COLUMNS, type FocusRow } from './focus-columns.js';

const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

export const ndjsonEncoder: ExportEncoder = {
  contentType: 'application/x-ndjson; charset=utf-8',
  fileExtension: 'ndjson',
  markers: 'ndjson; end="x_End"; error="x_Error"',
  header: () => '',
  // Keys in column order, whatever order the row object was built in.
  row: (row: FocusRow) => line(Object.fromEntries(FOCUS_COLUMNS.map((c) => [c, row[c]]))),
  end: (rows: number) => line({ x_End: { rows } }),
  error: (f: ExportFailure, rows: number) => line({ x_Error: { code: f.code, message: f.message, operation: f.operation, requestId: f.requestId, rows } }),
};

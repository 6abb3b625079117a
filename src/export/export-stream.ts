/**
 * The export's body: a ReadableStream pulled by the HTTP client. Each `pull` takes the next chunk of encoded
 * rows — an upstream page of the live pull encoded here (`encodePages`), or a chunk of stored records written
 * by focus-text.ts (focus-sql.ts) — so only what the client has asked for is fetched ahead (plus the pull's own small page
 * buffer); the month never sits in memory. When the client goes away the stream is cancelled and the pull is
 * stopped. The body always ends with the encoder's end or error marker.
 */
import type { PulledPage } from '../sources/consumption-pull.js';
import type { ConsumptionRecordShape } from '../sources/consumption-records.js';
import type { ExportEncoder, ExportFailure } from './encoder.js';
import type { FocusRow } from './focus-columns.js';

/** Whole encoded lines and how many rows they are: as text, or already as UTF-8 (the store's writer, focus-text.ts). */
export type EncodedRows =
  | { readonly text: string; readonly bytes?: undefined; readonly rows: number }
  | { readonly bytes: Uint8Array; readonly text?: undefined; readonly rows: number };

/** The live pull's pages as encoded rows: each record through `toRow` and the encoder, a chunk per page. */
export async function* encodePages(
  pages: AsyncGenerator<PulledPage>, encoder: ExportEncoder, toRow: (page: PulledPage, record: ConsumptionRecordShape) => FocusRow,
): AsyncGenerator<EncodedRows> {
  try {
    for (let next = await pages.next(); !next.done; next = await pages.next()) {
      let text = '';
      for (const record of next.value.records) text += encoder.row(toRow(next.value, record));
      yield { text, rows: next.value.records.length };
    }
  } finally {
    // Cancelled or failed midway: the pull stops too.
    await pages.return(undefined);
  }
}

export interface ExportStreamOptions {
  readonly chunks: AsyncGenerator<EncodedRows>;
  readonly encoder: ExportEncoder;
  /** Turns a pull failure into what the error marker may say (nothing secret). */
  readonly describeFailure: (error: unknown) => ExportFailure;
  /** Called once when the stream ends: its rows, and the failure if it failed; not called on cancel. */
  readonly onEnd?: (rows: number, failure: ExportFailure | null) => void;
  /** Called when the client stopped reading (disconnect or cancel). */
  readonly onCancel?: () => void;
}

export function exportStream(options: ExportStreamOptions): ReadableStream<Uint8Array> {
  const { chunks, encoder } = options;
  const bytes = new TextEncoder();
  let rows = 0;
  let started = false;
  let cancelled = false;

  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, failure: ExportFailure | null, text = ''): void => {
    if (cancelled) return;
    controller.enqueue(bytes.encode(text + (failure ? encoder.error(failure, rows) : encoder.end(rows))));
    controller.close();
    options.onEnd?.(rows, failure);
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = '';
        if (!started) {
          started = true;
          text = encoder.header();
        }
        // Empty chunks (a customer without records) write nothing: keep pulling until there is text to send.
        for (;;) {
          let next: IteratorResult<EncodedRows>;
          try {
            next = await chunks.next();
          } catch (error) {
            finish(controller, options.describeFailure(error), text);
            return;
          }
          if (next.done) {
            finish(controller, null, text);
            return;
          }
          rows += next.value.rows;
          if (cancelled) return;
          if (next.value.bytes) {
            if (text) controller.enqueue(bytes.encode(text));
            controller.enqueue(next.value.bytes);
            return;
          }
          text += next.value.text;
          if (text) {
            controller.enqueue(bytes.encode(text));
            return;
          }
        }
      },
      async cancel() {
        cancelled = true;
        options.onCancel?.();
        await chunks.return(undefined);
      },
    },
    // Nothing is pulled ahead of the reader: a page is fetched only when the client asks for more.
    { highWaterMark: 0 },
  );
}

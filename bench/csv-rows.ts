/**
 * Counts the records of an RFC 4180 CSV stream as it arrives (a quoted field may hold line breaks), and
 * keeps the header and the last line so the export's closing marker can be read. It runs in the gateway's
 * process, so it stays cheap: native `indexOf` jumps from quote to quote and line to line, and only the
 * header and the last few kilobytes are ever decoded.
 */
export interface StreamCount {
  /** Data rows: records after the header, without the export's closing `#END,<rows>` / `#ERROR,…` line. */
  rows: number;
  /** The closing marker line, when the stream ended with one. */
  marker: string | null;
  bytes: number;
  header: string;
  lastLine: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const TAIL = 4096;

export async function countCsv(body: ReadableStream<Uint8Array>): Promise<StreamCount> {
  let quoted = false;
  let records = 0;
  let bytes = 0;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    bytes += buf.length;
    let at = 0;
    for (;;) {
      // Inside quotes only the closing quote matters; outside, the next quote or line end, whichever is first.
      const q = buf.indexOf(QUOTE, at);
      if (quoted) {
        if (q < 0) break;
        quoted = false;
        at = q + 1;
        continue;
      }
      const l = buf.indexOf(LF, at);
      if (l >= 0 && (q < 0 || l < q)) {
        records++;
        at = l + 1;
      } else if (q >= 0) {
        quoted = true;
        at = q + 1;
      } else break;
    }
    if (head.length < TAIL) head = Buffer.concat([head, buf.subarray(0, TAIL - head.length)]);
    tail = buf.length >= TAIL ? Buffer.from(buf.subarray(buf.length - TAIL)) : Buffer.concat([tail, buf]).subarray(-TAIL);
  }
  const header = head.toString('utf8').split(/\r?\n/)[0] ?? '';
  const lines = tail.toString('utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const lastLine = lines[lines.length - 1] ?? '';
  const marker = lastLine.startsWith('#') ? lastLine : null;
  return { rows: Math.max(0, records - 1 - (marker ? 1 : 0)), marker, bytes, header, lastLine };
}

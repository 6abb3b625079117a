/** A request as the platform received it: raw path and query (never re-encoded), headers, exact body bytes. */
import type { IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  readonly method: string;
  /** The path exactly as on the wire, without the query. */
  readonly rawPath: string;
  /** The query exactly as on the wire, without the `?`. */
  readonly rawQuery: string;
  /** Node's parsed headers: names lower-case. */
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One header's value; a repeated header's values joined with `,` (what an HTTP/1.1 proxy would fold). */
export function headerValue(req: Pick<ReceivedRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** Splits a request target (`/path?query`) without decoding anything. */
export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const q = target.indexOf('?');
  return q < 0 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

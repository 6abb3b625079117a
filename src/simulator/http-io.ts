/** Reading request bodies under the gateway's size limit, and writing responses (optionally slowly). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apig } from './apig-errors.js';

/** The API gateway refuses bodies over 12 MB with 413 APIGW.0201 (huawei-auth-and-errors.md §9.2). */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

/**
 * The raw body bytes (never decoded or re-serialised: the signature covers them exactly). Over the limit, the
 * rest is drained and discarded before the 413 is thrown, so a client still writing its body reads the answer
 * instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(apig.entityTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export interface Outgoing {
  readonly status: number;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Writes a whole response. With `slowMs`, the body goes out in ten pieces spread over that time. */
export async function writeResponse(
  res: ServerResponse,
  out: Outgoing,
  options: { slowMs?: number; sleep?: (ms: number) => Promise<boolean> } = {},
): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(out.body, 'utf8');
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
  if (out.status !== 204 && out.status !== 304) {
    if (out.contentType) res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Length', bytes.length);
  }
  res.statusCode = out.status;
  const slowMs = options.slowMs ?? 0;
  if (slowMs <= 0 || bytes.length === 0 || !options.sleep || out.status === 204) {
    res.end(out.status === 204 ? undefined : bytes);
    return;
  }
  res.flushHeaders();
  const pieces = Math.min(10, bytes.length);
  const size = Math.ceil(bytes.length / pieces);
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (!(await options.sleep(slowMs / pieces)) || res.destroyed) return;
    res.write(bytes.subarray(offset, offset + size));
  }
  res.end();
}

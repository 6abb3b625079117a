/**
 * Request bodies over `maxBytes` are refused with 413 and a JSON error before they are parsed. The
 * declared Content-Length is checked first; a body without one (chunked) is counted while it is read,
 * and reading stops as soon as it passes the limit.
 */
import type { Plugin } from 'graphql-yoga';

export const PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE';

function tooLarge(maxBytes: number): Response {
  const body = {
    errors: [{ message: `The request body is larger than the limit of ${maxBytes} bytes.`, extensions: { code: PAYLOAD_TOO_LARGE, maxBodyBytes: maxBytes } }],
  };
  return new Response(JSON.stringify(body), { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** The body's bytes, or null once they pass `maxBytes` (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > maxBytes) {
        endResponse(tooLarge(maxBytes));
        return;
      }
      if (!requestParser || !request.body || (declared !== null && /^\d+$/.test(declared))) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        const bytes = req.body ? await readAtMost(req.body, maxBytes) : new Uint8Array(new ArrayBuffer(0));
        if (bytes === null) return tooLarge(maxBytes);
        return parse(new Request(req.url, { method: req.method, headers: req.headers, body: bytes }));
      });
    },
  };
}

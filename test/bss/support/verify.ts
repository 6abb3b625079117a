/** Verifies a received request's AK/SK signature the way the API gateway does (huawei-auth-and-errors.md §6). */
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  hashHex,
  parseAuthorization,
  parseRawQuery,
  stringToSign,
} from '../../../src/bss/signer.js';
import type { Received } from './fake-server.js';

export function verifySignature(req: Received, key: { ak: string; sk: string }): { ok: boolean; signedHeaders: string } {
  const auth = parseAuthorization(req.headers['authorization'] ?? '');
  if (!auth || auth.ak !== key.ak) return { ok: false, signedHeaders: '' };
  const sdkDate = req.headers['x-sdk-date'] ?? '';
  const canonical = canonicalRequest({
    method: req.method,
    canonicalUri: canonicalUri(req.path),
    canonicalQuery: canonicalQuery(parseRawQuery(req.query)),
    canonicalHeaders: canonicalHeaders(auth.signedHeaders, (name) => req.headers[name]),
    signedHeaders: auth.signedHeadersText,
    payloadHash: hashHex(auth.algorithm, req.body),
  });
  const expected = computeSignature(auth.algorithm, key, stringToSign(auth.algorithm, sdkDate, hashHex(auth.algorithm, canonical)));
  return { ok: expected === auth.signature, signedHeaders: auth.signedHeadersText };
}

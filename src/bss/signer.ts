/**
 * Huawei Cloud API-gateway request signing (AK/SK), huawei-auth-and-errors.md §2–4.
 *
 * One implementation serves both sides: the BSS client signs with `signRequest`, and the simulator's
 * gateway verifies by rebuilding the canonical request from the received request with the same building
 * blocks (`canonicalUri`, `parseRawQuery` + `canonicalQuery`, `canonicalHeaders`, `canonicalRequest`,
 * `stringToSign`, `computeSignature`). The algorithm family shares the canonical request; only the hash,
 * the MAC key and the string-to-sign header line differ:
 *
 *   SDK-HMAC-SHA256  SHA-256, HMAC keyed with the SK
 *   SDK-HMAC-SM3     SM3 everywhere, HMAC-SM3 keyed with the SK
 *   V11-HMAC-SHA256  SHA-256, HMAC keyed with the hex text of HKDF-SHA256(SK, salt AK, info date/region/service)
 *
 * No signature, SK or canonical request is ever logged from here.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { formatSdkDate } from './sdk-date.js';

export { formatSdkDate, parseSdkDate } from './sdk-date.js';

export type SigningAlgorithm = 'SDK-HMAC-SHA256' | 'SDK-HMAC-SM3' | 'V11-HMAC-SHA256';

export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['SDK-HMAC-SHA256', 'SDK-HMAC-SM3', 'V11-HMAC-SHA256'];

export interface SigningKey {
  ak: string;
  sk: string;
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers present at signing time (names in any case). `X-Sdk-Date` here is reused when no `sdkDate` option is given. */
  headers: Record<string, string>;
  /** The exact bytes that will be sent (a string is hashed as UTF-8). */
  body: string | Uint8Array;
}

export interface SignOptions {
  algorithm?: SigningAlgorithm;
  /** X-Sdk-Date text; default: the header of that name if given, else now. */
  sdkDate?: string;
  /**
   * Which headers get signed (§4). `node`: every header given plus `host` (the Node core). `go`: every header
   * given except names starting `content-type` and names containing `_`, and no `host` unless given (the Go core).
   */
  style?: 'node' | 'go';
  /** V11 only: the region id (`globe` for global credentials in the Go SDK) and derived-auth service name. */
  derived?: { region: string; service: string };
}

/** hex SHA-256 of the empty body, the payload hash of every GET. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The header whose value replaces the payload hash (`UNSIGNED-PAYLOAD` for non-JSON bodies), per algorithm. */
export function contentHashHeader(algorithm: SigningAlgorithm): string {
  return algorithm === 'SDK-HMAC-SM3' ? 'x-sdk-content-sm3' : 'x-sdk-content-sha256';
}

function digestName(algorithm: SigningAlgorithm): 'sha256' | 'sm3' {
  return algorithm === 'SDK-HMAC-SM3' ? 'sm3' : 'sha256';
}

/** Lower-case hex digest of `data` with the algorithm's hash (SHA-256, or SM3 for SDK-HMAC-SM3). */
export function hashHex(algorithm: SigningAlgorithm, data: string | Uint8Array): string {
  return createHash(digestName(algorithm)).update(data).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// Canonical request

/**
 * The strict encoder for URI segments, query keys and values: `A–Z a–z 0–9 - _ . ~` stay, every other UTF-8
 * byte becomes `%XY` with upper-case hex. encodeURIComponent already does that except for `! ' ( ) *`.
 */
export function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Percent-decodes without turning `+` into a space: Huawei SDKs never send `+` for a space, so a `+` on the
 * wire is a literal plus (§6 step 6, inferred). A malformed escape is kept as its raw text rather than failing
 * the whole request; it then re-encodes to `%25…`, which a signer that sent it raw also produced.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * Canonical URI from a raw (wire) path: every segment decoded, then strictly re-encoded, and a trailing `/`
 * appended when missing. The slash is signed even though the wire path has none (the Node core strips it).
 * Decoding first makes the signer and the verifier agree for any path; it is what the Go core does (it
 * encodes the unencoded path once).
 */
export function canonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split('/')
    .map((segment) => strictEncode(percentDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

export type QueryPair = readonly [key: string, value: string];

/**
 * Decoded (key, value) pairs of a raw query string (with or without its leading `?`): split on `&`, then at
 * the first `=`; a bare `key` is an empty value (Go sends empty values that way and signs `key=`).
 * URLSearchParams is not used because it turns `+` into a space.
 */
export function parseRawQuery(search: string): QueryPair[] {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text === '') return [];
  const pairs: QueryPair[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([percentDecode(key), percentDecode(value)]);
  }
  return pairs;
}

/** Go sorts with byte order on UTF-8 strings; JavaScript's default string order is UTF-16 code units. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Canonical query string from decoded pairs: sorted by key, a repeated key's values sorted too, every pair
 * `enc(key)=enc(value)` joined with `&`; no pairs → empty string.
 */
export function canonicalQuery(pairs: Iterable<QueryPair>): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const values = byKey.get(key);
    if (values) values.push(value);
    else byKey.set(key, [value]);
  }
  const out: string[] = [];
  for (const key of [...byKey.keys()].sort(compareUtf8)) {
    const k = strictEncode(key);
    for (const value of byKey.get(key)!.sort(compareUtf8)) out.push(`${k}=${strictEncode(value)}`);
  }
  return out.join('&');
}

/**
 * Canonical headers: `name:trimmed value\n` for each signed name, in the order given (the signed-headers list
 * is already sorted). A listed header the request lacks signs as an empty value, which cannot match what a
 * client signed with the header present, so the verifier fails cleanly instead of throwing.
 */
export function canonicalHeaders(signedHeaderNames: readonly string[], valueOf: (name: string) => string | undefined): string {
  return signedHeaderNames.map((name) => `${name}:${(valueOf(name) ?? '').trim()}\n`).join('');
}

export interface CanonicalRequestParts {
  method: string;
  /** Already canonical (see `canonicalUri`). */
  canonicalUri: string;
  /** Already canonical (see `canonicalQuery`). */
  canonicalQuery: string;
  /** Already canonical (see `canonicalHeaders`): ends with `\n`. */
  canonicalHeaders: string;
  /** `a;b;c` as it goes into the Authorization header. */
  signedHeaders: string;
  payloadHash: string;
}

/** The six parts joined with `\n`; the headers part ends in `\n`, so a blank line precedes the signed-headers line. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [parts.method, parts.canonicalUri, parts.canonicalQuery, parts.canonicalHeaders, parts.signedHeaders, parts.payloadHash].join(
    '\n',
  );
}

// ---------------------------------------------------------------------------------------------------------
// String to sign and signature

/** V11 credential scope: `<yyyymmdd of X-Sdk-Date>/<region>/<service>`. */
export function derivedInfo(sdkDate: string, region: string, service: string): string {
  return `${sdkDate.slice(0, 8)}/${region}/${service}`;
}

/** The V11 HMAC key: HKDF-SHA256(IKM SK, salt AK, info, 32 bytes), hex-encoded; the hex *text* is the key. */
export function deriveV11Key(key: SigningKey, info: string): string {
  return Buffer.from(hkdfSync('sha256', key.sk, key.ak, info, 32)).toString('hex');
}

/** Lines: algorithm, X-Sdk-Date, (V11 only: info), hash of the canonical request. No trailing newline. */
export function stringToSign(algorithm: SigningAlgorithm, sdkDate: string, canonicalRequestHash: string, info?: string): string {
  if (algorithm === 'V11-HMAC-SHA256') {
    if (info === undefined) throw new TypeError('V11-HMAC-SHA256 needs the derived info (date/region/service)');
    return `${algorithm}\n${sdkDate}\n${info}\n${canonicalRequestHash}`;
  }
  return `${algorithm}\n${sdkDate}\n${canonicalRequestHash}`;
}

/** Lower-case hex HMAC of the string to sign: keyed with the SK, or for V11 with the derived-key hex text. */
export function computeSignature(algorithm: SigningAlgorithm, key: SigningKey, toSign: string, info?: string): string {
  const hmacKey = algorithm === 'V11-HMAC-SHA256' ? deriveV11Key(key, info ?? '') : key.sk;
  return createHmac(digestName(algorithm), hmacKey).update(toSign).digest('hex');
}

/** Compares two hex signatures in constant time (a length difference is not secret). */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------------------------------------------------
// Authorization header

export interface ParsedAuthorization {
  algorithm: SigningAlgorithm;
  ak: string;
  /** V11 only: the credential scope after the AK (`20060102/region/service`). */
  info?: string;
  /** Names as the client listed them, lower-cased. */
  signedHeaders: string[];
  /** The list exactly as sent: it is the signed-headers line of the canonical request. */
  signedHeadersText: string;
  signature: string;
}

/** `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=<hex>` (V11: `Credential=<AK>/<info>`). */
export function formatAuthorization(a: { algorithm: SigningAlgorithm; ak: string; info?: string; signedHeaders: string; signature: string }): string {
  const who = a.algorithm === 'V11-HMAC-SHA256' ? `Credential=${a.ak}/${a.info ?? ''}` : `Access=${a.ak}`;
  return `${a.algorithm} ${who}, SignedHeaders=${a.signedHeaders}, Signature=${a.signature}`;
}

/**
 * Parses an Authorization header tolerantly (split on `,`, trim), as §2.5 advises. Returns null for an
 * unknown algorithm or a header missing a part; the caller decides the error.
 */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const text = header.trim();
  const space = text.indexOf(' ');
  if (space < 0) return null;
  const algorithm = text.slice(0, space) as SigningAlgorithm;
  if (!SIGNING_ALGORITHMS.includes(algorithm)) return null;
  const fields = new Map<string, string>();
  for (const part of text.slice(space + 1).split(',')) {
    const item = part.trim();
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  const signedHeadersText = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!signedHeadersText || !signature) return null;
  let ak: string | undefined;
  let info: string | undefined;
  if (algorithm === 'V11-HMAC-SHA256') {
    const credential = fields.get('Credential');
    const slash = credential?.indexOf('/') ?? -1;
    if (!credential || slash <= 0) return null;
    ak = credential.slice(0, slash);
    info = credential.slice(slash + 1);
  } else {
    ak = fields.get('Access');
  }
  if (!ak) return null;
  const parsed: ParsedAuthorization = {
    algorithm,
    ak,
    signedHeaders: signedHeadersText.split(';').map((name) => name.trim().toLowerCase()),
    signedHeadersText,
    signature,
  };
  if (info !== undefined) parsed.info = info;
  return parsed;
}

// ---------------------------------------------------------------------------------------------------------
// Client side

function headerLookup(headers: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) map.set(name.toLowerCase(), value);
  return map;
}

/** Which of the given header names are signed, per SDK core (§2.2 step 4, §4). */
function signedNames(headers: Map<string, string>, style: 'node' | 'go'): string[] {
  const names = [...headers.keys()].filter((name) => {
    if (style === 'go') return !name.startsWith('content-type') && !name.includes('_');
    // The Node core drops a content-type only when it is multipart (its form-data boundary is set later).
    return !(name === 'content-type' && /multipart\/form-data/i.test(headers.get(name) ?? ''));
  });
  return names.sort(compareUtf8);
}

/**
 * Signs a request and returns the two headers to add (`X-Sdk-Date`, `Authorization`). The caller sends the
 * request with exactly the given headers, URL and body bytes (the Node-style `host` is taken from `url.host`
 * unless a `host` header is given, and must be what the HTTP layer sends). A given `X-Sdk-Content-Sha256`
 * (`X-Sdk-Content-Sm3` for SM3) replaces the body hash; this function never adds one itself, because BSS
 * bodies are always JSON and therefore hashed.
 */
export function signRequest(input: SignInput, key: SigningKey, options: SignOptions = {}): { 'X-Sdk-Date': string; Authorization: string } {
  const algorithm = options.algorithm ?? 'SDK-HMAC-SHA256';
  const style = options.style ?? 'node';
  const headers = headerLookup(input.headers);
  const sdkDate = options.sdkDate ?? headers.get('x-sdk-date') ?? formatSdkDate(new Date());
  headers.set('x-sdk-date', sdkDate);
  if (style === 'node' && !headers.has('host')) headers.set('host', input.url.host);

  const names = signedNames(headers, style);
  const signedHeaders = names.join(';');
  const payloadHash = headers.get(contentHashHeader(algorithm)) ?? hashHex(algorithm, input.body);
  const request = canonicalRequest({
    // Both SDKs' generated clients pass upper-case methods; upper-casing keeps a lower-case caller verifiable.
    method: input.method.toUpperCase(),
    canonicalUri: canonicalUri(input.url.pathname),
    canonicalQuery: canonicalQuery(parseRawQuery(input.url.search)),
    canonicalHeaders: canonicalHeaders(names, (name) => headers.get(name)),
    signedHeaders,
    payloadHash,
  });

  let info: string | undefined;
  if (algorithm === 'V11-HMAC-SHA256') {
    if (!options.derived) throw new TypeError('V11-HMAC-SHA256 signing needs options.derived { region, service }');
    info = derivedInfo(sdkDate, options.derived.region, options.derived.service);
  }
  const signature = computeSignature(algorithm, key, stringToSign(algorithm, sdkDate, hashHex(algorithm, request), info), info);
  const authorization = formatAuthorization(info === undefined ? { algorithm, ak: key.ak, signedHeaders, signature } : { algorithm, ak: key.ak, info, signedHeaders, signature });
  return { 'X-Sdk-Date': sdkDate, Authorization: authorization };
}

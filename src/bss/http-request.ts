/**
 * OperationSpec + request object → the HTTP request the official SDKs would send, minus authentication
 * (the client adds the auth headers per attempt, because `X-Sdk-Date` changes on every retry).
 *
 * Wire rules (bss-api-partners.md §0.2, bss-api-commerce.md §0.1, huawei-auth-and-errors.md §2.6):
 * - path parameters substituted, percent-encoded;
 * - query parameters in Go's `url.Values.Encode()` order: keys sorted byte-wise, a repeated key for each
 *   array element (in the caller's order), `%20` for a space (the Go SDK rewrites `+`);
 * - `Content-Type: application/json` on every request, GET and DELETE included (both SDKs do);
 * - `X-Language` only on endpoints that read it;
 * - the JSON body from `body`, serialised losslessly (`wireNumber` amounts keep their exact digits).
 *
 * Unset (undefined/null) parameters are omitted, like the SDK's `omitempty`. Empty strings are never sent,
 * in the query or the body: Huawei gives `""` a per-parameter meaning — "no filter", "filter on empty" or
 * "rejected with CBC.0100" (bss-api-partners.md §0.6 and bss-api-commerce.md §0.4) — so an empty string
 * left over from a form field could silently turn into a filter or a 400. Dropping it always means
 * "no filter", which is what a caller that did not set a value wants.
 */
import { strictEncode } from './signer.js';
import type { OperationSpec } from './operations/spec.js';
import { isWireNumber, stringifyWireJson } from './wire-json.js';

export interface HttpRequestParts {
  readonly method: string;
  readonly url: URL;
  /** Headers to send and sign, without authentication. */
  readonly headers: Record<string, string>;
  /** The exact body bytes (as text); '' when the operation has no body. */
  readonly body: string;
}

export interface BuildOptions {
  /** `https://bss.myhuaweicloud.com` or the simulator's origin. */
  readonly endpoint: string;
  /** Used when the request has no `x_language` of its own and the endpoint reads the header. */
  readonly language?: string | undefined;
}

type Fields = Readonly<Record<string, unknown>>;

const isUnset = (value: unknown): boolean => value === undefined || value === null || value === '';

/** One scalar as Go's `fmt.Sprintf("%v")` writes it: decimal numbers, `true`/`false`, text as is. */
function scalarText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`query parameter ${name} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (isWireNumber(value)) return value.toString();
  throw new TypeError(`query parameter ${name} must be a string, number or boolean`);
}

/** Go's ordering: `sort.Strings`, i.e. byte order of the UTF-8 text. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The query string (without `?`) for the spec's query fields of `req`. */
export function buildQuery(names: readonly string[], req: Fields): string {
  const parts: string[] = [];
  for (const name of [...names].sort(compareUtf8)) {
    const value = req[name];
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (isUnset(item)) continue;
      parts.push(`${strictEncode(name)}=${strictEncode(scalarText(name, item))}`);
    }
  }
  return parts.join('&');
}

/**
 * A body with unset fields removed at every depth: properties that are undefined, null or `""` are left
 * out (Go's `omitempty` on pointers and strings; see the file comment for `""`). Array elements are kept
 * as given except that null/undefined ones are dropped (an id list never means "null"); an empty array
 * is kept, because some endpoints filter on an empty list (bss-api-partners.md §0.6 (b)).
 */
export function pruneBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined && item !== null).map(pruneBody);
  if (value === null || typeof value !== 'object' || isWireNumber(value)) return value;
  const proto = Object.getPrototypeOf(value);
  // Decimal instances and other class values serialise themselves (toJSON); only plain objects are walked.
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (isUnset(field)) continue;
    out[key] = pruneBody(field);
  }
  return out;
}

function substitutePath(spec: OperationSpec, req: Fields): string {
  let path = spec.path;
  for (const name of spec.pathParams ?? []) {
    const value = req[name];
    // A path parameter cannot be omitted; sending `/autorenew/` would hit another route or a 404.
    if (isUnset(value)) throw new TypeError(`${spec.name}: path parameter ${name} is required`);
    path = path.replaceAll(`{${name}}`, strictEncode(scalarText(name, value)));
  }
  if (/\{[^}]+\}/.test(path)) throw new TypeError(`${spec.name}: path ${spec.path} has a placeholder not listed in pathParams`);
  return path;
}

export function buildHttpRequest(spec: OperationSpec, request: unknown, options: BuildOptions): HttpRequestParts {
  const req = (request ?? {}) as Fields;
  const url = new URL(substitutePath(spec, req), options.endpoint);
  const query = buildQuery(spec.query ?? [], req);
  // Assigning `search` would re-encode; the text is already in its final form, so it is set verbatim.
  if (query) url.search = `?${query}`;

  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (spec.language) {
    const language = req['x_language'] ?? options.language;
    if (!isUnset(language)) headers['X-Language'] = String(language);
  }

  let body = '';
  if (spec.hasBody) {
    // The SDK models bodies as optional; a POST search without filters still needs a JSON object, which is
    // what the SDK sends for an empty request struct (every body field is omitempty).
    body = stringifyWireJson(pruneBody(req['body'] ?? {}));
  }
  return { method: spec.method, url, headers, body };
}

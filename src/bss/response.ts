/**
 * An HTTP response → the parsed wire body, or a `BssError`.
 *
 * - Bodies are parsed losslessly (`parseWireJson`): `0.1` stays "0.1", 8-decimal bill amounts stay exact.
 * - 204, or an empty 2xx body, is `{}` (CancelCustomerOrder and friends, bss-api-commerce.md §0.5).
 * - Errors are read the way the SDKs read them (huawei-auth-and-errors.md §9.6): `error_code`/`error_msg`
 *   (BSS and the API gateway), IAM's Keystone `{"error": {"code": 403, "message": …}}` (code is a
 *   number there), or `code`/`message`, searched in nested objects as Go's sdkerr does.
 * - A 2xx with a top-level `error_code` other than `CBC.0000` is an error too: "many business errors are
 *   returned with HTTP 200" (§9.5). `CBC.0000` is success (CheckUserIdentity carries it), and per-item
 *   `error_details` / `fail_resource_infos` of batch endpoints are nested, so they stay data.
 * - Every message is passed through `redact` before it is stored: an `APIGW.0301` message can echo the AK
 *   (`Get secretKey failed,ak:<AK>`) or a canonical request with a signed `x-security-token`.
 */
import { BssError } from './errors.js';
import { parseWireJson } from './wire-json.js';
import type { TransportResponse } from './transport.js';

export interface ExtractedError {
  readonly code: string;
  readonly message: string;
  /** The gateway puts `request_id` in its error bodies as well as in `X-Request-Id`. */
  readonly requestId?: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const codeText = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

function direct(body: Record<string, unknown>): ExtractedError | undefined {
  const requestId = typeof body['request_id'] === 'string' ? body['request_id'] : undefined;
  const errorCode = codeText(body['error_code']);
  if (errorCode) return { code: errorCode, message: typeof body['error_msg'] === 'string' ? body['error_msg'] : '', requestId };
  const code = codeText(body['code']);
  if (code && typeof body['message'] === 'string') return { code, message: body['message'], requestId };
  return undefined;
}

/** The first error code/message pair in a body: top level first, then nested objects, breadth-first. */
export function extractError(body: unknown): ExtractedError | undefined {
  const queue: unknown[] = [body];
  for (let i = 0; i < queue.length && i < 64; i++) {
    const node = queue[i];
    if (!isRecord(node)) continue;
    const found = direct(node);
    if (found) return found;
    for (const value of Object.values(node)) if (isRecord(value)) queue.push(value);
  }
  return undefined;
}

/** Collapses and shortens a non-JSON error body (an HTML page from a proxy) to something loggable. */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

export interface InterpretContext {
  readonly operation: string;
  readonly attempts: number;
  readonly redact: (text: string) => string;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseWireJson(text) };
  } catch {
    return { ok: false };
  }
}

/** The error for a response with status ≥ 400 (or a 2xx carrying a business error code). */
export function errorFromResponse(response: TransportResponse, parsed: unknown, ctx: InterpretContext): BssError {
  const headerId = response.headers['x-request-id'];
  const extracted = parsed === undefined ? undefined : extractError(parsed);
  const code = extracted?.code ?? `HTTP.${response.status}`;
  const message = extracted ? extracted.message : snippet(response.text) || `HTTP ${response.status} without a body`;
  return new BssError({
    kind: 'upstream',
    operation: ctx.operation,
    code,
    message: ctx.redact(message),
    httpStatus: response.status,
    requestId: headerId || extracted?.requestId,
    attempts: ctx.attempts,
  });
}

/** Parses a response: the wire body on success, else throws the `BssError` it stands for. */
export function interpretResponse(response: TransportResponse, ctx: InterpretContext): unknown {
  const { status, text } = response;
  if (status >= 200 && status < 300) {
    if (status === 204 || text.trim() === '') return {};
    const parsed = tryParse(text);
    if (!parsed.ok) {
      throw new BssError({
        kind: 'transport',
        operation: ctx.operation,
        code: 'TRANSPORT.BAD_JSON',
        message: `HTTP ${status} body is not JSON`,
        httpStatus: status,
        requestId: response.headers['x-request-id'],
        attempts: ctx.attempts,
      });
    }
    const body = parsed.value;
    if (isRecord(body)) {
      const code = codeText(body['error_code']);
      if (code && code !== 'CBC.0000') throw errorFromResponse(response, body, ctx);
    }
    return body;
  }
  const parsed = tryParse(text);
  throw errorFromResponse(response, parsed.ok ? parsed.value : undefined, ctx);
}

/** Replaces every occurrence of each secret (AK, SK, security token, tokens) with `***`. */
export function redactor(secrets: () => Iterable<string>): (text: string) => string {
  return (text) => {
    let out = text;
    for (const secret of secrets()) {
      // Very short strings would mangle ordinary words; real AKs, SKs and tokens are 20+ characters.
      if (secret.length >= 8) out = out.split(secret).join('***');
    }
    return out;
  };
}

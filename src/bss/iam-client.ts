/**
 * The partner → customer token exchange: IAM KeystoneCreateAgencyToken, `assume_role` on the agency the
 * customer granted the partner (iam-tokens.md §3).
 *
 *   POST {iam}/v3/auth/tokens?nocatalog=true        (nocatalog: §1.3, §6.9)
 *   {"auth":{"identity":{"methods":["assume_role"],"assume_role":{"domain_id":…,"agency_name":…}},
 *            "scope":{"domain":{"id":…}}}}          (domain scope: BSS is global, §3.5)
 *
 * The call is AK/SK-signed with the partner's key (§3.2, §6.8: no password is ever stored or sent), or
 * carries a partner token that was configured directly. The customer token comes back in the
 * `X-Subject-Token` header of a 201; its lifetime is read from the body (§1.6, §6.2).
 *
 * Errors: 403/404 mean the customer has not (or no longer) delegated to the partner (§3.6, §6.7) and
 * become a `no-agency` BssError. A 401 is not a "no agency" answer here: with AK/SK it is the gateway
 * rejecting our signature (APIGW.0301), with a partner token it is "The X-Auth-Token is invalid!" — both
 * are our credentials' problem, and saying "the customer has not authorised you" would mislead.
 * Throttling (IAM.0012, 429), 5xx and transport failures are retried like a read: asking for a token twice
 * is harmless (a new token does not invalidate older ones, §1.5).
 */
import type { CallCounter } from './call-counter.js';
import type { ClientCredentials } from './credentials.js';
import { isTokenCredentials } from './credentials.js';
import { BssError } from './errors.js';
import type { HttpRequestParts } from './http-request.js';
import type { Sender } from './sender.js';
import { stringifyWireJson } from './wire-json.js';

/** The name the IAM exchange is counted, budgeted and reported under (the Go SDK's operation name). */
export const IAM_AGENCY_TOKEN_OPERATION = 'KeystoneCreateAgencyToken';

export const NO_AGENCY_CODE = 'IAM.AGENCY_NOT_GRANTED';

export interface AgencyToken {
  readonly token: string;
  /** Local clock time (ms) at which the token expires. */
  readonly expiresAt: number;
}

export interface AgencyTokenRequest {
  readonly customerId: string;
  readonly agencyName: string;
  readonly signal?: AbortSignal | undefined;
}

/** The exact body of an assume_role request for a domain-scoped customer token (iam-tokens.md §3.3). */
export function assumeRoleBody(customerId: string, agencyName: string): string {
  return stringifyWireJson({
    auth: {
      identity: { methods: ['assume_role'], assume_role: { domain_id: customerId, agency_name: agencyName } },
      scope: { domain: { id: customerId } },
    },
  });
}

/**
 * IAM timestamps: `2026-03-01T08:00:00.412000Z` — six fractional digits, sometimes no zone (§1.6). The
 * fraction is cut to milliseconds and a missing zone read as UTC, so parsing does not depend on V8's
 * lenient extensions.
 */
export function parseIamTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[2] ? `.${m[2].slice(0, 3).padEnd(3, '0')}` : '';
  const ms = Date.parse(`${m[1]}${fraction}${m[3] ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface IamClientOptions {
  readonly endpoint: string;
  readonly credentials: ClientCredentials;
  readonly sender: Sender;
  /** Budget key prefix: the partner credential's identity. */
  readonly identity: string;
  readonly rate: number;
  readonly clock: () => number;
  /** Logical IAM calls are counted here (HTTP attempts are counted by the sender). */
  readonly counter?: CallCounter | undefined;
}

export class IamClient {
  constructor(private readonly options: IamClientOptions) {}

  async createAgencyToken(request: AgencyTokenRequest): Promise<AgencyToken> {
    const { options } = this;
    const url = new URL('/v3/auth/tokens?nocatalog=true', options.endpoint);
    // The Go SDK's IAM client sends this content type; IAM accepts any application/json variant (§1.2).
    const parts: HttpRequestParts = {
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      body: assumeRoleBody(request.customerId, request.agencyName),
    };
    const auth = isTokenCredentials(options.credentials)
      ? ({ kind: 'token', token: options.credentials.token } as const)
      : ({ kind: 'aksk', credentials: options.credentials } as const);
    options.counter?.recordCall(IAM_AGENCY_TOKEN_OPERATION);
    const requestedAt = options.clock();
    let result;
    try {
      result = await options.sender.send(
        { operation: IAM_AGENCY_TOKEN_OPERATION, kind: 'read', budgetKey: `${options.identity}|${IAM_AGENCY_TOKEN_OPERATION}`, rate: options.rate, caller: 'partner' },
        parts,
        auth,
        request.signal,
      );
    } catch (error) {
      if (error instanceof BssError && error.kind === 'upstream' && (error.httpStatus === 403 || error.httpStatus === 404)) {
        throw noAgencyError(request.customerId, request.agencyName, error);
      }
      throw error;
    }
    const token = result.response.headers['x-subject-token'];
    const body = result.body as { token?: { issued_at?: unknown; expires_at?: unknown } };
    const issuedAt = parseIamTime(body?.token?.issued_at);
    const expiresAt = parseIamTime(body?.token?.expires_at);
    if (!token || expiresAt === undefined) {
      throw new BssError({
        kind: 'upstream',
        operation: IAM_AGENCY_TOKEN_OPERATION,
        code: 'IAM.BAD_TOKEN_RESPONSE',
        message: 'IAM answered without an X-Subject-Token header or token.expires_at',
        httpStatus: result.response.status,
        requestId: result.response.headers['x-request-id'],
        attempts: result.attempts,
      });
    }
    // Lifetime as IAM counts it (expires − issued), laid on our clock from before the request: immune to
    // clock skew between us and IAM (§6.2), and errs on the early side by the request's duration.
    const lifetime = issuedAt === undefined ? expiresAt - requestedAt : expiresAt - issuedAt;
    return { token, expiresAt: requestedAt + lifetime };
  }
}

export function noAgencyError(customerId: string, agencyName: string, upstream?: BssError): BssError {
  const said = upstream ? ` (IAM: ${upstream.httpStatus} ${upstream.upstreamMessage})` : '';
  return new BssError({
    kind: 'no-agency',
    operation: IAM_AGENCY_TOKEN_OPERATION,
    code: NO_AGENCY_CODE,
    message: `customer ${customerId} has not authorised the partner: no usable agency "${agencyName}" delegated to the partner account${said}`,
    httpStatus: 403,
    requestId: upstream?.requestId,
    attempts: upstream?.attempts,
    cause: upstream,
  });
}

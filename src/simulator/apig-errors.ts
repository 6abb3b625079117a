/**
 * The API gateway's (APIG) own failures, answered before or instead of BSS: routing, body size,
 * authentication, throttling. Body `{"error_msg","error_code","request_id"}` with the request id also in the
 * `X-Request-Id` header (huawei-auth-and-errors.md §9.1–9.4). We always emit the `APIGW.` prefix.
 */

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

const IAM_AUTH = 'Incorrect IAM authentication information';
const authFailure = (detail: string): GatewayError => new GatewayError(401, 'APIGW.0301', `${IAM_AUTH}: ${detail}`);

/** Every gateway failure the simulator produces, with Huawei's text where documented (§9.2, §9.3). */
export const apig = {
  unknownPath: () => new GatewayError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment.'),
  unknownMethod: () => new GatewayError(404, 'APIGW.0101', 'The API does not exist.'),
  entityTooLarge: () => new GatewayError(413, 'APIGW.0201', 'Request entity too large.'),
  backendUnavailable: () => new GatewayError(502, 'APIGW.0201', 'Backend unavailable.'),
  backendTimeout: () => new GatewayError(504, 'APIGW.0201', 'Backend timeout.'),

  noCredentials: () => authFailure('x-auth-token not found'),
  decryptTokenFail: () => authFailure('decrypt token fail'),
  tokenExpires: (expiresAt: string) => authFailure(`token expires, expires_at: ${expiresAt}`),
  tokenMustBeUpdated: () => new GatewayError(401, 'APIGW.0307', 'The token must be updated.'),
  unknownAk: (ak: string) => authFailure(`Get secretKey failed,ak:${ak},err:ak not exist`),
  akLocked: () => authFailure('AK access failed to reach the limit,forbidden.'),
  /** `canonicalRequest` is ours with every `\n` shown as `|`, as the public gateway does (§6 step 8). */
  signatureMismatch: (canonicalRequest?: string) =>
    authFailure(`verify aksk signature fail${canonicalRequest === undefined ? '' : `,canonicalRequest:${canonicalRequest.replace(/\n/g, '|')}`}`),
  /** (inferred, §6 step 4 and §9.3) modelled on the documented app-auth message. */
  signatureExpired: (sdkDate: string, serverTime: string) => authFailure(`signature expired, signature time:${sdkDate},server time:${serverTime}`),

  // The messages below are not documented anywhere we found; they keep Huawei's prefix and say what is wrong.
  /** (inferred) Unknown algorithm (including the asymmetric SDK-ECDSA/SM2 ones we do not verify) or a header missing parts. */
  badAuthorization: () => authFailure('Authorization header format invalid or signing algorithm not supported'),
  /** (inferred) No X-Sdk-Date header with an AK/SK signature. */
  sdkDateMissing: () => authFailure('x-sdk-date not found'),
  /** (inferred) X-Sdk-Date present but left out of SignedHeaders; the backend-verification sample rejects this. */
  sdkDateNotSigned: () => authFailure('x-sdk-date is not in SignedHeaders'),
  /** (inferred) X-Sdk-Date not `yyyyMMddTHHmmssZ`. */
  sdkDateInvalid: (sdkDate: string) => authFailure(`x-sdk-date format invalid, signature time:${sdkDate}`),
  /** (inferred) A temporary AK without its X-Security-Token, or with another one. */
  securityTokenInvalid: () => authFailure('verify security token fail'),
  /** (inferred) A temporary AK past its expiry (IAM's own text is `The securitytoken has expired.`). */
  securityTokenExpired: () => authFailure('The securitytoken has expired.'),
  /** (inferred) X-Domain-Id naming another account than the AK's. */
  domainMismatch: (domainId: string) => authFailure(`the ak does not belong to the domain in x-domain-id,domain_id:${domainId}`),
  /** (inferred, iam-tokens.md §7.4) BSS is global: a project-scoped token is refused. */
  projectScopedToken: () => authFailure('a domain-scoped token is required for a global service'),

  throttled: (limit: number, window = '1 second', policy = 'user') =>
    new GatewayError(429, 'APIGW.0308', `The throttling threshold has been reached: policy ${policy} over ratelimit,limit:${limit},time:${window}`),
};

/** The wire body, keys in the order Huawei's examples show. */
export function gatewayErrorBody(error: GatewayError, requestId: string): string {
  return JSON.stringify({ error_msg: error.message, error_code: error.code, request_id: requestId });
}

/**
 * The one error type the BSS client throws. It carries what an operator needs to find the call in
 * Huawei's logs (operation, HTTP status, upstream code and request id) and nothing secret: no headers,
 * no signature, no token, no body beyond Huawei's own error message.
 */
export type BssErrorKind =
  /** Huawei answered with an error body (CBC.*, APIGW.*, IAM). */
  | 'upstream'
  /** The connection failed, timed out or the body was not JSON. */
  | 'transport'
  /** The customer has not granted the partner an agency, so no customer token can be had. */
  | 'no-agency'
  /**
   * A write was sent and no complete answer came back: the connection closed or was reset after the request
   * left (`TRANSPORT.CONNECTION`), no answer within the deadline (`TRANSPORT.TIMEOUT`), the caller aborted it
   * in flight (`TRANSPORT.ABORTED`), or a 2xx whose body was cut (`TRANSPORT.BAD_JSON`). Huawei may or may
   * not have carried it out: never retried, the caller must reconcile from Huawei's own records. A write that
   * provably never left (refused connection, connect timeout, aborted before sending) stays `transport`.
   */
  | 'answer-lost';

export interface BssErrorInit {
  kind: BssErrorKind;
  operation: string;
  code: string;
  message: string;
  httpStatus?: number | undefined;
  requestId?: string | undefined;
  /** How many attempts were made, retries included. */
  attempts?: number | undefined;
  /**
   * The BSS operation this failure stopped, when the failing call was a step before it: a customer token's
   * IAM exchange (`operation` KeystoneCreateAgencyToken) for a customer-only endpoint.
   */
  forOperation?: string | undefined;
  cause?: unknown;
}

export class BssError extends Error {
  readonly kind: BssErrorKind;
  readonly operation: string;
  /** Huawei's code (`CBC.0100`, `APIGW.0308`, …) or ours for transport failures (`TRANSPORT.TIMEOUT`, …). */
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;
  /** The BSS operation the failing step was for (see BssErrorInit), when that is not `operation` itself. */
  readonly forOperation: string | undefined;
  /** Huawei's own message, without our operation prefix. */
  readonly upstreamMessage: string;

  constructor(init: BssErrorInit) {
    super(`${init.operation}: ${init.code} ${init.message}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'BssError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.attempts = init.attempts ?? 1;
    this.forOperation = init.forOperation;
    this.upstreamMessage = init.message;
  }
}

/** Gateway codes are seen as both `APIGW.` and `APIG.` (huawei-auth-and-errors.md §9.1). */
export const isGatewayCode = (code: string): boolean => /^APIGW?\.\d{4}$/.test(code);
export const isThrottleCode = (code: string): boolean => /^APIGW?\.0308$/.test(code) || code === 'CBC.0250';

/**
 * Whether a failed WRITE may nevertheless have been carried out, so its outcome must be reconciled before
 * anyone is told it failed: an answer lost on the way (`answer-lost`), or a 5xx (a proxy's 502/504 or
 * BSS's 500 can come after the backend applied the change). A 4xx, a 429 and a write that never left
 * (`transport`) were refused before anything changed.
 */
export function isOutcomeUnknown(error: BssError): boolean {
  if (error.kind === 'answer-lost') return true;
  return error.kind === 'upstream' && error.httpStatus !== undefined && error.httpStatus >= 500;
}

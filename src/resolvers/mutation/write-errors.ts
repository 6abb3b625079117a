/**
 * The typed refusals of the write path, each with a stable `extensions.code` a client branches on
 * (docs/writes.md lists them). Upstream refusals keep Huawei's code, status and request id, as reads do.
 */
import { GraphQLError } from 'graphql';
import type { BssError } from '../../bss/errors.js';
import { scrubPersonal } from '../../auth/pii.js';

export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';
export const IN_PROGRESS = 'IN_PROGRESS';
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';
export const STORE_UNAVAILABLE = 'STORE_UNAVAILABLE';
export const NOT_FOUND = 'NOT_FOUND';

export function writeError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** What a client (and the stored answer of a final refusal) needs of an upstream failure: Huawei's own message, e-mails and phones masked. */
export interface UpstreamFailure {
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly operation: string;
}

export function upstreamFailure(error: BssError): UpstreamFailure {
  return { code: error.code, message: scrubPersonal(error.upstreamMessage), httpStatus: error.httpStatus ?? null, requestId: error.requestId ?? null, operation: error.operation };
}

/**
 * An upstream failure as the GraphQL error of a write. `applied: false` says the money (or coupon) did not move
 * (a refusal, or a lost answer proven absent), so the same idempotency key may be sent again when `retryable`.
 */
export function upstreamWriteError(f: UpstreamFailure, extra: { readonly retryable: boolean; readonly replayed?: boolean }): GraphQLError {
  return writeError(f.code, `Huawei Cloud ${f.operation} failed: ${f.code} ${f.message}`, {
    httpStatus: f.httpStatus, requestId: f.requestId, operation: f.operation, applied: false, retryable: extra.retryable,
    ...(extra.replayed ? { replayed: true } : {}),
  });
}

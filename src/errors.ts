/**
 * Upstream failures become GraphQL errors on the field that failed, with what a client can act on in
 * `extensions` (Huawei's code, HTTP status, upstream request id, operation), and the rest of the query
 * still answers. Anything unexpected is masked: no stack trace, URL, header or secret reaches a response.
 */
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { BssError } from './bss/errors.js';
import { scrubPersonal } from './auth/pii.js';

/** Extension codes of our own, next to Huawei's (CBC.*, APIGW.*). */
export const AGENCY_NOT_GRANTED = 'CUSTOMER_AGENCY_NOT_GRANTED';
/** A write left and its answer was lost (BssError kind `answer-lost`): it may have been carried out. */
export const ANSWER_LOST = 'UPSTREAM_ANSWER_LOST';

/** Our own code for the kinds that have one; the transport or Huawei code then goes in `upstreamCode`. */
const OWN_CODES: Partial<Record<BssError['kind'], string>> = { 'no-agency': AGENCY_NOT_GRANTED, 'answer-lost': ANSWER_LOST };

function bssExtensions(error: BssError): Record<string, unknown> {
  return {
    code: OWN_CODES[error.kind] ?? error.code,
    httpStatus: error.httpStatus ?? null,
    requestId: error.requestId ?? null,
    operation: error.operation,
    // A customer's token exchange failed (operation KeystoneCreateAgencyToken): the endpoint it was for.
    ...(error.forOperation ? { forOperation: error.forOperation } : {}),
    ...(OWN_CODES[error.kind] ? { upstreamCode: error.code } : {}),
  };
}

function bssMessage(error: BssError): string {
  if (error.kind === 'no-agency') {
    return 'The customer has not granted this partner an agency, so its own data (bills, orders it pays, …) cannot be read.';
  }
  // Huawei's text may echo an e-mail or a phone number (the request's or a record's): masked for every caller.
  return `Huawei Cloud ${error.operation} failed: ${error.code} ${scrubPersonal(error.upstreamMessage)}`;
}

/** yoga's maskError: BssError → a typed GraphQL error; our own GraphQLErrors pass; the rest is masked. */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? undefined) : error;
  if (original instanceof BssError) {
    const at = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(bssMessage(original), {
      ...(at?.nodes ? { nodes: at.nodes } : {}),
      ...(at?.source ? { source: at.source } : {}),
      ...(at?.positions ? { positions: at.positions } : {}),
      ...(at?.path ? { path: at.path } : {}),
      extensions: bssExtensions(original),
    });
  }
  return yogaMaskError(error, message, isDev);
}

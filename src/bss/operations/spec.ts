import type { LosslessNumber } from 'lossless-json';

/**
 * The one description of a BSS endpoint that both the client and the simulator read.
 *
 * A request object mirrors the official Go SDK's request struct: path, query and header parameters are
 * top-level fields with their wire (snake_case) names, and the JSON body, when the endpoint has one, is
 * the `body` field. The client turns it into an HTTP request generically from this spec; the simulator
 * routes by `method` + `path` and answers with the response type. Wire names never leave `src/bss`.
 */

/** Who may call: partner credentials, customer credentials (a token got by IAM assume_role), or either. */
export type Caller = 'partner' | 'customer' | 'either';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface PageSpec {
  /** Largest `limit` the upstream accepts (a larger one is `CBC.0100`). */
  readonly maxLimit: number;
  /** Name of the total-count field in the response, or null where the endpoint returns none. */
  readonly countField: 'count' | 'total_count' | null;
  /** Name of the array of records in the response. */
  readonly itemsField: string;
  /** Where offset/limit travel: the query string (GET) or the JSON body (POST). */
  readonly in: 'query' | 'body';
}

export interface BatchSpec {
  /** Request field that carries the id list (in `body` or the query, as the endpoint has it). */
  readonly field: string;
  /** Largest list the upstream accepts. */
  readonly max: number;
}

export interface OperationSpec<Req = unknown, Res = unknown> {
  /** The SDK operation name, e.g. `ListSubCustomers`. Used in counters, errors and logs. */
  readonly name: string;
  readonly method: HttpMethod;
  /** The wire path, with `{name}` placeholders for path parameters. Misspellings are Huawei's. */
  readonly path: string;
  readonly caller: Caller;
  /** Reads are retried on throttling and 5xx; writes never are. POST search endpoints are reads. */
  readonly kind: 'read' | 'write';
  /** Names of path parameters (fields of the request object). */
  readonly pathParams?: readonly string[];
  /** Names of query parameters (fields of the request object). Arrays are sent as repeated keys. */
  readonly query?: readonly string[];
  /** Whether the request has a JSON body (the request's `body` field). */
  readonly hasBody?: boolean;
  /** Whether the endpoint reads the optional `X-Language` header (the request's `x_language` field). */
  readonly language?: boolean;
  /** Offset/limit pagination, when the endpoint pages. */
  readonly page?: PageSpec;
  /** The id list a call accepts, when the endpoint batches. */
  readonly batch?: BatchSpec;
  /** Documented quota in requests per second when it differs from the default 10. */
  readonly ratePerSecond?: number;
  /** HTTP status of a success: 200 unless the endpoint answers 201 or 204. */
  readonly successStatus?: 200 | 201 | 204;
  /** Compile-time only: carries the request and response types. */
  readonly __types?: { req: Req; res: Res };
}

/** Declares an operation with its wire request and response types. */
export function defineOperation<Req, Res>(spec: Omit<OperationSpec<Req, Res>, '__types'>): OperationSpec<Req, Res> {
  return spec as OperationSpec<Req, Res>;
}

export type RequestOf<O> = O extends OperationSpec<infer Req, unknown> ? Req : never;
export type ResponseOf<O> = O extends OperationSpec<unknown, infer Res> ? Res : never;

/** The default upstream quota: 10 requests per second per API per account (huawei-auth-and-errors.md §9.4). */
export const DEFAULT_RATE_PER_SECOND = 10;

/**
 * Money as it arrives on the wire. The client parses JSON losslessly: a number whose text has a fraction,
 * an exponent or more digits than a double holds stays as its exact source text (a string); a safe integer
 * becomes a number. Convert with `toDecimal` in `src/bss/money.ts`, never with arithmetic on numbers.
 */
export type WireDecimal = number | string;

/**
 * Money a request sends (decimal/BigDecimal fields, bss-api-partners.md "Amounts"): Huawei accepts a JSON
 * number or a numeric string. The Go SDK sends a quoted string (`"12.30"`); `wireNumber('12.30')`
 * (src/bss/wire-json.ts) sends the JSON number exactly as written, as the docs' examples do.
 */
export type WireAmount = number | string | LosslessNumber;

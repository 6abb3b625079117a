/**
 * What a source says about one paged upstream list: which operation, the request for a window of it, and how
 * a response becomes shapes. The resolvers turn one into a Relay connection (src/resolvers/endpoint-connection.ts)
 * without knowing the wire; sources build them without knowing GraphQL.
 */
import type { BssClient, CallOptions } from '../bss/client.js';
import type { OperationSpec } from '../bss/operations/spec.js';

export interface Page<T> {
  readonly items: readonly T[];
  /** The upstream's total count, or null where the endpoint returns none. */
  readonly total: number | null;
}

/** Fetches one upstream page; `limit` never exceeds the endpoint's page maximum. */
export type FetchPage<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** What a source needs of its caller: the (possibly scope-guarded) BSS client. */
export interface Upstream {
  readonly bss: BssClient;
}

export interface ListEndpoint<Req, Res, T> {
  readonly op: OperationSpec<Req, Res>;
  /** The request for rows [offset, offset + limit). */
  request(offset: number, limit: number): Req;
  /** A response as shapes, with the upstream's total. */
  page(res: Res): Page<T>;
  /** Call options (a customer token's customer, a language). */
  readonly options?: CallOptions;
  /** The largest `limit` to ask for, when smaller than the operation's documented page maximum. */
  readonly pageMax?: number;
}

export function listEndpoint<Req, Res, T>(endpoint: ListEndpoint<Req, Res, T>): ListEndpoint<Req, Res, T> {
  return endpoint;
}

/** The page size a list endpoint is walked at. */
export function pageMaxOf(endpoint: ListEndpoint<unknown, unknown, unknown>): number {
  return endpoint.pageMax ?? endpoint.op.page?.maxLimit ?? 100;
}

/** One page of a list endpoint, straight from the client (loaders and the sync; resolvers read through `readOnce`). */
export async function fetchListPage<Req, Res, T>(ctx: Upstream, endpoint: ListEndpoint<Req, Res, T>, offset: number, limit: number): Promise<Page<T>> {
  return endpoint.page(await ctx.bss.call(endpoint.op, endpoint.request(offset, limit), endpoint.options));
}

/**
 * The connection every upstream list field is: a source's `ListEndpoint` (operation, request, wire → shapes)
 * read through the request's `readOnce` loader (the same page asked twice in one query costs one call),
 * windowed by `offsetConnection`, and each row primed into the loader that answers its edges and refetches.
 */
import type { GraphQLContext } from '../context.js';
import { pageMaxOf, type ListEndpoint, type Page } from '../sources/list-endpoint.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection } from './connection.js';

/** One page of a list endpoint, read at most once per request (the same window asked twice costs one call). */
export async function readPage<Req, Res, T>(ctx: Pick<GraphQLContext, 'loaders'>, endpoint: ListEndpoint<Req, Res, T>, offset: number, limit: number): Promise<Page<T>> {
  return endpoint.page(await ctx.loaders.readOnce(endpoint.op, endpoint.request(offset, limit), endpoint.options));
}

export function endpointConnection<Req, Res, T>(
  ctx: Pick<GraphQLContext, 'loaders' | 'limits'>,
  args: ConnectionArgs,
  endpoint: ListEndpoint<Req, Res, T>,
  prime?: (item: T) => void,
): Promise<OffsetConnection<T>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const page = await readPage(ctx, endpoint, offset, limit);
      if (prime) for (const item of page.items) prime(item);
      return page;
    },
    { ...ctx.limits, pageMax: pageMaxOf(endpoint) },
  );
}

/**
 * Every row of a paged list, walked page by page until a short page or the upstream's total: what a write's
 * reconciliation reads (its filters hold a window of minutes, so this is one page unless the partner is very busy).
 */
import { fetchListPage, pageMaxOf, type ListEndpoint, type Upstream } from '../list-endpoint.js';

export async function fetchEvery<Req, Res, T>(ctx: Upstream, endpoint: ListEndpoint<Req, Res, T>): Promise<T[]> {
  const limit = pageMaxOf(endpoint as ListEndpoint<unknown, unknown, unknown>);
  const rows: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await fetchListPage(ctx, endpoint, offset, limit);
    rows.push(...page.items);
    if (page.items.length < limit || (page.total !== null && offset + limit >= page.total)) return rows;
  }
}

/**
 * Monthly bills: the partner's listing merged over charge modes, the customer edge of a bill row, and a
 * customer's own summary rows. Upstream access and wire mapping: src/sources/monthly-bills.ts
 * (ListSubcustomerMonthlyBills §4.1, ShowCustomerMonthlySum §4.4).
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { ListSubcustomerMonthlyBills, ShowCustomerMonthlySum } from '../bss/operations/bills/index.js';
import type { GraphQLContext } from '../context.js';
import type { CustomerShape } from '../sources/customers.js';
import { CUSTOMER_ID_FIELDS, customerEdge, selectsOnly } from './id-edges.js';
import type { FetchPage, Page } from '../sources/list-endpoint.js';
import {
  encodeMonthlyBillKey, fetchCustomerBillSumsPage, monthlyBillsPageKey,
  type CustomerBillSumShape, type CustomerMonthlySummaryShape, type MonthlyBillShape, type MonthlyBillsQuery,
} from '../sources/monthly-bills.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection } from './connection.js';

/** Fetches one page of one mode's list. */
export type FetchModePage<T> = (mode: string, offset: number, limit: number) => Promise<Page<T>>;

/**
 * One list over several upstream lists that differ only in `charge_mode`, concatenated in `modes` order:
 * row r of the merged list is row r − (rows of the earlier modes) of its mode's list. Returns a fetch of the
 * window [offset, offset + limit) for `offsetConnection` (give it an unbounded pageMax: this walks the
 * per-mode pages itself); its total is the sum of the modes' counts.
 *
 * Calls: every mode needs at least one (its count is part of totalCount), and the fewest are made — one per
 * mode, plus one per further `pageMax` rows a window takes from a mode. A window at offset 0 asks every
 * mode's first page at once (each mode's offset is then 0); a later window must learn each mode's count
 * before it knows where the next mode starts, so it asks the modes one after another.
 */
export function mergedModesFetch<T>(modes: readonly string[], fetchMode: FetchModePage<T>, pageMax: number): FetchPage<T> {
  return async (offset, limit) => {
    const items: T[] = [];
    let total = 0;
    let skip = offset;
    let need = limit;
    const firstLimit = (): number => Math.min(Math.max(need, 1), pageMax);
    const concurrent = offset === 0 ? modes.map((mode) => fetchMode(mode, 0, firstLimit())) : null;
    // Only the concurrent pages that are awaited below report their failure; the others must not go unhandled.
    concurrent?.forEach((p) => p.catch(() => undefined));
    for (const [i, mode] of modes.entries()) {
      const first = concurrent ? await concurrent[i]! : await fetchMode(mode, skip, firstLimit());
      // 4.1 always counts; were a count missing, what was seen is the best lower bound.
      const count = first.total ?? skip + first.items.length;
      total += count;
      if (skip >= count) {
        skip -= count;
        continue;
      }
      let at = skip + first.items.length;
      skip = 0;
      const taken = first.items.slice(0, need);
      items.push(...taken);
      need -= taken.length;
      while (need > 0 && at < count) {
        const page = await fetchMode(mode, at, Math.min(need, pageMax));
        if (page.items.length === 0) break;
        const more = page.items.slice(0, need);
        items.push(...more);
        need -= more.length;
        at += page.items.length;
      }
    }
    return { items, total };
  };
}

/**
 * `Partner.monthlyBills` / `IndirectPartner.monthlyBills`: a connection over 4.1, merged over `modes`
 * (every mode 4.1 accepts when the client names none). Pages go through the request's page loader, so
 * the same page asked twice in one request (aliases, node refetches) costs one call, and every row primes
 * the by-key loader.
 */
export function monthlyBillsConnection(
  ctx: GraphQLContext,
  args: ConnectionArgs,
  q: MonthlyBillsQuery,
  modes: readonly string[],
): Promise<OffsetConnection<MonthlyBillShape>> {
  const pageMax = ListSubcustomerMonthlyBills.page!.maxLimit;
  const fetchMode: FetchModePage<MonthlyBillShape> = async (mode, offset, limit) => {
    const page = await ctx.loaders.monthlyBillsPage.load(monthlyBillsPageKey(q, mode, offset, limit));
    for (const row of page.items) ctx.loaders.monthlyBill.prime(encodeMonthlyBillKey(row), row);
    return page;
  };
  return offsetConnection(args, mergedModesFetch(modes, fetchMode, pageMax), { ...ctx.limits, pageMax: Number.MAX_SAFE_INTEGER });
}

// ---------------------------------------------------------------------------------------------------------
// The customer of a bill row

/**
 * Whether the selection below this field reaches a `customer` field that asks for more than its id, at any
 * depth, through fragments: then the customers behind the rows are worth listing up front (ListSubCustomers,
 * 100 a page) rather than looked up one call each. An over-estimate (any field named `customer`) only costs
 * that listing.
 */
export function selectsCustomerDetails(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  const reaches = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === 'Field') return (s.name.value === 'customer' && !selectsOnly(s.selectionSet, CUSTOMER_ID_FIELDS, info)) || reaches(s.selectionSet);
      if (s.kind === 'InlineFragment') return reaches(s.selectionSet);
      // A fragment spread once is enough (and a cycle of spreads, which validation refuses anyway, cannot loop).
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return reaches(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => reaches(node.selectionSet));
}

/**
 * The customer a bill row belongs to (a bill row carries only the customer id): free when only the id is
 * asked, else the customer loader — `customerEdge` in id-edges.ts, the rule every customer edge follows.
 */
export function billCustomer(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  customerId: string,
  indirectPartnerId: string | null,
): CustomerShape | Promise<CustomerShape | null> {
  return customerEdge(ctx, info, customerId, indirectPartnerId)!;
}

/**
 * The rows of a summary as a connection: served from the summary's first page (already fetched) when the
 * window lies in it, so `monthlySummary { rows(first: 100) }` costs the summary's one call; a window past
 * it reads further pages of 1000.
 */
export function customerBillSumsConnection(ctx: GraphQLContext, summary: CustomerMonthlySummaryShape, args: ConnectionArgs): Promise<OffsetConnection<CustomerBillSumShape>> {
  const first = summary.firstRows;
  const covered = (end: number) => end <= first.length || (summary.totalRows !== null && summary.totalRows <= first.length);
  return offsetConnection(
    args,
    async (offset, limit) => {
      if (covered(offset + limit)) return { items: first.slice(offset, offset + limit), total: summary.totalRows };
      return fetchCustomerBillSumsPage(ctx, summary.query, offset, limit);
    },
    { ...ctx.limits, pageMax: ShowCustomerMonthlySum.page!.maxLimit },
  );
}

/**
 * Request-scoped loaders of the bill endpoints (bss-api-commerce.md §4). No bill endpoint takes an id list
 * (§7.2: one customer / trade / resource per call), so these de-duplicate and share pages rather than batch:
 * - `monthlyBillsPage`: one ListSubcustomerMonthlyBills page (query, charge mode, offset, limit) → one call;
 * - `monthlyBill`: a monthly bill by its composite key (node refetch), one filtered 4.1 walk per distinct
 *   (scope, cycle, customer, service type, charge mode, bill type); primed by every listed row;
 * - `consumption`: ListSubCustomerBillDetail, keyed by query + window or query + "all": keys of one query
 *   that arrive together share pages (see `loadConsumption`);
 * - `consumptionRecord`: a consumption record by its key (node refetch); primed by every listed record;
 * - `consumptionPull`: every record of a partner-wide view (a scope and its cycles), pulled across customers
 *   once per request as a `LivePull` (src/resolvers/live-pull.ts) that the view's fields read while it arrives;
 *   own customers are not listed for it (their names cost ListSubCustomers calls only when a query asks:
 *   src/schema/consumption.ts);
 * - `customerMonthlySummary`: ShowCustomerMonthlySum's first page (totals + up to 1000 rows) per customer,
 *   cycle and service-type filter, through the customer's exchanged token.
 */
import DataLoader from 'dataloader';
import type { Page } from '../sources/list-endpoint.js';
import {
  decodeCustomerMonthlySumKey, decodeMonthlyBillsPageKey, fetchCustomerMonthlySummary, fetchMonthlyBillsByKey, fetchMonthlyBillsPage,
  type CustomerMonthlySummaryShape, type MonthlyBillShape,
} from '../sources/monthly-bills.js';
import {
  consumptionQueryKey, decodeConsumptionKey, decodeConsumptionPullKey, decodeConsumptionQueryKey, fetchAllConsumption, fetchConsumptionPage,
  fetchConsumptionRecordsByKey,
  type ConsumptionRecordShape,
} from '../sources/consumption-records.js';
import { LivePull } from '../sources/live-pull.js';
import type { LoaderContext } from './loader-context.js';

export interface BillLoaders {
  /** One ListSubcustomerMonthlyBills page by `monthlyBillsPageKey`. */
  readonly monthlyBillsPage: DataLoader<string, Page<MonthlyBillShape>>;
  /** A monthly bill by `encodeMonthlyBillKey` (null when the upstream no longer has that row). */
  readonly monthlyBill: DataLoader<string, MonthlyBillShape | null>;
  /** ListSubCustomerBillDetail records by `consumptionAllKey` (every record) or `consumptionWindowKey`. */
  readonly consumption: DataLoader<string, Page<ConsumptionRecordShape>>;
  /** A partner-wide view's live pull by `consumptionPullKey` (scope + cycles): started at once, shared. */
  readonly consumptionPull: DataLoader<string, LivePull>;
  /** A consumption record by `encodeConsumptionRecordKey`. */
  readonly consumptionRecord: DataLoader<string, ConsumptionRecordShape | null>;
  /** ShowCustomerMonthlySum's first page by `customerMonthlySumKey`. */
  readonly customerMonthlySummary: DataLoader<string, CustomerMonthlySummaryShape>;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Settles to the value or the Error, so one failed key never fails the other keys of a batch. */
const settle = <T>(p: Promise<T>): Promise<T | Error> => p.catch(asError);

/**
 * The consumption batch. Keys are grouped by query; a group in which any key wants every record (or whose
 * walk an earlier batch of this request already started) is answered from ONE walk of the whole cycle at
 * 1000 a page, windows included (sliced). Otherwise each window is its own call (≤ 1000 rows). So `total`
 * and `records(first: 100)` asked side by side cost ceil(N / 1000) calls, not one more.
 */
function loadConsumption(ctx: LoaderContext, walks: Map<string, Promise<readonly ConsumptionRecordShape[]>>) {
  return async (keys: readonly string[]): Promise<(Page<ConsumptionRecordShape> | Error)[]> => {
    const decoded = keys.map(decodeConsumptionKey);
    for (const { queryKey, window } of decoded) {
      if (walks.has(queryKey)) continue;
      const q = decodeConsumptionQueryKey(queryKey);
      // A window of a query the bill cache holds whole is a slice of it: no call.
      const cached = window !== null && ctx.billCache
        ? ctx.billCache.peek<ConsumptionRecordShape>({
          scope: ctx.partnerDomainId, language: ctx.language, kind: 'records', query: consumptionQueryKey(q), cycle: q.cycle,
          owner: { customerId: q.customerId, indirectPartnerId: q.indirectPartnerId ?? null },
        })
        : undefined;
      if (window === null || cached) walks.set(queryKey, cached ? Promise.resolve(cached) : fetchAllConsumption(ctx, q));
    }
    return Promise.all(
      decoded.map(({ queryKey, window }) => {
        const walk = walks.get(queryKey);
        if (walk) {
          return settle(
            walk.then((all) => (window === null ? { items: all, total: all.length } : { items: all.slice(window[0], window[0] + window[1]), total: all.length })),
          );
        }
        return settle(fetchConsumptionPage(ctx, decodeConsumptionQueryKey(queryKey), window![0], window![1]));
      }),
    );
  };
}

export function createBillLoaders(ctx: LoaderContext): BillLoaders {
  const walks = new Map<string, Promise<readonly ConsumptionRecordShape[]>>();
  return {
    monthlyBillsPage: new DataLoader<string, Page<MonthlyBillShape>>((keys) =>
      Promise.all(
        keys.map((k) => {
          const { q, mode, offset, limit } = decodeMonthlyBillsPageKey(k);
          return settle(fetchMonthlyBillsPage(ctx, q, mode, offset, limit));
        }),
      ),
    ),
    monthlyBill: new DataLoader<string, MonthlyBillShape | null>((keys) => fetchMonthlyBillsByKey(ctx, keys)),
    consumption: new DataLoader<string, Page<ConsumptionRecordShape>>(loadConsumption(ctx, walks)),
    consumptionPull: new DataLoader<string, LivePull>(async (keys) =>
      keys.map((k) => new LivePull(ctx, { ...decodeConsumptionPullKey(k), listOwnCustomers: false, signal: ctx.signal })),
    ),
    consumptionRecord: new DataLoader<string, ConsumptionRecordShape | null>((keys) => fetchConsumptionRecordsByKey(ctx, keys)),
    customerMonthlySummary: new DataLoader<string, CustomerMonthlySummaryShape>((keys) =>
      Promise.all(keys.map((k) => settle(fetchCustomerMonthlySummary(ctx, decodeCustomerMonthlySumKey(k))))),
    ),
  };
}

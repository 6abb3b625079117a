/**
 * Request-scoped loaders of the order and resource endpoints (bss-api-commerce.md §2, §3).
 *
 * - Orders have no id-list endpoint (§7.2): the order loader only de-duplicates, one call per distinct id.
 * - Resources batch by `resource_ids` (≤ 50 per call, §7.2), and a partner names one customer per call, so
 *   a batch is grouped by customer (and the reseller it is reached through) and cut into chunks of 50.
 * - List results prime the by-id loaders (in the resolvers), so a `node(id)` of something already listed in
 *   the same request costs nothing.
 */
import DataLoader from 'dataloader';
import {
  decodeOrderKey, fetchAllOrders, fetchOrder, fetchOrderDetailsPage, encodeOrderKey, HEADER_PAGE,
  type OrderDetailsPage, type OrderShape,
} from '../sources/orders.js';
import {
  completedOrdersFilter, decodeResourceKey, decodeScope, encodeResourceKey, encodeScope, fetchAllOnDemand, fetchAllPeriod,
  ON_DEMAND_IDS_MAX, RESOURCE_IDS_MAX,
  type OnDemandResourceShape, type PeriodResourceShape, type ResourceKey, type ResourceScope,
} from '../sources/resources.js';
import type { LoaderContext } from './loader-context.js';

export interface CommerceLoaders {
  /** An order by `encodeOrderKey` (ListCustomerOrders with `order_id`; ShowCustomerOrderDetails for sub-orders). */
  readonly order: DataLoader<string, OrderShape | null>;
  /**
   * One ShowCustomerOrderDetails page by `orderKey|offset|limit` (the header and a page of line items), or the
   * header alone by `orderKey|header`, answered from a page of the same order in the same batch.
   */
  readonly orderDetailsPage: DataLoader<string, OrderDetailsPage>;
  /** A yearly/monthly resource by `encodeResourceKey`, batched ≤ 50 ids per customer (§3.1 `resource_ids`). */
  readonly periodResource: DataLoader<string, PeriodResourceShape | null>;
  /** The attached resources of a main yearly/monthly resource, by the main one's key; batched like `periodResource`. */
  readonly periodChildren: DataLoader<string, PeriodResourceShape[]>;
  /** A pay-per-use resource by `encodeResourceKey`, batched ≤ 50 ids per customer (§3.2 `resource_ids`). */
  readonly onDemandResource: DataLoader<string, OnDemandResourceShape | null>;
  /** A customer's completed orders, by `encodeScope` (one ListCustomerOrders walk per customer). */
  readonly completedOrders: DataLoader<string, OrderShape[]>;
  /** The ids of the resources an order bought, by `scope|orderId` (§3.1 with `order_id`). */
  readonly orderResourceIds: DataLoader<string, string[]>;
}

/** Keys of one batch grouped by the customer scope they need, in first-seen order. */
function groupByScope(keys: readonly string[]): Map<string, { scope: ResourceScope; ids: string[] }> {
  const groups = new Map<string, { scope: ResourceScope; ids: string[] }>();
  for (const text of keys) {
    const key = decodeResourceKey(text);
    if (!key) continue;
    const scopeKey = encodeScope(key);
    let group = groups.get(scopeKey);
    if (!group) groups.set(scopeKey, (group = { scope: { customerId: key.customerId, indirectPartnerId: key.indirectPartnerId }, ids: [] }));
    if (!group.ids.includes(key.resourceId)) group.ids.push(key.resourceId);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A by-id resource batch: one call per (customer, ≤ 50 ids), run concurrently; a failed call fails only
 * the keys of its chunk, so one customer without an agency does not fail another's resources.
 */
async function loadByIds<T extends ResourceKey>(
  keys: readonly string[],
  max: number,
  fetch: (scope: ResourceScope, ids: string[]) => Promise<T[]>,
): Promise<(T | null | Error)[]> {
  const found = new Map<string, T | Error>();
  const calls: Promise<void>[] = [];
  for (const { scope, ids } of groupByScope(keys).values()) {
    for (const chunk of chunks(ids, max)) {
      calls.push(
        fetch(scope, chunk).then(
          (rows) => {
            for (const row of rows) found.set(encodeResourceKey(row), row);
          },
          (error: unknown) => {
            const failure = error instanceof Error ? error : new Error(String(error));
            for (const id of chunk) found.set(encodeResourceKey({ ...scope, resourceId: id }), failure);
          },
        ),
      );
    }
  }
  await Promise.all(calls);
  return keys.map((k) => {
    const key = decodeResourceKey(k);
    return key ? (found.get(encodeResourceKey(key)) ?? null) : null;
  });
}

export function createCommerceLoaders(ctx: LoaderContext): CommerceLoaders {
  const order = new DataLoader<string, OrderShape | null>((keys) =>
    Promise.all(
      keys.map((k) => {
        const key = decodeOrderKey(k);
        return key ? fetchOrder(ctx, key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) : null;
      }),
    ),
  );

  const orderDetailsPage = new DataLoader<string, OrderDetailsPage>(async (keys) => {
    // Pages asked in this batch, by order; header-only keys (`…|header`) ride on one of them.
    const pages = new Map<string, Promise<OrderDetailsPage | Error>>();
    const fetchPage = (orderKey: string, offset: number, limit: number): Promise<OrderDetailsPage | Error> => {
      const key = decodeOrderKey(orderKey);
      if (!key) return Promise.resolve(new Error(`not an order key: ${orderKey}`));
      return fetchOrderDetailsPage(ctx, key, offset, limit).then(
        (page) => {
          if (page.header) order.prime(encodeOrderKey(page.header), page.header);
          return page;
        },
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    };
    const split = keys.map((k) => {
      const bar = k.indexOf('|');
      return { orderKey: k.slice(0, bar), rest: k.slice(bar + 1) };
    });
    const byPageKey = new Map<string, Promise<OrderDetailsPage | Error>>();
    for (const { orderKey, rest } of split) {
      if (rest === 'header') continue;
      const [offset = '0', limit = '1'] = rest.split('|');
      const promise = fetchPage(orderKey, Number(offset), Number(limit));
      byPageKey.set(`${orderKey}|${rest}`, promise);
      if (!pages.has(orderKey)) pages.set(orderKey, promise);
    }
    return Promise.all(
      split.map(({ orderKey, rest }) => {
        if (rest !== 'header') return byPageKey.get(`${orderKey}|${rest}`)!;
        let page = pages.get(orderKey);
        if (!page) pages.set(orderKey, (page = fetchPage(orderKey, HEADER_PAGE.offset, HEADER_PAGE.limit)));
        return page;
      }),
    );
  });

  const periodResource = new DataLoader<string, PeriodResourceShape | null>((keys) =>
    // `only_main_resource: 1` keeps a listed main resource from bringing its attached ones, so a chunk of 50
    // ids answers at most 50 rows: one call, no paging.
    loadByIds(keys, RESOURCE_IDS_MAX, (scope, ids) => fetchAllPeriod(ctx, scope, { resourceIds: ids, onlyMain: true })),
  );

  const periodChildren = new DataLoader<string, PeriodResourceShape[]>(async (keys) => {
    const children = new Map<string, PeriodResourceShape[]>();
    // Listed main resources bring their attached ones (`only_main_resource` 0): one walk per chunk of 50.
    const loaded = await loadByIds(keys, RESOURCE_IDS_MAX, async (scope, ids) => {
      const rows = await fetchAllPeriod(ctx, scope, { resourceIds: ids });
      for (const row of rows) {
        periodResource.prime(encodeResourceKey(row), row);
        if (!row.parentResourceId) continue;
        const parentKey = encodeResourceKey({ ...scope, resourceId: row.parentResourceId });
        const list = children.get(parentKey) ?? [];
        list.push(row);
        children.set(parentKey, list);
      }
      return rows;
    });
    return keys.map((k, i) => {
      const outcome = loaded[i];
      if (outcome instanceof Error) return outcome;
      const key = decodeResourceKey(k);
      return key ? (children.get(encodeResourceKey(key)) ?? []) : [];
    });
  });

  const onDemandResource = new DataLoader<string, OnDemandResourceShape | null>((keys) =>
    loadByIds(keys, ON_DEMAND_IDS_MAX, (scope, ids) => fetchAllOnDemand(ctx, scope, { resourceIds: ids })),
  );

  const completedOrders = new DataLoader<string, OrderShape[]>((keys) =>
    Promise.all(
      keys.map(async (k) => {
        const scope = decodeScope(k);
        if (!scope) return [];
        try {
          const orders = await fetchAllOrders(ctx, completedOrdersFilter(scope));
          for (const o of orders) order.prime(encodeOrderKey(o), o);
          return orders;
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ),
  );

  const orderResourceIds = new DataLoader<string, string[]>((keys) =>
    Promise.all(
      keys.map(async (k) => {
        const bar = k.indexOf('|');
        const scope = decodeScope(k.slice(0, bar));
        const orderId = k.slice(bar + 1);
        if (!scope || bar < 0 || !orderId) return [];
        try {
          const rows = await fetchAllPeriod(ctx, scope, { orderId });
          for (const row of rows) periodResource.prime(encodeResourceKey(row), row);
          return rows.map((r) => r.resourceId);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ),
  );

  return { order, orderDetailsPage, periodResource, periodChildren, onDemandResource, completedOrders, orderResourceIds };
}

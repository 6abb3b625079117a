/**
 * Resources of the partner's customers: the connections (yearly/monthly, pay-per-use, and both merged), loader
 * priming, and the order ↔ resource edges. Upstream access, who may ask for what, and wire mapping:
 * src/sources/resources.ts (ListPayPerUseCustomerResources §3.1, ListCustomerOnDemandResources §3.2).
 */
import type { GraphQLContext } from '../context.js';
import type { CustomerShape } from '../sources/customers.js';
import type { Page } from '../sources/list-endpoint.js';
import type { OrderShape } from '../sources/orders.js';
import {
  ON_DEMAND_PAGE_MAX, PERIOD_PAGE_MAX, PURCHASE_ORDER_TYPES, MAX_CANDIDATES, encodeResourceKey, encodeScope, onDemandResourcesList,
  onDemandVisible, periodResourcesList, orderResourcesKey, scopeOfCustomer,
  type OnDemandFilters, type OnDemandResourceShape, type PeriodFilters, type PeriodResourceShape, type ResourceScope, type ResourceShape,
} from '../sources/resources.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection } from './connection.js';
import { endpointConnection, readPage } from './endpoint-connection.js';

// ---------------------------------------------------------------------------------------------------------
// Connections

type Ctx = GraphQLContext;

export function primeResources(ctx: Pick<Ctx, 'loaders'>, resources: readonly ResourceShape[]): void {
  for (const r of resources) {
    const loader = r.kind === 'period' ? ctx.loaders.periodResource : ctx.loaders.onDemandResource;
    (loader as { prime(key: string, value: ResourceShape): unknown }).prime(encodeResourceKey(r), r);
  }
}

export function periodResourcesConnection(ctx: Ctx, scope: ResourceScope, args: ConnectionArgs, f: PeriodFilters): Promise<OffsetConnection<PeriodResourceShape>> {
  return endpointConnection(ctx, args, periodResourcesList(ctx, scope, f), (r) => primeResources(ctx, [r]));
}

/** A consultative-sales customer's pay-per-use resources are invisible to the partner (§3.2): empty, no call. */
export function onDemandResourcesConnection(ctx: Ctx, customer: CustomerShape, args: ConnectionArgs, f: OnDemandFilters): Promise<OffsetConnection<OnDemandResourceShape>> {
  if (!onDemandVisible(customer)) return offsetConnection(args, async () => ({ items: [], total: 0 }), { ...ctx.limits, pageMax: ON_DEMAND_PAGE_MAX });
  return endpointConnection(ctx, args, onDemandResourcesList(ctx, scopeOfCustomer(customer), f), (r) => primeResources(ctx, [r]));
}

export interface MergedFilters {
  /** Null/undefined: both lists. */
  readonly chargeMode?: 'YEARLY_MONTHLY' | 'ON_DEMAND' | null | undefined;
  readonly serviceTypeCode?: string | null | undefined;
  /** E10 codes for the yearly/monthly list; null: that list cannot hold the status asked for. */
  readonly periodStatusCodes?: readonly number[] | null | undefined;
  /** The E11 code for the pay-per-use list; null: that list cannot hold the status asked for. */
  readonly onDemandStatusCode?: number | null | undefined;
  /** Whether a status filter is set at all (then a list with no matching code is skipped). */
  readonly statusFiltered?: boolean | undefined;
  readonly onlyMain?: boolean | undefined;
}

/**
 * All of a customer's resources as one list: the yearly/monthly ones (§3.1, in the upstream's order) then
 * the pay-per-use ones (§3.2), with offsets mapped across the boundary; totalCount is the sum of both
 * totals. A page costs one call to each list it touches; the pay-per-use list is always asked at least
 * once (limit 1 when the page is already full) because its total is part of totalCount.
 */
export function customerResourcesConnection(ctx: Ctx, customer: CustomerShape, args: ConnectionArgs, f: MergedFilters): Promise<OffsetConnection<ResourceShape>> {
  const scope = scopeOfCustomer(customer);
  const wantPeriod = f.chargeMode !== 'ON_DEMAND' && (!f.statusFiltered || (f.periodStatusCodes?.length ?? 0) > 0);
  const wantOnDemand =
    f.chargeMode !== 'YEARLY_MONTHLY' && onDemandVisible(customer) && (!f.statusFiltered || (f.onDemandStatusCode ?? null) !== null);
  const period: PeriodFilters = {
    serviceTypeCode: f.serviceTypeCode,
    statusCodes: f.periodStatusCodes ?? undefined,
    onlyMain: f.onlyMain,
  };
  const onDemand: OnDemandFilters = { serviceTypeCode: f.serviceTypeCode, statusCode: f.onDemandStatusCode ?? undefined };
  const pageMax = Math.min(PERIOD_PAGE_MAX, ON_DEMAND_PAGE_MAX);

  return offsetConnection<ResourceShape>(
    args,
    async (offset, limit) => {
      if (!wantPeriod && !wantOnDemand) return { items: [], total: 0 };
      if (!wantOnDemand) return readPage(ctx, periodResourcesList(ctx, scope, period), offset, limit).then(primed(ctx));
      if (!wantPeriod) return readPage(ctx, onDemandResourcesList(ctx, scope, onDemand), offset, limit).then(primed(ctx));
      // From the start of the list the pay-per-use offset is 0 whatever the yearly/monthly total is, so
      // both lists are asked at once; further on the second offset depends on the first total.
      if (offset === 0) {
        const [p, d] = await Promise.all([readPage(ctx, periodResourcesList(ctx, scope, period), 0, limit), readPage(ctx, onDemandResourcesList(ctx, scope, onDemand), 0, limit)]);
        return merge(ctx, p, d, limit);
      }
      const p = await readPage(ctx, periodResourcesList(ctx, scope, period), offset, limit);
      const periodTotal = p.total ?? offset + p.items.length;
      const rest = limit - p.items.length;
      const d = await readPage(ctx, onDemandResourcesList(ctx, scope, onDemand), Math.max(0, offset - periodTotal), Math.max(1, rest));
      return merge(ctx, p, d, limit);
    },
    { ...ctx.limits, pageMax },
  );
}

const primed = (ctx: Ctx) => <T extends ResourceShape>(page: Page<T>): Page<T> => {
  primeResources(ctx, page.items);
  return page;
};

function merge(ctx: Ctx, p: Page<PeriodResourceShape>, d: Page<OnDemandResourceShape>, limit: number): Page<ResourceShape> {
  primeResources(ctx, p.items);
  primeResources(ctx, d.items);
  const items: ResourceShape[] = [...p.items, ...d.items].slice(0, limit);
  const total = p.total === null || d.total === null ? null : p.total + d.total;
  return { items, total };
}

// ---------------------------------------------------------------------------------------------------------
// Order ↔ resources

/** The resources an order bought (§3.1 with `order_id`; a partner must name the customer). */
export function orderResourcesConnection(ctx: Ctx, order: OrderShape, args: ConnectionArgs): Promise<OffsetConnection<PeriodResourceShape>> {
  if (!order.customerId) return offsetConnection(args, async () => ({ items: [], total: 0 }), { ...ctx.limits, pageMax: PERIOD_PAGE_MAX });
  return periodResourcesConnection(ctx, { customerId: order.customerId, indirectPartnerId: order.indirectPartnerId }, args, { orderId: order.orderId });
}

/**
 * The order that bought a yearly/monthly resource. A resource record carries no order id (§3.1), so the
 * gateway lists the customer's completed orders once (ListCustomerOrders, cached for the request), takes the
 * purchase orders created up to the resource's effective time, newest first, and checks at most five of
 * them with §3.1 `order_id` (each order's resource list read once per request) until one holds the
 * resource. Null when none does.
 */
export async function purchaseOrderOf(ctx: Ctx, r: PeriodResourceShape): Promise<OrderShape | null> {
  if (!r.effectiveTime) return null;
  const effective = r.effectiveTime.getTime();
  const scopeKey = encodeScope(r);
  const orders = await ctx.loaders.completedOrders.load(scopeKey);
  const candidates = orders
    .filter((o) => o.orderType !== null && PURCHASE_ORDER_TYPES.has(o.orderType) && o.createdAt !== null && o.createdAt.getTime() <= effective)
    .sort((a, b) => b.createdAt!.getTime() - a.createdAt!.getTime())
    .slice(0, MAX_CANDIDATES);
  for (const order of candidates) {
    const ids = await ctx.loaders.orderResourceIds.load(orderResourcesKey(r, order.orderId));
    if (ids.includes(r.resourceId)) return order;
  }
  return null;
}

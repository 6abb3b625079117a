/**
 * Resources of the partner's customers, bss-api-commerce.md §3:
 * - yearly/monthly: ListPayPerUseCustomerResources `POST /v2/orders/suscriptions/resources/query` (§3.1;
 *   despite its name, and Huawei's spelling of the path),
 * - pay-per-use: ListCustomerOnDemandResources `POST /v2/partners/sub-customers/on-demand-resources/query`
 *   (§3.2; partner credentials, resale customers only).
 *
 * Who may ask for what:
 * - §3.1 with partner credentials needs `customer_id` and takes no `indirect_partner_id`, so it reaches only
 *   the partner's own customers. Its customer edition answers a customer's own resources, so a reseller's
 *   customer's resources are read with that customer's token (IAM assume_role on the agency it granted);
 *   without an agency that field gets the typed CUSTOMER_AGENCY_NOT_GRANTED error.
 * - §3.2 needs a resale (代售) customer; a distributor names the reseller with `indirect_partner_id`. For
 *   consultative-sales customers the partner cannot see pay-per-use resources at all (upstream
 *   CBC.99000035), so the merged `Customer.resources` lists only their yearly/monthly resources and the
 *   pay-per-use list of such a customer is empty, without a call.
 *
 * Wire records become camelCase shapes here and nowhere else.
 */
import type { Decimal } from 'decimal.js';
import { ListCustomerOnDemandResources, ListPayPerUseCustomerResources, type CustomerOnDemandResource, type OrderInstanceV2, type QueryCustomerOnDemandResourcesReq, type QueryResourcesReq } from '../bss/operations/commerce/index.js';
import type { CallOptions } from '../bss/call-options.js';
import { toDecimalOrNull } from '../bss/money.js';
import { parseWireJson } from '../bss/wire-json.js';
import type { GraphQLContext } from '../context.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection, type Page } from './connection.js';
import type { CustomerShape } from './customer.js';
import { parseWireTime, wireTime, type BssContext, type OrderShape } from './order.js';

// ---------------------------------------------------------------------------------------------------------
// Scope and keys

/** Whose resources, and through which reseller the partner reaches that customer (null: directly). */
export interface ResourceScope {
  readonly customerId: string;
  readonly indirectPartnerId: string | null;
}

export interface ResourceKey extends ResourceScope {
  readonly resourceId: string;
}

/** `customerId[@indirectPartnerId]`: customer and reseller ids are hex, so neither holds `@` or `:`. */
export function encodeScope(scope: ResourceScope): string {
  return scope.indirectPartnerId ? `${scope.customerId}@${scope.indirectPartnerId}` : scope.customerId;
}

export function decodeScope(text: string): ResourceScope | null {
  const at = text.indexOf('@');
  const customerId = at < 0 ? text : text.slice(0, at);
  const indirectPartnerId = at < 0 ? null : text.slice(at + 1);
  if (customerId === '' || indirectPartnerId === '') return null;
  return { customerId, indirectPartnerId };
}

/** `scope:resourceId`; the resource id is everything after the first colon (service ids may hold colons). */
export function encodeResourceKey(key: ResourceKey): string {
  return `${encodeScope(key)}:${key.resourceId}`;
}

export function decodeResourceKey(text: string): ResourceKey | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const scope = decodeScope(text.slice(0, colon));
  const resourceId = text.slice(colon + 1);
  return scope && resourceId ? { ...scope, resourceId } : null;
}

export const scopeOfCustomer = (c: Pick<CustomerShape, 'customerId' | 'indirectPartnerId'>): ResourceScope => ({
  customerId: c.customerId,
  indirectPartnerId: c.indirectPartnerId,
});

/** `association_type` "2": a resale customer, whose pay-per-use resources the partner may list (§3.2). */
const RESALE = '2';

export const onDemandVisible = (c: Pick<CustomerShape, 'associationType'>): boolean => c.associationType === RESALE;

// ---------------------------------------------------------------------------------------------------------
// Shapes

export interface ResourceSpecShape {
  readonly code: string | null;
  readonly description: string | null;
  /** Size of a linear product (disk GB, bandwidth Mbps). */
  readonly size: Decimal | null;
  readonly sizeMeasureId: number | null;
}

interface ResourceBase extends ResourceKey {
  readonly name: string | null;
  readonly regionCode: string | null;
  readonly serviceTypeCode: string | null;
  readonly serviceTypeName: string | null;
  readonly resourceTypeCode: string | null;
  readonly resourceTypeName: string | null;
  /** The raw status code: E10 for yearly/monthly, E11 for pay-per-use. */
  readonly statusCode: number | null;
  readonly effectiveTime: Date | null;
  readonly expireTime: Date | null;
  readonly spec: ResourceSpecShape;
}

export interface PeriodResourceShape extends ResourceBase {
  readonly kind: 'period';
  /** `OrderInstanceV2.id`: the instance id from before it was provisioned. */
  readonly instanceId: string | null;
  readonly projectId: string | null;
  readonly productId: string | null;
  readonly parentResourceId: string | null;
  /** `is_main_resource`: 1 main, 0 attached. */
  readonly isMainResource: boolean | null;
  /** E12. */
  readonly expirePolicy: number | null;
  readonly updateTime: Date | null;
  readonly enterpriseProject: { readonly id: string | null; readonly name: string | null } | null;
}

export interface OnDemandResourceShape extends ResourceBase {
  readonly kind: 'onDemand';
  readonly availabilityZone: string | null;
  /** `resource_info` as sent: JSON in a string, e.g. `{"specSize":40.0}`. */
  readonly resourceInfo: string | null;
}

export type ResourceShape = PeriodResourceShape | OnDemandResourceShape;

/** The fields both resource records carry under the same wire names (§3.1 OrderInstanceV2, §3.2). */
function commonFields(r: OrderInstanceV2 | CustomerOnDemandResource) {
  return {
    resourceId: r.resource_id ?? '',
    name: r.resource_name ?? null,
    regionCode: r.region_code ?? null,
    serviceTypeCode: r.service_type_code ?? null,
    serviceTypeName: r.service_type_name ?? null,
    resourceTypeCode: r.resource_type_code ?? null,
    resourceTypeName: r.resource_type_name ?? null,
    statusCode: r.status ?? null,
    effectiveTime: parseWireTime(r.effective_time),
    expireTime: parseWireTime(r.expire_time),
  };
}

export function toPeriodResource(r: OrderInstanceV2, scope: ResourceScope): PeriodResourceShape {
  return {
    kind: 'period',
    ...scope,
    ...commonFields(r),
    spec: {
      code: r.resource_spec_code ?? null,
      description: r.product_spec_desc ?? null,
      size: toDecimalOrNull(r.spec_size),
      sizeMeasureId: r.spec_size_measure_id ?? null,
    },
    instanceId: r.id ?? null,
    projectId: r.project_id ?? null,
    productId: r.product_id ?? null,
    parentResourceId: r.parent_resource_id || null,
    isMainResource: r.is_main_resource === undefined ? null : r.is_main_resource === 1,
    expirePolicy: r.expire_policy ?? null,
    updateTime: parseWireTime(r.update_time),
    enterpriseProject: r.enterprise_project ? { id: r.enterprise_project.id ?? null, name: r.enterprise_project.name ?? null } : null,
  };
}

/** `specSize` from `resource_info` (JSON inside a string), exact; anything unreadable → null. */
function specSizeOf(resourceInfo: string | undefined): Decimal | null {
  if (!resourceInfo) return null;
  try {
    const info = parseWireJson(resourceInfo) as { specSize?: number | string } | null;
    return typeof info === 'object' && info !== null ? toDecimalOrNull(info.specSize) : null;
  } catch {
    return null;
  }
}

export function toOnDemandResource(r: CustomerOnDemandResource, scope: ResourceScope): OnDemandResourceShape {
  return {
    kind: 'onDemand',
    ...scope,
    ...commonFields(r),
    // The unit of `specSize` is not given here (§3.2); it is the product's linear unit.
    spec: { code: r.resource_spec_code ?? null, description: r.product_spec_desc ?? null, size: specSizeOf(r.resource_info), sizeMeasureId: null },
    availabilityZone: r.availability_zone_code ?? null,
    resourceInfo: r.resource_info ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Yearly/monthly (§3.1)

/**
 * The page size used for §3.1. The simulator enforces the documented-but-unverified 500; the reference
 * (§8) advises not to send more than the confirmed 100 to the real service.
 */
export const PERIOD_PAGE_MAX = Math.min(100, ListPayPerUseCustomerResources.page!.maxLimit);
/** `resource_ids` per call (§7.2). */
export const RESOURCE_IDS_MAX = ListPayPerUseCustomerResources.batch!.max;
export const ON_DEMAND_IDS_MAX = ListCustomerOnDemandResources.batch!.max;
export const ON_DEMAND_PAGE_MAX = ListCustomerOnDemandResources.page!.maxLimit;

export interface PeriodFilters {
  readonly resourceIds?: readonly string[] | undefined;
  readonly orderId?: string | undefined;
  /** `only_main_resource` 1. */
  readonly onlyMain?: boolean | undefined;
  /** E10 codes; empty or absent: all. */
  readonly statusCodes?: readonly number[] | undefined;
  readonly expireFrom?: Date | null | undefined;
  readonly expireTo?: Date | null | undefined;
  readonly serviceTypeCode?: string | null | undefined;
}

/**
 * The request body and credentials for a scope: the partner names its own customer; a reseller's customer
 * is asked with its own token (the customer edition scopes to the caller and ignores `customer_id`).
 */
function periodCall(ctx: BssContext, scope: ResourceScope, f: PeriodFilters): { body: QueryResourcesReq; options: CallOptions } {
  const body: QueryResourcesReq = {
    resource_ids: f.resourceIds && f.resourceIds.length > 0 ? [...f.resourceIds] : undefined,
    order_id: f.orderId || undefined,
    only_main_resource: f.onlyMain ? 1 : undefined,
    status_list: f.statusCodes && f.statusCodes.length > 0 ? [...f.statusCodes] : undefined,
    expire_time_begin: wireTime(f.expireFrom),
    expire_time_end: wireTime(f.expireTo),
    service_type_code: f.serviceTypeCode || undefined,
    customer_id: scope.indirectPartnerId ? undefined : scope.customerId,
  };
  const options: CallOptions = scope.indirectPartnerId ? { customerId: scope.customerId, language: ctx.language } : { language: ctx.language };
  return { body, options };
}

export async function fetchPeriodPage(ctx: BssContext, scope: ResourceScope, f: PeriodFilters, offset: number, limit: number): Promise<Page<PeriodResourceShape>> {
  const { body, options } = periodCall(ctx, scope, f);
  const res = await ctx.bss.call(ListPayPerUseCustomerResources, { body: { ...body, offset, limit } }, options);
  return { items: (res.data ?? []).map((r) => toPeriodResource(r, scope)), total: res.total_count ?? null };
}

/** Every yearly/monthly resource matching the filters (walks pages of 100). */
export async function fetchAllPeriod(ctx: BssContext, scope: ResourceScope, f: PeriodFilters): Promise<PeriodResourceShape[]> {
  const { body, options } = periodCall(ctx, scope, f);
  const { items } = await ctx.bss.paginate(ListPayPerUseCustomerResources, { body }, { ...options, pageSize: PERIOD_PAGE_MAX });
  return items.map((r) => toPeriodResource(r, scope));
}

// ---------------------------------------------------------------------------------------------------------
// Pay-per-use (§3.2)

export interface OnDemandFilters {
  readonly resourceIds?: readonly string[] | undefined;
  readonly regionCode?: string | null | undefined;
  readonly serviceTypeCode?: string | null | undefined;
  /** One E11 code. */
  readonly statusCode?: number | null | undefined;
  readonly effectiveFrom?: Date | null | undefined;
  readonly effectiveTo?: Date | null | undefined;
}

function onDemandBody(scope: ResourceScope, f: OnDemandFilters): QueryCustomerOnDemandResourcesReq {
  return {
    customer_id: scope.customerId,
    indirect_partner_id: scope.indirectPartnerId ?? undefined,
    resource_ids: f.resourceIds && f.resourceIds.length > 0 ? [...f.resourceIds] : undefined,
    region_code: f.regionCode || undefined,
    service_type_code: f.serviceTypeCode || undefined,
    status: f.statusCode ?? undefined,
    effective_time_begin: wireTime(f.effectiveFrom),
    effective_time_end: wireTime(f.effectiveTo),
  };
}

export async function fetchOnDemandPage(ctx: BssContext, scope: ResourceScope, f: OnDemandFilters, offset: number, limit: number): Promise<Page<OnDemandResourceShape>> {
  const res = await ctx.bss.call(
    ListCustomerOnDemandResources,
    { body: { ...onDemandBody(scope, f), offset, limit } },
    { language: ctx.language },
  );
  return { items: (res.resources ?? []).map((r) => toOnDemandResource(r, scope)), total: res.total_count ?? null };
}

export async function fetchAllOnDemand(ctx: BssContext, scope: ResourceScope, f: OnDemandFilters): Promise<OnDemandResourceShape[]> {
  const { items } = await ctx.bss.paginate(ListCustomerOnDemandResources, { body: onDemandBody(scope, f) }, { language: ctx.language });
  return items.map((r) => toOnDemandResource(r, scope));
}

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
  return offsetConnection(
    args,
    async (offset, limit) => {
      const page = await fetchPeriodPage(ctx, scope, f, offset, limit);
      primeResources(ctx, page.items);
      return page;
    },
    { ...ctx.limits, pageMax: PERIOD_PAGE_MAX },
  );
}

export function onDemandResourcesConnection(ctx: Ctx, customer: CustomerShape, args: ConnectionArgs, f: OnDemandFilters): Promise<OffsetConnection<OnDemandResourceShape>> {
  const scope = scopeOfCustomer(customer);
  return offsetConnection(
    args,
    async (offset, limit) => {
      if (!onDemandVisible(customer)) return { items: [], total: 0 };
      const page = await fetchOnDemandPage(ctx, scope, f, offset, limit);
      primeResources(ctx, page.items);
      return page;
    },
    { ...ctx.limits, pageMax: ON_DEMAND_PAGE_MAX },
  );
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
      if (!wantOnDemand) return fetchPeriodPage(ctx, scope, period, offset, limit).then(primed(ctx));
      if (!wantPeriod) return fetchOnDemandPage(ctx, scope, onDemand, offset, limit).then(primed(ctx));
      // From the start of the list the pay-per-use offset is 0 whatever the yearly/monthly total is, so
      // both lists are asked at once; further on the second offset depends on the first total.
      if (offset === 0) {
        const [p, d] = await Promise.all([fetchPeriodPage(ctx, scope, period, 0, limit), fetchOnDemandPage(ctx, scope, onDemand, 0, limit)]);
        return merge(ctx, p, d, limit);
      }
      const p = await fetchPeriodPage(ctx, scope, period, offset, limit);
      const periodTotal = p.total ?? offset + p.items.length;
      const rest = limit - p.items.length;
      const d = await fetchOnDemandPage(ctx, scope, onDemand, Math.max(0, offset - periodTotal), Math.max(1, rest));
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

/** Order types that create a yearly/monthly resource: new purchase (1) and pay-per-use → yearly/monthly (11). */
const PURCHASE_ORDER_TYPES: ReadonlySet<number> = new Set([1, 11]);
/** Completed (E7 5): only paid orders provision resources. */
const COMPLETED = 5;
/** Candidate orders checked per resource at most, newest first before its effective time. */
const MAX_CANDIDATES = 5;

/** The order-resources loader's key: `scope|orderId`. */
export const orderResourcesKey = (scope: ResourceScope, orderId: string): string => `${encodeScope(scope)}|${orderId}`;

/** The completed-orders filter the purchase-order lookup lists once per customer. */
export const completedOrdersFilter = (scope: ResourceScope) => ({ customerId: scope.customerId, indirectPartnerId: scope.indirectPartnerId, status: COMPLETED });

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

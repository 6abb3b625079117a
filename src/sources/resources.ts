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
import {
  ListCustomerOnDemandResources, ListPayPerUseCustomerResources,
  type CustomerOnDemandResource, type OrderInstanceV2, type QueryCustomerOnDemandResourcesReq, type QueryResourcesReq,
} from '../bss/operations/commerce/index.js';
import type { CallOptions } from '../bss/call-options.js';
import { toDecimalOrNull } from '../bss/money.js';
import { parseWireJson } from '../bss/wire-json.js';
import type { CustomerShape } from './customers.js';
import { listEndpoint } from './list-endpoint.js';
import type { BssContext } from './orders.js';
import { parseWireTime, wireTime } from './wire.js';

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
function periodCall(ctx: Pick<BssContext, 'language'>, scope: ResourceScope, f: PeriodFilters): { body: QueryResourcesReq; options: CallOptions } {
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

/** §3.1 as a list, in a customer's scope: pages of ≤ 100. */
export function periodResourcesList(ctx: Pick<BssContext, 'language'>, scope: ResourceScope, f: PeriodFilters) {
  const { body, options } = periodCall(ctx, scope, f);
  return listEndpoint({
    op: ListPayPerUseCustomerResources,
    request: (offset, limit) => ({ body: { ...body, offset, limit } }),
    page: (res) => ({ items: (res.data ?? []).map((r) => toPeriodResource(r, scope)), total: res.total_count ?? null }),
    options,
    pageMax: PERIOD_PAGE_MAX,
  });
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

/** §3.2 as a list, in a customer's scope. */
export const onDemandResourcesList = (ctx: Pick<BssContext, 'language'>, scope: ResourceScope, f: OnDemandFilters) =>
  listEndpoint({
    op: ListCustomerOnDemandResources,
    request: (offset, limit) => ({ body: { ...onDemandBody(scope, f), offset, limit } }),
    page: (res) => ({ items: (res.resources ?? []).map((r) => toOnDemandResource(r, scope)), total: res.total_count ?? null }),
    options: { language: ctx.language },
  });

export async function fetchAllOnDemand(ctx: BssContext, scope: ResourceScope, f: OnDemandFilters): Promise<OnDemandResourceShape[]> {
  const { items } = await ctx.bss.paginate(ListCustomerOnDemandResources, { body: onDemandBody(scope, f) }, { language: ctx.language });
  return items.map((r) => toOnDemandResource(r, scope));
}

// ---------------------------------------------------------------------------------------------------------
// Order ↔ resources

/** Order types that create a yearly/monthly resource: new purchase (1) and pay-per-use → yearly/monthly (11). */
export const PURCHASE_ORDER_TYPES: ReadonlySet<number> = new Set([1, 11]);
/** Completed (E7 5): only paid orders provision resources. */
const COMPLETED = 5;
/** Candidate orders checked per resource at most, newest first before its effective time. */
export const MAX_CANDIDATES = 5;

/** The order-resources loader's key: `scope|orderId`. */
export const orderResourcesKey = (scope: ResourceScope, orderId: string): string => `${encodeScope(scope)}|${orderId}`;

/** The completed-orders filter the purchase-order lookup lists once per customer. */
export const completedOrdersFilter = (scope: ResourceScope) => ({ customerId: scope.customerId, indirectPartnerId: scope.indirectPartnerId, status: COMPLETED });


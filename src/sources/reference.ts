/**
 * Reference catalogues, each read whole (at the endpoint's largest page) and cached per language
 * across requests: they change rarely (bss-api-commerce.md §7.3). Every `serviceType { code name }`-style
 * edge in the graph resolves through the lookups here, from the cache, never with an extra call per record.
 * Upstream: ListServiceTypes §5.1, ListResourceTypes §5.2, ListServiceResources §5.3, ListUsageTypes §5.4, ListMeasureUnits §5.5,
 * ListConversions §5.6.
 */
import {
  ListConversions, ListMeasureUnits, ListResourceTypes, ListServiceResources, ListServiceTypes, ListUsageTypes,
} from '../bss/operations/commerce/index.js';
import type { ReferenceCache } from '../caches/reference-cache.js';
import type { Language } from '../language.js';
import type { Upstream } from './list-endpoint.js';

export interface ServiceTypeShape {
  readonly code: string;
  readonly name: string;
  readonly abbreviation: string | null;
}

export interface ResourceTypeShape {
  readonly code: string;
  readonly name: string;
  readonly description: string | null;
  readonly serviceTypeCode: string | null;
}

export interface MeasureUnitShape {
  readonly id: number;
  readonly name: string;
  readonly abbreviation: string | null;
  /** Units convert only within one measure type (currency, duration, traffic, …). */
  readonly measureType: number | null;
}

export interface ConversionShape {
  readonly fromMeasureId: number;
  readonly toMeasureId: number;
  /** 1 unit of `from` = ratio units of `to`: a long upstream, kept as exact text (it may exceed 2^53). */
  readonly ratio: string;
  readonly measureType: number | null;
}

/** The client, the process-wide catalogue cache, and the language names come in. */
export interface ReferenceContext extends Upstream {
  readonly reference: ReferenceCache;
  readonly language: Language;
}

type Ctx = ReferenceContext;

// The catalogues below answer from the cache without a promise when it holds them fresh (ReferenceCache.read).

export function serviceTypes(ctx: Ctx): ServiceTypeShape[] | Promise<ServiceTypeShape[]> {
  return ctx.reference.read('serviceTypes', ctx.language, async () => {
    const { items } = await ctx.bss.paginate(ListServiceTypes, {}, { language: ctx.language });
    // Every field is optional in the SDK model; an entry without a code cannot be referenced, so skip it.
    return items.flatMap((s) =>
      s.service_type_code ? [{ code: s.service_type_code, name: s.service_type_name ?? s.service_type_code, abbreviation: s.abbreviation ?? null }] : [],
    );
  });
}

export function resourceTypes(ctx: Ctx): ResourceTypeShape[] | Promise<ResourceTypeShape[]> {
  return ctx.reference.read('resourceTypes', ctx.language, async () => {
    const { items } = await ctx.bss.paginate(ListResourceTypes, {}, { language: ctx.language });
    return items.flatMap((r) =>
      r.resource_type_code
        ? [{ code: r.resource_type_code, name: r.resource_type_name ?? r.resource_type_code, description: r.resource_type_desc ?? null, serviceTypeCode: r.service_type_code ?? null }]
        : [],
    );
  });
}

export function measureUnits(ctx: Ctx): MeasureUnitShape[] | Promise<MeasureUnitShape[]> {
  return ctx.reference.read('measureUnits', ctx.language, async () => {
    const res = await ctx.bss.call(ListMeasureUnits, {}, { language: ctx.language });
    return (res.measure_units ?? []).flatMap((u) =>
      u.measure_id === undefined ? [] : [{ id: u.measure_id, name: u.measure_name ?? String(u.measure_id), abbreviation: u.abbreviation ?? null, measureType: u.measure_type ?? null }],
    );
  });
}

export function conversions(ctx: Ctx): ConversionShape[] | Promise<ConversionShape[]> {
  return ctx.reference.read('conversions', ctx.language, async () => {
    const res = await ctx.bss.call(ListConversions, {}, { language: ctx.language });
    return (res.conversions ?? []).flatMap((c) =>
      c.measure_id === undefined || c.ref_measure_id === undefined || c.conversion_ratio === undefined
        ? []
        : [{ fromMeasureId: c.measure_id, toMeasureId: c.ref_measure_id, ratio: String(c.conversion_ratio), measureType: c.measure_type ?? null }],
    );
  });
}

/**
 * The service type for a code, from the cached catalogue. Records often carry their own localised name;
 * it is used when the catalogue does not know the code (a service newer than the catalogue page).
 */
export async function serviceTypeByCode(ctx: Ctx, code: string, nameFromRecord?: string | null): Promise<ServiceTypeShape> {
  const known = (await serviceTypes(ctx)).find((s) => s.code === code);
  return known ?? { code, name: nameFromRecord || code, abbreviation: null };
}

export async function resourceTypeByCode(ctx: Ctx, code: string, nameFromRecord?: string | null): Promise<ResourceTypeShape> {
  const known = (await resourceTypes(ctx)).find((r) => r.code === code);
  return known ?? { code, name: nameFromRecord || code, description: null, serviceTypeCode: null };
}

export async function measureUnitById(ctx: Ctx, id: number): Promise<MeasureUnitShape | null> {
  return (await measureUnits(ctx)).find((u) => u.id === id) ?? null;
}

/** A resource a service type sells, as ListServiceResources §5.3 describes it (`ResourceBasicInfo`). */
export interface ServiceResourceShape {
  readonly resourceTypeCode: string;
  readonly ownerServiceTypeCode: string | null;
  readonly name: string | null;
  readonly description: string | null;
}

/**
 * The resources a service type sells, as ListServiceResources §5.3 lists them (every page of 100), cached per
 * language and service type like the other catalogues: a second ask costs nothing.
 */
export function serviceResources(ctx: Ctx, serviceTypeCode: string): Promise<ServiceResourceShape[]> {
  return ctx.reference.get(
    'serviceResources',
    ctx.language,
    async () => {
      const { items } = await ctx.bss.paginate(ListServiceResources, { service_type_code: serviceTypeCode }, { language: ctx.language });
      return items.flatMap((i) =>
        i.basic_info?.resource_type_code
          ? [{
              resourceTypeCode: i.basic_info.resource_type_code,
              ownerServiceTypeCode: i.basic_info.product_owner_service || null,
              name: i.basic_info.name || null,
              description: i.basic_info.description || null,
            }]
          : [],
      );
    },
    serviceTypeCode,
  );
}

/** The resource types a service type sells, grouped from the cached resource-type catalogue (§7.3: no call). */
export async function resourceTypesOfService(ctx: Ctx, serviceTypeCode: string): Promise<ResourceTypeShape[]> {
  return (await resourceTypes(ctx)).filter((r) => r.serviceTypeCode === serviceTypeCode);
}

export interface UsageTypeShape {
  /** The usage type code (`Duration`, `upflow`, …): `usage_type` in bills, `usage_factor` in ratings. */
  readonly code: string;
  readonly name: string;
  /** With `code`, the natural key: one code appears under several resource types (§5.4). */
  readonly resourceTypeCode: string | null;
  readonly resourceTypeName: string | null;
  readonly serviceTypeCode: string | null;
  readonly serviceTypeName: string | null;
}

/**
 * Usage types, all of them or those of one resource type, cached per language and resource type (the
 * catalogue runs to thousands overall but a few per resource type, §7.3; the endpoint pages at 100).
 */
export function usageTypes(ctx: Ctx, resourceTypeCode?: string | null): Promise<UsageTypeShape[]> {
  const key = resourceTypeCode ?? '';
  return ctx.reference.get(
    'usageTypes',
    ctx.language,
    async () => {
      // An empty resource_type_code would filter on an empty code (§5.4), so "all" is sent as no parameter.
      const req = resourceTypeCode ? { resource_type_code: resourceTypeCode } : {};
      const { items } = await ctx.bss.paginate(ListUsageTypes, req, { language: ctx.language });
      return items.flatMap((u) =>
        u.code
          ? [{
              code: u.code,
              name: u.name ?? u.code,
              resourceTypeCode: u.resource_type_code ?? null,
              resourceTypeName: u.resource_type_name ?? null,
              serviceTypeCode: u.service_type_code ?? null,
              serviceTypeName: u.service_type_name ?? null,
            }]
          : [],
      );
    },
    key,
  );
}

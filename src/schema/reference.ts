/**
 * Reference catalogues: service types, resource types, measurement units and their conversions.
 * Served from the process-wide reference cache (one upstream call per catalogue and language).
 */
import {
  conversions, measureUnits, resourceTypes, serviceTypeByCode, serviceTypes,
  type ConversionShape, type MeasureUnitShape, type ResourceTypeShape, type ServiceTypeShape,
} from '../sources/reference.js';
import { Money } from '../bss/money.js';
import { builder } from './builder.js';

export const ServiceType = builder.objectRef<ServiceTypeShape>('ServiceType').implement({
  description: 'A Huawei Cloud service type, e.g. `hws.service.type.ec2` (ListServiceTypes, bss-api-commerce.md §5.1).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The service type code, e.g. `hws.service.type.ec2`.' }),
    name: t.exposeString('name', { description: 'Localised name, in the language the request asked for (Accept-Language).' }),
    abbreviation: t.exposeString('abbreviation', { nullable: true, description: 'Short name, e.g. `ECS`.' }),
  }),
});

export const ResourceType = builder.objectRef<ResourceTypeShape>('ResourceType').implement({
  description: 'A resource type, e.g. `hws.resource.type.vm` (ListResourceTypes, bss-api-commerce.md §5.2).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The resource type code, e.g. `hws.resource.type.vm`.' }),
    name: t.exposeString('name', { description: 'Localised name.' }),
    description: t.exposeString('description', { nullable: true, description: 'Localised description.' }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The service type that sells this resource type (from the cached catalogue).',
      resolve: (r, _args, ctx) => (r.serviceTypeCode ? serviceTypeByCode(ctx, r.serviceTypeCode) : null),
    }),
  }),
});

export const MeasureUnit = builder.objectRef<MeasureUnitShape>('MeasureUnit').implement({
  description: 'A unit of measure, e.g. yuan, hour, GB (ListMeasureUnits, bss-api-commerce.md §5.5).',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'The `measure_id` Huawei uses in every `*measure_id` field.' }),
    name: t.exposeString('name', { description: 'Localised name.' }),
    abbreviation: t.exposeString('abbreviation', { nullable: true, description: 'English abbreviation.' }),
    measureType: t.exposeInt('measureType', {
      nullable: true,
      description: 'What the unit measures (1 currency, 2 duration, 3 traffic, …); units convert only within one type.',
    }),
  }),
});

export const Conversion = builder.objectRef<ConversionShape>('Conversion').implement({
  description: 'A conversion between two units of one measure type: 1 `from` = `ratio` × `to` (ListConversions, §5.6).',
  fields: (t) => ({
    fromMeasureId: t.exposeInt('fromMeasureId', { description: 'The unit converted from (`measure_id`).' }),
    toMeasureId: t.exposeInt('toMeasureId', { description: 'The unit converted to (`ref_measure_id`).' }),
    ratio: t.field({
      type: 'Decimal',
      description: 'How many `to` units make one `from` unit (`conversion_ratio`), exact.',
      resolve: (c) => new Money(c.ratio),
    }),
    measureType: t.exposeInt('measureType', { nullable: true, description: 'The measure type both units belong to.' }),
  }),
});

builder.queryFields((t) => ({
  serviceTypes: t.field({
    type: [ServiceType],
    description: 'Every cloud service type. Upstream: `GET /v2/products/service-types`, cached per language.',
    resolve: (_root, _args, ctx) => serviceTypes(ctx),
  }),
  resourceTypes: t.field({
    type: [ResourceType],
    description: 'Every resource type. Upstream: `GET /v2/products/resource-types`, cached per language.',
    resolve: (_root, _args, ctx) => resourceTypes(ctx),
  }),
  measureUnits: t.field({
    type: [MeasureUnit],
    description: 'Every unit of measure. Upstream: `GET /v2/bases/measurements`, cached per language.',
    resolve: (_root, _args, ctx) => measureUnits(ctx),
  }),
  conversions: t.field({
    type: [Conversion],
    description: 'Every unit conversion. Upstream: `GET /v2/bases/conversions`, cached per language.',
    resolve: (_root, _args, ctx) => conversions(ctx),
  }),
}));

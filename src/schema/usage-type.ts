/**
 * `UsageType`: the metering factors of ListUsageTypes (bss-api-commerce.md §5.4), `Query.usageTypes`, the resources a
 * service type sells (ListServiceResources §5.3), and
 * the catalogue edges between service types, resource types and usage types. Everything here is served
 * from the process-wide reference cache.
 */
import {
  resourceTypeByCode, resourceTypesOfService, serviceResources, serviceTypeByCode, usageTypes, type ServiceResourceShape, type UsageTypeShape,
} from '../sources/reference.js';
import { builder } from './builder.js';
import { ResourceType, ServiceType } from './reference.js';

export const UsageType = builder.objectRef<UsageTypeShape>('UsageType').implement({
  description:
    'A usage type (metering factor), e.g. `Duration` or `upflow`: the `usage_type` of bill records and the ' +
    '`usage_factor` of price inquiries (ListUsageTypes, bss-api-commerce.md §5.4). One code appears under several ' +
    'resource types; (resourceType, code) is the key.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The usage type code, e.g. `Duration`, `upflow`, `reqNumber`.' }),
    name: t.exposeString('name', { description: 'Localised name, e.g. 时长 / Duration.' }),
    resourceType: t.field({
      type: ResourceType,
      nullable: true,
      description: 'The resource type this usage type meters (from the cached catalogue).',
      resolve: (u, _args, ctx) => (u.resourceTypeCode ? resourceTypeByCode(ctx, u.resourceTypeCode, u.resourceTypeName) : null),
    }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The service type of that resource type (from the cached catalogue).',
      resolve: (u, _args, ctx) => (u.serviceTypeCode ? serviceTypeByCode(ctx, u.serviceTypeCode, u.serviceTypeName) : null),
    }),
  }),
});

builder.objectField(ResourceType, 'usageTypes', (t) =>
  t.field({
    type: [UsageType],
    nullable: true,
    description: 'The usage types this resource type is metered by. Upstream: `GET /v2/products/usage-types?resource_type_code=…`, cached per language.',
    resolve: (r, _args, ctx) => usageTypes(ctx, r.code),
  }),
);

builder.objectField(ServiceType, 'resourceTypes', (t) =>
  t.field({
    type: [ResourceType],
    nullable: true,
    description: 'The resource types this service type sells, grouped from the cached resource-type catalogue (no extra upstream call).',
    resolve: (s, _args, ctx) => resourceTypesOfService(ctx, s.code),
  }),
);

const ServiceResource = builder.objectRef<ServiceResourceShape>('ServiceResource').implement({
  description: 'A resource a service type sells, as the product catalogue describes it (`ResourceBasicInfo`, ListServiceResources §5.3).',
  fields: (t) => ({
    resourceType: t.field({
      type: ResourceType,
      description: 'The resource type (`resource_type_code`), from the cached catalogue.',
      resolve: (r, _args, ctx) => resourceTypeByCode(ctx, r.resourceTypeCode, r.name),
    }),
    ownerServiceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The service type the resource belongs to commercially (`product_owner_service`), from the cached catalogue.',
      resolve: (r, _args, ctx) => (r.ownerServiceTypeCode ? serviceTypeByCode(ctx, r.ownerServiceTypeCode) : null),
    }),
    name: t.exposeString('name', { nullable: true, description: 'The resource\'s name in the catalogue, in the request\'s language.' }),
    description: t.exposeString('description', { nullable: true, description: 'The resource\'s description in the catalogue.' }),
  }),
});

builder.objectField(ServiceType, 'resources', (t) =>
  t.field({
    type: [ServiceResource],
    nullable: true,
    description:
      'The resources this service type sells, as the product catalogue lists them. Upstream: ListServiceResources ' +
      '`GET /v2/products/service-resources?service_type_code=…`, every page of 100, cached per language and service type.',
    resolve: (s, _args, ctx) => serviceResources(ctx, s.code),
  }),
);

builder.queryField('usageTypes', (t) =>
  t.field({
    type: [UsageType],
    nullable: true,
    description: 'Usage types (metering factors), all or those of one resource type. Upstream: `GET /v2/products/usage-types`, cached per language and resource type.',
    args: {
      resourceTypeCode: t.arg.string({ description: 'Only the usage types of this resource type, e.g. `hws.resource.type.vm`.' }),
    },
    resolve: (_root, args, ctx) => usageTypes(ctx, args.resourceTypeCode),
  }),
);

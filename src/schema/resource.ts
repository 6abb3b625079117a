/**
 * `Resource`: an interface over a customer's yearly/monthly resources (`PeriodResource`,
 * ListPayPerUseCustomerResources §3.1) and pay-per-use resources (`OnDemandResource`,
 * ListCustomerOnDemandResources §3.2), with `Customer.resources` (both lists merged),
 * `Customer.periodResources`, `Customer.onDemandResources` and `Order.resources`.
 */
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { measureUnitById, resourceTypeByCode, serviceTypeByCode } from '../sources/reference.js';
import { regionByCode } from '../sources/geography.js';
import { primeCustomer } from '../resolvers/customer.js';
import { customerEdge } from '../resolvers/id-edges.js';
import {
  customerResourcesConnection, onDemandResourcesConnection, orderResourcesConnection, periodResourcesConnection, purchaseOrderOf,
} from '../resolvers/resource.js';
import {
  decodeResourceKey, encodeResourceKey, scopeOfCustomer,
  type OnDemandResourceShape, type PeriodResourceShape, type ResourceShape, type ResourceSpecShape,
} from '../sources/resources.js';
import { builder } from './builder.js';
import { requireScope } from '../auth/scope.js';
import {
  AUTO_RENEW_POLICY, ExpirePolicy, ResourceChargeMode, ResourceStatus, checkStatusFilter, expirePolicy, onDemandResourceStatus,
  onDemandStatusCodes, periodResourceStatus, periodStatusCodes,
} from './commerce-enums.js';
import { Customer } from './customer.js';
import { Region } from './geography.js';
import { EnterpriseProject, Order } from './order.js';
import { MeasureUnit, ResourceType, ServiceType } from './reference.js';

const ResourceSpec = builder.objectRef<ResourceSpecShape>('ResourceSpec').implement({
  description: 'The specification a resource was bought with.',
  fields: (t) => ({
    code: t.exposeString('code', { nullable: true, description: 'Spec code (`resource_spec_code`); VM specs end in `.win` / `.linux`, e.g. `s6.large.2.linux`.' }),
    description: t.exposeString('description', { nullable: true, description: 'Spec description (`product_spec_desc`), e.g. `通用计算增强型|c6.2xlarge.4|8vCPUs|32GB|linux`.' }),
    size: t.expose('size', {
      type: 'Decimal',
      nullable: true,
      description: 'Size of a linear product, e.g. disk GB (`spec_size`; pay-per-use: `specSize` inside `resource_info`).',
    }),
    sizeUnit: t.field({
      type: MeasureUnit,
      nullable: true,
      description: 'Unit of `size` (`spec_size_measure_id`, from the cached units); pay-per-use records do not give it.',
      resolve: (s, _args, ctx) => (s.sizeMeasureId === null ? null : measureUnitById(ctx, s.sizeMeasureId)),
    }),
  }),
});

export const Resource = builder.interfaceRef<ResourceShape>('Resource').implement({
  description:
    'A provisioned cloud resource of a customer, e.g. an ECS server or an EVS disk: yearly/monthly (`PeriodResource`) ' +
    'or pay-per-use (`OnDemandResource`). `resource_id` is assigned by the owning service.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (r) => (r.kind === 'period' ? 'PeriodResource' : 'OnDemandResource'),
  fields: (t) => ({
    resourceId: t.exposeString('resourceId', { description: 'The resource id (e.g. an ECS `server_id`).' }),
    name: t.exposeString('name', { nullable: true, description: 'The instance name (`resource_name`).' }),
    customerId: t.exposeString('customerId', { description: 'The customer account id.' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description:
        'The customer holding the resource: free when only its id is asked (the resource holds it) or when listed under ' +
        'that customer, else the customer loader (one ListSubCustomers call per distinct customer).',
      resolve: (r, _args, ctx, info) => customerEdge(ctx, info, r.customerId, r.indirectPartnerId),
    }),
    chargeMode: t.field({
      type: ResourceChargeMode,
      description: 'Yearly/monthly or pay-per-use: which upstream list holds the resource.',
      resolve: (r) => (r.kind === 'period' ? 'YEARLY_MONTHLY' : 'ON_DEMAND'),
    }),
    status: t.field({
      type: ResourceStatus,
      description: 'The status, mapped from E10 (yearly/monthly) or E11 (pay-per-use).',
      resolve: (r) => (r.kind === 'period' ? periodResourceStatus(r.statusCode) : onDemandResourceStatus(r.statusCode)),
    }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'The raw `status` code: E10 for yearly/monthly, E11 for pay-per-use resources.' }),
    serviceType: t.field({
      type: ServiceType,
      nullable: true,
      description: 'The cloud service type, from the cached catalogue (no call per resource).',
      resolve: (r, _args, ctx) => (r.serviceTypeCode ? serviceTypeByCode(ctx, r.serviceTypeCode, r.serviceTypeName) : null),
    }),
    resourceType: t.field({
      type: ResourceType,
      nullable: true,
      description: 'The resource type, from the cached catalogue (no call per resource).',
      resolve: (r, _args, ctx) => (r.resourceTypeCode ? resourceTypeByCode(ctx, r.resourceTypeCode, r.resourceTypeName) : null),
    }),
    region: t.field({
      type: Region,
      nullable: true,
      description: 'The region the resource lives in (`region_code`).',
      resolve: (r, _args, ctx) => (r.regionCode ? regionByCode(ctx, r.regionCode) : null),
    }),
    effectiveTime: t.expose('effectiveTime', { type: 'DateTime', nullable: true, description: 'When the resource took effect.' }),
    expireTime: t.expose('expireTime', {
      type: 'DateTime',
      nullable: true,
      description: 'Yearly/monthly: when the paid period ends. Pay-per-use: when the resource ended, if it did.',
    }),
    spec: t.field({ type: ResourceSpec, description: 'The specification.', resolve: (r) => r.spec }),
  }),
});

export const PeriodResource = builder.objectRef<PeriodResourceShape>('PeriodResource');
export const OnDemandResource = builder.objectRef<OnDemandResourceShape>('OnDemandResource');

const PeriodResourceConnection = builder.connectionObject(
  { type: PeriodResource, name: 'PeriodResourceConnection' },
  { name: 'PeriodResourceEdge' },
);

builder.node(PeriodResource, {
  description:
    'A yearly/monthly (包年/包月) resource (`OrderInstanceV2`, ListPayPerUseCustomerResources §3.1). Main resources ' +
    'group with their attached ones (an ECS with its disks and EIP); subscription writes act on the main one.',
  interfaces: [Resource],
  isTypeOf: (r) => (r as ResourceShape).kind === 'period',
  id: { resolve: (r) => encodeResourceKey(r) },
  loadOne: (id, ctx) => {
    requireScope(ctx.caller, decodeResourceKey(id)?.indirectPartnerId ?? null);
    return ctx.loaders.periodResource.load(id);
  },
  fields: (t) => ({
    instanceId: t.exposeString('instanceId', { nullable: true, description: 'The instance id from before provisioning (`id`).' }),
    projectId: t.exposeString('projectId', { nullable: true, description: 'The project id of the resource.' }),
    productId: t.exposeString('productId', { nullable: true, description: 'The product id.' }),
    isMainResource: t.exposeBoolean('isMainResource', { nullable: true, description: 'True for a main resource, false for an attached one (`is_main_resource`).' }),
    parentResourceId: t.exposeString('parentResourceId', { nullable: true, description: 'The main resource of an attached one (`parent_resource_id`).' }),
    parent: t.field({
      type: PeriodResource,
      nullable: true,
      description: 'The main resource of an attached one; batched by id (≤ 50 per customer per call).',
      resolve: (r, _args, ctx) =>
        r.parentResourceId ? ctx.loaders.periodResource.load(encodeResourceKey({ ...r, resourceId: r.parentResourceId })) : null,
    }),
    children: t.field({
      type: [PeriodResource],
      nullable: true,
      description: 'The attached resources of a main one (empty for an attached resource); batched ≤ 50 main resources per call.',
      resolve: (r, _args, ctx) => (r.parentResourceId ? [] : ctx.loaders.periodChildren.load(encodeResourceKey(r))),
    }),
    expirePolicy: t.field({ type: ExpirePolicy, description: 'What happens when the period ends (E12).', resolve: (r) => expirePolicy(r.expirePolicy) }),
    expirePolicyCode: t.exposeInt('expirePolicy', { nullable: true, description: 'The raw `expire_policy` code (E12).' }),
    autoRenew: t.boolean({ description: 'Whether auto-renew is on (`expire_policy` 3).', resolve: (r) => r.expirePolicy === AUTO_RENEW_POLICY }),
    updateTime: t.expose('updateTime', { type: 'DateTime', nullable: true, description: 'When the record last changed.' }),
    enterpriseProject: t.field({
      type: EnterpriseProject,
      nullable: true,
      description: 'The enterprise project of the resource.',
      resolve: (r) => r.enterpriseProject,
    }),
    order: t.field({
      type: Order,
      nullable: true,
      description:
        'The order that bought the resource (new purchase, or pay-per-use → yearly/monthly). The upstream record carries ' +
        'no order id, so the gateway lists the customer\'s completed orders once per request (ListCustomerOrders) and ' +
        'checks the purchase orders made before the resource took effect, newest first, with ListPayPerUseCustomerResources ' +
        '`order_id` (each order once per request; at most five per resource). Null when none holds it.',
      resolve: (r, _args, ctx) => purchaseOrderOf(ctx, r),
    }),
  }),
});

builder.node(OnDemandResource, {
  description:
    'A pay-per-use (按需) resource of a resale customer (`CustomerOnDemandResource`, ListCustomerOnDemandResources §3.2). ' +
    'The data lags behind reality by a service-dependent delay.',
  interfaces: [Resource],
  isTypeOf: (r) => (r as ResourceShape).kind === 'onDemand',
  id: { resolve: (r) => encodeResourceKey(r) },
  loadOne: (id, ctx) => {
    requireScope(ctx.caller, decodeResourceKey(id)?.indirectPartnerId ?? null);
    return ctx.loaders.onDemandResource.load(id);
  },
  fields: (t) => ({
    availabilityZone: t.exposeString('availabilityZone', { nullable: true, description: 'The availability zone (`availability_zone_code`).' }),
    resourceInfo: t.exposeString('resourceInfo', { nullable: true, description: 'Capacity as Huawei sends it: JSON in a string, e.g. `{"specSize":40.0}`.' }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Lists

const ResourceConnection = builder.connectionObject({ type: Resource, name: 'ResourceConnection' }, { name: 'ResourceEdge' });
const OnDemandResourceConnection = builder.connectionObject(
  { type: OnDemandResource, name: 'OnDemandResourceConnection' },
  { name: 'OnDemandResourceEdge' },
);

type Ctx = GraphQLContext;

builder.objectFields(Customer, (t) => ({
  // Nullable, like every field that calls upstream: a failure there leaves the rest of the query standing.
  resources: t.connection(
    {
      type: Resource,
      nullable: true,
      description:
        'All the customer\'s resources: yearly/monthly first (ListPayPerUseCustomerResources), then pay-per-use ' +
        '(ListCustomerOnDemandResources), paged across both; `totalCount` is the sum. Pay-per-use resources are listed ' +
        'for resale customers only: the partner cannot see those of consultative-sales customers. A page costs one call to ' +
        'each list it needs (both, for a resale customer, since the total counts both).',
      args: {
        chargeMode: t.arg({ type: ResourceChargeMode, description: 'Only one of the two lists.' }),
        serviceTypeCode: t.arg.string({ description: 'Only resources of this service type, e.g. `hws.service.type.ec2`.' }),
        status: t.arg({ type: ResourceStatus, description: 'Only resources in this status (a list that cannot hold it is skipped).' }),
        onlyMainResources: t.arg.boolean({ description: 'Yearly/monthly: main resources only, without attached ones (`only_main_resource` 1).' }),
      },
      resolve: (customer, args, ctx: Ctx) => {
        primeCustomer(ctx, customer);
        const status = checkStatusFilter(args.status);
        return customerResourcesConnection(ctx, customer, args, {
          chargeMode: args.chargeMode,
          serviceTypeCode: args.serviceTypeCode,
          statusFiltered: status !== null,
          periodStatusCodes: status ? periodStatusCodes(status) : null,
          onDemandStatusCode: status ? (onDemandStatusCodes(status)[0] ?? null) : null,
          onlyMain: args.onlyMainResources ?? undefined,
        });
      },
    },
    ResourceConnection,
  ),
  periodResources: t.connection(
    {
      type: PeriodResource,
      nullable: true,
      description:
        'The customer\'s yearly/monthly resources. Upstream: ListPayPerUseCustomerResources ' +
        '`POST /v2/orders/suscriptions/resources/query`, one call per page of ≤ 100 (a reseller\'s customer is asked with its own token).',
      args: {
        serviceTypeCode: t.arg.string({ description: 'Only this service type (`service_type_code`).' }),
        statuses: t.arg({
          type: [ResourceStatus],
          description: 'Only these statuses (`status_list`); each must be one a yearly/monthly resource can have (IN_USE, CLOSED, FROZEN, EXPIRED).',
        }),
        expireFrom: t.arg({ type: 'DateTime', description: 'Expiring at or after (`expire_time_begin`).' }),
        expireTo: t.arg({ type: 'DateTime', description: 'Expiring at or before (`expire_time_end`).' }),
        onlyMainResources: t.arg.boolean({ description: 'Main resources only (`only_main_resource` 1).' }),
      },
      resolve: (customer, args, ctx: Ctx) => {
        primeCustomer(ctx, customer);
        const statusCodes = (args.statuses ?? []).flatMap((s) => {
          const codes = periodStatusCodes(checkStatusFilter(s, 'statuses')!);
          if (codes.length === 0) throw invalidStatus('statuses', s, 'yearly/monthly');
          return codes;
        });
        return periodResourcesConnection(ctx, scopeOfCustomer(customer), args, {
          serviceTypeCode: args.serviceTypeCode,
          statusCodes,
          expireFrom: args.expireFrom,
          expireTo: args.expireTo,
          onlyMain: args.onlyMainResources ?? undefined,
        });
      },
    },
    PeriodResourceConnection,
  ),
  onDemandResources: t.connection(
    {
      type: OnDemandResource,
      nullable: true,
      description:
        'The customer\'s pay-per-use resources. Upstream: ListCustomerOnDemandResources ' +
        '`POST /v2/partners/sub-customers/on-demand-resources/query`, one call per page of ≤ 100; resale customers only ' +
        '(empty, without a call, for a consultative-sales customer).',
      args: {
        serviceTypeCode: t.arg.string({ description: 'Only this service type (`service_type_code`).' }),
        regionCode: t.arg.string({ description: 'Only this region (`region_code`), e.g. `cn-north-4`.' }),
        status: t.arg({
          type: ResourceStatus,
          description: 'Only this status (`status`); one a pay-per-use resource can have (IN_USE, GRACE_PERIOD, FROZEN, CHANGING, CLOSING, CLOSED).',
        }),
        effectiveFrom: t.arg({ type: 'DateTime', description: 'Effective at or after (`effective_time_begin`).' }),
        effectiveTo: t.arg({ type: 'DateTime', description: 'Effective at or before (`effective_time_end`).' }),
      },
      resolve: (customer, args, ctx: Ctx) => {
        primeCustomer(ctx, customer);
        const status = checkStatusFilter(args.status);
        const code = status ? onDemandStatusCodes(status)[0] : undefined;
        if (status && code === undefined) throw invalidStatus('status', status, 'pay-per-use');
        return onDemandResourcesConnection(ctx, customer, args, {
          serviceTypeCode: args.serviceTypeCode,
          regionCode: args.regionCode,
          statusCode: code,
          effectiveFrom: args.effectiveFrom,
          effectiveTo: args.effectiveTo,
        });
      },
    },
    OnDemandResourceConnection,
  ),
}));

builder.objectField(Order, 'resources', (t) =>
  t.connection(
    {
      type: PeriodResource,
      nullable: true,
      description:
        'The yearly/monthly resources the order bought, renewed or changed. Upstream: ListPayPerUseCustomerResources with ' +
        '`order_id` and the order\'s customer, one call per page of ≤ 100. Only provisioned resources are listed.',
      resolve: (order, args, ctx) => orderResourcesConnection(ctx, order, args),
    },
    PeriodResourceConnection,
  ),
);

function invalidStatus(argument: string, status: string, list: string) {
  return new GraphQLError(`"${argument}": a ${list} resource is never ${status}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

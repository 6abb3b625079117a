/**
 * 95th-percentile ("95 billing") bandwidth through the customer's token (bss-api-commerce.md §4.8–4.9): the
 * month's billed bandwidth of each resource (`Customer.percentileUsage`), and one resource's month with its
 * 5-minute points (`Resource.percentileUsage`).
 */
import { openCycleOf } from '../context.js';
import { usage95Detail, usage95PointsConnection, usage95SummaryConnection } from '../resolvers/customer-costs.js';
import { customerEdge } from '../resolvers/id-edges.js';
import { type Usage95DetailShape, type Usage95PointShape, type Usage95SummaryShape, type Usage95Type } from '../sources/usage-95.js';
import { builder } from './builder.js';
import { Customer } from './customer.js';
import { Resource } from './resource.js';

const TOKEN_NOTE = 'Customer-only: through the customer\'s token; CUSTOMER_AGENCY_NOT_GRANTED when it granted no agency.';

const PercentileUsageType = builder.enumType('PercentileUsageType', {
  description: 'The 95th-percentile usage types (`usage_type` of §4.8/4.9), exactly as Huawei spells them.',
  values: {
    PEAK_95: { value: '95Peak', description: '`95Peak`: 95th-percentile peak.' },
    PEAK_95_1000: { value: '95peak_1000', description: '`95peak_1000` (lower-case p).' },
    PEAK_95_1000_CAPITALISED: { value: '95Peak_1000', description: '`95Peak_1000` (capital P): Huawei lists both spellings as distinct codes.' },
    BANDWIDTH_PEAK_95: { value: 'bandwidth95peak', description: '`bandwidth95peak`.' },
    PEAK_95_PLUS: { value: '95peak_plus', description: '`95peak_plus`.' },
  } satisfies Record<string, { value: Usage95Type; description: string }>,
});

const monthlyFields = {
  actualDays: { description: 'Days with reported 5-minute points (points / 288).' },
  bandwidth: { description: 'The billed 95th-percentile bandwidth; null for the open month.' },
  monthlyGuaranteedBandwidth: { description: 'The month\'s guaranteed bandwidth.' },
  monthlyPeakBandwidth: { description: 'The month\'s peak bandwidth.' },
} as const;

const PercentileUsageSummary = builder.objectRef<Usage95SummaryShape>('PercentileUsageSummary').implement({
  description:
    'One resource\'s 95th-percentile bandwidth in a month: ListResourceUsageSummary `GET /v2/bills/customer-bills/resources/usage/summary` ' +
    '(`StatUsageSummaryInfo`, §4.8). Decimal text on the wire, exact here.',
  fields: (t) => ({
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource.' }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer: free when only its id is asked, else the customer loader.',
      resolve: (s, _args, ctx, info) => customerEdge(ctx, info, s.customerId, null),
    }),
    actualDays: t.expose('actualDays', { type: 'Decimal', nullable: true, ...monthlyFields.actualDays }),
    bandwidth: t.expose('bandwidth', { type: 'Decimal', nullable: true, ...monthlyFields.bandwidth }),
    monthlyGuaranteedBandwidth: t.expose('monthlyGuaranteedBandwidth', { type: 'Decimal', nullable: true, ...monthlyFields.monthlyGuaranteedBandwidth }),
    monthlyPeakBandwidth: t.expose('monthlyPeakBandwidth', { type: 'Decimal', nullable: true, ...monthlyFields.monthlyPeakBandwidth }),
    bandwidthMeasureId: t.exposeInt('bandwidthMeasureId', { nullable: true, description: 'Unit of the bandwidths (see `measureUnits`).' }),
  }),
});

const PercentileUsagePoint = builder.objectRef<Usage95PointShape>('PercentileUsagePoint').implement({
  description: 'One 5-minute point of a resource\'s bandwidth (`StatUsageInfo`, ListResourceUsage §4.9).',
  fields: (t) => ({
    time: t.expose('time', { type: 'DateTime', nullable: true, description: 'The point\'s time (`stat_time`, UTC).' }),
    usage: t.expose('usage', { type: 'Decimal', nullable: true, description: 'The bandwidth used.' }),
    guaranteedBandwidth: t.expose('guaranteedBandwidth', { type: 'Decimal', nullable: true, description: 'The guaranteed bandwidth at that time.' }),
    measureId: t.exposeInt('measureId', { nullable: true, description: 'Unit of the values (see `measureUnits`).' }),
  }),
});

const PercentileUsagePointConnection = builder.connectionObject(
  { type: PercentileUsagePoint, name: 'PercentileUsagePointConnection' },
  { name: 'PercentileUsagePointEdge' },
);

const PercentileUsage = builder.objectRef<Usage95DetailShape>('PercentileUsage').implement({
  description:
    'One resource\'s 95th-percentile month: ListResourceUsage `GET /v2/bills/customer-bills/resources/usage/details` (§4.9), ' +
    'the monthly figures and the 5-minute points.',
  fields: (t) => ({
    actualDays: t.expose('actualDays', { type: 'Decimal', nullable: true, ...monthlyFields.actualDays }),
    bandwidth: t.expose('bandwidth', { type: 'Decimal', nullable: true, ...monthlyFields.bandwidth }),
    monthlyGuaranteedBandwidth: t.expose('monthlyGuaranteedBandwidth', { type: 'Decimal', nullable: true, ...monthlyFields.monthlyGuaranteedBandwidth }),
    monthlyPeakBandwidth: t.expose('monthlyPeakBandwidth', { type: 'Decimal', nullable: true, ...monthlyFields.monthlyPeakBandwidth }),
    bandwidthMeasureId: t.exposeInt('bandwidthMeasureId', { nullable: true, description: 'Unit of the bandwidths (see `measureUnits`).' }),
    points: t.connection(
      {
        type: PercentileUsagePoint,
        description: 'The 5-minute points: the first 1000 come with the month (no further call); later windows 1 call per 1000.',
        resolve: (d, args, ctx) => usage95PointsConnection(ctx, d, args),
      },
      PercentileUsagePointConnection,
    ),
  }),
});

const PercentileUsageSummaryConnection = builder.connectionObject(
  { type: PercentileUsageSummary, name: 'PercentileUsageSummaryConnection' },
  { name: 'PercentileUsageSummaryEdge' },
);

const CYCLE_ARG = 'The billing cycle, `YYYY-MM` (UTC+8): the current one or one of the 17 before it.';

builder.objectField(Customer, 'percentileUsage', (t) =>
  t.connection(
    {
      type: PercentileUsageSummary,
      nullable: true,
      description:
        'The 95th-percentile bandwidth of the customer\'s resources of one type in a month. Upstream: ListResourceUsageSummary ' +
        `\`GET /v2/bills/customer-bills/resources/usage/summary\` (§4.8), one call per page of ≤ 1000. ${TOKEN_NOTE}`,
      args: {
        cycle: t.arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG }),
        serviceTypeCode: t.arg.string({ required: true, description: '`hws.service.type.cdn`, `.obs`, `.vpc` or `.iec`.' }),
        resourceTypeCode: t.arg.string({ required: true, description: '`hws.resource.type.cdn`, `.obs`, `.bandwidth` or `.edgebandwidth`.' }),
        usageType: t.arg({ type: PercentileUsageType, required: true, description: 'The 95th-percentile usage type.' }),
      },
      resolve: (c, args, ctx) =>
        usage95SummaryConnection(
          ctx,
          { customerId: c.customerId, cycle: args.cycle, serviceTypeCode: args.serviceTypeCode, resourceTypeCode: args.resourceTypeCode, usageType: args.usageType },
          openCycleOf(ctx),
          args,
        ),
    },
    PercentileUsageSummaryConnection,
  ),
);

builder.interfaceField(Resource, 'percentileUsage', (t) =>
  t.field({
    type: PercentileUsage,
    nullable: true,
    description:
      'The resource\'s 95th-percentile bandwidth in a month, with its 5-minute points (bandwidth, CDN, OBS, edge bandwidth ' +
      `resources). Upstream: ListResourceUsage \`GET /v2/bills/customer-bills/resources/usage/details\` (§4.9), 1 call per resource. ${TOKEN_NOTE} ` +
      'Null (no call) for a resource without a service and resource type.',
    args: {
      cycle: t.arg({ type: 'BillingCycle', required: true, description: CYCLE_ARG }),
      usageType: t.arg({ type: PercentileUsageType, required: true, description: 'The 95th-percentile usage type.' }),
    },
    resolve: (r, args, ctx) => {
      if (!r.serviceTypeCode || !r.resourceTypeCode) return null;
      return usage95Detail(
        ctx,
        { customerId: r.customerId, resourceId: r.resourceId, cycle: args.cycle, serviceTypeCode: r.serviceTypeCode, resourceTypeCode: r.resourceTypeCode, usageType: args.usageType },
        openCycleOf(ctx),
      );
    },
  }),
);

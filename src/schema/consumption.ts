/**
 * Consumption views (ListSubCustomerBillDetail §4.2): `consumption(…)` on `Customer`, `IndirectPartner` and
 * `Partner`: exact decimal totals, breakdowns and the records (consumption-record.ts), for one cycle or a range.
 * Behaviour lives in src/resolvers/consumption.ts (views, sums), consumption-pull.ts (partner-wide pulls) and
 * usage-conversion.ts; loaders in src/loaders/bill-loaders.ts; upstream costs in docs/cost/bills.md.
 */
import { scopeFor, wholeScopeFor } from '../auth/scope.js';
import { openCycleOf, type GraphQLContext } from '../context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { billCustomer, selectsCustomerDetails } from '../resolvers/bill.js';
import {
  consumptionBreakdown, consumptionByCycle, consumptionSource, consumptionCycles, consumptionRecordsConnection, consumptionSums, liveViewOf,
  type ConsumptionGroupShape, type CycleSourceShape, type ConsumptionSums, type ConsumptionViewShape, type CycleArgs, type CycleConsumptionShape,
} from '../resolvers/consumption.js';
import { consumptionPullKey, type ConsumptionQuery } from '../sources/consumption-records.js';
import { primeCustomer } from '../resolvers/customer.js';
import { regionByCode } from '../sources/geography.js';
import { resourceTypeByCode, serviceTypeByCode } from '../sources/reference.js';
import { builder } from './builder.js';
import { ConsumptionRecord, ConsumptionRecordConnection } from './consumption-record.js';
import { BillDetailType, ChargeMode, billDetailTypeFilter, chargeMode, chargeModeFilter } from './bill-enums.js';
import { Customer } from './customer.js';
import { Region } from './geography.js';
import { IndirectPartner } from './indirect-partner.js';
import { Partner } from './partner.js';
import { ResourceType, ServiceType } from './reference.js';


type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------------------
// Breakdowns

/** The exact sums every breakdown row carries. */
function sumFields<S extends ConsumptionSums>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, S>) {
  return {
    amount: t.field({ type: 'Decimal', description: 'Exact sum of the records\' `paymentAmount` (amount due), unrounded.', resolve: (s) => s.amount }),
    officialAmount: t.field({ type: 'Decimal', description: 'Exact sum of the records\' `officialAmount` (list price).', resolve: (s) => s.officialAmount }),
    discountAmount: t.field({ type: 'Decimal', description: 'Exact sum of the records\' `discountAmount`.', resolve: (s) => s.discountAmount }),
    recordCount: t.int({ description: 'How many records the sums cover.', resolve: (s) => s.recordCount }),
  };
}

const ServiceTypeConsumption = builder.objectRef<ConsumptionGroupShape>('ServiceTypeConsumption').implement({
  description: 'The consumption of one service type: exact sums over its records.',
  fields: (t) => ({
    serviceType: t.field({
      type: ServiceType,
      description: 'The service type, from the cached catalogue.',
      resolve: (g, _args, ctx) => serviceTypeByCode(ctx, g.key, g.sample.serviceTypeName),
    }),
    ...sumFields(t),
  }),
});

const ResourceTypeConsumption = builder.objectRef<ConsumptionGroupShape>('ResourceTypeConsumption').implement({
  description: 'The consumption of one resource type: exact sums over its records.',
  fields: (t) => ({
    resourceType: t.field({
      type: ResourceType,
      description: 'The resource type, from the cached catalogue.',
      resolve: (g, _args, ctx) => resourceTypeByCode(ctx, g.key, g.sample.resourceTypeName),
    }),
    ...sumFields(t),
  }),
});

const RegionConsumption = builder.objectRef<ConsumptionGroupShape>('RegionConsumption').implement({
  description: 'The consumption in one region (or of records without a region): exact sums over its records.',
  fields: (t) => ({
    regionCode: t.string({ nullable: true, description: 'The region code (`region_code`); null for records without one.', resolve: (g) => g.key || null }),
    region: t.field({
      type: Region,
      nullable: true,
      description: 'The region; null for records without one.',
      resolve: (g, _args, ctx) => (g.key ? regionByCode(ctx, g.key, g.sample.regionName) : null),
    }),
    ...sumFields(t),
  }),
});

const ChargeModeConsumption = builder.objectRef<ConsumptionGroupShape>('ChargeModeConsumption').implement({
  description: 'The consumption of one charge mode: exact sums over its records.',
  fields: (t) => ({
    chargeMode: t.field({ type: ChargeMode, description: 'The charge mode (E1).', resolve: (g) => chargeMode(g.sample.chargeModeCode) }),
    chargeModeCode: t.int({ nullable: true, description: 'The raw `charging_mode` code (E1).', resolve: (g) => g.sample.chargeModeCode }),
    ...sumFields(t),
  }),
});

const CycleConsumption = builder.objectRef<CycleConsumptionShape>('CycleConsumption').implement({
  description: 'The consumption of one billing cycle of the view\'s range: exact sums over its records (zero for a cycle without any).',
  fields: (t) => ({
    cycle: t.field({ type: 'BillingCycle', description: 'The billing cycle.', resolve: (c) => c.cycle }),
    ...sumFields(t),
  }),
});

const CustomerConsumptionSum = builder.objectRef<ConsumptionGroupShape>('CustomerConsumptionSum').implement({
  description: 'The consumption of one customer within a partner-wide view: exact sums over its records.',
  fields: (t) => ({
    customerId: t.string({ description: 'The customer account id.', resolve: (g) => g.sample.customerId }),
    indirectPartnerId: t.string({
      nullable: true,
      description: 'The reseller whose customer it is (the scope its records were read in); null for the partner\'s own.',
      resolve: (g) => g.sample.indirectPartnerId,
    }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer, as the pull listed it (no further call).',
      resolve: (g, _args, ctx, info) => billCustomer(ctx, info, g.sample.customerId, g.sample.indirectPartnerId),
    }),
    ...sumFields(t),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// The views

const VIEW_COST =
  'Computed from every record of the view, shared by every field of it in one request (see docs/cost/bills.md).';

/**
 * Makes `customer` under a partner-wide view's records and rows cost nothing: the customers the pull listed
 * (a reseller's, listed to be enumerated) are primed as they arrive. The partner's own customers come from
 * ListConsumeSubCustomers, ids only; they are listed (ListSubCustomers, 100 a page) only when the query asks
 * a `customer` for more than its id, so a BI pull of amounts pays no call for names it does not show.
 */
async function primePulled(ctx: GraphQLContext, view: ConsumptionViewShape, info: GraphQLResolveInfo): Promise<void> {
  // The cycles the store answers pull nothing: their customers are looked up only where a query asks for them.
  const pulled = view.kind === 'partner' ? await liveViewOf(ctx, view) : null;
  if (!pulled || pulled.kind !== 'partner') return;
  const live = await ctx.loaders.consumptionPull.load(consumptionPullKey(pulled.scope, pulled.cycles));
  live.onCustomer((c) => primeCustomer(ctx, c));
  if ((pulled.scope === 'all' || pulled.scope === null) && selectsCustomerDetails(info)) {
    // Should the listing fail, each customer is looked up on its own instead (its error on that field).
    await ctx.loaders.allCustomersOf(null).catch(() => undefined);
  }
}

async function breakdown(ctx: GraphQLContext, view: ConsumptionViewShape, dimension: Parameters<typeof consumptionBreakdown>[2]) {
  return consumptionBreakdown(ctx, view, dimension);
}

const ConsumptionSource = builder.enumType('ConsumptionSource', {
  description: 'Where a consumption view\'s answers (or one cycle of them) come from.',
  values: {
    STORE: { description: 'The state store: every cycle is synced for the view\'s scope; no upstream call.' },
    LIVE: { description: 'A live pull from the upstream (a cycle not synced yet, or a filter the store does not index).' },
    MIXED: {
      description:
        'Some cycles of the view from the store, the others live (`cycles` says which); sums and breakdowns add both exactly, and ' +
        'only the live cycles cost upstream calls.',
    },
  },
});

const ConsumptionCycleSource = builder.objectRef<CycleSourceShape>('ConsumptionCycleSource').implement({
  description: 'Where one cycle of a consumption view is answered from.',
  fields: (t) => ({
    cycle: t.field({ type: 'BillingCycle', description: 'The billing cycle.', resolve: (c) => c.cycle }),
    source: t.field({ type: ConsumptionSource, description: '`STORE` when the cycle is synced for the view\'s scope (a customer\'s view: that customer in the cycle), else `LIVE`.', resolve: (c) => c.source }),
    syncedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'With `source: STORE`: when the cycle became completely synced for the view\'s scope (a customer\'s view: when that ' +
        'customer was synced in it, or the cycle was listed without it, so with no records); null when live.',
      resolve: (c) => c.syncedAt,
    }),
  }),
});

function viewFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, ConsumptionViewShape>) {
  return {
    source: t.field({
      type: ConsumptionSource,
      description:
        'Where this view is answered from: `STORE` when every cycle of it is synced for its scope (docs/store.md), `LIVE` when ' +
        'none is (or a filter the store does not index), `MIXED` when some are: each cycle is answered from the store when it ' +
        'is synced, live otherwise (`cycles` says which).',
      resolve: async (v, _args, ctx) => (await consumptionSource(ctx, v)).source,
    }),
    syncedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'With `source: STORE` or `MIXED`: when the stored part was synced (the oldest of its stored cycles\' completion); null when live.',
      resolve: async (v, _args, ctx) => (await consumptionSource(ctx, v)).syncedAt,
    }),
    cycles: t.field({
      type: [ConsumptionCycleSource],
      description: 'Each cycle of the view, oldest first, and where it is answered from. No upstream call.',
      resolve: async (v, _args, ctx) => (await consumptionSource(ctx, v)).cycles,
    }),
    cycle: t.field({
      type: 'BillingCycle',
      nullable: true,
      description: 'The billing cycle of a single-cycle view; null for a range (see `fromCycle`, `toCycle`).',
      resolve: (v) => (v.cycles.length === 1 ? v.cycles[0]! : null),
    }),
    fromCycle: t.field({ type: 'BillingCycle', description: 'The first cycle of the view (inclusive).', resolve: (v) => v.cycles[0]! }),
    toCycle: t.field({ type: 'BillingCycle', description: 'The last cycle of the view (inclusive).', resolve: (v) => v.cycles[v.cycles.length - 1]! }),
    total: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`paymentAmount\` (amount due) over every record of the view, unrounded. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).amount,
    }),
    officialTotal: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`officialAmount\` (list price) over the same records. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).officialAmount,
    }),
    discountTotal: t.field({
      type: 'Decimal',
      nullable: true,
      description: `Exact sum of \`discountAmount\` over the same records. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).discountAmount,
    }),
    recordCount: t.int({
      nullable: true,
      description: `How many records the view has. ${VIEW_COST}`,
      resolve: async (v, _args, ctx) => (await consumptionSums(ctx, v)).recordCount,
    }),
    byServiceType: t.field({
      type: [ServiceTypeConsumption],
      nullable: true,
      description: `Exact sums per service type, ordered by service type code; they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'serviceType'),
    }),
    byResourceType: t.field({
      type: [ResourceTypeConsumption],
      nullable: true,
      description: `Exact sums per resource type, ordered by resource type code; they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'resourceType'),
    }),
    byRegion: t.field({
      type: [RegionConsumption],
      nullable: true,
      description: `Exact sums per region, ordered by region code (records without a region first); they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'region'),
    }),
    byChargeMode: t.field({
      type: [ChargeModeConsumption],
      nullable: true,
      description: `Exact sums per charge mode, ordered by E1 code; they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => breakdown(ctx, v, 'chargeMode'),
    }),
    byCycle: t.field({
      type: [CycleConsumption],
      nullable: true,
      description: `Exact sums per cycle, every cycle of the range oldest first (a trend); they add up to \`total\`. ${VIEW_COST}`,
      resolve: (v, _args, ctx) => consumptionByCycle(ctx, v),
    }),
    records: t.connection(
      {
        type: ConsumptionRecord,
        nullable: true,
        description:
          'The records: cycle by cycle in upstream order (a partner-wide view: customer by customer, own customers in the ' +
          'order ListConsumeSubCustomers names them, then each reseller\'s in listing order, then cycle by cycle). A single ' +
          'customer\'s single cycle alone costs one call per ≤ 1000 rows of the page; otherwise, and whenever sums are asked ' +
          'too, it is a slice of the view\'s walk, no extra call. On a partner-wide view a forward window (`first`/`after`) ' +
          'streams: each record is executed as its page arrives, and the pull stops once the operation is answered. ' +
          'Across the store/live boundary (`source: MIXED`, `cycles` says which cycle is which) the pages still run cycle by ' +
          'cycle, oldest first, and one page may cross from a stored cycle into a live one and back: a stored cycle\'s records ' +
          'come in the store\'s keyset order (not upstream order) and cost no call, a live cycle\'s in upstream order. Every ' +
          'cursor names its cycle and stays valid across the boundary, a stored one also once the rest of the range is synced; ' +
          'a cursor whose cycle has changed source since (synced meanwhile, or live again after a failed or stale sync) is ' +
          'refused (BAD_USER_INPUT naming `after` or `before`): ' +
          'start again from the first page. Whenever a cycle comes from the store, page forward with `first`/`after` or ' +
          'backward with `last`/`before` (mixing them is BAD_USER_INPUT). A page that stays in stored cycles makes no ' +
          'upstream call unless `totalCount` is asked while some cycle is live (it counts the live cycles\' whole pull).',
        resolve: async (v, args, ctx, info) => {
          await primePulled(ctx, v, info);
          return consumptionRecordsConnection(ctx, v, args);
        },
      },
      ConsumptionRecordConnection,
    ),
  };
}

const CustomerConsumption = builder.objectRef<ConsumptionViewShape>('CustomerConsumption').implement({
  description:
    'A customer\'s consumption in one cycle or a range of cycles as the partner sees it (ListSubCustomerBillDetail ' +
    '`GET /v2/bills/subcustomer-bills/res-fee-records`, §4.2). Sums are exact decimal sums of the 8-decimal record amounts; ' +
    'Huawei warns they need not equal the 2-decimal monthly sums (§0.6).',
  fields: (t) => viewFields(t),
});

const PartnerConsumption = builder.objectRef<ConsumptionViewShape>('PartnerConsumption').implement({
  description:
    'Consumption across many customers in one cycle or a range (the partner\'s own and every reseller\'s under `Partner`, ' +
    'one reseller\'s under `IndirectPartner`), pulled customer by customer within the upstream rate budget. Sums are exact ' +
    'decimal sums of the 8-decimal record amounts. Own customers without consumption in a cycle (ListConsumeSubCustomers §4.3) ' +
    'are not asked for it.',
  fields: (t) => ({
    ...viewFields(t),
    byCustomer: t.field({
      type: [CustomerConsumptionSum],
      nullable: true,
      description: `Exact sums per customer, ordered by reseller (own customers first) then customer id; they add up to \`total\`. ${VIEW_COST}`,
      resolve: async (v, _args, ctx, info) => {
        await primePulled(ctx, v, info);
        return breakdown(ctx, v, 'customer');
      },
    }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// The fields

const CYCLE_ARGS_DESCRIPTION = {
  cycle: 'The billing cycle, `YYYY-MM` (UTC+8). Give `cycle`, or `fromCycle` and `toCycle`; not a future cycle.',
  fromCycle: 'The first cycle of a range (inclusive); with `toCycle`. A range spans at most 18 cycles (records are kept 18 months).',
  toCycle: 'The last cycle of a range (inclusive), not after the current cycle (UTC+8).',
};

/** The cycles asked for, validated against the current cycle (the bill cache's clock, else the gateway's). */
function cyclesOf(ctx: GraphQLContext, args: CycleArgs): string[] {
  return consumptionCycles(args, openCycleOf(ctx));
}

builder.objectFields(Customer, (t) => ({
  consumption: t.field({
    type: CustomerConsumption,
    nullable: true,
    description:
      'The customer\'s consumption records of one cycle or a range and their exact sums (ListSubCustomerBillDetail §4.2, ' +
      'partner credentials; records are kept 18 months). Costs nothing by itself: see its fields. A reseller API key sees ' +
      'its own reseller\'s customers only (FORBIDDEN otherwise).',
    args: {
      cycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.cycle }),
      fromCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.fromCycle }),
      toCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.toCycle }),
      serviceTypeCode: t.arg.string({ description: 'Only this service type (`service_type_code`).' }),
      regionCode: t.arg.string({ description: 'Only this region (`region_code`), e.g. `cn-north-4`.' }),
      chargeMode: t.arg({ type: ChargeMode, description: 'Only this charge mode (`charging_mode`).' }),
      billType: t.arg({ type: BillDetailType, description: 'Only this bill type (`bill_detail_type`, E2).' }),
      resourceId: t.arg.string({ description: 'Only this resource (`resource_id`).' }),
      resourceName: t.arg.string({ description: 'Only resources of this name (`resource_name`).' }),
      tradeId: t.arg.string({ description: 'Only this order or transaction (`trade_id`).' }),
      billDateBegin: t.arg.string({ description: 'First day, `YYYY-MM-DD` in the cycle (`bill_date_begin`); give both days or neither.' }),
      billDateEnd: t.arg.string({ description: 'Last day, `YYYY-MM-DD` in the cycle (`bill_date_end`).' }),
    },
    resolve: (customer, args, ctx): ConsumptionViewShape => {
      scopeFor(ctx.caller, customer.indirectPartnerId);
      const cycles = cyclesOf(ctx, args);
      // Records listed here lead back to this customer: no lookup for `record.customer`.
      primeCustomer(ctx, customer);
      const query: ConsumptionQuery = {
        customerId: customer.customerId,
        indirectPartnerId: customer.indirectPartnerId,
        cycle: cycles[0]!,
        serviceTypeCode: args.serviceTypeCode,
        regionCode: args.regionCode,
        chargeMode: chargeModeFilter(args.chargeMode),
        billType: billDetailTypeFilter(args.billType),
        resourceId: args.resourceId,
        resourceName: args.resourceName,
        tradeId: args.tradeId,
        billDateBegin: args.billDateBegin,
        billDateEnd: args.billDateEnd,
      };
      return { kind: 'customer', query, cycles };
    },
  }),
}));

const PULL_COST =
  'Upstream: the own customers that consumed per cycle (ListConsumeSubCustomers, pages of 100), each reseller\'s customers ' +
  '(ListSubCustomers, pages of 100; the own customers too only when a `customer` is asked for more than its id), then each ' +
  'customer\'s records per cycle (ListSubCustomerBillDetail, ' +
  'pages of 1000), customers concurrently within the per-API rate budget; closed cycles come from the bill cache. ' +
  'Formula: docs/cost/bills.md.';

builder.objectField(Partner, 'consumption', (t) =>
  t.field({
    type: PartnerConsumption,
    nullable: true,
    description:
      'Consumption of the whole business in one cycle or a range: the partner\'s own customers and every reseller\'s ' +
      `(a reseller API key: that reseller's customers only). ${PULL_COST}`,
    args: {
      cycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.cycle }),
      fromCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.fromCycle }),
      toCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.toCycle }),
    },
    resolve: (_partner, args, ctx): ConsumptionViewShape => ({ kind: 'partner', scope: wholeScopeFor(ctx.caller), cycles: cyclesOf(ctx, args) }),
  }),
);

builder.objectField(IndirectPartner, 'consumption', (t) =>
  t.field({
    type: PartnerConsumption,
    nullable: true,
    description: `Consumption of the reseller's customers in one cycle or a range (read with \`indirect_partner_id\`). ${PULL_COST}`,
    args: {
      cycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.cycle }),
      fromCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.fromCycle }),
      toCycle: t.arg({ type: 'BillingCycle', description: CYCLE_ARGS_DESCRIPTION.toCycle }),
    },
    resolve: (p, args, ctx): ConsumptionViewShape => {
      const scope = scopeFor(ctx.caller, p.indirectPartnerId) ?? p.indirectPartnerId;
      return { kind: 'partner', scope, cycles: cyclesOf(ctx, args) };
    },
  }),
);

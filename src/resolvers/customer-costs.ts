/**
 * A customer's own cost data and 95th-percentile usage as connections, and price quotes, each through the
 * customer's token where the endpoint is customer-only. Upstream access and wire mapping:
 * src/sources/customer-costs.ts (§4.5–4.7, §4.10–4.11), src/sources/usage-95.ts (§4.8–4.9),
 * src/sources/price-quotes.ts (§4.12–4.14). Arguments the upstream would refuse are refused here first.
 */
import type { GraphQLContext } from '../context.js';
import {
  amortizedCostsList, costsList, feeRecordsList, resourceBillsList, resourceDetailBillsList,
  type AmortizedCostShape, type CostFilters, type CostGroupShape, type CostQuery, type DetailStatistic, type FeeRecordShape,
  type ResourceBillShape, type ResourceDetailBillShape,
} from '../sources/customer-costs.js';
import {
  quoteOnDemand, quotePeriod, quoteRenewal,
  type OnDemandProductToPrice, type PeriodProductToPrice, type QuoteShape, type RenewalQuoteShape,
} from '../sources/price-quotes.js';
import { fetchUsage95Page, usage95PointsList, usage95SummaryList, type Usage95DetailShape, type Usage95PointShape, type Usage95Query, type Usage95SummaryShape } from '../sources/usage-95.js';
import { ListOnDemandResourceRatings, ListRenewRateOnPeriod } from '../bss/operations/bills/index.js';
import type { ConnectionArgs, OffsetConnection } from './connection.js';
import { offsetConnection } from './connection.js';
import { endpointConnection, readPage } from './endpoint-connection.js';
import { badInput, checkCycle } from './input.js';

type Ctx = GraphQLContext;

/** §4.5 with the customer's token. */
export function feeRecordsConnection(ctx: Ctx, customerId: string, cycle: string, openCycle: string, args: ConnectionArgs, f: CostFilters): Promise<OffsetConnection<FeeRecordShape>> {
  return endpointConnection(ctx, args, feeRecordsList(customerId, ctx.language, checkCycle(cycle, openCycle), f));
}

/** §4.6 with the customer's token. */
export function resourceBillsConnection(ctx: Ctx, customerId: string, cycle: string, openCycle: string, args: ConnectionArgs, f: CostFilters): Promise<OffsetConnection<ResourceBillShape>> {
  return endpointConnection(ctx, args, resourceBillsList(customerId, ctx.language, checkCycle(cycle, openCycle), f));
}

/** §4.7 with the customer's token; resource detail bills exist from 2019-01 and are kept as long as the bills are. */
export function resourceDetailBillsConnection(
  ctx: Ctx, customerId: string, cycle: string, openCycle: string, statistic: DetailStatistic, args: ConnectionArgs, f: CostFilters,
): Promise<OffsetConnection<ResourceDetailBillShape>> {
  return endpointConnection(ctx, args, resourceDetailBillsList(customerId, ctx.language, checkCycle(cycle, openCycle), f, statistic));
}

/** §4.10 with the customer's token: Cost Center keeps the last 18 months. */
export function amortizedCostsConnection(ctx: Ctx, customerId: string, month: string, openCycle: string, args: ConnectionArgs, f: CostFilters): Promise<OffsetConnection<AmortizedCostShape>> {
  return endpointConnection(ctx, args, amortizedCostsList(customerId, ctx.language, checkCycle(month, openCycle, 'month'), f));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** §4.11 with the customer's token; the time window's form follows its unit, ≤ 2 groupings. */
export function costsConnection(ctx: Ctx, customerId: string, args: ConnectionArgs, q: CostQuery): Promise<OffsetConnection<CostGroupShape>> {
  const form = q.timeMeasureId === 1 ? DAY : MONTH;
  for (const [name, value] of [['from', q.begin], ['to', q.end]] as const) {
    if (!form.test(value)) throw badInput(`"${name}" must be ${q.timeMeasureId === 1 ? 'a day, YYYY-MM-DD' : 'a month, YYYY-MM'} for this granularity (got ${JSON.stringify(value)})`, name);
  }
  if (q.begin > q.end) throw badInput('"from" must not be later than "to"', 'from');
  if (q.groupBy.length > 2) throw badInput('"groupBy" takes at most 2 groupings, as the upstream requires', 'groupBy');
  if (q.filters.length > 100) throw badInput('"filters" takes at most 100 filters, as the upstream requires', 'filters');
  return endpointConnection(ctx, args, costsList(customerId, ctx.language, q));
}

/** §4.8 with the customer's token. */
export function usage95SummaryConnection(ctx: Ctx, q: Usage95Query, openCycle: string, args: ConnectionArgs): Promise<OffsetConnection<Usage95SummaryShape>> {
  return endpointConnection(ctx, args, usage95SummaryList(ctx.language, { ...q, cycle: checkCycle(q.cycle, openCycle) }));
}

/** §4.9 for one resource: the first page of points comes with the monthly figures (one call). */
export function usage95Detail(ctx: Ctx, q: Usage95Query & { readonly resourceId: string }, openCycle: string): Promise<Usage95DetailShape> {
  return fetchUsage95Page(ctx, ctx.language, { ...q, cycle: checkCycle(q.cycle, openCycle) }, 0, 1000);
}

/** The points of a detail: from its first page when the window lies in it, further pages of 1000 otherwise. */
export function usage95PointsConnection(ctx: Ctx, detail: Usage95DetailShape, args: ConnectionArgs): Promise<OffsetConnection<Usage95PointShape>> {
  const first = detail.firstPoints;
  const list = usage95PointsList(ctx.language, detail.query);
  return offsetConnection(
    args,
    async (offset, limit) => {
      if (offset + limit <= first.length || (detail.totalPoints !== null && detail.totalPoints <= first.length)) return { items: first.slice(offset, offset + limit), total: detail.totalPoints };
      return readPage(ctx, list, offset, limit);
    },
    { ...ctx.limits, pageMax: 1000 },
  );
}

function checkProducts(count: number, max: number): void {
  if (count === 0) throw badInput('"products" must name at least one product', 'products');
  if (count > max) throw badInput(`"products" may name at most ${max} products in one quote, as the upstream allows (got ${count})`, 'products');
}

/** §4.12: ≤ 100 products, one call. */
export function onDemandQuote(ctx: Ctx, projectId: string, products: readonly OnDemandProductToPrice[], customerId: string | null | undefined): Promise<QuoteShape> {
  checkProducts(products.length, ListOnDemandResourceRatings.batch!.max);
  return quoteOnDemand(ctx, projectId, products, customerId);
}

/** §4.13: ≤ 100 products, one call. */
export function periodQuote(ctx: Ctx, projectId: string, products: readonly PeriodProductToPrice[], customerId: string | null | undefined): Promise<QuoteShape> {
  checkProducts(products.length, 100);
  return quotePeriod(ctx, projectId, products, customerId);
}

/** §4.14 with the customer's token: 1–10 resources, one call. */
export function renewalQuote(
  ctx: Ctx, customerId: string, resourceIds: readonly string[], periodType: number, periodCount: number, includeRelated: boolean,
): Promise<RenewalQuoteShape> {
  const max = ListRenewRateOnPeriod.batch!.max;
  if (resourceIds.length === 0 || resourceIds.length > max) throw badInput(`"resourceIds" must name 1 to ${max} resources (got ${resourceIds.length})`, 'resourceIds');
  return quoteRenewal(ctx, customerId, resourceIds, periodType, periodCount, includeRelated);
}

/**
 * 95th-percentile ("95 billing") bandwidth, read with the customer's token (bss-api-commerce.md §4.8–4.9): the
 * month's billed bandwidth per resource, and one resource's 5-minute points with the same monthly figures.
 * Every value is decimal text on the wire; an empty one (the open month's billed bandwidth) is null here.
 */
import type { Decimal } from 'decimal.js';
import { ListResourceUsage, ListResourceUsageSummary } from '../bss/operations/bills/index.js';
import { toDecimalOrNull } from '../bss/money.js';
import type { Language } from '../language.js';
import { listEndpoint, type Upstream } from './list-endpoint.js';
import { parseWireTime, textOrNull } from './wire.js';

/** The usage types 4.8/4.9 accept, exactly as Huawei spells them. */
export const USAGE_95_TYPES = ['95Peak', '95peak_1000', '95Peak_1000', 'bandwidth95peak', '95peak_plus'] as const;
export type Usage95Type = (typeof USAGE_95_TYPES)[number];

export interface Usage95Query {
  readonly customerId: string;
  readonly cycle: string;
  readonly serviceTypeCode: string;
  readonly resourceTypeCode: string;
  readonly usageType: Usage95Type;
}

export interface Usage95SummaryShape {
  readonly customerId: string;
  readonly resourceId: string | null;
  /** Reported 5-minute points / 288. */
  readonly actualDays: Decimal | null;
  /** The billed bandwidth; null for the open month. */
  readonly bandwidth: Decimal | null;
  readonly monthlyGuaranteedBandwidth: Decimal | null;
  readonly monthlyPeakBandwidth: Decimal | null;
  readonly bandwidthMeasureId: number | null;
}

export interface Usage95PointShape {
  readonly time: Date | null;
  readonly guaranteedBandwidth: Decimal | null;
  readonly usage: Decimal | null;
  readonly measureId: number | null;
}

const decimal = (text: string | null | undefined): Decimal | null => (text ? toDecimalOrNull(text) : null);

function wireQuery(q: Usage95Query) {
  return { bill_cycle: q.cycle, service_type_code: q.serviceTypeCode, resource_type_code: q.resourceTypeCode, usage_type: q.usageType };
}

/** §4.8 ListResourceUsageSummary with the customer's token, pages of ≤ 1000 resources. */
export const usage95SummaryList = (language: Language, q: Usage95Query) =>
  listEndpoint({
    op: ListResourceUsageSummary,
    request: (offset, limit) => ({ ...wireQuery(q), offset, limit }),
    page: (res) => ({
      items: (res.summary_usage_info_list ?? []).map((s): Usage95SummaryShape => ({
        customerId: q.customerId,
        resourceId: textOrNull(s.resource_id),
        actualDays: decimal(s.actual_days),
        bandwidth: decimal(s.band_width),
        monthlyGuaranteedBandwidth: decimal(s.monthly_guaranteed_band_width),
        monthlyPeakBandwidth: decimal(s.monthly_peak_band_width),
        bandwidthMeasureId: s.band_width_measure_id ?? null,
      })),
      total: res.total_count ?? null,
    }),
    options: { customerId: q.customerId, language },
  });

/** One resource's month: the summary figures and the 5-minute points of the first page (up to 1000). */
export interface Usage95DetailShape extends Usage95SummaryShape {
  readonly query: Usage95Query & { readonly resourceId: string };
  readonly firstPoints: readonly Usage95PointShape[];
  readonly totalPoints: number | null;
}

const toPoint = (p: { stat_time: string; guaranteed_band_width: string; usage: string; measure_id: number }): Usage95PointShape => ({
  time: parseWireTime(p.stat_time),
  guaranteedBandwidth: decimal(p.guaranteed_band_width),
  usage: decimal(p.usage),
  measureId: p.measure_id ?? null,
});

/** §4.9 ListResourceUsage for one resource, one page of points at `offset` (≤ 1000). */
export async function fetchUsage95Page(ctx: Upstream, language: Language, q: Usage95Query & { readonly resourceId: string }, offset: number, limit: number): Promise<Usage95DetailShape> {
  const res = await ctx.bss.call(ListResourceUsage, { ...wireQuery(q), resource_id: q.resourceId, offset, limit }, { customerId: q.customerId, language });
  return {
    query: q,
    customerId: q.customerId,
    resourceId: q.resourceId,
    actualDays: decimal(res.actual_days),
    bandwidth: decimal(res.band_width),
    monthlyGuaranteedBandwidth: decimal(res.monthly_guaranteed_band_width),
    monthlyPeakBandwidth: decimal(res.monthly_peak_band_width),
    bandwidthMeasureId: res.band_width_measure_id ?? null,
    firstPoints: (res.usage_info_list ?? []).map(toPoint),
    totalPoints: res.total_count ?? null,
  };
}

/** §4.9 as a list of points (the monthly figures repeat on every page). */
export const usage95PointsList = (language: Language, q: Usage95Query & { readonly resourceId: string }) =>
  listEndpoint({
    op: ListResourceUsage,
    request: (offset, limit) => ({ ...wireQuery(q), resource_id: q.resourceId, offset, limit }),
    page: (res) => ({ items: (res.usage_info_list ?? []).map(toPoint), total: res.total_count ?? null }),
    options: { customerId: q.customerId, language },
  });

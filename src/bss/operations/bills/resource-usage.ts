/**
 * 95th-percentile ("95 billing") bandwidth statistics (bss-api-commerce.md §4.8–4.9): the month's billed
 * bandwidth per resource, and one resource's 5-minute usage points. Every value here is a string on the
 * wire (decimal text), never a JSON number.
 */
import { defineOperation } from '../spec.js';

/** The parameters 4.8 and 4.9 share; all four are required with fixed value lists. */
interface Usage95Query {
  x_language?: string;
  /** `yyyy-MM` (UTC+8). */
  bill_cycle: string;
  /** `hws.service.type.cdn` | `hws.service.type.obs` | `hws.service.type.vpc` | `hws.service.type.iec`. */
  service_type_code: string;
  /** `hws.resource.type.cdn` | `hws.resource.type.obs` | `hws.resource.type.bandwidth` | `hws.resource.type.edgebandwidth`. */
  resource_type_code: string;
  /** `95Peak` | `95peak_1000` | `95Peak_1000` | `bandwidth95peak` | `95peak_plus`. */
  usage_type: string;
  offset?: number;
  /** 1–1000. */
  limit?: number;
}

// ---- 4.8 ListResourceUsageSummary ----------------------------------------------------------------

export type ListResourceUsageSummaryRequest = Usage95Query;

export interface StatUsageSummaryInfo {
  resource_id: string;
  /** Reported 5-minute points / 288, decimal text with up to 20 decimals. */
  actual_days: string;
  /** Empty for the current month. */
  band_width: string;
  monthly_guaranteed_band_width: string;
  monthly_peak_band_width: string;
  /** Absent when every bandwidth is empty. */
  band_width_measure_id?: number;
}

export interface ListResourceUsageSummaryResponse {
  total_count: number;
  summary_usage_info_list: StatUsageSummaryInfo[];
}

export const ListResourceUsageSummary = defineOperation<ListResourceUsageSummaryRequest, ListResourceUsageSummaryResponse>({
  name: 'ListResourceUsageSummary',
  method: 'GET',
  path: '/v2/bills/customer-bills/resources/usage/summary',
  caller: 'customer',
  kind: 'read',
  language: true,
  query: ['bill_cycle', 'service_type_code', 'resource_type_code', 'usage_type', 'offset', 'limit'],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'summary_usage_info_list', in: 'query' },
});

// ---- 4.9 ListResourceUsage -----------------------------------------------------------------------

export interface ListResourceUsageRequest extends Usage95Query {
  /** From 4.8. */
  resource_id: string;
}

export interface StatUsageInfo {
  /** UTC `YYYY-MM-DDTHH:MM:SSZ`. */
  stat_time: string;
  guaranteed_band_width: string;
  usage: string;
  measure_id: number;
}

export interface ListResourceUsageResponse {
  actual_days: string;
  band_width: string;
  monthly_guaranteed_band_width: string;
  monthly_peak_band_width: string;
  band_width_measure_id?: number;
  total_count: number;
  usage_info_list: StatUsageInfo[];
}

export const ListResourceUsage = defineOperation<ListResourceUsageRequest, ListResourceUsageResponse>({
  name: 'ListResourceUsage',
  method: 'GET',
  path: '/v2/bills/customer-bills/resources/usage/details',
  caller: 'customer',
  kind: 'read',
  language: true,
  query: ['bill_cycle', 'service_type_code', 'resource_type_code', 'usage_type', 'resource_id', 'offset', 'limit'],
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'usage_info_list', in: 'query' },
});

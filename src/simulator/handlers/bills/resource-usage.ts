/**
 * 4.8 ListResourceUsageSummary and 4.9 ListResourceUsage: 95th-percentile bandwidth of the caller's
 * resources (see dataset/bills/usage-95.ts for what is simulated). For the open cycle Huawei lists the
 * resources only: billed bandwidth stays empty until the month is over.
 */
import { parameterError, type Handler, type SimRequest } from '../../handler.js';
import {
  BANDWIDTH_MEASURE_ID, actualDays, mbps, percentile95, readings, resources95,
} from '../../dataset/bills/usage-95.js';
import { formatUtc } from '../../dataset/world.js';
import { pageOf, queryPage, queryString } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { billingCycle } from './params.js';

const SERVICE_TYPES = ['hws.service.type.cdn', 'hws.service.type.obs', 'hws.service.type.vpc', 'hws.service.type.iec'];
const RESOURCE_TYPES = ['hws.resource.type.cdn', 'hws.resource.type.obs', 'hws.resource.type.bandwidth', 'hws.resource.type.edgebandwidth'];
const USAGE_TYPES = ['95Peak', '95peak_1000', '95Peak_1000', 'bandwidth95peak', '95peak_plus'];

function oneOf(req: SimRequest, name: string, values: readonly string[]): string {
  const value = queryString(req, name, { required: true, max: 64 })!;
  if (!values.includes(value)) throw parameterError(name, `must be one of ${values.join(', ')}`);
  return value;
}

/** The parameters 4.8 and 4.9 share, validated, and the resources they select. */
function selection(req: SimRequest) {
  const customerId = customerCaller(req);
  const cycle = billingCycle(req, 'bill_cycle', queryString(req, 'bill_cycle', { required: true, max: 7 })!, 'any');
  const serviceType = oneOf(req, 'service_type_code', SERVICE_TYPES);
  const resourceType = oneOf(req, 'resource_type_code', RESOURCE_TYPES);
  const usageType = oneOf(req, 'usage_type', USAGE_TYPES);
  const bills = req.state.bills;
  const nowMs = bills.world.now.getTime();
  const resources = bills.isBilled(cycle) ? resources95(bills.world, customerId, cycle, nowMs, serviceType, resourceType, usageType) : [];
  return { cycle, resources, nowMs, open: cycle === bills.openCycle };
}

/** The bandwidth fields of a resource's month; empty while the month is open or when nothing was read. */
function bandwidth(points: ReturnType<typeof readings>, open: boolean): Record<string, unknown> {
  const closed = !open && points.length > 0;
  return {
    actual_days: actualDays(points.length),
    band_width: closed ? mbps(percentile95(points)) : '',
    monthly_guaranteed_band_width: '',
    monthly_peak_band_width: '',
    ...(closed ? { band_width_measure_id: BANDWIDTH_MEASURE_ID } : {}),
  };
}

export const listResourceUsageSummary: Handler = (req) => {
  const { cycle, resources, nowMs, open } = selection(req);
  const page = queryPage(req, 1000);
  const world = req.state.world;
  return {
    body: {
      total_count: resources.length,
      summary_usage_info_list: pageOf(resources, page).map((resource) => ({
        resource_id: resource.resourceId,
        ...bandwidth(readings(world, resource, cycle, nowMs), open),
      })),
    },
  };
};

export const listResourceUsage: Handler = (req) => {
  const { cycle, resources, nowMs, open } = selection(req);
  const resourceId = queryString(req, 'resource_id', { required: true, max: 64 })!;
  const page = queryPage(req, 1000);
  const resource = resources.find((r) => r.resourceId === resourceId);
  // A resource without such statistics (or not the caller's) has no points (inferred: no error is documented).
  const points = resource ? readings(req.state.world, resource, cycle, nowMs) : [];
  return {
    body: {
      ...bandwidth(points, open),
      total_count: points.length,
      usage_info_list: pageOf(points, page).map((p) => ({
        stat_time: formatUtc(new Date(p.atMs)),
        guaranteed_band_width: '',
        usage: mbps(p.value),
        measure_id: BANDWIDTH_MEASURE_ID,
      })),
    },
  };
};

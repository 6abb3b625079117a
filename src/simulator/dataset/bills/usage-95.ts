/**
 * 95th-percentile ("95 billing") bandwidth statistics for 4.8/4.9: a bandwidth reading every 5 minutes
 * while a resource runs, in Mbps. The simulated catalogue bills CDN and bandwidth by traffic, so these
 * statistics describe how those pay-per-use resources used bandwidth; they carry no money and never feed
 * the bills. Readings follow a daily curve (busy evenings in UTC+8) scaled by the resource's intensity,
 * one random draw per point keyed by resource and cycle.
 */
import { Money } from '../../../bss/money.js';
import type { InventoryResource, World } from '../world.js';
import { HOUR_MS } from './calendar.js';
import { billedHours } from './metering.js';

/** Readings per day: one per 5 minutes. */
export const POINTS_PER_DAY = 288;
const POINT_MS = 5 * 60_000;
/** Readings are integers in 1/10000 Mbps, so they are exact and print with at most 4 decimals. */
const SCALE = 10_000;

/** Share of the resource's peak bandwidth by hour of the day in UTC+8, in percent. */
const DAILY_CURVE = [30, 24, 20, 18, 18, 20, 28, 40, 55, 65, 70, 72, 70, 68, 70, 72, 75, 80, 88, 96, 100, 92, 70, 45];

/**
 * Which pay-per-use resource type a (service type, resource type, usage type) of 4.8 reads. `95Peak` and
 * `95peak_1000` read the same CDN series (the base-1000 split between `95peak_1000` and `95Peak_1000` is
 * not simulated: all base-1000 data is under the former); enhanced 95 (`95peak_plus`), OBS and edge
 * bandwidth have no simulated resources.
 */
const SERIES: Readonly<Record<string, string>> = {
  'hws.service.type.cdn|hws.resource.type.cdn|95Peak': 'hws.resource.type.cdn',
  'hws.service.type.cdn|hws.resource.type.cdn|95peak_1000': 'hws.resource.type.cdn',
  'hws.service.type.vpc|hws.resource.type.bandwidth|bandwidth95peak': 'hws.resource.type.bandwidth',
};

/** Mbps: the unit of every reading (measure id 15). */
export const BANDWIDTH_MEASURE_ID = 15;

export interface Reading {
  readonly atMs: number;
  /** 1/10000 Mbps. */
  readonly value: number;
}

/** The customer's resources that have 95 statistics of this kind in the cycle. */
export function resources95(
  world: World, customerId: string, cycle: string, nowMs: number, serviceType: string, resourceType: string, usageType: string,
): InventoryResource[] {
  const typeCode = SERIES[`${serviceType}|${resourceType}|${usageType}`];
  if (typeCode === undefined) return [];
  return world
    .inventoryOf(customerId)
    .resources.filter((r) => r.chargeMode === 3 && r.resourceType.code === typeCode && billedHours(r, cycle, nowMs) !== null);
}

/** Every 5-minute reading of a resource in the cycle, in time order. */
export function readings(world: World, resource: InventoryResource, cycle: string, nowMs: number): Reading[] {
  const span = billedHours(resource, cycle, nowMs);
  if (!span) return [];
  const r = world.random(`bw95:${resource.resourceId}:${cycle}`);
  const peak = resource.intensity * 2_000;
  const out: Reading[] = [];
  for (let at = span.fromMs; at < span.toMs; at += POINT_MS) {
    const hour = Math.floor((at + 8 * HOUR_MS) / HOUR_MS) % 24;
    out.push({ atMs: at, value: Math.floor((peak * DAILY_CURVE[hour]! * (60 + Math.floor(r.next() * 80))) / 10_000) });
  }
  return out;
}

/** The 95th percentile: the highest reading once the top 5 % are dropped. */
export function percentile95(points: readonly Reading[]): number {
  if (points.length === 0) return 0;
  const sorted = points.map((p) => p.value).sort((a, b) => b - a);
  return sorted[Math.floor(sorted.length * 0.05)]!;
}

/** A reading as decimal text (`12.3456`). */
export function mbps(value: number): string {
  return new Money(value).div(SCALE).toFixed();
}

/** Effective days: readings / 288, as decimal text with at most 20 decimals. */
export function actualDays(count: number): string {
  return new Money(count).div(POINTS_PER_DAY).toDecimalPlaces(20).toFixed();
}

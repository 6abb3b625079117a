/**
 * Metering of pay-per-use resources: how much a resource used on each UTC+8 day of a cycle, in its usage
 * type's unit (reference.ts). A resource is metered in whole clock hours from creation to deletion (or
 * now). One random draw per active day, keyed by resource and cycle, so the same day always meters the
 * same usage whichever endpoint asks and in whatever order.
 *
 * Usage is an integer count of 10^-scale units: exact, and small enough that rating it against an
 * 8-decimal price stays within 8 decimals (see pricing.ts `rateUsage`).
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { usageTypeOf, type UsageTypeDef } from '../reference.js';
import type { InventoryResource, World } from '../world.js';
import { DAY_MS, HOUR_MS, cycleEndMs, cycleStartMs } from './calendar.js';
import { linearSize } from './pricing.js';

export interface MeterDay {
  /** 1-based day of the cycle. */
  readonly day: number;
  /** Start of the first and end of the last metered clock hour of the day (epoch ms). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly hours: number;
  /** Usage in units of 10^-scale of the usage type's unit. */
  readonly usage: number;
  /** The part of `usage` covered by a free package. */
  readonly free: number;
}

export interface Meter {
  readonly usageType: UsageTypeDef;
  /** Decimals of the usage quantity. */
  readonly scale: 0 | 2;
  /** Time-metered resources are billed per hour (one record per hour), the rest per day. */
  readonly hourly: boolean;
  readonly days: readonly MeterDay[];
}

/** Requests a month that FunctionGraph's free tier covers before it bills. */
const FREE_REQUESTS_PER_MONTH = 1_000_000;

/** The decimal value of a scaled usage count. */
export function usageValue(units: number, scale: 0 | 2): Decimal {
  return scale === 0 ? new Money(units) : new Money(units).div(100);
}

/**
 * The whole clock hours a resource is billed for in a cycle: from the hour it was created in to the hour it
 * was deleted in, but only hours that have ended by `now` (Huawei bills an hour once it is over). Cycle
 * starts are hour-aligned in UTC+8 and in UTC alike. Null when it did not run in the cycle.
 */
export function billedHours(resource: InventoryResource, cycle: string, nowMs: number): { fromMs: number; toMs: number } | null {
  const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
  const deletedMs = resource.deletedAt === null ? Infinity : Math.ceil(resource.deletedAt.getTime() / HOUR_MS) * HOUR_MS;
  const fromMs = Math.max(floorHour(resource.createdAt.getTime()), cycleStartMs(cycle));
  const toMs = Math.min(deletedMs, floorHour(nowMs), cycleEndMs(cycle));
  return fromMs < toMs ? { fromMs, toMs } : null;
}

export function meter(world: World, resource: InventoryResource, cycle: string, nowMs: number): Meter {
  const usageType = usageTypeOf(resource.resourceType);
  const code = usageType.code;
  const scale: 0 | 2 = code === 'upflow' || code === 'downflow' ? 2 : 0;
  const hourly = usageType.measureId === 4;
  const span = billedHours(resource, cycle, nowMs);
  if (!span) return { usageType, scale, hourly, days: [] };

  const r = world.random(`meter:${resource.resourceId}:${cycle}`);
  const cycleStart = cycleStartMs(cycle);
  const size = linearSize(resource.spec) ?? 0;
  const intensity = resource.intensity;
  let freeLeft = code === 'reqNumber' ? FREE_REQUESTS_PER_MONTH : 0;
  const days: MeterDay[] = [];
  for (let dayStart = cycleStart + Math.floor((span.fromMs - cycleStart) / DAY_MS) * DAY_MS; dayStart < span.toMs; dayStart += DAY_MS) {
    const fromMs = Math.max(dayStart, span.fromMs);
    const toMs = Math.min(dayStart + DAY_MS, span.toMs);
    const hours = (toMs - fromMs) / HOUR_MS;
    const draw = r.next();
    let usage: number;
    switch (code) {
      case 'Duration':
        usage = hours;
        break;
      case 'diskSize':
        usage = size * hours;
        break;
      case 'storage': {
        // Buckets fill up over their life: GB stored grows with age and intensity.
        const ageDays = Math.floor((dayStart - resource.createdAt.getTime()) / DAY_MS) + 1;
        usage = (1 + Math.floor((intensity * Math.max(1, ageDays)) / 10)) * hours;
        break;
      }
      case 'upflow':
        usage = Math.floor((draw * intensity * 50 * hours) / 24);
        break;
      case 'downflow':
        usage = Math.floor((draw * intensity * 400 * hours) / 24);
        break;
      case 'reqNumber':
        usage = Math.floor((draw * intensity * 30_000 * hours) / 24);
        break;
      default:
        usage = hours;
    }
    const free = Math.min(usage, freeLeft);
    freeLeft -= free;
    days.push({ day: Math.round((dayStart - cycleStart) / DAY_MS) + 1, fromMs, toMs, hours, usage, free });
  }
  return { usageType, scale, hourly, days };
}

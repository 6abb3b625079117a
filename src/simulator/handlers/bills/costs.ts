/**
 * 4.11 ListCosts: the caller's costs over a day- or month-granular range, grouped by one or two
 * dimensions. Original cost is each detail record on its bill day; amortised cost spreads yearly/monthly
 * payments over their service periods by the same cumulative rule as 4.10, so a payment's days add up to
 * its 4.10 current-month amount exactly. `NET_AMOUNT` is the amount due less cash and
 * flexi-purchase coupons (read as "actually paid"). Amounts are money-strings: each bucket, and the total,
 * is the exact sum rounded half-up to the fen. Groups are ordered by total, largest first.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { parameterError, type Handler } from '../../handler.js';
import { amortizedBy, isSpread } from '../../dataset/bills/amortization.js';
import { DAY_MS, beijingDay, cycleAt, cycleIndex, dayStartMs, isCycle, isDay } from '../../dataset/bills/calendar.js';
import { round2 } from '../../dataset/bills/sums.js';
import type { BillRecord } from '../../dataset/bills/types.js';
import { bodyInt, bodyObject, bodyObjectList, bodyString, type Body } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';

const DIMENSIONS = [
  'CLOUD_SERVICE_TYPE', 'RESOURCE_TYPE', 'ASSOCIATED_ACCOUNT', 'REGION_CODE', 'AZ_CODE', 'ENTERPRISE_PROJECT_ID',
  'RES_SPEC_CODE', 'CHARGING_MODE', 'USAGE_TYPE', 'BILL_TYPE', 'BE_ID', 'PAYER_ACCOUNT_ID', 'RESOURCE_ID',
] as const;
const FILTER_KEYS = [
  'CLOUD_SERVICE_TYPE', 'ASSOCIATED_ACCOUNT', 'REGION_CODE', 'RES_SPEC_CODE', 'USAGE_TYPE', 'ENTERPRISE_PROJECT_ID',
  'RESOURCE_ID', 'CHARGING_MODE', 'BILL_TYPE', 'RESOURCE_TYPE', 'AZ_CODE', 'BE_ID', 'PAYER_ACCOUNT_ID', 'RESOURCE_TAG', 'COST_UNIT',
] as const;

/** A record's value for a dimension or filter key. Tags and cost units are not simulated: always empty. */
function dimensionValue(r: BillRecord, key: string): string {
  const resource = r.resource;
  switch (key) {
    case 'CLOUD_SERVICE_TYPE': return resource.resourceType.serviceTypeCode;
    case 'RESOURCE_TYPE': return resource.resourceType.code;
    case 'ASSOCIATED_ACCOUNT': case 'PAYER_ACCOUNT_ID': return r.customer.customerId;
    case 'REGION_CODE': return resource.regionCode;
    case 'AZ_CODE': return resource.availabilityZone;
    case 'ENTERPRISE_PROJECT_ID': return resource.enterpriseProject.id;
    case 'RES_SPEC_CODE': return resource.product.specCode;
    case 'CHARGING_MODE': return String(r.chargeMode);
    case 'USAGE_TYPE': return r.usage === null ? '' : resource.resourceType.usageType;
    case 'BILL_TYPE': return String(r.billType);
    case 'RESOURCE_ID': return resource.resourceId;
    // The operating entity is not part of the simulated world.
    default: return '';
  }
}

interface GroupBy {
  readonly type: 'dimension' | 'tag' | 'cost_unit';
  readonly key: string;
}

interface Filter {
  readonly exclude: boolean;
  readonly key: string;
  readonly values: ReadonlySet<string>;
}

interface Range {
  readonly byDay: boolean;
  /** Inclusive UTC+8 days. */
  readonly beginDay: string;
  readonly endDay: string;
}

function oneOf<T extends string>(name: string, value: string | undefined, values: readonly T[]): T {
  if (value === undefined) throw parameterError(name, 'is required');
  if (!(values as readonly string[]).includes(value)) throw parameterError(name, `must be one of ${values.join(', ')}`);
  return value as T;
}

function readRange(body: Body): Range {
  const condition = body['time_condition'];
  if (condition === undefined || condition === null) throw parameterError('time_condition', 'is required');
  if (typeof condition !== 'object' || Array.isArray(condition)) throw parameterError('time_condition', 'must be a JSON object');
  const c = condition as Body;
  const measure = bodyInt(c, 'time_measure_id', { required: true, allowed: [1, 2] })!;
  const begin = bodyString(c, 'begin_time', { required: true, max: 10, empty: 'reject' })!;
  const end = bodyString(c, 'end_time', { required: true, max: 10, empty: 'reject' })!;
  const byDay = measure === 1;
  const valid = byDay ? isDay : isCycle;
  const format = byDay ? 'YYYY-MM-DD' : 'YYYY-MM';
  if (!valid(begin)) throw parameterError('begin_time', `must be in the format ${format}`);
  if (!valid(end)) throw parameterError('end_time', `must be in the format ${format}`);
  if (begin > end) throw parameterError('begin_time', 'must not be later than end_time');
  if (byDay) return { byDay, beginDay: begin, endDay: end };
  return { byDay, beginDay: `${begin}-01`, endDay: beijingDay(dayStartMs(`${cycleAt(cycleIndex(end) + 1)}-01`) - DAY_MS) };
}

function readGroupBy(body: Body): GroupBy[] {
  const items = bodyObjectList(body, 'groupby', { required: true, min: 1, max: 2 })!;
  const groups = items.map((item): GroupBy => {
    const type = oneOf('groupby.type', bodyString(item, 'type', { max: 16 }) ?? 'dimension', ['dimension', 'tag', 'cost_unit'] as const);
    const key = bodyString(item, 'key', { required: true, max: 256, empty: 'reject' })!;
    if (type === 'dimension') oneOf('groupby.key', key, DIMENSIONS);
    return { type, key };
  });
  for (const type of ['tag', 'cost_unit'] as const) {
    if (groups.filter((g) => g.type === type).length > 1) throw parameterError('groupby', `must not group by two of type ${type}`);
  }
  return groups;
}

function readFilters(body: Body): Filter[] {
  const items = bodyObjectList(body, 'filters', { max: 100 }) ?? [];
  return items.map((item) => {
    const operator = bodyInt(item, 'operator', { required: true, allowed: [0, 1] })!;
    const factor = item['filter_factor'];
    if (factor === undefined || factor === null || typeof factor !== 'object' || Array.isArray(factor)) {
      throw parameterError('filter_factor', 'is required');
    }
    const f = factor as Body;
    const key = oneOf('filter_factor.key', bodyString(f, 'key', { required: true, max: 64 }), FILTER_KEYS);
    const values = f['value'];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw parameterError('filter_factor.value', 'must be a list of strings');
    return { exclude: operator === 1, key, values: new Set(values as string[]) };
  });
}

interface Bucket {
  amount: Decimal;
  official: Decimal;
}

interface CostGroup {
  readonly dimensions: readonly { key: string; value: string }[];
  readonly buckets: Map<string, Bucket>;
  amount: Decimal;
  official: Decimal;
}

export const listCosts: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const range = readRange(body);
  const groupBy = readGroupBy(body);
  const costType = oneOf('cost_type', bodyString(body, 'cost_type', { max: 256 }), ['ORIGINAL_COST', 'AMORTIZED_COST'] as const);
  const amountType = oneOf('amount_type', bodyString(body, 'amount_type', { max: 64 }), ['PAYMENT_AMOUNT', 'NET_AMOUNT'] as const);
  const offset = bodyInt(body, 'offset', { min: 0, max: 200_000 }) ?? 0;
  const limit = bodyInt(body, 'limit', { min: 1, max: 1000 }) ?? 10;
  const filters = readFilters(body);

  const groups = new Map<string, CostGroup>();
  const add = (r: BillRecord, day: string, amount: Decimal, official: Decimal): void => {
    if (day < range.beginDay || day > range.endDay) return;
    if (!filters.every((f) => f.values.has(dimensionValue(r, f.key)) !== f.exclude)) return;
    const dimensions = groupBy.map((g) => ({ key: g.key, value: g.type === 'dimension' ? dimensionValue(r, g.key) : '' }));
    const id = dimensions.map((d) => d.value).join('\u0000');
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { dimensions, buckets: new Map(), amount: ZERO, official: ZERO }));
    const time = range.byDay ? day : day.slice(0, 7);
    const bucket = group.buckets.get(time) ?? { amount: ZERO, official: ZERO };
    bucket.amount = bucket.amount.plus(amount);
    bucket.official = bucket.official.plus(official);
    group.buckets.set(time, bucket);
    group.amount = group.amount.plus(amount);
    group.official = group.official.plus(official);
  };
  const amountOf = (r: BillRecord): Decimal => (amountType === 'NET_AMOUNT' ? r.due.minus(r.paid.coupon).minus(r.paid.flexiCoupon) : r.due);

  const bills = req.state.bills;
  const customer = req.state.world.customer(customerId);
  if (customer) {
    const amortized = costType === 'AMORTIZED_COST';
    for (const cycle of bills.cycles) {
      if (cycle < range.beginDay.slice(0, 7) || cycle > range.endDay.slice(0, 7)) continue;
      for (const r of bills.records(customerId, cycle)) if (!(amortized && isSpread(r))) add(r, r.billDate, amountOf(r), r.official);
    }
    if (amortized) {
      for (const r of bills.orderRecordsOf(customer)) if (isSpread(r)) spreadByDay(r, range, amountOf(r), add);
    }
  }

  const sorted = [...groups.values()].sort(
    (a, b) => b.amount.comparedTo(a.amount) || compareText(a.dimensions.map((d) => d.value).join('|'), b.dimensions.map((d) => d.value).join('|')),
  );
  const timeMeasure = range.byDay ? 1 : 2;
  return {
    body: {
      currency: 'CNY',
      total_count: sorted.length,
      cost_data: sorted.slice(offset, offset + limit).map((g) => ({
        dimensions: g.dimensions,
        costs: [...g.buckets.entries()]
          .sort(([a], [b]) => compareText(a, b))
          .map(([time, bucket]) => ({
            time_dimension_value: time,
            time_measure_id: timeMeasure,
            amount: round2(bucket.amount).toFixed(2),
            official_amount: round2(bucket.official).toFixed(2),
          })),
        amount_by_costs: round2(g.amount).toFixed(2),
        official_amount_by_costs: round2(g.official).toFixed(2),
      })),
    },
  };
};

const ZERO = new Money(0);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A spread record's amortised share of each UTC+8 day of the range its service period covers. */
function spreadByDay(
  r: BillRecord, range: Range, amount: Decimal, add: (r: BillRecord, day: string, amount: Decimal, official: Decimal) => void,
): void {
  const due = round2(amount);
  const official = round2(r.official);
  const first = Math.max(dayStartMs(range.beginDay), dayStartMs(beijingDay(r.effectiveTime)));
  const last = Math.min(dayStartMs(range.endDay) + DAY_MS, r.expireTime.getTime());
  for (let day = first; day < last; day += DAY_MS) {
    const share = (total: Decimal): Decimal => amortizedBy(r, total, day + DAY_MS).minus(amortizedBy(r, total, day));
    add(r, beijingDay(day), share(due), share(official));
  }
}

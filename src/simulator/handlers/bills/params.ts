/**
 * Parameter rules particular to bills: billing cycles (`YYYY-MM`, UTC+8) with the windows Huawei keeps
 * data for, bill dates inside a cycle, E1/E2 code lists. The generic readers (strings, ints, pages,
 * bodies) are the commerce handlers' (`../commerce/params.ts`), so every endpoint words CBC.0100 alike.
 */
import { parameterError, type SimRequest } from '../../handler.js';
import { cycleIndex, isCycle, isDay, monthsBack } from '../../dataset/bills/calendar.js';
import type { Language } from '../../dataset/reference.js';

/** E1 charging modes an endpoint accepts. */
export const CHARGING_MODES = [1, 3, 10, 11] as const;

/** E2 bill detail types, including 12 and 13 that only some doc versions list (accepted, §0.8). */
export const BILL_DETAIL_TYPES = [1, 2, 3, 4, 5, 8, 9, 12, 13, 14, 16, 18, 20, 23, 24, 25, 103] as const;

export type CycleWindow =
  /** Consumption kept 18 months (4.2) / the last 18 months of cost data (4.10): the open cycle and 17 before. */
  | 'last18Months'
  /** Resource detail bills do not exist before 2019-01 (4.7). */
  | 'since2019'
  | 'any';

const EARLIEST_DETAIL_CYCLE = cycleIndex('2019-01');
const KEPT_MONTHS = 18;

/**
 * A billing cycle parameter. Outside the window Huawei keeps, the answer is CBC.0100 (the reference gives
 * no other code); a future cycle is valid and simply has no bills.
 */
export function billingCycle(req: SimRequest, name: string, value: string, window: CycleWindow): string {
  if (!isCycle(value)) throw parameterError(name, 'must be a month in the format YYYY-MM');
  if (window === 'last18Months' && monthsBack(value, req.now) >= KEPT_MONTHS) {
    throw parameterError(name, `must be within the last ${KEPT_MONTHS} months`);
  }
  if (window === 'since2019' && cycleIndex(value) < EARLIEST_DETAIL_CYCLE) throw parameterError(name, 'must not be earlier than 2019-01');
  return value;
}

/**
 * `bill_date_begin`/`bill_date_end` (or `bill_cycle_begin`/`_end`): days of `cycle`, begin ≤ end. Only a
 * complete pair filters; one alone is ignored, as 4.2 documents ("otherwise only bill_cycle is applied").
 */
export function billDates(
  cycle: string,
  names: readonly [begin: string, end: string],
  values: readonly [string | undefined, string | undefined],
  cycleName: string,
): { begin: string; end: string } | null {
  const [beginName, endName] = names;
  const [begin, end] = values;
  if (begin === undefined || end === undefined) return null;
  for (const [name, day] of [[beginName, begin], [endName, end]] as const) {
    if (!isDay(day)) throw parameterError(name, 'must be a day in the format YYYY-MM-DD');
    if (day.slice(0, 7) !== cycle) throw parameterError(name, `must be in the same month as ${cycleName}`);
  }
  if (begin > end) throw parameterError(beginName, `must not be later than ${endName}`);
  return { begin, end };
}

/** The language names are given in: `X-Language` where the endpoint reads it, else Huawei's default. */
export function languageOf(req: SimRequest): Language {
  return req.op.language ? req.language : 'zh_CN';
}

/** `method`/`sub_customer_id` of the customer bill endpoints: enterprise sub-accounts are not simulated. */
export function consumerMethod(method: string | undefined, subCustomerId: string | undefined): 'self' | 'none' {
  if (method !== undefined && !['oneself', 'sub_customer', 'all'].includes(method)) {
    throw parameterError('method', 'must be one of oneself, sub_customer, all');
  }
  if (method === 'sub_customer') {
    if (subCustomerId === undefined) throw parameterError('sub_customer_id', 'is required when method is sub_customer');
    // No customer of the simulated world has enterprise sub-accounts, so a sub-account holds no bills.
    return 'none';
  }
  return 'self';
}

/** Query booleans as the SDK writes them (`true`/`false`). */
export function queryBool(req: SimRequest, name: string): boolean | undefined {
  if (!req.query.has(name)) return undefined;
  const value = req.query.get(name);
  if (value === '') return undefined;
  if (value !== 'true' && value !== 'false') throw parameterError(name, 'must be true or false');
  return value === 'true';
}

/** A JSON boolean in a body; null is not sent. */
export function bodyBool(body: Readonly<Record<string, unknown>>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw parameterError(name, 'must be true or false');
  return value;
}

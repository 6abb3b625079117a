/**
 * Reading request parameters the way the BSS validates them: every violation is `CBC.0100` naming the
 * parameter. Huawei tells apart a parameter not sent, sent empty (`key=` in a query, `""` in JSON) and sent
 * as null (bss-api-commerce.md §0.4); each reader says what an empty or null value means for its field:
 * no filter (`absent`), a parameter error (`reject`), or a value to filter on (`keep`).
 */
import { parameterError, type SimRequest } from '../../handler.js';
import { addMonths, parseUtc } from '../../dataset/commerce/time.js';

export type EmptyRule = 'absent' | 'reject' | 'keep';

interface StringRule {
  readonly required?: boolean;
  readonly max?: number;
  readonly empty?: EmptyRule;
}

interface IntRule {
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The only values accepted. */
  readonly allowed?: readonly number[];
  readonly empty?: Exclude<EmptyRule, 'keep'>;
}

function checkString(name: string, value: string, rule: StringRule): string | undefined {
  if (value === '') {
    const empty = rule.empty ?? 'absent';
    if (empty === 'reject') throw parameterError(name, 'must not be empty');
    if (empty === 'absent') {
      if (rule.required) throw parameterError(name, 'is required');
      return undefined;
    }
    return '';
  }
  if (rule.max !== undefined && value.length > rule.max) throw parameterError(name, `must be at most ${rule.max} characters`);
  return value;
}

function checkInt(name: string, value: number, rule: IntRule): number {
  if (rule.allowed && !rule.allowed.includes(value)) throw parameterError(name, `must be one of ${rule.allowed.join(', ')}`);
  const min = rule.min ?? Number.MIN_SAFE_INTEGER;
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  if (value < min || value > max) throw parameterError(name, `must be between ${min} and ${max}`);
  return value;
}

// ---- query string -------------------------------------------------------------------------------------

export function queryString(req: SimRequest, name: string, rule: StringRule = {}): string | undefined {
  if (!req.query.has(name)) {
    if (rule.required) throw parameterError(name, 'is required');
    return undefined;
  }
  return checkString(name, req.query.get(name) ?? '', rule);
}

export function queryInt(req: SimRequest, name: string, rule: IntRule = {}): number | undefined {
  const text = queryString(req, name, { required: rule.required, empty: rule.empty ?? 'absent' });
  if (text === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(text)) throw parameterError(name, 'must be an integer');
  return checkInt(name, Number(text), rule);
}

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** `offset`/`limit` in the query: defaults 0 and 10, `limit` 1…`maxLimit`. */
export function queryPage(req: SimRequest, maxLimit: number, rule: { maxOffset?: number; empty?: 'absent' | 'reject' } = {}): Page {
  const empty = rule.empty ?? 'absent';
  const limit = queryInt(req, 'limit', { min: 1, max: maxLimit, empty }) ?? 10;
  const offset = queryInt(req, 'offset', { min: 0, max: rule.maxOffset ?? 2_147_483_647, empty }) ?? 0;
  return { offset, limit };
}

// ---- JSON body ----------------------------------------------------------------------------------------

export type Body = Readonly<Record<string, unknown>>;

/** The request body as an object; an optional body may be absent (then `{}`). */
export function bodyObject(req: SimRequest, required: boolean): Body {
  const body = req.body;
  if (body === undefined || body === null) {
    if (required) throw parameterError('body', 'is required');
    return {};
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw parameterError('body', 'must be a JSON object');
  return body as Body;
}

/** null is treated as not sent unless `nullRejected`. */
export function bodyString(body: Body, name: string, rule: StringRule & { nullRejected?: boolean } = {}): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (value === null && rule.nullRejected) throw parameterError(name, 'must not be null');
    if (rule.required) throw parameterError(name, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw parameterError(name, 'must be a string');
  return checkString(name, value, rule);
}

export function bodyInt(body: Body, name: string, rule: IntRule = {}): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (rule.required) throw parameterError(name, 'is required');
    return undefined;
  }
  // The lossless parser keeps 1.5 as the string "1.5", so anything but a number is not an integer.
  if (typeof value !== 'number' || !Number.isInteger(value)) throw parameterError(name, 'must be an integer');
  return checkInt(name, value, rule);
}

interface ListRule {
  readonly required?: boolean;
  readonly min?: number;
  readonly max: number;
  readonly nullRejected?: boolean;
}

function bodyList(body: Body, name: string, rule: ListRule): unknown[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (value === null && rule.nullRejected) throw parameterError(name, 'must not be null');
    if (rule.required) throw parameterError(name, 'is required');
    return undefined;
  }
  if (!Array.isArray(value)) throw parameterError(name, 'must be a list');
  const min = rule.min ?? 0;
  if (value.length < min || value.length > rule.max) {
    throw parameterError(name, min > 0 ? `must have ${min} to ${rule.max} items` : `must have at most ${rule.max} items`);
  }
  return value;
}

/** A list of ids: each a non-empty string of at most 64 characters. */
export function bodyIdList(body: Body, name: string, rule: ListRule): string[] | undefined {
  const list = bodyList(body, name, rule);
  if (!list) return undefined;
  for (const item of list) {
    if (typeof item !== 'string' || item === '' || item.length > 64) throw parameterError(name, 'must hold ids of 1 to 64 characters');
  }
  return list as string[];
}

export function bodyIntList(body: Body, name: string, rule: ListRule & { allowed: readonly number[] }): number[] | undefined {
  const list = bodyList(body, name, rule);
  if (!list) return undefined;
  for (const item of list) {
    if (typeof item !== 'number' || !rule.allowed.includes(item)) throw parameterError(name, `must hold values among ${rule.allowed.join(', ')}`);
  }
  return list as number[];
}

/** A list of objects (coupon or discount infos). */
export function bodyObjectList(body: Body, name: string, rule: ListRule): Body[] | undefined {
  const list = bodyList(body, name, rule);
  if (!list) return undefined;
  for (const item of list) if (typeof item !== 'object' || item === null || Array.isArray(item)) throw parameterError(name, 'must hold objects');
  return list as Body[];
}

export function bodyPage(body: Body, maxLimit: number): Page {
  return {
    offset: bodyInt(body, 'offset', { min: 0, max: 2_147_483_647 }) ?? 0,
    limit: bodyInt(body, 'limit', { min: 1, max: maxLimit }) ?? 10,
  };
}

// ---- times --------------------------------------------------------------------------------------------

export function utcTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = parseUtc(value);
  if (!date) throw parameterError(name, 'must be a UTC time like 2024-03-01T00:00:00Z');
  return date;
}

/** A begin/end pair: begin not after end and, when `maxOneYear`, at most one year apart. */
export function timeWindow(begin: [string, Date | undefined], end: [string, Date | undefined], maxOneYear: boolean): void {
  const [beginName, from] = begin;
  const [endName, to] = end;
  if (!from || !to) return;
  if (from.getTime() > to.getTime()) throw parameterError(beginName, `must not be later than ${endName}`);
  if (maxOneYear && to.getTime() > addMonths(from, 12).getTime()) throw parameterError(endName, `must be at most one year after ${beginName}`);
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}

/**
 * Parameter checks for the partner handlers, answering `CBC.0100` with a message that names the
 * parameter and the rule (as Huawei's do). Readers return `undefined` for "not sent", `null` for JSON
 * null and `''` for an empty value, so each handler applies its field's §0.6 pattern itself: (a) absent,
 * null and `""` mean no filter; (b) `""`/null is a filter; (c) `""` is rejected.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { parameterError, type SimRequest } from '../../handler.js';
import { beijingDate } from '../../dataset/partners/time.js';

export type Json = Record<string, unknown>;

export const MAX_INT = 2_147_483_647;

/** The JSON body as an object; a missing body is an empty one (every field absent). */
export function bodyOf(req: SimRequest): Json {
  if (req.body === undefined || req.body === null) return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) throw parameterError('body', 'must be a JSON object');
  return req.body as Json;
}

export interface StringRule {
  readonly max?: number;
  readonly min?: number;
}

function checkLength(name: string, value: string, rule: StringRule): string {
  if (rule.max !== undefined && value.length > rule.max) throw parameterError(name, `must be at most ${rule.max} characters`);
  if (rule.min !== undefined && value.length < rule.min) throw parameterError(name, `must be at least ${rule.min} characters`);
  return value;
}

export function optString(obj: Json, name: string, rule: StringRule = {}, label = name): string | null | undefined {
  const value = obj[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw parameterError(label, 'must be a string');
  return value === '' ? value : checkLength(label, value, rule);
}

/** A required string: absent, null and `""` are all "is required". */
export function reqString(obj: Json, name: string, rule: StringRule = {}, label = name): string {
  const value = optString(obj, name, rule, label);
  if (value === undefined || value === null || value === '') throw parameterError(label, 'is required');
  return value;
}

/** Pattern (a): absent, null and `""` all mean "no value". */
export function filterString(obj: Json, name: string, rule: StringRule = {}): string | undefined {
  const value = optString(obj, name, rule);
  return value === null || value === '' ? undefined : value;
}

export interface IntRule {
  readonly min: number;
  readonly max: number;
}

function toInt(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  // A JSON string holding an integer is accepted, as Huawei's Java services coerce it.
  if (typeof value === 'string' && /^-?\d{1,10}$/.test(value)) return Number(value);
  throw parameterError(name, 'must be an integer');
}

function checkRange(name: string, value: number, rule: IntRule): number {
  if (value < rule.min || value > rule.max) throw parameterError(name, `must be between ${rule.min} and ${rule.max}`);
  return value;
}

/** An int32 body field; JSON null reads as null, `""` is refused. */
export function optInt(obj: Json, name: string, rule: IntRule): number | null | undefined {
  const value = obj[name];
  if (value === undefined || value === null) return value;
  return checkRange(name, toInt(name, value), rule);
}

export function reqInt(obj: Json, name: string, rule: IntRule): number {
  const value = optInt(obj, name, rule);
  if (value === undefined || value === null) throw parameterError(name, 'is required');
  return value;
}

export function oneOf<T extends string | number>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw parameterError(name, `must be one of ${allowed.join(', ')}`);
  return value;
}

export interface ListRule {
  readonly max: number;
  readonly min?: number;
  readonly itemMax?: number;
}

function checkList(name: string, value: unknown, rule: ListRule): unknown[] {
  if (!Array.isArray(value)) throw parameterError(name, 'must be an array');
  if (value.length > rule.max) throw parameterError(name, `must have at most ${rule.max} items`);
  if (rule.min !== undefined && value.length < rule.min) throw parameterError(name, `must have at least ${rule.min} item${rule.min === 1 ? '' : 's'}`);
  return value;
}

export function optStringList(obj: Json, name: string, rule: ListRule): string[] | null | undefined {
  const value = obj[name];
  if (value === undefined || value === null) return value;
  return checkList(name, value, rule).map((item, i) => {
    if (typeof item !== 'string' || item === '') throw parameterError(`${name}[${i}]`, 'must be a non-empty string');
    return rule.itemMax === undefined ? item : checkLength(`${name}[${i}]`, item, { max: rule.itemMax });
  });
}

export function reqStringList(obj: Json, name: string, rule: ListRule): string[] {
  const value = optStringList(obj, name, { ...rule, min: rule.min ?? 1 });
  if (value === undefined || value === null) throw parameterError(name, 'is required');
  return value;
}

export function optIntList(obj: Json, name: string, rule: ListRule, allowed: readonly number[]): number[] | null | undefined {
  const value = obj[name];
  if (value === undefined || value === null) return value;
  return checkList(name, value, rule).map((item, i) => oneOf(`${name}[${i}]`, toInt(`${name}[${i}]`, item), allowed));
}

export function objectList(obj: Json, name: string, rule: ListRule): Json[] {
  const value = obj[name];
  if (value === undefined || value === null) throw parameterError(name, 'is required');
  return checkList(name, value, { ...rule, min: rule.min ?? 1 }).map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw parameterError(`${name}[${i}]`, 'must be an object');
    return item as Json;
  });
}

export function optObject(obj: Json, name: string): Json | null | undefined {
  const value = obj[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'object' || Array.isArray(value)) throw parameterError(name, 'must be an object');
  return value as Json;
}

/**
 * A request amount (decimal, yuan): a JSON number or a numeric string, > 0, at most 2 decimals. The
 * wire parser already turned numbers with a fraction into exact strings, so both arrive as text here.
 */
export function amountOf(obj: Json, name: string): Decimal {
  const value = obj[name];
  if (value === undefined || value === null || value === '') throw parameterError(name, 'is required');
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw parameterError(name, 'must be a number');
  const amount = new Money(text);
  if (!amount.gt(0)) throw parameterError(name, 'must be greater than 0');
  if (amount.decimalPlaces() > 2) throw parameterError(name, 'must have at most 2 decimal places');
  return amount;
}

const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A UTC `yyyy-MM-ddTHH:mm:ssZ` that names a real instant. */
export function parseUtcTime(name: string, text: string): Date {
  const date = new Date(text);
  if (!UTC_TIME.test(text) || Number.isNaN(date.getTime()) || date.toISOString().replace('.000Z', 'Z') !== text) {
    throw parameterError(name, 'must be a UTC time like 2016-03-28T00:00:00Z');
  }
  return date;
}

/** An optional UTC time in a body. `emptyRejected`: pattern (c), else `""` means no value. */
export function optTime(obj: Json, name: string, emptyRejected: boolean): Date | undefined {
  const value = optString(obj, name, { max: 20 });
  if (value === undefined || value === null) return undefined;
  if (value === '') {
    if (emptyRejected) throw parameterError(name, 'must not be empty');
    return undefined;
  }
  return parseUtcTime(name, value);
}

// ---- query string ----------------------------------------------------------------------------------

/** A query parameter: undefined when not sent, `''` when sent without a value. */
export function queryString(req: SimRequest, name: string, rule: StringRule = {}): string | undefined {
  if (!req.query.has(name)) return undefined;
  const value = req.query.get(name) ?? '';
  return value === '' ? value : checkLength(name, value, rule);
}

/** Pattern (a) for a query parameter: not sent or empty means no value. */
export function queryFilter(req: SimRequest, name: string, rule: StringRule = {}): string | undefined {
  const value = queryString(req, name, rule);
  return value === '' ? undefined : value;
}

export function queryRequired(req: SimRequest, name: string, rule: StringRule = {}): string {
  const value = queryString(req, name, rule);
  if (value === undefined || value === '') throw parameterError(name, 'is required');
  return value;
}

/** An int32 query parameter. `emptyRejected`: `key=` is an error instead of the default. */
export function queryInt(req: SimRequest, name: string, rule: IntRule, emptyRejected = false): number | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  if (value === '') {
    if (emptyRejected) throw parameterError(name, 'must not be empty');
    return undefined;
  }
  if (!/^-?\d{1,10}$/.test(value)) throw parameterError(name, 'must be an integer');
  return checkRange(name, Number(value), rule);
}

export function queryTime(req: SimRequest, name: string, emptyRejected: boolean, max = 20): Date | undefined {
  const value = queryString(req, name, { max });
  if (value === undefined) return undefined;
  if (value === '') {
    if (emptyRejected) throw parameterError(name, 'must not be empty');
    return undefined;
  }
  return parseUtcTime(name, value);
}

// ---- paging and windows ------------------------------------------------------------------------------

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** Offset/limit with Huawei's defaults (0 and 10). */
export function page(offset: number | null | undefined, limit: number | null | undefined): Page {
  return { offset: offset ?? 0, limit: limit ?? 10 };
}

export function slice<T>(items: readonly T[], p: Page): T[] {
  return items.slice(p.offset, p.offset + p.limit);
}

/**
 * Whether `time` lies in [begin, end], compared in whole seconds as the wire shows times. The bounds are
 * treated as inclusive; Huawei only says "after" and "before".
 */
export function within(time: Date, begin: Date | undefined, end: Date | undefined): boolean {
  const t = Math.floor(time.getTime() / 1000) * 1000;
  return (!begin || t >= begin.getTime()) && (!end || t <= end.getTime());
}

export interface DateWindow {
  /** `YYYY-MM-DD`, Beijing time, inclusive. */
  readonly from: string;
  readonly to: string;
}

const LEDGER_DATE = /^\d{4}-\d{2}-\d{2}$/;

function ledgerDate(name: string, text: string): string {
  const date = new Date(`${text}T00:00:00Z`);
  if (!LEDGER_DATE.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw parameterError(name, 'must be a date like 2017-10-21');
  }
  return text;
}

/** `text` (YYYY-MM-DD) moved by whole years; 29 February becomes 1 March in a common year. */
function shiftYears(text: string, years: number): string {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The `trade_time_begin`/`trade_time_end` window of the ledgers (§0.4): Beijing-time dates, defaulting
 * to the same day a year ago and today, at most one year apart.
 */
export function ledgerWindow(req: SimRequest, emptyRejected: boolean): DateWindow {
  const read = (name: string): string | undefined => {
    const value = queryString(req, name, { max: 10 });
    if (value === '') {
      if (emptyRejected) throw parameterError(name, 'must not be empty');
      return undefined;
    }
    return value === undefined ? undefined : ledgerDate(name, value);
  };
  const begin = read('trade_time_begin');
  const end = read('trade_time_end');
  const today = beijingDate(req.now);
  const to = end ?? today;
  const from = begin ?? shiftYears(today, -1);
  if (from > to) throw parameterError('trade_time_begin', 'must not be later than trade_time_end');
  if (to > shiftYears(from, 1)) throw parameterError('trade_time_end', 'must be within one year of trade_time_begin');
  return { from, to };
}

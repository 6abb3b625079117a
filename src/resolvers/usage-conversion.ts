/**
 * Usage quantities in another unit, through the upstream's own tables: ListMeasureUnits §5.5 (which units
 * exist, and their measure type) and ListConversions §5.6 (`1 measure_id = conversion_ratio ref_measure_id`),
 * both cached per language by the reference cache, so a conversion never costs a call per record.
 *
 * Rules (docs/consumption.md):
 * - The requested unit is a measure id written as text (`"11"`), an abbreviation as ListMeasureUnits lists
 *   it (`"M"`), a unit's listed name (`"MB"`) or a name people type (`"GB"`, `"hour"`, `"minutes"`).
 *   Abbreviations are not unique across measure types (`G` is GB of traffic and GB of capacity), so a unit
 *   means the unit of that abbreviation in the quantity's own measure type.
 * - A conversion follows the table: one row, either way round (dividing by the ratio going back), or a chain
 *   of rows within the measure type (e.g. day → hour → second), shortest chain first. Nothing is guessed: no
 *   path, or another measure type, is the error UNIT_CONVERSION_NOT_FOUND naming both units.
 * - The factor is kept as an exact fraction of the integer ratios; the quantity is multiplied by the
 *   numerator and divided by the denominator once. A quotient that terminates (denominators made of 2s and
 *   5s, e.g. 1024, 1000) is exact; one that does not (÷ 3600, ÷ 24) is rounded half-up to
 *   CONVERSION_DECIMALS places and marked `exact: false`.
 */
import { GraphQLError } from 'graphql';
import type { Decimal } from 'decimal.js';
import { Money } from '../bss/money.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from './input.js';
import { conversions, measureUnits, type ConversionShape, type MeasureUnitShape } from '../sources/reference.js';

/** Decimal places of a converted quantity whose quotient does not terminate. */
export const CONVERSION_DECIMALS = 20;

export const UNIT_CONVERSION_NOT_FOUND = 'UNIT_CONVERSION_NOT_FOUND';

export interface QuantityShape {
  readonly amount: Decimal;
  readonly measureId: number | null;
  /** False only for a converted amount rounded to CONVERSION_DECIMALS places. */
  readonly exact: boolean;
}

type Ctx = Pick<GraphQLContext, 'bss' | 'reference' | 'language'>;

/** An exact factor: multiply by `num`, divide by `den` (both positive integers). */
interface Factor {
  readonly num: Decimal;
  readonly den: Decimal;
}

const unitLabel = (u: MeasureUnitShape | null, fallback: string): string =>
  u ? `${u.abbreviation ?? u.name} (measure id ${u.id})` : fallback;

function conversionNotFound(from: MeasureUnitShape | null, fromId: number | null, to: MeasureUnitShape, why: string): GraphQLError {
  const source = unitLabel(from, fromId === null ? 'an unknown unit' : `measure id ${fromId}`);
  return new GraphQLError(`No conversion from ${source} to ${unitLabel(to, to.name)}: ${why}.`, {
    extensions: { code: UNIT_CONVERSION_NOT_FOUND, fromMeasureId: fromId, toMeasureId: to.id },
  });
}

/**
 * The names people type for a unit, each mapped to Huawei's abbreviation as ListMeasureUnits lists it (keys
 * lower case). Huawei abbreviates GB as "G" and hour as "h"; a newcomer writes "GB" and "hour".
 */
const UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ...(['kb', 'kib', 'kilobyte', 'kilobytes'] as const).map((n) => [n, 'K'] as const),
  ...(['mb', 'mib', 'megabyte', 'megabytes'] as const).map((n) => [n, 'M'] as const),
  ...(['gb', 'gib', 'gigabyte', 'gigabytes'] as const).map((n) => [n, 'G'] as const),
  ...(['tb', 'tib', 'terabyte', 'terabytes'] as const).map((n) => [n, 'T'] as const),
  ...(['second', 'seconds', 'sec', 'secs'] as const).map((n) => [n, 's'] as const),
  ...(['minute', 'minutes', 'mins'] as const).map((n) => [n, 'min'] as const),
  ...(['hour', 'hours', 'hr', 'hrs'] as const).map((n) => [n, 'h'] as const),
  ...(['day', 'days'] as const).map((n) => [n, 'd'] as const),
  ...(['yuan', 'cny', 'rmb'] as const).map((n) => [n, 'Y'] as const),
  ...(['piece', 'pieces', 'pc'] as const).map((n) => [n, 'pcs'] as const),
  ...(['time'] as const).map((n) => [n, 'times'] as const),
  ...(['gb-hour', 'gb-hours', 'gbh', 'gb*hour'] as const).map((n) => [n, 'GB*h'] as const),
]);

/** Of the units that match, the one of the quantity's own measure type (abbreviations repeat across types). */
function pick(units: readonly MeasureUnitShape[], matches: (u: MeasureUnitShape) => boolean, measureType: number | null): MeasureUnitShape | undefined {
  const named = units.filter(matches);
  return named.find((u) => u.measureType === measureType) ?? named[0];
}

/**
 * The unit a client asked for, read in the measure type of the quantity being converted: a measure id
 * ("11"), Huawei's abbreviation ("G", exact case first), the unit's name as ListMeasureUnits lists it in
 * the request's language ("GB", "小时"), or a common name ("GB", "hour", "minutes"), each case-insensitively.
 */
export function resolveUnit(units: readonly MeasureUnitShape[], requested: string, measureType: number | null): MeasureUnitShape {
  const text = requested.trim();
  if (/^\d+$/.test(text)) {
    const byId = units.find((u) => u.id === Number(text));
    if (byId) return byId;
  } else if (text) {
    const lower = text.toLowerCase();
    const alias = UNIT_ALIASES.get(lower);
    const found =
      pick(units, (u) => u.abbreviation === text, measureType) ??
      pick(units, (u) => u.name.toLowerCase() === lower, measureType) ??
      (alias === undefined ? undefined : pick(units, (u) => u.abbreviation === alias, measureType)) ??
      pick(units, (u) => u.abbreviation?.toLowerCase() === lower, measureType);
    if (found) return found;
  }
  throw badInput(
    `"unit" must be a measure id (e.g. "11"), an abbreviation or name listed by measureUnits (e.g. "M", "MB"), or a common unit name (e.g. "GB", "hour"); ${JSON.stringify(requested)} is none of these`,
    'unit',
  );
}

/** The shortest chain of table rows from one unit to another (breadth-first), as an exact factor; null when none. */
export function conversionFactor(table: readonly ConversionShape[], fromId: number, toId: number): Factor | null {
  const one = new Money(1);
  if (fromId === toId) return { num: one, den: one };
  const edges = new Map<number, { to: number; num: Decimal; den: Decimal }[]>();
  const add = (a: number, b: number, num: Decimal, den: Decimal) => {
    let list = edges.get(a);
    if (!list) edges.set(a, (list = []));
    list.push({ to: b, num, den });
  };
  for (const c of table) {
    const ratio = new Money(c.ratio);
    // A zero or negative ratio is not a conversion; skip it rather than divide by it.
    if (!ratio.isInteger() || ratio.lte(0)) continue;
    add(c.fromMeasureId, c.toMeasureId, ratio, one);
    add(c.toMeasureId, c.fromMeasureId, one, ratio);
  }
  const seen = new Map<number, Factor>([[fromId, { num: one, den: one }]]);
  let frontier = [fromId];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const at of frontier) {
      const factor = seen.get(at)!;
      for (const e of edges.get(at) ?? []) {
        if (seen.has(e.to)) continue;
        const reached = { num: factor.num.times(e.num), den: factor.den.times(e.den) };
        if (e.to === toId) return reached;
        seen.set(e.to, reached);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  return null;
}

/** Division that truncates, so the one half-up rounding to CONVERSION_DECIMALS afterwards is never a double rounding. */
const Truncating = Money.clone({ rounding: Money.ROUND_DOWN });

/** `amount × num / den`, exact when the quotient terminates, else rounded half-up to CONVERSION_DECIMALS places. */
export function applyFactor(amount: Decimal, factor: Factor): { amount: Decimal; exact: boolean } {
  const product = amount.times(factor.num);
  if (terminates(product, factor.den)) return { amount: product.div(factor.den), exact: true };
  const quotient = new Truncating(product).div(factor.den);
  return { amount: new Money(quotient).toDecimalPlaces(CONVERSION_DECIMALS, Money.ROUND_HALF_UP), exact: false };
}

/**
 * Whether `value / den` has a finite decimal expansion: writing value = N / 10^d, the part of `den` that is not
 * 2s and 5s must divide N.
 */
function terminates(value: Decimal, den: Decimal): boolean {
  let rest = den;
  for (const p of [2, 5]) while (rest.mod(p).isZero()) rest = rest.div(p);
  const numerator = value.times(new Money(10).pow(value.decimalPlaces()));
  return numerator.mod(rest).isZero();
}

/**
 * A quantity in the requested unit. No unit requested: the quantity as the record has it. Errors:
 * BAD_USER_INPUT for a unit that is not in the table of units; UNIT_CONVERSION_NOT_FOUND for a unit of another
 * measure type or one the conversions table does not connect.
 */
export async function convertQuantity(ctx: Ctx, quantity: QuantityShape, unit: string | null | undefined): Promise<QuantityShape> {
  if (unit === null || unit === undefined) return quantity;
  const units = await measureUnits(ctx);
  const from = quantity.measureId === null ? null : (units.find((u) => u.id === quantity.measureId) ?? null);
  const to = resolveUnit(units, unit, from?.measureType ?? null);
  if (quantity.measureId === to.id) return quantity;
  if (!from) throw conversionNotFound(null, quantity.measureId, to, 'the quantity\'s unit is not in the table of units');
  if (from.measureType !== null && to.measureType !== null && from.measureType !== to.measureType) {
    throw conversionNotFound(from, from.id, to, `they measure different things (measure types ${from.measureType} and ${to.measureType})`);
  }
  const factor = conversionFactor(await conversions(ctx), from.id, to.id);
  if (!factor) throw conversionNotFound(from, from.id, to, 'the conversions table has no path between them');
  const converted = applyFactor(quantity.amount, factor);
  return { amount: converted.amount, measureId: to.id, exact: converted.exact && quantity.exact };
}

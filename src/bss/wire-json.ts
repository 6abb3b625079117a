/**
 * JSON on the BSS wire, without losing a digit.
 *
 * Huawei sends money as JSON numbers (`0.1`, 8-decimal bill amounts, balances typed BigDecimal), which
 * `JSON.parse` would round through binary floats. Here a number whose text is a safe integer becomes a
 * `number` (ids, counts, codes), and every other number keeps its exact source text as a `string`, which
 * `toDecimal` turns into a decimal.js value. Writing works the other way: a `WireNumber` is emitted as a
 * bare JSON number with exactly the digits it holds.
 */
import { LosslessNumber, isInteger, isLosslessNumber, isSafeNumber, parse, stringify } from 'lossless-json';

function parseWireNumber(text: string): number | string {
  return isInteger(text) && isSafeNumber(text) ? Number(text) : text;
}

/** Parses a BSS response or request body; non-integer and unsafe numbers stay exact strings. */
export function parseWireJson(text: string): unknown {
  return parse(text, null, parseWireNumber);
}

/** A JSON number written verbatim (e.g. `12.30`), for bodies where Huawei sends numbers, not strings. */
export function wireNumber(text: string | { toFixed(): string }): LosslessNumber {
  return new LosslessNumber(typeof text === 'string' ? text : text.toFixed());
}

export { isLosslessNumber as isWireNumber };

/** Serialises a body; `wireNumber` values come out as bare numbers with their exact digits. */
export function stringifyWireJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('value cannot be serialised as JSON');
  return text;
}

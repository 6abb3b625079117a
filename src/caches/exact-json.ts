/**
 * Cached answers as text for the shared second level (src/caches/second-level.ts), without losing a digit.
 * Answers may hold decimal.js values; `JSON.stringify` would turn one into a plain string (its `toJSON`) that
 * `JSON.parse` gives back as a string, so a sum over a value from the shared level would be a string
 * concatenation or a TypeError instead of exact money. A Decimal is written as `{"$decimal":"<digits>"}` and
 * read back as a Decimal of the constructor the gateway computes with (its precision and rounding, e.g. bss
 * money's), from the same digits. Wire values (strings and safe integers) pass through as they are.
 */
import { Decimal } from 'decimal.js';

/** The marker of a Decimal in the text. Upstream field names are snake_case, so no answer has a field of this name. */
const DECIMAL_FIELD = '$decimal';

export interface ExactJsonCodec {
  encode(value: unknown): string;
  decode(text: string): unknown;
}

/** A codec whose Decimals come back as instances of `DecimalType` (default: decimal.js's own). */
export function exactJsonCodec(DecimalType: Decimal.Constructor = Decimal): ExactJsonCodec {
  return {
    encode(value) {
      // `this[key]` is the value before its toJSON ran: the only place a replacer still sees the Decimal.
      return JSON.stringify(value, function (this: Record<string, unknown>, key: string, replaced: unknown) {
        const original = this[key];
        return Decimal.isDecimal(original) ? { [DECIMAL_FIELD]: (original as Decimal).toString() } : replaced;
      });
    },
    decode(text) {
      return JSON.parse(text, (_key, value: unknown) => {
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const digits = (value as Record<string, unknown>)[DECIMAL_FIELD];
          if (typeof digits === 'string' && Object.keys(value).length === 1) return new DecimalType(digits);
        }
        return value;
      });
    },
  };
}

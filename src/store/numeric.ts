/**
 * NUMERIC text ↔ decimal.js. The engines hand NUMERIC over as the exact text the server wrote
 * (type-parsers.mjs); this is where it becomes a decimal, with the settings of the gateway's Money
 * (src/bss/money.ts: 60 significant digits, half-up) so store and live answers compute alike. Its own
 * constructor keeps the store free of the upstream client's modules.
 */
import { Decimal } from 'decimal.js';

const StoreDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

export function fromNumeric(text: string): Decimal {
  return new StoreDecimal(text);
}

export function fromNumericOrNull(text: string | null): Decimal | null {
  return text === null ? null : new StoreDecimal(text);
}

/** A decimal as NUMERIC input: plain notation, every digit (decimal.js' toString would write 1e-8). */
export function toNumeric(value: Decimal): string {
  return value.toFixed();
}

export function toNumericOrNull(value: Decimal | null): string | null {
  return value === null ? null : value.toFixed();
}

/**
 * Checks of GraphQL arguments that the upstream would refuse (or answer wrongly), made before any call so bad
 * input costs nothing and the error names the argument and the rule.
 */
import { GraphQLError } from 'graphql';
import type { LedgerWindow } from '../sources/partner-funds.js';

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

const LEDGER_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function ledgerDate(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const m = LEDGER_DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw badInput(`"${argument}" must be a date written YYYY-MM-DD (Beijing time), e.g. "2026-03-01" (got ${JSON.stringify(value)})`, argument);
  }
  return value;
}

/**
 * The `trade_time_begin`/`trade_time_end` window of the ledgers (§1.6, §2.7, §3.6): Beijing dates,
 * passed through as given. When both are given, a span over one year is refused here with a clear
 * message instead of costing an upstream call that answers CBC.0100; a one-sided window is left to the
 * upstream defaults (a year back from `to`, or today).
 */
export function ledgerWindow(from: string | null | undefined, to: string | null | undefined): LedgerWindow {
  const begin = ledgerDate(from, 'from');
  const end = ledgerDate(to, 'to');
  if (begin && end) {
    if (begin > end) throw badInput('"from" must not be later than "to"', 'from');
    const limit = `${Number(begin.slice(0, 4)) + 1}${begin.slice(4)}`;
    if (end > limit) throw badInput('the ledger window may span at most one year ("from" to "to"), as the upstream requires', 'to');
  }
  return { ...(begin ? { trade_time_begin: begin } : {}), ...(end ? { trade_time_end: end } : {}) };
}

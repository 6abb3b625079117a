/**
 * Checks of GraphQL arguments that the upstream would refuse (or answer wrongly), made before any call so bad
 * input costs nothing and the error names the argument and the rule.
 */
import { GraphQLError } from 'graphql';
import type { LedgerWindow } from '../sources/partner-funds.js';
import { MAX_CYCLES, cycleOf, monthIndex } from '../sources/billing-cycles.js';

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

/**
 * The one rule for every billing-cycle argument (monthly bills, a customer's monthly sum, the consumption
 * views): a cycle from the open one (`openCycle`, UTC+8, see `openCycleOf`) back through the 17 before it —
 * the 18 months Huawei keeps consumption (§4.2). A malformed cycle never gets here (the BillingCycle scalar
 * refuses it with the same code); a future cycle has no bills yet, and an older one is refused upstream by
 * some endpoints (CBC.0100) and silently answered empty by others, so both are BAD_USER_INPUT before any call.
 */
export function checkCycle(cycle: string, openCycle: string, argument = 'cycle'): string {
  const oldest = cycleOf(monthIndex(openCycle) - (MAX_CYCLES - 1));
  if (cycle > openCycle) {
    throw badInput(`"${argument}" must not be a future cycle: cycles ${oldest} to ${openCycle} (the current one, UTC+8) can be asked (got "${cycle}")`, argument);
  }
  if (cycle < oldest) {
    throw badInput(
      `"${argument}" must be one of the last ${MAX_CYCLES} cycles, ${oldest} to ${openCycle} (UTC+8), as Huawei keeps bills ${MAX_CYCLES} months (got "${cycle}")`,
      argument,
    );
  }
  return cycle;
}

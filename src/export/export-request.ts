/**
 * The query string of `GET /export/consumption`, validated: every rule names its parameter, so a BI tool's
 * operator can fix the URL from the 400 alone. Unknown parameters are refused rather than ignored (a typo
 * like `cusomerId` would otherwise export every customer). A future cycle is refused as on the GraphQL
 * endpoint (src/resolvers/consumption.ts `consumptionCycles`): it has no records yet, and an export of it
 * would quietly stream an empty file.
 */
import { MAX_CYCLES, cycleOf, cyclesBetween, monthIndex } from '../sources/billing-cycles.js';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportRequest {
  /** `YYYY-MM` cycles, oldest first. */
  readonly cycles: readonly string[];
  readonly format: ExportFormat;
  /** Only these customers; null: every customer of the scope. */
  readonly customerIds: readonly string[] | null;
  /** undefined: not asked (everything the caller may see); null (`own`): the partner's own customers; an id: that reseller's. */
  readonly indirectPartnerId: string | null | undefined;
}

export const MAX_CUSTOMER_IDS = 1000;
export const OWN_CUSTOMERS = 'own';

const PARAMETERS = ['cycle', 'fromCycle', 'toCycle', 'format', 'customerId', 'indirectPartnerId'] as const;
const REPEATABLE = new Set<string>(['customerId']);
const CYCLE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class ExportInputError extends Error {
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
    this.name = 'ExportInputError';
  }
}

function parseCycle(value: string, parameter: string): string {
  if (!CYCLE.test(value)) {
    throw new ExportInputError(`"${parameter}" must be a billing month written YYYY-MM, e.g. "2026-10" (got ${JSON.stringify(value)})`, parameter);
  }
  return value;
}

/** Refuses a cycle after the open one: it has no records yet. Both are valid `YYYY-MM`, so text order is month order. */
/**
 * The graph's cycle rule (src/resolvers/input.ts `checkCycle`): no future cycle, and none older than the 18 Huawei
 * keeps (the current one and the 17 before it, UTC+8), refused here before any call.
 */
function keptCycle(cycle: string, openCycle: string, parameter: string): string {
  if (cycle > openCycle) {
    throw new ExportInputError(`"${parameter}" must not be a future cycle (the current cycle is ${openCycle}, UTC+8; got "${cycle}")`, parameter);
  }
  const oldest = cycleOf(monthIndex(openCycle) - (MAX_CYCLES - 1));
  if (cycle < oldest) {
    throw new ExportInputError(
      `"${parameter}" must be one of the last ${MAX_CYCLES} cycles, ${oldest} to ${openCycle} (UTC+8), as Huawei keeps bills ${MAX_CYCLES} months (got "${cycle}")`,
      parameter,
    );
  }
  return cycle;
}

function cyclesOf(params: URLSearchParams, openCycle: string): string[] {
  const cycle = params.get('cycle');
  const from = params.get('fromCycle');
  const to = params.get('toCycle');
  if (cycle !== null) {
    if (from !== null || to !== null) {
      throw new ExportInputError('pass either "cycle" or "fromCycle" and "toCycle", not both', from !== null ? 'fromCycle' : 'toCycle');
    }
    return [keptCycle(parseCycle(cycle, 'cycle'), openCycle, 'cycle')];
  }
  if (from === null && to === null) throw new ExportInputError('"cycle" is required: a billing month written YYYY-MM (or give "fromCycle" and "toCycle")', 'cycle');
  if (from === null) throw new ExportInputError('"fromCycle" is required with "toCycle"', 'fromCycle');
  if (to === null) throw new ExportInputError('"toCycle" is required with "fromCycle"', 'toCycle');
  const first = monthIndex(parseCycle(from, 'fromCycle'));
  const last = monthIndex(parseCycle(to, 'toCycle'));
  if (first > last) throw new ExportInputError(`"fromCycle" (${from}) must not be later than "toCycle" (${to})`, 'fromCycle');
  // fromCycle ≤ toCycle: checking toCycle covers the whole range.
  keptCycle(to, openCycle, 'toCycle');
  if (last - first + 1 > MAX_CYCLES) {
    throw new ExportInputError(`"fromCycle" to "toCycle" may span at most ${MAX_CYCLES} cycles (got ${last - first + 1}); records are kept 18 months`, 'toCycle');
  }
  keptCycle(from, openCycle, 'fromCycle');
  return cyclesBetween(from, to);
}

function formatOf(params: URLSearchParams): ExportFormat {
  const format = params.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'ndjson') throw new ExportInputError(`"format" must be "csv" or "ndjson" (got ${JSON.stringify(format)})`, 'format');
  return format;
}

function customerIdsOf(params: URLSearchParams): string[] | null {
  const values = params.getAll('customerId');
  if (values.length === 0) return null;
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const id of ids) {
    if (!ID.test(id)) throw new ExportInputError(`"customerId" must be customer account ids (letters, digits, "_" or "-", at most 64), repeated or comma-separated (got ${JSON.stringify(id)})`, 'customerId');
  }
  const unique = [...new Set(ids)];
  if (unique.length > MAX_CUSTOMER_IDS) throw new ExportInputError(`"customerId" may list at most ${MAX_CUSTOMER_IDS} customers (got ${unique.length})`, 'customerId');
  return unique;
}

function resellerOf(params: URLSearchParams): string | null | undefined {
  const value = params.get('indirectPartnerId');
  if (value === null) return undefined;
  if (value === OWN_CUSTOMERS) return null;
  if (!ID.test(value)) {
    throw new ExportInputError(`"indirectPartnerId" must be a reseller id or "${OWN_CUSTOMERS}" for the partner's own customers (got ${JSON.stringify(value)})`, 'indirectPartnerId');
  }
  return value;
}

/** `openCycle`: the current cycle (UTC+8) by the gateway's clock (`openCycleOf`); later ones are refused. */
export function parseExportRequest(params: URLSearchParams, openCycle: string): ExportRequest {
  for (const name of new Set(params.keys())) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      throw new ExportInputError(`unknown parameter "${name}"; the export takes ${PARAMETERS.map((p) => `"${p}"`).join(', ')}`, name);
    }
    if (!REPEATABLE.has(name) && params.getAll(name).length > 1) throw new ExportInputError(`"${name}" may be given once`, name);
  }
  return { cycles: cyclesOf(params, openCycle), format: formatOf(params), customerIds: customerIdsOf(params), indirectPartnerId: resellerOf(params) };
}

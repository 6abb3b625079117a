/** Printing: tables of measured vs bound, ratios and PASS/MISS verdicts (a MISS never fails the process). */
import * as reference from '../src/bss/operations/commerce/reference.js';
import { totalCalls, type CallsByApi } from './bounds.js';

/**
 * Reference catalogues (service types, units, conversions, regions): the gateway caches them process-wide
 * for hours, so a pull pays for them once per process, not per pull. Shown apart, outside the ratio.
 */
const REFERENCE = new Set(
  (Object.values(reference) as unknown[])
    .filter((v): v is { name: string; method: string } => typeof v === 'object' && v !== null && 'method' in v && 'name' in v)
    .map((op) => op.name),
);

function splitReference(calls: CallsByApi): { work: CallsByApi; ref: CallsByApi } {
  const work: CallsByApi = {};
  const ref: CallsByApi = {};
  for (const [name, n] of Object.entries(calls)) (REFERENCE.has(name) ? ref : work)[name] = n;
  return { work, ref };
}

export const WALL_TARGET = 1.2;
export const SPEEDUP_TARGET = 5;

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

const ratio = (measured: number, bound: number): string => (bound > 0 ? (measured / bound).toFixed(2) : measured === 0 ? '1.00' : '∞');

export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export interface Measured {
  /** HTTP requests per operation (retries included), from the client's counter. */
  readonly calls: CallsByApi;
  readonly bound: CallsByApi;
  readonly wallMs: number;
  readonly wallBoundS: number;
  /** 429 answers the client retried. */
  readonly throttled: number;
}

/** The calls table and the wall-time line, with their verdicts. */
export function measuredLines(m: Measured): string[] {
  const { work, ref } = splitReference(m.calls);
  m = { ...m, calls: work };
  const names = [...new Set([...Object.keys(m.bound), ...Object.keys(m.calls)])].sort();
  const width = Math.max(24, ...names.map((n) => n.length + 2));
  const row = (label: string, measured: string, bound: string, r: string, extra = ''): string =>
    `    ${label.padEnd(width)}${measured.padStart(10)}${bound.padStart(10)}${r.padStart(9)}${extra ? `   ${extra}` : ''}`;
  const measured = totalCalls(m.calls);
  const bound = totalCalls(m.bound);
  const wallRatio = m.wallMs / 1000 / m.wallBoundS;
  return [
    row('upstream calls', 'measured', 'bound', 'ratio'),
    ...names.map((n) => row(`  ${n}`, String(m.calls[n] ?? 0), String(m.bound[n] ?? 0), ratio(m.calls[n] ?? 0, m.bound[n] ?? 0))),
    row('  total', String(measured), String(bound), ratio(measured, bound), `${verdict(measured === bound)} (target: calls = bound)`),
    row('wall time', secs(m.wallMs), `${m.wallBoundS.toFixed(2)} s`, wallRatio.toFixed(2), `${verdict(wallRatio <= WALL_TARGET)} (target: ≤ ${WALL_TARGET}x bound)`),
    `    429s answered by the upstream (retried): ${m.throttled}`,
    // A retried 429 is a real call, so the total above counts it. It says nothing of the calls the gateway chose
    // (those follow from the pull's design); arrivals bunched by a stalled process do (bench/RESULTS.md, notes).
    ...(m.throttled > 0
      ? [row('  total without them', String(measured - m.throttled), String(bound), ratio(measured - m.throttled, bound), `${verdict(measured - m.throttled === bound)} (the calls the gateway chose)`)]
      : []),
    ...(Object.keys(ref).length > 0
      ? [`    reference catalogues, cached process-wide (not counted): ${Object.entries(ref).map(([n, c]) => `${n} ${c}`).join(', ')}`]
      : []),
  ];
}

/**
 * The time window a lost answer is looked for in the upstream's own records, and how per-item matches of a batch
 * write (coupons to customers, quotas to resellers) settle it. The rule and its limits: docs/writes.md.
 */
import type { GraphQLContext } from '../../context.js';
import { CLOCK_SKEW_MS } from '../../sources/writes/lookup-outcome.js';

/**
 * How far either side of the send (and of the look) records are searched: clock skew between us and Huawei,
 * queueing. The same margin as the lookups of created objects (sources/writes/lookup-outcome.ts): a record
 * missed by a narrower window reads as "not applied", the key is released and a retry moves the money twice,
 * while a wider one only makes two identical writes in it undecidable (OUTCOME_UNKNOWN, no money moved).
 */
export const RECONCILE_SKEW_MS = CLOCK_SKEW_MS;

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/** From RECONCILE_SKEW_MS before the send to RECONCILE_SKEW_MS after now (by the write clock). */
export function reconcileWindow(ctx: Pick<GraphQLContext, 'writes'>, sentAt: Date): Window {
  const now = ctx.writes?.clock?.() ?? new Date();
  return { from: new Date(sentAt.getTime() - RECONCILE_SKEW_MS), to: new Date(Math.max(now.getTime(), sentAt.getTime()) + RECONCILE_SKEW_MS) };
}

export interface ItemMatches<R> {
  /** Items with exactly one matching record. */
  readonly found: ReadonlyMap<string, R>;
  /** Items with none: not done. */
  readonly missing: readonly string[];
  /** Items with several: which one is this request's cannot be told. */
  readonly ambiguous: readonly string[];
}

export function classifyItems<R>(ids: readonly string[], matches: ReadonlyMap<string, readonly R[]>): ItemMatches<R> {
  const found = new Map<string, R>();
  const missing: string[] = [];
  const ambiguous: string[] = [];
  for (const id of ids) {
    const m = matches.get(id) ?? [];
    if (m.length === 1) found.set(id, m[0]!);
    else if (m.length === 0) missing.push(id);
    else ambiguous.push(id);
  }
  return { found, missing, ambiguous };
}

/** The failure an item gets when the lost answer was reconciled and no record of it was found. */
export const NOT_APPLIED_ON_RECONCILE = 'NOT_APPLIED';

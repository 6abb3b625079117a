/**
 * `Query.consumptionSync`: how far the local consumption store is synced, per billing cycle it keeps. Read from
 * the store (`summarizeSyncCycles`, one statement), never upstream. A reseller's API key sees the counts of its
 * own customers only (the scope is in the SQL).
 */
import { wholeScopeFor } from '../auth/scope.js';
import type { GraphQLContext } from '../context.js';
import { summarizeSyncCycles, type SyncCycleSummary } from '../store/index.js';

export interface ConsumptionSyncShape {
  /** A store is open and the background sync runs. */
  readonly enabled: boolean;
  readonly cycles: readonly SyncCycleSummary[];
}

export async function consumptionSyncStatus(ctx: Pick<GraphQLContext, 'store' | 'sync' | 'caller'>): Promise<ConsumptionSyncShape> {
  if (!ctx.store) return { enabled: false, cycles: [] };
  const rows = await summarizeSyncCycles(ctx.store, wholeScopeFor(ctx.caller));
  // Cycles the sync no longer keeps (older than its months) stay in the store but are not its progress.
  const kept = ctx.sync ? new Set(ctx.sync.cycles()) : null;
  return { enabled: ctx.sync !== undefined, cycles: kept ? rows.filter((r) => kept.has(r.cycle)) : rows };
}

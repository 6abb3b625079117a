/**
 * Read your writes in the consumption store: a write that adds to a customer's open cycle (a paid order, a
 * renewal, an unsubscription's refund) has the sync read that customer's open cycle again before the mutation
 * answers, so a view from the store shows it (docs/writes.md). Bounded: past REFRESH_WAIT_MS the mutation answers
 * and the read finishes in the background. Without a sync (or for a customer it has not synced) nothing happens:
 * those views are live pulls anyway.
 */
import type { GraphQLContext } from '../../context.js';

/** The longest a mutation waits for the refresh (a customer's open month is a few pages). */
export const REFRESH_WAIT_MS = 5_000;

export async function refreshOpenConsumption(ctx: Pick<GraphQLContext, 'sync'>, customerId: string, indirectPartnerId: string | null): Promise<void> {
  if (!ctx.sync) return;
  const refresh = ctx.sync.refreshOpenCycle(customerId, indirectPartnerId);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, REFRESH_WAIT_MS);
    timer.unref();
  });
  try {
    await Promise.race([refresh, bound]);
  } finally {
    clearTimeout(timer);
  }
}

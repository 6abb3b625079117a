/**
 * Expired idempotency records are purged once an hour (and once at start), so the table holds about a day of
 * writes rather than every write ever made. Every replica may run it: the DELETE is idempotent and only takes
 * rows nobody can still need (store/idempotency.ts). The audit log is never purged: it is the record of what
 * moved money (docs/writes.md).
 */
import { IDEMPOTENCY_PURGE_INTERVAL_MS, purgeExpiredIdempotencyRecords } from './idempotency.js';
import type { StoreReader } from './store.js';

/** Where the purge reports (the gateway's pino log fits; the store imports nothing above it). */
export interface PurgeLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface PurgeSchedule {
  /** Stops the timer (the store may close after). */
  stop(): void;
  /** One purge now; the number of records deleted (0 when it failed: logged, retried at the next tick). */
  runOnce(): Promise<number>;
}

export function scheduleIdempotencyPurge(store: StoreReader, log: PurgeLog, intervalMs = IDEMPOTENCY_PURGE_INTERVAL_MS): PurgeSchedule {
  let running: Promise<number> | null = null;
  const runOnce = (): Promise<number> => {
    running ??= purgeExpiredIdempotencyRecords(store)
      .then((purged) => {
        if (purged > 0) log.info({ event: 'idempotency.purge', purged }, 'expired idempotency records purged');
        return purged;
      })
      .catch((error: unknown) => {
        log.warn({ event: 'idempotency.purge_failed', err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'purging expired idempotency records failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  void runOnce();
  return { stop: () => clearInterval(timer), runOnce };
}

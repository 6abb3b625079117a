/**
 * The consumption sync's events (src/sync/events.ts) as metrics and log lines. Lines carry cycles, counts,
 * durations and error codes: no customer id, name or amount (docs/operations.md lists them).
 */
import type { SyncEvent } from '../sync/events.js';
import type { Log } from './log.js';
import type { Metrics } from './metrics.js';

export function syncObserver(log: Log | undefined, metrics: Metrics | undefined): (event: SyncEvent) => void {
  return (event) => {
    metrics?.observeSync(event);
    if (!log) return;
    switch (event.type) {
      case 'cycle-started':
        log.info({ event: 'sync.cycle.started', cycle: event.cycle, units: event.units }, 'consumption sync: cycle started');
        break;
      case 'cycle-finished':
        log.info(
          { event: event.complete ? 'sync.cycle.complete' : 'sync.cycle.incomplete', cycle: event.cycle, synced: event.synced, failed: event.failed, records: event.records, durationMs: event.durationMs },
          event.complete ? 'consumption sync: cycle complete' : 'consumption sync: cycle incomplete (failed units are retried)',
        );
        break;
      case 'unit-failed':
        log.warn({ event: 'sync.unit.failed', cycle: event.cycle, code: event.code }, 'consumption sync: a customer × cycle failed');
        break;
      case 'listing':
        if (event.joined + event.left + event.returned > 0) {
          log.info({ event: 'sync.listing', cycle: event.cycle, joined: event.joined, left: event.left, returned: event.returned }, 'consumption sync: customers listed');
        }
        break;
      case 'drift-checked':
        log.info({ event: 'sync.drift', cycle: event.cycle, checked: event.checked, differing: event.differing, replaced: event.replaced }, 'consumption sync: drift check');
        break;
      case 'pass-finished':
        log.info({ event: 'sync.pass', ...event, type: undefined }, 'consumption sync: pass finished');
        break;
      case 'cycle-failed':
        log.warn({ event: 'sync.cycle.failed', cycle: event.cycle, code: event.code }, 'consumption sync: listing a cycle failed (retried next pass)');
        break;
      case 'pass-failed':
        log.error({ event: 'sync.pass.failed', code: event.code }, 'consumption sync: pass failed (retried later)');
        break;
      default:
        break;
    }
  };
}

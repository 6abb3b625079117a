/**
 * What the sync reports as it works: for metrics and the log (src/main.ts turns them into both). Counts, cycles
 * and error codes only: never a customer's name, records or amounts.
 */
export type SyncEvent =
  /** A cycle's listing was recorded: customers new to it (`joined`), no longer listed (`left`), back (`returned`). */
  | { readonly type: 'listing'; readonly cycle: string; readonly joined: number; readonly left: number; readonly returned: number }
  /** A settled cycle's stored totals were compared with the upstream's summaries; `differing` units are read again. */
  | { readonly type: 'drift-checked'; readonly cycle: string; readonly checked: number; readonly differing: number; readonly replaced: number }
  /** A cycle has units to read. */
  | { readonly type: 'cycle-started'; readonly cycle: string; readonly units: number }
  | { readonly type: 'unit-synced'; readonly cycle: string; readonly records: number }
  /** A unit's read failed; it stays unsynced (`failed`, `last_error`) and is tried again next pass. */
  | { readonly type: 'unit-failed'; readonly cycle: string; readonly code: string }
  /** A cycle's units were worked through: `complete` when every listed customer is synced. */
  | { readonly type: 'cycle-finished'; readonly cycle: string; readonly complete: boolean; readonly synced: number; readonly failed: number; readonly records: number; readonly durationMs: number }
  /** A cycle's listing or drift check failed; its units wait for the next pass. */
  | { readonly type: 'cycle-failed'; readonly cycle: string; readonly code: string }
  | {
    readonly type: 'pass-finished'; readonly durationMs: number; readonly cycles: number; readonly cyclesComplete: number; readonly cyclesFailed: number;
    readonly unitsSynced: number; readonly unitsFailed: number; readonly records: number; readonly driftStale: number;
  }
  /** A pass stopped on an error outside any unit (the store unreachable, a listing failed). */
  | { readonly type: 'pass-failed'; readonly code: string };

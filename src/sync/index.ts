/**
 * The background consumption sync (docs/store.md "The sync"): upstream → store, within a share of each API's
 * quota, resumable per customer × cycle. Imports only bss, caches, sources and store (.dependency-cruiser.cjs).
 */
export { ConsumptionSync, SYNC_DEFAULTS, readUnit, describeFailure, type ConsumptionSyncOptions, type PassResult } from './consumption-sync.js';
export { agreesWithMonthlySums, MONTHLY_SUM_CHARGE_MODES } from './drift.js';
export { syncCycles, cycleKind, cycleEnd, settledAt, MAX_SYNC_MONTHS, type CycleKind } from './calendar.js';
export type { SyncEvent } from './events.js';

/**
 * The state store (docs/store.md): one PostgreSQL-dialect database, embedded PGlite by default or a
 * PostgreSQL server when DATABASE_URL is set. Nothing here calls the upstream.
 */
export { openStore, MEMORY_DATA_DIR, type StoreConfig, type OpenStoreOptions } from './open-store.js';
export type { Store, StoreEngine, StoreReader } from './store.js';
export type { StoreDatabase } from './database.js';
export type { StoredConsumptionRecord } from './consumption-record.js';
export { checkSelection, selectionConditions, type ConsumptionSelection, type StoreScope } from './selection.js';
export { readStartTime, replaceCustomerCycle, type CustomerCycleRecords, type ReplaceResult } from './replace-customer-cycle.js';
export {
  readConsumptionTotals, readConsumptionBreakdown, readConsumptionSummary, countConsumptionRecords, type StoreSums, type StoreGroup, type BreakdownDimension,
  type ConsumptionSummary,
} from './rollup-reads.js';
export {
  pageConsumptionRecords, encodeRecordCursor, decodeRecordCursor, type RecordCursor, type RecordPage, type RecordPageArgs,
} from './record-pages.js';
export { customerCycleCompletion, cycleCompletion, readSyncProgress, summarizeSyncCycles, type SyncProgress, type SyncCycleSummary } from './sync-progress.js';
export { refreshStatistics } from './statistics.js';
export {
  recordCycleListing, registerSyncCycles, unitsToSync, recordUnitFailure, unitState, markUnitsStale, markCycleStale, recordAssociationType,
  recordCycleChecked, recordCycleCompletion, readSyncCycle, readStoredUnitTotals, readSyncedUnits,
  type SyncUnit, type ListedCustomer, type ListingResult, type PendingUnit, type SyncCycleRow, type StoredUnitTotals, type SyncedUnit,
} from './sync-units.js';
export { StoreDatabaseError } from './sql-executor.js';
export { StoreMigrationError } from './migrate.js';
export { readConsumptionCoverage, type ConsumptionCoverage } from './consumption-coverage.js';
export {
  claimIdempotencyKey, settleIdempotencyKey, releaseIdempotencyKey, readIdempotencyRecord, purgeExpiredIdempotencyRecords,
  recordPendingWrite, resumeUnknownKey, STALE_IN_PROGRESS_MS,
  DEFAULT_IDEMPOTENCY_TTL_MS, type ClaimResult, type IdempotencyClaim, type IdempotencyKeyRef, type IdempotencyRecord,
} from './idempotency.js';
export { scheduleIdempotencyPurge, type PurgeSchedule } from './purge-schedule.js';
export { appendAudit, appliedReferences, pageAuditLog, type AuditEntry, type AuditRow, type AuditPageArgs } from './audit-log.js';

-- The background sync's bookkeeping beyond 0001 (src/sync/, docs/store.md "The sync"):
-- - consumption_sync_cycles.checked_at: when the cycle's stored per-customer totals were last compared with
--   the upstream's cheap summary (drift check of a closed cycle), so the check runs once per refresh interval;
-- - consumption_sync_progress.left_at: the customer was no longer listed for the cycle when the sync last
--   listed it (its synced records are kept; NULL: listed);
-- - consumption_sync_progress.association_type: "1" referral, "2" resale (E3 of the customer's records or its
--   listing), which decides how its drift is checked (only resale customers have partner monthly sums).
ALTER TABLE consumption_sync_cycles ADD COLUMN checked_at timestamptz;
ALTER TABLE consumption_sync_progress ADD COLUMN left_at timestamptz;
ALTER TABLE consumption_sync_progress ADD COLUMN association_type text;

-- When the upstream read behind a unit's stored records began (src/store/replace-customer-cycle.ts): two writers
-- of one customer × cycle can overlap — a sync pass and the open-cycle refresh after a write, possibly on two
-- replicas — and the one whose read began later holds the newer records. A replace whose read began before the
-- stored one's is refused, so an older read that commits last can no longer hide a write from the store's
-- views until the next daily refresh. NULL: stored before this column (any read replaces it).
ALTER TABLE consumption_sync_progress ADD COLUMN read_started_at timestamptz;

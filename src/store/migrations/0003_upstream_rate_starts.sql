-- The upstream quota shared by replicas (src/store/upstream-slots.ts, docs/deploy.md): per budget key (a
-- credential and an API, e.g. `ak:…|ListSubCustomers`), the times of its last `rate` starts, oldest first, as
-- the database's clock saw them. A start is booked by one INSERT … ON CONFLICT DO UPDATE … WHERE that appends
-- the time only while fewer than `rate` starts fall in the sliding window: the row lock makes the check and the
-- append atomic, so N gateways on one database never start more than `rate` calls of an API in any window.
-- One row per key whatever the traffic: the array never holds more than the quota's starts.
CREATE TABLE upstream_rate_starts (
  budget_key text PRIMARY KEY,
  starts timestamptz[] NOT NULL
);

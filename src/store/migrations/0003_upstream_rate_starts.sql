-- The upstream quota shared by replicas (src/store/upstream-slots.ts, docs/deploy.md): per budget key (a
-- credential and an API, e.g. `ak:…|ListSubCustomers`), the places its calls hold in the sliding window, as the
-- database's clock sees them: a call in flight holds the time it is given up for lost (its start plus a hold),
-- an answered call the time its answer came back; a place leaves the window a window after that time. A place
-- is booked by one INSERT … ON CONFLICT DO UPDATE … WHERE that appends it only while fewer than `rate` places
-- are in the window: the row lock makes the check and the append atomic, so N gateways on one database never
-- have more than `rate` calls of an API in any window. One row per key; the array holds at most `rate` places.
CREATE TABLE upstream_rate_starts (
  budget_key text PRIMARY KEY,
  starts timestamptz[] NOT NULL
);

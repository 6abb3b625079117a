-- The partner-data cache's second level, shared by replicas on one PostgreSQL (src/store/partner-cache-rows.ts,
-- docs/deploy.md "Cache per replica or shared"): an upstream answer one replica loaded, for the others to read
-- instead of asking the upstream again. Keyed by kind, the caller's scope (`partner`, `reseller:<id>`) and the
-- request: `key` is its text as a JSON string literal (NUL escaped), compared on read; the primary key holds its
-- md5, as a request can exceed what a btree entry holds. `value` is the answer as exact JSON (decimal.js values
-- tagged, never floats); times are the writing replica's clock in epoch ms. `customers`/`resellers` are who the
-- answer is about: a write's invalidation deletes by them (GIN indexes) or by kind. Nothing here is the truth:
-- a table that is emptied costs upstream calls, never an answer.
CREATE TABLE partner_cache_entries (
  kind text NOT NULL,
  scope text NOT NULL,
  key_hash text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  stored_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  customers text[] NOT NULL,
  resellers text[] NOT NULL,
  PRIMARY KEY (kind, scope, key_hash)
);
CREATE INDEX partner_cache_entries_customers ON partner_cache_entries USING gin (customers);
CREATE INDEX partner_cache_entries_resellers ON partner_cache_entries USING gin (resellers);
CREATE INDEX partner_cache_entries_expires_at ON partner_cache_entries (expires_at);

-- One counter, bumped by every invalidation in the transaction that deletes the rows. A replica reads it with
-- its L2 miss and writes the upstream's answer only if it is unchanged (holding the row FOR SHARE, so an
-- invalidation waits for that write and then deletes it): an answer loaded before a write never lands after it.
CREATE TABLE partner_cache_generation (
  id int PRIMARY KEY CHECK (id = 1),
  n bigint NOT NULL
);
INSERT INTO partner_cache_generation (id, n) VALUES (1, 0);

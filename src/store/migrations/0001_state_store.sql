-- The gateway's state store, first shape: synced consumption (records, rollups, sync progress) and the
-- write path's idempotency records and audit log. Runs unchanged on PGlite and on PostgreSQL >= 15
-- (docs/store.md). Forward only: a later change is a new numbered file, never an edit of this one.
--
-- Conventions:
-- - Keys and codes are text COLLATE "C": byte order, the same on every server whatever its locale, so keyset
--   pages and breakdown orders agree between the two engines.
-- - Money and quantities are NUMERIC without a typmod: exactly the digits Huawei sent (8 decimals), summed
--   exactly by the server.
-- - indirect_partner_id is the scope a customer's records were read in: NULL for the partner's own customers,
--   a reseller's id for its customers. scope_key is the same as text that is never NULL ('' = own), so it
--   can be part of a primary key and compared in a keyset; queries filter on scope_key.

-- One consumption record (ListSubCustomerBillDetail §4.2, one SubCustomerMonthlyBillDetail), as the gateway
-- models it (src/resolvers/consumption.ts ConsumptionRecordShape). A customer × cycle is replaced whole in
-- one transaction by the sync; the primary key is the upsert key and the keyset order of records pages.
CREATE TABLE consumption_records (
  cycle                        text COLLATE "C" NOT NULL CHECK (cycle ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  indirect_partner_id          text COLLATE "C" CHECK (indirect_partner_id <> ''),
  scope_key                    text COLLATE "C" NOT NULL GENERATED ALWAYS AS (coalesce(indirect_partner_id, '')) STORED,
  customer_id                  text COLLATE "C" NOT NULL CHECK (customer_id <> ''),
  record_id                    text COLLATE "C" NOT NULL CHECK (record_id <> ''),
  association_type             text,
  service_type_code            text COLLATE "C" NOT NULL,
  service_type_name            text,
  resource_type_code           text COLLATE "C" NOT NULL,
  resource_type_name           text,
  charge_mode                  integer,
  bill_type                    integer,
  trade_id                     text,
  trade_time                   timestamptz,
  consume_time                 timestamptz,
  resource_id                  text,
  resource_name                text,
  resource_tag                 text,
  product_spec_description     text,
  region_code                  text COLLATE "C" CHECK (region_code <> ''),
  region_name                  text,
  product_id                   text,
  product_name                 text,
  usage_type_code              text,
  usage_amount                 numeric,
  usage_measure_id             integer,
  free_resource_usage          numeric,
  free_resource_measure_id     integer,
  reserved_instance_usage      numeric,
  reserved_instance_measure_id integer,
  official_amount              numeric NOT NULL,
  discount_amount              numeric NOT NULL,
  payment_amount               numeric NOT NULL,
  cash_amount                  numeric,
  credit_amount                numeric,
  coupon_amount                numeric,
  flexi_purchase_coupon_amount numeric,
  stored_value_card_amount     numeric,
  debt_amount                  numeric,
  writeoff_amount              numeric,
  period_type                  integer,
  period_num                   numeric,
  account_manager_id           text,
  partner_id                   text,
  sub_service_type_code        text,
  sub_service_type_name        text,
  sub_resource_type_code       text,
  sub_resource_type_name       text,
  sub_resource_id              text,
  sub_resource_name            text,
  CONSTRAINT consumption_records_pkey PRIMARY KEY (cycle, scope_key, customer_id, record_id)
);

-- Exact sums per finest cell of the breakdowns, written with the records (same transaction, summed by the
-- server from the rows just written), so totals and breakdowns read these instead of the records. One row
-- per customer × cycle × service type × resource type × region × charge mode × bill type.
CREATE TABLE consumption_rollups (
  cycle                        text COLLATE "C" NOT NULL CHECK (cycle ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  indirect_partner_id          text COLLATE "C" CHECK (indirect_partner_id <> ''),
  scope_key                    text COLLATE "C" NOT NULL GENERATED ALWAYS AS (coalesce(indirect_partner_id, '')) STORED,
  customer_id                  text COLLATE "C" NOT NULL,
  service_type_code            text COLLATE "C" NOT NULL,
  resource_type_code           text COLLATE "C" NOT NULL,
  -- '' for records without a region (global services): a breakdown key, sorted first.
  region_code                  text COLLATE "C" NOT NULL,
  charge_mode                  integer,
  bill_type                    integer,
  -- A name the cell's records carried (in the sync's language), for codes the catalogues do not know.
  service_type_name            text,
  resource_type_name           text,
  region_name                  text,
  record_count                 integer NOT NULL CHECK (record_count > 0),
  payment_amount               numeric NOT NULL,
  official_amount              numeric NOT NULL,
  discount_amount              numeric NOT NULL,
  cash_amount                  numeric NOT NULL,
  credit_amount                numeric NOT NULL,
  coupon_amount                numeric NOT NULL,
  flexi_purchase_coupon_amount numeric NOT NULL,
  stored_value_card_amount     numeric NOT NULL,
  debt_amount                  numeric NOT NULL,
  writeoff_amount              numeric NOT NULL,
  -- Scope first: a reseller's rollups are one index range whatever the partner's size.
  CONSTRAINT consumption_rollups_cell UNIQUE NULLS NOT DISTINCT
    (scope_key, cycle, customer_id, service_type_code, resource_type_code, region_code, charge_mode, bill_type)
);
-- Partner-wide questions over one cycle or a few.
CREATE INDEX consumption_rollups_cycle ON consumption_rollups (cycle);

-- The sync's cycles: whether a cycle's customer list has been taken (customersTotal is then known) and when
-- every listed customer was last synced.
CREATE TABLE consumption_sync_cycles (
  cycle               text COLLATE "C" PRIMARY KEY CHECK (cycle ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  customers_listed_at timestamptz,
  completed_at        timestamptz
);

-- The sync's progress per customer × cycle (the unit it resumes at). The stored totals are those of the
-- records as synced, to compare with a cheap upstream summary (drift: late adjustments of closed cycles).
CREATE TABLE consumption_sync_progress (
  cycle               text COLLATE "C" NOT NULL CHECK (cycle ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  indirect_partner_id text COLLATE "C" CHECK (indirect_partner_id <> ''),
  scope_key           text COLLATE "C" NOT NULL GENERATED ALWAYS AS (coalesce(indirect_partner_id, '')) STORED,
  customer_id         text COLLATE "C" NOT NULL CHECK (customer_id <> ''),
  -- pending: listed, not synced yet; synced: the records are in; stale: drift seen, to pull again;
  -- failed: the last attempt failed (last_error says why).
  state               text NOT NULL CHECK (state IN ('pending', 'synced', 'stale', 'failed')),
  record_count        integer NOT NULL DEFAULT 0,
  payment_amount      numeric,
  official_amount     numeric,
  discount_amount     numeric,
  -- What the upstream counted when the records were read (4.2 total_count).
  upstream_record_count integer,
  synced_at           timestamptz,
  checked_at          timestamptz,
  attempted_at        timestamptz,
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  CONSTRAINT consumption_sync_progress_pkey PRIMARY KEY (cycle, scope_key, customer_id),
  CHECK (state <> 'synced' OR synced_at IS NOT NULL)
);
-- The sync's next work: what is not synced yet, per cycle.
CREATE INDEX consumption_sync_progress_todo ON consumption_sync_progress (cycle, state) WHERE state <> 'synced';

-- Idempotent writes (next issue): one row per API key × client-chosen key. A retry with the same key and the
-- same request hash replays `answer`; the same key with another hash is a conflict. `unknown`: the upstream's
-- answer was lost, to be reconciled from its own records before the caller is told anything.
CREATE TABLE idempotency_records (
  api_key_name    text COLLATE "C" NOT NULL,
  idempotency_key text COLLATE "C" NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  operation       text NOT NULL,
  request_hash    text NOT NULL,
  state           text NOT NULL CHECK (state IN ('in_progress', 'applied', 'failed', 'unknown')),
  answer          jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  CONSTRAINT idempotency_records_pkey PRIMARY KEY (api_key_name, idempotency_key),
  CHECK (expires_at > created_at)
);
CREATE INDEX idempotency_records_expires ON idempotency_records (expires_at);

-- Who asked the gateway to move money, what was asked and how it ended: append only.
CREATE TABLE audit_log (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                  timestamptz NOT NULL DEFAULT now(),
  api_key_name        text NOT NULL,
  operation           text NOT NULL,
  idempotency_key     text,
  request_id          text,
  customer_id         text,
  indirect_partner_id text,
  outcome             text NOT NULL,
  detail              jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_idempotency ON audit_log (api_key_name, idempotency_key) WHERE idempotency_key IS NOT NULL;

/**
 * The store's tables as Kysely sees them (migrations/*.sql is the truth; a test checks the two agree).
 * NUMERIC columns are exact text both ways (type-parsers.mjs); BIGINT and INTEGER are numbers.
 */
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/** NUMERIC: written and read as exact decimal text, never a JS number. */
export type Numeric = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ConsumptionRecordsTable {
  cycle: string;
  indirect_partner_id: string | null;
  scope_key: GeneratedAlways<string>;
  customer_id: string;
  record_id: string;
  association_type: string | null;
  service_type_code: string;
  service_type_name: string | null;
  resource_type_code: string;
  resource_type_name: string | null;
  charge_mode: number | null;
  bill_type: number | null;
  trade_id: string | null;
  trade_time: Timestamp | null;
  consume_time: Timestamp | null;
  resource_id: string | null;
  resource_name: string | null;
  resource_tag: string | null;
  product_spec_description: string | null;
  region_code: string | null;
  region_name: string | null;
  product_id: string | null;
  product_name: string | null;
  usage_type_code: string | null;
  usage_amount: Numeric | null;
  usage_measure_id: number | null;
  free_resource_usage: Numeric | null;
  free_resource_measure_id: number | null;
  reserved_instance_usage: Numeric | null;
  reserved_instance_measure_id: number | null;
  official_amount: Numeric;
  discount_amount: Numeric;
  payment_amount: Numeric;
  cash_amount: Numeric | null;
  credit_amount: Numeric | null;
  coupon_amount: Numeric | null;
  flexi_purchase_coupon_amount: Numeric | null;
  stored_value_card_amount: Numeric | null;
  debt_amount: Numeric | null;
  writeoff_amount: Numeric | null;
  period_type: number | null;
  period_num: Numeric | null;
  account_manager_id: string | null;
  partner_id: string | null;
  sub_service_type_code: string | null;
  sub_service_type_name: string | null;
  sub_resource_type_code: string | null;
  sub_resource_type_name: string | null;
  sub_resource_id: string | null;
  sub_resource_name: string | null;
}

/** The amounts a rollup sums (all NOT NULL: a payment split the records lack sums to 0). */
export const ROLLUP_AMOUNTS = [
  'payment_amount', 'official_amount', 'discount_amount', 'cash_amount', 'credit_amount', 'coupon_amount',
  'flexi_purchase_coupon_amount', 'stored_value_card_amount', 'debt_amount', 'writeoff_amount',
] as const;
export type RollupAmount = (typeof ROLLUP_AMOUNTS)[number];

export type ConsumptionRollupsTable = {
  cycle: string;
  indirect_partner_id: string | null;
  scope_key: GeneratedAlways<string>;
  customer_id: string;
  service_type_code: string;
  resource_type_code: string;
  region_code: string;
  charge_mode: number | null;
  bill_type: number | null;
  service_type_name: string | null;
  resource_type_name: string | null;
  region_name: string | null;
  record_count: number;
} & Record<RollupAmount, Numeric>;

export interface ConsumptionSyncCyclesTable {
  cycle: string;
  customers_listed_at: Timestamp | null;
  completed_at: Timestamp | null;
  /** 0002: when the stored totals were last compared with the upstream's summary (drift check). */
  checked_at: Generated<Date | null>;
}

export type SyncState = 'pending' | 'synced' | 'stale' | 'failed';

export interface ConsumptionSyncProgressTable {
  cycle: string;
  indirect_partner_id: string | null;
  scope_key: GeneratedAlways<string>;
  customer_id: string;
  state: SyncState;
  record_count: Generated<number>;
  payment_amount: Numeric | null;
  official_amount: Numeric | null;
  discount_amount: Numeric | null;
  upstream_record_count: number | null;
  synced_at: Timestamp | null;
  checked_at: Timestamp | null;
  attempted_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** 0002: no longer listed for the cycle (its records are kept); null while listed. */
  left_at: Generated<Date | null>;
  /** 0002: "1" referral, "2" resale; null until known. */
  association_type: Generated<string | null>;
  /** 0005: when the upstream read behind the stored records began (the database's clock); null before 0005. */
  read_started_at: Generated<Date | null>;
}

export type IdempotencyState = 'in_progress' | 'applied' | 'failed' | 'unknown';

export interface IdempotencyRecordsTable {
  api_key_name: string;
  idempotency_key: string;
  operation: string;
  request_hash: string;
  state: IdempotencyState;
  answer: ColumnType<unknown, string | null, string | null> | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  api_key_name: string;
  operation: string;
  idempotency_key: string | null;
  request_id: string | null;
  customer_id: string | null;
  indirect_partner_id: string | null;
  outcome: string;
  detail: ColumnType<unknown, string | undefined, never>;
}

/** 0003: per budget key (credential × API), the times of its last `rate` upstream starts (src/store/upstream-slots.ts). */
export interface UpstreamRateStartsTable {
  budget_key: string;
  starts: Date[];
}

export interface StoreDatabase {
  consumption_records: ConsumptionRecordsTable;
  consumption_rollups: ConsumptionRollupsTable;
  consumption_sync_cycles: ConsumptionSyncCyclesTable;
  consumption_sync_progress: ConsumptionSyncProgressTable;
  idempotency_records: IdempotencyRecordsTable;
  audit_log: AuditLogTable;
  upstream_rate_starts: UpstreamRateStartsTable;
}

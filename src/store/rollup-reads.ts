/**
 * Totals and breakdowns of a selection, read from the rollups (never the records): the server adds the
 * NUMERIC cells exactly and the sums come back as exact decimals. A partner-wide month is one pass over
 * its cells (tens per customer), not over its records.
 */
import type { Decimal } from 'decimal.js';
import { sql, type RawBuilder } from 'kysely';
import type { StoreReader } from './store.js';
import { fromNumeric } from './numeric.js';
import { checkSelection, indirectPartnerOf, selectionConditions, type ConsumptionSelection } from './selection.js';

/** Exact sums over a selection's records (amount = payment_amount, the amount due). */
export interface StoreSums {
  readonly amount: Decimal;
  readonly officialAmount: Decimal;
  readonly discountAmount: Decimal;
  readonly cashAmount: Decimal;
  readonly creditAmount: Decimal;
  readonly couponAmount: Decimal;
  readonly flexiPurchaseCouponAmount: Decimal;
  readonly storedValueCardAmount: Decimal;
  readonly debtAmount: Decimal;
  readonly writeoffAmount: Decimal;
  readonly recordCount: number;
}

export type BreakdownDimension = 'serviceType' | 'resourceType' | 'region' | 'chargeMode' | 'billType' | 'customer' | 'cycle';

export interface StoreGroup extends StoreSums {
  /**
   * The group: a service type, resource type or region code (null: no region), a charge mode or bill type
   * code (null: none), a customer id, or a cycle.
   */
  readonly key: string | number | null;
  /** A name the group's records carried (service type, resource type, region); null for other dimensions. */
  readonly name: string | null;
  /** For the customer breakdown: the customer's reseller (null: the partner's own). */
  readonly indirectPartnerId: string | null;
}

interface SumsRow {
  payment_amount: string;
  official_amount: string;
  discount_amount: string;
  cash_amount: string;
  credit_amount: string;
  coupon_amount: string;
  flexi_purchase_coupon_amount: string;
  stored_value_card_amount: string;
  debt_amount: string;
  writeoff_amount: string;
  record_count: number;
}

const SUMS = sql`coalesce(sum(payment_amount), 0) as payment_amount,
  coalesce(sum(official_amount), 0) as official_amount,
  coalesce(sum(discount_amount), 0) as discount_amount,
  coalesce(sum(cash_amount), 0) as cash_amount,
  coalesce(sum(credit_amount), 0) as credit_amount,
  coalesce(sum(coupon_amount), 0) as coupon_amount,
  coalesce(sum(flexi_purchase_coupon_amount), 0) as flexi_purchase_coupon_amount,
  coalesce(sum(stored_value_card_amount), 0) as stored_value_card_amount,
  coalesce(sum(debt_amount), 0) as debt_amount,
  coalesce(sum(writeoff_amount), 0) as writeoff_amount,
  coalesce(sum(record_count), 0)::bigint as record_count`;

function sumsOf(row: SumsRow): StoreSums {
  return {
    amount: fromNumeric(row.payment_amount),
    officialAmount: fromNumeric(row.official_amount),
    discountAmount: fromNumeric(row.discount_amount),
    cashAmount: fromNumeric(row.cash_amount),
    creditAmount: fromNumeric(row.credit_amount),
    couponAmount: fromNumeric(row.coupon_amount),
    flexiPurchaseCouponAmount: fromNumeric(row.flexi_purchase_coupon_amount),
    storedValueCardAmount: fromNumeric(row.stored_value_card_amount),
    debtAmount: fromNumeric(row.debt_amount),
    writeoffAmount: fromNumeric(row.writeoff_amount),
    recordCount: row.record_count,
  };
}

/** The exact sums of a selection (zeros when it has no records). */
export async function readConsumptionTotals(store: StoreReader, selection: ConsumptionSelection): Promise<StoreSums> {
  checkSelection(selection);
  const { rows } = await sql<SumsRow>`select ${SUMS} from consumption_rollups where ${selectionConditions(selection, 'rollups')}`.execute(store.db);
  return sumsOf(rows[0]!);
}

/** How many records a selection has (from the rollups' counts: no record is read). */
export async function countConsumptionRecords(store: StoreReader, selection: ConsumptionSelection): Promise<number> {
  checkSelection(selection);
  const { rows } = await sql<{ n: number }>`
    select coalesce(sum(record_count), 0)::bigint as n from consumption_rollups where ${selectionConditions(selection, 'rollups')}`.execute(store.db);
  return rows[0]!.n;
}

/** Per dimension: the key (and scope) columns, the name column, and the order the schema documents. */
const BREAKDOWNS: Record<BreakdownDimension, { key: RawBuilder<unknown>; groupBy: RawBuilder<unknown>; name: RawBuilder<unknown>; orderBy: RawBuilder<unknown> }> = {
  serviceType: { key: sql`service_type_code`, groupBy: sql`service_type_code`, name: sql`min(service_type_name)`, orderBy: sql`service_type_code` },
  resourceType: { key: sql`resource_type_code`, groupBy: sql`resource_type_code`, name: sql`min(resource_type_name)`, orderBy: sql`resource_type_code` },
  // No region ('') sorts first.
  region: { key: sql`region_code`, groupBy: sql`region_code`, name: sql`min(region_name)`, orderBy: sql`region_code` },
  // Numeric code order; a cell without one last.
  chargeMode: { key: sql`charge_mode`, groupBy: sql`charge_mode`, name: sql`null::text`, orderBy: sql`charge_mode nulls last` },
  billType: { key: sql`bill_type`, groupBy: sql`bill_type`, name: sql`null::text`, orderBy: sql`bill_type nulls last` },
  // The partner's own customers ('') first, then by reseller, then by customer id.
  customer: { key: sql`customer_id`, groupBy: sql`scope_key, customer_id`, name: sql`null::text`, orderBy: sql`scope_key, customer_id` },
  cycle: { key: sql`cycle`, groupBy: sql`cycle`, name: sql`null::text`, orderBy: sql`cycle` },
};

/** Exact sums per group of one dimension, in the dimension's order; only groups that have records. */
export async function readConsumptionBreakdown(store: StoreReader, selection: ConsumptionSelection, dimension: BreakdownDimension): Promise<StoreGroup[]> {
  checkSelection(selection);
  const b = BREAKDOWNS[dimension];
  const { rows } = await sql<SumsRow & { key: string | number | null; name: string | null; scope_key: string | null }>`
    select ${b.key} as key, ${b.name} as name, ${dimension === 'customer' ? sql`scope_key` : sql`null::text`} as scope_key, ${SUMS}
    from consumption_rollups
    where ${selectionConditions(selection, 'rollups')}
    group by ${b.groupBy}
    order by ${b.orderBy}`.execute(store.db);
  return rows.map((row) => ({
    key: dimension === 'region' && row.key === '' ? null : row.key,
    name: row.name,
    indirectPartnerId: row.scope_key === null ? null : indirectPartnerOf(row.scope_key),
    ...sumsOf(row),
  }));
}

/** A view's totals and several breakdowns at once. */
export interface ConsumptionSummary {
  readonly totals: StoreSums;
  readonly breakdowns: Partial<Record<BreakdownDimension, StoreGroup[]>>;
}

/** Per dimension: the columns it groups by, the one that is its key, and its name column. */
const SETS: Record<BreakdownDimension, { columns: readonly string[]; key: string; name: string | null }> = {
  serviceType: { columns: ['service_type_code'], key: 'service_type_code', name: 'service_type_name' },
  resourceType: { columns: ['resource_type_code'], key: 'resource_type_code', name: 'resource_type_name' },
  region: { columns: ['region_code'], key: 'region_code', name: 'region_name' },
  chargeMode: { columns: ['charge_mode'], key: 'charge_mode', name: null },
  billType: { columns: ['bill_type'], key: 'bill_type', name: null },
  customer: { columns: ['scope_key', 'customer_id'], key: 'customer_id', name: null },
  cycle: { columns: ['cycle'], key: 'cycle', name: null },
};
/** Every grouping column in one order; ORDER BY them sorts each set's rows as its dimension documents. */
const GROUPING_ORDER: readonly (readonly [string, string])[] = [
  ['service_type_code', ''], ['resource_type_code', ''], ['region_code', ''], ['charge_mode', ' nulls last'],
  ['bill_type', ' nulls last'], ['scope_key', ''], ['customer_id', ''], ['cycle', ''],
];

/** A typed NULL per grouping column, for the half of the summary that does not group by it. */
const NULL_OF: Record<string, string> = {
  service_type_code: 'null::text collate "C"', resource_type_code: 'null::text collate "C"', region_code: 'null::text collate "C"',
  charge_mode: 'null::integer', bill_type: 'null::integer', cycle: 'null::text collate "C"',
};

/**
 * Totals and the given breakdowns in one statement over the selection's rollups. Numeric sums are what it
 * costs (cells × sets × sums), so the cells are summed as few times as the answer allows: the customer
 * breakdown in one pass over the cells (one group per customer), every other breakdown and the totals with
 * GROUPING SETS over the cells first summed per combination of those breakdowns' columns — a few hundred rows
 * a month however many customers there are, instead of a pass over every cell per breakdown. Exact either
 * way: sums of exact NUMERIC sums. Groups come in each dimension's documented order.
 */
export async function readConsumptionSummary(store: StoreReader, selection: ConsumptionSelection, dimensions: readonly BreakdownDimension[]): Promise<ConsumptionSummary> {
  checkSelection(selection);
  const wanted = [...new Set(dimensions)];
  if (wanted.length === 0) return { totals: await readConsumptionTotals(store, selection), breakdowns: {} };
  const where = selectionConditions(selection, 'rollups');
  const others = wanted.filter((d) => d !== 'customer');
  // grouping(…) takes only columns some set groups by: a bit per column, 1 where a row's set does not.
  const used = GROUPING_ORDER.filter(([column]) => column !== 'scope_key' && column !== 'customer_id' && others.some((d) => SETS[d].columns.includes(column)));
  const columns = used.map(([column]) => column);
  const maskOf = (set: readonly string[]): number =>
    columns.reduce((mask, column, i) => (set.includes(column) ? mask : mask | (1 << (columns.length - 1 - i))), 0);
  const list = sql.raw(columns.join(', '));
  const names = sql`min(service_type_name) as service_type_name, min(resource_type_name) as resource_type_name, min(region_name) as region_name`;
  const scopeNulls = sql`null::text collate "C" as scope_key, null::text collate "C" as customer_id`;
  const grouped = columns.length === 0
    ? sql`select ${scopeNulls}, 0 as g, ${names}, ${SUMS} from consumption_rollups where ${where}`
    : sql`select ${list}, ${scopeNulls}, grouping(${list}) as g, ${names}, ${SUMS}
        from (select ${list}, ${names}, ${SUMS} from consumption_rollups where ${where} group by ${list}) cells
        group by grouping sets (${sql.raw(['()', ...others.map((d) => `(${SETS[d].columns.join(', ')})`)].join(', '))})`;
  const byCustomer = wanted.includes('customer')
    ? sql`union all
        select ${sql.raw([...columns.map((c) => `${NULL_OF[c]} as ${c}`), ''].join(', '))} scope_key, customer_id, ${CUSTOMER_SET} as g,
          null::text as service_type_name, null::text as resource_type_name, null::text as region_name, ${SUMS}
        from consumption_rollups where ${where}
        group by scope_key, customer_id`
    : sql``;
  const order = sql.raw([...used.map(([column, nulls]) => `${column}${nulls}`), 'scope_key', 'customer_id'].join(', '));
  const { rows } = await sql<SumsRow & Record<string, unknown> & { g: number }>`
    ${grouped}
    ${byCustomer}
    order by g, ${order}`
    .execute(store.db);
  const totalsRow = rows.find((r) => r.g === maskOf([]));
  const breakdowns: Partial<Record<BreakdownDimension, StoreGroup[]>> = {};
  for (const dimension of wanted) {
    const { columns: set, key, name } = SETS[dimension];
    const mask = dimension === 'customer' ? CUSTOMER_SET : maskOf(set);
    breakdowns[dimension] = rows.filter((r) => r.g === mask).map((row) => ({
      key: dimension === 'region' && row[key] === '' ? null : (row[key] as string | number | null),
      name: name ? (row[name] as string | null) : null,
      indirectPartnerId: dimension === 'customer' ? indirectPartnerOf(row.scope_key as string) : null,
      ...sumsOf(row),
    }));
  }
  // An empty selection may have no row at all, not even the grand total's.
  return { totals: totalsRow ? sumsOf(totalsRow) : sumsOf(EMPTY), breakdowns };
}

/** The customer breakdown's rows in the summary (grouping masks are ≥ 0). */
const CUSTOMER_SET = -1;

const EMPTY: SumsRow = {
  payment_amount: '0', official_amount: '0', discount_amount: '0', cash_amount: '0', credit_amount: '0', coupon_amount: '0',
  flexi_purchase_coupon_amount: '0', stored_value_card_amount: '0', debt_amount: '0', writeoff_amount: '0', record_count: 0,
};

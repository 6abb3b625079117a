/**
 * A chunk of the store's export written as text by the database itself (how the whole export worked before
 * d60e5ba): one statement builds each FOCUS row's CSV (`concat_ws` of guarded, quoted cells) or NDJSON
 * (`row_to_json`) and hands the chunk back as one string. focus-sql.ts sends some chunks here on PostgreSQL,
 * whose backends run in processes of their own on the other core: while the gateway's one thread writes a
 * chunk in JavaScript (focus-text.ts), a backend writes the next one, so neither side alone is the limit.
 * The embedded engine never takes this path (its one WebAssembly thread wrote ~40 µs a row).
 *
 * The bytes are those focus-text.ts and `focusRow` + the encoders write for the same records (tested on both
 * engines, test/export/focus-sql.test.ts): the same tables drive all three (focus-categories.ts, PERIODS, the
 * CSV guard's column kinds and patterns), decimals are PostgreSQL's exact text in `formatDecimal`'s form,
 * NDJSON objects come from `row_to_json` (compact, keys in column order, strings escaped as JSON.stringify
 * escapes them). The catalogue names, units and customers' names travel with each statement as JSON
 * parameters (`focusSqlParameters`, once per export).
 */
import { sql, type RawBuilder } from 'kysely';
import { NEEDS_QUOTES } from './csv.js';
import { columnKind, FORMULA_START } from './csv-guard.js';
import { BY_BILL_TYPE, BY_CHARGE_MODE, BY_SERVICE_TYPE, OTHER_SERVICE, UNKNOWN_CHARGE, type BillTypeMapping } from './focus-categories.js';
import { BILLING_CURRENCY, billingPeriod, CJK, FOCUS_COLUMNS, HUAWEI_CLOUD, isoTime, PERIODS, type FocusColumn } from './focus-columns.js';
import type { FocusTextContext } from './focus-text.js';

type FocusSqlContext = FocusTextContext;

/** The request's catalogues and customers as the JSON parameters each text statement joins. */
export interface FocusSqlParameters {
  readonly units: string;
  readonly services: string;
  readonly resources: string;
  readonly customers: string;
}

export function focusSqlParameters(ctx: FocusSqlContext): FocusSqlParameters {
  return {
    units: JSON.stringify([...ctx.units].map(([id, name]) => ({ id, name }))),
    services: JSON.stringify([...ctx.serviceTypeNames].map(([code, name]) => ({ code, name }))),
    resources: JSON.stringify([...ctx.resourceTypeNames].map(([code, name]) => ({ code, name }))),
    customers: JSON.stringify(ctx.customers.map((c) => ({ scope: c.indirectPartnerId ?? '', id: c.customerId, name: c.subAccountName, association: c.associationType }))),
  };
}

/** A chunk's lines as the statement returns them: null when it has none. */
export interface TextChunkRow {
  readonly body: string | null;
  readonly rows: number;
}

const lit = (value: string | number): RawBuilder<unknown> => sql.lit(value);

/** `formatDecimal` in SQL: every significant decimal, at least two (trailing zeros dropped first, as decimal.js does). */
function decimal(value: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(case when scale(trim_scale(${value})) < 2 then round(${value}, 2)::text else trim_scale(${value})::text end)`;
}

/** `isoTime` in SQL: UTC ISO 8601 with `Z`, milliseconds only when there are some. */
function iso(time: RawBuilder<unknown>): RawBuilder<string> {
  const value = sql`(${time})`;
  return sql<string>`(case when date_trunc('second', ${value}) = ${value}
    then to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    else to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end)`;
}

/** A field of `chargeKind(bill_type, charge_mode)`: the bill type's mapping, else the charging mode's, else the default. */
function chargeField(field: (m: BillTypeMapping) => string | boolean): RawBuilder<unknown> {
  const value = (m: BillTypeMapping): RawBuilder<unknown> => {
    const v = field(m);
    return typeof v === 'boolean' ? sql.raw(v ? 'true' : 'false') : lit(v);
  };
  const byBill = [...BY_BILL_TYPE].map(([code, m]) => sql`when ${lit(code)} then ${value(m)}`);
  const byMode = [...BY_CHARGE_MODE].map(([code, m]) => sql`when ${lit(code)} then ${value(m)}`);
  return sql`(case p.bill_type ${sql.join(byBill, sql` `)} else case p.charge_mode ${sql.join(byMode, sql` `)} else ${value(UNKNOWN_CHARGE)} end end)`;
}

function serviceField(field: 'category' | 'subcategory'): RawBuilder<string> {
  const cases = [...BY_SERVICE_TYPE].map(([code, m]) => sql`when ${lit(code)} then ${lit(m[field])}`);
  return sql<string>`(case r.service_type_code ${sql.join(cases, sql` `)} else ${lit(OTHER_SERVICE[field])} end)`;
}

/** E5 period type → its length in ms for metered usage (null: none) and its pricing unit. */
function periodMs(): RawBuilder<unknown> {
  const cases = [...PERIODS].filter(([, p]) => p.ms !== null).map(([code, p]) => sql`when ${lit(code)} then ${lit(p.ms!)}`);
  return sql`(case r.period_type ${sql.join(cases, sql` `)} else 1000 end)`;
}

function periodUnit(): RawBuilder<unknown> {
  const cases = [...PERIODS].map(([code, p]) => sql`when ${lit(code)} then ${lit(p.unit)}`);
  return sql`(case r.period_type ${sql.join(cases, sql` `)} end)`;
}

/** A measure id's unit name, else the id itself (`unit` in focus-columns.ts). */
const unitOf = (id: string, joined: string): RawBuilder<string> =>
  sql<string>`(case when r.${sql.raw(id)} is null then null else coalesce(r.${sql.raw(joined)}_name, r.${sql.raw(id)}::text) end)`;

/**
 * One expression per FOCUS column, over `r` (the record with its charge kind `k_*`, charge start and names
 * joined), in the order and with the derivations of `focusRow`.
 */
function columnExpressions(ctx: FocusSqlContext, cycle: string): Record<FocusColumn, RawBuilder<unknown>> {
  const { start, end } = billingPeriod(cycle);
  const usage = sql`(r.k_category = 'Usage' and r.usage_amount is not null)`;
  const priced = sql`r.k_category in ('Usage', 'Purchase')`;
  const resourceTypeName = sql`coalesce(nullif(r.rt_name, ''), nullif(r.resource_type_name, ''), r.resource_type_code)`;
  const spec = ctx.english
    ? sql`(case when r.product_spec_description is null then null else array_to_string(array(
        select part from unnest(string_to_array(r.product_spec_description, '|')) with ordinality as s(part, i)
        where part <> '' and part !~ ${CJK.source} order by i), '|') end)`
    : sql`r.product_spec_description`;
  const chargeEnd = sql`r.charge_start + (case when r.k_category = 'Usage' then ${periodMs()} else 1000 end) * interval '1 millisecond'`;
  const association = sql`coalesce(r.association_type, r.c_association)`;
  return {
    BilledCost: decimal(sql`r.payment_amount`),
    BillingAccountId: sql`${ctx.partnerDomainId}::text`,
    BillingAccountName: sql`null::text`,
    BillingCurrency: lit(BILLING_CURRENCY),
    BillingPeriodEnd: lit(isoTime(end)),
    BillingPeriodStart: lit(isoTime(start)),
    ChargeCategory: sql`r.k_category`,
    ChargeClass: sql`(case when r.k_correction then 'Correction' end)`,
    ChargeDescription: sql`(case when ${spec} <> '' then ${resourceTypeName} || ': ' || ${spec} else ${resourceTypeName} end)`,
    ChargeFrequency: sql`r.k_frequency`,
    ChargePeriodEnd: iso(chargeEnd),
    ChargePeriodStart: iso(sql`r.charge_start`),
    ContractedCost: decimal(sql`(r.official_amount - r.discount_amount)`),
    EffectiveCost: decimal(sql`r.payment_amount`),
    InvoiceIssuerName: sql`(case when ${association} is distinct from '2' then ${lit(HUAWEI_CLOUD)} else coalesce(r.indirect_partner_id, ${ctx.partnerDomainId}::text) end)`,
    ListCost: decimal(sql`r.official_amount`),
    PricingQuantity: sql`(case when ${usage} then ${decimal(sql`r.usage_amount`)} when ${priced} then coalesce(${decimal(sql`r.period_num`)}, '1') end)`,
    PricingUnit: sql`(case when ${usage} then ${unitOf('usage_measure_id', 'uu')} when ${priced} then coalesce(${periodUnit()}, 'Unit') end)`,
    ProviderName: lit(HUAWEI_CLOUD),
    PublisherName: lit(HUAWEI_CLOUD),
    ServiceCategory: serviceField('category'),
    ServiceName: sql`coalesce(nullif(r.st_name, ''), nullif(r.service_type_name, ''), r.service_type_code)`,
    ServiceSubcategory: serviceField('subcategory'),
    ConsumedQuantity: sql`(case when ${usage} then ${decimal(sql`r.usage_amount`)} end)`,
    ConsumedUnit: sql`(case when ${usage} then ${unitOf('usage_measure_id', 'uu')} end)`,
    RegionId: sql`r.region_code`,
    RegionName: sql`r.region_name`,
    ResourceId: sql`r.resource_id`,
    ResourceName: sql`r.resource_name`,
    ResourceType: sql`coalesce(nullif(r.rt_name, ''), nullif(r.resource_type_name, ''))`,
    SubAccountId: sql`r.customer_id`,
    SubAccountName: sql`r.c_name`,
    x_RecordId: sql`r.record_id`,
    x_BillCycle: sql`r.cycle`,
    x_ServiceTypeCode: sql`r.service_type_code`,
    x_ResourceTypeCode: sql`r.resource_type_code`,
    x_ChargingMode: sql`r.charge_mode::text`,
    x_BillDetailType: sql`r.bill_type::text`,
    x_TradeId: sql`r.trade_id`,
    x_TradeTime: iso(sql`r.trade_time`),
    x_ConsumeTime: iso(sql`r.consume_time`),
    x_IndirectPartnerId: sql`r.indirect_partner_id`,
    x_PartnerId: sql`r.partner_id`,
    x_AssociationType: association,
    x_UsageType: sql`r.usage_type_code`,
    x_UsageMeasureId: sql`r.usage_measure_id::text`,
    x_DiscountAmount: decimal(sql`r.discount_amount`),
    x_CashAmount: decimal(sql`r.cash_amount`),
    x_CreditAmount: decimal(sql`r.credit_amount`),
    x_CouponAmount: decimal(sql`r.coupon_amount`),
    x_FlexiPurchaseCouponAmount: decimal(sql`r.flexi_purchase_coupon_amount`),
    x_StoredValueCardAmount: decimal(sql`r.stored_value_card_amount`),
    x_DebtAmount: decimal(sql`r.debt_amount`),
    x_WriteoffAmount: decimal(sql`r.writeoff_amount`),
    x_FreeResourceUsage: decimal(sql`r.free_resource_usage`),
    x_FreeResourceUnit: sql`(case when r.free_resource_usage is not null then ${unitOf('free_resource_measure_id', 'uf')} end)`,
    x_ReservedInstanceUsage: decimal(sql`r.reserved_instance_usage`),
    x_ReservedInstanceUnit: sql`(case when r.reserved_instance_usage is not null then ${unitOf('reserved_instance_measure_id', 'ur')} end)`,
    x_PeriodType: sql`r.period_type::text`,
    x_PeriodNum: decimal(sql`r.period_num`),
    x_ProductId: sql`r.product_id`,
    x_ProductName: sql`r.product_name`,
    x_ProductSpecDescription: sql`r.product_spec_description`,
    x_ResourceTag: sql`r.resource_tag`,
    x_AccountManagerId: sql`r.account_manager_id`,
    x_SubServiceTypeCode: sql`r.sub_service_type_code`,
    x_SubResourceTypeCode: sql`r.sub_resource_type_code`,
    x_SubResourceId: sql`r.sub_resource_id`,
    x_SubResourceName: sql`r.sub_resource_name`,
  };
}

const ident = (column: FocusColumn): RawBuilder<unknown> => sql.ref(column);

/**
 * A CSV cell (`csvField(csvCellText(column, value))`): the formula guard on free text, RFC 4180 quotes when the
 * text holds a comma, quote, CR or LF; null is empty. Decimals and times never need either.
 */
function csvCell(column: FocusColumn): RawBuilder<unknown> {
  const kind = columnKind(column);
  const value = sql`f.${ident(column)}`;
  if (kind === 'decimal' || kind === 'time') return sql`coalesce(${value}, '')`;
  const guarded = kind === 'text' ? sql`(case when ${value} ~ ${FORMULA_START.source} then '''' || ${value} else ${value} end)` : value;
  return sql`(case when ${guarded} ~ ${NEEDS_QUOTES.source} then '"' || replace(${guarded}, '"', '""') || '"' else coalesce(${guarded}, '') end)`;
}

/**
 * The statement for one chunk as text: the records of `cycle` that `where` selects (scope and keyset bounds,
 * from focus-sql.ts), at most `limit`, in keyset order.
 */
export function focusTextQuery(
  where: RawBuilder<unknown>, cycle: string, limit: number, format: 'csv' | 'ndjson', ctx: FocusSqlContext, json: FocusSqlParameters,
): RawBuilder<TextChunkRow> {
  const columns = columnExpressions(ctx, cycle);
  const line = format === 'ndjson'
    ? sql`row_to_json(f)::text`
    : sql`concat_ws(',', ${sql.join(FOCUS_COLUMNS.map(csvCell), sql`, `)})`;
  const eol = format === 'ndjson' ? '\n' : '\r\n';
  const { start } = billingPeriod(cycle);
  return sql`
    with page as (
      select * from consumption_records
      where ${where}
      -- Redundant with the bounds, but it tells the planner the chunk's size: one primary-key range scan, and no
      -- JIT compilation (PostgreSQL compiles a statement it thinks large, ~0.4 s here for a 0.1 s chunk).
      order by scope_key, customer_id, record_id
      limit ${limit}
    ),
    units as (select * from json_to_recordset(${json.units}::json) as u(id integer, name text)),
    r as (
      select p.*,
        ${chargeField((m) => m.category)} as k_category,
        ${chargeField((m) => m.frequency)} as k_frequency,
        ${chargeField((m) => m.correction === true)} as k_correction,
        coalesce(p.consume_time, p.trade_time, ${start.toISOString()}::timestamptz) as charge_start,
        st.name as st_name, rt.name as rt_name, c.name as c_name, c.association as c_association,
        uu.name as uu_name, uf.name as uf_name, ur.name as ur_name
      from page p
      left join json_to_recordset(${json.services}::json) as st(code text collate "C", name text) on st.code = p.service_type_code
      left join json_to_recordset(${json.resources}::json) as rt(code text collate "C", name text) on rt.code = p.resource_type_code
      left join json_to_recordset(${json.customers}::json) as c(scope text collate "C", id text collate "C", name text, association text)
        on c.scope = p.scope_key and c.id = p.customer_id
      left join units uu on uu.id = p.usage_measure_id
      left join units uf on uf.id = p.free_resource_measure_id
      left join units ur on ur.id = p.reserved_instance_measure_id
    ),
    f as (select ${sql.join(FOCUS_COLUMNS.map((c) => sql`${columns[c]}::text as ${ident(c)}`), sql`, `)} from r)
    select
      (select string_agg(${line}, ${eol} order by coalesce(f."x_IndirectPartnerId", '') collate "C", f."SubAccountId" collate "C", f."x_RecordId" collate "C")
        || ${eol} from f) as body,
      (select count(*)::int from page) as rows`;
}

/**
 * FOCUS rows written in JavaScript from a stored record's compact columns (the store's export, focus-sql.ts):
 * the same bytes `focusRow` + the CSV/NDJSON encoders write for the same record (tested on both engines,
 * test/export/focus-sql.test.ts), without building a record of decimal.js values and Dates first.
 *
 * Why here and not in SQL: writing each row's text in SQL cost the embedded engine ~40 µs a row in
 * WebAssembly (one thread, every decimal, time and quote check per cell), capping its export near 20,000 rows/s,
 * and `row_to_json` alone was half of a PostgreSQL backend's NDJSON time. The database now only hands the raw
 * columns over as JSON text (C code, ~12 µs a row on the embedded engine), and the text is written here — in the
 * export's writer threads (focus-writer-threads.ts), or on the gateway's thread for a store without them — while
 * the engine reads the next chunk.
 *
 * The values arrive as `json_build_array` writes them: text as JSON strings (exact), integers as numbers,
 * NUMERIC cast to its exact text, timestamptz as ISO 8601 with the session's offset.
 */
import { formatDecimal, Money } from '../bss/money.js';
import { NEEDS_QUOTES } from './csv.js';
import { columnKind, FORMULA_START } from './csv-guard.js';
import { chargeKind, serviceKind } from './focus-categories.js';
import {
  BILLING_CURRENCY, billingPeriod, FOCUS_COLUMNS, HUAWEI_CLOUD, isoTime, neutralSpecDescription, PERIODS, type FocusColumn,
} from './focus-columns.js';
import { utf8, Utf8Bytes } from './utf8-bytes.js';

/** The record columns the export reads, in the order each stored row's JSON array holds them. */
export const STORED_COLUMNS = [
  'record_id', 'customer_id', 'indirect_partner_id', 'association_type', 'service_type_code', 'service_type_name',
  'resource_type_code', 'resource_type_name', 'charge_mode', 'bill_type', 'trade_id', 'trade_time', 'consume_time',
  'resource_id', 'resource_name', 'resource_tag', 'product_spec_description', 'region_code', 'region_name', 'product_id',
  'product_name', 'usage_type_code', 'usage_amount', 'usage_measure_id', 'free_resource_usage', 'free_resource_measure_id',
  'reserved_instance_usage', 'reserved_instance_measure_id', 'official_amount', 'discount_amount', 'payment_amount',
  'cash_amount', 'credit_amount', 'coupon_amount', 'flexi_purchase_coupon_amount', 'stored_value_card_amount', 'debt_amount',
  'writeoff_amount', 'period_type', 'period_num', 'account_manager_id', 'partner_id', 'sub_service_type_code',
  'sub_resource_type_code', 'sub_resource_id', 'sub_resource_name',
] as const;

/** NUMERIC columns: read as their exact text (a JSON number would become a float in JSON.parse). */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  'usage_amount', 'free_resource_usage', 'reserved_instance_usage', 'official_amount', 'discount_amount', 'payment_amount',
  'cash_amount', 'credit_amount', 'coupon_amount', 'flexi_purchase_coupon_amount', 'stored_value_card_amount', 'debt_amount',
  'writeoff_amount', 'period_num',
]);

/** One stored record as `json_build_array` of STORED_COLUMNS wrote it. */
export type StoredRow = readonly (string | number | null)[];

/** What the rows take from outside the records: the request's catalogues and the scope's listed customers. */
export interface FocusTextContext {
  readonly partnerDomainId: string;
  /** Names and descriptions in English (the spec description keeps its language-neutral parts). */
  readonly english: boolean;
  /** Measure id → unit name (ListMeasureUnits, the request's language). */
  readonly units: ReadonlyMap<number, string>;
  /** Code → name (the catalogues, the request's language). */
  readonly serviceTypeNames: ReadonlyMap<string, string>;
  readonly resourceTypeNames: ReadonlyMap<string, string>;
  /** The scope's listed customers: the name this caller may see, and the type a record without one takes. */
  readonly customers: readonly FocusCustomer[];
}

export interface FocusCustomer {
  readonly indirectPartnerId: string | null;
  readonly customerId: string;
  readonly subAccountName: string | null;
  readonly associationType: string | null;
}

/** `formatDecimal` on NUMERIC text (plain notation, never an exponent): trailing zeros dropped, at least two decimals. */
export function decimalText(text: string): string {
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  let end = text.length;
  while (end > dot + 3 && text.charCodeAt(end - 1) === 48) end--;
  const decimals = end - dot - 1;
  return decimals >= 2 ? text.slice(0, end) : text.slice(0, end) + (decimals === 1 ? '0' : '00');
}

/** NUMERIC text of zero (PostgreSQL writes no sign on zero). */
const ZERO = /^0(?:\.0*)?$/;

const decimalOrNull = (value: string | number | null): string | null => (value === null ? null : decimalText(value as string));
const intOrNull = (value: string | number | null): string | null => (value === null ? null : String(value));

/** Distinct instants a writer remembers before it starts again: a month of hourly records has ~1,500. */
const TIMES_KEPT = 50_000;

/** Column indexes into a StoredRow. */
const C = Object.fromEntries(STORED_COLUMNS.map((name, i) => [name, i])) as Record<(typeof STORED_COLUMNS)[number], number>;
/** Column indexes into a FOCUS row's values (FOCUS_COLUMNS order). */
const F = Object.fromEntries(FOCUS_COLUMNS.map((name, i) => [name, i])) as Record<FocusColumn, number>;

/** How a column's value becomes a CSV cell: as is (decimals, times), quoted when needed, or guarded then quoted. */
/**
 * What precedes column i's value in an NDJSON line, by [previous value quoted × 2 + this value quoted]: the
 * previous value's closing quote, `{` or `,`, the key, `:`, this value's opening quote (`,"ChargeClass":"`).
 */
const JSON_SEPARATORS: readonly (readonly Uint8Array[])[] = FOCUS_COLUMNS.map((c, i) =>
  [0, 1, 2, 3].map((m) => utf8(`${m & 2 ? '"' : ''}${i === 0 ? '{' : ','}${JSON.stringify(c)}:${m & 1 ? '"' : ''}`)));
/** Column i's separator and `null`, by whether the previous value was quoted. */
const JSON_NULLS: readonly (readonly Uint8Array[])[] = FOCUS_COLUMNS.map((c, i) =>
  [0, 1].map((m) => utf8(`${m ? '"' : ''}${i === 0 ? '{' : ','}${JSON.stringify(c)}:null`)));
/** A line's end, by whether its last value was quoted. */
const JSON_ENDS: readonly Uint8Array[] = [utf8('}\n'), utf8('"}\n')];
const CRLF = utf8('\r\n');

const CSV_TREATMENT: readonly (0 | 1 | 2)[] = FOCUS_COLUMNS.map((c) => {
  const kind = columnKind(c);
  return kind === 'decimal' || kind === 'time' ? 0 : kind === 'text' ? 2 : 1;
});

function csvCell(value: string, treatment: 0 | 1 | 2): string {
  if (treatment === 0) return value;
  const text = treatment === 2 && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Decimals and times are digits, signs, `-:.TZ`: never escaped in JSON. */
const JSON_TREATMENT: readonly (0 | 1)[] = CSV_TREATMENT.map((t) => (t === 0 ? 0 : 1));

/**
 * What JSON.stringify escapes: quote, backslash, control characters, lone surrogates (any surrogate is handed
 * to it, which leaves a pair alone). Control characters are exactly what this must find.
 */
// eslint-disable-next-line no-control-regex
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;


/** Writes a cycle's stored rows as FOCUS lines; one per export request (its maps are the request's). */
export class FocusTextWriter {
  private readonly customers = new Map<string, FocusCustomer>();
  /** ChargeDescription by resource type name and spec description: a month repeats a few hundred of them. */
  private readonly descriptions = new Map<string, string>();
  private readonly values: (string | null)[] = new Array<string | null>(FOCUS_COLUMNS.length).fill(null);
  /**
   * Times repeat (hourly records: every customer's records share a month's hours), and parsing and writing one
   * was the writer's largest cost: a timestamptz's JSON text → its instant, an instant → `isoTime`'s text.
   */
  private readonly instants = new Map<string, number>();
  private readonly isoTexts = new Map<number, string>();

  /** No name the context gives the rows needs a JSON escape (nearly always: names rarely hold quotes or controls). */
  private readonly plainContext: boolean;

  constructor(private readonly ctx: FocusTextContext, private readonly format: 'csv' | 'ndjson') {
    const names = [ctx.partnerDomainId, ...ctx.units.values(), ...ctx.serviceTypeNames.values(), ...ctx.resourceTypeNames.values(),
      ...ctx.customers.flatMap((c) => [c.subAccountName ?? '', c.indirectPartnerId ?? '', c.associationType ?? ''])];
    this.plainContext = !names.some((name) => JSON_ESCAPED.test(name));
    for (const c of ctx.customers) this.customers.set(customerKey(c.indirectPartnerId ?? '', c.customerId), c);
  }

  /**
   * The rows of one cycle as UTF-8, each with its line end. `plain`: the rows' JSON text held no backslash, so
   * none of their strings needs a JSON escape (PostgreSQL escapes exactly what JSON.stringify does, and text
   * holds no lone surrogate) and the NDJSON line skips the check per value.
   */
  write(cycle: string, rows: readonly StoredRow[], plain = false): Uint8Array {
    const { start, end } = billingPeriod(cycle);
    const period = { start: start.getTime(), startText: isoTime(start), endText: isoTime(end), cycle };
    const out = new Utf8Bytes(rows.length * (this.format === 'csv' ? 1_024 : 2_560));
    const values = this.values;
    for (const row of rows) {
      this.fill(row, period);
      if (this.format === 'csv') {
        // One join a line (join writes null as the empty field the CSV wants): CSV's pieces are short, and a
        // call per piece cost more than the join.
        for (let i = 0; i < values.length; i++) {
          const value = values[i]!;
          if (value !== null && CSV_TREATMENT[i] !== 0) values[i] = csvCell(value, CSV_TREATMENT[i]!);
        }
        out.text(values.join(','));
        out.bytes(CRLF);
      } else {
        // Per column what comes before its value (the previous value's closing quote, the key, this value's
        // opening quote: JSON_SEPARATORS) and the value's text.
        const check = !(plain && this.plainContext);
        let quoted: 0 | 1 = 0;
        for (let i = 0; i < values.length; i++) {
          const value = values[i]!;
          if (value === null) {
            out.bytes(JSON_NULLS[i]![quoted]!);
            quoted = 0;
          } else if (!check || JSON_TREATMENT[i] === 0 || !JSON_ESCAPED.test(value)) {
            out.bytes(JSON_SEPARATORS[i]![quoted * 2 + 1]!);
            out.text(value);
            quoted = 1;
          } else {
            out.bytes(JSON_SEPARATORS[i]![quoted * 2]!);
            out.text(JSON.stringify(value));
            quoted = 0;
          }
        }
        out.bytes(JSON_ENDS[quoted]!);
      }
    }
    return out.take();
  }

  /** A timestamptz's JSON text (ISO 8601, any offset) as its instant in ms: Date's precision, as the JS rows have it. */
  private instant(text: string): number {
    let ms = this.instants.get(text);
    if (ms === undefined) {
      if (this.instants.size >= TIMES_KEPT) this.instants.clear();
      ms = Date.parse(text);
      this.instants.set(text, ms);
    }
    return ms;
  }

  private iso(ms: number): string {
    let text = this.isoTexts.get(ms);
    if (text === undefined) {
      if (this.isoTexts.size >= TIMES_KEPT) this.isoTexts.clear();
      text = isoTime(new Date(ms));
      this.isoTexts.set(ms, text);
    }
    return text;
  }

  private unit(measureId: string | number | null): string | null {
    return measureId === null ? null : (this.ctx.units.get(measureId as number) ?? String(measureId));
  }

  private description(resourceTypeName: string, spec: string | null): string {
    if (!spec) return resourceTypeName;
    const key = `${resourceTypeName}\u0000${spec}`;
    let text = this.descriptions.get(key);
    if (text === undefined) {
      const shown = this.ctx.english ? neutralSpecDescription(spec) : spec;
      text = shown ? `${resourceTypeName}: ${shown}` : resourceTypeName;
      // Bounded by the catalogue's resource types × the products' specs: a few thousand at most.
      this.descriptions.set(key, text);
    }
    return text;
  }

  /** `focusRow` of one stored row into `values`, in FOCUS_COLUMNS order. */
  private fill(r: StoredRow, period: { start: number; startText: string; endText: string; cycle: string }): void {
    const ctx = this.ctx;
    const v = this.values;
    const str = (i: number): string | null => r[i] as string | null;
    const billType = r[C.bill_type] as number | null;
    const chargeMode = r[C.charge_mode] as number | null;
    const kind = chargeKind(billType, chargeMode);
    const serviceCode = r[C.service_type_code] as string;
    const service = serviceKind(serviceCode);
    const resourceCode = r[C.resource_type_code] as string;
    const indirectPartnerId = str(C.indirect_partner_id);
    const customerId = r[C.customer_id] as string;
    const customer = this.customers.get(customerKey(indirectPartnerId ?? '', customerId));
    const association = str(C.association_type) ?? customer?.associationType ?? null;
    const periodType = r[C.period_type] as number | null;
    const periodKind = periodType === null ? undefined : PERIODS.get(periodType);
    const usageAmount = str(C.usage_amount);
    const usage = kind.category === 'Usage' && usageAmount !== null;
    const tradeTime = str(C.trade_time);
    const consumeTime = str(C.consume_time);
    const tradeMs = tradeTime === null ? null : this.instant(tradeTime);
    const consumeMs = consumeTime === null ? null : this.instant(consumeTime);
    const chargeStart = consumeMs ?? tradeMs ?? period.start;
    const chargeLength = kind.category === 'Usage' && periodKind?.ms != null ? periodKind.ms : 1000;
    const resourceTypeName = ctx.resourceTypeNames.get(resourceCode) || str(C.resource_type_name) || null;
    const billed = decimalText(r[C.payment_amount] as string);
    const official = r[C.official_amount] as string;
    const discount = r[C.discount_amount] as string;
    const periodNum = str(C.period_num);
    const priced = kind.category === 'Usage' || kind.category === 'Purchase';

    v[F.BilledCost] = billed;
    v[F.BillingAccountId] = ctx.partnerDomainId;
    v[F.BillingAccountName] = null;
    v[F.BillingCurrency] = BILLING_CURRENCY;
    v[F.BillingPeriodEnd] = period.endText;
    v[F.BillingPeriodStart] = period.startText;
    v[F.ChargeCategory] = kind.category;
    v[F.ChargeClass] = kind.correction ? 'Correction' : null;
    v[F.ChargeDescription] = this.description(resourceTypeName || resourceCode, str(C.product_spec_description));
    v[F.ChargeFrequency] = kind.frequency;
    v[F.ChargePeriodEnd] = this.iso(chargeStart + chargeLength);
    v[F.ChargePeriodStart] = this.iso(chargeStart);
    // Most records have no discount: then no decimal arithmetic.
    v[F.ContractedCost] = ZERO.test(discount) ? decimalText(official) : formatDecimal(new Money(official).minus(discount));
    v[F.EffectiveCost] = billed;
    v[F.InvoiceIssuerName] = association !== '2' ? HUAWEI_CLOUD : (indirectPartnerId ?? ctx.partnerDomainId);
    v[F.ListCost] = decimalText(official);
    v[F.PricingQuantity] = usage ? decimalText(usageAmount) : priced ? (periodNum === null ? '1' : decimalText(periodNum)) : null;
    v[F.PricingUnit] = usage ? this.unit(r[C.usage_measure_id]!) : priced ? (periodKind?.unit ?? 'Unit') : null;
    v[F.ProviderName] = HUAWEI_CLOUD;
    v[F.PublisherName] = HUAWEI_CLOUD;
    v[F.ServiceCategory] = service.category;
    v[F.ServiceName] = ctx.serviceTypeNames.get(serviceCode) || str(C.service_type_name) || serviceCode;
    v[F.ServiceSubcategory] = service.subcategory;
    v[F.ConsumedQuantity] = usage ? decimalText(usageAmount) : null;
    v[F.ConsumedUnit] = usage ? this.unit(r[C.usage_measure_id]!) : null;
    v[F.RegionId] = str(C.region_code);
    v[F.RegionName] = str(C.region_name);
    v[F.ResourceId] = str(C.resource_id);
    v[F.ResourceName] = str(C.resource_name);
    v[F.ResourceType] = resourceTypeName;
    v[F.SubAccountId] = customerId;
    v[F.SubAccountName] = customer?.subAccountName ?? null;
    v[F.x_RecordId] = r[C.record_id] as string;
    v[F.x_BillCycle] = period.cycle;
    v[F.x_ServiceTypeCode] = serviceCode;
    v[F.x_ResourceTypeCode] = resourceCode;
    v[F.x_ChargingMode] = intOrNull(chargeMode);
    v[F.x_BillDetailType] = intOrNull(billType);
    v[F.x_TradeId] = str(C.trade_id);
    v[F.x_TradeTime] = tradeMs === null ? null : this.iso(tradeMs);
    v[F.x_ConsumeTime] = consumeMs === null ? null : this.iso(consumeMs);
    v[F.x_IndirectPartnerId] = indirectPartnerId;
    v[F.x_PartnerId] = str(C.partner_id);
    v[F.x_AssociationType] = association;
    v[F.x_UsageType] = str(C.usage_type_code);
    v[F.x_UsageMeasureId] = intOrNull(r[C.usage_measure_id]!);
    v[F.x_DiscountAmount] = decimalText(discount);
    v[F.x_CashAmount] = decimalOrNull(r[C.cash_amount]!);
    v[F.x_CreditAmount] = decimalOrNull(r[C.credit_amount]!);
    v[F.x_CouponAmount] = decimalOrNull(r[C.coupon_amount]!);
    v[F.x_FlexiPurchaseCouponAmount] = decimalOrNull(r[C.flexi_purchase_coupon_amount]!);
    v[F.x_StoredValueCardAmount] = decimalOrNull(r[C.stored_value_card_amount]!);
    v[F.x_DebtAmount] = decimalOrNull(r[C.debt_amount]!);
    v[F.x_WriteoffAmount] = decimalOrNull(r[C.writeoff_amount]!);
    const freeUsage = str(C.free_resource_usage);
    v[F.x_FreeResourceUsage] = decimalOrNull(freeUsage);
    v[F.x_FreeResourceUnit] = freeUsage === null ? null : this.unit(r[C.free_resource_measure_id]!);
    const reservedUsage = str(C.reserved_instance_usage);
    v[F.x_ReservedInstanceUsage] = decimalOrNull(reservedUsage);
    v[F.x_ReservedInstanceUnit] = reservedUsage === null ? null : this.unit(r[C.reserved_instance_measure_id]!);
    v[F.x_PeriodType] = intOrNull(periodType);
    v[F.x_PeriodNum] = decimalOrNull(periodNum);
    v[F.x_ProductId] = str(C.product_id);
    v[F.x_ProductName] = str(C.product_name);
    v[F.x_ProductSpecDescription] = str(C.product_spec_description);
    v[F.x_ResourceTag] = str(C.resource_tag);
    v[F.x_AccountManagerId] = str(C.account_manager_id);
    v[F.x_SubServiceTypeCode] = str(C.sub_service_type_code);
    v[F.x_SubResourceTypeCode] = str(C.sub_resource_type_code);
    v[F.x_SubResourceId] = str(C.sub_resource_id);
    v[F.x_SubResourceName] = str(C.sub_resource_name);
  }
}

/**
 * A chunk's rows (the chunk statement's JSON text: focus-sql.ts) written as FOCUS lines, `slice` rows to a
 * piece: one parse of the chunk, by the gateway's thread and by the writer threads (focus-writer-thread.ts) alike.
 */
export function* writeChunk(writer: FocusTextWriter, cycle: string, body: string, slice = Infinity): Generator<{ bytes: Uint8Array; rows: number }> {
  const rows = JSON.parse(`[${body}]`) as StoredRow[];
  // No backslash: no string of the chunk was escaped, so none needs escaping again (`write`).
  const plain = !body.includes('\\');
  for (let from = 0; from < rows.length; from += slice) {
    const part = from === 0 && rows.length <= slice ? rows : rows.slice(from, from + slice);
    yield { bytes: writer.write(cycle, part, plain), rows: part.length };
  }
}

function customerKey(scopeKey: string, customerId: string): string {
  return `${scopeKey}\u0000${customerId}`;
}

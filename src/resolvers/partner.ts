/**
 * The partner account: who the gateway's credentials belong to, its funds, its allocation log and its
 * ledger, plus the small helpers every partner-side resolver shares (scoped keys, wire times).
 * Upstream: ListPartnerBalances §1.2, ListPartnerAdjustRecords §1.5, ListPartnerAccountChangeRecords §1.6
 * (bss-api-partners.md). A distributor reads one reseller's funds by passing `indirect_partner_id`.
 */
import type { Decimal } from 'decimal.js';
import { GraphQLError } from 'graphql';
import {
  ListPartnerAccountChangeRecords, ListPartnerAdjustRecords, ListPartnerBalances,
  type AccountChangeRecord, type AdjustOperationType, type AdjustRecordV3, type PartnerTradeType,
} from '../bss/operations/partners/index.js';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import type { GraphQLContext } from '../context.js';
import { offsetConnection, type ConnectionArgs, type OffsetConnection } from './connection.js';

export interface PartnerShape {
  readonly domainId: string;
}

export interface AccountBalance {
  readonly accountId: string;
  /** §1.2 `account_type`: 1 cash, 2 credit, 5 bonus, 7 deposit, 8 allocatable. */
  readonly accountType: number;
  readonly amount: Decimal;
  readonly designatedAmount: Decimal | null;
  readonly creditAmount: Decimal | null;
  readonly currency: string;
  readonly memo: string | null;
}

export function thePartner(ctx: GraphQLContext): PartnerShape {
  return { domainId: ctx.partnerDomainId };
}

// ---------------------------------------------------------------------------------------------------------
// Shared helpers

/**
 * A partner scope: `null` for the partner's own data, or the reseller (`indirect_partner_id`) a
 * distributor acts for. Keys of scoped things are `id` or `id@scope`: every id here is hex or Huawei's
 * alphanumeric (`CP…`, `QT…`), so none holds an `@`.
 */
export type Scope = string | null;

export function scopedKey(id: string, scope: Scope): string {
  return scope ? `${id}@${scope}` : id;
}

export function parseScopedKey(key: string): { id: string; scope: Scope } {
  const at = key.indexOf('@');
  return at < 0 ? { id: key, scope: null } : { id: key.slice(0, at), scope: key.slice(at + 1) || null };
}

/** A UTC `yyyy-MM-ddTHH:mm:ssZ` wire time; absent, empty or unreadable → null. */
export function parseWireTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The UTC form time filters take (at most 20 characters, so no milliseconds). */
export function wireTime(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

/** The client never sends empty strings (DESIGN.md): an empty filter is no filter. */
export function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** An empty wire string is absent data. */
export function textOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : value;
}

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

const LEDGER_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function ledgerDate(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const m = LEDGER_DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw badInput(`"${argument}" must be a date written YYYY-MM-DD (Beijing time), e.g. "2026-03-01" (got ${JSON.stringify(value)})`, argument);
  }
  return value;
}

/**
 * The `trade_time_begin`/`trade_time_end` window of the ledgers (§1.6, §2.7, §3.6): Beijing dates,
 * passed through as given. When both are given, a span over one year is refused here with a clear
 * message instead of costing an upstream call that answers CBC.0100; a one-sided window is left to the
 * upstream defaults (a year back from `to`, or today).
 */
export function ledgerWindow(from: string | null | undefined, to: string | null | undefined): { trade_time_begin?: string; trade_time_end?: string } {
  const begin = ledgerDate(from, 'from');
  const end = ledgerDate(to, 'to');
  if (begin && end) {
    if (begin > end) throw badInput('"from" must not be later than "to"', 'from');
    const limit = `${Number(begin.slice(0, 4)) + 1}${begin.slice(4)}`;
    if (end > limit) throw badInput('the ledger window may span at most one year ("from" to "to"), as the upstream requires', 'to');
  }
  return { ...(begin ? { trade_time_begin: begin } : {}), ...(end ? { trade_time_end: end } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Balances (§1.2)

/** The partner's balances, or one reseller's when `indirectPartnerId` is given (a distributor only). */
export async function accountBalances(ctx: GraphQLContext, indirectPartnerId?: string | null): Promise<AccountBalance[]> {
  const res = await ctx.loaders.readOnce(ListPartnerBalances, indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {});
  return (res.account_balances ?? []).map((b) => ({
    accountId: b.account_id,
    accountType: b.account_type,
    amount: toDecimal(b.amount),
    designatedAmount: toDecimalOrNull(b.designated_amount),
    creditAmount: toDecimalOrNull(b.credit_amount),
    currency: b.currency,
    memo: b.memo ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Fund allocation log (§1.5)

export interface AdjustRecordShape {
  /** A customer's id, or (for a distributor) a reseller's: "customer" covers both on this endpoint. */
  readonly customerId: string | null;
  readonly customerName: string | null;
  readonly operationType: string | null;
  readonly amount: Decimal | null;
  readonly currency: string | null;
  readonly applyScene: string | null;
  readonly operationTime: Date | null;
  readonly measureId: number | null;
  readonly transId: string | null;
  readonly memo: string | null;
  /** The scope the record was read in. */
  readonly indirectPartnerId: Scope;
}

export function toAdjustRecord(r: AdjustRecordV3, scope: Scope): AdjustRecordShape {
  return {
    customerId: textOrNull(r.customer_id),
    customerName: textOrNull(r.customer_name),
    operationType: textOrNull(r.operation_type),
    // A string on the wire (§0.3): exact decimal text.
    amount: toDecimalOrNull(r.amount),
    currency: textOrNull(r.currency),
    applyScene: textOrNull(r.apply_scene),
    operationTime: parseWireTime(r.operation_time),
    measureId: r.measure_id ?? null,
    transId: textOrNull(r.trans_id),
    memo: textOrNull(r.memo),
    indirectPartnerId: scope,
  };
}

export interface AdjustRecordFilters {
  readonly customerId?: string | null;
  readonly operationType?: AdjustOperationType | undefined;
  readonly operationFrom?: Date | null;
  readonly operationTo?: Date | null;
  readonly transId?: string | null;
}

export function adjustRecordsConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: AdjustRecordFilters): Promise<OffsetConnection<AdjustRecordShape>> {
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListPartnerAdjustRecords, {
        customer_id: nonEmpty(f.customerId),
        operation_type: f.operationType,
        operation_time_begin: wireTime(f.operationFrom),
        operation_time_end: wireTime(f.operationTo),
        trans_id: nonEmpty(f.transId),
        indirect_partner_id: scope ?? undefined,
        offset,
        limit,
      });
      return { items: (res.records ?? []).map((r) => toAdjustRecord(r, scope)), total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListPartnerAdjustRecords.page!.maxLimit },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Partner ledger (§1.6)

export interface AccountChangeShape {
  readonly accountChangeId: string | null;
  readonly tradeDetailType: string | null;
  readonly tradeTime: Date | null;
  /** A transaction id or an order id. */
  readonly tradeId: string | null;
  readonly changeAmount: Decimal | null;
  readonly balanceAfterChange: Decimal | null;
  /** `"1"` income, `"2"` expense. */
  readonly type: string | null;
  /** Filled only for allocations, reclaims and unbinding reclaims. */
  readonly customerId: string | null;
  readonly accountName: string | null;
  /** The ledger's currency (a field of the response, not of the record). */
  readonly currency: string | null;
  readonly indirectPartnerId: Scope;
}

export function toAccountChange(r: AccountChangeRecord, currency: string | null, scope: Scope): AccountChangeShape {
  return {
    accountChangeId: textOrNull(r.account_change_id),
    tradeDetailType: textOrNull(r.trade_detail_type),
    tradeTime: parseWireTime(r.trade_time),
    tradeId: textOrNull(r.trade_id),
    // Strings on the wire (§0.3).
    changeAmount: toDecimalOrNull(r.change_amount),
    balanceAfterChange: toDecimalOrNull(r.balance_after_change),
    type: textOrNull(r.type),
    customerId: textOrNull(r.customer_id),
    accountName: textOrNull(r.account_name),
    currency,
    indirectPartnerId: scope,
  };
}

export interface AccountChangeFilters {
  readonly balanceType: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';
  readonly tradeType?: PartnerTradeType | undefined;
  readonly from?: string | null;
  readonly to?: string | null;
}

export function accountChangesConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: AccountChangeFilters): Promise<OffsetConnection<AccountChangeShape>> {
  const window = ledgerWindow(f.from, f.to);
  return offsetConnection(
    args,
    async (offset, limit) => {
      const res = await ctx.loaders.readOnce(ListPartnerAccountChangeRecords, {
        balance_type: f.balanceType,
        trade_type: f.tradeType,
        ...window,
        indirect_partner_id: scope ?? undefined,
        offset,
        limit,
      });
      const currency = textOrNull(res.currency);
      return { items: (res.records ?? []).map((r) => toAccountChange(r, currency, scope)), total: res.total_count ?? null };
    },
    { ...ctx.limits, pageMax: ListPartnerAccountChangeRecords.page!.maxLimit },
  );
}

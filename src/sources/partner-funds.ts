/**
 * The partner's funds as the upstream reports them: balances (ListPartnerBalances §1.2), the fund
 * allocation log (ListPartnerAdjustRecords §1.5) and the ledger (ListPartnerAccountChangeRecords §1.6),
 * bss-api-partners.md. A distributor reads one reseller's by passing `indirect_partner_id`.
 */
import type { Decimal } from 'decimal.js';
import {
  ListPartnerAccountChangeRecords, ListPartnerAdjustRecords, ListPartnerBalances,
  type AccountBalanceV2, type AccountChangeRecord, type AdjustOperationType, type AdjustRecordV3, type PartnerTradeType,
} from '../bss/operations/partners/index.js';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import { listEndpoint } from './list-endpoint.js';
import { nonEmpty, parseWireTime, textOrNull, wireTime, type Scope } from './wire.js';

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

/** A §1.2 balance, or a customer's own §2.6 one (the same fields but `memo`). */
export function toAccountBalance(b: Omit<AccountBalanceV2, 'memo'> & { memo?: string }): AccountBalance {
  return {
    accountId: b.account_id,
    accountType: b.account_type,
    amount: toDecimal(b.amount),
    designatedAmount: toDecimalOrNull(b.designated_amount),
    creditAmount: toDecimalOrNull(b.credit_amount),
    currency: b.currency,
    memo: b.memo ?? null,
  };
}

/** The §1.2 request: the partner's balances, or one reseller's (a distributor only). */
export const partnerBalancesRequest = (indirectPartnerId?: string | null) => ({
  op: ListPartnerBalances,
  request: indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {},
});

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

export const adjustRecordsList = (scope: Scope, f: AdjustRecordFilters) =>
  listEndpoint({
    op: ListPartnerAdjustRecords,
    request: (offset, limit) => ({
      customer_id: nonEmpty(f.customerId),
      operation_type: f.operationType,
      operation_time_begin: wireTime(f.operationFrom),
      operation_time_end: wireTime(f.operationTo),
      trans_id: nonEmpty(f.transId),
      indirect_partner_id: scope ?? undefined,
      offset,
      limit,
    }),
    page: (res) => ({ items: (res.records ?? []).map((r) => toAdjustRecord(r, scope)), total: res.total_count ?? null }),
  });

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

/** The ledgers' `trade_time_begin`/`trade_time_end`: Beijing dates, checked by the caller (resolvers/ledger-window.ts). */
export interface LedgerWindow {
  readonly trade_time_begin?: string;
  readonly trade_time_end?: string;
}

export interface AccountChangeFilters {
  readonly balanceType: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';
  readonly tradeType?: PartnerTradeType | undefined;
}

export const accountChangesList = (scope: Scope, f: AccountChangeFilters, window: LedgerWindow) =>
  listEndpoint({
    op: ListPartnerAccountChangeRecords,
    request: (offset, limit) => ({ balance_type: f.balanceType, trade_type: f.tradeType, ...window, indirect_partner_id: scope ?? undefined, offset, limit }),
    page: (res) => {
      const currency = textOrNull(res.currency);
      return { items: (res.records ?? []).map((r) => toAccountChange(r, currency, scope)), total: res.total_count ?? null };
    },
  });

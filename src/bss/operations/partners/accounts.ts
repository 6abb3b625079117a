/**
 * The partner's own funds: balances, allocations to and reclaims from resellers, the adjust log and the
 * income/expense ledger (bss-api-partners.md §1.2–§1.6).
 */
import { defineOperation, type WireAmount, type WireDecimal } from '../spec.js';

// §1.2 ListPartnerBalances

export interface ListPartnerBalancesRequest {
  /** ≤ 64: a distributor reads this reseller's balances instead of its own. */
  indirect_partner_id?: string;
}

export interface AccountBalanceV2 {
  account_id: string;
  /** 1 balance (cash), 2 credit, 5 bonus, 7 deposit, 8 allocatable. */
  account_type: number;
  /** float64 on the wire: a JSON number. */
  amount: WireDecimal;
  currency: string;
  designated_amount?: WireDecimal;
  /** Total credit limit; meaningful only for account_type 2. */
  credit_amount?: WireDecimal;
  measure_id: number;
  memo?: string;
}

export interface ListPartnerBalancesResponse {
  account_balances?: AccountBalanceV2[];
  error_code?: string;
  error_msg?: string;
}

export const ListPartnerBalances = defineOperation<ListPartnerBalancesRequest, ListPartnerBalancesResponse>({
  name: 'ListPartnerBalances',
  method: 'GET',
  path: '/v2/accounts/partner-accounts/balances',
  caller: 'partner',
  kind: 'read',
  query: ['indirect_partner_id'],
});

// §1.3 UpdateIndirectPartnerAccount

export interface AdjustToIndirectPartnerReq {
  indirect_partner_id: string;
  /** > 0, at most 2 decimals, yuan. */
  amount: WireAmount;
}

export interface UpdateIndirectPartnerAccountRequest {
  body: AdjustToIndirectPartnerReq;
}

export interface UpdateIndirectPartnerAccountResponse {
  /** Note: `transfer_id` here, `trans_id` on the reclaim. */
  transfer_id?: string;
}

export const UpdateIndirectPartnerAccount = defineOperation<UpdateIndirectPartnerAccountRequest, UpdateIndirectPartnerAccountResponse>({
  name: 'UpdateIndirectPartnerAccount',
  method: 'POST',
  path: '/v2/accounts/partner-accounts/indirect-partner-adjust',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §1.4 ReclaimIndirectPartnerAccount

export interface ReclaimIndirectPartnerAccountReq {
  indirect_partner_id: string;
  /** > 0, at most 2 decimals, ≤ the reseller's balance. */
  amount: WireAmount;
}

export interface ReclaimIndirectPartnerAccountRequest {
  body: ReclaimIndirectPartnerAccountReq;
}

export interface ReclaimIndirectPartnerAccountResponse {
  trans_id?: string;
}

export const ReclaimIndirectPartnerAccount = defineOperation<ReclaimIndirectPartnerAccountRequest, ReclaimIndirectPartnerAccountResponse>({
  name: 'ReclaimIndirectPartnerAccount',
  method: 'POST',
  path: '/v2/accounts/partner-accounts/indirect-partner-reclaim',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §1.5 ListPartnerAdjustRecords (v3)

export type AdjustOperationType = 'SOURCE_OPERATION_BEADJUST' | 'SOURCE_OPERATION_BERETRIEVE' | 'SOURCE_OPERATION_BEUNBIND';

export interface ListPartnerAdjustRecordsRequest {
  /** A sub-customer or (for a distributor) a reseller id. */
  customer_id?: string;
  operation_type?: AdjustOperationType;
  /** UTC `2016-03-28T14:45:38Z`. */
  operation_time_begin?: string;
  operation_time_end?: string;
  /** ≤ 128: a `transfer_id`/`trans_id` from §1.3, §1.4, §2.8, §2.9. */
  trans_id?: string;
  offset?: number;
  /** 1–100, default 10. */
  limit?: number;
  indirect_partner_id?: string;
}

export interface AdjustRecordV3 {
  customer_id?: string;
  customer_name?: string;
  operation_type?: string;
  /** A string on the wire: decimal text in yuan. */
  amount?: string;
  currency?: string;
  apply_scene?: string;
  operation_time?: string;
  measure_id?: number;
  trans_id?: string;
  memo?: string;
}

export interface ListPartnerAdjustRecordsResponse {
  total_count?: number;
  records?: AdjustRecordV3[];
}

export const ListPartnerAdjustRecords = defineOperation<ListPartnerAdjustRecordsRequest, ListPartnerAdjustRecordsResponse>({
  name: 'ListPartnerAdjustRecords',
  method: 'GET',
  path: '/v3/accounts/partner-accounts/adjust-records',
  caller: 'partner',
  kind: 'read',
  query: ['customer_id', 'operation_type', 'operation_time_begin', 'operation_time_end', 'trans_id', 'offset', 'limit', 'indirect_partner_id'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

// §1.6 ListPartnerAccountChangeRecords

export type PartnerTradeType =
  | 'RECHARGE' | 'DEDEUCT' | 'REFUND' | 'RFROZEN' | 'TRANS' | 'ADJUST' | 'BEADJUST' | 'BERETRIEVE' | 'BEUNBIND'
  | 'BONUSCONVERT' | 'TRADE_MODE_TRANSFER';

export interface ListPartnerAccountChangeRecordsRequest {
  balance_type: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';
  trade_type?: PartnerTradeType;
  /** `YYYY-MM-DD` in UTC+8; default the same date a year ago. The span must be ≤ 1 year. */
  trade_time_begin?: string;
  /** `YYYY-MM-DD` in UTC+8; default today. */
  trade_time_end?: string;
  offset?: number;
  limit?: number;
  indirect_partner_id?: string;
}

export interface AccountChangeRecord {
  account_change_id?: string;
  trade_detail_type?: string;
  trade_time?: string;
  /** A transaction id or an order id. */
  trade_id?: string;
  change_amount?: string;
  balance_after_change?: string;
  /** `"1"` income, `"2"` expense. */
  type?: string;
  /** Filled only for SOURCE_OPERATION_BEADJUST / BEUNBIND / BERETRIEVE. */
  customer_id?: string;
  account_name?: string;
}

export interface ListPartnerAccountChangeRecordsResponse {
  total_count?: number;
  currency?: string;
  records?: AccountChangeRecord[];
}

export const ListPartnerAccountChangeRecords = defineOperation<ListPartnerAccountChangeRecordsRequest, ListPartnerAccountChangeRecordsResponse>({
  name: 'ListPartnerAccountChangeRecords',
  method: 'GET',
  path: '/v2/accounts/partner-accounts/account-change-records',
  caller: 'partner',
  kind: 'read',
  query: ['balance_type', 'trade_type', 'trade_time_begin', 'trade_time_end', 'offset', 'limit', 'indirect_partner_id'],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

/**
 * Customers' funds: balances (partner view and the customer's own), the customer's ledger, and moving
 * money between the partner and a resale customer (bss-api-partners.md §2.5–§2.9).
 */
import { defineOperation, type WireAmount, type WireDecimal } from '../spec.js';

// §2.5 ListCustomersBalancesDetail

export interface CustomerInfoV2 {
  /** ≤ 64. */
  customer_id: string;
}

export interface QueryCustomersBalancesReq {
  /** 1–100 items. */
  customer_infos: CustomerInfoV2[];
  indirect_partner_id?: string;
}

export interface ListCustomersBalancesDetailRequest {
  body: QueryCustomersBalancesReq;
}

export interface CustomerBalancesV2 {
  customer_id: string;
  debt_amount?: WireDecimal;
  amount?: WireDecimal;
  currency?: string;
  measure_id?: number;
}

export interface ListCustomersBalancesDetailResponse {
  /** Ids that are not resale sub-customers of the caller are silently left out. */
  customer_balances?: CustomerBalancesV2[];
}

export const ListCustomersBalancesDetail = defineOperation<ListCustomersBalancesDetailRequest, ListCustomersBalancesDetailResponse>({
  name: 'ListCustomersBalancesDetail',
  method: 'POST',
  path: '/v2/accounts/customer-accounts/balances/batch-query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  batch: { field: 'customer_infos', max: 100 },
});

// §2.6 ShowCustomerAccountBalances (customer credentials)

export type ShowCustomerAccountBalancesRequest = Record<string, never>;

export interface AccountBalanceV3 {
  account_id: string;
  /** 1 balance, 2 credit, 5 bonus, 7 deposit. */
  account_type: number;
  amount: WireDecimal;
  currency: string;
  designated_amount?: WireDecimal;
  credit_amount?: WireDecimal;
  measure_id: number;
}

export interface ShowCustomerAccountBalancesResponse {
  account_balances?: AccountBalanceV3[];
  debt_amount?: WireDecimal;
  measure_id?: number;
  currency?: string;
}

export const ShowCustomerAccountBalances = defineOperation<ShowCustomerAccountBalancesRequest, ShowCustomerAccountBalancesResponse>({
  name: 'ShowCustomerAccountBalances',
  method: 'GET',
  path: '/v2/accounts/customer-accounts/balances',
  caller: 'customer',
  kind: 'read',
});

// §2.7 ListCustomerAccountChangeRecords (customer credentials)

export type CustomerTradeType =
  | 'RECHARGE' | 'DEDEUCT' | 'REFUND' | 'RFROZEN' | 'TRANS' | 'ADJUST' | 'BEUNBIND' | 'EXPIRED' | 'BONUSCONVERT'
  | 'TRADE_MODE_TRANSFER' | 'DEPOSIT' | 'BEADJUST' | 'BERETRIEVE';

export interface ListCustomerAccountChangeRecordsRequest {
  balance_type: 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';
  revenue_expense_type?: 'REVENUE' | 'EXPENSE';
  trade_type?: CustomerTradeType;
  /** `YYYY-MM-DD` in UTC+8; span ≤ 1 year. */
  trade_time_begin?: string;
  trade_time_end?: string;
  /** ≤ 128. */
  trade_id?: string;
  /** Comma-separated channel ids (1, 2, 4, 5, 6, 7, 10, 11, 317, 319, 320). */
  payment_channel_id?: string;
  payment_channel_no?: string;
  offset?: number;
  limit?: number;
}

export interface CustomerAccountChangeRecord {
  account_change_id?: string;
  trade_detail_type?: string;
  trade_time?: string;
  trade_id?: string;
  change_amount?: string;
  balance_after_change?: string;
  revenue_expense_type?: string;
  bill_cycle?: string;
  payment_channel_id?: string;
  payment_channel_no?: string;
  consume_time?: string;
  account_name?: string;
  cloud_service_type_name?: string;
  resource_type_name?: string;
}

export interface ListCustomerAccountChangeRecordsResponse {
  total_count?: number;
  currency?: string;
  records?: CustomerAccountChangeRecord[];
}

export const ListCustomerAccountChangeRecords = defineOperation<ListCustomerAccountChangeRecordsRequest, ListCustomerAccountChangeRecordsResponse>({
  name: 'ListCustomerAccountChangeRecords',
  method: 'GET',
  path: '/v2/accounts/customer-accounts/account-change-records',
  caller: 'customer',
  kind: 'read',
  query: [
    'balance_type', 'revenue_expense_type', 'trade_type', 'trade_time_begin', 'trade_time_end', 'trade_id',
    'payment_channel_id', 'payment_channel_no', 'offset', 'limit',
  ],
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'records', in: 'query' },
});

// §2.8 UpdateCustomerAccountAmount

export interface AdjustAccountReq {
  customer_id: string;
  /** > 0, 2 decimals; ≤ amount − designated_amount of the paying account. */
  amount: WireAmount;
  /** The paying account is this reseller's. */
  indirect_partner_id?: string;
}

export interface UpdateCustomerAccountAmountRequest {
  body: AdjustAccountReq;
}

export interface UpdateCustomerAccountAmountResponse {
  transfer_id?: string;
}

export const UpdateCustomerAccountAmount = defineOperation<UpdateCustomerAccountAmountRequest, UpdateCustomerAccountAmountResponse>({
  name: 'UpdateCustomerAccountAmount',
  method: 'POST',
  path: '/v2/accounts/partner-accounts/adjust-amount',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §2.9 ReclaimToPartnerAccount

export interface ReclaimToPartnerAccountBalancesReq {
  customer_id: string;
  /** > 0, 2 decimals. */
  amount: WireAmount;
  indirect_partner_id?: string;
}

export interface ReclaimToPartnerAccountRequest {
  body: ReclaimToPartnerAccountBalancesReq;
}

export interface ReclaimToPartnerAccountResponse {
  trans_id?: string;
}

export const ReclaimToPartnerAccount = defineOperation<ReclaimToPartnerAccountRequest, ReclaimToPartnerAccountResponse>({
  name: 'ReclaimToPartnerAccount',
  method: 'POST',
  path: '/v2/accounts/partner-accounts/reclaim',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

/**
 * Fund transfers (bss-api-partners.md §1.3, §1.4, §2.8, §2.9): the one write call of each, and the lookup that
 * reconciles a transfer whose answer was lost, from Huawei's own adjust log (ListPartnerAdjustRecords §1.5).
 *
 * Wire amounts go out as strings with exactly two decimals, as the Go SDK sends its `decimal.Decimal` (§0.3).
 */
import type { Decimal } from 'decimal.js';
import {
  ListPartnerAdjustRecords, ReclaimIndirectPartnerAccount, ReclaimToPartnerAccount, UpdateCustomerAccountAmount, UpdateIndirectPartnerAccount,
  type AdjustOperationType, type ListPartnerBalancesResponse,
} from '../../bss/operations/partners/index.js';
import type { Upstream } from '../list-endpoint.js';
import { toAdjustRecord, type AccountBalance, type AdjustRecordShape } from '../partner-funds.js';
import { wireTime, type Scope } from '../wire.js';

/** Which way money moves, and to or from whom. */
export type TransferKind = 'allocate-customer' | 'reclaim-customer' | 'allocate-reseller' | 'reclaim-reseller';

export interface TransferRequest {
  readonly kind: TransferKind;
  /** The customer (customer kinds) or the reseller (reseller kinds) the money goes to or comes from. */
  readonly targetId: string;
  /** Customer kinds: the reseller whose customer it is (the paying or receiving account), null for the partner's own. */
  readonly scope: Scope;
  readonly amount: Decimal;
}

/** `amount` as the SDK sends a decimal: a string, two decimals (validated to have at most two before). */
const wireAmount = (amount: Decimal): string => amount.toFixed(2);

/** The one upstream call of a transfer. Returns the upstream's transfer id (`transfer_id` or `trans_id`), or null when it gave none. */
export async function sendTransfer(ctx: Upstream, t: TransferRequest): Promise<string | null> {
  const amount = wireAmount(t.amount);
  switch (t.kind) {
    case 'allocate-customer': {
      const res = await ctx.bss.call(UpdateCustomerAccountAmount, { body: { customer_id: t.targetId, amount, indirect_partner_id: t.scope ?? undefined } });
      return res.transfer_id || null;
    }
    case 'reclaim-customer': {
      const res = await ctx.bss.call(ReclaimToPartnerAccount, { body: { customer_id: t.targetId, amount, indirect_partner_id: t.scope ?? undefined } });
      return res.trans_id || null;
    }
    case 'allocate-reseller': {
      const res = await ctx.bss.call(UpdateIndirectPartnerAccount, { body: { indirect_partner_id: t.targetId, amount } });
      return res.transfer_id || null;
    }
    case 'reclaim-reseller': {
      const res = await ctx.bss.call(ReclaimIndirectPartnerAccount, { body: { indirect_partner_id: t.targetId, amount } });
      return res.trans_id || null;
    }
  }
}

/** The upstream operation a transfer kind calls (for logs, audit rows and error messages). */
export const TRANSFER_OPERATION: Readonly<Record<TransferKind, string>> = {
  'allocate-customer': UpdateCustomerAccountAmount.name,
  'reclaim-customer': ReclaimToPartnerAccount.name,
  'allocate-reseller': UpdateIndirectPartnerAccount.name,
  'reclaim-reseller': ReclaimIndirectPartnerAccount.name,
};

/** §1.5 `operation_type` of each kind: allocations are BEADJUST, reclaims BERETRIEVE. */
const OPERATION_TYPE: Readonly<Record<TransferKind, AdjustOperationType>> = {
  'allocate-customer': 'SOURCE_OPERATION_BEADJUST',
  'reclaim-customer': 'SOURCE_OPERATION_BERETRIEVE',
  'allocate-reseller': 'SOURCE_OPERATION_BEADJUST',
  'reclaim-reseller': 'SOURCE_OPERATION_BERETRIEVE',
};

/**
 * The adjust records that could be this transfer: the same target, operation type and amount, within
 * [from, to]. One ListPartnerAdjustRecords call per page of 100 (a window of minutes holds one page unless
 * the partner moves money to this one account more than 100 times in it). Customer kinds are read in the
 * customer's scope (`indirect_partner_id`); a reseller's own transfers are in the distributor's log.
 */
export async function findTransfers(ctx: Upstream, t: TransferRequest, window: { readonly from: Date; readonly to: Date }): Promise<AdjustRecordShape[]> {
  const scope = t.kind === 'allocate-reseller' || t.kind === 'reclaim-reseller' ? null : t.scope;
  const matches: AdjustRecordShape[] = [];
  const limit = ListPartnerAdjustRecords.page!.maxLimit;
  for (let offset = 0; ; offset += limit) {
    const res = await ctx.bss.call(ListPartnerAdjustRecords, {
      customer_id: t.targetId,
      operation_type: OPERATION_TYPE[t.kind],
      operation_time_begin: wireTime(window.from),
      operation_time_end: wireTime(window.to),
      indirect_partner_id: scope ?? undefined,
      offset,
      limit,
    });
    const records = (res.records ?? []).map((r) => toAdjustRecord(r, scope));
    for (const r of records) {
      if (r.customerId === t.targetId && r.amount !== null && r.amount.equals(t.amount) && r.transId) matches.push(r);
    }
    if (records.length < limit || offset + limit >= (res.total_count ?? 0)) return matches;
  }
}

/**
 * A §1.2 answer made from balances read earlier (a replayed write's stored objects), so the request's `readOnce`
 * answers a reseller's `balances` without a call. Amounts go back as exact text, which `toDecimal` reads as sent.
 */
export function partnerBalancesResponse(balances: readonly AccountBalance[]): ListPartnerBalancesResponse {
  return {
    account_balances: balances.map((b) => ({
      account_id: b.accountId,
      account_type: b.accountType,
      amount: b.amount.toFixed(),
      currency: b.currency,
      ...(b.designatedAmount ? { designated_amount: b.designatedAmount.toFixed() } : {}),
      ...(b.creditAmount ? { credit_amount: b.creditAmount.toFixed() } : {}),
      measure_id: 1,
      ...(b.memo !== null ? { memo: b.memo } : {}),
    })),
  };
}

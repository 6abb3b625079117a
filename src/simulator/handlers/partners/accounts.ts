/**
 * The partner's own funds (bss-api-partners.md §1.2–§1.6): balances, allocations to and reclaims from
 * resellers, the adjust log and the income/expense ledger.
 */
import type { Handler, SimRequest } from '../../handler.js';
import type { ScopeAccount, Transfer } from '../../dataset/partners/funds.js';
import { accountChangeId } from '../../dataset/partners/funds.js';
import { PARTNER_TRADE_TYPES, D } from '../../dataset/partners/trade-types.js';
import { beijingDate, utc } from '../../dataset/partners/time.js';
import { noResellerPermission } from '../../dataset/partners/errors.js';
import { CURRENCY, YUAN, latestFirst, num, text } from './render.js';
import { resolveScope } from './scope.js';
import {
  MAX_INT, amountOf, bodyOf, ledgerWindow, oneOf, page, queryFilter, queryInt, queryRequired, queryTime, reqString, slice, within,
} from './validate.js';

/** §1.2: one entry per account type; a reseller has cash and allocatable funds only. */
export const listPartnerBalances: Handler = (req) => {
  const scope = resolveScope(req, queryFilter(req, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { account_balances: [] } };
  return { body: { account_balances: balancesOf(req.state.partners.funds.scopeAccount(scope.id)) } };
};

function balancesOf(a: ScopeAccount): Record<string, unknown>[] {
  const zero = a.cash.minus(a.cash);
  const list: Record<string, unknown>[] = [
    { account_id: a.cashAccountId, account_type: 1, amount: num(a.cash), currency: CURRENCY, designated_amount: num(a.designated), measure_id: YUAN },
  ];
  if (a.creditAccountId && a.creditLimit) {
    // Nothing is drawn on credit in the simulator, so the available credit is the whole limit.
    list.push({ account_id: a.creditAccountId, account_type: 2, amount: num(a.creditLimit), currency: CURRENCY, designated_amount: num(zero), credit_amount: num(a.creditLimit), measure_id: YUAN });
  }
  if (a.bonusAccountId && a.bonus) {
    list.push({ account_id: a.bonusAccountId, account_type: 5, amount: num(a.bonus), currency: CURRENCY, designated_amount: num(zero), measure_id: YUAN });
  }
  // [inferred] Type 8 "allocatable" is the part of the cash the partner may pass on: amount − designated (§1.2).
  list.push({ account_id: a.allocatableAccountId, account_type: 8, amount: num(a.cash.minus(a.designated)), currency: CURRENCY, designated_amount: num(zero), measure_id: YUAN });
  return list;
}

function resellerOf(req: SimRequest, id: string): string {
  if (!req.state.world.reseller(id)) throw noResellerPermission();
  return id;
}

/** §1.3: distributor → reseller. */
export const updateIndirectPartnerAccount: Handler = (req) => {
  const body = bodyOf(req);
  const id = reqString(body, 'indirect_partner_id', { max: 64 });
  const amount = amountOf(body, 'amount');
  const partners = req.state.partners;
  const transfer = partners.funds.adjustToReseller(resellerOf(req, id), amount, req.now, () => partners.writes.next('reseller-adjust'));
  return { body: { transfer_id: transfer.transId } };
};

/** §1.4: reseller → distributor; refused beyond the reseller's balance. */
export const reclaimIndirectPartnerAccount: Handler = (req) => {
  const body = bodyOf(req);
  const id = reqString(body, 'indirect_partner_id', { max: 64 });
  const amount = amountOf(body, 'amount');
  const partners = req.state.partners;
  const transfer = partners.funds.reclaimFromReseller(resellerOf(req, id), amount, req.now, () => partners.writes.next('reseller-reclaim'));
  return { body: { trans_id: transfer.transId } };
};

const ADJUST_TYPES = [D.BEADJUST, D.BERETRIEVE, D.BEUNBIND] as const;

/** §1.5: allocations and reclaims of the scope, newest first. Foreign customer ids just match nothing. */
export const listPartnerAdjustRecords: Handler = (req) => {
  const customerId = queryFilter(req, 'customer_id', { max: 64 });
  const operationType = queryFilter(req, 'operation_type', { max: 64 });
  if (operationType !== undefined) oneOf('operation_type', operationType, ADJUST_TYPES);
  const begin = queryTime(req, 'operation_time_begin', false);
  const end = queryTime(req, 'operation_time_end', false);
  const transId = queryFilter(req, 'trans_id', { max: 128 });
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const scope = resolveScope(req, queryFilter(req, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { total_count: 0, records: [] } };
  const transfers = req.state.partners.funds.scopeAccount(scope.id).transfers.filter(
    (t) =>
      (!customerId || t.targetId === customerId) && (!operationType || operationTypeOf(t) === operationType) && (!transId || t.transId === transId) &&
      within(t.time, begin, end),
  );
  const records = slice(latestFirst(transfers), p).map((t) => renderAdjust(req, t));
  return { body: { total_count: transfers.length, records } };
};

function operationTypeOf(t: Transfer): string {
  return t.kind === 'adjust' ? D.BEADJUST : D.BERETRIEVE;
}

function renderAdjust(req: SimRequest, t: Transfer): Record<string, unknown> {
  let name = '';
  if (t.targetKind === 'reseller') name = req.state.world.reseller(t.targetId)?.name ?? '';
  else {
    const customer = req.state.partners.customers.get(t.targetId);
    // The customer's name is its real-name-authentication name; unauthenticated ones go by account name.
    if (customer) name = req.state.partners.realname.verification(customer, req.now).realName || customer.accountName;
  }
  return {
    customer_id: t.targetId, customer_name: name, operation_type: operationTypeOf(t), amount: text(t.amount), currency: CURRENCY,
    apply_scene: '', operation_time: utc(t.time), measure_id: YUAN, trans_id: t.transId, memo: '',
  };
}

const BALANCE_TYPES = ['BALANCE_TYPE_DEBIT', 'BALANCE_TYPE_CREDIT'] as const;
const WITH_CUSTOMER: readonly string[] = ADJUST_TYPES;

/** §1.6: the scope's cash or credit ledger, newest first, within the Beijing-date window (a reseller has no credit ledger). */
export const listPartnerAccountChangeRecords: Handler = (req) => {
  const balanceType = oneOf('balance_type', queryRequired(req, 'balance_type'), BALANCE_TYPES);
  const tradeType = queryFilter(req, 'trade_type');
  if (tradeType !== undefined) oneOf('trade_type', tradeType, Object.keys(PARTNER_TRADE_TYPES));
  const window = ledgerWindow(req, false);
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const scope = resolveScope(req, queryFilter(req, 'indirect_partner_id', { max: 64 }), false);
  if (!scope.exists) return { body: { total_count: 0, currency: CURRENCY, records: [] } };
  const account = req.state.partners.funds.scopeAccount(scope.id);
  const details = tradeType ? PARTNER_TRADE_TYPES[tradeType]! : null;
  const entries = (balanceType === 'BALANCE_TYPE_DEBIT' ? account.ledger : account.creditLedger).filter((e) => {
    const day = beijingDate(e.time);
    return day >= window.from && day <= window.to && (!details || details.includes(e.detailType));
  });
  const records = slice(latestFirst(entries), p).map((e) => ({
    account_change_id: accountChangeId(e),
    trade_detail_type: e.detailType,
    trade_time: utc(e.time),
    trade_id: e.tradeId,
    // [inferred] The amount is unsigned; `type` says whether it was income or expense.
    change_amount: text(e.amount),
    balance_after_change: text(e.balanceAfter),
    type: e.income ? '1' : '2',
    ...(WITH_CUSTOMER.includes(e.detailType) && e.counterpartId ? { customer_id: e.counterpartId, account_name: e.counterpartName ?? '' } : {}),
  }));
  return { body: { total_count: entries.length, currency: CURRENCY, records } };
};

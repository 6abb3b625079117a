/**
 * Customers' funds (bss-api-partners.md §2.5–§2.9): balances as the partner sees them and as the
 * customer does, the customer's own ledger, and allocation to / reclaim from resale customers.
 */
import type { Handler, SimRequest } from '../../handler.js';
import type { CustomerRecord } from '../../dataset/world.js';
import { accountChangeId } from '../../dataset/partners/funds.js';
import { accessDenied, noAllocationAccount, notSubCustomer } from '../../dataset/partners/errors.js';
import { CUSTOMER_TRADE_TYPES } from '../../dataset/partners/trade-types.js';
import { beijingDate, beijingMonth, utc } from '../../dataset/partners/time.js';
import { SERVICE_TYPE_BY_CODE } from '../../dataset/reference.js';
import { CURRENCY, YUAN, latestFirst, num, text } from './render.js';
import { resolveScope } from './scope.js';
import {
  MAX_INT, amountOf, bodyOf, filterString, ledgerWindow, objectList, oneOf, page, queryFilter, queryInt, queryRequired, queryString, reqString,
  slice, type Json,
} from './validate.js';

/** §2.5: resale customers of the scope; other ids are silently left out. Not paginated. */
export const listCustomersBalancesDetail: Handler = (req) => {
  const body = bodyOf(req);
  const infos = objectList(body, 'customer_infos', { max: 100 });
  const ids = infos.map((info, i) => reqString(info, 'customer_id', { max: 64 }, `customer_infos[${i}].customer_id`));
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), true);
  const { customers, funds } = req.state.partners;
  const seen = new Set<string>();
  const balances: Json[] = [];
  for (const id of ids) {
    const c = customers.get(id);
    if (!c || seen.has(id) || c.indirectPartnerId !== scope.id || c.associationType !== '2') continue;
    seen.add(id);
    const account = funds.customerAccount(c);
    balances.push({ customer_id: id, debt_amount: num(account.debt), amount: num(account.cash), currency: CURRENCY, measure_id: YUAN });
  }
  return { body: { customer_balances: balances } };
};

/** The customer calling with its own credentials. */
function callingCustomer(req: SimRequest): CustomerRecord {
  const customer = req.state.partners.customers.get(req.caller.domainId);
  if (!customer) throw accessDenied();
  return customer;
}

/**
 * §2.6: the customer's own view of the same cash account the partner sees in §2.5. (Huawei refuses
 * reseller-type 转售 customers with CBC.99000049; the world has none.)
 */
export const showCustomerAccountBalances: Handler = (req) => {
  const account = req.state.partners.funds.customerAccount(callingCustomer(req));
  return {
    body: {
      account_balances: [
        { account_id: account.accountId, account_type: 1, amount: num(account.cash), currency: CURRENCY, designated_amount: num(account.cash.minus(account.cash)), measure_id: YUAN },
      ],
      debt_amount: num(account.debt),
      measure_id: YUAN,
      currency: CURRENCY,
    },
  };
};

const PAYMENT_CHANNELS = ['1', '2', '4', '5', '6', '7', '10', '11', '317', '319', '320'];

/** §2.7: the customer's own ledger, newest first. A resale customer has no credit account: empty. */
export const listCustomerAccountChangeRecords: Handler = (req) => {
  const balanceType = oneOf('balance_type', queryRequired(req, 'balance_type'), ['BALANCE_TYPE_DEBIT', 'BALANCE_TYPE_CREDIT']);
  const revenue = queryString(req, 'revenue_expense_type');
  // If sent it must be a valid value; empty is rejected (§2.7).
  if (revenue !== undefined) oneOf('revenue_expense_type', revenue, ['REVENUE', 'EXPENSE']);
  const tradeType = queryFilter(req, 'trade_type', { max: 20 });
  if (tradeType !== undefined) oneOf('trade_type', tradeType, Object.keys(CUSTOMER_TRADE_TYPES));
  const window = ledgerWindow(req, true);
  const tradeId = queryFilter(req, 'trade_id', { max: 128 });
  const channels = queryFilter(req, 'payment_channel_id', { max: 64 })?.split(',');
  channels?.forEach((c) => oneOf('payment_channel_id', c, PAYMENT_CHANNELS));
  const channelNo = queryFilter(req, 'payment_channel_no', { max: 64 });
  const p = page(queryInt(req, 'offset', { min: 0, max: MAX_INT }), queryInt(req, 'limit', { min: 1, max: 100 }));
  const customer = callingCustomer(req);
  const account = req.state.partners.funds.customerAccount(customer);
  const details = tradeType ? CUSTOMER_TRADE_TYPES[tradeType]! : null;
  const entries = balanceType === 'BALANCE_TYPE_CREDIT' ? [] : account.ledger.filter((e) => {
    const day = beijingDate(e.time);
    return (
      day >= window.from && day <= window.to && (!details || details.includes(e.detailType)) && (!revenue || (revenue === 'REVENUE') === e.income) &&
      (!tradeId || e.tradeId === tradeId) && (!channels || (e.paymentChannelId !== undefined && channels.includes(e.paymentChannelId))) &&
      (!channelNo || e.paymentChannelNo === channelNo)
    );
  });
  const records = slice(latestFirst(entries), p).map((e) => ({
    account_change_id: accountChangeId(e),
    trade_detail_type: e.detailType,
    trade_time: utc(e.time),
    trade_id: e.tradeId,
    change_amount: text(e.amount),
    balance_after_change: text(e.balanceAfter),
    revenue_expense_type: e.income ? 'REVENUE' : 'EXPENSE',
    bill_cycle: beijingMonth(e.time),
    payment_channel_id: e.paymentChannelId ?? '',
    payment_channel_no: e.paymentChannelNo ?? '',
    consume_time: e.consumeTime ?? utc(e.time),
    account_name: customer.accountName,
    cloud_service_type_name: e.serviceTypeCode ? SERVICE_TYPE_BY_CODE.get(e.serviceTypeCode)?.name[req.language] ?? '' : '',
    resource_type_name: '',
  }));
  return { body: { total_count: entries.length, currency: CURRENCY, records } };
};

/**
 * The customer a fund write targets: it must be bound to the scope, or it is "not a sub-customer"
 * (CBC.99000035), the code of the §2.5 group.
 */
function scopedCustomer(req: SimRequest, id: string, scope: string | null): CustomerRecord {
  const customer = req.state.partners.customers.get(id);
  if (!customer || customer.indirectPartnerId !== scope) throw notSubCustomer();
  return customer;
}

/** §2.8: from the partner's (or the scoped reseller's) allocatable funds to a resale customer. */
export const updateCustomerAccountAmount: Handler = (req) => {
  const body = bodyOf(req);
  const customerId = reqString(body, 'customer_id', { max: 64 });
  const amount = amountOf(body, 'amount');
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), true);
  const customer = scopedCustomer(req, customerId, scope.id);
  // [inferred] A consultative customer pays Huawei itself and is not a resale sub-customer to fund:
  // refused like a foreign one, as §2.5 leaves both out.
  if (customer.associationType !== '2') throw notSubCustomer();
  const partners = req.state.partners;
  const transfer = partners.funds.adjustToCustomer(scope.id, customer, amount, req.now, () => partners.writes.next('customer-adjust'));
  return { body: { transfer_id: transfer.transId } };
};

/** §2.9: back from a resale customer; more than its cash balance is CBC.99005003 and changes nothing. */
export const reclaimToPartnerAccount: Handler = (req) => {
  const body = bodyOf(req);
  const customerId = reqString(body, 'customer_id', { max: 64 });
  const amount = amountOf(body, 'amount');
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), true);
  const customer = scopedCustomer(req, customerId, scope.id);
  // [inferred] A consultative customer has no partner allocation account to reclaim from.
  if (customer.associationType !== '2') throw noAllocationAccount();
  const partners = req.state.partners;
  const transfer = partners.funds.reclaimFromCustomer(scope.id, customer, amount, req.now, () => partners.writes.next('customer-reclaim'));
  return { body: { trans_id: transfer.transId } };
};

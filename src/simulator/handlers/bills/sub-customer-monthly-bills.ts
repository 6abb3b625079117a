/**
 * 4.1 ListSubcustomerMonthlyBills: monthly sums of the partner's resale (reseller-model) customers — the
 * ones consuming partner-allocated funds — one row per customer, service type, resource type, charge mode
 * and E3 bill type. Rows come from the bill store's once-per-cycle scope summary; a request only filters
 * and pages them. `customer_id` is a filter here: a customer outside the scope, or a referral customer,
 * simply has no rows (inferred; the reference lists no error for it).
 */
import { toDecimal } from '../../../bss/money.js';
import { parameterError, type Handler } from '../../handler.js';
import type { PartnerSumRow } from '../../dataset/bill-store.js';
import type { PaymentAccount } from '../../dataset/bills/types.js';
import { pageOf, queryPage, queryString } from '../commerce/params.js';
import { partnerOnly, resellerScope } from '../commerce/scope.js';
import { billingCycle } from './params.js';
import { money, resourceTypeName, serviceTypeName } from './wire.js';

/** E15 account (balance) type of each paying account; debt is not a payment, so it has none. */
const BALANCE_TYPES: readonly (readonly [PaymentAccount, string])[] = [
  ['cash', 'BALANCE_TYPE_DEBIT'],
  ['credit', 'BALANCE_TYPE_CREDIT'],
  ['coupon', 'BALANCE_TYPE_COUPON'],
  ['flexiCoupon', 'BALANCE_TYPE_RCASH_COUPON'],
  ['storedCard', 'BALANCE_TYPE_STORED_VALUE_CARD'],
];

export const listSubcustomerMonthlyBills: Handler = (req) => {
  partnerOnly(req);
  const customerId = queryString(req, 'customer_id', { max: 64 });
  const cycle = billingCycle(req, 'cycle', queryString(req, 'cycle', { required: true, max: 10 })!, 'any');
  const serviceType = queryString(req, 'cloud_service_type', { max: 256 });
  const chargeMode = queryString(req, 'charge_mode', { required: true, max: 4 })!;
  if (!['1', '3', '11'].includes(chargeMode)) throw parameterError('charge_mode', 'must be one of 1, 3, 11');
  const page = queryPage(req, 100);
  const billType = queryString(req, 'bill_type', { max: 1 });
  if (billType !== undefined && !['0', '1', '2'].includes(billType)) throw parameterError('bill_type', 'must be one of 0, 1, 2');
  const scope = resellerScope(req, queryString(req, 'indirect_partner_id', { max: 64 }));

  const rows = req.state.bills
    .scopeCycle(cycle, scope)
    .resaleSums.filter(
      (row) =>
        String(row.chargeMode) === chargeMode &&
        (customerId === undefined || row.customerId === customerId) &&
        (serviceType === undefined || row.serviceTypeCode === serviceType) &&
        (billType === undefined || row.billType === billType),
    );
  return { body: { bill_sums: pageOf(rows, page).map(billSum), count: rows.length, currency: 'CNY' } };
};

const amount = (text: string): unknown => money(toDecimal(text));

function billSum(row: PartnerSumRow): Record<string, unknown> {
  // No X-Language on this endpoint: names come in Huawei's default language.
  const sum: Record<string, unknown> = {
    customer_id: row.customerId,
    cloud_service_type: row.serviceTypeCode,
    cloud_service_type_name: serviceTypeName(row.serviceTypeCode, 'zh_CN'),
    resource_type_code: row.resourceTypeCode,
    resource_type_name: resourceTypeName(row.resourceTypeCode, 'zh_CN'),
    bill_type: row.billType,
    charge_mode: String(row.chargeMode),
    amount: amount(row.amount),
  };
  // Debt, write-off and discount are "absent for write-offs/unsubscriptions".
  if (row.billType === '0') {
    sum.debt_amount = amount(row.paid.debt);
    sum.adjustment_amount = amount('0');
    sum.discount_amount = amount(row.discount);
  }
  sum.measure_id = 1;
  sum.account_details = BALANCE_TYPES.filter(([account]) => !toDecimal(row.paid[account]).isZero()).map(([account, balanceType]) => ({
    balance_type: balanceType,
    amount: amount(row.paid[account]),
    bill_type: row.billType,
  }));
  return sum;
}

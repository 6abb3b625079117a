/**
 * 4.4 ShowCustomerMonthlySum: the caller's own monthly bill, one row per service type, resource type,
 * charging mode and E4 bill type, made by the rounding rule (bill-store.ts) from the same records 4.6 and
 * 4.7 list. The totals add up every row, not just the page. An enterprise-project filter sums only that
 * project's resources.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import type { Handler } from '../../handler.js';
import { monthlySums, type MonthlySum } from '../../dataset/bills/sums.js';
import { PAYMENT_ACCOUNTS, type PaymentAccount } from '../../dataset/bills/types.js';
import type { CustomerRecord } from '../../dataset/world.js';
import { pageOf, queryPage, queryString } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { billingCycle, consumerMethod } from './params.js';
import { ZERO, money, paymentFields, resourceTypeName, serviceTypeName } from './wire.js';

export const showCustomerMonthlySum: Handler = (req) => {
  const customerId = customerCaller(req);
  const cycle = billingCycle(req, 'bill_cycle', queryString(req, 'bill_cycle', { required: true, max: 8 })!, 'any');
  const serviceType = queryString(req, 'service_type_code', { max: 64 });
  const project = queryString(req, 'enterprise_project_id', { max: 64, empty: 'reject' });
  const page = queryPage(req, 1000);
  const method = consumerMethod(queryString(req, 'method', { max: 64 }), queryString(req, 'sub_customer_id', { max: 64 }));

  const bills = req.state.bills;
  const customer = req.state.world.customer(customerId);
  let rows: readonly MonthlySum[] = [];
  if (customer && method === 'self') {
    rows =
      project === undefined
        ? bills.monthlySums(customerId, cycle)
        : monthlySums(bills.lines(customerId, cycle).filter((l) => l.resource.enterpriseProject.id === project));
  }
  if (serviceType !== undefined) rows = rows.filter((row) => row.serviceTypeCode === serviceType);

  const total = (pick: (row: MonthlySum) => Decimal): Decimal => rows.reduce((acc, row) => acc.plus(pick(row)), new Money(0));
  const totals = Object.fromEntries(PAYMENT_ACCOUNTS.map((a) => [a, total((row) => row.paid[a])])) as Record<PaymentAccount, Decimal>;
  return {
    body: {
      total_count: rows.length,
      bill_sums: customer ? pageOf(rows, page).map((row) => billSum(row, cycle, customer)) : [],
      consume_amount: money(total((row) => row.consume)),
      ...paymentFields(totals, money, 'stored_value_card_amount'),
      writeoff_amount: money(ZERO),
      measure_id: 1,
      currency: 'CNY',
    },
  };
};

function billSum(row: MonthlySum, cycle: string, customer: CustomerRecord): Record<string, unknown> {
  // No X-Language on this endpoint: names come in Huawei's default language.
  return {
    bill_cycle: cycle,
    resource_type_code: row.resourceTypeCode,
    resource_type_name: resourceTypeName(row.resourceTypeCode, 'zh_CN'),
    service_type_code: row.serviceTypeCode,
    service_type_name: serviceTypeName(row.serviceTypeCode, 'zh_CN'),
    charging_mode: row.chargeMode,
    official_amount: money(row.official),
    official_discount_amount: money(row.discount),
    truncated_amount: money(row.truncated),
    consume_amount: money(row.consume),
    ...paymentFields(row.paid, money, 'stored_value_card_amount'),
    writeoff_amount: money(ZERO),
    measure_id: 1,
    bill_type: row.billClass,
    customer_id: customer.customerId,
    account_name: customer.accountName,
  };
}

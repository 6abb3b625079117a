/**
 * 4.10 ListCustomerBillsMonthlyBreakDown: the caller's amortised cost of one month. A pay-per-use resource
 * is one row per bill type with that month's usage, its consume amount made by the rounding rule
 * (bill-store.ts rule 2, per resource) and amortised entirely in the month. A yearly/monthly payment is
 * one row in every month its service period touches, with what was amortised before, in and after the
 * month (dataset/bills/amortization.ts). Cost Center keeps 18 months.
 */
import type { Decimal } from 'decimal.js';
import type { Handler } from '../../handler.js';
import { amortize, isSpread } from '../../dataset/bills/amortization.js';
import { cycleEndMs, cycleStartMs } from '../../dataset/bills/calendar.js';
import { groupRecords, perCycle, single, type RecordGroup } from '../../dataset/bills/groups.js';
import { roundPayment } from '../../dataset/bills/sums.js';
import type { BillRecord, Payment } from '../../dataset/bills/types.js';
import { formatUtc } from '../../dataset/world.js';
import { usageTypeOf, type Language } from '../../dataset/reference.js';
import { pageOf, queryInt, queryPage, queryString } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { matches } from './record-query.js';
import { BILL_DETAIL_TYPES, CHARGING_MODES, billingCycle, consumerMethod, languageOf } from './params.js';
import { ZERO, money, quantity, regionName, resourceTypeName, serviceTypeName } from './wire.js';

interface CostRow {
  readonly group: RecordGroup;
  readonly consume: Decimal;
  readonly past: Decimal;
  readonly current: Decimal;
  readonly future: Decimal;
  readonly currentPaid: Payment;
}

export const listCustomerBillsMonthlyBreakDown: Handler = (req) => {
  const customerId = customerCaller(req);
  const month = billingCycle(req, 'shared_month', queryString(req, 'shared_month', { required: true, max: 10 })!, 'last18Months');
  const filter = {
    // "Absent = no filter; empty = filter on empty": every simulated record has both codes.
    serviceTypeCode: queryString(req, 'service_type_code', { max: 64, empty: 'keep' }),
    resourceTypeCode: queryString(req, 'resource_type_code', { max: 64, empty: 'keep' }),
    regionCode: queryString(req, 'region_code', { max: 64 }),
    chargeMode: queryInt(req, 'charging_mode', { allowed: CHARGING_MODES }),
    billType: queryInt(req, 'bill_type', { allowed: BILL_DETAIL_TYPES }),
    resourceId: queryString(req, 'resource_id', { max: 64 }),
    resourceName: queryString(req, 'resource_name', { max: 64 }),
    enterpriseProjectId: queryString(req, 'enterprise_project_id', { max: 64 }),
  };
  const page = queryPage(req, 1000);
  const method = consumerMethod(queryString(req, 'method', { max: 64 }), queryString(req, 'sub_customer_id', { max: 64 }));

  const bills = req.state.bills;
  const customer = req.state.world.customer(customerId);
  const rows: CostRow[] = [];
  if (customer && method === 'self') {
    const startMs = cycleStartMs(month);
    const endMs = cycleEndMs(month);
    for (const record of bills.orderRecordsOf(customer)) {
      const touches = isSpread(record)
        ? record.effectiveTime.getTime() < endMs && record.expireTime.getTime() > startMs
        : record.cycle === month;
      if (!touches || !matches(record, filter)) continue;
      const share = amortize(record, startMs, endMs);
      rows.push({ group: single(record), consume: share.past.plus(share.current).plus(share.future), ...share });
    }
    const usage = bills.records(customerId, month).filter((r) => r.chargeMode === 3 && matches(r, filter));
    for (const group of groupRecords(usage, perCycle)) {
      const { consume, paid } = roundPayment(group.due, group.paid);
      rows.push({ group, consume, past: ZERO, current: consume, future: ZERO, currentPaid: paid });
    }
  }
  const lang = languageOf(req);
  return { body: { currency: 'CNY', total_count: rows.length, details: pageOf(rows, page).map((row) => detail(row, month, lang)) } };
};

function detail(row: CostRow, month: string, lang: Language): Record<string, unknown> {
  const { group } = row;
  const r: BillRecord = group.first;
  const resource = r.resource;
  const type = resource.resourceType;
  const json: Record<string, unknown> = {
    shared_month: month,
    bill_cycle: r.cycle,
    bill_type: r.billType,
    customer_id: r.customer.customerId,
    region_code: resource.regionCode,
    region_name: regionName(resource.regionCode, lang),
    service_type_code: type.serviceTypeCode,
    service_type_name: serviceTypeName(type.serviceTypeCode, lang),
    resource_type_code: type.code,
    resource_type_name: resourceTypeName(type.code, lang),
  };
  if (r.chargeMode === 3) {
    json.effective_time = formatUtc(group.effectiveTime);
    json.expire_time = formatUtc(group.expireTime);
  }
  Object.assign(json, {
    resource_id: resource.resourceId,
    resource_name: resource.resourceName,
    product_spec_desc: resource.product.specDesc,
    enterprise_project_id: resource.enterpriseProject.id,
    enterprise_project_name: resource.enterpriseProject.name,
    charging_mode: r.chargeMode,
  });
  if (r.orderId !== null) json.order_id = r.orderId;
  json.period_type = r.periodType;
  if (group.usage !== null) {
    const unit = usageTypeOf(type).measureId;
    Object.assign(json, {
      usage_type: type.usageType,
      usage: quantity(group.usage),
      usage_measure_id: unit,
      free_resource_usage: quantity(group.freeUsage ?? 0),
      free_resource_measure_id: unit,
    });
  }
  const paid = row.currentPaid;
  Object.assign(json, {
    consume_amount: money(row.consume),
    past_months_amortized_amount: money(row.past),
    current_month_amortized_amount: money(row.current),
    future_months_amortized_amount: money(row.future),
    // Debt is cost paid later from cash, so it counts as cash here (the breakdown has no debt field).
    amortized_cash_amount: money(paid.cash.plus(paid.debt)),
    amortized_credit_amount: money(paid.credit),
    amortized_coupon_amount: money(paid.coupon),
    amortized_flexipurchase_coupon_amount: money(paid.flexiCoupon),
    amortized_stored_value_card_amount: money(paid.storedCard),
    amortized_bonus_amount: money(ZERO),
  });
  return json;
}

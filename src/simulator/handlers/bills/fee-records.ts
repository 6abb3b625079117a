/**
 * 4.5 ListCustomerBillsFeeRecords: the caller's transaction ("flow") records, one per deduction: every
 * detail record is one deduction. The amount due is debited to the fen (rule 3 in bill-store.ts):
 * consume_amount and the payment split are 2-decimal, list price and discount stay raw, and erase_amount
 * is the sub-fen rest, so official = discount + erase + consume holds exactly.
 */
import type { Handler } from '../../handler.js';
import { roundPayment } from '../../dataset/bills/sums.js';
import type { BillRecord } from '../../dataset/bills/types.js';
import { formatUtc } from '../../dataset/world.js';
import type { Language } from '../../dataset/reference.js';
import { pageOf, queryInt, queryPage, queryString } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { isZero, matches } from './record-query.js';
import { BILL_DETAIL_TYPES, CHARGING_MODES, billDates, billingCycle, consumerMethod, languageOf, queryBool } from './params.js';
import { ZERO, money, paymentFields, raw, regionName, resourceTypeName, serviceTypeName } from './wire.js';

/** Payment status of a deduction: 1 paid; 2 not fully settled (part of it is owed). */
const statusOf = (r: BillRecord): 1 | 2 => (r.paid.debt.isZero() ? 1 : 2);

export const listCustomerBillsFeeRecords: Handler = (req) => {
  const customerId = customerCaller(req);
  const cycle = billingCycle(req, 'bill_cycle', queryString(req, 'bill_cycle', { required: true, max: 8 })!, 'any');
  const providerType = queryInt(req, 'provider_type', { allowed: [1, 2] });
  const filter = {
    serviceTypeCode: queryString(req, 'service_type_code', { max: 64 }),
    resourceTypeCode: queryString(req, 'resource_type_code', { max: 64 }),
    regionCode: queryString(req, 'region_code', { max: 64 }),
    chargeMode: queryInt(req, 'charging_mode', { allowed: CHARGING_MODES }),
    billType: queryInt(req, 'bill_type', { allowed: BILL_DETAIL_TYPES }),
    tradeId: queryString(req, 'trade_id', { max: 64 }),
    enterpriseProjectId: queryString(req, 'enterprise_project_id', { max: 64 }),
    dates: billDates(
      cycle, ['bill_date_begin', 'bill_date_end'],
      [queryString(req, 'bill_date_begin', { max: 10 }), queryString(req, 'bill_date_end', { max: 10 })], 'bill_cycle',
    ),
  };
  const includeZero = queryBool(req, 'include_zero_record') ?? false;
  const status = queryInt(req, 'status', { allowed: [1, 2, 3] });
  const method = consumerMethod(queryString(req, 'method', { max: 64 }), queryString(req, 'sub_customer_id', { max: 64 }));
  const page = queryPage(req, 1000);

  // Every simulated product is Huawei Cloud's own (provider 1); KooGallery (2) has none.
  const visible = method === 'self' && providerType !== 2;
  const records = visible
    ? req.state.bills
        .records(customerId, cycle)
        .filter((r) => matches(r, filter) && (includeZero || !isZero(r)) && (status === undefined || statusOf(r) === status))
    : [];
  const lang = languageOf(req);
  return { body: { total_count: records.length, records: pageOf(records, page).map((r) => flowRecord(r, lang)), currency: 'CNY' } };
};

function flowRecord(r: BillRecord, lang: Language): Record<string, unknown> {
  const resource = r.resource;
  const type = resource.resourceType;
  const { consume, paid } = roundPayment(r.due, r.paid);
  return {
    bill_cycle: r.cycle,
    customer_id: r.customer.customerId,
    account_name: r.customer.accountName,
    service_type_code: type.serviceTypeCode,
    service_type_name: serviceTypeName(type.serviceTypeCode, lang),
    resource_type_code: type.code,
    resource_type_name: resourceTypeName(type.code, lang),
    region_code: resource.regionCode,
    region_name: regionName(resource.regionCode, lang),
    enterprise_project_id: resource.enterpriseProject.id,
    enterprise_project_name: resource.enterpriseProject.name,
    charging_mode: r.chargeMode,
    consume_time: formatUtc(r.consumeTime),
    trade_time: formatUtc(r.tradeTime),
    provider_type: 1,
    trade_id: r.tradeId,
    id: r.id,
    bill_type: r.billType,
    status: statusOf(r),
    official_amount: raw(r.official),
    official_discount_amount: raw(r.discount),
    erase_amount: raw(r.due.minus(consume)),
    consume_amount: money(consume),
    ...paymentFields(paid, money, 'stored_value_card_amount'),
    bonus_amount: money(ZERO),
    writeoff_amount: money(ZERO),
  };
}

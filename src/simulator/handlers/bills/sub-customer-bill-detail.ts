/**
 * 4.2 ListSubCustomerBillDetail: one sub-customer's consumption records, raw (8-decimal) amounts, for
 * referral and resale customers alike. Visibility follows the association: without `indirect_partner_id`
 * the distributor sees the periods the customer was its own, with it the periods the customer belonged to
 * that reseller. World customers never change hands, so a reseller's customer read without (or with
 * another reseller's) `indirect_partner_id` has no visible records: an empty page, not an error. A
 * customer the partner does not have at all is CBC.99000035; one it created (CreateSubCustomer) has no records yet.
 */
import { CbcError, parameterError, type Handler } from '../../handler.js';
import type { BillRecord } from '../../dataset/bills/types.js';
import { formatUtc } from '../../dataset/world.js';
import { usageTypeOf, type Language } from '../../dataset/reference.js';
import { pageOf, queryInt, queryPage, queryString } from '../commerce/params.js';
import { partnerOnly, resellerScope } from '../commerce/scope.js';
import { matches } from './record-query.js';
import { BILL_DETAIL_TYPES, CHARGING_MODES, billDates, billingCycle, languageOf } from './params.js';
import { ZERO, paymentFields, productName, quantity, raw, regionName, resourceTypeName, serviceTypeName } from './wire.js';

export const listSubCustomerBillDetail: Handler = (req) => {
  partnerOnly(req);
  const cycle = billingCycle(req, 'bill_cycle', queryString(req, 'bill_cycle', { required: true, max: 7 })!, 'last18Months');
  const customerId = queryString(req, 'customer_id', { required: true, max: 64 })!;
  const filter = {
    serviceTypeCode: queryString(req, 'service_type_code', { max: 64, empty: 'reject' }),
    regionCode: queryString(req, 'region_code', { max: 64, empty: 'reject' }),
    chargeMode: queryInt(req, 'charging_mode', { allowed: CHARGING_MODES }),
    billType: queryInt(req, 'bill_detail_type', { allowed: BILL_DETAIL_TYPES }),
    resourceId: queryString(req, 'resource_id', { max: 64 }),
    resourceName: queryString(req, 'resource_name', { max: 64 }),
    tradeId: queryString(req, 'trade_id', { max: 64 }),
    dates: billDates(
      cycle, ['bill_date_begin', 'bill_date_end'],
      [queryString(req, 'bill_date_begin', { max: 10 }), queryString(req, 'bill_date_end', { max: 10 })], 'bill_cycle',
    ),
  };
  const accountManagerId = queryString(req, 'account_manager_id', { max: 64 });
  const associationType = queryString(req, 'association_type', { max: 1 });
  if (associationType !== undefined && associationType !== '1' && associationType !== '2') {
    throw parameterError('association_type', 'must be one of 1, 2');
  }
  const page = queryPage(req, 1000);
  const scope = resellerScope(req, queryString(req, 'indirect_partner_id', { max: 64 }));

  // The partner's customers include those it created through CreateSubCustomer (the partner store's
  // directory): bound, so answered like any other, with no records yet.
  const customer = req.state.partners.customers.get(customerId);
  if (!customer) throw new CbcError(400, 'CBC.99000035', 'The customer is not a sub-customer of the partner.');
  const visible =
    customer.indirectPartnerId === scope &&
    (associationType === undefined || customer.associationType === associationType) &&
    (accountManagerId === undefined || customer.accountManager === accountManagerId);
  const records = visible ? req.state.bills.records(customerId, cycle).filter((r) => matches(r, filter)) : [];
  const lang = languageOf(req);
  return { body: { total_count: records.length, currency: 'CNY', fee_records: pageOf(records, page).map((r) => feeRecord(r, lang)) } };
};

function feeRecord(r: BillRecord, lang: Language): Record<string, unknown> {
  const resource = r.resource;
  const type = resource.resourceType;
  const json: Record<string, unknown> = {
    bill_cycle: r.cycle,
    customer_id: r.customer.customerId,
    association_type: r.customer.associationType,
    service_type_code: type.serviceTypeCode,
    service_type_name: serviceTypeName(type.serviceTypeCode, lang),
    resource_type_code: type.code,
    resource_type_name: resourceTypeName(type.code, lang),
    charging_mode: r.chargeMode,
    trade_time: formatUtc(r.tradeTime),
    trade_id: r.tradeId,
    id: r.id,
    bill_detail_type: r.billType,
    resource_id: resource.resourceId,
    resource_name: resource.resourceName,
    product_spec_desc: resource.product.specDesc,
    region_code: resource.regionCode,
    region_name: regionName(resource.regionCode, lang),
    product_id: resource.product.productId,
    product_name: productName(resource, lang),
    consume_time: formatUtc(r.consumeTime),
  };
  if (r.usage !== null) {
    const unit = usageTypeOf(type).measureId;
    json.usage_type = type.usageType;
    json.usage_amount = quantity(r.usage);
    json.usage_measure_id = unit;
    json.free_resource_usage = quantity(r.freeUsage ?? 0);
    json.free_resource_measure_id = unit;
  }
  Object.assign(json, {
    official_amount: raw(r.official),
    official_discount_amount: raw(r.discount),
    payment_amount: raw(r.due),
    ...paymentFields(r.paid, raw, 'stored_value_card_amount'),
    writeoff_amount: raw(ZERO),
    period_type: r.periodType,
  });
  if (r.periodNum !== null) json.period_num = quantity(r.periodNum);
  json.account_manager_id = r.customer.accountManager;
  if (r.customer.indirectPartnerId !== null) json.partner_id = r.customer.indirectPartnerId;
  return json;
}

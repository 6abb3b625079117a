/**
 * 4.6 ListCustomerselfResourceRecords: the caller's per-resource consumption ("resource bills"), per
 * detail record (`statistic_type=3`, the default) or added up per resource for the cycle (`1`). List price
 * and discount are raw (8 decimals); `amount` and its payment split are 2-decimal, each row rounded on its
 * own (rule 3 in bill-store.ts). Legacy parameter names (`cycle`, `cloud_service_type`, `region`,
 * `charge_mode` as a string) are this endpoint's own.
 */
import { parameterError, type Handler } from '../../handler.js';
import { roundPayment } from '../../dataset/bills/sums.js';
import { formatUtc } from '../../dataset/world.js';
import { MEASURE_UNIT_BY_ID, usageTypeOf, type Language } from '../../dataset/reference.js';
import { pageOf, queryInt, queryPage, queryString } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { groupRecords, perCycle, single, type RecordGroup } from '../../dataset/bills/groups.js';
import { isZero, matches } from './record-query.js';
import { BILL_DETAIL_TYPES, billDates, billingCycle, consumerMethod, languageOf, queryBool } from './params.js';
import { ZERO, money, paymentFields, productName, quantity, raw, regionName, resourceTypeName, serviceTypeName } from './wire.js';

export const listCustomerselfResourceRecords: Handler = (req) => {
  const customerId = customerCaller(req);
  const cycle = billingCycle(req, 'cycle', queryString(req, 'cycle', { required: true, max: 10 })!, 'any');
  const chargeMode = queryString(req, 'charge_mode', { max: 4, empty: 'reject' });
  if (chargeMode !== undefined && !['1', '3', '10', '11'].includes(chargeMode)) throw parameterError('charge_mode', 'must be one of 1, 3, 10, 11');
  const statisticType = queryInt(req, 'statistic_type', { allowed: [1, 3] }) ?? 3;
  const dates = billDates(
    cycle, ['bill_date_begin', 'bill_date_end'],
    [queryString(req, 'bill_date_begin', { max: 10 }), queryString(req, 'bill_date_end', { max: 10 })], 'cycle',
  );
  const filter = {
    // "Absent = no filter; empty = filter on empty": every simulated record has a service type and region.
    serviceTypeCode: queryString(req, 'cloud_service_type', { max: 64, empty: 'keep' }),
    regionCode: queryString(req, 'region', { max: 64, empty: 'keep' }),
    chargeMode: chargeMode === undefined ? undefined : Number(chargeMode),
    billType: queryInt(req, 'bill_type', { allowed: BILL_DETAIL_TYPES }),
    resourceId: queryString(req, 'resource_id', { max: 64 }),
    enterpriseProjectId: queryString(req, 'enterprise_project_id', { max: 64 }),
    tradeId: queryString(req, 'trade_id', { max: 64 }),
    // Dates are ignored when aggregating per cycle.
    dates: statisticType === 1 ? null : dates,
  };
  const includeZero = queryBool(req, 'include_zero_record') ?? false;
  const method = consumerMethod(queryString(req, 'method', { max: 64 }), queryString(req, 'sub_customer_id', { max: 64 }));
  const page = queryPage(req, 1000);

  const records = method === 'self' ? req.state.bills.records(customerId, cycle).filter((r) => matches(r, filter)) : [];
  const rows = (statisticType === 1 ? groupRecords(records, perCycle) : records.map(single)).filter((g) => includeZero || !isZero(g));
  const lang = languageOf(req);
  const feeRecords = pageOf(rows, page).map((g) => resourceRecord(g, statisticType === 3, lang));
  return { body: { fee_records: feeRecords, total_count: rows.length, currency: 'CNY' } };
};

/** `元/小时`: the unit a pay-per-use unit price is quoted in. */
function priceUnit(measureId: number, lang: Language): string {
  const name = MEASURE_UNIT_BY_ID.get(measureId)?.name[lang] ?? '';
  return `${lang === 'en_US' ? 'CNY' : '元'}/${name}`;
}

function resourceRecord(g: RecordGroup, perRecord: boolean, lang: Language): Record<string, unknown> {
  const r = g.first;
  const resource = r.resource;
  const type = resource.resourceType;
  const product = resource.product;
  const onDemand = r.chargeMode === 3;
  const { consume, paid } = roundPayment(g.due, g.paid);
  const json: Record<string, unknown> = {};
  if (perRecord) json.bill_date = r.billDate;
  Object.assign(json, {
    bill_type: r.billType,
    customer_id: r.customer.customerId,
    account_name: r.customer.accountName,
    region: resource.regionCode,
    region_name: regionName(resource.regionCode, lang),
    cloud_service_type: type.serviceTypeCode,
    cloud_service_type_name: serviceTypeName(type.serviceTypeCode, lang),
    resource_type: type.code,
    resource_type_name: resourceTypeName(type.code, lang),
  });
  if (onDemand) {
    json.effective_time = formatUtc(g.effectiveTime);
    json.expire_time = formatUtc(g.expireTime);
  }
  Object.assign(json, {
    resource_id: resource.resourceId,
    resource_name: resource.resourceName,
    product_id: product.productId,
    product_name: productName(resource, lang),
    product_spec_desc: product.specDesc,
    sku_code: product.specCode,
  });
  if (product.specSize !== null) {
    json.spec_size = quantity(product.specSize);
    json.spec_size_measure_id = product.specSizeMeasureId;
  }
  // A per-cycle row of usage adds up many transactions: no single trade to name.
  if (perRecord || r.orderId !== null) json.trade_id = r.tradeId;
  if (perRecord) {
    json.id = r.id;
    json.trade_time = formatUtc(r.tradeTime);
  }
  Object.assign(json, {
    enterprise_project_id: resource.enterpriseProject.id,
    enterprise_project_name: resource.enterpriseProject.name,
    charge_mode: String(r.chargeMode),
  });
  if (r.orderId !== null) json.order_id = r.orderId;
  if (r.subOrderId !== null) json.relative_order_id = r.subOrderId;
  json.period_type = String(r.periodType);
  if (r.periodNum !== null) json.period_num = quantity(r.periodNum);
  if (onDemand && g.usage !== null) {
    const unit = usageTypeOf(type).measureId;
    Object.assign(json, {
      usage_type: type.usageType,
      usage: quantity(g.usage),
      usage_measure_id: unit,
      free_resource_usage: quantity(g.freeUsage ?? 0),
      free_resource_measure_id: unit,
      unit_price: raw(r.unitPrice ?? ZERO),
      unit: priceUnit(unit, lang),
    });
  }
  Object.assign(json, {
    official_amount: raw(g.official),
    discount_amount: raw(g.discount),
    amount: money(consume),
    ...paymentFields(paid, money, 'stored_card_amount'),
    bonus_amount: money(ZERO),
    adjustment_amount: money(ZERO),
    measure_id: 1,
  });
  if (perRecord) {
    const net = consume.minus(paid.coupon);
    json.formula = `${consume.toFixed(2)} - ${paid.coupon.toFixed(2)} = ${net.toFixed(2)}`;
    json.consume_time = formatUtc(r.consumeTime);
  }
  return json;
}

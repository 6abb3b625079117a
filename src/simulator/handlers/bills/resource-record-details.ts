/**
 * 4.7 ListCustomerselfResourceRecordDetails: the caller's resource detail bills, added up per resource for
 * the cycle (`statistic_type=1`, the default), per resource and day (`2`), or per detail record (`3`).
 * `consume_amount` and its split are 2-decimal per row (rule 3 in bill-store.ts); list price and discount
 * raw. Nothing exists before 2019-01. Note the wire's `resource_Type_code` with a capital T.
 */
import { parameterError, type Handler } from '../../handler.js';
import { roundPayment } from '../../dataset/bills/sums.js';
import { formatUtc } from '../../dataset/world.js';
import type { Language } from '../../dataset/reference.js';
import { bodyInt, bodyObject, bodyString, pageOf } from '../commerce/params.js';
import { customerCaller } from '../commerce/scope.js';
import { groupRecords, perCycle, perDay, single, type RecordGroup } from '../../dataset/bills/groups.js';
import { isZero, matches } from './record-query.js';
import { BILL_DETAIL_TYPES, CHARGING_MODES, billDates, billingCycle, bodyBool, consumerMethod, languageOf } from './params.js';
import { ZERO, money, paymentFields, quantity, raw, regionName, resourceTypeName, serviceTypeName } from './wire.js';

export const listCustomerselfResourceRecordDetails: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const cycle = billingCycle(req, 'cycle', bodyString(body, 'cycle', { required: true, max: 8, empty: 'reject' })!, 'since2019');
  const statisticType = bodyInt(body, 'statistic_type', { allowed: [1, 2, 3] }) ?? 1;
  const queryType = bodyString(body, 'query_type', { max: 16 }) ?? 'BILLCYCLE';
  if (queryType !== 'BILLCYCLE' && queryType !== 'DAILY') throw parameterError('query_type', 'must be one of BILLCYCLE, DAILY');
  let dates = null;
  if (queryType === 'DAILY') {
    if (statisticType === 1) throw parameterError('query_type', 'DAILY requires statistic_type 2 or 3');
    const begin = bodyString(body, 'bill_cycle_begin', { max: 10 });
    const end = bodyString(body, 'bill_cycle_end', { max: 10 });
    if (begin === undefined) throw parameterError('bill_cycle_begin', 'is required when query_type is DAILY');
    if (end === undefined) throw parameterError('bill_cycle_end', 'is required when query_type is DAILY');
    dates = billDates(cycle, ['bill_cycle_begin', 'bill_cycle_end'], [begin, end], 'cycle');
  }
  const filter = {
    serviceTypeCode: bodyString(body, 'cloud_service_type', { max: 64 }),
    resourceTypeCode: bodyString(body, 'resource_type', { max: 64 }),
    regionCode: bodyString(body, 'region', { max: 64 }),
    resourceId: bodyString(body, 'res_instance_id', { max: 64 }),
    chargeMode: bodyInt(body, 'charge_mode', { allowed: CHARGING_MODES }),
    billType: bodyInt(body, 'bill_type', { allowed: BILL_DETAIL_TYPES }),
    enterpriseProjectId: bodyString(body, 'enterprise_project_id', { max: 64 }),
    dates,
  };
  const includeZero = bodyBool(body, 'include_zero_record') ?? false;
  const page = {
    offset: bodyInt(body, 'offset', { min: 0, max: 2_147_483_647 }) ?? 0,
    limit: bodyInt(body, 'limit', { min: 1, max: 1000 }) ?? 10,
  };
  const method = consumerMethod(bodyString(body, 'method', { max: 64 }), bodyString(body, 'sub_customer_id', { max: 64 }));
  // Only the caller's own account pays in the simulated world (no enterprise sub-accounts).
  const payer = bodyString(body, 'payer_account_id', { max: 64 });

  const records =
    method === 'self' && (payer === undefined || payer === customerId)
      ? req.state.bills.records(customerId, cycle).filter((r) => matches(r, filter))
      : [];
  const groups = statisticType === 3 ? records.map(single) : groupRecords(records, statisticType === 2 ? perDay : perCycle);
  const rows = groups.filter((g) => includeZero || !isZero(g));
  const lang = languageOf(req);
  return {
    body: { monthly_records: pageOf(rows, page).map((g) => detailRecord(g, statisticType, lang)), total_count: rows.length, currency: 'CNY' },
  };
};

function detailRecord(g: RecordGroup, statisticType: number, lang: Language): Record<string, unknown> {
  const r = g.first;
  const resource = r.resource;
  const type = resource.resourceType;
  const perRecord = statisticType === 3;
  const { consume, paid } = roundPayment(g.due, g.paid);
  const json: Record<string, unknown> = {
    cycle: r.cycle,
    bill_date: statisticType === 2 ? r.billDate : null,
    bill_type: r.billType,
    customer_id: r.customer.customerId,
    account_name: r.customer.accountName,
    region: resource.regionCode,
    region_name: regionName(resource.regionCode, lang),
    cloud_service_type: type.serviceTypeCode,
    cloud_service_type_name: serviceTypeName(type.serviceTypeCode, lang),
    resource_Type_code: type.code,
    resource_type_name: resourceTypeName(type.code, lang),
    res_instance_id: resource.resourceId,
    resource_name: resource.resourceName,
    sku_code: resource.product.specCode,
    enterprise_project_id: resource.enterpriseProject.id,
    enterprise_project_name: resource.enterpriseProject.name,
    charge_mode: r.chargeMode,
    consume_amount: money(consume),
    ...paymentFields(paid, money, 'stored_card_amount'),
    bonus_amount: money(ZERO),
    adjustment_amount: money(ZERO),
    official_amount: raw(g.official),
    discount_amount: raw(g.discount),
    measure_id: 1,
    period_type: r.periodType,
  };
  if (r.periodNum !== null) json.period_num = quantity(r.periodNum);
  if (resource.parentResourceId !== null) {
    // Huawei keeps at most two levels: a VM's disk has the VM as both parent and root.
    json.root_resource_id = resource.parentResourceId;
    json.parent_resource_id = resource.parentResourceId;
  }
  if (perRecord || r.orderId !== null) json.trade_id = r.tradeId;
  if (perRecord) json.id = r.id;
  json.product_spec_desc = resource.product.specDesc;
  json.az_code_infos = [{ az_code: resource.availabilityZone }];
  json.payer_account_id = r.customer.customerId;
  if (perRecord) {
    json.effective_time = formatUtc(g.effectiveTime);
    json.expire_time = formatUtc(g.expireTime);
    json.consume_time = formatUtc(r.consumeTime);
  }
  json.extend_params = {
    self_resource_id: resource.resourceId,
    relation_infos:
      resource.parentResourceId === null
        ? []
        : [
            { relative_resource_id: resource.parentResourceId, relative_type: 'PARENT' },
            { relative_resource_id: resource.parentResourceId, relative_type: 'ROOT' },
          ],
  };
  return json;
}

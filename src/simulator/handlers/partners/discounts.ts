/**
 * RETIRED (bss-api-partners.md §2.14): `/v2/partners/discounts`, removed from the SDK in 0.0.83. Served
 * from the last SDK's shape so old clients find something; the gateway does not call them.
 */
import { parameterError, type Handler } from '../../handler.js';
import { Money } from '../../../bss/money.js';
import { errorDetail, notSubCustomer } from '../../dataset/partners/errors.js';
import { utc } from '../../dataset/partners/time.js';
import { num } from './render.js';
import { resolveScope } from './scope.js';
import { bodyOf, filterString, objectList, optTime, queryFilter, queryRequired, reqString, type Json } from './validate.js';

/** BatchSetSubCustomerDiscount: ≤ 10 unified discounts, 0.8–1; 1 deletes. Foreign customers fail per item. */
export const batchSetSubCustomerDiscount: Handler = (req) => {
  const body = bodyOf(req);
  const items = objectList(body, 'sub_customer_discounts', { max: 10 });
  const parsed = items.map((item, i) => {
    const field = (name: string): string => `sub_customer_discounts[${i}].${name}`;
    const customerId = reqString(item, 'customer_id', { max: 64 }, field('customer_id'));
    const raw = item['discount'];
    if (raw === undefined || raw === null || raw === '') throw parameterError(field('discount'), 'is required');
    if ((typeof raw !== 'number' && typeof raw !== 'string') || !/^\d+(\.\d+)?$/.test(String(raw))) throw parameterError(field('discount'), 'must be a number');
    const discount = new Money(String(raw));
    if (discount.lt('0.8') || discount.gt(1)) throw parameterError(field('discount'), 'must be between 0.8 and 1');
    if (discount.decimalPlaces() > 2) throw parameterError(field('discount'), 'must have at most 2 decimal places');
    const effective = optTime(item, 'effective_time', false);
    const expire = optTime(item, 'expire_time', false);
    // The validity period is needed unless the discount is being removed.
    if (!discount.eq(1) && (!effective || !expire)) throw parameterError(field(effective ? 'expire_time' : 'effective_time'), 'is required unless discount is 1');
    if (effective && expire && expire <= effective) throw parameterError(field('expire_time'), 'must be later than effective_time');
    return { customerId, discount, effective, expire };
  });
  const scope = resolveScope(req, filterString(body, 'indirect_partner_id', { max: 64 }), true);
  const { customers, discounts, writes } = req.state.partners;
  const errorDetails: Json[] = [];
  for (const item of parsed) {
    const customer = customers.get(item.customerId);
    if (!customer || customer.indirectPartnerId !== scope.id || customer.associationType !== '2') {
      errorDetails.push(errorDetail(notSubCustomer(), item.customerId));
      continue;
    }
    discounts.set(item.customerId, item.discount, item.effective ? utc(item.effective) : null, item.expire ? utc(item.expire) : null, writes.next('discount'));
  }
  return { body: { error_details: errorDetails } };
};

/** ListSubCustomerDiscounts: one customer's unified discount, or null. */
export const listSubCustomerDiscounts: Handler = (req) => {
  const customerId = queryRequired(req, 'customer_id', { max: 64 });
  const scope = resolveScope(req, queryFilter(req, 'indirect_partner_id', { max: 64 }), true);
  const customer = req.state.partners.customers.get(customerId);
  if (!customer || customer.indirectPartnerId !== scope.id) throw notSubCustomer();
  const d = req.state.partners.discounts.get(customerId);
  return {
    body: {
      sub_customer_discount: d ? { discount_id: d.discountId, discount: num(d.discount), effective_time: d.effectiveTime ?? '', expire_time: d.expireTime ?? '' } : null,
    },
  };
};

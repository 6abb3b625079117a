/**
 * 4.3 ListConsumeSubCustomers: the sub-customers that consumed in a cycle, the driver list for 4.2. The
 * body has no `indirect_partner_id`, so this is the distributor's own scope, referral and resale customers
 * alike (a reseller's customers are read through 4.2 with `indirect_partner_id`). "Consumed" = has any
 * consumption record in the cycle. The list comes from the bill store's once-per-cycle scope summary.
 */
import { parameterError, type Handler } from '../../handler.js';
import { bodyInt, bodyObject, bodyString, pageOf } from '../commerce/params.js';
import { partnerOnly } from '../commerce/scope.js';
import { billingCycle } from './params.js';

export const listConsumeSubCustomers: Handler = (req) => {
  partnerOnly(req);
  const body = bodyObject(req, true);
  const text = bodyString(body, 'bill_cycle', { required: true, max: 10, empty: 'reject' });
  if (text === undefined) throw parameterError('bill_cycle', 'is required');
  const cycle = billingCycle(req, 'bill_cycle', text, 'any');
  const page = {
    offset: bodyInt(body, 'offset', { min: 0, max: 2_147_483_646 }) ?? 0,
    limit: bodyInt(body, 'limit', { min: 1, max: 100 }) ?? 10,
  };
  const consumers = req.state.bills.scopeCycle(cycle, null).consumers;
  return { body: { sub_customers: pageOf(consumers, page).map((customerId) => ({ customer_id: customerId })), total_count: consumers.length } };
};

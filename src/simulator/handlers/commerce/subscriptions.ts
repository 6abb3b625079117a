/**
 * Subscription writes on yearly/monthly resources, customer credentials only (§3.3–3.8). Batch writes
 * answer 200 with per-resource failures next to what succeeded.
 */
import { Money } from '../../../bss/money.js';
import { CbcError, parameterError, type Handler } from '../../handler.js';
import type { ResourceFailure } from '../../dataset/commerce/resource-writes.js';
import { bodyIdList, bodyInt, bodyObject, bodyString } from './params.js';
import { debitBalance } from './payment.js';
import { customerCaller } from './scope.js';

const failInfo = (f: ResourceFailure) => ({ error_code: f.code, error_msg: f.message, resource_id: f.resourceId });

function resourceIdPath(path: Readonly<Record<string, string>>): string {
  const id = path['resource_id'] ?? '';
  if (id === '') throw parameterError('resource_id', 'is required');
  if (id.length > 64) throw parameterError('resource_id', 'must be at most 64 characters');
  return id;
}

export const renewalResources: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const resourceIds = bodyIdList(body, 'resource_ids', { required: true, min: 1, max: 10 })!;
  const periodType = bodyInt(body, 'period_type', { required: true, allowed: [2, 3] }) as 2 | 3;
  const periodNum = bodyInt(body, 'period_num', { required: true })!;
  if (periodType === 2 && (periodNum < 1 || periodNum > 11)) throw parameterError('period_num', 'must be between 1 and 11 months');
  if (periodType === 3 && (periodNum < 1 || periodNum > 3)) throw parameterError('period_num', 'must be between 1 and 3 years');
  const autoPay = bodyInt(body, 'is_auto_pay', { allowed: [0, 1] }) ?? 0;

  const store = req.state.commerce;
  const { orders, failures } = store.renew(customerId, { resourceIds, periodType, periodNum }, req.now);
  if (autoPay === 1) {
    for (const order of orders) {
      // Automatic payment takes the partner-granted discount when there is one, and no coupons. Short of
      // balance, the renewal order stays pending payment (to be paid with PayOrders), as on the console.
      const partnerDiscount = store.discountOffers(customerId, order).find((d) => d.discountType === 3);
      const payment = store.preparePayment(customerId, {
        orderId: order.orderId, coupons: [], discount: partnerDiscount ? { id: partnerDiscount.discountId, type: 3 } : null,
      }, req.now);
      try {
        debitBalance(req, customerId, payment.amountDue, order.orderId);
      } catch (error) {
        if (error instanceof CbcError && error.code === 'CBC.99005003') continue;
        throw error;
      }
      payment.commit();
    }
  }
  const json: Record<string, unknown> = { order_ids: orders.map((o) => o.orderId) };
  if (failures.length > 0) json['fail_resource_infos'] = failures.map(failInfo);
  return { body: json };
};

export const cancelResourcesSubscription: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const resourceIds = bodyIdList(body, 'resource_ids', { required: true, min: 1, max: 10 })!;
  const type = bodyInt(body, 'unsubscribe_type', { required: true, allowed: [1, 2] }) as 1 | 2;
  bodyInt(body, 'unsubscribe_reason_type', { allowed: [1, 2, 3, 4, 5] });
  bodyString(body, 'unsubscribe_reason', { max: 1000 });

  const { orders, failures } = req.state.commerce.unsubscribe(customerId, resourceIds, type, req.now);
  // The net refund of each unsubscription order (its lines are negative: refunded minus used) goes back to
  // the customer's balance, so balances and the ledger show it at once.
  for (const order of orders) {
    const refund = order.lines.reduce((sum, line) => sum.plus(line.amounts.afterDiscount), new Money(0)).negated();
    if (refund.gt(0)) req.state.partners.creditCustomerRefund(customerId, refund, order.orderId, req.now);
  }
  const json: Record<string, unknown> = { order_ids: orders.map((o) => o.orderId) };
  // Documented as reserved: present only when something failed.
  if (failures.length > 0) json['fail_resource_infos'] = failures.map(failInfo);
  return { body: json };
};

export const updatePeriodToOnDemand: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const operation = bodyString(body, 'operation', { required: true });
  if (operation !== 'SET_UP' && operation !== 'CANCEL') throw parameterError('operation', 'must be SET_UP or CANCEL');
  const resourceIds = bodyIdList(body, 'resource_ids', { required: true, min: 1, max: 100 })!;
  const failures = req.state.commerce.setToOnDemand(customerId, operation, resourceIds, req.now);
  return { body: { error_details: failures.map((f) => ({ error_code: f.code, error_msg: f.message, id: f.resourceId })) } };
};

const CONFIG_VALUES: Readonly<Record<string, readonly string[]>> = {
  DEDUCTION_DATE: ['2', '3', '4', '5', '6', '7'],
  EXPIRE_DATE: ['-1', ...Array.from({ length: 28 }, (_, i) => String(i + 1))],
};

export const setResourcesRenewConfig: Handler = (req) => {
  const customerId = customerCaller(req);
  const body = bodyObject(req, true);
  const name = bodyString(body, 'config_name', { required: true })!;
  const allowed = CONFIG_VALUES[name];
  if (!allowed) throw parameterError('config_name', 'must be DEDUCTION_DATE or EXPIRE_DATE');
  const value = bodyString(body, 'config_value', { required: true })!;
  if (!allowed.includes(value)) {
    throw parameterError('config_value', name === 'DEDUCTION_DATE' ? 'must be 2 to 7' : 'must be 1 to 28 or -1');
  }
  req.state.commerce.setRenewConfig(customerId, name, value);
  // The body carries a result code even on success, as this response model does.
  return { body: { error_code: 'CBC.0000', error_msg: 'success' } };
};

export const autoRenewalResources: Handler = (req) => {
  const customerId = customerCaller(req);
  const resourceId = resourceIdPath(req.pathParams);
  const times = bodyInt(bodyObject(req, false), 'auto_renew_times', { min: 0, max: 99 });
  req.state.commerce.enableAutoRenew(customerId, resourceId, times, req.now);
  return { status: 204 };
};

export const cancelAutoRenewalResources: Handler = (req) => {
  const customerId = customerCaller(req);
  req.state.commerce.disableAutoRenew(customerId, resourceIdPath(req.pathParams), req.now);
  return { status: 204 };
};

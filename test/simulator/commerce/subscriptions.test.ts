 
import { describe, expect, it } from 'vitest';
import {
  AutoRenewalResources, CancelAutoRenewalResources, CancelCustomerOrder, CancelResourcesSubscription, ListCustomerOrders,
  ListPayPerUseCustomerResources, PayOrders, RenewalResources, SetResourcesRenewConfig, ShowCustomerOrderDetails,
  ShowRefundOrderDetails, UpdatePeriodToOnDemand,
} from '../../../src/bss/operations/commerce/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { TEST_NOW, testState } from '../../support/sim-request.js';
import { asCustomer, badParameter, call, customerAt } from './support.js';

/** A customer's active main subscription of a resource type. */
function activeMain(state: SimState, customer: CustomerRecord, typeCode: string) {
  return state.commerce.resourcesOf(customer.customerId).find((r) =>
    r.chargeMode === 1 && r.provisioned && !r.parentResourceId && !r.closedAt && r.resourceType.code === typeCode && r.expireAt! > TEST_NOW)!;
}

async function listed(state: SimState, customer: CustomerRecord, resourceIds: string[]) {
  const res = await asCustomer(state, customer, ListPayPerUseCustomerResources, { body: { resource_ids: resourceIds } });
  return res.body.data.map((r: any) => [r.resource_id, r.status, r.expire_time, r.expire_policy]);
}

const cashOf = (state: SimState, customer: CustomerRecord) => state.partners.funds.customerAccount(customer).cash;

describe('RenewalResources', () => {
  it('renews and pays automatically: a completed renewal order, the expiry moved, the balance debited', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const zone = activeMain(state, c12, 'hws.resource.type.dns.zone');
    expect(zone.expireAt!.toISOString()).toBe('2027-04-07T16:16:02.817Z');
    const before = cashOf(state, c12);
    const ordersBefore = state.commerce.ordersOf(c12.customerId).length;

    const res = await asCustomer(state, c12, RenewalResources, { body: { resource_ids: [zone.resourceId], period_type: 2, period_num: 2, is_auto_pay: 1 } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['order_ids']);
    const [orderId] = res.body.order_ids;
    const order = (await asCustomer(state, c12, ShowCustomerOrderDetails, { pathParams: { order_id: orderId } })).body;
    expect(order.order_info).toMatchObject({ order_type: 2, status: 5, source_type: 1, official_amount: '16.00', amount_after_discount: '16.00', payment_time: '2026-11-15T04:00:00Z' });
    expect(order.order_line_items.map((l: any) => [l.period_type, l.period_num, l.effective_time, l.expire_time])).toEqual([[2, 2, '2027-04-07T16:16:02Z', '2027-06-07T16:16:02Z']]);
    expect(await listed(state, c12, [zone.resourceId])).toEqual([[zone.resourceId, 2, '2027-06-07T16:16:02Z', 0]]);
    expect(before.minus(cashOf(state, c12)).toFixed(2)).toBe('16.00');
    expect((await asCustomer(state, c12, ListCustomerOrders)).body.total_count).toBe(ordersBefore + 1);
    expect(state.commerce.order(orderId)).toMatchObject({ orderType: 2, status: 5, resourceIds: [zone.resourceId] });
  });

  it('leaves the renewal pending without auto-pay: a combined order per group, expiry moved only once paid', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const vm = activeMain(state, c12, 'hws.resource.type.vm');
    const res = await asCustomer(state, c12, RenewalResources, { body: { resource_ids: [vm.resourceId], period_type: 3, period_num: 1 } });
    const [orderId] = res.body.order_ids;
    const details = (await asCustomer(state, c12, ShowCustomerOrderDetails, { pathParams: { order_id: orderId } })).body;
    // 12 × (288 + 35 + 20) list price, two months off for a year: 3430.00.
    expect(details.order_info).toMatchObject({ status: 6, order_type: 2, official_amount: '4116.00', amount_after_discount: '3430.00' });
    expect(details.order_info.sub_order_infos.map((s: any) => [s.service_type_code, s.amount_after_discount])).toEqual([
      ['hws.service.type.ec2', '2880.00'], ['hws.service.type.ebs', '350.00'], ['hws.service.type.vpc', '200.00'],
    ]);
    expect((await listed(state, c12, [vm.resourceId])).map((r: any[]) => r[2])).toEqual(['2027-08-01T12:05:31Z', '2027-08-01T12:05:31Z', '2027-08-01T12:05:31Z']);
    // A second renewal while this one is unpaid fails for that resource only.
    const volume = activeMain(state, c12, 'hws.resource.type.volume');
    const again = await asCustomer(state, c12, RenewalResources, { body: { resource_ids: [vm.resourceId, volume.resourceId], period_type: 2, period_num: 1 } });
    expect(again.body.fail_resource_infos).toEqual([{ error_code: 'CBC.30050010', error_msg: 'The resource is in an unpaid order.', resource_id: vm.resourceId }]);
    expect(again.body.order_ids).toHaveLength(1);
    // Paying the volume's renewal moves its expiry from the old one.
    const before = cashOf(state, c12);
    expect((await asCustomer(state, c12, PayOrders, { body: { order_id: again.body.order_ids[0], use_coupon: 'NO', use_discount: 'NO' } })).status).toBe(204);
    expect(await listed(state, c12, [volume.resourceId])).toEqual([[volume.resourceId, 2, '2027-02-03T03:18:03Z', 0]]);
    expect(before.minus(cashOf(state, c12)).toFixed(2)).toBe('35.00');
    // The pending group renewal can still be cancelled.
    expect((await asCustomer(state, c12, CancelCustomerOrder, { body: { order_id: orderId } })).status).toBe(204);
  });

  it('keeps an auto-paid renewal pending when the balance falls short', async () => {
    const state = testState();
    const c6 = customerAt(state, 6);
    const bandwidth = activeMain(state, c6, 'hws.resource.type.bandwidth');
    expect(cashOf(state, c6).lt(1035)).toBe(true);
    const res = await asCustomer(state, c6, RenewalResources, { body: { resource_ids: [bandwidth.resourceId], period_type: 3, period_num: 1, is_auto_pay: 1 } });
    expect(state.commerce.order(res.body.order_ids[0])).toMatchObject({ status: 6, orderType: 2 });
    expect(await listed(state, c6, [bandwidth.resourceId])).toEqual([[bandwidth.resourceId, 2, '2027-10-08T00:16:38Z', 0]]);
  });

  it('reports per-resource failures and rejects duplicates and bad periods', async () => {
    const state = testState();
    const c6 = customerAt(state, 6);
    const res = await asCustomer(state, c6, RenewalResources, {
      body: { resource_ids: ['unknown', '971a7ea6-dcff-4470-a824-d288a8067714', 'bd19368b-5bc0-4e23-9329-ba2c6cbfc0df'], period_type: 2, period_num: 1 },
    });
    expect(res).toEqual({
      status: 200,
      body: {
        order_ids: [],
        fail_resource_infos: [
          { error_code: 'CBC.99003012', error_msg: 'The resource does not exist.', resource_id: 'unknown' },
          { error_code: 'CBC.30050007', error_msg: 'The resource is not a main resource.', resource_id: '971a7ea6-dcff-4470-a824-d288a8067714' },
          { error_code: 'CBC.30050009', error_msg: 'The resource has been deleted.', resource_id: 'bd19368b-5bc0-4e23-9329-ba2c6cbfc0df' },
        ],
      },
    });
    expect(await asCustomer(state, c6, RenewalResources, { body: { resource_ids: ['a', 'a'], period_type: 2, period_num: 1 } })).toEqual({
      status: 400, body: { error_code: 'CBC.30050012', error_msg: 'Duplicate resource IDs.' },
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ resource_ids: [], period_type: 2, period_num: 1 }, 'Parameter error: resource_ids must have 1 to 10 items.'],
      [{ resource_ids: Array.from({ length: 11 }, (_, i) => `r${i}`), period_type: 2, period_num: 1 }, 'Parameter error: resource_ids must have 1 to 10 items.'],
      [{ period_type: 2, period_num: 1 }, 'Parameter error: resource_ids is required.'],
      [{ resource_ids: ['a'], period_type: 1, period_num: 1 }, 'Parameter error: period_type must be one of 2, 3.'],
      [{ resource_ids: ['a'], period_type: 2 }, 'Parameter error: period_num is required.'],
      [{ resource_ids: ['a'], period_type: 2, period_num: 12 }, 'Parameter error: period_num must be between 1 and 11 months.'],
      [{ resource_ids: ['a'], period_type: 3, period_num: 4 }, 'Parameter error: period_num must be between 1 and 3 years.'],
      [{ resource_ids: ['a'], period_type: 2, period_num: 1, is_auto_pay: 2 }, 'Parameter error: is_auto_pay must be one of 0, 1.'],
    ];
    for (const [body, message] of cases) expect(await asCustomer(state, c6, RenewalResources, { body })).toEqual(badParameter(message));
    expect((await call(state, RenewalResources, { body: { resource_ids: ['a'], period_type: 2, period_num: 1 } })).body.error_code).toBe('CBC.0151');
  });
});

describe('CancelResourcesSubscription', () => {
  it('unsubscribes a resource: an unsubscription order with its refund sources, the resource closed', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const zone = activeMain(state, c12, 'hws.resource.type.dns.zone');
    const res = await asCustomer(state, c12, CancelResourcesSubscription, { body: { resource_ids: [zone.resourceId], unsubscribe_type: 1, unsubscribe_reason_type: 5, unsubscribe_reason: 'moving' } });
    expect(Object.keys(res.body)).toEqual(['order_ids']);
    const [orderId] = res.body.order_ids;
    const order = state.commerce.order(orderId)!;
    expect([order.orderType, order.status, order.createdAt]).toEqual([4, 5, TEST_NOW]);
    const refunds = (await asCustomer(state, c12, ShowRefundOrderDetails, { query: { order_id: orderId } })).body;
    // The running period (48.00 for six months from 2026-10-07) is reversed and its used part charged back.
    // 48.00 × 38.49 days used / 182 days = 10.15.
    expect(refunds.refund_infos.map((f: any) => f.amount)).toEqual(['-48.00', '10.15']);
    expect(refunds.refund_infos.every((f: any) => f.resource_type_code === 'hws.resource.type.dns.zone' && f.measure_id === '1')).toBe(true);
    expect([order.officialAmount.toFixed(2), order.amountAfterDiscount.toFixed(2)]).toEqual(['-37.85', '-37.85']);
    expect((await asCustomer(state, c12, ShowCustomerOrderDetails, { pathParams: { order_id: orderId } })).body.order_info.amount_info.consumed_amount).toBe('10.15');
    expect(await listed(state, c12, [zone.resourceId])).toEqual([[zone.resourceId, 3, '2026-11-15T04:00:00Z', 0]]);
    // Gone: a second unsubscription fails for it.
    expect((await asCustomer(state, c12, CancelResourcesSubscription, { body: { resource_ids: [zone.resourceId], unsubscribe_type: 1 } })).body.fail_resource_infos)
      .toEqual([{ error_code: 'CBC.30050009', error_msg: 'The resource has been deleted.', resource_id: zone.resourceId }]);
  });

  it('drops only renewed periods with type 2, and fails when there are none', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const zone = activeMain(state, c12, 'hws.resource.type.dns.zone');
    expect((await asCustomer(state, c12, CancelResourcesSubscription, { body: { resource_ids: [zone.resourceId], unsubscribe_type: 2 } })).body).toEqual({
      order_ids: [],
      fail_resource_infos: [{ error_code: 'CBC.99003185', error_msg: 'The resource has no renewed period that has not started.', resource_id: zone.resourceId }],
    });
    const renewal = await asCustomer(state, c12, RenewalResources, { body: { resource_ids: [zone.resourceId], period_type: 2, period_num: 2, is_auto_pay: 1 } });
    const res = await asCustomer(state, c12, CancelResourcesSubscription, { body: { resource_ids: [zone.resourceId], unsubscribe_type: 2 } });
    const refunds = (await asCustomer(state, c12, ShowRefundOrderDetails, { query: { order_id: res.body.order_ids[0] } })).body.refund_infos;
    expect(refunds.map((f: any) => [f.amount, f.base_order_id])).toEqual([['-16.00', renewal.body.order_ids[0]]]);
    expect(await listed(state, c12, [zone.resourceId])).toEqual([[zone.resourceId, 2, '2027-04-07T16:16:02Z', 0]]);
  });

  it('validates its body', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const cases: [Record<string, unknown>, string][] = [
      [{ resource_ids: ['a'] }, 'Parameter error: unsubscribe_type is required.'],
      [{ resource_ids: ['a'], unsubscribe_type: 3 }, 'Parameter error: unsubscribe_type must be one of 1, 2.'],
      [{ resource_ids: ['a'], unsubscribe_type: 1, unsubscribe_reason_type: 6 }, 'Parameter error: unsubscribe_reason_type must be one of 1, 2, 3, 4, 5.'],
      [{ resource_ids: [], unsubscribe_type: 1 }, 'Parameter error: resource_ids must have 1 to 10 items.'],
    ];
    for (const [body, message] of cases) expect(await asCustomer(state, c12, CancelResourcesSubscription, { body })).toEqual(badParameter(message));
  });
});

describe('UpdatePeriodToOnDemand', () => {
  it('sets and cancels conversion to pay-per-use on expiry (expire_policy 1), reporting failures per item', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const volume = activeMain(state, c12, 'hws.resource.type.volume');
    const set = await asCustomer(state, c12, UpdatePeriodToOnDemand, { body: { operation: 'SET_UP', resource_ids: [volume.resourceId, 'unknown'] } });
    expect(set).toEqual({ status: 200, body: { error_details: [{ error_code: 'CBC.99003012', error_msg: 'The resource does not exist.', id: 'unknown' }] } });
    expect((await listed(state, c12, [volume.resourceId]))[0][3]).toBe(1);
    expect((await asCustomer(state, c12, UpdatePeriodToOnDemand, { body: { operation: 'CANCEL', resource_ids: [volume.resourceId] } })).body).toEqual({ error_details: [] });
    expect((await listed(state, c12, [volume.resourceId]))[0][3]).toBe(0);
    expect((await asCustomer(state, c12, UpdatePeriodToOnDemand, { body: { operation: 'CANCEL', resource_ids: [volume.resourceId] } })).body.error_details).toEqual([
      { error_code: 'CBC.0100', error_msg: 'Parameter error: resource_ids the resource is not set to convert to pay-per-use.', id: volume.resourceId },
    ]);
    expect(await asCustomer(state, c12, UpdatePeriodToOnDemand, { body: { operation: 'NOW', resource_ids: ['a'] } })).toEqual(badParameter('Parameter error: operation must be SET_UP or CANCEL.'));
    expect(await asCustomer(state, c12, UpdatePeriodToOnDemand, { body: { operation: 'SET_UP' } })).toEqual(badParameter('Parameter error: resource_ids is required.'));
    expect(await asCustomer(state, c12, UpdatePeriodToOnDemand, { body: { operation: 'SET_UP', resource_ids: Array.from({ length: 101 }, (_, i) => `r${i}`) } }))
      .toEqual(badParameter('Parameter error: resource_ids must have 1 to 100 items.'));
  });
});

describe('SetResourcesRenewConfig', () => {
  it('stores the account renewal settings and checks their ranges', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    expect(await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'EXPIRE_DATE', config_value: '-1' } })).toEqual({
      status: 200, body: { error_code: 'CBC.0000', error_msg: 'success' },
    });
    expect((await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'DEDUCTION_DATE', config_value: '7' } })).status).toBe(200);
    expect([...state.commerce.book(c12.customerId)!.renewConfig]).toEqual([['EXPIRE_DATE', '-1'], ['DEDUCTION_DATE', '7']]);
    expect(await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'DEDUCTION_DATE', config_value: '8' } })).toEqual(badParameter('Parameter error: config_value must be 2 to 7.'));
    expect(await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'EXPIRE_DATE', config_value: '29' } })).toEqual(badParameter('Parameter error: config_value must be 1 to 28 or -1.'));
    expect(await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'RENEW_DAY', config_value: '1' } })).toEqual(badParameter('Parameter error: config_name must be DEDUCTION_DATE or EXPIRE_DATE.'));
    expect(await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'EXPIRE_DATE' } })).toEqual(badParameter('Parameter error: config_value is required.'));
    expect(await asCustomer(state, c12, SetResourcesRenewConfig, { body: { config_name: 'EXPIRE_DATE', config_value: 5 } })).toEqual(badParameter('Parameter error: config_value must be a string.'));
  });
});

describe('AutoRenewalResources / CancelAutoRenewalResources', () => {
  it('turns auto-renew on and off (expire_policy 3), for a main resource and its attached ones', async () => {
    const state = testState();
    const c12 = customerAt(state, 12);
    const volume = activeMain(state, c12, 'hws.resource.type.volume');
    expect(await asCustomer(state, c12, AutoRenewalResources, { pathParams: { resource_id: volume.resourceId }, body: { auto_renew_times: 5 } })).toEqual({ status: 204, body: undefined });
    expect((await listed(state, c12, [volume.resourceId]))[0][3]).toBe(3);
    expect(volume.autoRenewTimes).toBe(5);
    // Without a count the count stays; the body may be left out.
    expect((await asCustomer(state, c12, AutoRenewalResources, { pathParams: { resource_id: volume.resourceId } })).status).toBe(204);
    expect(volume.autoRenewTimes).toBe(5);
    expect(await asCustomer(state, c12, CancelAutoRenewalResources, { pathParams: { resource_id: volume.resourceId } })).toEqual({ status: 204, body: undefined });
    expect((await listed(state, c12, [volume.resourceId]))[0][3]).toBe(0);
    expect(await asCustomer(state, c12, CancelAutoRenewalResources, { pathParams: { resource_id: volume.resourceId } }))
      .toEqual(badParameter('Parameter error: resource_id does not have auto-renewal enabled.'));

    const vm = activeMain(state, c12, 'hws.resource.type.vm');
    expect((await listed(state, c12, [vm.resourceId])).map((r: any[]) => r[3])).toEqual([3, 3, 3]);
    await asCustomer(state, c12, CancelAutoRenewalResources, { pathParams: { resource_id: vm.resourceId } });
    expect((await listed(state, c12, [vm.resourceId])).map((r: any[]) => r[3])).toEqual([0, 0, 0]);
  });

  it('refuses expired, unknown and attached resources and a count out of range', async () => {
    const state = testState();
    const c6 = customerAt(state, 6);
    const on = (id: string, body?: unknown) => asCustomer(state, c6, AutoRenewalResources, { pathParams: { resource_id: id }, body });
    expect(await on('bd19368b-5bc0-4e23-9329-ba2c6cbfc0df')).toEqual({
      status: 400, body: { error_code: 'CBC.99003602', error_msg: 'The resource has expired or is frozen. Auto-renewal is not allowed.' },
    });
    expect(await on('unknown')).toEqual({ status: 400, body: { error_code: 'CBC.99003012', error_msg: 'The resource does not exist.' } });
    expect(await on('971a7ea6-dcff-4470-a824-d288a8067714')).toEqual({ status: 400, body: { error_code: 'CBC.30050007', error_msg: 'The resource is not a main resource.' } });
    expect(await on('4a69c023-d490-40c1-9494-692c31628e67', { auto_renew_times: 100 })).toEqual(badParameter('Parameter error: auto_renew_times must be between 0 and 99.'));
    expect(await on('4a69c023-d490-40c1-9494-692c31628e67', { auto_renew_times: 1.5 })).toEqual(badParameter('Parameter error: auto_renew_times must be an integer.'));
    expect(await on('4a69c023-d490-40c1-9494-692c31628e67', 'yes')).toEqual(badParameter('Parameter error: body must be a JSON object.'));
    expect((await call(state, CancelAutoRenewalResources, { pathParams: { resource_id: 'x' } })).body.error_code).toBe('CBC.0151');
  });
});

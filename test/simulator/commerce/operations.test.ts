import { describe, expect, it } from 'vitest';
import * as commerce from '../../../src/bss/operations/commerce/index.js';
import { commerceOperations } from '../../../src/bss/operations/commerce/index.js';
import { commerceHandlers } from '../../../src/simulator/handlers/commerce/index.js';

describe('commerce operation specs', () => {
  it('describes the 24 endpoints of §2, §3 and §5 with Huawei paths, callers and success statuses', () => {
    const table = commerceOperations.map((o) => [o.name, o.method, o.path, o.caller, o.kind, o.successStatus ?? 200]);
    expect(table).toEqual([
      ['ListCustomerOrders', 'GET', '/v2/orders/customer-orders', 'either', 'read', 200],
      ['ShowCustomerOrderDetails', 'GET', '/v2/orders/customer-orders/details/{order_id}', 'either', 'read', 200],
      ['CancelCustomerOrder', 'PUT', '/v2/orders/customer-orders/cancel', 'customer', 'write', 204],
      ['PayOrders', 'POST', '/v3/orders/customer-orders/pay', 'customer', 'write', 204],
      ['ListOrderCouponsByOrderId', 'GET', '/v2/orders/customer-orders/order-coupons', 'customer', 'read', 200],
      ['ListOrderDiscounts', 'GET', '/v2/orders/customer-orders/order-discounts', 'customer', 'read', 200],
      ['ShowRefundOrderDetails', 'GET', '/v2/orders/customer-orders/refund-orders', 'either', 'read', 200],
      ['ListPayPerUseCustomerResources', 'POST', '/v2/orders/suscriptions/resources/query', 'either', 'read', 200],
      ['ListCustomerOnDemandResources', 'POST', '/v2/partners/sub-customers/on-demand-resources/query', 'partner', 'read', 200],
      ['RenewalResources', 'POST', '/v2/orders/subscriptions/resources/renew', 'customer', 'write', 200],
      ['CancelResourcesSubscription', 'POST', '/v2/orders/subscriptions/resources/unsubscribe', 'customer', 'write', 200],
      ['UpdatePeriodToOnDemand', 'POST', '/v2/orders/subscriptions/resources/to-on-demand', 'customer', 'write', 200],
      ['SetResourcesRenewConfig', 'POST', '/v2/orders/subscriptions/resources/renew/config', 'customer', 'write', 200],
      ['AutoRenewalResources', 'POST', '/v2/orders/subscriptions/resources/autorenew/{resource_id}', 'customer', 'write', 204],
      ['CancelAutoRenewalResources', 'DELETE', '/v2/orders/subscriptions/resources/autorenew/{resource_id}', 'customer', 'write', 204],
      ['ListServiceTypes', 'GET', '/v2/products/service-types', 'either', 'read', 200],
      ['ListResourceTypes', 'GET', '/v2/products/resource-types', 'either', 'read', 200],
      ['ListServiceResources', 'GET', '/v2/products/service-resources', 'either', 'read', 200],
      ['ListUsageTypes', 'GET', '/v2/products/usage-types', 'either', 'read', 200],
      ['ListMeasureUnits', 'GET', '/v2/bases/measurements', 'either', 'read', 200],
      ['ListConversions', 'GET', '/v2/bases/conversions', 'either', 'read', 200],
      ['ListProvinces', 'GET', '/v2/systems/configs/provinces', 'either', 'read', 200],
      ['ListCities', 'GET', '/v2/systems/configs/cities', 'either', 'read', 200],
      ['ListCounties', 'GET', '/v2/systems/configs/counties', 'either', 'read', 200],
    ]);
  });

  it('has exactly one handler per operation', () => {
    expect(Object.keys(commerceHandlers).sort()).toEqual(commerceOperations.map((o) => o.name).sort());
  });

  it('declares paging, id batches, path parameters, bodies and X-Language as the reference lists them', () => {
    const shape = Object.fromEntries(commerceOperations.map((o) => [o.name, {
      page: o.page ?? null, batch: o.batch ?? null, pathParams: o.pathParams ?? [], hasBody: o.hasBody ?? false, language: o.language ?? false,
    }]));
    expect(shape['ListCustomerOrders']).toEqual({
      page: { maxLimit: 100, countField: 'total_count', itemsField: 'order_infos', in: 'query' }, batch: null, pathParams: [], hasBody: false, language: false,
    });
    expect(shape['ShowCustomerOrderDetails']).toEqual({
      page: { maxLimit: 100, countField: 'total_count', itemsField: 'order_line_items', in: 'query' }, batch: null, pathParams: ['order_id'], hasBody: false, language: true,
    });
    expect(shape['ListPayPerUseCustomerResources']).toEqual({
      page: { maxLimit: 500, countField: 'total_count', itemsField: 'data', in: 'body' }, batch: { field: 'resource_ids', max: 50 }, pathParams: [], hasBody: true, language: false,
    });
    expect(shape['ListCustomerOnDemandResources']).toEqual({
      page: { maxLimit: 100, countField: 'total_count', itemsField: 'resources', in: 'body' }, batch: { field: 'resource_ids', max: 50 }, pathParams: [], hasBody: true, language: true,
    });
    expect(shape['RenewalResources']!.batch).toEqual({ field: 'resource_ids', max: 10 });
    expect(shape['CancelResourcesSubscription']!.batch).toEqual({ field: 'resource_ids', max: 10 });
    expect(shape['UpdatePeriodToOnDemand']!.batch).toEqual({ field: 'resource_ids', max: 100 });
    expect(shape['AutoRenewalResources']).toMatchObject({ pathParams: ['resource_id'], hasBody: true });
    expect(shape['CancelAutoRenewalResources']).toMatchObject({ pathParams: ['resource_id'], hasBody: false });
    expect(shape['ListProvinces']!.page).toEqual({ maxLimit: 1000, countField: 'count', itemsField: 'provinces', in: 'query' });
    expect(shape['ListServiceResources']!.page).toEqual({ maxLimit: 100, countField: 'total_count', itemsField: 'infos', in: 'query' });
    expect(shape['ListMeasureUnits']).toEqual({ page: null, batch: null, pathParams: [], hasBody: false, language: true });
    expect(commerceOperations.filter((o) => o.language).map((o) => o.name)).toEqual([
      'ShowCustomerOrderDetails', 'ListCustomerOnDemandResources', 'ListServiceTypes', 'ListResourceTypes', 'ListServiceResources',
      'ListUsageTypes', 'ListMeasureUnits', 'ListConversions', 'ListProvinces', 'ListCities', 'ListCounties',
    ]);
  });

  it('re-exports every operation constant by its name', () => {
    for (const op of commerceOperations) expect((commerce as Record<string, unknown>)[op.name]).toBe(op);
  });
});

 
import { describe, expect, it } from 'vitest';
import { ListCustomerOnDemandResources, ListPayPerUseCustomerResources } from '../../../src/bss/operations/commerce/index.js';
import { testState } from '../../support/sim-request.js';
import { asCustomer, badParameter, call, customerAt } from './support.js';

const state = testState();
const c6 = customerAt(state, 6);
const c9 = customerAt(state, 9);
const VM = 'bd19368b-5bc0-4e23-9329-ba2c6cbfc0df';
const DISK = '971a7ea6-dcff-4470-a824-d288a8067714';
const EIP = 'fedb7449-4202-41c3-b0f6-fddee0dd548e';
const BANDWIDTH = '4a69c023-d490-40c1-9494-692c31628e67';

const ids = (res: { body: any }): string[] => res.body.data.map((r: any) => r.resource_id);

describe('ListPayPerUseCustomerResources (yearly/monthly)', () => {
  it('lists a customer\'s subscriptions, groups together, main before attached, with exact fields', async () => {
    const res = await asCustomer(state, c6, ListPayPerUseCustomerResources, { body: {} });
    expect(res.body.total_count).toBe(4);
    expect(ids(res)).toEqual([VM, DISK, EIP, BANDWIDTH]);
    expect(res.body.data[1]).toEqual({
      id: '3d317d7204e55eda31d9664c8ee1a06c',
      resource_id: DISK,
      resource_name: 'volume-0c6eb7',
      region_code: 'ap-southeast-1',
      service_type_code: 'hws.service.type.ebs',
      service_type_name: '云硬盘',
      resource_type_code: 'hws.resource.type.volume',
      resource_type_name: '云硬盘',
      resource_spec_code: 'GPSSD',
      project_id: '420e84117986e6e1bd11be6498926fdd',
      product_id: 'OFFI093828057357284954',
      parent_resource_id: VM,
      is_main_resource: 0,
      // Expired in May and past retention: released.
      status: 3,
      effective_time: '2026-04-01T17:37:16Z',
      expire_time: '2026-05-01T17:37:16Z',
      expire_policy: 0,
      product_spec_desc: '云硬盘_GPSSD|500.0GB',
      spec_size: 500,
      spec_size_measure_id: 17,
      update_time: '2026-04-01T17:37:39Z',
      enterprise_project: { id: res.body.data[0].enterprise_project.id, name: 'test' },
    });
    expect(res.body.data[3]).toMatchObject({
      resource_id: BANDWIDTH, is_main_resource: 1, status: 2, resource_spec_code: '19_bgp', spec_size: 20, spec_size_measure_id: 15,
      effective_time: '2026-10-08T00:16:38Z', expire_time: '2027-10-08T00:16:38Z', enterprise_project: { id: '0', name: 'default' },
    });
    expect(res.body.data[3]).not.toHaveProperty('parent_resource_id');
  });

  it('batches by resource_ids: a main brings its attached ones unless only_main_resource is 1', async () => {
    const body = (extra: Record<string, unknown>) => ({ body: { ...extra } });
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ resource_ids: [VM] })))).toEqual([VM, DISK, EIP]);
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ resource_ids: [VM], only_main_resource: 1 })))).toEqual([VM]);
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ resource_ids: [DISK, BANDWIDTH] })))).toEqual([DISK, BANDWIDTH]);
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ resource_ids: [DISK], only_main_resource: 1 })))).toEqual([DISK]);
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ resource_ids: ['nope'] })))).toEqual([]);
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ resource_ids: [] })))).toEqual([VM, DISK, EIP, BANDWIDTH]);
    expect(ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, body({ only_main_resource: 1 })))).toEqual([VM, BANDWIDTH]);
  });

  it('filters by order, status, service type and expiry window, and pages', async () => {
    const list = async (extra: Record<string, unknown>) => ids(await asCustomer(state, c6, ListPayPerUseCustomerResources, { body: extra }));
    expect(await list({ order_id: 'CS2604020137AO95H' })).toEqual([VM, DISK, EIP]);
    expect(await list({ order_id: 'cs2604020137zbj7m' })).toEqual([DISK]);
    expect(await list({ status_list: [2] })).toEqual([BANDWIDTH]);
    expect(await list({ status_list: [3, 5] })).toEqual([VM, DISK, EIP]);
    expect(await list({ service_type_code: 'hws.service.type.vpc' })).toEqual([EIP, BANDWIDTH]);
    expect(await list({ expire_time_begin: '2027-01-01T00:00:00Z', expire_time_end: '2027-12-31T00:00:00Z' })).toEqual([BANDWIDTH]);
    const page = await asCustomer(state, c6, ListPayPerUseCustomerResources, { body: { offset: 1, limit: 2 } });
    expect([page.body.total_count, ids(page)]).toEqual([4, [DISK, EIP]]);
  });

  it('needs customer_id from a partner, for one of its direct customers', async () => {
    expect(ids(await call(state, ListPayPerUseCustomerResources, { body: { customer_id: c6.customerId } }))).toEqual([VM, DISK, EIP, BANDWIDTH]);
    expect(await call(state, ListPayPerUseCustomerResources, { body: {} })).toEqual(badParameter('Parameter error: customer_id is required when a partner queries.'));
    expect((await call(state, ListPayPerUseCustomerResources, { body: { customer_id: customerAt(state, 2).customerId } })).body.error_code).toBe('CBC.99000035');
  });

  it('rejects bad bodies with CBC.0100 naming the parameter', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ resource_ids: null }, 'Parameter error: resource_ids must not be null.'],
      [{ resource_ids: Array.from({ length: 51 }, (_, i) => `r${i}`) }, 'Parameter error: resource_ids must have at most 50 items.'],
      [{ resource_ids: [''] }, 'Parameter error: resource_ids must hold ids of 1 to 64 characters.'],
      [{ resource_ids: 'abc' }, 'Parameter error: resource_ids must be a list.'],
      [{ only_main_resource: 2 }, 'Parameter error: only_main_resource must be one of 0, 1.'],
      [{ status_list: [1] }, 'Parameter error: status_list must hold values among 2, 3, 4, 5.'],
      [{ status_list: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2] }, 'Parameter error: status_list must have at most 10 items.'],
      [{ limit: 501 }, 'Parameter error: limit must be between 1 and 500.'],
      [{ limit: 1.5 }, 'Parameter error: limit must be an integer.'],
      [{ service_type_code: '' }, 'Parameter error: service_type_code must not be empty.'],
      [{ expire_time_begin: '2027-01-01' }, 'Parameter error: expire_time_begin must be a UTC time like 2024-03-01T00:00:00Z.'],
    ];
    for (const [body, message] of cases) expect(await asCustomer(state, c6, ListPayPerUseCustomerResources, { body })).toEqual(badParameter(message));
    // null service type: no filter; a body that is not an object is refused.
    expect((await asCustomer(state, c6, ListPayPerUseCustomerResources, { body: { service_type_code: null } })).body.total_count).toBe(4);
    expect(await asCustomer(state, c6, ListPayPerUseCustomerResources, { body: [1] })).toEqual(badParameter('Parameter error: body must be a JSON object.'));
    expect((await asCustomer(state, c6, ListPayPerUseCustomerResources, { body: { limit: 500 } })).body.total_count).toBe(4);
  });
});

describe('ListCustomerOnDemandResources (pay-per-use)', () => {
  it('lists a resale customer\'s pay-per-use resources by effective time, localised', async () => {
    const res = await call(state, ListCustomerOnDemandResources, { body: { customer_id: c9.customerId, limit: 100 }, language: 'en_US' });
    expect(res.body.total_count).toBe(17);
    expect(res.body.resources[0]).toEqual({
      customer_id: c9.customerId,
      region_code: 'cn-southwest-2',
      availability_zone_code: 'cn-southwest-2a',
      service_type_code: 'hws.service.type.obs',
      service_type_name: 'Object Storage Service',
      resource_type_code: 'hws.resource.type.obs',
      resource_type_name: 'OBS bucket',
      resource_id: 'a34573a5-4d73-47d4-909a-2632f87e98fd',
      resource_name: 'obs-4e1c9f',
      effective_time: '2025-10-17T03:04:36Z',
      status: 1,
      resource_spec_code: 'standard',
      product_spec_desc: '对象存储|standard',
    });
    // A deleted resource is closed (6) and carries its end; a disk carries its capacity as JSON text.
    expect(res.body.resources[11]).toMatchObject({ service_type_code: 'hws.service.type.dcs', status: 6, expire_time: '2026-08-16T15:33:53Z' });
    expect(res.body.resources[1]).toMatchObject({ service_type_code: 'hws.service.type.ebs' });
    expect(res.body.resources[1].resource_info).toMatch(/^\{"specSize":\d+\.0\}$/);
    const times = res.body.resources.map((r: any) => r.effective_time);
    expect(times).toEqual([...times].sort());
  });

  it('filters by status, region, service type, ids and effective window, and pages', async () => {
    const list = async (extra: Record<string, unknown>) =>
      (await call(state, ListCustomerOnDemandResources, { body: { customer_id: c9.customerId, limit: 100, ...extra } })).body.resources.map((r: any) => r.resource_id.slice(0, 8));
    expect(await list({ status: 6 })).toEqual(['a307a6d1', '44e170ff', '56ea790c']);
    expect(await list({ region_code: 'cn-north-4' })).toEqual(['5079067b', '03b45184', 'bb90082b']);
    expect(await list({ region_code: '', service_type_code: 'hws.service.type.functiongraph' })).toEqual(['f7a36b95', 'bb90082b']);
    expect(await list({ resource_ids: ['a34573a5-4d73-47d4-909a-2632f87e98fd', 'unknown'] })).toEqual(['a34573a5']);
    expect(await list({ effective_time_begin: '2026-10-01T00:00:00Z', effective_time_end: '2026-10-31T00:00:00Z' })).toEqual(['44e170ff', '23abab76', '56ea790c']);
    const page = await call(state, ListCustomerOnDemandResources, { body: { customer_id: c9.customerId, offset: 15 } });
    expect([page.body.total_count, page.body.resources.length]).toEqual([17, 2]);
  });

  it('is for partners, about their resale customers, in their scope', async () => {
    expect(await asCustomer(state, c9, ListCustomerOnDemandResources, { body: { customer_id: c9.customerId } })).toEqual({
      status: 403, body: { error_code: 'CBC.0151', error_msg: 'Access denied.' },
    });
    // Customer 6 is a consultative-sales (referral) customer.
    expect(await call(state, ListCustomerOnDemandResources, { body: { customer_id: c6.customerId } })).toEqual({
      status: 400, body: { error_code: 'CBC.99000035', error_msg: 'The customer is not a resale sub-customer of the partner.' },
    });
    const c1 = customerAt(state, 1); // a reseller's resale customer
    expect((await call(state, ListCustomerOnDemandResources, { body: { customer_id: c1.customerId } })).body.error_code).toBe('CBC.99000035');
    expect((await call(state, ListCustomerOnDemandResources, { body: { customer_id: c1.customerId, indirect_partner_id: c1.indirectPartnerId } })).body.total_count).toBe(2);
  });

  it('validates its body', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'Parameter error: customer_id is required.'],
      [{ customer_id: '' }, 'Parameter error: customer_id is required.'],
      [{ customer_id: c9.customerId, limit: 101 }, 'Parameter error: limit must be between 1 and 100.'],
      [{ customer_id: c9.customerId, status: 7 }, 'Parameter error: status must be between 1 and 6.'],
      [{ customer_id: c9.customerId, resource_ids: Array.from({ length: 51 }, (_, i) => `r${i}`) }, 'Parameter error: resource_ids must have at most 50 items.'],
      [{ customer_id: c9.customerId, effective_time_begin: '2026-10-02T00:00:00Z', effective_time_end: '2026-10-01T00:00:00Z' }, 'Parameter error: effective_time_begin must not be later than effective_time_end.'],
    ];
    for (const [body, message] of cases) expect(await call(state, ListCustomerOnDemandResources, { body })).toEqual(badParameter(message));
    expect(await call(state, ListCustomerOnDemandResources)).toEqual(badParameter('Parameter error: body is required.'));
    // null and empty values are no filter here.
    expect((await call(state, ListCustomerOnDemandResources, { body: { customer_id: c9.customerId, status: null, resource_ids: null, service_type_code: null } })).body.total_count).toBe(17);
  });
});

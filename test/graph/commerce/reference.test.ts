/**
 * ContractReference and the rest of the reference data (usage types, provinces, cities, counties, the
 * service type → resource type → usage type edges) equal the raw catalogue reads, and come from the
 * process-wide cache after the first request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import {
  ListCities, ListConversions, ListCounties, ListMeasureUnits, ListProvinces, ListResourceTypes, ListServiceTypes, ListUsageTypes,
} from '../../../src/bss/operations/commerce/index.js';
import { formatDecimal, toDecimal } from '../../../src/bss/money.js';
import { startStack, type Stack } from '../../support/stack.js';
import { contractOperation } from './contract.js';
import { data, requests } from './helpers.js';

const CONTRACT_REFERENCE = print(contractOperation('ContractReference'));

describe('reference data', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers ContractReference exactly as the catalogue endpoints, one call each, then none', async () => {
    const services = await stack.bss.paginate(ListServiceTypes, {});
    const resources = await stack.bss.paginate(ListResourceTypes, {});
    const units = await stack.bss.call(ListMeasureUnits, {});
    const conversions = await stack.bss.call(ListConversions, {});
    stack.bss.counter.reset();

    const d = await data(stack, CONTRACT_REFERENCE);
    expect(d).toEqual({
      serviceTypes: services.items.map((s) => ({ code: s.service_type_code, name: s.service_type_name })),
      resourceTypes: resources.items.map((r) => ({ code: r.resource_type_code, name: r.resource_type_name })),
      measureUnits: units.measure_units!.map((u) => ({ id: u.measure_id, name: u.measure_name, abbreviation: u.abbreviation })),
      conversions: conversions.conversions!.map((c) => ({
        fromMeasureId: c.measure_id,
        toMeasureId: c.ref_measure_id,
        ratio: formatDecimal(toDecimal(c.conversion_ratio!)),
      })),
    });
    expect(requests(stack)).toEqual({ ListServiceTypes: 1, ListResourceTypes: 1, ListMeasureUnits: 1, ListConversions: 1 });

    stack.bss.counter.reset();
    expect(await data(stack, CONTRACT_REFERENCE)).toEqual(d);
    expect(stack.bss.counter.requests()).toBe(0);
  });

  it('lists usage types, all or per resource type, and caches each list', async () => {
    const all = await stack.bss.paginate(ListUsageTypes, {});
    const vm = await stack.bss.paginate(ListUsageTypes, { resource_type_code: 'hws.resource.type.vm' });
    stack.bss.counter.reset();
    const shape = (u: (typeof all.items)[number]) => ({
      code: u.code,
      name: u.name,
      resourceType: { code: u.resource_type_code, name: u.resource_type_name },
      serviceType: { code: u.service_type_code, name: u.service_type_name },
    });
    const q = `query ($rt: String) { usageTypes(resourceTypeCode: $rt) { code name resourceType { code name } serviceType { code name } } }`;
    expect((await data(stack, q)).usageTypes).toEqual(all.items.map(shape));
    expect((await data(stack, q, { rt: 'hws.resource.type.vm' })).usageTypes).toEqual(vm.items.map(shape));
    // One walk for all (the endpoint pages at 100), one for the resource type; catalogues already cached.
    expect(requests(stack)).toEqual({ ListUsageTypes: Math.ceil(all.total / 100) + 1 });
    stack.bss.counter.reset();
    await data(stack, q, { rt: 'hws.resource.type.vm' });
    expect(stack.bss.counter.requests()).toBe(0);
  });

  it('groups resource types under their service type from the cache, and their usage types per resource type', async () => {
    const resources = await stack.bss.paginate(ListResourceTypes, {});
    stack.bss.counter.reset();
    const d = await data(stack, '{ serviceTypes { code resourceTypes { code usageTypes { code } } } }');
    for (const s of d.serviceTypes) {
      expect(s.resourceTypes.map((r: any) => r.code)).toEqual(
        resources.items.filter((r) => r.service_type_code === s.code).map((r) => r.resource_type_code),
      );
    }
    // Usage types per resource type: one cached call per resource type not asked before (vm was).
    expect(requests(stack)).toEqual({ ListUsageTypes: resources.total - 1 });
    const vm = d.serviceTypes.flatMap((s: any) => s.resourceTypes).find((r: any) => r.code === 'hws.resource.type.vm');
    expect(vm.usageTypes).toEqual([{ code: 'Duration' }]);
  });

  it('answers provinces, cities and counties as the endpoints do, attaching the parent code, cached per parent', async () => {
    const provinces = await stack.bss.paginate(ListProvinces, {});
    const beijingCities = await stack.bss.paginate(ListCities, { province_code: '110000' });
    const cityCode = beijingCities.items[0]!.code;
    const counties = await stack.bss.paginate(ListCounties, { city_code: cityCode });
    expect(counties.items.length).toBeGreaterThan(0);
    stack.bss.counter.reset();

    const d = await data(stack, `query ($p: String!, $c: String!) {
      provinces { code name }
      cities(provinceCode: $p) { code name provinceCode province { name } }
      counties(cityCode: $c) { code name cityCode }
    }`, { p: '110000', c: cityCode });
    expect(d.provinces).toEqual(provinces.items.map((p) => ({ code: p.code, name: p.name })));
    expect(d.cities).toEqual(beijingCities.items.map((c) => ({ code: c.code, name: c.name, provinceCode: '110000', province: { name: '北京市' } })));
    expect(d.counties).toEqual(counties.items.map((c) => ({ code: c.code, name: c.name, cityCode })));
    expect(requests(stack)).toEqual({ ListProvinces: 1, ListCities: 1, ListCounties: 1 });

    // Chinese only upstream, so an English request shares the cache.
    stack.bss.counter.reset();
    const nested = await data(stack, `{ provinces { code cities { code } } }`, undefined, { 'accept-language': 'en-US' });
    expect(nested.provinces[0].cities).not.toBeNull();
    expect(requests(stack)).toEqual({ ListCities: provinces.total - 1 });
  });

  it('names regions in the request\'s language', async () => {
    const c = stack.simulator.state.world.customers.find(
      (x) => x.indirectPartnerId === null && stack.simulator.state.commerce.resourcesOf(x.customerId).some((r) => r.chargeMode === 1 && r.provisioned && r.regionCode === 'cn-north-4'),
    )!;
    const zh = await stack.graphql(`query ($id: String!) { customer(customerId: $id) { periodResources(first: 100) { nodes { region { code name } } } } }`, { id: c.customerId });
    expect(zh.data.customer.periodResources.nodes).toContainEqual({ region: { code: 'cn-north-4', name: '华北-北京四' } });
    const en = await stack.graphql(`query ($id: String!) { customer(customerId: $id) { periodResources(first: 100) { nodes { region { code name } } } } }`, { id: c.customerId }, { 'accept-language': 'en' });
    expect(en.data.customer.periodResources.nodes).toContainEqual({ region: { code: 'cn-north-4', name: 'CN North-Beijing4' } });
  });
});

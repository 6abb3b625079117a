 
import { describe, expect, it } from 'vitest';
import {
  ListCities, ListConversions, ListCounties, ListMeasureUnits, ListProvinces, ListResourceTypes, ListServiceResources, ListServiceTypes,
  ListUsageTypes,
} from '../../../src/bss/operations/commerce/index.js';
import { testState } from '../../support/sim-request.js';
import { asCustomer, badParameter, call, customerAt } from './support.js';

const state = testState();

describe('product catalogue', () => {
  it('lists service types localised, paged at 10 by default, with a fuzzy name filter', async () => {
    const first = await call(state, ListServiceTypes);
    expect(first.body.total_count).toBe(12);
    expect(first.body.service_types).toHaveLength(10);
    expect(first.body.service_types[0]).toEqual({ service_type_name: '弹性云服务器', service_type_code: 'hws.service.type.ec2', abbreviation: 'ECS' });
    const en = await asCustomer(state, customerAt(state, 3), ListServiceTypes, { query: { offset: 10, limit: 1000 }, language: 'en_US' });
    expect(en.body.service_types).toEqual([
      { service_type_name: 'Domain Name Service', service_type_code: 'hws.service.type.dns', abbreviation: 'DNS' },
      { service_type_name: 'Web Application Firewall', service_type_code: 'hws.service.type.waf', abbreviation: 'WAF' },
    ]);
    const fuzzy = await call(state, ListServiceTypes, { query: { service_type_name: 'cache' }, language: 'en_US' });
    expect(fuzzy.body).toEqual({ total_count: 1, service_types: [{ service_type_name: 'Distributed Cache Service', service_type_code: 'hws.service.type.dcs', abbreviation: 'DCS' }] });
    expect((await call(state, ListServiceTypes, { query: { service_type_name: '云' } })).body.service_types.map((s: any) => s.service_type_code))
      .toEqual(['hws.service.type.ec2', 'hws.service.type.ebs', 'hws.service.type.vpc', 'hws.service.type.rds', 'hws.service.type.cce', 'hws.service.type.dns']);
    expect(await call(state, ListServiceTypes, { query: { limit: 1001 } })).toEqual(badParameter('Parameter error: limit must be between 1 and 1000.'));
    expect(await call(state, ListServiceTypes, { query: { service_type_name: '' } })).toEqual(badParameter('Parameter error: service_type_name must not be empty.'));
    expect(await call(state, ListServiceTypes, { query: { offset: 1_000_000_001 } })).toEqual(badParameter('Parameter error: offset must be between 0 and 1000000000.'));
  });

  it('lists resource types, and the resource types of one service', async () => {
    const all = await call(state, ListResourceTypes, { query: { limit: 1000 }, language: 'en_US' });
    expect(all.body.total_count).toBe(13);
    expect(all.body.resource_types[0]).toEqual({
      resource_type_code: 'hws.resource.type.vm', resource_type_name: 'ECS', resource_type_desc: 'Elastic Cloud Server instance', service_type_code: 'hws.service.type.ec2',
    });
    expect((await call(state, ListServiceResources, { query: { service_type_code: 'hws.service.type.vpc' } })).body).toEqual({
      total_count: 2,
      infos: [
        { basic_info: { resource_type_code: 'hws.resource.type.bandwidth', product_owner_service: 'hws.service.type.vpc', name: '带宽', description: '公网带宽' } },
        { basic_info: { resource_type_code: 'hws.resource.type.ip', product_owner_service: 'hws.service.type.vpc', name: '弹性公网IP', description: '弹性公网IP地址' } },
      ],
    });
    expect((await call(state, ListServiceResources, { query: { service_type_code: 'hws.service.type.none' } })).body).toEqual({ total_count: 0, infos: [] });
    expect(await call(state, ListServiceResources)).toEqual(badParameter('Parameter error: service_type_code is required.'));
    expect(await call(state, ListServiceResources, { query: { service_type_code: 'hws.service.type.vpc', limit: '' } })).toEqual(badParameter('Parameter error: limit must not be empty.'));
    expect(await call(state, ListServiceResources, { query: { service_type_code: 'hws.service.type.vpc', limit: 101 } })).toEqual(badParameter('Parameter error: limit must be between 1 and 100.'));
  });

  it('lists usage types, all or of one resource type; an empty code filters on empty', async () => {
    const obs = await call(state, ListUsageTypes, { query: { resource_type_code: 'hws.resource.type.obs' }, language: 'en_US' });
    expect(obs.body).toEqual({
      total_count: 2,
      usage_types: [
        { code: 'storage', name: 'Storage', resource_type_code: 'hws.resource.type.obs', service_type_code: 'hws.service.type.obs', resource_type_name: 'OBS bucket', service_type_name: 'Object Storage Service' },
        { code: 'upflow', name: 'Internet outbound traffic', resource_type_code: 'hws.resource.type.obs', service_type_code: 'hws.service.type.obs', resource_type_name: 'OBS bucket', service_type_name: 'Object Storage Service' },
      ],
    });
    expect((await call(state, ListUsageTypes, { query: { limit: 100 } })).body.total_count).toBe(14);
    expect((await call(state, ListUsageTypes, { query: { resource_type_code: '' } })).body).toEqual({ total_count: 0, usage_types: [] });
  });
});

describe('units', () => {
  it('lists every measurement unit, localised', async () => {
    const zh = await call(state, ListMeasureUnits);
    expect(zh.body.measure_units).toHaveLength(20);
    expect(zh.body.measure_units[0]).toEqual({ measure_id: 1, measure_name: '元', abbreviation: 'Y', measure_type: 1 });
    const en = await call(state, ListMeasureUnits, { language: 'en_US' });
    expect(en.body.measure_units.find((u: any) => u.measure_id === 4)).toEqual({ measure_id: 4, measure_name: 'Hour', abbreviation: 'h', measure_type: 2 });
  });

  it('lists conversions, all or of one measure type', async () => {
    expect((await call(state, ListConversions)).body.conversions).toHaveLength(14);
    expect((await call(state, ListConversions, { query: { measure_type: 3 } })).body).toEqual({
      conversions: [
        { measure_id: 13, ref_measure_id: 10, conversion_ratio: 1024, measure_type: 3 },
        { measure_id: 10, ref_measure_id: 11, conversion_ratio: 1024, measure_type: 3 },
        { measure_id: 11, ref_measure_id: 12, conversion_ratio: 1024, measure_type: 3 },
      ],
    });
    expect(await call(state, ListConversions, { query: { measure_type: 5 } })).toEqual(
      badParameter('Parameter error: measure_type must be one of 1, 2, 3, 4, 7, 9, 10, 11, 12, 16, 19, 20, 27, 28, 29, 30, 31, 40, 41, 98, 104, 108.'),
    );
    expect(await call(state, ListConversions, { query: { measure_type: '' } })).toEqual(badParameter('Parameter error: measure_type must not be empty.'));
  });
});

describe('provinces, cities and counties', () => {
  it('lists the 34 provinces in Chinese whatever the language', async () => {
    const res = await call(state, ListProvinces, { query: { limit: 1000 }, language: 'en_US' });
    expect(res.body.count).toBe(34);
    expect(res.body.provinces.slice(0, 3)).toEqual([{ code: '110000', name: '北京市' }, { code: '120000', name: '天津市' }, { code: '130000', name: '河北省' }]);
    expect(res.body.provinces.at(-1)).toEqual({ code: '820000', name: '澳门特别行政区' });
    const page = await call(state, ListProvinces);
    expect([page.body.count, page.body.provinces.length]).toEqual([34, 10]);
    expect(await call(state, ListProvinces, { query: { limit: 1001 } })).toEqual(badParameter('Parameter error: limit must be between 1 and 1000.'));
  });

  it('lists the cities of a province and the counties of a city', async () => {
    expect((await call(state, ListCities, { query: { province_code: '440000' } })).body).toEqual({
      count: 4, cities: [{ code: '440100', name: '广州市' }, { code: '440300', name: '深圳市' }, { code: '440600', name: '佛山市' }, { code: '441900', name: '东莞市' }],
    });
    expect((await call(state, ListCounties, { query: { city_code: '440300', offset: 2 } })).body).toEqual({
      count: 4, counties: [{ code: '440305', name: '南山区' }, { code: '440307', name: '龙岗区' }],
    });
    expect((await call(state, ListCities, { query: { province_code: '999999' } })).body).toEqual({ count: 0, cities: [] });
    expect(await call(state, ListCities)).toEqual(badParameter('Parameter error: province_code is required.'));
    expect(await call(state, ListCities, { query: { province_code: '440000', limit: 0 } })).toEqual(badParameter('Parameter error: limit must be between 1 and 1000.'));
    expect(await call(state, ListCounties, { query: { city_code: '' } })).toEqual(badParameter('Parameter error: city_code is required.'));
    expect(await call(state, ListCounties, { query: { city_code: '440300', offset: '' } })).toEqual(badParameter('Parameter error: offset must not be empty.'));
  });
});

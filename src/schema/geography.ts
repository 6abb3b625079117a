/**
 * Places: `Region` (Huawei Cloud regions, as resources and bills name them) and the Chinese administrative
 * divisions `Province` → `City` → `County` (ListProvinces §5.7, ListCities §5.8, ListCounties §5.9), with
 * their root lists. Division lists come from the process-wide reference cache.
 */
import {
  cities, counties, provinceByCode, provinces,
  type CityShape, type CountyShape, type ProvinceShape, type RegionShape,
} from '../sources/geography.js';
import { builder } from './builder.js';

export const Region = builder.objectRef<RegionShape>('Region').implement({
  description:
    'A Huawei Cloud region, e.g. `cn-north-4`. The BSS API has no region catalogue: names come from the record ' +
    'where it carries one (`region_name`), else from the gateway\'s table of public regions.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The region code, e.g. `cn-north-4` (`region_code` upstream).' }),
    name: t.exposeString('name', { nullable: true, description: 'Localised name, e.g. 华北-北京四 / CN North-Beijing4; null for a region the gateway cannot name.' }),
  }),
});

export const County = builder.objectRef<CountyShape>('County').implement({
  description: 'A county or district of a city (ListCounties, bss-api-commerce.md §5.9). Names are Chinese only.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The division code (GB/T 2260), e.g. `110105`.' }),
    name: t.exposeString('name', { description: 'The Chinese name, e.g. 朝阳区.' }),
    cityCode: t.exposeString('cityCode', { description: 'The code of the city it belongs to (the `city_code` it was listed under).' }),
  }),
});

export const Province = builder.objectRef<ProvinceShape>('Province');

export const City = builder.objectRef<CityShape>('City').implement({
  description: 'A city of a province (ListCities, bss-api-commerce.md §5.8). Names are Chinese only.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The division code (GB/T 2260), e.g. `110100`.' }),
    name: t.exposeString('name', { description: 'The Chinese name, e.g. 北京市.' }),
    provinceCode: t.exposeString('provinceCode', { description: 'The code of the province it belongs to (the `province_code` it was listed under).' }),
    province: t.field({
      type: Province,
      nullable: true,
      description: 'The province it belongs to (from the cached province list).',
      resolve: (c, _args, ctx) => provinceByCode(ctx, c.provinceCode),
    }),
    counties: t.field({
      type: [County],
      nullable: true,
      description: 'Its counties and districts. Upstream: `GET /v2/systems/configs/counties?city_code=…`, cached.',
      resolve: (c, _args, ctx) => counties(ctx, c.code),
    }),
  }),
});

Province.implement({
  description: 'A province-level division of China (ListProvinces, bss-api-commerce.md §5.7). Names are Chinese only.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The division code (GB/T 2260), e.g. `110000`.' }),
    name: t.exposeString('name', { description: 'The Chinese name, e.g. 北京市.' }),
    cities: t.field({
      type: [City],
      nullable: true,
      description: 'Its cities. Upstream: `GET /v2/systems/configs/cities?province_code=…`, cached.',
      resolve: (p, _args, ctx) => cities(ctx, p.code),
    }),
  }),
});

builder.queryFields((t) => ({
  provinces: t.field({
    type: [Province],
    nullable: true,
    description: 'Every province-level division. Upstream: `GET /v2/systems/configs/provinces`, cached (Chinese names only).',
    resolve: (_root, _args, ctx) => provinces(ctx),
  }),
  cities: t.field({
    type: [City],
    nullable: true,
    description: 'The cities of one province. Upstream: `GET /v2/systems/configs/cities`, cached per province.',
    args: { provinceCode: t.arg.string({ required: true, description: 'The province code, e.g. `110000`.' }) },
    resolve: (_root, args, ctx) => cities(ctx, args.provinceCode),
  }),
  counties: t.field({
    type: [County],
    nullable: true,
    description: 'The counties and districts of one city. Upstream: `GET /v2/systems/configs/counties`, cached per city.',
    args: { cityCode: t.arg.string({ required: true, description: 'The city code, e.g. `110100`.' }) },
    resolve: (_root, args, ctx) => counties(ctx, args.cityCode),
  }),
}));

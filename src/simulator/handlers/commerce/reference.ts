/**
 * Reference data (§5): the catalogue in reference.ts localised by X-Language, and the Chinese-only
 * province/city/county lists. Open to partner and customer callers alike.
 */
import { parameterError, type Handler } from '../../handler.js';
import {
  CONVERSIONS, MEASURE_UNITS, RESOURCE_TYPE_BY_CODE, RESOURCE_TYPES, SERVICE_TYPES, USAGE_TYPES,
} from '../../dataset/reference.js';
import { CITIES, COUNTIES, PROVINCES, type Place } from '../../dataset/geography.js';
import { pageOf, queryInt, queryPage, queryString } from './params.js';
import { serviceTypeName } from './wire.js';

/** measure_type values ListConversions accepts (§5.6). */
const CONVERSION_MEASURE_TYPES = [1, 2, 3, 4, 7, 9, 10, 11, 12, 16, 19, 20, 27, 28, 29, 30, 31, 40, 41, 98, 104, 108];

export const listServiceTypes: Handler = (req) => {
  const page = queryPage(req, 1000, { maxOffset: 1_000_000_000 });
  const name = queryString(req, 'service_type_name', { max: 128, empty: 'reject' });
  const needle = name?.toLowerCase();
  const found = SERVICE_TYPES.filter((s) => needle === undefined || s.name[req.language].toLowerCase().includes(needle));
  return {
    body: {
      total_count: found.length,
      service_types: pageOf(found, page).map((s) => ({
        service_type_name: s.name[req.language], service_type_code: s.code, abbreviation: s.abbreviation,
      })),
    },
  };
};

export const listResourceTypes: Handler = (req) => {
  const page = queryPage(req, 1000, { maxOffset: 1_000_000_000 });
  return {
    body: {
      total_count: RESOURCE_TYPES.length,
      resource_types: pageOf(RESOURCE_TYPES, page).map((t) => ({
        resource_type_code: t.code, resource_type_name: t.name[req.language], resource_type_desc: t.desc[req.language],
        service_type_code: t.serviceTypeCode,
      })),
    },
  };
};

export const listServiceResources: Handler = (req) => {
  const serviceType = queryString(req, 'service_type_code', { required: true, max: 64 })!;
  // limit may not be sent empty here.
  const page = queryPage(req, 100, { maxOffset: 10_000_000, empty: 'reject' });
  const found = RESOURCE_TYPES.filter((t) => t.serviceTypeCode === serviceType);
  return {
    body: {
      total_count: found.length,
      infos: pageOf(found, page).map((t) => ({
        basic_info: { resource_type_code: t.code, product_owner_service: t.serviceTypeCode, name: t.name[req.language], description: t.desc[req.language] },
      })),
    },
  };
};

export const listUsageTypes: Handler = (req) => {
  // Absent: every usage type; sent empty: a filter on an empty code, which nothing has.
  const resourceType = queryString(req, 'resource_type_code', { max: 64, empty: 'keep' });
  const page = queryPage(req, 100, { maxOffset: 100_000_000 });
  const found = USAGE_TYPES.filter((u) => resourceType === undefined || u.resourceTypeCode === resourceType);
  return {
    body: {
      total_count: found.length,
      usage_types: pageOf(found, page).map((u) => {
        const type = RESOURCE_TYPE_BY_CODE.get(u.resourceTypeCode)!;
        return {
          code: u.code, name: u.name[req.language], resource_type_code: u.resourceTypeCode, service_type_code: type.serviceTypeCode,
          resource_type_name: type.name[req.language], service_type_name: serviceTypeName(type.serviceTypeCode, req.language),
        };
      }),
    },
  };
};

export const listMeasureUnits: Handler = (req) => ({
  body: {
    measure_units: MEASURE_UNITS.map((u) => ({
      measure_id: u.id, measure_name: u.name[req.language], abbreviation: u.abbreviation, measure_type: u.measureType,
    })),
  },
});

export const listConversions: Handler = (req) => {
  // Absent: all; sent empty: rejected.
  const measureType = queryInt(req, 'measure_type', { empty: 'reject' });
  if (measureType !== undefined && !CONVERSION_MEASURE_TYPES.includes(measureType)) {
    throw parameterError('measure_type', `must be one of ${CONVERSION_MEASURE_TYPES.join(', ')}`);
  }
  return {
    body: {
      conversions: CONVERSIONS.filter((c) => measureType === undefined || c.measureType === measureType).map((c) => ({
        measure_id: c.measureId, ref_measure_id: c.refMeasureId, conversion_ratio: c.ratio, measure_type: c.measureType,
      })),
    },
  };
};

const places = (list: readonly Place[]) => list.map((p) => ({ code: p.code, name: p.name }));

export const listProvinces: Handler = (req) => {
  const page = queryPage(req, 1000);
  return { body: { count: PROVINCES.length, provinces: places(pageOf(PROVINCES, page)) } };
};

export const listCities: Handler = (req) => {
  const province = queryString(req, 'province_code', { required: true, max: 64 })!;
  const page = queryPage(req, 1000);
  const cities = CITIES.get(province) ?? [];
  return { body: { count: cities.length, cities: places(pageOf(cities, page)) } };
};

export const listCounties: Handler = (req) => {
  const city = queryString(req, 'city_code', { required: true, max: 64 })!;
  // offset and limit may not be sent empty here.
  const page = queryPage(req, 1000, { empty: 'reject' });
  const counties = COUNTIES.get(city) ?? [];
  return { body: { count: counties.length, counties: places(pageOf(counties, page)) } };
};

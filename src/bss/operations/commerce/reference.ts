/**
 * Reference data (bss-api-commerce.md §5): the product catalogue (service, resource and usage types),
 * measurement units and conversions, and the province/city/county lists. All read-only and cacheable.
 */
import { defineOperation } from '../spec.js';

// ---------------------------------------------------------------------------------------------------------
// 5.1 ListServiceTypes

export interface ListServiceTypesRequest {
  x_language?: string;
  /** 1–1000, default 10. */
  limit?: number;
  offset?: number;
  /** 1–128 characters; matches anywhere in the localised name. */
  service_type_name?: string;
}

export interface ServiceTypes {
  service_type_name?: string;
  service_type_code?: string;
  /** e.g. `ECS`. */
  abbreviation?: string;
}

export interface ListServiceTypesResponse {
  total_count?: number;
  service_types?: ServiceTypes[];
}

export const ListServiceTypes = defineOperation<ListServiceTypesRequest, ListServiceTypesResponse>({
  name: 'ListServiceTypes',
  method: 'GET',
  path: '/v2/products/service-types',
  caller: 'either',
  kind: 'read',
  query: ['limit', 'offset', 'service_type_name'],
  language: true,
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'service_types', in: 'query' },
});

// ---------------------------------------------------------------------------------------------------------
// 5.2 ListResourceTypes

export interface ListResourceTypesRequest {
  x_language?: string;
  limit?: number;
  offset?: number;
}

export interface ResourceTypes {
  resource_type_code?: string;
  resource_type_name?: string;
  resource_type_desc?: string;
  service_type_code?: string;
}

export interface ListResourceTypesResponse {
  total_count?: number;
  resource_types?: ResourceTypes[];
}

export const ListResourceTypes = defineOperation<ListResourceTypesRequest, ListResourceTypesResponse>({
  name: 'ListResourceTypes',
  method: 'GET',
  path: '/v2/products/resource-types',
  caller: 'either',
  kind: 'read',
  query: ['limit', 'offset'],
  language: true,
  page: { maxLimit: 1000, countField: 'total_count', itemsField: 'resource_types', in: 'query' },
});

// ---------------------------------------------------------------------------------------------------------
// 5.3 ListServiceResources

export interface ListServiceResourcesRequest {
  x_language?: string;
  service_type_code: string;
  limit?: number;
  offset?: number;
}

export interface ResourceBasicInfo {
  resource_type_code?: string;
  product_owner_service?: string;
  name?: string;
  description?: string;
}

export interface ServiceResourceInfo {
  basic_info?: ResourceBasicInfo;
}

export interface ListServiceResourcesResponse {
  total_count?: number;
  infos?: ServiceResourceInfo[];
}

export const ListServiceResources = defineOperation<ListServiceResourcesRequest, ListServiceResourcesResponse>({
  name: 'ListServiceResources',
  method: 'GET',
  path: '/v2/products/service-resources',
  caller: 'either',
  kind: 'read',
  query: ['service_type_code', 'limit', 'offset'],
  language: true,
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'infos', in: 'query' },
});

// ---------------------------------------------------------------------------------------------------------
// 5.4 ListUsageTypes

export interface ListUsageTypesRequest {
  x_language?: string;
  /** Absent: all; an empty value filters on an empty code. */
  resource_type_code?: string;
  offset?: number;
  limit?: number;
}

export interface UsageType {
  code?: string;
  name?: string;
  resource_type_code?: string;
  service_type_code?: string;
  resource_type_name?: string;
  service_type_name?: string;
}

export interface ListUsageTypesResponse {
  total_count?: number;
  usage_types?: UsageType[];
}

export const ListUsageTypes = defineOperation<ListUsageTypesRequest, ListUsageTypesResponse>({
  name: 'ListUsageTypes',
  method: 'GET',
  path: '/v2/products/usage-types',
  caller: 'either',
  kind: 'read',
  query: ['resource_type_code', 'offset', 'limit'],
  language: true,
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'usage_types', in: 'query' },
});

// ---------------------------------------------------------------------------------------------------------
// 5.5 ListMeasureUnits

export interface ListMeasureUnitsRequest {
  x_language?: string;
}

export interface MeasureUnitRest {
  measure_id?: number;
  measure_name?: string;
  abbreviation?: string;
  measure_type?: number;
}

export interface ListMeasureUnitsResponse {
  measure_units?: MeasureUnitRest[];
}

export const ListMeasureUnits = defineOperation<ListMeasureUnitsRequest, ListMeasureUnitsResponse>({
  name: 'ListMeasureUnits',
  method: 'GET',
  path: '/v2/bases/measurements',
  caller: 'either',
  kind: 'read',
  language: true,
});

// ---------------------------------------------------------------------------------------------------------
// 5.6 ListConversions

export interface ListConversionsRequest {
  x_language?: string;
  measure_type?: number;
}

export interface Conversion {
  measure_id?: number;
  ref_measure_id?: number;
  /** A long: 1 unit of `measure_id` = ratio units of `ref_measure_id`. */
  conversion_ratio?: number;
  measure_type?: number;
}

export interface ListConversionsResponse {
  conversions?: Conversion[];
}

export const ListConversions = defineOperation<ListConversionsRequest, ListConversionsResponse>({
  name: 'ListConversions',
  method: 'GET',
  path: '/v2/bases/conversions',
  caller: 'either',
  kind: 'read',
  query: ['measure_type'],
  language: true,
});

// ---------------------------------------------------------------------------------------------------------
// 5.7–5.9 ListProvinces, ListCities, ListCounties (Chinese names only; `code`/`name` always present)

export interface Province {
  code: string;
  name: string;
}
export type City = Province;
export type County = Province;

export interface ListProvincesRequest {
  x_language?: string;
  offset?: number;
  limit?: number;
}

export interface ListProvincesResponse {
  count?: number;
  provinces?: Province[];
}

export const ListProvinces = defineOperation<ListProvincesRequest, ListProvincesResponse>({
  name: 'ListProvinces',
  method: 'GET',
  path: '/v2/systems/configs/provinces',
  caller: 'either',
  kind: 'read',
  query: ['offset', 'limit'],
  language: true,
  page: { maxLimit: 1000, countField: 'count', itemsField: 'provinces', in: 'query' },
});

export interface ListCitiesRequest {
  x_language?: string;
  province_code: string;
  offset?: number;
  limit?: number;
}

export interface ListCitiesResponse {
  count?: number;
  cities?: City[];
}

export const ListCities = defineOperation<ListCitiesRequest, ListCitiesResponse>({
  name: 'ListCities',
  method: 'GET',
  path: '/v2/systems/configs/cities',
  caller: 'either',
  kind: 'read',
  query: ['province_code', 'offset', 'limit'],
  language: true,
  page: { maxLimit: 1000, countField: 'count', itemsField: 'cities', in: 'query' },
});

export interface ListCountiesRequest {
  x_language?: string;
  city_code: string;
  offset?: number;
  limit?: number;
}

export interface ListCountiesResponse {
  count?: number;
  counties?: County[];
}

export const ListCounties = defineOperation<ListCountiesRequest, ListCountiesResponse>({
  name: 'ListCounties',
  method: 'GET',
  path: '/v2/systems/configs/counties',
  caller: 'either',
  kind: 'read',
  query: ['city_code', 'offset', 'limit'],
  language: true,
  page: { maxLimit: 1000, countField: 'count', itemsField: 'counties', in: 'query' },
});

/**
 * Resources (bss-api-commerce.md §3): yearly/monthly and pay-per-use listings, and the subscription writes
 * (renew, unsubscribe, convert to pay-per-use on expiry, renewal settings, auto-renew on/off).
 */
import { defineOperation, type WireDecimal } from '../spec.js';
import type { EnterpriseProject, ErrorDetail, FailResourceInfo } from './common.js';

// ---------------------------------------------------------------------------------------------------------
// 3.1 ListPayPerUseCustomerResources (despite the name: yearly/monthly resources)

export interface QueryResourcesReq {
  /** 0–50 ids; with `only_main_resource: 0` each listed main resource brings its attached ones. */
  resource_ids?: string[];
  order_id?: string;
  /** 0 main and attached (default), 1 main only. */
  only_main_resource?: number;
  /** E10 codes: 2 in use, 3 closed, 4 frozen, 5 expired; 0–10 items. */
  status_list?: number[];
  offset?: number;
  limit?: number;
  expire_time_begin?: string;
  expire_time_end?: string;
  /** Absent or null: no filter; an empty string is rejected. */
  service_type_code?: string;
  /** Required when a partner asks. */
  customer_id?: string;
}

export interface ListPayPerUseCustomerResourcesRequest {
  body?: QueryResourcesReq;
}

export interface OrderInstanceV2 {
  /** Internal id of the instance before provisioning. */
  id?: string;
  resource_id?: string;
  resource_name?: string;
  region_code?: string;
  service_type_code?: string;
  service_type_name?: string;
  resource_type_code?: string;
  resource_type_name?: string;
  resource_spec_code?: string;
  project_id?: string;
  product_id?: string;
  parent_resource_id?: string;
  /** 0 attached, 1 main. */
  is_main_resource?: number;
  /** E10. */
  status?: number;
  effective_time?: string;
  expire_time?: string;
  /** E12; 3 = auto-renew on. */
  expire_policy?: number;
  product_spec_desc?: string;
  spec_size?: WireDecimal;
  spec_size_measure_id?: number;
  update_time?: string;
  enterprise_project?: EnterpriseProject;
}

export interface ListPayPerUseCustomerResourcesResponse {
  total_count?: number;
  data?: OrderInstanceV2[];
}

export const ListPayPerUseCustomerResources = defineOperation<ListPayPerUseCustomerResourcesRequest, ListPayPerUseCustomerResourcesResponse>({
  name: 'ListPayPerUseCustomerResources',
  method: 'POST',
  // `suscriptions` is Huawei's spelling.
  path: '/v2/orders/suscriptions/resources/query',
  caller: 'either',
  kind: 'read',
  hasBody: true,
  // 500 is unverified (bss-api-commerce.md §8): the simulator enforces it, but a client talking to the real
  // service should not page above the confirmed 100.
  page: { maxLimit: 500, countField: 'total_count', itemsField: 'data', in: 'body' },
  batch: { field: 'resource_ids', max: 50 },
});

// ---------------------------------------------------------------------------------------------------------
// 3.2 ListCustomerOnDemandResources

export interface QueryCustomerOnDemandResourcesReq {
  /** A resale (代售) customer of the caller. */
  customer_id: string;
  region_code?: string;
  service_type_code?: string;
  /** ≤ 50 ids. */
  resource_ids?: string[];
  effective_time_begin?: string;
  effective_time_end?: string;
  offset?: number;
  limit?: number;
  /** E11. */
  status?: number;
  indirect_partner_id?: string;
}

export interface ListCustomerOnDemandResourcesRequest {
  x_language?: string;
  body: QueryCustomerOnDemandResourcesReq;
}

export interface CustomerOnDemandResource {
  customer_id?: string;
  region_code?: string;
  availability_zone_code?: string;
  service_type_code?: string;
  service_type_name?: string;
  resource_type_code?: string;
  resource_type_name?: string;
  resource_id?: string;
  resource_name?: string;
  effective_time?: string;
  expire_time?: string;
  /** E11. */
  status?: number;
  resource_spec_code?: string;
  /** JSON encoded as a string, e.g. `{"specSize":40.0}`. */
  resource_info?: string;
  product_spec_desc?: string;
}

export interface ListCustomerOnDemandResourcesResponse {
  total_count?: number;
  resources?: CustomerOnDemandResource[];
}

export const ListCustomerOnDemandResources = defineOperation<ListCustomerOnDemandResourcesRequest, ListCustomerOnDemandResourcesResponse>({
  name: 'ListCustomerOnDemandResources',
  method: 'POST',
  path: '/v2/partners/sub-customers/on-demand-resources/query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  language: true,
  // 100 is unverified (bss-api-commerce.md §8).
  page: { maxLimit: 100, countField: 'total_count', itemsField: 'resources', in: 'body' },
  batch: { field: 'resource_ids', max: 50 },
});

// ---------------------------------------------------------------------------------------------------------
// 3.3 RenewalResources

export interface RenewalResourcesReq {
  /** 1–10 main resource ids. */
  resource_ids: string[];
  /** 2 month, 3 year. */
  period_type: number;
  /** Months 1–11, years 1–3. */
  period_num: number;
  /** 0 (default) leave the order pending payment, 1 pay automatically. */
  is_auto_pay?: number;
}

export interface RenewalResourcesRequest {
  body: RenewalResourcesReq;
}

export interface RenewalResourcesResponse {
  order_ids?: string[];
  fail_resource_infos?: FailResourceInfo[];
}

export const RenewalResources = defineOperation<RenewalResourcesRequest, RenewalResourcesResponse>({
  name: 'RenewalResources',
  method: 'POST',
  path: '/v2/orders/subscriptions/resources/renew',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
  batch: { field: 'resource_ids', max: 10 },
});

// ---------------------------------------------------------------------------------------------------------
// 3.4 CancelResourcesSubscription

export interface UnsubscribeResourcesReq {
  /** 1–10 main resource ids. */
  resource_ids: string[];
  /** 1 the resource and its renewed periods, 2 only the renewed (future) periods. */
  unsubscribe_type: number;
  /** 1 hard to use, 2 features missing, 3 too complex, 4 unhappy with service, 5 other. */
  unsubscribe_reason_type?: number;
  unsubscribe_reason?: string;
}

export interface CancelResourcesSubscriptionRequest {
  body: UnsubscribeResourcesReq;
}

export interface CancelResourcesSubscriptionResponse {
  order_ids?: string[];
  fail_resource_infos?: FailResourceInfo[];
}

export const CancelResourcesSubscription = defineOperation<CancelResourcesSubscriptionRequest, CancelResourcesSubscriptionResponse>({
  name: 'CancelResourcesSubscription',
  method: 'POST',
  path: '/v2/orders/subscriptions/resources/unsubscribe',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
  batch: { field: 'resource_ids', max: 10 },
});

// ---------------------------------------------------------------------------------------------------------
// 3.5 UpdatePeriodToOnDemand

export interface PeriodToOnDemandReq {
  operation: 'SET_UP' | 'CANCEL';
  /** ≤ 100 main resource ids. */
  resource_ids: string[];
}

export interface UpdatePeriodToOnDemandRequest {
  body: PeriodToOnDemandReq;
}

export interface UpdatePeriodToOnDemandResponse {
  /** Only the failed items; empty when all succeeded. */
  error_details?: ErrorDetail[];
}

export const UpdatePeriodToOnDemand = defineOperation<UpdatePeriodToOnDemandRequest, UpdatePeriodToOnDemandResponse>({
  name: 'UpdatePeriodToOnDemand',
  method: 'POST',
  path: '/v2/orders/subscriptions/resources/to-on-demand',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
  batch: { field: 'resource_ids', max: 100 },
});

// ---------------------------------------------------------------------------------------------------------
// 3.6 SetResourcesRenewConfig

export interface RenewResourceConfigReq {
  config_name: 'DEDUCTION_DATE' | 'EXPIRE_DATE';
  /** DEDUCTION_DATE: "2"…"7"; EXPIRE_DATE: "1"…"28" or "-1" (last day of the month). */
  config_value: string;
}

export interface SetResourcesRenewConfigRequest {
  body: RenewResourceConfigReq;
}

export interface SetResourcesRenewConfigResponse {
  error_code?: string;
  error_msg?: string;
}

export const SetResourcesRenewConfig = defineOperation<SetResourcesRenewConfigRequest, SetResourcesRenewConfigResponse>({
  name: 'SetResourcesRenewConfig',
  method: 'POST',
  path: '/v2/orders/subscriptions/resources/renew/config',
  caller: 'customer',
  kind: 'write',
  hasBody: true,
});

// ---------------------------------------------------------------------------------------------------------
// 3.7 AutoRenewalResources

export interface AutoRenewalResourcesReq {
  /** 0–99; 0 = unlimited. Absent on first enable = unlimited; absent later = unchanged. */
  auto_renew_times?: number;
}

export interface AutoRenewalResourcesRequest {
  resource_id: string;
  /** May be omitted entirely. */
  body?: AutoRenewalResourcesReq;
}

export const AutoRenewalResources = defineOperation<AutoRenewalResourcesRequest, void>({
  name: 'AutoRenewalResources',
  method: 'POST',
  path: '/v2/orders/subscriptions/resources/autorenew/{resource_id}',
  caller: 'customer',
  kind: 'write',
  pathParams: ['resource_id'],
  hasBody: true,
  // Empty SDK response model; 204 assumed (bss-api-commerce.md §8).
  successStatus: 204,
});

// ---------------------------------------------------------------------------------------------------------
// 3.8 CancelAutoRenewalResources

export interface CancelAutoRenewalResourcesRequest {
  resource_id: string;
}

export const CancelAutoRenewalResources = defineOperation<CancelAutoRenewalResourcesRequest, void>({
  name: 'CancelAutoRenewalResources',
  method: 'DELETE',
  path: '/v2/orders/subscriptions/resources/autorenew/{resource_id}',
  caller: 'customer',
  kind: 'write',
  pathParams: ['resource_id'],
  successStatus: 204,
});

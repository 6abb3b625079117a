/**
 * The partner's customers: create, list and search, identity checks before registration and the SMB
 * new-customer tags (bss-api-partners.md §2.1–§2.4).
 */
import { defineOperation } from '../spec.js';
import type { AccountManager } from './models.js';

// §2.1 CreateSubCustomer

export interface CreateCustomerV2Req {
  /** ≤ 128: the user's id on the partner's sales platform. */
  xaccount_id: string;
  /** ≤ 64: the platform identifier Huawei assigned to the partner. */
  xaccount_type: string;
  /** 5–32, `^([a-zA-Z_-]([a-zA-Z0-9_-])*)$`, not `op_`/`shadow_`, not all digits. Absent or `""`: random. */
  domain_name?: string;
  /** ≤ 32, mainland China. */
  mobile_phone?: string;
  /** 6 characters; `""` is not allowed. */
  verification_code?: string;
  /** 8–32; `""` is not allowed. */
  password?: string;
  /** `"true"` / `"false"` (default). */
  is_close_market_ms?: string;
  /** `"1"` consultative sales; anything else resale. Being withdrawn by Huawei. */
  cooperation_type?: string;
  /** Create the customer for this reseller. */
  indirect_partner_id?: string;
  /** Accepted and ignored: no response field carries the result. */
  include_association_result?: boolean;
}

export interface CreateSubCustomerRequest {
  body: CreateCustomerV2Req;
}

export interface CreateSubCustomerResponse {
  /** The new customer's id (its `customer_id` everywhere else); also returned with `CBC.99000050`. */
  domain_id?: string;
  domain_name?: string;
  error_code?: string;
  error_msg?: string;
}

export const CreateSubCustomer = defineOperation<CreateSubCustomerRequest, CreateSubCustomerResponse>({
  name: 'CreateSubCustomer',
  method: 'POST',
  path: '/v2/partners/sub-customers',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §2.2 ListSubCustomers

export interface QuerySubCustomerListReq {
  /** ≤ 64, fuzzy, no spaces. */
  account_name?: string;
  /** ≤ 64: the real-name-authentication name, fuzzy. */
  customer?: string;
  /** 0–40000000. */
  offset?: number;
  /** ≤ 100, default 10. */
  limit?: number;
  /** ≤ 64, fuzzy, case-sensitive, no spaces. */
  label?: string;
  association_type?: '1' | '2';
  /** UTC; `""` is not supported. */
  associated_on_begin?: string;
  associated_on_end?: string;
  /** Exact single-customer filter. */
  customer_id?: string;
  indirect_partner_id?: string;
}

export interface ListSubCustomersRequest {
  body?: QuerySubCustomerListReq;
}

export interface CustomerInformation {
  customer?: string;
  account_name: string;
  customer_id: string;
  associated_on?: string;
  /** `"1"` consultative sales, `"2"` resale. */
  association_type?: string;
  label?: string;
  telephone?: string;
  /** `"-1"` not authenticated, `"0"` under review, `"1"` rejected, `"2"` authenticated. */
  verified_status?: string;
  country_code?: string;
  /** -1 no type yet, 0 individual, 1 enterprise. */
  customer_type?: number;
  /** 0 no, 1 account frozen, 2 account and resources frozen. */
  is_frozen?: number;
  account_managers?: AccountManager[];
  xaccount_id?: string;
  xaccount_type?: string;
  customer_level?: string;
  email?: string;
}

export interface ListSubCustomersResponse {
  count?: number;
  customer_infos?: CustomerInformation[];
}

export const ListSubCustomers = defineOperation<ListSubCustomersRequest, ListSubCustomersResponse>({
  name: 'ListSubCustomers',
  method: 'POST',
  path: '/v2/partners/sub-customers/query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  page: { maxLimit: 100, countField: 'count', itemsField: 'customer_infos', in: 'body' },
});

// §2.3 CheckUserIdentity

export interface CheckSubcustomerUserReq {
  search_type: 'email' | 'mobile' | 'name';
  /** ≤ 64. mobile `0086-13XXXXXXXXX`; email with `@`; name as a `domain_name`. */
  search_value: string;
}

export interface CheckUserIdentityRequest {
  body: CheckSubcustomerUserReq;
}

export interface CheckUserIdentityResponse {
  error_code?: string;
  error_msg?: string;
  /** `available` or `used_by_user`. */
  check_result?: string;
  /** Only for `search_type=mobile`. */
  mobile_remain_available_num?: number;
}

export const CheckUserIdentity = defineOperation<CheckUserIdentityRequest, CheckUserIdentityResponse>({
  name: 'CheckUserIdentity',
  method: 'POST',
  path: '/v2/partners/sub-customers/users/check-identity',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
});

// §2.4 ListSubCustomerNewTag

export interface ListSubCustomerNewTagReq {
  /** 0–200 ids; not sent, empty or null: every customer, paged. */
  customer_ids?: string[];
  /** Applies even with `customer_ids`. */
  offset?: number;
  /** ≤ 200, default 10: send `customer_ids.length` when batching. */
  limit?: number;
  indirect_partner_id?: string;
}

export interface ListSubCustomerNewTagRequest {
  body?: ListSubCustomerNewTagReq;
}

export interface NewCustomerTagItem {
  customer_id?: string;
  /** `SMB`. */
  customer_tag_type?: string;
  /** `Y`, `N` or `UNDETERMINED`; empty for customers without real-name authentication. */
  new_customer_tag?: string;
  /** `YYYY-MM`. */
  effective_time?: string;
  expire_time?: string;
}

export interface ListSubCustomerNewTagResponse {
  new_customer_tags?: NewCustomerTagItem[];
}

export const ListSubCustomerNewTag = defineOperation<ListSubCustomerNewTagRequest, ListSubCustomerNewTagResponse>({
  name: 'ListSubCustomerNewTag',
  method: 'POST',
  path: '/v2/partners/sub-customers/new-customers-tags/batch-query',
  caller: 'partner',
  kind: 'read',
  hasBody: true,
  page: { maxLimit: 200, countField: null, itemsField: 'new_customer_tags', in: 'body' },
  batch: { field: 'customer_ids', max: 200 },
});

/**
 * Real-name authentication applied for a customer by its partner, and the manual-review result
 * (bss-api-partners.md §2.10–§2.13).
 */
import { defineOperation } from '../spec.js';

// §2.10 CreatePersonalRealnameAuth

export interface BankCardInfoV2 {
  bank_account: string;
  areacode: string;
  mobile: string;
  verification_code: string;
}

export interface ApplyIndividualRealnameAuthsReq {
  customer_id: string;
  /** 0 individual certificate, 4 individual bank card. */
  identify_type: number;
  /** Required when identify_type is 0: 3, 5, 6, 9 or 10. */
  verified_type?: number;
  /** ≤ 4 ordered paths relative to the OBS bucket's `download/` directory. */
  verified_file_url: string[];
  /** ≤ 255. */
  name: string;
  /** ≤ 32. */
  verified_number: string;
  /** -1 first-time authentication. */
  change_type?: number;
  xaccount_type: string;
  /** Needed for identify_type 4. */
  bank_card_info?: BankCardInfoV2;
}

export interface CreatePersonalRealnameAuthRequest {
  body: ApplyIndividualRealnameAuthsReq;
}

export interface RealnameApplicationResponse {
  /** 0 no manual review needed, 1 manual review (poll §2.13). */
  is_review?: number;
}

export type CreatePersonalRealnameAuthResponse = RealnameApplicationResponse;

export const CreatePersonalRealnameAuth = defineOperation<CreatePersonalRealnameAuthRequest, CreatePersonalRealnameAuthResponse>({
  name: 'CreatePersonalRealnameAuth',
  method: 'POST',
  path: '/v2/customers/realname-auths/individual',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §2.11 CreateEnterpriseRealnameAuthentication

export interface EnterprisePersonNew {
  /** The legal representative's name (Huawei's spelling). */
  legel_name: string;
  legel_id_number: string;
  /** `legalPerson`: the legal representative. */
  certifier_role?: string;
}

export interface ApplyEnterpriseRealnameAuthsReq {
  customer_id: string;
  /** 1 organisation certificate. */
  identify_type: number;
  /** 0, 1, 2, 3, 4 or 99. */
  certificate_type?: number;
  verified_file_url: string[];
  corp_name: string;
  verified_number: string;
  /** Two-letter country code. */
  reg_country?: string;
  reg_address?: string;
  xaccount_type: string;
  enterprise_person?: EnterprisePersonNew;
}

export interface CreateEnterpriseRealnameAuthenticationRequest {
  body: ApplyEnterpriseRealnameAuthsReq;
}

export type CreateEnterpriseRealnameAuthenticationResponse = RealnameApplicationResponse;

export const CreateEnterpriseRealnameAuthentication = defineOperation<
  CreateEnterpriseRealnameAuthenticationRequest,
  CreateEnterpriseRealnameAuthenticationResponse
>({
  name: 'CreateEnterpriseRealnameAuthentication',
  method: 'POST',
  path: '/v2/customers/realname-auths/enterprise',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §2.12 ChangeEnterpriseRealnameAuthentication (PUT, same path as §2.11)

export interface ChangeEnterpriseRealnameAuthsReq {
  customer_id: string;
  identify_type: number;
  certificate_type?: number;
  verified_file_url: string[];
  corp_name: string;
  verified_number: string;
  reg_country?: string;
  reg_address?: string;
  /** 1 individual → enterprise. */
  change_type: number;
  xaccount_type: string;
  enterprise_person?: EnterprisePersonNew;
}

export interface ChangeEnterpriseRealnameAuthenticationRequest {
  body: ChangeEnterpriseRealnameAuthsReq;
}

export type ChangeEnterpriseRealnameAuthenticationResponse = RealnameApplicationResponse;

export const ChangeEnterpriseRealnameAuthentication = defineOperation<
  ChangeEnterpriseRealnameAuthenticationRequest,
  ChangeEnterpriseRealnameAuthenticationResponse
>({
  name: 'ChangeEnterpriseRealnameAuthentication',
  method: 'PUT',
  path: '/v2/customers/realname-auths/enterprise',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
});

// §2.13 ShowRealnameAuthenticationReviewResult

export interface ShowRealnameAuthenticationReviewResultRequest {
  customer_id: string;
}

export interface ShowRealnameAuthenticationReviewResultResponse {
  /** 0 under review, 1 rejected, 2 approved; absent when no application was submitted. */
  review_result?: number;
  /** Only when rejected. */
  opinion?: string;
}

export const ShowRealnameAuthenticationReviewResult = defineOperation<
  ShowRealnameAuthenticationReviewResultRequest,
  ShowRealnameAuthenticationReviewResultResponse
>({
  name: 'ShowRealnameAuthenticationReviewResult',
  method: 'GET',
  path: '/v2/customers/realname-auths/result',
  caller: 'partner',
  kind: 'read',
  query: ['customer_id'],
});

/** The partner endpoint group's handlers (bss-api-partners.md), keyed by SDK operation name. */
import type { Handler } from '../../handler.js';
import { listIndirectPartners } from './indirect-partners.js';
import {
  listPartnerAccountChangeRecords, listPartnerAdjustRecords, listPartnerBalances, reclaimIndirectPartnerAccount, updateIndirectPartnerAccount,
} from './accounts.js';
import {
  listCouponQuotasRecords, listIssuedCouponQuotas, listQuotaCoupons, reclaimCouponQuotas, updateCouponQuotas,
} from './coupon-quotas.js';
import { checkUserIdentity, createSubCustomer, listSubCustomerNewTag, listSubCustomers } from './customers.js';
import {
  listCustomerAccountChangeRecords, listCustomersBalancesDetail, reclaimToPartnerAccount, showCustomerAccountBalances, updateCustomerAccountAmount,
} from './customer-accounts.js';
import {
  changeEnterpriseRealnameAuthentication, createEnterpriseRealnameAuthentication, createPersonalRealnameAuth,
  showRealnameAuthenticationReviewResult,
} from './realname.js';
import { batchSetSubCustomerDiscount, listSubCustomerDiscounts } from './discounts.js';
import { sendVerificationMessageCode } from './verification.js';
import {
  createPartnerCoupons, listCustomerCouponChangeRecords, listIssuedPartnerCoupons, listPartnerCouponsRecord, listSubCustomerCoupons,
  reclaimPartnerCoupons,
} from './coupons.js';

export const partnersHandlers: Readonly<Record<string, Handler>> = {
  ListIndirectPartners: listIndirectPartners,
  ListPartnerBalances: listPartnerBalances,
  UpdateIndirectPartnerAccount: updateIndirectPartnerAccount,
  ReclaimIndirectPartnerAccount: reclaimIndirectPartnerAccount,
  ListPartnerAdjustRecords: listPartnerAdjustRecords,
  ListPartnerAccountChangeRecords: listPartnerAccountChangeRecords,
  ListQuotaCoupons: listQuotaCoupons,
  ListCouponQuotasRecords: listCouponQuotasRecords,
  UpdateCouponQuotas: updateCouponQuotas,
  ReclaimCouponQuotas: reclaimCouponQuotas,
  ListIssuedCouponQuotas: listIssuedCouponQuotas,
  CreateSubCustomer: createSubCustomer,
  ListSubCustomers: listSubCustomers,
  CheckUserIdentity: checkUserIdentity,
  ListSubCustomerNewTag: listSubCustomerNewTag,
  ListCustomersBalancesDetail: listCustomersBalancesDetail,
  ShowCustomerAccountBalances: showCustomerAccountBalances,
  ListCustomerAccountChangeRecords: listCustomerAccountChangeRecords,
  UpdateCustomerAccountAmount: updateCustomerAccountAmount,
  ReclaimToPartnerAccount: reclaimToPartnerAccount,
  CreatePersonalRealnameAuth: createPersonalRealnameAuth,
  CreateEnterpriseRealnameAuthentication: createEnterpriseRealnameAuthentication,
  ChangeEnterpriseRealnameAuthentication: changeEnterpriseRealnameAuthentication,
  ShowRealnameAuthenticationReviewResult: showRealnameAuthenticationReviewResult,
  SendVerificationMessageCode: sendVerificationMessageCode,
  ListIssuedPartnerCoupons: listIssuedPartnerCoupons,
  CreatePartnerCoupons: createPartnerCoupons,
  ReclaimPartnerCoupons: reclaimPartnerCoupons,
  ListPartnerCouponsRecord: listPartnerCouponsRecord,
  ListSubCustomerCoupons: listSubCustomerCoupons,
  ListCustomerCouponChangeRecords: listCustomerCouponChangeRecords,
  // RETIRED §2.14 (removed from the SDK in 0.0.83).
  BatchSetSubCustomerDiscount: batchSetSubCustomerDiscount,
  ListSubCustomerDiscounts: listSubCustomerDiscounts,
};

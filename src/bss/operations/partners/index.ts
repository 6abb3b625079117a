/**
 * The partner endpoint group (bss-api-partners.md): indirect partners, partner funds and coupon quotas
 * (§1), customers (§2) and coupons (§3). The 31 operations of the current SDK plus the two retired
 * `/v2/partners/discounts` ones (§2.14), which the simulator serves but the gateway must not use.
 */
import type { OperationSpec } from '../spec.js';
import { ListIndirectPartners } from './indirect-partners.js';
import {
  ListPartnerAccountChangeRecords, ListPartnerAdjustRecords, ListPartnerBalances, ReclaimIndirectPartnerAccount,
  UpdateIndirectPartnerAccount,
} from './accounts.js';
import {
  ListCouponQuotasRecords, ListIssuedCouponQuotas, ListQuotaCoupons, ReclaimCouponQuotas, UpdateCouponQuotas,
} from './coupon-quotas.js';
import { CheckUserIdentity, CreateSubCustomer, ListSubCustomerNewTag, ListSubCustomers } from './customers.js';
import {
  ListCustomerAccountChangeRecords, ListCustomersBalancesDetail, ReclaimToPartnerAccount, ShowCustomerAccountBalances,
  UpdateCustomerAccountAmount,
} from './customer-accounts.js';
import {
  ChangeEnterpriseRealnameAuthentication, CreateEnterpriseRealnameAuthentication, CreatePersonalRealnameAuth,
  ShowRealnameAuthenticationReviewResult,
} from './realname.js';
import { BatchSetSubCustomerDiscount, ListSubCustomerDiscounts } from './discounts.js';
import { SendVerificationMessageCode } from './verification.js';
import {
  CreatePartnerCoupons, ListCustomerCouponChangeRecords, ListIssuedPartnerCoupons, ListPartnerCouponsRecord,
  ListSubCustomerCoupons, ReclaimPartnerCoupons,
} from './coupons.js';

export * from './models.js';
export * from './indirect-partners.js';
export * from './accounts.js';
export * from './coupon-quotas.js';
export * from './customers.js';
export * from './customer-accounts.js';
export * from './realname.js';
export * from './discounts.js';
export * from './verification.js';
export * from './coupons.js';

/** The operations removed from the SDK in 0.0.83 (§2.14): simulated, never to be called by the gateway. */
export const retiredPartnerOperations: readonly OperationSpec[] = [BatchSetSubCustomerDiscount, ListSubCustomerDiscounts];

export const partnerOperations: readonly OperationSpec[] = [
  // §1 indirect partners, partner funds, coupon quotas
  ListIndirectPartners,
  ListPartnerBalances,
  UpdateIndirectPartnerAccount,
  ReclaimIndirectPartnerAccount,
  ListPartnerAdjustRecords,
  ListPartnerAccountChangeRecords,
  ListQuotaCoupons,
  ListCouponQuotasRecords,
  UpdateCouponQuotas,
  ReclaimCouponQuotas,
  ListIssuedCouponQuotas,
  // §2 customers
  CreateSubCustomer,
  ListSubCustomers,
  CheckUserIdentity,
  ListSubCustomerNewTag,
  ListCustomersBalancesDetail,
  ShowCustomerAccountBalances,
  ListCustomerAccountChangeRecords,
  UpdateCustomerAccountAmount,
  ReclaimToPartnerAccount,
  CreatePersonalRealnameAuth,
  CreateEnterpriseRealnameAuthentication,
  ChangeEnterpriseRealnameAuthentication,
  ShowRealnameAuthenticationReviewResult,
  SendVerificationMessageCode,
  // §3 coupons
  ListIssuedPartnerCoupons,
  CreatePartnerCoupons,
  ReclaimPartnerCoupons,
  ListPartnerCouponsRecord,
  ListSubCustomerCoupons,
  ListCustomerCouponChangeRecords,
  // §2.14 RETIRED (removed from the SDK in 0.0.83); kept last so the 31 current ones come first.
  ...retiredPartnerOperations,
];

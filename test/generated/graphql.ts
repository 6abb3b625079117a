/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Kind of a partner account balance (bss-api-partners.md §1.2 `account_type`). */
export type AccountType =
  /** Funds the partner may allocate to customers (可拨款), `account_type` 8. */
  | 'ALLOCATABLE'
  /** Bonus (奖励金), `account_type` 5. */
  | 'BONUS'
  /** Cash balance (现金账户), `account_type` 1. */
  | 'CASH'
  /** Credit line (信用账户), `account_type` 2. */
  | 'CREDIT'
  /** Deposit or margin (保证金), `account_type` 7. */
  | 'DEPOSIT'
  /** A code this version of the schema does not know yet; see `accountTypeCode`. */
  | 'UNKNOWN';

/** How a customer is associated with its partner (ListSubCustomers `association_type`, bss-api-partners.md §0.1, §2.2). */
export type AssociationType =
  /** Consultative sales / referral (顾问销售), `association_type` "1": the customer pays Huawei itself; its balance and coupons are not the partner's. */
  | 'CONSULTATIVE_SALES'
  /** Resale (代售), `association_type` "2": the partner funds the customer's account. */
  | 'RESALE'
  /** A code this version of the schema does not know yet; see `associationTypeCode`. */
  | 'UNKNOWN';

/** Bill type of a consumption (detail) record (E2: `bill_detail_type` of ListSubCustomerBillDetail, `bill_type` of the customer detail endpoints). Not the same list as `MonthlyBillType` (E3). */
export type BillDetailType =
  /** Adjustment – deduction, E2 `16`. */
  | 'ADJUSTMENT_DEDUCTION'
  /** Consumption – auto-renewal, E2 `8` (`tradeId` is an order id). */
  | 'AUTO_RENEWAL'
  /** Adjustment – compensation, E2 `9`. */
  | 'COMPENSATION'
  /** Refund – yearly/monthly converted to pay-per-use, E2 `24`. */
  | 'CONVERTED_TO_ON_DEMAND_REFUND'
  /** Consumption – hourly billing, E2 `12` (listed only by some doc versions). */
  | 'HOURLY_BILLING'
  /** Consumption – modification, E2 `3` (`tradeId` is an order id). */
  | 'MODIFICATION'
  /** Refund – modification, E2 `20`. */
  | 'MODIFICATION_REFUND'
  /** Consumption – monthly payment, E2 `18`. */
  | 'MONTHLY_PAYMENT'
  /** Consumption – new purchase, E2 `1` (`tradeId` is an order id). */
  | 'NEW_PURCHASE'
  /** Consumption – renewal, E2 `2` (`tradeId` is an order id). */
  | 'RENEWAL'
  /** Consumption – rounding make-up deduction, E2 `25`. */
  | 'ROUNDING_DEDUCTION'
  /** Consumption – savings-plan deduction, E2 `23`. */
  | 'SAVINGS_PLAN_DEDUCTION'
  /** Consumption – support-plan month-end deduction, E2 `14`. */
  | 'SUPPORT_PLAN_DEDUCTION'
  /** A code this version of the schema does not know yet; see `billTypeCode`. */
  | 'UNKNOWN'
  /** Refund – unsubscription, E2 `4` (`tradeId` is an order id); negative amounts. */
  | 'UNSUBSCRIPTION'
  /** Consumption – unsubscription fee, E2 `13` (listed only by some doc versions). */
  | 'UNSUBSCRIPTION_FEE'
  /** Consumption – usage (pay-per-use), E2 `5`. */
  | 'USAGE'
  /** Consumption – yearly payment, E2 `103`. */
  | 'YEARLY_PAYMENT';

/** How consumption is charged (bss-api-commerce.md §0.8 E1: `charge_mode` / `charging_mode`; a string on ListSubcustomerMonthlyBills, an int elsewhere). */
export type ChargeMode =
  /** Pay-per-use (按需), E1 `3`. */
  | 'ON_DEMAND'
  /** Reserved instance (预留实例), E1 `10`. */
  | 'RESERVED_INSTANCE'
  /** Savings plan (节省计划), E1 `11`. */
  | 'SAVINGS_PLAN'
  /** A code this version of the schema does not know yet; see `chargeModeCode`. */
  | 'UNKNOWN'
  /** Yearly/monthly prepaid subscription (包年/包月), E1 `1`. */
  | 'YEARLY_MONTHLY';

/** Status of a coupon (`status` of ListIssuedPartnerCoupons §3.1 and ListSubCustomerCoupons §3.5). */
export type CouponStatus =
  /** Expired, `status` 4. */
  | 'EXPIRED'
  /** Not activated yet, `status` 1. */
  | 'NOT_ACTIVATED'
  /** Reclaimed by the issuer, `status` 5. */
  | 'RECLAIMED'
  /** A code this version of the schema does not know yet; see `statusCode`. */
  | 'UNKNOWN'
  /** Usable, `status` 2. */
  | 'USABLE'
  /** Used up, `status` 3. */
  | 'USED';

/** Bill type of a partner monthly sum (E3, the string `bill_type` of ListSubcustomerMonthlyBills). Not the same list as `BillDetailType` (E2) or `CustomerBillType` (E4). */
export type MonthlyBillType =
  /** Consumption (normal), E3 `"0"`. */
  | 'CONSUMPTION'
  /** A code this version of the schema does not know yet; see `billTypeCode`. */
  | 'UNKNOWN'
  /** Unsubscription, E3 `"1"`; its amounts are negative. */
  | 'UNSUBSCRIPTION'
  /** Huawei write-off, E3 `"2"`; its amounts are negative. */
  | 'WRITE_OFF';

/** Status of an order (bss-api-commerce.md §0.8 E7, the `status` of ListCustomerOrders and ShowCustomerOrderDetails). */
export type OrderStatus =
  /** Awaiting pickup (待上门取货), `status` 12 (hardware). */
  | 'AWAITING_PICKUP'
  /** Cancelled (已取消), `status` 4. */
  | 'CANCELLED'
  /** Completed (已完成), `status` 5. */
  | 'COMPLETED'
  /** Pending approval (待审核), `status` 1. */
  | 'PENDING_APPROVAL'
  /** Pending confirmation (待确认), `status` 9. */
  | 'PENDING_CONFIRMATION'
  /** Pending payment (待支付), `status` 6. */
  | 'PENDING_PAYMENT'
  /** Pending receipt (待收货), `status` 11 (hardware). */
  | 'PENDING_RECEIPT'
  /** Pending refund (待退款), `status` 2. */
  | 'PENDING_REFUND'
  /** Pending shipment (待发货), `status` 10 (hardware). */
  | 'PENDING_SHIPMENT'
  /** Processing (处理中), `status` 3. */
  | 'PROCESSING'
  /** Replacement in progress (换新中), `status` 13 (hardware). */
  | 'REPLACEMENT_IN_PROGRESS'
  /** A code this version of the schema does not know yet; see `statusCode`. */
  | 'UNKNOWN';

/** Kind of an order (E8 `order_type`: an int in responses, a string in the ListCustomerOrders filter). */
export type OrderType =
  /** Fee adjustment (费用调整), `order_type` 15. */
  | 'FEE_ADJUSTMENT'
  /** Modification: upgrade or downgrade (变更), `order_type` 3. */
  | 'MODIFICATION'
  /** New purchase (新购), `order_type` 1. */
  | 'NEW_PURCHASE'
  /** Pay-per-use converted to yearly/monthly (按需转包年/包月), `order_type` 11. */
  | 'ON_DEMAND_TO_YEARLY_MONTHLY'
  /** Renewal (续订), `order_type` 2. */
  | 'RENEWAL'
  /** Trial (试用), `order_type` 13. */
  | 'TRIAL'
  /** Trial converted to commercial use (转商用), `order_type` 14. */
  | 'TRIAL_TO_COMMERCIAL'
  /** A code this version of the schema does not know yet; see `orderTypeCode`. */
  | 'UNKNOWN'
  /** Unsubscription (退订), `order_type` 4; its amounts are negative. */
  | 'UNSUBSCRIPTION'
  /** Yearly/monthly converted to pay-per-use (包年/包月转按需), `order_type` 10. */
  | 'YEARLY_MONTHLY_TO_ON_DEMAND';

/** Where a real-name authentication application stands (`review_result`). */
export type RealNameReviewStatus =
  /** Approved (`2`). */
  | 'APPROVED'
  /** Rejected (`1`); see `opinion`. */
  | 'REJECTED'
  /** Under review (`0`). */
  | 'UNDER_REVIEW';

/** Status of a resource, one list over the two upstream ones: E10 (`status` of ListPayPerUseCustomerResources, yearly/monthly) and E11 (`status` of ListCustomerOnDemandResources, pay-per-use). The raw code is in `statusCode`. */
export type ResourceStatus =
  /** A change is being applied: E11 4 (pay-per-use only). */
  | 'CHANGING'
  /** Closed or released: E10 3 (hidden in the console) or E11 6. */
  | 'CLOSED'
  /** Being deleted: E11 5 (pay-per-use only). */
  | 'CLOSING'
  /** The paid period ended and the resource waits for renewal: E10 5 (yearly/monthly only). */
  | 'EXPIRED'
  /** Frozen: E10 4 or E11 3. */
  | 'FROZEN'
  /** In the grace period after running out of funds: E11 2 (pay-per-use only). */
  | 'GRACE_PERIOD'
  /** In use: E10 2 (yearly/monthly, 正常) or E11 1 (pay-per-use, provisioned). */
  | 'IN_USE'
  /** A code this version of the schema does not know yet; see `statusCode`. */
  | 'UNKNOWN';

export type ContractPartnerQueryVariables = Exact<{ [key: string]: never; }>;


export type ContractPartnerQuery = { partner: { id: string, domainId: string, balances: Array<{ accountType: AccountType, amount: string, currency: string }> | null, indirectPartners: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, indirectPartnerId: string, name: string | null, customers: { totalCount: number | null, nodes: Array<{ id: string, customerId: string }> } | null }> } | null } };

export type ContractCustomersQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ContractCustomersQuery = { partner: { customers: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, customerId: string, accountName: string, name: string | null, associationType: AssociationType, indirectPartner: { indirectPartnerId: string, name: string | null } | null, balance: { amount: string | null, debtAmount: string | null, currency: string | null } | null } }> } | null } };

export type ContractCustomerQueryVariables = Exact<{
  customerId: string;
}>;


export type ContractCustomerQuery = { customer: { id: string, customerId: string, orders: { totalCount: number | null, nodes: Array<{ id: string, orderId: string, status: OrderStatus, orderType: OrderType, officialAmount: string | null, amountAfterDiscount: string | null, createdAt: string | null, serviceType: { code: string, name: string } | null }> } | null, resources: { totalCount: number | null, nodes: Array<
        | { id: string, resourceId: string, status: ResourceStatus, expireTime: string | null, serviceType: { code: string, name: string } | null, resourceType: { code: string, name: string } | null }
        | { id: string, resourceId: string, status: ResourceStatus, expireTime: string | null, serviceType: { code: string, name: string } | null, resourceType: { code: string, name: string } | null }
      > } | null, coupons: { totalCount: number | null, nodes: Array<{ id: string, couponId: string, faceValue: string | null, balance: string | null, status: CouponStatus }> } | null } | null };

export type ContractMonthlyBillsQueryVariables = Exact<{
  cycle: string;
  first: number;
  after?: string | null | undefined;
}>;


export type ContractMonthlyBillsQuery = { partner: { monthlyBills: { totalCount: number | null, nodes: Array<{ billType: MonthlyBillType, chargeMode: ChargeMode, amount: string, debtAmount: string | null, discountAmount: string | null, customer: { customerId: string } | null, serviceType: { code: string, name: string }, resourceType: { code: string, name: string } }> } | null } };

export type ContractConsumptionQueryVariables = Exact<{
  customerId: string;
  cycle: string;
}>;


export type ContractConsumptionQuery = { customer: { consumption: { total: string | null, byServiceType: Array<{ amount: string, serviceType: { code: string, name: string } }> | null, records: { totalCount: number | null, nodes: Array<{ resourceId: string | null, chargeMode: ChargeMode, billType: BillDetailType, officialAmount: string, paymentAmount: string, serviceType: { code: string }, resourceType: { code: string }, usage: { amount: string, unit: { id: number, name: string } | null } | null }> } | null } | null } | null };

export type ContractNodeQueryVariables = Exact<{
  id: string | number;
}>;


export type ContractNodeQuery = { node:
    | { __typename: 'ConsumptionRecord', id: string }
    | { __typename: 'Coupon', id: string }
    | { __typename: 'CouponQuota', id: string }
    | { __typename: 'CouponRecord', id: string }
    | { __typename: 'Customer', id: string }
    | { __typename: 'HeldCoupon', id: string }
    | { __typename: 'IndirectPartner', id: string }
    | { __typename: 'MonthlyBill', id: string }
    | { __typename: 'OnDemandResource', id: string }
    | { __typename: 'Order', id: string }
    | { __typename: 'Partner', id: string }
    | { __typename: 'PeriodResource', id: string }
    | { __typename: 'QuotaRecord', id: string }
   | null };

export type ContractReferenceQueryVariables = Exact<{ [key: string]: never; }>;


export type ContractReferenceQuery = { serviceTypes: Array<{ code: string, name: string }>, resourceTypes: Array<{ code: string, name: string }>, measureUnits: Array<{ id: number, name: string, abbreviation: string | null }>, conversions: Array<{ fromMeasureId: number, toMeasureId: number, ratio: string }> };

export type ReadsCustomerCostsQueryVariables = Exact<{
  customerId: string;
  cycle: string;
}>;


export type ReadsCustomerCostsQuery = { customer: { customerId: string, feeRecords: { totalCount: number | null, nodes: Array<{ tradeId: string | null, tradeTime: string | null, billType: BillDetailType, chargeMode: ChargeMode, consumeAmount: string, cashAmount: string, couponAmount: string, serviceType: { code: string, name: string } | null }> } | null, resourceBills: { totalCount: number | null, nodes: Array<{ resourceId: string | null, resourceName: string | null, billDate: string | null, usage: string | null, usageMeasureId: number | null, officialAmount: string, amount: string }> } | null, resourceDetailBills: { totalCount: number | null, nodes: Array<{ resourceId: string | null, consumeAmount: string, enterpriseProject: { id: string | null, name: string | null } | null, region: { code: string, name: string | null } | null }> } | null, amortizedCosts: { totalCount: number | null, nodes: Array<{ resourceId: string | null, orderId: string | null, consumeAmount: string, currentMonthAmortizedAmount: string, futureMonthsAmortizedAmount: string }> } | null, percentileUsage: { totalCount: number | null, nodes: Array<{ resourceId: string | null, actualDays: string | null, bandwidth: string | null, monthlyPeakBandwidth: string | null, bandwidthMeasureId: number | null }> } | null } | null };

export type ReadsPriceQuoteQueryVariables = Exact<{ [key: string]: never; }>;


export type ReadsPriceQuoteQuery = { onDemandQuote: { currency: string | null, amount: string | null, officialAmount: string, products: Array<{ id: string, productId: string | null, officialAmount: string, amount: string | null }> } | null, periodQuote: { currency: string | null, officialAmount: string, amount: string | null, discounts: Array<{ discountId: string | null, name: string | null, amount: string, bestOffer: boolean }> } | null };

export type ReadsServiceResourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type ReadsServiceResourcesQuery = { serviceTypes: Array<{ code: string, name: string, resources: Array<{ name: string | null, description: string | null, resourceType: { code: string, name: string } }> | null }> };

export type ReadsCustomerChecksQueryVariables = Exact<{
  customerId: string;
}>;


export type ReadsCustomerChecksQuery = { customer: { customerId: string, realNameReview: { status: RealNameReviewStatus | null, opinion: string | null } | null } | null, customerIdentityCheck: { available: boolean | null, result: string | null } | null };

export type ContractConsumptionSyncQueryVariables = Exact<{ [key: string]: never; }>;


export type ContractConsumptionSyncQuery = { consumptionSync: { cycles: Array<{ cycle: string, complete: boolean, customersSynced: number, customersTotal: number, records: number, syncedAt: string | null }> } };

export type ContractAllocateCustomerFundsMutationVariables = Exact<{
  customerId: string;
  amount: string;
  idempotencyKey: string;
}>;


export type ContractAllocateCustomerFundsMutation = { allocateCustomerFunds: { transferId: string | null, replayed: boolean, customer: { customerId: string, balance: { amount: string | null } | null } } };

export type ContractReclaimCustomerFundsMutationVariables = Exact<{
  customerId: string;
  amount: string;
  idempotencyKey: string;
}>;


export type ContractReclaimCustomerFundsMutation = { reclaimCustomerFunds: { transferId: string | null, replayed: boolean, customer: { customerId: string, balance: { amount: string | null } | null } } };

export type ContractAllocateResellerFundsMutationVariables = Exact<{
  indirectPartnerId: string;
  amount: string;
  idempotencyKey: string;
}>;


export type ContractAllocateResellerFundsMutation = { allocateResellerFunds: { transferId: string | null, replayed: boolean, indirectPartner: { indirectPartnerId: string, balances: Array<{ accountType: AccountType, amount: string }> | null } } };

export type ContractIssueCouponsMutationVariables = Exact<{
  quotaId: string;
  customerIds: Array<string> | string;
  faceValue: string;
  idempotencyKey: string;
}>;


export type ContractIssueCouponsMutation = { issueCoupons: { replayed: boolean, issued: Array<{ customer: { customerId: string }, coupon: { couponId: string, faceValue: string | null } }>, failed: Array<{ customerId: string, code: string, message: string }> } };

export type PartnerSliceQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerSliceQuery = { partner: { id: string, domainId: string, balances: Array<{ accountType: AccountType, accountTypeCode: number, amount: string, designatedAmount: string | null, currency: string }> | null }, serviceTypes: Array<{ code: string, name: string, abbreviation: string | null }> };


export const ContractPartnerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractPartner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domainId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"indirectPartners"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indirectPartnerId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractPartnerQuery, ContractPartnerQueryVariables>;
export const ContractCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"accountName"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"associationType"}},{"kind":"Field","name":{"kind":"Name","value":"indirectPartner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indirectPartnerId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"debtAmount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractCustomersQuery, ContractCustomersQueryVariables>;
export const ContractCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"orderType"}},{"kind":"Field","name":{"kind":"Name","value":"officialAmount"}},{"kind":"Field","name":{"kind":"Name","value":"amountAfterDiscount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"serviceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"resources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expireTime"}},{"kind":"Field","name":{"kind":"Name","value":"serviceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coupons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"couponId"}},{"kind":"Field","name":{"kind":"Name","value":"faceValue"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractCustomerQuery, ContractCustomerQueryVariables>;
export const ContractMonthlyBillsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractMonthlyBills"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BillingCycle"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyBills"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"billType"}},{"kind":"Field","name":{"kind":"Name","value":"chargeMode"}},{"kind":"Field","name":{"kind":"Name","value":"serviceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"debtAmount"}},{"kind":"Field","name":{"kind":"Name","value":"discountAmount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractMonthlyBillsQuery, ContractMonthlyBillsQueryVariables>;
export const ContractConsumptionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractConsumption"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BillingCycle"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consumption"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"byServiceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"chargeMode"}},{"kind":"Field","name":{"kind":"Name","value":"billType"}},{"kind":"Field","name":{"kind":"Name","value":"officialAmount"}},{"kind":"Field","name":{"kind":"Name","value":"paymentAmount"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractConsumptionQuery, ContractConsumptionQueryVariables>;
export const ContractNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<ContractNodeQuery, ContractNodeQueryVariables>;
export const ContractReferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractReference"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measureUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"abbreviation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromMeasureId"}},{"kind":"Field","name":{"kind":"Name","value":"toMeasureId"}},{"kind":"Field","name":{"kind":"Name","value":"ratio"}}]}}]}}]} as unknown as DocumentNode<ContractReferenceQuery, ContractReferenceQueryVariables>;
export const ReadsCustomerCostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadsCustomerCosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BillingCycle"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"feeRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tradeId"}},{"kind":"Field","name":{"kind":"Name","value":"tradeTime"}},{"kind":"Field","name":{"kind":"Name","value":"billType"}},{"kind":"Field","name":{"kind":"Name","value":"chargeMode"}},{"kind":"Field","name":{"kind":"Name","value":"serviceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consumeAmount"}},{"kind":"Field","name":{"kind":"Name","value":"cashAmount"}},{"kind":"Field","name":{"kind":"Name","value":"couponAmount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceBills"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"resourceName"}},{"kind":"Field","name":{"kind":"Name","value":"billDate"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"usageMeasureId"}},{"kind":"Field","name":{"kind":"Name","value":"officialAmount"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceDetailBills"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"enterpriseProject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consumeAmount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"amortizedCosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"consumeAmount"}},{"kind":"Field","name":{"kind":"Name","value":"currentMonthAmortizedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"futureMonthsAmortizedAmount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"percentileUsage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cycle"}}},{"kind":"Argument","name":{"kind":"Name","value":"serviceTypeCode"},"value":{"kind":"StringValue","value":"hws.service.type.vpc","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"resourceTypeCode"},"value":{"kind":"StringValue","value":"hws.resource.type.bandwidth","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"usageType"},"value":{"kind":"EnumValue","value":"BANDWIDTH_PEAK_95"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"actualDays"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidth"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyPeakBandwidth"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthMeasureId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReadsCustomerCostsQuery, ReadsCustomerCostsQueryVariables>;
export const ReadsPriceQuoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadsPriceQuote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onDemandQuote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projectId"},"value":{"kind":"StringValue","value":"0","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"products"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"vm","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"serviceTypeCode"},"value":{"kind":"StringValue","value":"hws.service.type.ec2","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"resourceTypeCode"},"value":{"kind":"StringValue","value":"hws.resource.type.vm","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"resourceSpec"},"value":{"kind":"StringValue","value":"s6.large.2.linux","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"StringValue","value":"cn-north-4","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"usageFactor"},"value":{"kind":"StringValue","value":"Duration","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"usageValue"},"value":{"kind":"StringValue","value":"720","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"usageMeasureId"},"value":{"kind":"IntValue","value":"4"}},{"kind":"ObjectField","name":{"kind":"Name","value":"quantity"},"value":{"kind":"IntValue","value":"1"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"officialAmount"}},{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"officialAmount"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodQuote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projectId"},"value":{"kind":"StringValue","value":"0","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"products"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"vm","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"serviceTypeCode"},"value":{"kind":"StringValue","value":"hws.service.type.ec2","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"resourceTypeCode"},"value":{"kind":"StringValue","value":"hws.resource.type.vm","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"resourceSpec"},"value":{"kind":"StringValue","value":"s6.large.2.linux","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"StringValue","value":"cn-north-4","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"periodType"},"value":{"kind":"IntValue","value":"2"}},{"kind":"ObjectField","name":{"kind":"Name","value":"periodCount"},"value":{"kind":"IntValue","value":"1"}},{"kind":"ObjectField","name":{"kind":"Name","value":"quantity"},"value":{"kind":"IntValue","value":"1"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"officialAmount"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"discounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"discountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"bestOffer"}}]}}]}}]}}]} as unknown as DocumentNode<ReadsPriceQuoteQuery, ReadsPriceQuoteQueryVariables>;
export const ReadsServiceResourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadsServiceResources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"resources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<ReadsServiceResourcesQuery, ReadsServiceResourcesQueryVariables>;
export const ReadsCustomerChecksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReadsCustomerChecks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"realNameReview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"opinion"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerIdentityCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"searchType"},"value":{"kind":"EnumValue","value":"EMAIL"}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"StringValue","value":"new-customer@example.com","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<ReadsCustomerChecksQuery, ReadsCustomerChecksQueryVariables>;
export const ContractConsumptionSyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContractConsumptionSync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consumptionSync"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cycles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cycle"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"customersSynced"}},{"kind":"Field","name":{"kind":"Name","value":"customersTotal"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ContractConsumptionSyncQuery, ContractConsumptionSyncQueryVariables>;
export const ContractAllocateCustomerFundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ContractAllocateCustomerFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocateCustomerFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractAllocateCustomerFundsMutation, ContractAllocateCustomerFundsMutationVariables>;
export const ContractReclaimCustomerFundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ContractReclaimCustomerFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reclaimCustomerFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractReclaimCustomerFundsMutation, ContractReclaimCustomerFundsMutationVariables>;
export const ContractAllocateResellerFundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ContractAllocateResellerFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"indirectPartnerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocateResellerFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"indirectPartnerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"indirectPartnerId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferId"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"indirectPartner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indirectPartnerId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContractAllocateResellerFundsMutation, ContractAllocateResellerFundsMutationVariables>;
export const ContractIssueCouponsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ContractIssueCoupons"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quotaId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"faceValue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueCoupons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"quotaId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quotaId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"customerIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerIds"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"faceValue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"faceValue"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"issued"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coupon"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"couponId"}},{"kind":"Field","name":{"kind":"Name","value":"faceValue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"failed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ContractIssueCouponsMutation, ContractIssueCouponsMutationVariables>;
export const PartnerSliceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerSlice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domainId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"accountTypeCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"designatedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"abbreviation"}}]}}]}}]} as unknown as DocumentNode<PartnerSliceQuery, PartnerSliceQueryVariables>;
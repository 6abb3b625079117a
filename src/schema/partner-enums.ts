/**
 * GraphQL enums over the code lists of the partner endpoints (bss-api-partners.md), each list mapped
 * here and only here. The same idea travels under different lists on different endpoints (coupon
 * `status` on §3.1/§3.5 vs quota status on §1.7/§1.11; the ledger direction is `type` "1"/"2" on §1.6
 * but `revenue_expense_type` on §2.7/§3.6; the trade-type filters differ per ledger), so every enum
 * names the list it maps. A code this schema does not know resolves to `UNKNOWN` and never fails the
 * query; the raw code stays available in the `…Code` field next to each enum field.
 */
import { builder } from './builder.js';
import { badFilter, codesOf, mapCode, type ValueOf } from './enums.js';

/** Internal value of UNKNOWN in numeric enums: never a Huawei code (-1 is one, for customer types). */
export const UNKNOWN_NUMBER = -999 as const;
/** Internal value of UNKNOWN in text enums: never a Huawei code (`""` is one, for new-customer tags). */
export const UNKNOWN_TEXT = '<unknown>' as const;

type Values = Record<string, { value: number | string; description: string }>;
/** A wire code (absent → UNKNOWN) as the enum's internal value. */
function mapper<T extends Values>(values: T, unknown: ValueOf<T>): (code: number | string | null | undefined) => ValueOf<T> {
  const known = codesOf(values);
  return (code) => mapCode(known, code, unknown);
}

/**
 * A filter argument given as an enum: UNKNOWN names no code the upstream filters on, so it is refused
 * as bad input rather than sent.
 */
export function filterCode<V extends number | string>(value: V | null | undefined, argument: string): V | undefined {
  if (value === null || value === undefined) return undefined;
  if (value === UNKNOWN_NUMBER || value === UNKNOWN_TEXT) {
    throw badFilter(argument, 'cannot filter on UNKNOWN: pick a value the upstream knows');
  }
  return value;
}

const unknownNumber = (field: string) => ({ value: UNKNOWN_NUMBER, description: `A code this version of the schema does not know yet; see \`${field}\`.` });
const unknownText = (field: string) => ({ value: UNKNOWN_TEXT, description: `A code this version of the schema does not know yet; see \`${field}\`.` });

// ---------------------------------------------------------------------------------------------------------
// Customers (§2.2)

const ASSOCIATION_TYPES = {
  CONSULTATIVE_SALES: { value: '1', description: 'Consultative sales / referral (顾问销售), `association_type` "1": the customer pays Huawei itself; its balance and coupons are not the partner\'s.' },
  RESALE: { value: '2', description: 'Resale (代售), `association_type` "2": the partner funds the customer\'s account.' },
  UNKNOWN: unknownText('associationTypeCode'),
} as const;
export const AssociationType = builder.enumType('AssociationType', {
  description: 'How a customer is associated with its partner (ListSubCustomers `association_type`, bss-api-partners.md §0.1, §2.2).',
  values: ASSOCIATION_TYPES,
});
export const associationType = mapper(ASSOCIATION_TYPES, UNKNOWN_TEXT);

const VERIFICATION_STATUSES = {
  NOT_VERIFIED: { value: '-1', description: 'Not real-name authenticated, `verified_status` "-1".' },
  UNDER_REVIEW: { value: '0', description: 'Authentication under review, `verified_status` "0".' },
  REJECTED: { value: '1', description: 'Authentication rejected, `verified_status` "1".' },
  VERIFIED: { value: '2', description: 'Real-name authenticated, `verified_status` "2".' },
  UNKNOWN: unknownText('verificationStatusCode'),
} as const;
export const VerificationStatus = builder.enumType('VerificationStatus', {
  description: 'Real-name authentication status of a customer (ListSubCustomers `verified_status`, a string on the wire, §2.2).',
  values: VERIFICATION_STATUSES,
});
export const verificationStatus = mapper(VERIFICATION_STATUSES, UNKNOWN_TEXT);

const CUSTOMER_TYPES = {
  NOT_SET: { value: -1, description: 'No type yet, `customer_type` -1: new accounts start here until real-name authentication sets one.' },
  INDIVIDUAL: { value: 0, description: 'An individual, `customer_type` 0.' },
  ENTERPRISE: { value: 1, description: 'An enterprise, `customer_type` 1.' },
  UNKNOWN: unknownNumber('customerTypeCode'),
} as const;
export const CustomerType = builder.enumType('CustomerType', {
  description: 'Whether a customer is an individual or an enterprise (ListSubCustomers `customer_type`, §2.2).',
  values: CUSTOMER_TYPES,
});
export const customerType = mapper(CUSTOMER_TYPES, UNKNOWN_NUMBER);

const FROZEN_STATES = {
  NOT_FROZEN: { value: 0, description: 'Not frozen, `is_frozen` 0.' },
  ACCOUNT_FROZEN: { value: 1, description: 'The account is frozen, `is_frozen` 1.' },
  ACCOUNT_AND_RESOURCES_FROZEN: { value: 2, description: 'The account and its resources are frozen, `is_frozen` 2.' },
  UNKNOWN: unknownNumber('frozenStateCode'),
} as const;
export const FrozenState = builder.enumType('FrozenState', {
  description: 'Whether a customer account is frozen (ListSubCustomers `is_frozen`, a field Huawei marks reserved, §2.2).',
  values: FROZEN_STATES,
});
export const frozenState = mapper(FROZEN_STATES, UNKNOWN_NUMBER);

const CUSTOMER_LEVELS = {
  V0: { value: 'V0', description: 'Customer level V0 (the lowest).' },
  V1: { value: 'V1', description: 'Customer level V1.' },
  V2: { value: 'V2', description: 'Customer level V2.' },
  V3: { value: 'V3', description: 'Customer level V3.' },
  V4: { value: 'V4', description: 'Customer level V4.' },
  V5: { value: 'V5', description: 'Customer level V5 (the highest).' },
  UNKNOWN: unknownText('levelCode'),
} as const;
export const CustomerLevel = builder.enumType('CustomerLevel', {
  description: 'Huawei\'s customer level (ListSubCustomers `customer_level`, §2.2).',
  values: CUSTOMER_LEVELS,
});
export const customerLevel = mapper(CUSTOMER_LEVELS, UNKNOWN_TEXT);

const NEW_CUSTOMER_TAGS = {
  NEW_CUSTOMER: { value: 'Y', description: 'A qualified SMB new customer, `new_customer_tag` "Y".' },
  NOT_NEW_CUSTOMER: { value: 'N', description: 'Not (or no longer) a new customer, `new_customer_tag` "N"; a lapsed tag reads so too.' },
  UNDETERMINED: { value: 'UNDETERMINED', description: 'Eligible but not qualified yet, `new_customer_tag` "UNDETERMINED".' },
  NONE: { value: '', description: 'No tag: the customer has not completed real-name authentication (an empty `new_customer_tag`).' },
  UNKNOWN: unknownText('tagCode'),
} as const;
export const NewCustomerTagValue = builder.enumType('NewCustomerTagValue', {
  description: 'The SMB new-customer tag of a customer (ListSubCustomerNewTag `new_customer_tag`, §2.4).',
  values: NEW_CUSTOMER_TAGS,
});
export const newCustomerTagValue = mapper(NEW_CUSTOMER_TAGS, UNKNOWN_TEXT);

// ---------------------------------------------------------------------------------------------------------
// Partner funds (§1.5, §1.6) and the customer's own ledger (§2.7)

const ADJUST_OPERATION_TYPES = {
  ALLOCATION: { value: 'SOURCE_OPERATION_BEADJUST', description: 'Funds allocated to the customer or reseller (拨款), `SOURCE_OPERATION_BEADJUST`.' },
  RECLAIM: { value: 'SOURCE_OPERATION_BERETRIEVE', description: 'Funds reclaimed (回收), `SOURCE_OPERATION_BERETRIEVE`.' },
  RECLAIM_ON_UNBINDING: { value: 'SOURCE_OPERATION_BEUNBIND', description: 'Funds reclaimed because the association was removed or changed, `SOURCE_OPERATION_BEUNBIND`.' },
  UNKNOWN: unknownText('operationTypeCode'),
} as const;
export const AdjustOperationType = builder.enumType('AdjustOperationType', {
  description: 'Kind of a fund allocation record (ListPartnerAdjustRecords `operation_type`, §1.5).',
  values: ADJUST_OPERATION_TYPES,
});
export const adjustOperationType = mapper(ADJUST_OPERATION_TYPES, UNKNOWN_TEXT);

const BALANCE_TYPES = {
  CASH: { value: 'BALANCE_TYPE_DEBIT', description: 'The cash account, `BALANCE_TYPE_DEBIT`.' },
  CREDIT: { value: 'BALANCE_TYPE_CREDIT', description: 'The credit account, `BALANCE_TYPE_CREDIT` (resale customers have none).' },
} as const;
export const LedgerBalanceType = builder.enumType('LedgerBalanceType', {
  description: 'Which account a ledger reads (`balance_type` of ListPartnerAccountChangeRecords §1.6 and ListCustomerAccountChangeRecords §2.7).',
  values: BALANCE_TYPES,
});

const PARTNER_TRADE_TYPES = {
  RECHARGE: { value: 'RECHARGE', description: 'Top-ups, `RECHARGE`.' },
  CONSUMPTION: { value: 'DEDEUCT', description: 'Consumption, `DEDEUCT` (Huawei\'s spelling).' },
  REFUND: { value: 'REFUND', description: 'Refunds, `REFUND`.' },
  FREEZE: { value: 'RFROZEN', description: 'Freezes, `RFROZEN`.' },
  TRANSFER: { value: 'TRANS', description: 'Transfers between balance and deposit (old business model), `TRANS`.' },
  ADJUSTMENT: { value: 'ADJUST', description: 'Adjustments (Huawei write-offs and similar), `ADJUST`.' },
  PARTNER_ALLOCATION: { value: 'BEADJUST', description: 'Allocations by the distributor/partner, `BEADJUST`.' },
  PARTNER_RECLAIM: { value: 'BERETRIEVE', description: 'Reclaims by the distributor/partner, `BERETRIEVE`.' },
  RECLAIM_ON_UNBINDING: { value: 'BEUNBIND', description: 'Reclaims caused by unbinding or a change of association mode, `BEUNBIND`.' },
  BONUS_CONVERSION: { value: 'BONUSCONVERT', description: 'Bonus conversion (old model), `BONUSCONVERT`.' },
  TRADE_MODE_TRANSFER: { value: 'TRADE_MODE_TRANSFER', description: 'Trade-mode change, `TRADE_MODE_TRANSFER`.' },
} as const;
export const PartnerTradeType = builder.enumType('PartnerTradeType', {
  description: 'The `trade_type` filter of the partner ledger (ListPartnerAccountChangeRecords §1.6).',
  values: PARTNER_TRADE_TYPES,
});

const CUSTOMER_TRADE_TYPES = {
  RECHARGE: { value: 'RECHARGE', description: 'Top-ups, `RECHARGE`.' },
  CONSUMPTION: { value: 'DEDEUCT', description: 'Consumption, `DEDEUCT` (Huawei\'s spelling).' },
  REFUND: { value: 'REFUND', description: 'Refunds, `REFUND`.' },
  FREEZE: { value: 'RFROZEN', description: 'Freezes, `RFROZEN`.' },
  TRANSFER: { value: 'TRANS', description: 'Transfers between balance and deposit, `TRANS`.' },
  ADJUSTMENT: { value: 'ADJUST', description: 'Adjustments, `ADJUST`.' },
  RECLAIM_ON_UNBINDING: { value: 'BEUNBIND', description: 'Reclaims caused by unbinding, `BEUNBIND`.' },
  EXPIRY_CLEARING: { value: 'EXPIRED', description: 'Cleared on expiry, `EXPIRED`.' },
  BONUS_CONVERSION: { value: 'BONUSCONVERT', description: 'Bonus conversion, `BONUSCONVERT`.' },
  TRADE_MODE_TRANSFER: { value: 'TRADE_MODE_TRANSFER', description: 'Trade-mode change, `TRADE_MODE_TRANSFER`.' },
  DEPOSIT: { value: 'DEPOSIT', description: 'Deposit, `DEPOSIT`.' },
  ALLOCATION: { value: 'BEADJUST', description: 'Allocations by the distributor or enterprise master account, `BEADJUST`.' },
  RECLAIM: { value: 'BERETRIEVE', description: 'Reclaims by the distributor or enterprise master account, `BERETRIEVE`.' },
} as const;
export const CustomerTradeType = builder.enumType('CustomerTradeType', {
  description: 'The `trade_type` filter of a customer\'s own ledger (ListCustomerAccountChangeRecords §2.7).',
  values: CUSTOMER_TRADE_TYPES,
});

const COUPON_TRADE_TYPES = {
  ADJUSTMENT: { value: 'ADJUST', description: 'Activations and adjustments, `ADJUST`.' },
  CONSUMPTION: { value: 'DEDEUCT', description: 'Consumption, `DEDEUCT` (Huawei\'s spelling).' },
  REFUND: { value: 'REFUND', description: 'Coupon refunds, `REFUND`.' },
  FREEZE: { value: 'RFROZEN', description: 'Freezes, `RFROZEN`.' },
  EXPIRY_CLEARING: { value: 'EXPIRED', description: 'Cleared on expiry, `EXPIRED`.' },
  ALLOCATION: { value: 'COUPONADJUST', description: 'Allocations, `COUPONADJUST`.' },
  RECLAIM: { value: 'COUPONCANCEL', description: 'Reclaims, `COUPONCANCEL`.' },
} as const;
export const CouponTradeType = builder.enumType('CouponTradeType', {
  description: 'The `trade_type` filter of a customer\'s coupon ledger (ListCustomerCouponChangeRecords §3.6).',
  values: COUPON_TRADE_TYPES,
});

/** Both ledgers' directions map onto one enum; each wire list has its own mapping function below. */
const LEDGER_DIRECTIONS = {
  INCOME: { value: 'INCOME', description: 'Money in: `type` "1" (§1.6) or `revenue_expense_type` REVENUE (§2.7, §3.6).' },
  EXPENSE: { value: 'EXPENSE', description: 'Money out: `type` "2" (§1.6) or `revenue_expense_type` EXPENSE (§2.7, §3.6).' },
  UNKNOWN: unknownText('directionCode'),
} as const;
export const LedgerDirection = builder.enumType('LedgerDirection', {
  description: 'Whether a ledger entry is income or expense.',
  values: LEDGER_DIRECTIONS,
});
type Direction = ValueOf<typeof LEDGER_DIRECTIONS>;
/** §1.6 `type`: "1" income, "2" expense. */
export function directionFromType(code: string | null | undefined): Direction {
  return code === '1' ? 'INCOME' : code === '2' ? 'EXPENSE' : UNKNOWN_TEXT;
}
/** §2.7 / §3.6 `revenue_expense_type`: REVENUE / EXPENSE. */
export function directionFromRevenueExpense(code: string | null | undefined): Direction {
  return code === 'REVENUE' ? 'INCOME' : code === 'EXPENSE' ? 'EXPENSE' : UNKNOWN_TEXT;
}
/** The §2.7 / §3.6 `revenue_expense_type` filter for a direction. */
export function revenueExpenseFilter(direction: Direction | null | undefined): 'REVENUE' | 'EXPENSE' | undefined {
  const d = filterCode(direction, 'direction');
  return d === 'INCOME' ? 'REVENUE' : d === 'EXPENSE' ? 'EXPENSE' : undefined;
}

const ACCOUNT_TRADE_DETAIL_TYPES = {
  CREDIT_LIMIT_ADJUSTMENT: { value: 'SOURCE_OPERAIION_ADJUST_CREDIT', description: 'Adjustment: credit limit change.' },
  RECHARGE: { value: 'SOURCE_OPERAIION_RECHARGE', description: 'Top-up.' },
  YEARLY_MONTHLY_CONSUMPTION: { value: 'SOURCE_OPERAIION_DEDEUCT', description: 'Consumption: yearly/monthly.' },
  MANUAL_FREEZE: { value: 'SOURCE_OPERAIION_MANUALFROZE', description: 'Freeze: manual freeze.' },
  MANUAL_UNFREEZE: { value: 'SOURCE_OPERAIION_MANUALUNFROZE', description: 'Freeze: manual unfreeze.' },
  MANUAL_FREEZE_CLEARING: { value: 'SOURCE_OPERAIION_MANUALCLEARFROZEN', description: 'Freeze: manual clearing.' },
  DEPOSIT_TO_BALANCE: { value: 'SOURCE_OPERAIION_TRANS_TO_BALANCE', description: 'Transfer: deposit to balance.' },
  PARTNER_ALLOCATION: { value: 'SOURCE_OPERATION_BEADJUST', description: 'Partner allocation.' },
  RECLAIM_ON_UNBINDING: { value: 'SOURCE_OPERATION_BEUNBIND', description: 'Trade-mode change: reclaim on switching or removing the association.' },
  EXPIRY_CLEARING: { value: 'SOURCE_OPERAIION_EXPIRECLEAR', description: 'Cleared on expiry.' },
  ONE_OFF_CONSUMPTION: { value: 'SOURCE_OPERAIION_ONETIME', description: 'Consumption: one-off charge.' },
  REFUND: { value: 'SOURCE_OPERAIION_REFUND', description: 'Refund.' },
  REFUND_UNFREEZE: { value: 'SOURCE_OPERAIION_UNFROZEN', description: 'Refund: unfreeze on refund.' },
  REFUND_FREEZE_CLEARING: { value: 'SOURCE_OPERAIION_CLEARFROZEN', description: 'Refund: clearing on refund.' },
  BALANCE_ADJUSTMENT: { value: 'SOURCE_OPERAIION_ADJUST', description: 'Adjustment: balance adjustment.' },
  PAY_PER_USE_CONSUMPTION: { value: 'SOURCE_OPERAIION_USAGE', description: 'Consumption: pay-per-use.' },
  ARREARS_REPAYMENT: { value: 'SOURCE_OPERAIION_WRITEOFF', description: 'Consumption: arrears repayment.' },
  UNSUBSCRIPTION_REFUND: { value: 'SOURCE_OPERAIION_UNSUBSCRIBE', description: 'Refund: unsubscription.' },
  REFUND_FREEZE: { value: 'SOURCE_OPERAIION_RFROZEN', description: 'Refund: refund freeze.' },
  BALANCE_TO_DEPOSIT: { value: 'SOURCE_OPERAIION_TRANS_TO_FOREGIFT', description: 'Transfer: balance to deposit.' },
  GIFT: { value: 'SOURCE_OPERAIION_PRIZE', description: 'Adjustment: gift.' },
  PARTNER_RECLAIM: { value: 'SOURCE_OPERATION_BERETRIEVE', description: 'Partner reclaim.' },
  PRECISION_MAKE_UP: { value: 'SOURCE_OPERAIION_PRECISIONCOMP', description: 'Consumption: precision make-up deduction.' },
  FREE_RESOURCE_DEDUCTION: { value: 'SOURCE_OPERAIION_FREERESDEDUCT', description: 'Consumption: free-resource deduction.' },
  BONUS_MERGE: { value: 'SOURCE_OPERAIION_MERGE', description: 'Bonus conversion: merge.' },
  BONUS_CONVERSION: { value: 'SOURCE_OPERAIION_CONVERT_BONUS', description: 'Bonus conversion.' },
  RECHARGE_REBATE: { value: 'SOURCE_OPERAIION_RECHARGE_REBATE', description: 'Top-up: incentive rebate.' },
  COUPON_RECLAIM: { value: 'SOURCE_OPERATION_COUPONCANCEL', description: 'Coupon reclaim.' },
  HUAWEI_WRITE_OFF: { value: 'SOURCE_OPERAIION_BILLREFUND', description: 'Adjustment: Huawei write-off.' },
  TRADE_MODE_CHANGE: { value: 'SOURCE_OPERATION_TRADEMODE_TRANSFER', description: 'Trade-mode change: association with a partner.' },
  SYSTEM_FREEZE: { value: 'SOURCE_OPERATION_SYSTEM_FROZEN', description: 'System freeze (partners on standard-sales contracts).' },
  SYSTEM_UNFREEZE: { value: 'SOURCE_OPERATION_SYSTEM_UNFROZEN', description: 'System unfreeze.' },
  COUPON_QUOTA_EXCHANGE: { value: 'SOURCE_OPERATION_COUPON_QUOTA_TRANSFER', description: 'Adjustment: exchanged for cash-coupon quota.' },
  RESERVED_INSTANCE_CONSUMPTION: { value: 'SOURCE_OPERATIION_RIDEDUCT', description: 'Consumption: reserved instance (Huawei spells it `OPERATIION`).' },
  VOUCHER_RECLAIM: { value: 'SOURCE_OPERATION_COUPON_QUOTA_RECLAIM', description: 'Voucher reclaim.' },
  UNKNOWN: unknownText('tradeDetailTypeCode'),
} as const;
export const AccountTradeDetailType = builder.enumType('AccountTradeDetailType', {
  description:
    'What an account ledger entry was (`trade_detail_type` of ListPartnerAccountChangeRecords §1.6 and ' +
    'ListCustomerAccountChangeRecords §2.7; the wire values keep Huawei\'s misspellings such as `OPERAIION`).',
  values: ACCOUNT_TRADE_DETAIL_TYPES,
});
export const accountTradeDetailType = mapper(ACCOUNT_TRADE_DETAIL_TYPES, UNKNOWN_TEXT);

const COUPON_TRADE_DETAIL_TYPES = {
  YEARLY_MONTHLY_CONSUMPTION: { value: 'SOURCE_OPERAIION_DEDEUCT', description: 'Consumption: yearly/monthly.' },
  PAY_PER_USE_CONSUMPTION: { value: 'SOURCE_OPERAIION_USAGE', description: 'Consumption: pay-per-use.' },
  SAVINGS_PLAN_CONSUMPTION: { value: 'SOURCE_OPERAIION_SAVINGS_PLANS', description: 'Consumption: savings plans.' },
  ARREARS_REPAYMENT: { value: 'SOURCE_OPERAIION_WRITEOFF', description: 'Consumption: arrears repayment.' },
  EXPIRY_CLEARING: { value: 'SOURCE_OPERAIION_EXPIRECLEAR', description: 'Cleared on expiry.' },
  UNSUBSCRIPTION_REFUND: { value: 'SOURCE_OPERAIION_UNSUBSCRIBE', description: 'Coupon refund: unsubscription.' },
  REFUND_UNFREEZE: { value: 'SOURCE_OPERAIION_UNFROZEN', description: 'Coupon refund in progress (unfreeze).' },
  REFUND_FREEZE: { value: 'SOURCE_OPERAIION_RFROZEN', description: 'Coupon refund in progress (freeze).' },
  ACTIVATION: { value: 'SOURCE_OPERAIION_PRIZE', description: 'Activation: the coupon arrived.' },
  HUAWEI_WRITE_OFF: { value: 'SOURCE_OPERAIION_BILLREFUND', description: 'Adjustment: Huawei write-off.' },
  COUPON_RECLAIM: { value: 'SOURCE_OPERATION_COUPONCANCEL', description: 'Coupon reclaim.' },
  DEPOSIT_FREEZE: { value: 'SOURCE_OPERATION_DEPOSIT_FROZEN', description: 'Deposit frozen.' },
  DEPOSIT_UNFREEZE: { value: 'SOURCE_OPERATION_DEPOSIT_UNFROZEN', description: 'Deposit unfrozen.' },
  ENTERPRISE_RECLAIM: { value: 'SOURCE_OPERATION_RETRIEVE', description: 'Reclaim by the enterprise master account.' },
  ENTERPRISE_ALLOCATION: { value: 'SOURCE_OPERATION_TRANSFER', description: 'Allocation by the enterprise master account.' },
  UNKNOWN: unknownText('tradeDetailTypeCode'),
} as const;
export const CouponTradeDetailType = builder.enumType('CouponTradeDetailType', {
  description: 'What a coupon ledger entry was (`trade_detail_type` of ListCustomerCouponChangeRecords §3.6).',
  values: COUPON_TRADE_DETAIL_TYPES,
});
export const couponTradeDetailType = mapper(COUPON_TRADE_DETAIL_TYPES, UNKNOWN_TEXT);

// ---------------------------------------------------------------------------------------------------------
// Coupons (§3) and coupon quotas (§1.7–§1.11)

const COUPON_STATUSES = {
  NOT_ACTIVATED: { value: 1, description: 'Not activated yet, `status` 1.' },
  USABLE: { value: 2, description: 'Usable, `status` 2.' },
  USED: { value: 3, description: 'Used up, `status` 3.' },
  EXPIRED: { value: 4, description: 'Expired, `status` 4.' },
  RECLAIMED: { value: 5, description: 'Reclaimed by the issuer, `status` 5.' },
  UNKNOWN: unknownNumber('statusCode'),
} as const;
export const CouponStatus = builder.enumType('CouponStatus', {
  description: 'Status of a coupon (`status` of ListIssuedPartnerCoupons §3.1 and ListSubCustomerCoupons §3.5).',
  values: COUPON_STATUSES,
});
export const couponStatus = mapper(COUPON_STATUSES, UNKNOWN_NUMBER);

const COUPON_TYPES = {
  VOUCHER: { value: 1, description: 'Voucher (代金券), `coupon_type` 1: issued out of a voucher quota.' },
  DISCOUNT_COUPON: { value: 2, description: 'Discount coupon (折扣券), `coupon_type` 2: only in the holder\'s own view (§3.5).' },
  PRODUCT_COUPON: { value: 3, description: 'Product coupon (产品券), `coupon_type` 3: only in the holder\'s own view (§3.5).' },
  CASH_COUPON: { value: 4, description: 'Cash coupon (现金券), `coupon_type` 4: issued out of a cash-coupon quota.' },
  UNKNOWN: unknownNumber('couponTypeCode'),
} as const;
export const CouponType = builder.enumType('CouponType', {
  description: 'Kind of a coupon (`coupon_type` of §3.1 and §3.5).',
  values: COUPON_TYPES,
});
export const couponType = mapper(COUPON_TYPES, UNKNOWN_NUMBER);

const ISSUED_COUPON_TYPES = { VOUCHER: COUPON_TYPES.VOUCHER, CASH_COUPON: COUPON_TYPES.CASH_COUPON } as const;
export const IssuedCouponType = builder.enumType('IssuedCouponType', {
  description: 'The coupon kinds a partner issues, which ListIssuedPartnerCoupons filters on (`coupon_type` 1 or 4, §3.1).',
  values: ISSUED_COUPON_TYPES,
});

const COUPON_MEDIA_TYPES = {
  ELECTRONIC: { value: 1, description: 'Electronic, `media_type` 1.' },
  PAPER: { value: 2, description: 'Paper, `media_type` 2.' },
  UNKNOWN: unknownNumber('mediaTypeCode'),
} as const;
export const CouponMediaType = builder.enumType('CouponMediaType', {
  description: 'Medium of a coupon (`media_type`, §3.1, §3.5).',
  values: COUPON_MEDIA_TYPES,
});
export const couponMediaType = mapper(COUPON_MEDIA_TYPES, UNKNOWN_NUMBER);

const COUPON_FETCH_METHODS = {
  CLAIMED_ONLINE: { value: 1, description: 'Claimed online, `fetch_method` 1.' },
  EXCHANGED_ONLINE: { value: 2, description: 'Exchanged online, `fetch_method` 2.' },
  ISSUED_ONLINE: { value: 3, description: 'Issued online (how partners issue), `fetch_method` 3.' },
  OBTAINED_OFFLINE: { value: 4, description: 'Obtained offline, `fetch_method` 4.' },
  EVENT_GIFT: { value: 5, description: 'Gift from an event, `fetch_method` 5.' },
  UNKNOWN: unknownNumber('fetchMethodCode'),
} as const;
export const CouponFetchMethod = builder.enumType('CouponFetchMethod', {
  description: 'How the holder got a coupon (`fetch_method`, §3.1, §3.5).',
  values: COUPON_FETCH_METHODS,
});
export const couponFetchMethod = mapper(COUPON_FETCH_METHODS, UNKNOWN_NUMBER);

const COUPON_OPERATION_TYPES = {
  ISSUE: { value: '1', description: 'Issued, `operation_type` "1".' },
  MANUAL_RECLAIM: { value: '2', description: 'Reclaimed manually, "2".' },
  RECLAIM_ON_UNBINDING: { value: '3', description: 'Reclaimed automatically on unbinding, "3".' },
  RECLAIM_ON_EXPIRY: { value: '4', description: 'Reclaimed on expiry, "4".' },
  RECLAIM_ON_UNSUBSCRIPTION: { value: '5', description: 'Reclaimed on unsubscription, "5".' },
  REFUND_OR_TOP_UP_REVERSAL: { value: '6', description: 'Reversal of a refund or top-up, "6".' },
  RECLAIM_ON_ASSOCIATION: { value: '7', description: 'Reclaimed when an association was established, "7".' },
  RECLAIM_ON_ASSOCIATION_MODE_SWITCH: { value: '8', description: 'Reclaimed automatically on switching association mode, "8".' },
  RESELLER_TRANSFER: { value: '9', description: 'Transfer of a reseller, "9".' },
  UNKNOWN: unknownText('operationTypeCode'),
} as const;
export const CouponOperationType = builder.enumType('CouponOperationType', {
  description: 'What a coupon record logs (ListPartnerCouponsRecord `operation_type`, §3.4).',
  values: COUPON_OPERATION_TYPES,
});
export const couponOperationType = mapper(COUPON_OPERATION_TYPES, UNKNOWN_TEXT);

const OPERATION_RESULTS = {
  SUCCESS: { value: '0', description: 'Succeeded, `result` "0".' },
  FAILURE: { value: '-1', description: 'Failed, `result` "-1" (every non-zero result).' },
  UNKNOWN: unknownText('resultCode'),
} as const;
export const OperationResult = builder.enumType('OperationResult', {
  description: 'Outcome of a logged operation (`result` of ListPartnerCouponsRecord §3.4 and ListCouponQuotasRecords §1.8).',
  values: OPERATION_RESULTS,
});
export const operationResult = mapper(OPERATION_RESULTS, UNKNOWN_TEXT);

const COUPON_QUOTA_TYPES = {
  VOUCHER_QUOTA: { value: 0, description: 'Voucher quota (代金券额度), `quota_type` 0: the upstream\'s default.' },
  CASH_COUPON_QUOTA: { value: 1, description: 'Cash-coupon quota (现金券额度), `quota_type` 1.' },
  UNKNOWN: unknownNumber('quotaTypeCode'),
} as const;
export const CouponQuotaType = builder.enumType('CouponQuotaType', {
  description: 'Kind of a coupon quota (`quota_type`, §1.7, §1.11, §3.4).',
  values: COUPON_QUOTA_TYPES,
});
export const couponQuotaType = mapper(COUPON_QUOTA_TYPES, UNKNOWN_NUMBER);

const COUPON_QUOTA_STATUSES = {
  NORMAL: { value: 0, description: 'In force, `quota_status` 0.' },
  INVALID: { value: 3, description: 'Invalid: expired or invalidated by hand, `quota_status` 3.' },
  ADJUSTING: { value: 4, description: 'Being adjusted: visible, but no coupons can be issued from it, `quota_status` 4.' },
  FROZEN: { value: 5, description: 'Frozen, `quota_status` 5.' },
  RECLAIMED: { value: 6, description: 'Reclaimed by the distributor, `quota_status` 6 (ListIssuedCouponQuotas only).' },
  UNKNOWN: unknownNumber('statusCode'),
} as const;
export const CouponQuotaStatus = builder.enumType('CouponQuotaStatus', {
  description: 'Status of a coupon quota (`quota_status` of ListQuotaCoupons §1.7 and ListIssuedCouponQuotas §1.11).',
  values: COUPON_QUOTA_STATUSES,
});
export const couponQuotaStatus = mapper(COUPON_QUOTA_STATUSES, UNKNOWN_NUMBER);

const COUPON_QUOTA_STATUS_FILTERS = {
  NORMAL: COUPON_QUOTA_STATUSES.NORMAL,
  INVALID: COUPON_QUOTA_STATUSES.INVALID,
  ADJUSTING: COUPON_QUOTA_STATUSES.ADJUSTING,
  FROZEN: COUPON_QUOTA_STATUSES.FROZEN,
} as const;
export const CouponQuotaStatusFilter = builder.enumType('CouponQuotaStatusFilter', {
  description: 'The quota statuses ListQuotaCoupons filters on (`quota_status_list`: 0, 3, 4, 5, §1.7).',
  values: COUPON_QUOTA_STATUS_FILTERS,
});

const QUOTA_OPERATION_TYPES = {
  ISSUE: { value: '10', description: 'Quota issued to a reseller, `operation_type` "10".' },
  RECLAIM: { value: '11', description: 'Quota reclaimed from a reseller, `operation_type` "11".' },
  UNKNOWN: unknownText('operationTypeCode'),
} as const;
export const QuotaOperationType = builder.enumType('QuotaOperationType', {
  description: 'What a quota record logs (ListCouponQuotasRecords `operation_type`, §1.8).',
  values: QUOTA_OPERATION_TYPES,
});
export const quotaOperationType = mapper(QUOTA_OPERATION_TYPES, UNKNOWN_TEXT);

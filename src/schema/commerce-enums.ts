/**
 * GraphQL enums over the order and resource code lists of bss-api-commerce.md §0.8 (E6–E13), each list
 * mapped here and only here. The same wire field name carries different lists on different endpoints
 * (`status` is E7 on orders, E10 on yearly/monthly resources and E11 on pay-per-use ones; `period_type`
 * is E6 on order lines but E5 in bills), so every enum names the list it maps. A code this schema does
 * not know resolves to `UNKNOWN`; the raw code stays available in the `…Code` field next to it.
 */
import { builder } from './builder.js';
import { badFilter, codesOf, mapCode, type ValueOf } from './enums.js';

/** The value every numeric enum here uses for a code it does not know (never a Huawei code). */
export const UNKNOWN_CODE = -1 as const;

// ---------------------------------------------------------------------------------------------------------
// E7 order status

const ORDER_STATUSES = {
  PENDING_APPROVAL: { value: 1, description: 'Pending approval (待审核), `status` 1.' },
  PENDING_REFUND: { value: 2, description: 'Pending refund (待退款), `status` 2.' },
  PROCESSING: { value: 3, description: 'Processing (处理中), `status` 3.' },
  CANCELLED: { value: 4, description: 'Cancelled (已取消), `status` 4.' },
  COMPLETED: { value: 5, description: 'Completed (已完成), `status` 5.' },
  PENDING_PAYMENT: { value: 6, description: 'Pending payment (待支付), `status` 6.' },
  PENDING_CONFIRMATION: { value: 9, description: 'Pending confirmation (待确认), `status` 9.' },
  PENDING_SHIPMENT: { value: 10, description: 'Pending shipment (待发货), `status` 10 (hardware).' },
  PENDING_RECEIPT: { value: 11, description: 'Pending receipt (待收货), `status` 11 (hardware).' },
  AWAITING_PICKUP: { value: 12, description: 'Awaiting pickup (待上门取货), `status` 12 (hardware).' },
  REPLACEMENT_IN_PROGRESS: { value: 13, description: 'Replacement in progress (换新中), `status` 13 (hardware).' },
  UNKNOWN: { value: UNKNOWN_CODE, description: 'A code this version of the schema does not know yet; see `statusCode`.' },
} as const;
const KNOWN_ORDER_STATUSES = codesOf(ORDER_STATUSES);

export const OrderStatus = builder.enumType('OrderStatus', {
  description: 'Status of an order (bss-api-commerce.md §0.8 E7, the `status` of ListCustomerOrders and ShowCustomerOrderDetails).',
  values: ORDER_STATUSES,
});

export const orderStatus = (code: number | null | undefined): ValueOf<typeof ORDER_STATUSES> => mapCode(KNOWN_ORDER_STATUSES, code, UNKNOWN_CODE);

/** The E7 subset the ListCustomerOrders `status` filter accepts (anything else is CBC.0100 upstream). */
const ORDER_STATUS_FILTERS = {
  PENDING_APPROVAL: ORDER_STATUSES.PENDING_APPROVAL,
  PROCESSING: ORDER_STATUSES.PROCESSING,
  CANCELLED: ORDER_STATUSES.CANCELLED,
  COMPLETED: ORDER_STATUSES.COMPLETED,
  PENDING_PAYMENT: ORDER_STATUSES.PENDING_PAYMENT,
  PENDING_CONFIRMATION: ORDER_STATUSES.PENDING_CONFIRMATION,
} as const;

export const OrderStatusFilter = builder.enumType('OrderStatusFilter', {
  description:
    'The order statuses ListCustomerOrders can filter on (E7 codes 1, 3, 4, 5, 6, 9); the same codes as `OrderStatus`.',
  values: ORDER_STATUS_FILTERS,
});

// ---------------------------------------------------------------------------------------------------------
// E8 order type

const ORDER_TYPES = {
  NEW_PURCHASE: { value: 1, description: 'New purchase (新购), `order_type` 1.' },
  RENEWAL: { value: 2, description: 'Renewal (续订), `order_type` 2.' },
  MODIFICATION: { value: 3, description: 'Modification: upgrade or downgrade (变更), `order_type` 3.' },
  UNSUBSCRIPTION: { value: 4, description: 'Unsubscription (退订), `order_type` 4; its amounts are negative.' },
  YEARLY_MONTHLY_TO_ON_DEMAND: { value: 10, description: 'Yearly/monthly converted to pay-per-use (包年/包月转按需), `order_type` 10.' },
  ON_DEMAND_TO_YEARLY_MONTHLY: { value: 11, description: 'Pay-per-use converted to yearly/monthly (按需转包年/包月), `order_type` 11.' },
  TRIAL: { value: 13, description: 'Trial (试用), `order_type` 13.' },
  TRIAL_TO_COMMERCIAL: { value: 14, description: 'Trial converted to commercial use (转商用), `order_type` 14.' },
  FEE_ADJUSTMENT: { value: 15, description: 'Fee adjustment (费用调整), `order_type` 15.' },
  UNKNOWN: { value: UNKNOWN_CODE, description: 'A code this version of the schema does not know yet; see `orderTypeCode`.' },
} as const;
const KNOWN_ORDER_TYPES = codesOf(ORDER_TYPES);

export const OrderType = builder.enumType('OrderType', {
  description: 'Kind of an order (E8 `order_type`: an int in responses, a string in the ListCustomerOrders filter).',
  values: ORDER_TYPES,
});

export const orderType = (code: number | null | undefined): ValueOf<typeof ORDER_TYPES> => mapCode(KNOWN_ORDER_TYPES, code, UNKNOWN_CODE);

/** The E8 filter travels as a string (`"1"`). */
export function orderTypeFilter(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value === UNKNOWN_CODE) throw badFilter('orderType', 'cannot filter on UNKNOWN: name an order type');
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------
// E9 order source type

const ORDER_SOURCES = {
  CUSTOMER: { value: 1, description: 'Placed by the customer (客户), `source_type` 1.' },
  AGENT: { value: 2, description: 'Placed by an agent, e.g. the partner on the customer\'s behalf (代理代购), `source_type` 2.' },
  CONTRACT: { value: 3, description: 'From a contract (合同), `source_type` 3.' },
  DISTRIBUTOR: { value: 4, description: 'Placed by a distributor (分销商), `source_type` 4.' },
  DELETED_FROM_CONSOLE: { value: 5, description: 'Resource deleted from the console (控制台删除资源), `source_type` 5.' },
  BACKFILLED: { value: 6, description: 'Back-filled order (补录订单), `source_type` 6.' },
  COMPENSATION: { value: 7, description: 'Compensation order (补偿订单), `source_type` 7.' },
  SYSTEM: { value: 8, description: 'Created automatically by the system, e.g. an auto-renewal (系统自动创建), `source_type` 8.' },
  UNKNOWN: { value: UNKNOWN_CODE, description: 'A code this version of the schema does not know yet; see `sourceTypeCode`.' },
} as const;
const KNOWN_ORDER_SOURCES = codesOf(ORDER_SOURCES);

export const OrderSourceType = builder.enumType('OrderSourceType', {
  description: 'Who or what created an order (E9 `source_type`).',
  values: ORDER_SOURCES,
});

export const orderSourceType = (code: number | null | undefined): ValueOf<typeof ORDER_SOURCES> => mapCode(KNOWN_ORDER_SOURCES, code, UNKNOWN_CODE);

// ---------------------------------------------------------------------------------------------------------
// Order sort (ListCustomerOrders `order_by`)

export const OrderSort = builder.enumType('OrderSort', {
  description: 'Order of a ListCustomerOrders listing (`order_by`).',
  values: {
    CREATED_NEWEST_FIRST: { value: '-createTime', description: 'Newest first (`-createTime`).' },
    CREATED_OLDEST_FIRST: { value: 'createTime', description: 'Oldest first (`createTime`).' },
  } as const,
});

// ---------------------------------------------------------------------------------------------------------
// E6 order line period type

const LINE_PERIOD_TYPES = {
  DAY: { value: 0, description: 'Day, `period_type` 0.' },
  WEEK: { value: 1, description: 'Week, `period_type` 1.' },
  MONTH: { value: 2, description: 'Month, `period_type` 2.' },
  YEAR: { value: 3, description: 'Year, `period_type` 3.' },
  HOUR: { value: 4, description: 'Hour, `period_type` 4.' },
  ONE_OFF: { value: 5, description: 'One-off, `period_type` 5.' },
  ON_DEMAND: { value: 6, description: 'On demand (reserved), `period_type` 6.' },
  USAGE_REPORT: { value: 7, description: 'Usage-report based (reserved), `period_type` 7.' },
  UNKNOWN: { value: UNKNOWN_CODE, description: 'A code this version of the schema does not know yet; see `periodTypeCode`.' },
} as const;
const KNOWN_LINE_PERIOD_TYPES = codesOf(LINE_PERIOD_TYPES);

export const LineItemPeriodType = builder.enumType('LineItemPeriodType', {
  description: 'Period unit of an order line item (E6 `period_type` of ShowCustomerOrderDetails; bills use another list, E5).',
  values: LINE_PERIOD_TYPES,
});

export const lineItemPeriodType = (code: number | null | undefined): ValueOf<typeof LINE_PERIOD_TYPES> => mapCode(KNOWN_LINE_PERIOD_TYPES, code, UNKNOWN_CODE);

// ---------------------------------------------------------------------------------------------------------
// E13 discount / fee item type (a string code)

export const DISCOUNT_ITEM_UNKNOWN = 'UNKNOWN' as const;
const DISCOUNT_ITEM_TYPES = {
  PROMOTIONAL_PRODUCT_DISCOUNT: { value: '200', description: 'Promotional product discount, `discount_type` "200".' },
  PROMOTIONAL_DISCOUNT_COUPON: { value: '300', description: 'Promotional discount coupon, "300".' },
  PROMOTIONAL_CASH_COUPON: { value: '301', description: 'Promotional cash coupon, "301".' },
  PROMOTIONAL_FLEXI_PURCHASE_COUPON: { value: '302', description: 'Promotional flexi-purchase coupon, "302".' },
  AGENT_DISCOUNT: { value: '500', description: 'Agent-specified discount, "500".' },
  AGENT_REDUCTION: { value: '501', description: 'Agent-specified reduction, "501".' },
  AGENT_FIXED_PRICE: { value: '502', description: 'Agent-specified fixed price, "502".' },
  DISCOUNT_AND_REBATE_CONTRACT: { value: '600', description: 'Discount-and-rebate contract, "600".' },
  CHANNEL_FRAMEWORK_CONTRACT: { value: '601', description: 'Channel framework contract, "601".' },
  EARMARKED_FUND_CONTRACT: { value: '602', description: 'Earmarked-fund contract, "602".' },
  OFFLINE_DIRECT_CONTRACT: { value: '603', description: 'Offline direct-signed contract, "603".' },
  TELESALES_AUTHORISED_CONTRACT: { value: '604', description: 'Telesales-authorised contract, "604".' },
  COMMERCIAL_CONTRACT_DISCOUNT: { value: '605', description: 'Commercial contract discount, "605".' },
  CHANNEL_COMMERCIAL_CONTRACT_DISCOUNT: { value: '606', description: 'Channel commercial contract discount, "606".' },
  PARTNER_AUTHORISED_DISCOUNT: { value: '607', description: 'Partner-authorised discount, "607".' },
  ORDER_PRICE_ADJUSTMENT: { value: '609', description: 'Order price-adjustment discount, "609".' },
  WAIVED_AMOUNT: { value: '610', description: 'Waived amount, "610".' },
  PROMOTION_DISCOUNT: { value: '700', description: 'Promotional discount, "700".' },
  TOP_UP_ACCOUNT_DISCOUNT: { value: '800', description: 'Top-up account discount, "800".' },
  PRODUCT_OWN_DISCOUNT: { value: '900', description: 'The product\'s own discount, "900".' },
  FIXED_PRICE_ON_BASE_PRICE: { value: '901', description: 'Fixed-price-on-base-price discount, "901".' },
  UNKNOWN: { value: DISCOUNT_ITEM_UNKNOWN, description: 'A code this version of the schema does not know yet; see `typeCode`.' },
} as const;
const KNOWN_DISCOUNT_ITEM_TYPES = codesOf(DISCOUNT_ITEM_TYPES);

export const DiscountItemType = builder.enumType('DiscountItemType', {
  description: 'Kind of a fee or discount item in an order\'s amount breakdown (E13 `DiscountItemV2.discount_type`, a string).',
  values: DISCOUNT_ITEM_TYPES,
});

export const discountItemType = (code: string | null | undefined): ValueOf<typeof DISCOUNT_ITEM_TYPES> => mapCode(KNOWN_DISCOUNT_ITEM_TYPES, code, DISCOUNT_ITEM_UNKNOWN);

// ---------------------------------------------------------------------------------------------------------
// Resource status: one enum over E10 (yearly/monthly) and E11 (pay-per-use)

const RESOURCE_STATUSES = {
  IN_USE: { value: 'IN_USE', description: 'In use: E10 2 (yearly/monthly, 正常) or E11 1 (pay-per-use, provisioned).' },
  GRACE_PERIOD: { value: 'GRACE_PERIOD', description: 'In the grace period after running out of funds: E11 2 (pay-per-use only).' },
  EXPIRED: { value: 'EXPIRED', description: 'The paid period ended and the resource waits for renewal: E10 5 (yearly/monthly only).' },
  FROZEN: { value: 'FROZEN', description: 'Frozen: E10 4 or E11 3.' },
  CHANGING: { value: 'CHANGING', description: 'A change is being applied: E11 4 (pay-per-use only).' },
  CLOSING: { value: 'CLOSING', description: 'Being deleted: E11 5 (pay-per-use only).' },
  CLOSED: { value: 'CLOSED', description: 'Closed or released: E10 3 (hidden in the console) or E11 6.' },
  UNKNOWN: { value: 'UNKNOWN', description: 'A code this version of the schema does not know yet; see `statusCode`.' },
} as const;
export type ResourceStatusValue = (typeof RESOURCE_STATUSES)[keyof typeof RESOURCE_STATUSES]['value'];

export const ResourceStatus = builder.enumType('ResourceStatus', {
  description:
    'Status of a resource, one list over the two upstream ones: E10 (`status` of ListPayPerUseCustomerResources, ' +
    'yearly/monthly) and E11 (`status` of ListCustomerOnDemandResources, pay-per-use). The raw code is in `statusCode`.',
  values: RESOURCE_STATUSES,
});

/** E10: 2 in use, 3 closed, 4 frozen, 5 expired. */
const PERIOD_STATUS_BY_CODE: ReadonlyMap<number, ResourceStatusValue> = new Map([[2, 'IN_USE'], [3, 'CLOSED'], [4, 'FROZEN'], [5, 'EXPIRED']]);
/** E11: 1 normal, 2 grace period, 3 frozen, 4 changing, 5 closing, 6 closed. */
const ON_DEMAND_STATUS_BY_CODE: ReadonlyMap<number, ResourceStatusValue> = new Map([
  [1, 'IN_USE'], [2, 'GRACE_PERIOD'], [3, 'FROZEN'], [4, 'CHANGING'], [5, 'CLOSING'], [6, 'CLOSED'],
]);

const statusOf = (table: ReadonlyMap<number, ResourceStatusValue>, code: number | null | undefined): ResourceStatusValue =>
  (code === null || code === undefined ? undefined : table.get(code)) ?? 'UNKNOWN';
const codesFor = (table: ReadonlyMap<number, ResourceStatusValue>, status: ResourceStatusValue): number[] =>
  [...table].filter(([, s]) => s === status).map(([code]) => code);

export const periodResourceStatus = (code: number | null | undefined): ResourceStatusValue => statusOf(PERIOD_STATUS_BY_CODE, code);
export const onDemandResourceStatus = (code: number | null | undefined): ResourceStatusValue => statusOf(ON_DEMAND_STATUS_BY_CODE, code);
/** The E10 codes of a status (empty: no yearly/monthly resource can have it). */
export const periodStatusCodes = (status: ResourceStatusValue): number[] => codesFor(PERIOD_STATUS_BY_CODE, status);
/** The E11 codes of a status (empty: no pay-per-use resource can have it). */
export const onDemandStatusCodes = (status: ResourceStatusValue): number[] => codesFor(ON_DEMAND_STATUS_BY_CODE, status);

/** A status filter must be a real status; UNKNOWN matches nothing upstream can be asked for. */
export function checkStatusFilter(status: ResourceStatusValue | null | undefined, argument = 'status'): ResourceStatusValue | null {
  if (status === null || status === undefined) return null;
  if (status === 'UNKNOWN') throw badFilter(argument, 'cannot filter on UNKNOWN: name a status');
  return status;
}

// ---------------------------------------------------------------------------------------------------------
// E12 expiry policy

const EXPIRE_POLICIES = {
  ENTER_GRACE_PERIOD: { value: 0, description: 'Enter the grace period on expiry, `expire_policy` 0.' },
  CONVERT_TO_ON_DEMAND: { value: 1, description: 'Convert to pay-per-use on expiry, `expire_policy` 1.' },
  DELETE_ON_EXPIRY: { value: 2, description: 'Delete automatically, directly from active, `expire_policy` 2.' },
  RENEW_AUTOMATICALLY: { value: 3, description: 'Renew automatically (auto-renew is on), `expire_policy` 3.' },
  FREEZE: { value: 4, description: 'Freeze on expiry, `expire_policy` 4.' },
  DELETE_AFTER_RETENTION: { value: 5, description: 'Delete at the end of the retention period, `expire_policy` 5.' },
  UNKNOWN: { value: UNKNOWN_CODE, description: 'A code this version of the schema does not know yet; see `expirePolicyCode`.' },
} as const;
const KNOWN_EXPIRE_POLICIES = codesOf(EXPIRE_POLICIES);

export const ExpirePolicy = builder.enumType('ExpirePolicy', {
  description: 'What happens to a yearly/monthly resource when its period ends (E12 `expire_policy`).',
  values: EXPIRE_POLICIES,
});

export const expirePolicy = (code: number | null | undefined): ValueOf<typeof EXPIRE_POLICIES> => mapCode(KNOWN_EXPIRE_POLICIES, code, UNKNOWN_CODE);
/** Only E12 3 means auto-renew is on. */
export const AUTO_RENEW_POLICY = EXPIRE_POLICIES.RENEW_AUTOMATICALLY.value;

// ---------------------------------------------------------------------------------------------------------
// Which resource list (the charge mode of a resource)

export const ResourceChargeMode = builder.enumType('ResourceChargeMode', {
  description:
    'How a resource is paid for, i.e. which upstream list holds it. (Bills know more charge modes, E1: reserved ' +
    'instances and savings plans; resources are only ever one of these two.)',
  values: {
    YEARLY_MONTHLY: { value: 'YEARLY_MONTHLY', description: 'Prepaid subscription (包年/包月, E1 1): ListPayPerUseCustomerResources.' },
    ON_DEMAND: { value: 'ON_DEMAND', description: 'Pay-per-use (按需, E1 3): ListCustomerOnDemandResources.' },
  } as const,
});
export type ResourceChargeModeValue = 'YEARLY_MONTHLY' | 'ON_DEMAND';

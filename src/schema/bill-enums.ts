/**
 * GraphQL enums over the bill code lists of bss-api-commerce.md §0.8 (E1–E5, E15), each list mapped here
 * and only here. The same wire field names carry different lists on different bill endpoints: `bill_type`
 * is E3 (strings "0"/"1"/"2") on the partner's monthly sums (4.1), E4 (ints 1/2/3) on a customer's own
 * monthly sums (4.4) and E2 (ints 1…103) on detail records (4.2 `bill_detail_type`); so each gets its own
 * enum. `charge_mode` is E1 everywhere but a string on 4.1 and an int on 4.2/4.4: resolvers normalise it to
 * the int before it reaches `chargeMode()`. A code this schema does not know resolves to `UNKNOWN`; the
 * raw code stays available in the `…Code` field next to it.
 */
import { builder } from './builder.js';
import { badFilter, codesOf, knownCode, mapCode, type ValueOf } from './enums.js';

/** The internal value of every numeric bill enum's UNKNOWN (never a Huawei code). */
export const BILL_CODE_UNKNOWN = -1 as const;

/** A wire code (a number, or a numeric string as 4.1 sends them; absent → UNKNOWN) onto an enum's value. */
function mapNumericCode(known: ReadonlySet<number>, code: number | string | null | undefined): number {
  if (code === null || code === undefined || code === '') return BILL_CODE_UNKNOWN;
  const n = typeof code === 'number' ? code : /^\d+$/.test(code) ? Number(code) : Number.NaN;
  return Number.isInteger(n) ? knownCode(known, n, BILL_CODE_UNKNOWN) : BILL_CODE_UNKNOWN;
}

/** The raw code of a filter argument; UNKNOWN cannot be asked for upstream. */
function filterCode(argument: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value === BILL_CODE_UNKNOWN) throw badFilter(argument, 'cannot filter on UNKNOWN: name a code');
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// E1 charging mode

const CHARGE_MODES = {
  YEARLY_MONTHLY: { value: 1, description: 'Yearly/monthly prepaid subscription (包年/包月), E1 `1`.' },
  ON_DEMAND: { value: 3, description: 'Pay-per-use (按需), E1 `3`.' },
  RESERVED_INSTANCE: { value: 10, description: 'Reserved instance (预留实例), E1 `10`.' },
  SAVINGS_PLAN: { value: 11, description: 'Savings plan (节省计划), E1 `11`.' },
  UNKNOWN: { value: BILL_CODE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `chargeModeCode`.' },
} as const;
const KNOWN_CHARGE_MODES = codesOf(CHARGE_MODES);

export const ChargeMode = builder.enumType('ChargeMode', {
  description:
    'How consumption is charged (bss-api-commerce.md §0.8 E1: `charge_mode` / `charging_mode`; a string on ' +
    'ListSubcustomerMonthlyBills, an int elsewhere).',
  values: CHARGE_MODES,
});

export const chargeMode = (code: number | string | null | undefined): ValueOf<typeof CHARGE_MODES> =>
  mapNumericCode(KNOWN_CHARGE_MODES, code) as ValueOf<typeof CHARGE_MODES>;

/** An E1 filter for ListSubCustomerBillDetail (`charging_mode`, an int; every E1 code is accepted). */
export const chargeModeFilter = (value: number | null | undefined, argument = 'chargeMode'): number | undefined => filterCode(argument, value);

/**
 * The E1 codes ListSubcustomerMonthlyBills accepts, as the strings it takes, in the order a merged listing
 * concatenates them. It has no reserved-instance mode: asking for one would be CBC.0100 upstream.
 */
export const MONTHLY_BILL_CHARGE_MODES: readonly string[] = ['1', '3', '11'];

/** The `charge_mode` strings a monthly-bills listing asks for: the one given, or every mode 4.1 knows. */
export function monthlyBillChargeModes(value: number | null | undefined, argument = 'chargeMode'): readonly string[] {
  const code = filterCode(argument, value);
  if (code === undefined) return MONTHLY_BILL_CHARGE_MODES;
  if (!MONTHLY_BILL_CHARGE_MODES.includes(String(code))) {
    throw badFilter(argument, `is not a charge mode of monthly bills: ListSubcustomerMonthlyBills takes ${MONTHLY_BILL_CHARGE_MODES.join(', ')} only`);
  }
  return [String(code)];
}

// ---------------------------------------------------------------------------------------------------------
// E3 partner monthly-sum bill type (a string on the wire)

const MONTHLY_BILL_TYPES = {
  CONSUMPTION: { value: 0, description: 'Consumption (normal), E3 `"0"`.' },
  UNSUBSCRIPTION: { value: 1, description: 'Unsubscription, E3 `"1"`; its amounts are negative.' },
  WRITE_OFF: { value: 2, description: 'Huawei write-off, E3 `"2"`; its amounts are negative.' },
  UNKNOWN: { value: BILL_CODE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `billTypeCode`.' },
} as const;
const KNOWN_MONTHLY_BILL_TYPES = codesOf(MONTHLY_BILL_TYPES);

export const MonthlyBillType = builder.enumType('MonthlyBillType', {
  description:
    'Bill type of a partner monthly sum (E3, the string `bill_type` of ListSubcustomerMonthlyBills). Not the same ' +
    'list as `BillDetailType` (E2) or `CustomerBillType` (E4).',
  values: MONTHLY_BILL_TYPES,
});

export const monthlyBillType = (code: string | number | null | undefined): ValueOf<typeof MONTHLY_BILL_TYPES> =>
  mapNumericCode(KNOWN_MONTHLY_BILL_TYPES, code) as ValueOf<typeof MONTHLY_BILL_TYPES>;

/** The E3 filter travels as a string (`"0"`). */
export function monthlyBillTypeFilter(value: number | null | undefined, argument = 'billType'): string | undefined {
  const code = filterCode(argument, value);
  return code === undefined ? undefined : String(code);
}

// ---------------------------------------------------------------------------------------------------------
// E2 bill detail type

const BILL_DETAIL_TYPES = {
  NEW_PURCHASE: { value: 1, description: 'Consumption – new purchase, E2 `1` (`tradeId` is an order id).' },
  RENEWAL: { value: 2, description: 'Consumption – renewal, E2 `2` (`tradeId` is an order id).' },
  MODIFICATION: { value: 3, description: 'Consumption – modification, E2 `3` (`tradeId` is an order id).' },
  UNSUBSCRIPTION: { value: 4, description: 'Refund – unsubscription, E2 `4` (`tradeId` is an order id); negative amounts.' },
  USAGE: { value: 5, description: 'Consumption – usage (pay-per-use), E2 `5`.' },
  AUTO_RENEWAL: { value: 8, description: 'Consumption – auto-renewal, E2 `8` (`tradeId` is an order id).' },
  COMPENSATION: { value: 9, description: 'Adjustment – compensation, E2 `9`.' },
  HOURLY_BILLING: { value: 12, description: 'Consumption – hourly billing, E2 `12` (listed only by some doc versions).' },
  UNSUBSCRIPTION_FEE: { value: 13, description: 'Consumption – unsubscription fee, E2 `13` (listed only by some doc versions).' },
  SUPPORT_PLAN_DEDUCTION: { value: 14, description: 'Consumption – support-plan month-end deduction, E2 `14`.' },
  ADJUSTMENT_DEDUCTION: { value: 16, description: 'Adjustment – deduction, E2 `16`.' },
  MONTHLY_PAYMENT: { value: 18, description: 'Consumption – monthly payment, E2 `18`.' },
  MODIFICATION_REFUND: { value: 20, description: 'Refund – modification, E2 `20`.' },
  SAVINGS_PLAN_DEDUCTION: { value: 23, description: 'Consumption – savings-plan deduction, E2 `23`.' },
  CONVERTED_TO_ON_DEMAND_REFUND: { value: 24, description: 'Refund – yearly/monthly converted to pay-per-use, E2 `24`.' },
  ROUNDING_DEDUCTION: { value: 25, description: 'Consumption – rounding make-up deduction, E2 `25`.' },
  YEARLY_PAYMENT: { value: 103, description: 'Consumption – yearly payment, E2 `103`.' },
  UNKNOWN: { value: BILL_CODE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `billTypeCode`.' },
} as const;
const KNOWN_BILL_DETAIL_TYPES = codesOf(BILL_DETAIL_TYPES);

export const BillDetailType = builder.enumType('BillDetailType', {
  description:
    'Bill type of a consumption (detail) record (E2: `bill_detail_type` of ListSubCustomerBillDetail, `bill_type` ' +
    'of the customer detail endpoints). Not the same list as `MonthlyBillType` (E3).',
  values: BILL_DETAIL_TYPES,
});

export const billDetailType = (code: number | string | null | undefined): ValueOf<typeof BILL_DETAIL_TYPES> =>
  mapNumericCode(KNOWN_BILL_DETAIL_TYPES, code) as ValueOf<typeof BILL_DETAIL_TYPES>;

export const billDetailTypeFilter = (value: number | null | undefined, argument = 'billType'): number | undefined => filterCode(argument, value);

/** E2 types whose `trade_id` is an order id (§0.8); for the rest it is a transaction id. */
const ORDER_BILL_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 8]);
export const tradeIsOrder = (billTypeCode: number | null | undefined): boolean => billTypeCode !== null && billTypeCode !== undefined && ORDER_BILL_TYPES.has(billTypeCode);

// ---------------------------------------------------------------------------------------------------------
// E4 customer monthly-sum bill type

const CUSTOMER_BILL_TYPES = {
  CONSUMPTION: { value: 1, description: 'Consumption, E4 `1`.' },
  REFUND: { value: 2, description: 'Refund, E4 `2`; negative amounts.' },
  ADJUSTMENT: { value: 3, description: 'Adjustment, E4 `3`.' },
  UNKNOWN: { value: BILL_CODE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `billTypeCode`.' },
} as const;
const KNOWN_CUSTOMER_BILL_TYPES = codesOf(CUSTOMER_BILL_TYPES);

export const CustomerBillType = builder.enumType('CustomerBillType', {
  description: 'Bill type of a row of a customer\'s own monthly bill (E4, `BillSumRecordInfoV2.bill_type` of ShowCustomerMonthlySum).',
  values: CUSTOMER_BILL_TYPES,
});

export const customerBillType = (code: number | null | undefined): ValueOf<typeof CUSTOMER_BILL_TYPES> =>
  mapNumericCode(KNOWN_CUSTOMER_BILL_TYPES, code) as ValueOf<typeof CUSTOMER_BILL_TYPES>;

// ---------------------------------------------------------------------------------------------------------
// E5 billing period type in bills

const BILL_PERIOD_TYPES = {
  YEAR: { value: 19, description: 'Year, E5 `19`.' },
  MONTH: { value: 20, description: 'Month, E5 `20`.' },
  DAY: { value: 24, description: 'Day, E5 `24`.' },
  HOUR: { value: 25, description: 'Hour, E5 `25`.' },
  ONE_OFF: { value: 5, description: 'One-off, E5 `5`.' },
  UNKNOWN: { value: BILL_CODE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `periodTypeCode`.' },
} as const;
const KNOWN_BILL_PERIOD_TYPES = codesOf(BILL_PERIOD_TYPES);

export const BillPeriodType = builder.enumType('BillPeriodType', {
  description: 'Billing period of a bill record (E5 `period_type`; order line items use another list, `LineItemPeriodType`).',
  values: BILL_PERIOD_TYPES,
});

export const billPeriodType = (code: number | string | null | undefined): ValueOf<typeof BILL_PERIOD_TYPES> =>
  mapNumericCode(KNOWN_BILL_PERIOD_TYPES, code) as ValueOf<typeof BILL_PERIOD_TYPES>;

// ---------------------------------------------------------------------------------------------------------
// E15 balance (account) type, a string code

export const BALANCE_TYPE_UNKNOWN = 'UNKNOWN' as const;
const BALANCE_TYPES = {
  CASH: { value: 'BALANCE_TYPE_DEBIT', description: 'Cash account (现金账户), `BALANCE_TYPE_DEBIT`.' },
  CREDIT: { value: 'BALANCE_TYPE_CREDIT', description: 'Credit account (信用账户), `BALANCE_TYPE_CREDIT`.' },
  BONUS: { value: 'BALANCE_TYPE_BONUS', description: 'Bonus (奖励金, legacy), `BALANCE_TYPE_BONUS`.' },
  CASH_COUPON: { value: 'BALANCE_TYPE_COUPON', description: 'Cash coupon (代金券), `BALANCE_TYPE_COUPON`.' },
  FLEXI_PURCHASE_COUPON: { value: 'BALANCE_TYPE_RCASH_COUPON', description: 'Flexi-purchase coupon (现金券), `BALANCE_TYPE_RCASH_COUPON`.' },
  STORED_VALUE_CARD: { value: 'BALANCE_TYPE_STORED_VALUE_CARD', description: 'Stored-value card (储值卡), `BALANCE_TYPE_STORED_VALUE_CARD`.' },
  UNKNOWN: { value: BALANCE_TYPE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `balanceTypeCode`.' },
} as const;
const KNOWN_BALANCE_TYPES = codesOf(BALANCE_TYPES);

export const BalanceType = builder.enumType('BalanceType', {
  description: 'The account a bill was paid from (E15 `balance_type`).',
  values: BALANCE_TYPES,
});

export const balanceType = (code: string | null | undefined): ValueOf<typeof BALANCE_TYPES> =>
  mapCode(KNOWN_BALANCE_TYPES, code, BALANCE_TYPE_UNKNOWN);

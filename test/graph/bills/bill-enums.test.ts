/**
 * The bill code lists: each wire list mapped to its own enum, string and int forms of E1 alike, and codes
 * the schema does not know resolving to UNKNOWN instead of failing the query.
 */
import { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  balanceType, billDetailType, billPeriodType, chargeMode, customerBillType, monthlyBillChargeModes, monthlyBillType, monthlyBillTypeFilter, tradeIsOrder,
} from '../../../src/schema/bill-enums.js';
import { schema } from '../../../src/schema/index.js';

const serialize = (type: string, value: unknown): unknown => (schema.getType(type) as GraphQLEnumType).serialize(value);

describe('bill enums', () => {
  it('normalises E1 from 4.1\'s strings and 4.2\'s ints to the same value', () => {
    expect(serialize('ChargeMode', chargeMode('3'))).toBe('ON_DEMAND');
    expect(serialize('ChargeMode', chargeMode(3))).toBe('ON_DEMAND');
    expect(serialize('ChargeMode', chargeMode('1'))).toBe('YEARLY_MONTHLY');
    expect(serialize('ChargeMode', chargeMode(10))).toBe('RESERVED_INSTANCE');
    expect(serialize('ChargeMode', chargeMode('11'))).toBe('SAVINGS_PLAN');
  });

  it('keeps E3 (partner monthly sums) and E2 (detail records) apart: the same code means different things', () => {
    expect(serialize('MonthlyBillType', monthlyBillType('1'))).toBe('UNSUBSCRIPTION');
    expect(serialize('BillDetailType', billDetailType(1))).toBe('NEW_PURCHASE');
    expect(serialize('CustomerBillType', customerBillType(1))).toBe('CONSUMPTION');
    expect(serialize('MonthlyBillType', monthlyBillType('0'))).toBe('CONSUMPTION');
    expect(serialize('MonthlyBillType', monthlyBillType('2'))).toBe('WRITE_OFF');
    expect(serialize('BillDetailType', billDetailType(103))).toBe('YEARLY_PAYMENT');
    expect(serialize('BillPeriodType', billPeriodType(25))).toBe('HOUR');
    expect(serialize('BalanceType', balanceType('BALANCE_TYPE_RCASH_COUPON'))).toBe('FLEXI_PURCHASE_COUPON');
  });

  it('resolves codes it does not know to UNKNOWN', () => {
    expect(serialize('ChargeMode', chargeMode('12'))).toBe('UNKNOWN');
    expect(serialize('ChargeMode', chargeMode('x'))).toBe('UNKNOWN');
    expect(serialize('ChargeMode', chargeMode(null))).toBe('UNKNOWN');
    expect(serialize('MonthlyBillType', monthlyBillType('7'))).toBe('UNKNOWN');
    expect(serialize('BillDetailType', billDetailType(999))).toBe('UNKNOWN');
    expect(serialize('CustomerBillType', customerBillType(4))).toBe('UNKNOWN');
    expect(serialize('BillPeriodType', billPeriodType(1))).toBe('UNKNOWN');
    expect(serialize('BalanceType', balanceType('BALANCE_TYPE_NEW'))).toBe('UNKNOWN');
  });

  it('turns filter arguments back into the wire form each endpoint takes', () => {
    expect(monthlyBillChargeModes(undefined)).toEqual(['1', '3', '11']);
    expect(monthlyBillChargeModes(3)).toEqual(['3']);
    expect(() => monthlyBillChargeModes(10)).toThrow(/not a charge mode of monthly bills/);
    expect(() => monthlyBillChargeModes(-1)).toThrow(/UNKNOWN/);
    expect(monthlyBillTypeFilter(0)).toBe('0');
    expect(monthlyBillTypeFilter(null)).toBeUndefined();
  });

  it('knows which E2 bill types carry an order id as trade id', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 23].filter(tradeIsOrder)).toEqual([1, 2, 3, 4, 8]);
  });
});

/**
 * The rounding rule (bill-store.ts): a monthly-sum row is the exact sum of its detail records' 8-decimal
 * amounts rounded half-up to 2 decimals; the larger of cash and credit takes the remainder of the split.
 * Checked through the wire, summing in decimal.js what 4.2, 4.6 and 4.7 list against what 4.1 and 4.4 say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decimal } from 'decimal.js';
import { toDecimal } from '../../../src/bss/money.js';
import {
  ListCustomerselfResourceRecordDetails, ListCustomerselfResourceRecords, ListSubCustomerBillDetail, ListSubcustomerMonthlyBills,
  ShowCustomerMonthlySum,
} from '../../../src/bss/operations/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import { testState } from '../../support/sim-request.js';
import { allPages, call, callAs, customerAt, round2, sum, type Json } from './helpers.js';

/** E2 → E4 bill class, as bill-store.ts maps it. */
const billClass = (billType: number): number => ([4, 20, 24].includes(billType) ? 2 : [9, 16].includes(billType) ? 3 : 1);
/** E4 → E3 for the partner's rows. */
const partnerBillType = (cls: number): string => String(cls - 1);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

let state: SimState;
beforeAll(() => {
  state = testState();
});

/**
 * Customer index and cycle: heavy (5786 records), open (with a refund), oldest, debt, coupons with debt,
 * credit with two discounts, refunds, a reseller's customer (refund; rounding left a fen; coupons).
 */
const CASES: readonly (readonly [number, string])[] = [
  [9, '2026-10'], [9, '2026-11'], [9, '2025-11'], [44, '2026-07'], [44, '2026-09'], [26, '2026-10'], [16, '2026-09'],
  [25, '2026-07'], [25, '2026-08'], [25, '2026-10'],
];

describe('the cases below exercise every part of the rule', () => {
  it('covers refunds, debt, coupons, credit, a fen of truncation either way, and thousands of records', () => {
    const bills = state.bills;
    const records = CASES.flatMap(([index, cycle]) => bills.records(customerAt(state, index).customerId, cycle));
    const sums = CASES.flatMap(([index, cycle]) => bills.monthlySums(customerAt(state, index).customerId, cycle));
    expect(records.filter((r) => r.billType === 4).length).toBeGreaterThan(0);
    expect(records.filter((r) => !r.paid.debt.isZero()).length).toBeGreaterThan(0);
    expect(records.filter((r) => !r.paid.coupon.isZero()).length).toBeGreaterThan(0);
    expect(records.filter((r) => !r.paid.credit.isZero()).length).toBeGreaterThan(0);
    expect(sums.map((m) => m.truncated.toFixed(2))).toEqual(expect.arrayContaining(['0.01', '-0.01']));
    expect(bills.records(customerAt(state, 9).customerId, '2026-10')).toHaveLength(5786);
  });
});

describe('monthly sums equal their detail records summed and rounded (4.4 against 4.6)', () => {
  it.each(CASES)('customer %i, cycle %s', async (index, cycle) => {
    const customer = customerAt(state, index);
    const records = await allPages(
      (offset, limit) => callAs(state, customer, ListCustomerselfResourceRecords, { query: { cycle, include_zero_record: 'true', offset, limit } }),
      'fee_records', 1000,
    );
    const monthly = await callAs(state, customer, ShowCustomerMonthlySum, { query: { bill_cycle: cycle, limit: 1000 } });
    expect(records.length).toBeGreaterThan(0);
    const groups = groupBy(records, (r) => `${r.cloud_service_type}|${r.resource_type}|${r.charge_mode}|${billClass(r.bill_type)}`);
    expect(monthly.body.total_count).toBe(groups.size);
    for (const row of monthly.body.bill_sums) {
      const members = groups.get(`${row.service_type_code}|${row.resource_type_code}|${row.charging_mode}|${row.bill_type}`)!;
      const official = sum(members.map((r) => r.official_amount));
      const discount = sum(members.map((r) => r.discount_amount));
      const due = official.minus(discount);
      expect([row.official_amount, row.official_discount_amount, row.consume_amount].map(String)).toEqual([round2(official), round2(discount), round2(due)]);
      expect(toDecimal(row.truncated_amount).toFixed(2)).toBe(toDecimal(row.official_amount).minus(row.official_discount_amount).minus(row.consume_amount).toFixed(2));
    }
    const total = sum(monthly.body.bill_sums.map((r: Json) => r.consume_amount));
    expect(String(monthly.body.consume_amount)).toBe(total.toFixed(2));
  });

  it('holds for records with 8 decimals, and summing their 2-decimal amounts instead would not', async () => {
    const customer = customerAt(state, 9);
    const records = await allPages(
      (offset, limit) => callAs(state, customer, ListCustomerselfResourceRecords, { query: { cycle: '2026-10', include_zero_record: 'true', offset, limit } }),
      'fee_records', 1000,
    );
    const eightDecimals = records.filter((r) => toDecimal(r.official_amount).decimalPlaces() > 4);
    expect(eightDecimals.length).toBeGreaterThan(100);
    expect(eightDecimals.some((r) => toDecimal(r.official_amount).decimalPlaces() === 8)).toBe(true);
    // The documented mismatch: per-record fen amounts do not add up to the monthly sum everywhere.
    const monthly = await callAs(state, customer, ShowCustomerMonthlySum, { query: { bill_cycle: '2026-10', limit: 1000 } });
    const mismatches = monthly.body.bill_sums.filter((row: Json) => {
      const members = records.filter((r) => r.resource_type === row.resource_type_code && String(r.charge_mode) === String(row.charging_mode));
      return !sum(members.map((r) => r.amount)).eq(toDecimal(row.consume_amount));
    });
    expect(mismatches.length).toBeGreaterThan(0);
  });
});

describe('partner monthly sums equal the partner detail records summed and rounded (4.1 against 4.2)', () => {
  /** Resale customers (4.1 lists only those): own ones, and one of a reseller's. */
  it.each([[9, '2026-10'], [44, '2026-09'], [26, '2026-10'], [16, '2026-09'], [25, '2026-07'], [25, '2026-10']] as const)('customer %i, cycle %s', async (index, cycle) => {
    const customer = customerAt(state, index);
    expect(customer.associationType).toBe('2');
    const scope: Record<string, string> = customer.indirectPartnerId === null ? {} : { indirect_partner_id: customer.indirectPartnerId };
    const details = await allPages(
      (offset, limit) => call(state, ListSubCustomerBillDetail, { query: { bill_cycle: cycle, customer_id: customer.customerId, offset, limit, ...scope } }),
      'fee_records', 1000,
    );
    const rows = [];
    for (const chargeMode of ['1', '3']) {
      const page = await call(state, ListSubcustomerMonthlyBills, { query: { cycle, charge_mode: chargeMode, customer_id: customer.customerId, limit: 100, ...scope } });
      rows.push(...page.body.bill_sums);
    }
    const groups = groupBy(details, (r) => `${r.service_type_code}|${r.resource_type_code}|${r.charging_mode}|${partnerBillType(billClass(r.bill_detail_type))}`);
    expect(rows.length).toBe(groups.size);
    for (const row of rows) {
      const members = groups.get(`${row.cloud_service_type}|${row.resource_type_code}|${row.charge_mode}|${row.bill_type}`)!;
      const exact = (field: string): Decimal => sum(members.map((r) => r[field]));
      expect(String(row.amount)).toBe(round2(exact('payment_amount')));
      if (row.bill_type === '0') {
        expect(String(row.discount_amount)).toBe(round2(exact('official_discount_amount')));
        expect(String(row.debt_amount)).toBe(round2(exact('debt_amount')));
      }
      const accounts = Object.fromEntries(row.account_details.map((d: Json) => [d.balance_type, toDecimal(d.amount)]));
      for (const [balanceType, field] of [['BALANCE_TYPE_COUPON', 'coupon_amount'], ['BALANCE_TYPE_RCASH_COUPON', 'flexipurchase_coupon_amount']]) {
        expect((accounts[balanceType!] ?? toDecimal(0)).toFixed(2)).toBe(round2(exact(field!)));
      }
      // The split adds up: paid accounts plus what is owed make the amount.
      const paid = sum(Object.values(accounts) as Decimal[]).plus(row.bill_type === '0' ? toDecimal(row.debt_amount) : 0);
      expect(paid.toFixed(2)).toBe(toDecimal(row.amount).toFixed(2));
    }
  });
});

describe('per-resource rows of 4.7 follow the same rule', () => {
  it('a cycle row of a resource is its detail records summed and rounded', async () => {
    const customer = customerAt(state, 44);
    const cycle = '2026-07';
    const perRecord = await allPages(
      (offset, limit) => callAs(state, customer, ListCustomerselfResourceRecordDetails, { body: { cycle, statistic_type: 3, include_zero_record: true, offset, limit } }),
      'monthly_records', 1000,
    );
    const perCycle = await callAs(state, customer, ListCustomerselfResourceRecordDetails, { body: { cycle, statistic_type: 1, include_zero_record: true, limit: 1000 } });
    const groups = groupBy(perRecord, (r) => `${r.res_instance_id}|${r.bill_type}|${r.charge_mode === 1 ? r.trade_id : ''}`);
    expect(perCycle.body.total_count).toBe(groups.size);
    for (const row of perCycle.body.monthly_records) {
      const members = groups.get(`${row.res_instance_id}|${row.bill_type}|${row.charge_mode === 1 ? row.trade_id : ''}`)!;
      const official = sum(members.map((r) => r.official_amount));
      const discount = sum(members.map((r) => r.discount_amount));
      expect(toDecimal(row.official_amount).eq(official)).toBe(true);
      expect(toDecimal(row.discount_amount).eq(discount)).toBe(true);
      expect(String(row.consume_amount)).toBe(round2(official.minus(discount)));
      const split = sum(['cash_amount', 'credit_amount', 'coupon_amount', 'flexipurchase_coupon_amount', 'stored_card_amount', 'debt_amount'].map((f) => row[f]));
      expect(split.toFixed(2)).toBe(toDecimal(row.consume_amount).toFixed(2));
    }
  });
});

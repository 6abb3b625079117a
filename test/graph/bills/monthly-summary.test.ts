/**
 * `Customer.monthlySummary(cycle)` over ShowCustomerMonthlySum (bss-api-commerce.md §4.4), a customer-only
 * endpoint read with the customer's token (IAM assume_role on the agency it granted). A customer that granted
 * no agency gets the typed CUSTOMER_AGENCY_NOT_GRANTED error on that field only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListSubCustomerBillDetail, ShowCustomerMonthlySum, type BillSumRecordInfoV2 } from '../../../src/bss/operations/bills/index.js';
import { offsetToCursor } from '../../../src/resolvers/connection.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { CHARGE_MODE, CUSTOMER_BILL_TYPE, belowCustomer, data, dec, decSum, directCustomers, pick, recordCount, warmReference } from './helpers.js';

const CYCLE = '2026-10';

const SUMMARY = `query ($id: String!, $cycle: BillingCycle!, $first: Int, $after: String) { customer(customerId: $id) {
  customerId
  monthlySummary(cycle: $cycle) {
    cycle currency consumeAmount debtAmount couponAmount flexiPurchaseCouponAmount storedValueCardAmount cashAmount creditAmount writeoffAmount
    rows(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage }
      nodes {
        cycle customerId accountName serviceType { code name } resourceType { code name } chargeMode chargeModeCode billType billTypeCode
        officialAmount discountAmount truncatedAmount consumeAmount couponAmount flexiPurchaseCouponAmount storedValueCardAmount
        cashAmount creditAmount debtAmount writeoffAmount
      }
    }
  }
} }`;

const row = (r: BillSumRecordInfoV2) => ({
  cycle: r.bill_cycle,
  customerId: r.customer_id,
  accountName: r.account_name,
  serviceType: { code: r.service_type_code, name: r.service_type_name },
  resourceType: { code: r.resource_type_code, name: r.resource_type_name },
  chargeMode: CHARGE_MODE[r.charging_mode],
  chargeModeCode: r.charging_mode,
  billType: CUSTOMER_BILL_TYPE[r.bill_type],
  billTypeCode: r.bill_type,
  officialAmount: dec(r.official_amount),
  discountAmount: dec(r.official_discount_amount),
  truncatedAmount: dec(r.truncated_amount),
  consumeAmount: dec(r.consume_amount),
  couponAmount: dec(r.coupon_amount),
  flexiPurchaseCouponAmount: dec(r.flexipurchase_coupon_amount),
  storedValueCardAmount: dec(r.stored_value_card_amount),
  cashAmount: dec(r.cash_amount),
  creditAmount: dec(r.credit_amount),
  debtAmount: dec(r.debt_amount),
  writeoffAmount: dec(r.writeoff_amount),
});

describe('Customer.monthlySummary', () => {
  let stack: Stack;
  let granted: CustomerRecord[];
  let ungranted: CustomerRecord;

  beforeAll(async () => {
    stack = await startStack({ pii: true });
    const consuming = directCustomers(stack).filter((c) => recordCount(stack, c, CYCLE) > 0);
    granted = consuming.filter((c) => c.agency !== null);
    expect(granted.length).toBeGreaterThan(2);
    ungranted = pick(consuming, 'direct consuming customer without an agency', (c) => c.agency === null);
  });
  beforeEach(() => warmReference(stack));
  afterAll(async () => {
    await stack.close();
  });

  it('answers the customer\'s own bill through one token exchange and one call, exactly as the endpoint returns it', async () => {
    const customer = granted[0]!;
    const result = await data(stack, SUMMARY, { id: customer.customerId, cycle: CYCLE, first: 100 });
    expect(belowCustomer(stack)).toEqual({ KeystoneCreateAgencyToken: 1, ShowCustomerMonthlySum: 1 });

    const raw = await stack.bss.call(ShowCustomerMonthlySum, { bill_cycle: CYCLE, limit: 1000 }, { customerId: customer.customerId });
    expect(raw.bill_sums.length).toBeGreaterThan(1);
    expect(result.customer).toEqual({
      customerId: customer.customerId,
      monthlySummary: {
        cycle: CYCLE,
        currency: raw.currency,
        consumeAmount: dec(raw.consume_amount),
        debtAmount: dec(raw.debt_amount),
        couponAmount: dec(raw.coupon_amount),
        flexiPurchaseCouponAmount: dec(raw.flexipurchase_coupon_amount),
        storedValueCardAmount: dec(raw.stored_value_card_amount),
        cashAmount: dec(raw.cash_amount),
        creditAmount: dec(raw.credit_amount),
        writeoffAmount: dec(raw.writeoff_amount),
        rows: { totalCount: raw.total_count, pageInfo: { hasNextPage: false }, nodes: raw.bill_sums.map(row) },
      },
    });
  });

  it('pages its rows from the summary\'s own call, and reuses the customer token across requests', async () => {
    const customer = granted[1]!;
    const raw = await stack.bss.call(ShowCustomerMonthlySum, { bill_cycle: CYCLE, limit: 1000 }, { customerId: customer.customerId });
    stack.bss.counter.reset();
    const result = await data(stack, SUMMARY, { id: customer.customerId, cycle: CYCLE, first: 2, after: offsetToCursor(0) });
    expect(result.customer.monthlySummary.rows.nodes).toEqual(raw.bill_sums.slice(1, 3).map(row));
    expect(result.customer.monthlySummary.rows.pageInfo.hasNextPage).toBe(raw.total_count > 3);
    // The token got by the raw read is still cached: no exchange; the rows window costs no call of its own.
    expect(belowCustomer(stack)).toEqual({ ShowCustomerMonthlySum: 1 });
  });

  it('gives a customer without an agency a typed error on monthlySummary only; its other fields answer', async () => {
    const raw = await stack.bss.paginate(ListSubCustomerBillDetail, { bill_cycle: CYCLE, customer_id: ungranted.customerId });
    stack.bss.counter.reset();
    const result = await stack.graphql(`query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
      customerId
      consumption(cycle: $cycle) { total }
      monthlySummary(cycle: $cycle) { consumeAmount }
    } }`, { id: ungranted.customerId, cycle: CYCLE });
    expect(result.data.customer).toEqual({
      customerId: ungranted.customerId,
      consumption: { total: decSum(raw.items.map((r) => r.payment_amount)) },
      monthlySummary: null,
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['customer', 'monthlySummary']);
    expect(result.errors![0].extensions).toMatchObject({ code: 'CUSTOMER_AGENCY_NOT_GRANTED', operation: 'KeystoneCreateAgencyToken', forOperation: 'ShowCustomerMonthlySum' });
    // The failed exchange is one IAM request; the customer-only endpoint itself is never called.
    const below = belowCustomer(stack);
    expect(below['ShowCustomerMonthlySum']).toBeUndefined();
    expect(below).toEqual({ ListSubCustomerBillDetail: Math.max(1, Math.ceil(raw.total / 1000)), KeystoneCreateAgencyToken: 1 });
  });

  it('de-duplicates the same summary asked twice in one request', async () => {
    const customer = granted[2]!;
    const result = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
      a: monthlySummary(cycle: $cycle) { consumeAmount }
      b: monthlySummary(cycle: $cycle) { consumeAmount rows(first: 1) { totalCount } }
    } }`, { id: customer.customerId, cycle: CYCLE });
    expect(result.customer.a).toEqual({ consumeAmount: result.customer.b.consumeAmount });
    expect(belowCustomer(stack)).toEqual({ KeystoneCreateAgencyToken: 1, ShowCustomerMonthlySum: 1 });
  });
});

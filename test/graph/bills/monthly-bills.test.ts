/**
 * `Partner.monthlyBills` over ListSubcustomerMonthlyBills (bss-api-commerce.md §4.1): the upstream requires a
 * charge mode, so without one the gateway reads every mode's list and concatenates them. Compared with the
 * BSS client's own raw reads of the same lists, with exact upstream call counts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListSubcustomerMonthlyBills, type BillSumInfoV2 } from '../../../src/bss/operations/bills/index.js';
import { offsetToCursor } from '../../../src/resolvers/connection.js';
import { startStack, type Stack } from '../../support/stack.js';
import { CHARGE_MODE, MONTHLY_BILL_TYPE, contractQuery, data, dec, requests, warmReference } from './helpers.js';

const CYCLE = '2026-10';
const MODES = ['1', '3', '11'];
const CONTRACT = contractQuery('ContractMonthlyBills');

/** A raw row as the contract's selection writes it. */
function contractNode(r: BillSumInfoV2) {
  return {
    customer: { customerId: r.customer_id },
    billType: MONTHLY_BILL_TYPE[r.bill_type],
    chargeMode: CHARGE_MODE[r.charge_mode],
    serviceType: { code: r.cloud_service_type, name: r.cloud_service_type_name },
    resourceType: { code: r.resource_type_code, name: r.resource_type_name },
    amount: dec(r.amount),
    debtAmount: dec(r.debt_amount),
    discountAmount: dec(r.discount_amount),
  };
}

/** The same global id the gateway gives a row: its composite key, written out here independently. */
function billId(r: BillSumInfoV2, scope = ''): string {
  const key = JSON.stringify([scope, CYCLE, r.customer_id, r.cloud_service_type, r.resource_type_code, r.charge_mode, r.bill_type]);
  return Buffer.from(`MonthlyBill:${key}`).toString('base64');
}

describe('Partner.monthlyBills', () => {
  let stack: Stack;
  /** Every mode's whole list, read raw, in the order the gateway concatenates them. */
  let byMode: { mode: string; rows: BillSumInfoV2[] }[];
  let all: BillSumInfoV2[];

  beforeAll(async () => {
    stack = await startStack({ pii: true });
    byMode = [];
    for (const mode of MODES) {
      const { items } = await stack.bss.paginate(ListSubcustomerMonthlyBills, { cycle: CYCLE, charge_mode: mode });
      byMode.push({ mode, rows: items });
    }
    all = byMode.flatMap((m) => m.rows);
    // The boundary tests need two non-empty lists, the first longer than a few rows, and a list above 100 rows.
    expect(byMode[0]!.rows.length).toBeGreaterThan(10);
    expect(byMode[1]!.rows.length).toBeGreaterThan(100);
    expect(all.some((r) => r.bill_type !== '0')).toBe(true);
  });
  beforeEach(() => warmReference(stack));
  afterAll(async () => {
    await stack.close();
  });

  it('answers ContractMonthlyBills as the charge-mode lists concatenated, with one call per mode', async () => {
    const result = await data(stack, CONTRACT, { cycle: CYCLE, first: 20 });
    expect(result.partner.monthlyBills.totalCount).toBe(all.length);
    expect(result.partner.monthlyBills.nodes).toEqual(all.slice(0, 20).map(contractNode));
    // One page of each mode, asked at once; `customer { customerId }` is answered from the row.
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 3 });
  });

  it('pages across the charge-mode boundary with cursors that are merged-list offsets', async () => {
    const n1 = byMode[0]!.rows.length;
    const query = `query ($cycle: BillingCycle!, $after: String) { partner { monthlyBills(cycle: $cycle, first: 10, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id chargeMode customer { customerId } amount } }
    } } }`;
    const result = await data(stack, query, { cycle: CYCLE, after: offsetToCursor(n1 - 6) });
    const page = result.partner.monthlyBills;
    const expected = all.slice(n1 - 5, n1 + 5);
    expect(expected.map((r) => r.charge_mode)).toEqual([...Array(5).fill('1'), ...Array(5).fill('3')]);
    expect(page.edges).toEqual(
      expected.map((r, i) => ({
        cursor: offsetToCursor(n1 - 5 + i),
        node: { id: billId(r), chargeMode: CHARGE_MODE[r.charge_mode], customer: { customerId: r.customer_id }, amount: dec(r.amount) },
      })),
    );
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: offsetToCursor(n1 - 5), endCursor: offsetToCursor(n1 + 4) });
    expect(page.totalCount).toBe(all.length);
    // Past the start, each mode's offset depends on the counts before it: one call per mode, in turn.
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 3 });
  });

  it('walks the whole merged list page by page, ending exactly at the total', async () => {
    const query = `query ($cycle: BillingCycle!, $after: String) { partner { monthlyBills(cycle: $cycle, first: 40, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id }
    } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page: any = (await data(stack, query, { cycle: CYCLE, after })).partner.monthlyBills;
      ids.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(all.map((r) => billId(r)));
  });

  it('serves a first above the upstream page maximum (100) by walking that mode\'s pages', async () => {
    const result = await data(stack, CONTRACT, { cycle: CYCLE, first: 150 });
    expect(result.partner.monthlyBills.nodes).toEqual(all.slice(0, 150).map(contractNode));
    // At offset 0 every mode's first page (limit 100) goes out at once, and covers the window here.
    const n1 = byMode[0]!.rows.length;
    expect(150 - n1).toBeLessThanOrEqual(100);
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 3 });

    const more = await data(stack, CONTRACT, { cycle: CYCLE, first: 150, after: offsetToCursor(9) });
    expect(more.partner.monthlyBills.nodes).toEqual(all.slice(10, 160).map(contractNode));
  });

  it('asks a single list when a charge mode is given, and mirrors the other filters', async () => {
    const sample = byMode[1]!.rows.find((r) => r.bill_type === '0')!;
    const raw = await stack.bss.paginate(ListSubcustomerMonthlyBills, {
      cycle: CYCLE, charge_mode: '3', bill_type: '0', cloud_service_type: sample.cloud_service_type, customer_id: sample.customer_id,
    });
    stack.bss.counter.reset();
    const query = `query ($cycle: BillingCycle!, $service: String, $customer: String) { partner {
      monthlyBills(cycle: $cycle, first: 50, chargeMode: ON_DEMAND, billType: CONSUMPTION, serviceTypeCode: $service, customerId: $customer) {
        totalCount nodes { customer { customerId } billType chargeMode serviceType { code name } resourceType { code name } amount debtAmount discountAmount }
      } } }`;
    const result = await data(stack, query, { cycle: CYCLE, service: sample.cloud_service_type, customer: sample.customer_id });
    expect(raw.items.length).toBeGreaterThan(0);
    expect(result.partner.monthlyBills).toEqual({ totalCount: raw.total, nodes: raw.items.map(contractNode) });
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 1 });
  });

  it('exposes the paid-from split, adjustment, measure and raw codes of a row', async () => {
    const query = `query ($cycle: BillingCycle!) { partner { monthlyBills(cycle: $cycle, first: 100, chargeMode: ON_DEMAND) { nodes {
      cycle customerId billTypeCode chargeModeCode adjustmentAmount measureId currency
      accountDetails { balanceType balanceTypeCode amount billType billTypeCode }
    } } } }`;
    const result = await data(stack, query, { cycle: CYCLE });
    const BALANCE: Record<string, string> = {
      BALANCE_TYPE_DEBIT: 'CASH', BALANCE_TYPE_CREDIT: 'CREDIT', BALANCE_TYPE_COUPON: 'CASH_COUPON',
      BALANCE_TYPE_RCASH_COUPON: 'FLEXI_PURCHASE_COUPON', BALANCE_TYPE_STORED_VALUE_CARD: 'STORED_VALUE_CARD',
    };
    expect(result.partner.monthlyBills.nodes).toEqual(
      byMode[1]!.rows.slice(0, 100).map((r) => ({
        cycle: CYCLE,
        customerId: r.customer_id,
        billTypeCode: r.bill_type,
        chargeModeCode: 3,
        adjustmentAmount: dec(r.adjustment_amount),
        measureId: 1,
        currency: 'CNY',
        accountDetails: r.account_details.map((d) => ({
          balanceType: BALANCE[d.balance_type],
          balanceTypeCode: d.balance_type,
          amount: dec(d.amount),
          billType: MONTHLY_BILL_TYPE[d.bill_type],
          billTypeCode: d.bill_type,
        })),
      })),
    );
  });

  it('refuses charge modes monthly bills do not have, without calling upstream', async () => {
    for (const mode of ['RESERVED_INSTANCE', 'UNKNOWN']) {
      const result = await stack.graphql(`{ partner { domainId monthlyBills(cycle: "${CYCLE}", first: 5, chargeMode: ${mode}) { totalCount } } }`);
      expect(result.data.partner).toEqual({ domainId: stack.simulator.credentials.domainId, monthlyBills: null });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].path).toEqual(['partner', 'monthlyBills']);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'chargeMode' });
    }
    expect(requests(stack)).toEqual({});
  });

  it('shares pages between aliases of the same listing in one request', async () => {
    const result = await data(stack, `query ($cycle: BillingCycle!) { partner {
      a: monthlyBills(cycle: $cycle, first: 5) { nodes { id } }
      b: monthlyBills(cycle: $cycle, first: 5) { totalCount nodes { amount } }
    } }`, { cycle: CYCLE });
    expect(result.partner.a.nodes).toEqual(all.slice(0, 5).map((r) => ({ id: billId(r) })));
    expect(result.partner.b).toEqual({ totalCount: all.length, nodes: all.slice(0, 5).map((r) => ({ amount: dec(r.amount) })) });
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 3 });
  });

  it('looks a row\'s customer up once per distinct customer when more than its id is asked', async () => {
    const rows = all.slice(0, 30);
    const distinct = new Set(rows.map((r) => r.customer_id));
    expect(distinct.size).toBeGreaterThan(1);
    const result = await data(stack, `query ($cycle: BillingCycle!) { partner { monthlyBills(cycle: $cycle, first: 30) {
      nodes { customer { customerId accountName } }
    } } }`, { cycle: CYCLE });
    const names = new Map(stack.simulator.state.world.customers.map((c) => [c.customerId, c.accountName]));
    expect(result.partner.monthlyBills.nodes).toEqual(rows.map((r) => ({ customer: { customerId: r.customer_id, accountName: names.get(r.customer_id) } })));
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 3, ListSubCustomers: distinct.size });
  });

  it('refetches monthly bills through node(id), one filtered call per row', async () => {
    const picks = [all[0]!, all[byMode[0]!.rows.length]!];
    for (const r of picks) {
      const result = await data(stack, `query ($id: ID!) { node(id: $id) { id __typename ... on MonthlyBill {
        customer { customerId } billType chargeMode serviceType { code name } resourceType { code name } amount debtAmount discountAmount
      } } }`, { id: billId(r) });
      expect(result.node).toEqual({ id: billId(r), __typename: 'MonthlyBill', ...contractNode(r) });
    }
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 2 });

    const missing = await data(stack, 'query ($id: ID!) { node(id: $id) { id } }', {
      id: Buffer.from(`MonthlyBill:${JSON.stringify(['', CYCLE, 'ffffffffffffffffffffffffffffffff', 'hws.service.type.ec2', 'hws.resource.type.vm', '3', '0'])}`).toString('base64'),
    });
    expect(missing.node).toBeNull();
  });

  it('lists a reseller\'s customers\' monthly bills under IndirectPartner, refetchable with that scope', async () => {
    const resellers = stack.simulator.state.world.resellers;
    let reseller = resellers[0]!;
    let rows: BillSumInfoV2[] = [];
    for (const r of resellers) {
      rows = [];
      for (const mode of MODES) {
        rows.push(...(await stack.bss.paginate(ListSubcustomerMonthlyBills, { cycle: CYCLE, charge_mode: mode, indirect_partner_id: r.indirectPartnerId })).items);
      }
      reseller = r;
      if (rows.length > 0) break;
    }
    expect(rows.length).toBeGreaterThan(0);
    stack.bss.counter.reset();

    const result = await data(stack, `query ($id: String!, $cycle: BillingCycle!) { indirectPartner(indirectPartnerId: $id) {
      indirectPartnerId
      monthlyBills(cycle: $cycle, first: 100) { totalCount nodes {
        id customer { customerId } billType chargeMode serviceType { code name } resourceType { code name } amount debtAmount discountAmount
      } }
    } }`, { id: reseller.indirectPartnerId, cycle: CYCLE });
    const bills = result.indirectPartner.monthlyBills;
    expect(bills.totalCount).toBe(rows.length);
    expect(bills.nodes).toEqual(rows.slice(0, 100).map((r) => ({ id: billId(r, reseller.indirectPartnerId), ...contractNode(r) })));
    // The partner's own listing holds none of these rows: the scope is part of the request and of the id.
    expect(all.some((r) => rows.some((x) => x.customer_id === r.customer_id))).toBe(false);
    expect(requests(stack)['ListSubcustomerMonthlyBills']).toBe(3);

    stack.bss.counter.reset();
    const node = await data(stack, 'query ($id: ID!) { node(id: $id) { ... on MonthlyBill { customerId amount } } }', { id: bills.nodes[0].id });
    expect(node.node).toEqual({ customerId: rows[0]!.customer_id, amount: dec(rows[0]!.amount) });
    expect(requests(stack)).toEqual({ ListSubcustomerMonthlyBills: 1 });
  });
});

/**
 * The simulator's fast response serialiser writes exactly what lossless-json's stringify writes: wire
 * numbers bare with their digits, everything else as JSON.stringify has it.
 */
import { describe, expect, it } from 'vitest';
import { ListSubCustomerBillDetail } from '../../../src/bss/operations/bills/sub-customer-bills.js';
import { ListSubCustomers } from '../../../src/bss/operations/partners/customers.js';
import { stringifyWireJson, wireNumber } from '../../../src/bss/wire-json.js';
import type { SimRequest } from '../../../src/simulator/handler.js';
import { handlers } from '../../../src/simulator/handlers/index.js';
import { queryParams } from '../../../src/simulator/query-params.js';
import { SimState } from '../../../src/simulator/state.js';
import { stringifyResponse } from '../../../src/simulator/wire-out.js';

describe('stringifyResponse', () => {
  it('matches stringifyWireJson on numbers, strings, nesting, undefined and dates', () => {
    const value = {
      amount: wireNumber('12.30'),
      tiny: wireNumber('0.00000001'),
      negative: wireNumber('-3.5E+2'),
      count: 3,
      text: 'quote " backslash \\ newline \n 中文 \u2028',
      looksMarked: 'wn:1.5',
      skipped: undefined,
      nil: null,
      list: [wireNumber('1.10'), undefined, 'x', { deep: [wireNumber('7.00')] }],
      when: new Date('2026-10-01T00:00:00Z'),
      flag: false,
    };
    expect(stringifyResponse(value)).toBe(stringifyWireJson(value));
    expect(stringifyResponse(value)).toContain('"amount":12.30,');
  });

  it('matches stringifyWireJson on real handler bodies (a 1000-record bill page, a customer page)', async () => {
    const state = new SimState({ seed: 42, customers: 30, now: new Date('2026-11-15T04:00:00Z') });
    const customer = state.world.customers.find((c) => c.indirectPartnerId === null && state.bills.records(c.customerId, '2026-10').length > 0)!;
    const base = {
      caller: { kind: 'partner', domainId: state.world.partner.domainId, via: 'aksk' },
      pathParams: {},
      language: 'zh_CN',
      now: new Date('2026-11-15T04:00:00Z'),
      state,
    } as const;
    const bills = await handlers[ListSubCustomerBillDetail.name]!({
      ...base, op: ListSubCustomerBillDetail, body: undefined,
      query: queryParams(`bill_cycle=2026-10&customer_id=${customer.customerId}&offset=0&limit=1000`),
    } as SimRequest);
    const customers = await handlers[ListSubCustomers.name]!({
      ...base, op: ListSubCustomers, body: { offset: 0, limit: 100 }, query: queryParams(''),
    } as SimRequest);
    expect((bills.body as { fee_records: unknown[] }).fee_records.length).toBe(state.bills.records(customer.customerId, '2026-10').length > 1000 ? 1000 : state.bills.records(customer.customerId, '2026-10').length);
    expect(stringifyResponse(bills.body)).toBe(stringifyWireJson(bills.body));
    expect(stringifyResponse(customers.body)).toBe(stringifyWireJson(customers.body));
  });
});

/**
 * Every operation of the schema contract (examples/contract.graphql), sent as the typed documents
 * GraphQL Code Generator makes from it, answers on the simulator without errors. The graph tests under
 * test/graph compare each field with the BSS client's raw reads; this is the contract's smoke test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractConsumptionDocument,
  ContractCustomerDocument,
  ContractCustomersDocument,
  ContractMonthlyBillsDocument,
  ContractNodeDocument,
  ContractPartnerDocument,
  ContractReferenceDocument,
  type ContractCustomersQuery,
} from '../generated/graphql.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ customers: 60, pii: true });
});
afterAll(async () => {
  await stack.close();
});

const customerWithData = () => stack.simulator.state.world.customersOf(null).find((c) => c.associationType === '2' && c.agency)!;

describe('the contract operations', () => {
  it('ContractPartner', async () => {
    const { data, errors } = await stack.graphql(ContractPartnerDocument);
    expect(errors).toBeUndefined();
    expect(data!.partner.domainId).toBe(stack.simulator.credentials.domainId);
    expect(data!.partner.indirectPartners!.totalCount).toBe(stack.simulator.state.world.resellers.length);
  });

  it('ContractCustomers pages through every customer of the partner', async () => {
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (;;) {
      const { data, errors }: { data?: ContractCustomersQuery; errors?: unknown[] } = await stack.graphql(ContractCustomersDocument, { first: 25, after });
      expect(errors).toBeUndefined();
      const page: NonNullable<ContractCustomersQuery['partner']['customers']> = data!.partner.customers!;
      seen.push(...page.edges.map((e) => e.node.customerId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(stack.simulator.state.world.customersOf(null).length);
  });

  it('ContractCustomer', async () => {
    const customer = customerWithData();
    const { data, errors } = await stack.graphql(ContractCustomerDocument, { customerId: customer.customerId });
    expect(errors).toBeUndefined();
    expect(data!.customer!.customerId).toBe(customer.customerId);
  });

  it('ContractMonthlyBills and ContractConsumption for the last closed cycle', async () => {
    const customer = customerWithData();
    const bills = await stack.graphql(ContractMonthlyBillsDocument, { cycle: '2026-10', first: 50 });
    expect(bills.errors).toBeUndefined();
    expect(bills.data!.partner.monthlyBills!.totalCount).toBeGreaterThan(0);
    const consumption = await stack.graphql(ContractConsumptionDocument, { customerId: customer.customerId, cycle: '2026-10' });
    expect(consumption.errors).toBeUndefined();
    expect(consumption.data!.customer!.consumption!.total).toMatch(/^-?\d+\.\d{2,}$/);
  });

  it('ContractNode and ContractReference', async () => {
    const partner = await stack.graphql(ContractPartnerDocument);
    const node = await stack.graphql(ContractNodeDocument, { id: partner.data!.partner.id });
    expect(node.data!.node).toEqual({ id: partner.data!.partner.id, __typename: 'Partner' });
    const reference = await stack.graphql(ContractReferenceDocument);
    expect(reference.errors).toBeUndefined();
    expect(reference.data!.serviceTypes.length).toBeGreaterThan(0);
    expect(reference.data!.conversions).toContainEqual({ fromMeasureId: 10, toMeasureId: 11, ratio: '1024.00' });
  });
});

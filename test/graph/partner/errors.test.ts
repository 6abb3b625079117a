/**
 * An upstream error fails only the field that made the call, with Huawei's code, the HTTP status, the
 * upstream request id and the operation in `extensions`; the rest of the query answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';

describe('upstream errors on partner fields', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ customers: 60 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('a parameter error upstream (CBC.0100) fails that connection only', async () => {
    // Huawei refuses spaces in the fuzzy label filter (§2.2): the gateway passes the filter through.
    const result = await stack.graphql('{ partner { domainId balances { currency } customers(first: 1, label: "two words") { totalCount } indirectPartners(first: 1) { totalCount } } }');
    expect(result.data!.partner).toMatchObject({ domainId: stack.simulator.credentials.domainId, customers: null, indirectPartners: { totalCount: 2 } });
    expect(result.data!.partner.balances.length).toBeGreaterThan(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['partner', 'customers'],
      extensions: { code: 'CBC.0100', httpStatus: 400, operation: 'ListSubCustomers', requestId: expect.stringMatching(/\S/) },
    });
  });

  it('a failing balance read (5xx after retries) leaves the partner and its other fields standing', async () => {
    stack.simulator.setFaults({ errorRate: 1, operations: ['ListPartnerBalances'] });
    try {
      const result = await stack.graphql('{ partner { domainId balances { amount } indirectPartners(first: 5) { totalCount } } }');
      expect(result.data!.partner).toEqual({ domainId: stack.simulator.credentials.domainId, balances: null, indirectPartners: { totalCount: 2 } });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({
        path: ['partner', 'balances'],
        extensions: { httpStatus: expect.any(Number), operation: 'ListPartnerBalances' },
      });
      expect(result.errors![0].extensions.httpStatus).toBeGreaterThanOrEqual(500);
    } finally {
      stack.simulator.resetFaults();
    }
  });
});

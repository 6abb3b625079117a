/**
 * The fault matrix: with the simulator injecting each kind of upstream failure into one nested
 * operation, a representative nested query still answers its other fields, the failed field carries a
 * typed error with the exact code, the client spends exactly the attempts its retry policy allows, no
 * promise is left rejected, and the gateway answers normally once the fault is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultConfig } from '../../src/simulator/options.js';
import { startOpsStack, seriesValue, type OpsStack } from './ops-stack.js';

const QUERY = `query Faulty {
  partner {
    domainId
    customers(first: 8) { totalCount edges { node { customerId balance { amount currency } } } }
  }
}`;
const NESTED = 'ListCustomersBalancesDetail';
const MAX_ATTEMPTS = 2;

interface Expected {
  readonly faults: Partial<FaultConfig>;
  /** Accepted (code, HTTP status) pairs: the 5xx kind draws one of Huawei's three server errors. */
  readonly codes: readonly (readonly [string, number | null])[];
  readonly attempts: number;
}

const MATRIX: Record<string, Expected> = {
  '5xx (retries exhausted)': {
    faults: { errorRate: 1 },
    codes: [['CBC.0999', 500], ['APIGW.0201', 502], ['APIGW.0201', 504]],
    attempts: MAX_ATTEMPTS,
  },
  'timeout (no answer)': { faults: { timeoutRate: 1, timeoutMode: 'hang' }, codes: [['TRANSPORT.TIMEOUT', null]], attempts: MAX_ATTEMPTS },
  'throttling (429 APIGW.0308)': { faults: { throttleRate: 1 }, codes: [['APIGW.0308', 429]], attempts: MAX_ATTEMPTS },
  'malformed body (retries exhausted)': { faults: { malformedRate: 1 }, codes: [['TRANSPORT.BAD_JSON', 200]], attempts: MAX_ATTEMPTS },
  'slow body past the deadline': { faults: { slowBodyRate: 1, slowBodyMs: 6_000 }, codes: [['TRANSPORT.TIMEOUT', null]], attempts: MAX_ATTEMPTS },
  'slow answer past the deadline': { faults: { latencyMs: 6_000 }, codes: [['TRANSPORT.TIMEOUT', null]], attempts: MAX_ATTEMPTS },
};

describe('fault matrix: partial data with typed errors, and the gateway keeps answering', () => {
  let stack: OpsStack;
  let clean: { data?: any; errors?: any[] };
  /** Customers of the page whose balance the partner can see (resale customers): one error each under a fault. */
  let withBalance: number[];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    stack = await startOpsStack({
      client: {
        retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1, maxDelayMs: 2, throttleMinDelayMs: 1, throttleMaxDelayMs: 2 },
        timeouts: { responseMs: 1_500 },
      },
    });
    clean = await stack.graphql(QUERY);
    expect(clean.errors).toBeUndefined();
    const edges = clean.data.partner.customers.edges as { node: { balance: unknown } }[];
    withBalance = edges.flatMap((edge, i) => (edge.node.balance === null ? [] : [i]));
  });

  afterAll(async () => {
    await stack.close();
    process.off('unhandledRejection', onRejection);
  });

  it('the clean answer has resale customers with balances (the fault has something to break)', () => {
    expect(clean.data.partner.customers.edges).toHaveLength(8);
    expect(withBalance.length).toBeGreaterThan(0);
  });

  for (const [name, expected] of Object.entries(MATRIX)) {
    it(name, async () => {
      stack.simulator.setFaults({ ...expected.faults, operations: [NESTED] });
      stack.bss.counter.reset();
      let faulty: { data?: any; errors?: any[] };
      try {
        faulty = await stack.graphql(QUERY);
      } finally {
        stack.simulator.resetFaults();
      }

      // Partial data: everything but the failed field is there, exactly as without the fault.
      expect(faulty.data.partner.domainId).toBe(clean.data.partner.domainId);
      expect(faulty.data.partner.customers.totalCount).toBe(clean.data.partner.customers.totalCount);
      const ids = (r: { data?: any }) => r.data.partner.customers.edges.map((e: any) => e.node.customerId);
      expect(ids(faulty)).toEqual(ids(clean));
      for (const i of withBalance) expect(faulty.data.partner.customers.edges[i].node.balance).toBeNull();

      // One typed error per failed field, all from the one batched call, with the exact code and status.
      expect(faulty.errors).toHaveLength(withBalance.length);
      expect(faulty.errors!.map((e) => e.path)).toEqual(withBalance.map((i) => ['partner', 'customers', 'edges', i, 'node', 'balance']));
      const codes = new Set(faulty.errors!.map((e) => `${e.extensions.code} ${e.extensions.httpStatus}`));
      expect(codes.size).toBe(1);
      expect(expected.codes.map(([code, status]) => `${code} ${status}`)).toContain([...codes][0]);
      for (const error of faulty.errors!) {
        expect(error.extensions.operation).toBe(NESTED);
        expect(Object.keys(error.extensions).sort()).toEqual(['code', 'httpStatus', 'operation', 'requestId']);
        expect(error.message).not.toMatch(/\n\s+at /);
      }

      // The batch was one logical call; its attempts are what the retry policy allows for this kind.
      expect(stack.bss.counter.snapshot().calls).toEqual({ ListSubCustomers: 1, [NESTED]: 1 });
      expect(stack.bss.counter.snapshot().requests).toEqual({ ListSubCustomers: 1, [NESTED]: expected.attempts });

      // And the next request, with the fault gone, is whole again.
      const after = await stack.graphql(QUERY);
      expect(after).toEqual(clean);
      expect(rejections).toEqual([]);
    });
  }

  it('a fault in the top-level list leaves the partner fields answering, with a typed error on the list', async () => {
    stack.simulator.setFaults({ errorRate: 1, operations: ['ListSubCustomers'] });
    stack.bss.counter.reset();
    let faulty: { data?: any; errors?: any[] };
    try {
      faulty = await stack.graphql(QUERY);
    } finally {
      stack.simulator.resetFaults();
    }
    expect(faulty.data).toEqual({ partner: { domainId: clean.data.partner.domainId, customers: null } });
    expect(faulty.errors).toHaveLength(1);
    expect(faulty.errors![0].path).toEqual(['partner', 'customers']);
    expect(['CBC.0999 500', 'APIGW.0201 502', 'APIGW.0201 504']).toContain(`${faulty.errors![0].extensions.code} ${faulty.errors![0].extensions.httpStatus}`);
    expect(stack.bss.counter.snapshot().requests).toEqual({ ListSubCustomers: MAX_ATTEMPTS });
    expect(await stack.graphql(QUERY)).toEqual(clean);
  });

  it('counts every faulty attempt in the metrics: retries, throttled answers and failures by code', async () => {
    const text = await (await stack.get('/metrics')).text();
    // Throttling case: 2 attempts answered 429, the second a retry.
    expect(seriesValue(text, 'upstream_throttled_total', { operation: NESTED })).toBe(MAX_ATTEMPTS);
    expect(seriesValue(text, 'upstream_calls_total', { operation: NESTED, status: '429' })).toBe(MAX_ATTEMPTS);
    expect(seriesValue(text, 'upstream_errors_total', { operation: NESTED, code: 'APIGW.0308' })).toBe(MAX_ATTEMPTS);
    // Malformed: both attempts answered 200 with a body cut in half (a read, so the cut body was retried).
    expect(seriesValue(text, 'upstream_errors_total', { operation: NESTED, code: 'TRANSPORT.BAD_JSON' })).toBe(MAX_ATTEMPTS);
    // Three timeout kinds, two attempts each, no response.
    expect(seriesValue(text, 'upstream_errors_total', { operation: NESTED, code: 'TRANSPORT.TIMEOUT' })).toBe(3 * MAX_ATTEMPTS);
    expect(seriesValue(text, 'upstream_calls_total', { operation: NESTED, status: 'none' })).toBe(3 * MAX_ATTEMPTS);
    // Retries: one per retried kind (5xx, timeout, throttle, malformed, slow body, slow answer) and the top-level 5xx.
    expect(seriesValue(text, 'upstream_retries_total', { operation: NESTED })).toBe(6);
    expect(seriesValue(text, 'upstream_retries_total', { operation: 'ListSubCustomers' })).toBe(1);
    expect(seriesValue(text, 'graphql_requests_total', { operation: 'Faulty', outcome: 'partial' })).toBe(7);
    expect(rejections).toEqual([]);
  });
});

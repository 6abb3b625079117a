/**
 * Query limits: the cost estimate (exact numbers against the cost tables, and against the calls a query
 * really makes), depth, aliases, tokens, body size and the execution timeout, each refused with its code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getIntrospectionQuery, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../src/limits/limits-plugin.js';
import { cycleMonths, estimateCost, type CostOptions } from '../../src/limits/cost.js';
import { schema } from '../../src/schema/index.js';
import { startStack, type Stack } from '../support/stack.js';

const COST: CostOptions = { defaultFirst: 20, maxFirst: 1000, assumedCustomers: 100 };
const contract = readFileSync(new URL('../../examples/contract.graphql', import.meta.url), 'utf8');

function estimate(query: string, variables: Record<string, unknown> = {}, options: Partial<CostOptions> = {}, operationName?: string): number {
  return estimateCost(schema, parse(query), operationName, variables, { ...COST, ...options });
}

describe('cost estimate (upstream calls)', () => {
  it('counts pages of a connection against its page maximum', () => {
    expect(estimate('{ partner { customers(first: 100) { totalCount } } }')).toBe(1);
    expect(estimate('{ partner { customers(first: 101) { totalCount } } }')).toBe(2);
    expect(estimate('{ partner { customers { totalCount } } }')).toBe(1); // default page of 20
    expect(estimate('{ partner { customers(first: 0) { totalCount } } }')).toBe(1); // the total still needs a call
  });

  it('reads first from variables, and never counts past the maximum first (refused by the connection itself)', () => {
    const q = 'query Q($n: Int!) { partner { customers(first: $n) { totalCount } } }';
    expect(estimate(q, { n: 1000 })).toBe(10);
    expect(estimate(q, { n: 1_000_000_000 })).toBe(10);
    expect(estimate(q, { n: -1 })).toBe(1);
    expect(estimate(q, { n: 1000 }, { maxFirst: 250 })).toBe(3);
  });

  it('batches loaders under a list: balances ≤ 100 ids per call, new-customer tags ≤ 200', () => {
    const q = (n: number): string => `{ partner { customers(first: ${n}) { nodes { balance { amount } newCustomerTag { tagCode } } } } }`;
    expect(estimate(q(100))).toBe(1 + 1 + 1);
    expect(estimate(q(250))).toBe(3 + 3 + 2);
  });

  it('multiplies what is nested under a list by its size', () => {
    // 1 reseller page + 10 × (1 customers page + 1 balance batch).
    expect(estimate('{ partner { indirectPartners(first: 10) { nodes { customers(first: 5) { nodes { balance { amount } } } } } } }')).toBe(21);
    // 1 customers page + 50 × ⌈100 / 100⌉ order pages.
    expect(estimate('{ partner { customers(first: 50) { nodes { orders(first: 100) { totalCount } } } } }')).toBe(51);
    // createdBy and paymentDeadline share one order-details call per order.
    expect(estimate('{ partner { customers(first: 2) { nodes { orders(first: 5) { nodes { createdBy paymentDeadline } } } } } }')).toBe(1 + 2 + 10);
  });

  it('follows named and inline fragments', () => {
    const q = `
      query { partner { customers(first: 50) { edges { node { ...C ... on Customer { coupons(first: 200) { totalCount } } } } } } }
      fragment C on Customer { orders(first: 100) { totalCount } }`;
    expect(estimate(q)).toBe(1 + 50 + 50 * 2);
  });

  it('counts the three charge modes of monthly bills without chargeMode, and free references', () => {
    expect(estimate('{ partner { monthlyBills(cycle: "2026-10", first: 100) { nodes { serviceType { name } customer { customerId } } } } }')).toBe(3);
    expect(estimate('{ partner { monthlyBills(cycle: "2026-10", chargeMode: ON_DEMAND, first: 200) { nodes { amount } } } }')).toBe(2);
    // A customer with more than its id costs the customer loader per row.
    expect(estimate('{ partner { monthlyBills(cycle: "2026-10", chargeMode: ON_DEMAND, first: 10) { nodes { customer { name } } } } }')).toBe(11);
    expect(estimate('{ serviceTypes { code } resourceTypes { code } provinces { code } }')).toBe(0);
  });

  it('estimates the contract operations within the default limit', () => {
    const vars = { first: 20, customerId: 'c', cycle: '2026-10', id: 'x' };
    const doc = parse(contract);
    const costs = Object.fromEntries(
      doc.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? [[d.name!.value, estimateCost(schema, doc, d.name!.value, vars, COST)]] : [])),
    );
    expect(costs).toEqual({
      ContractPartner: 12, // balances + reseller page + 10 × customers page
      ContractCustomers: 3, // customers page + balances batch + reseller loader
      ContractCustomer: 5,
      ContractMonthlyBills: 3, // one call per charge mode; customer { customerId } is on the row
      ContractConsumption: 2, // the customer + one customer-month
      ContractNode: 1,
      ContractReference: 0, // cached
    });
    for (const cost of Object.values(costs)) expect(cost).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
  });

  it('gives fields the table does not know a default instead of failing', () => {
    // With an empty table: objects through a loader 1 each, connections 1 per page, scalars 0.
    expect(estimate('{ partner { domainId balances { amount } customers(first: 10) { nodes { customerId balance { amount } } } } }', {}, { costs: {} })).toBe(
      1 + 1 + 1 + 10,
    );
  });

  it('counts consumption views per customer-month; scope-wide views assume a number of customers', () => {
    const customer = '{ customer(customerId: "c") { consumption(fromCycle: "2025-11", toCycle: "2026-10") { total byServiceType { amount serviceType { name } } records(first: 100) { totalCount } } } }';
    expect(estimate(customer)).toBe(1 + 12);
    const partner = '{ partner { consumption(cycle: "2026-10") { total byCustomer { amount } } } }';
    expect(estimate(partner)).toBe(100 + 1); // 100 customer-months + 1 page listing them
    expect(estimate(partner, {}, { assumedCustomers: 300 })).toBe(300 + 3);
    expect(estimate('{ partner { consumption(fromCycle: "2025-11", toCycle: "2026-10") { total } } }')).toBe(1200 + 1);
    expect(estimate('{ partner { indirectPartners(first: 10) { nodes { consumption(cycle: "2026-10") { total } } } } }')).toBe(1 + 10 * 101);
    expect(cycleMonths({ cycle: '2026-10' })).toBe(1);
    expect(cycleMonths({ fromCycle: '2025-11', toCycle: '2026-10' })).toBe(12);
    expect(cycleMonths({ fromCycle: '2026-10', toCycle: '2026-01' })).toBe(1);
    expect(cycleMonths({})).toBe(1);
  });
});

function gatewayOver(stack: Stack, options: GatewayOptions): Gateway {
  return createGateway(
    { bss: stack.bss, partnerDomainId: stack.simulator.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN' },
    options,
  );
}

async function post(gateway: Gateway, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('limits through the gateway', () => {
  let stack: Stack;
  let gateway: Gateway;
  // The default execution timeout: queries here wait for the rate budget and the simulator, which on a loaded
  // machine can take longer than the short deadline the timeout test gives its own gateway.
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, maxCost: 50, maxDepth: 6, maxAliases: 5, maxTokens: 200, maxBodyBytes: 4096 };
  beforeAll(async () => {
    stack = await startStack({ customers: 30 });
    gateway = gatewayOver(stack, { queryLimits: limits });
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(() => {
    stack.simulator.resetFaults();
    stack.bss.counter.reset();
  });

  it('refuses a query over the cost limit before any upstream call, stating estimate and limit', async () => {
    const query = '{ partner { customers(first: 100) { nodes { orders(first: 10) { totalCount } } } } }';
    const res = await post(gateway, { query });
    expect(res.status).toBe(200);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COSTLY', estimatedCost: 101, maxCost: 50 });
    expect(res.json.errors[0].message).toContain('estimated 101 upstream calls, over the limit of 50');
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // Refused before execution: 400 where the client accepts application/graphql-response+json.
    const strict = await post(gateway, { query }, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
    expect(strict.json.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  it('reports the estimate of an accepted query, and it matches the calls made', async () => {
    const res = await post(gateway, { query: '{ partner { customers(first: 5) { nodes { customerId balance { amount } } } } }' });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.extensions.cost).toEqual({ estimated: 2, limit: 50 });
    expect(stack.bss.counter.snapshot().calls).toEqual({ ListSubCustomers: 1, ListCustomersBalancesDetail: 1 });
  });

  it('refuses a query deeper than maxDepth, and lets one at the limit and the introspection query through', async () => {
    const at = '{ partner { indirectPartners(first: 1) { nodes { customers(first: 1) { nodes { customerId } } } } } }'; // 6 levels
    const over = '{ partner { indirectPartners(first: 1) { nodes { customers(first: 1) { nodes { indirectPartner { name } } } } } } }';
    expect((await post(gateway, { query: at })).json.errors).toBeUndefined();
    const refused = await post(gateway, { query: over });
    expect(refused.json.errors).toEqual([
      { message: 'The operation is nested 7 levels deep; the limit is 6.', extensions: { code: 'QUERY_TOO_DEEP', depth: 7, maxDepth: 6 } },
    ]);
    const introspection = await post(createGatewayWithTokens(stack, DEFAULT_QUERY_LIMITS.maxTokens), { query: getIntrospectionQuery() });
    expect(introspection.json.errors).toBeUndefined();
    expect(introspection.json.data.__schema.queryType.name).toBe('Query');
  });

  it('counts fragments as the fields they stand for', async () => {
    const q = '{ partner { ...P } } fragment P on Partner { indirectPartners(first: 1) { nodes { customers(first: 1) { nodes { customerId } } } } }';
    expect((await post(gateway, { query: q })).json.errors).toBeUndefined();
  });

  it('refuses more aliases than maxAliases', async () => {
    const aliases = (n: number): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: serviceTypes { code }`).join(' ')} }`;
    expect((await post(gateway, { query: aliases(5) })).json.errors).toBeUndefined();
    const refused = await post(gateway, { query: aliases(6) });
    expect(refused.json.errors).toEqual([{ message: 'The operation uses 6 aliases; the limit is 5.', extensions: { code: 'TOO_MANY_ALIASES', aliases: 6, maxAliases: 5 } }]);
  });

  it('refuses a document of more than maxTokens tokens', async () => {
    const refused = await post(gateway, { query: `{ ${'__typename '.repeat(200)}}` });
    expect(refused.json.errors).toEqual([
      { message: 'The operation has more than 200 tokens, the limit; send a smaller document.', extensions: { code: 'TOO_MANY_TOKENS', maxTokens: 200 } },
    ]);
    expect((await post(gateway, { query: `{ ${'__typename '.repeat(197)}}` })).json.errors).toBeUndefined();
  });

  it('refuses a body over maxBodyBytes with 413, by Content-Length and by counting a chunked body', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(5000) } });
    const declared = await gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      errors: [{ message: 'The request body is larger than the limit of 4096 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE', maxBodyBytes: 4096 } }],
    });
    const chunks = [body.slice(0, 3000), body.slice(3000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const chunked = await gateway.fetch(
      new Request('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // A small chunked body is read and answered.
    const small = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: '{ __typename }' })));
        controller.close();
      },
    });
    const ok = await gateway.fetch(
      new Request('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: small, duplex: 'half' } as RequestInit),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: { estimated: 0, limit: 50 } } });
  });

  it('answers an operation that runs past the execution timeout with EXECUTION_TIMEOUT', async () => {
    stack.simulator.setFaults({ latencyMs: 3_000 });
    const res = await post(gatewayOver(stack, { queryLimits: { ...limits, executionTimeoutMs: 200 } }), { query: '{ partner { balances { amount } } }' });
    expect(res.status).toBe(200);
    expect(res.json.data).toBeNull();
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].extensions).toEqual({ code: 'EXECUTION_TIMEOUT', timeoutMs: 200 });
  });
});

function createGatewayWithTokens(stack: Stack, maxTokens: number): Gateway {
  return gatewayOver(stack, { queryLimits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 6, maxTokens } });
}

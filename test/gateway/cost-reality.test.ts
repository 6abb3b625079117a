/**
 * Costs from reality (issue 14): on the benchmark's queries (bench/scenarios) and the contract's
 * (examples/contract.graphql), the estimate a response carries in `extensions.cost` is within 2× of the
 * upstream calls the BSS client counted for it: calls / 2 ≤ estimate ≤ 2 × calls.
 *
 * The world is the benchmark's (seed 42, 200 customers, 4 resellers). Every query runs on a gateway of its own
 * with cold caches (no partner-data cache, no bill cache); what the gateway knows is what the consumption sync's
 * listing of the cycle put in the store: how many customers each scope has. Reference catalogues (service types,
 * units, …) are cached process-wide for hours and priced 0, so their calls are counted apart, as the benchmark
 * counts them (bench/report.ts). Operations that make no other call (ContractReference) are left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kind, parse, print, type DocumentNode } from 'graphql';
import { createGateway } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits/limits-plugin.js';
import { DEFAULT_LIMITS } from '../../src/context.js';
import { estimateCost } from '../../src/limits/cost.js';
import { schema } from '../../src/schema/index.js';
import * as referenceOps from '../../src/bss/operations/commerce/reference.js';
import { PassListings, listCycle } from '../../src/sync/listing.js';
import { startStack, type Stack } from '../support/stack.js';
import { TEST_NOW } from '../support/sim-request.js';
// The benchmark's own document (bench/scenarios/customer-page.ts sends it).
import { CUSTOMER_PAGE_QUERY } from '../../bench/scenarios/customer-page-query.js';

const CYCLE = '2026-10';


/**
 * bench/scenarios/month.ts and cache.ts: a closed month of every customer, totals and every breakdown. The
 * benchmark asks every record (`first` = all of them); the totals need the whole pull either way, so 10 records
 * make the same calls and the test does not execute 200,000 of them.
 */
const MONTH = `query Month($cycle: BillingCycle!) {
  partner { consumption(cycle: $cycle) {
    total officialTotal discountTotal recordCount
    byServiceType { amount } byResourceType { amount } byRegion { amount } byChargeMode { amount } byCycle { amount } byCustomer { amount }
    records(first: 10) { totalCount nodes { resourceId chargeMode paymentAmount } }
  } }
}`;

const contract = parse(readFileSync(new URL('../../examples/contract.graphql', import.meta.url), 'utf8'));
const contractOperation = (name: string): string =>
  print({ kind: Kind.DOCUMENT, definitions: contract.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name) } as DocumentNode);

const REFERENCE = new Set(
  (Object.values(referenceOps) as unknown[])
    .filter((v): v is { name: string; method: string } => typeof v === 'object' && v !== null && 'method' in v && 'name' in v)
    .map((op) => op.name),
);

let stack: Stack;
const reference = new ReferenceCache({ ttlMs: 3_600_000 });

beforeAll(async () => {
  stack = await startStack({ customers: 200, resellers: 4, store: 'memory' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

/** One operation on a fresh gateway (cold caches): its estimate, and the upstream calls counted, reference catalogues apart. */
async function measure(query: string, variables: Record<string, unknown>): Promise<{ estimated: number; calls: number }> {
  const gateway = createGateway(
    {
      bss: stack.bss,
      store: stack.store!,
      partnerDomainId: stack.simulator.credentials.domainId,
      reference,
      defaultLanguage: 'zh_CN',
      now: () => TEST_NOW,
      limits: { ...DEFAULT_LIMITS, maxFirst: 1_000_000 },
    },
    // The estimate is what is measured, not what is refused.
    { queryLimits: { ...DEFAULT_QUERY_LIMITS, maxCost: 1e9 } },
  );
  stack.bss.counter.reset();
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { errors?: unknown[]; extensions?: { cost?: { estimated: number } } };
  expect(json.errors).toBeUndefined();
  const calls = Object.entries(stack.bss.counter.snapshot().requests).reduce((n, [op, c]) => n + (REFERENCE.has(op) ? 0 : c), 0);
  return { estimated: json.extensions!.cost!.estimated, calls };
}

describe('the cost estimate against the calls actually made', () => {
  it('with the sync\'s listing of the cycle, every benchmark and contract query is within 2× of its calls', async () => {
    // What the sync does first for a cycle (src/sync/listing.ts): own consumers, resellers, each reseller's customers.
    await listCycle({ bss: stack.bss, language: 'zh_CN' }, stack.store!, new PassListings({ bss: stack.bss, language: 'zh_CN' }), CYCLE);
    const world = stack.simulator.state.world;
    const customer = world.customersOf(null).find((c) => c.associationType === '2' && c.agency)!;
    const page = await stack.graphql('{ partner { customers(first: 1) { nodes { id } } } }');
    const customerNodeId = page.data.partner.customers.nodes[0].id as string;

    const queries: Record<string, [string, Record<string, unknown>]> = {
      'bench 1: CustomerPage': [CUSTOMER_PAGE_QUERY, { first: 100 }],
      'bench 2 and 5: Month': [MONTH, { cycle: CYCLE }],
      ContractPartner: [contractOperation('ContractPartner'), {}],
      ContractCustomers: [contractOperation('ContractCustomers'), { first: 20 }],
      ContractCustomer: [contractOperation('ContractCustomer'), { customerId: customer.customerId }],
      ContractMonthlyBills: [contractOperation('ContractMonthlyBills'), { cycle: CYCLE, first: 50 }],
      ContractConsumption: [contractOperation('ContractConsumption'), { customerId: customer.customerId, cycle: CYCLE }],
      ContractNode: [contractOperation('ContractNode'), { id: customerNodeId }],
    };
    const measured: Record<string, { estimated: number; calls: number }> = {};
    for (const [name, [query, variables]] of Object.entries(queries)) measured[name] = await measure(query, variables);

    expect(measured).toEqual({
      // 1 page + 1 balance batch + 1 tag batch + 100 order counts; the own customers have no reseller (free).
      'bench 1: CustomerPage': { estimated: 104, calls: 103 },
      // 177 customer-months (the own consumers and the resellers' customers the listing counted) + the listing
      // (2 own-consumer pages, ListIndirectPartners, 4 reseller pages); 304 record pages were read: the estimate
      // counts one per customer-month, and a month over 1000 records takes two.
      'bench 2 and 5: Month': { estimated: 184, calls: 311 },
      // Balances, 1 reseller page, and 4 resellers' customer pages (not the 10 the page could hold).
      ContractPartner: { estimated: 6, calls: 6 },
      ContractCustomers: { estimated: 3, calls: 2 },
      ContractCustomer: { estimated: 5, calls: 5 },
      ContractMonthlyBills: { estimated: 3, calls: 3 },
      ContractConsumption: { estimated: 2, calls: 2 },
      ContractNode: { estimated: 1, calls: 1 },
    });
    for (const [name, { estimated, calls }] of Object.entries(measured)) {
      expect(calls, name).toBeGreaterThan(0);
      expect(estimated, `${name}: estimate ≤ 2 × calls`).toBeLessThanOrEqual(2 * calls);
      expect(estimated, `${name}: estimate ≥ calls / 2`).toBeGreaterThanOrEqual(calls / 2);
    }

    // The exception, and why the listing matters: before any listing (a new store, or none) the partner-wide month
    // is priced by PARTNER_GRAPH_COST_ASSUMED_CUSTOMERS (100 customers, 1 listing page): a third of its calls.
    const unlisted = estimateCost(schema, parse(MONTH), undefined, { cycle: CYCLE }, { defaultFirst: 20, maxFirst: 1000, assumedCustomers: 100 });
    expect(unlisted).toBe(101);
    expect(unlisted).toBeLessThan(measured['bench 2 and 5: Month']!.calls / 3);
  }, 180_000);
});

describe('the counts the store\'s listing knows, per scope', () => {
  // The partner's own 120 consumers, and two resellers of 40 and 7 customers.
  const coverage = { completeCycles: new Set(['2026-09']), customersByScope: new Map<string | null, number>([[null, 120], ['r1', 40], ['r2', 7]]) };
  const estimate = (query: string, withCoverage = true): number =>
    estimateCost(schema, parse(query), undefined, {}, { defaultFirst: 20, maxFirst: 1000, assumedCustomers: 100, ...(withCoverage ? { coverage } : {}) });

  it('prices a scope-wide month by the scope\'s customers and the lists that name them', () => {
    // 167 customer-months + 2 own-consumer pages + ListIndirectPartners + 1 page per reseller.
    expect(estimate('{ partner { consumption(cycle: "2026-10") { total } } }')).toBe(167 + 2 + 1 + 2);
    // A reseller's view: the largest reseller's 40 customers and their one page.
    expect(estimate('{ indirectPartner(indirectPartnerId: "r1") { consumption(cycle: "2026-10") { total } } }')).toBe(1 + 40 + 1);
    // Over three unsynced months, the customers count three times; the listing once.
    expect(estimate('{ partner { consumption(fromCycle: "2026-06", toCycle: "2026-08") { total } } }')).toBe(3 * 167 + 5);
    // A range with a synced cycle: that cycle is read from the store, so only the two others count (issue 12).
    expect(estimate('{ partner { consumption(fromCycle: "2026-08", toCycle: "2026-10") { total } } }')).toBe(2 * 167 + 5);
    // A cycle the store holds whole costs nothing.
    expect(estimate('{ partner { consumption(cycle: "2026-09") { total } } }')).toBe(0);
  });

  it('multiplies what is nested under a list of resellers, or of a reseller\'s customers, by the counted items only', () => {
    const nested = '{ partner { indirectPartners(first: 50) { nodes { customers(first: 100) { nodes { orders(first: 1) { totalCount } } } } } } }';
    // 1 reseller page + 2 resellers × (1 customer page + at most 40 customers' order pages).
    expect(estimate(nested)).toBe(1 + 2 * (1 + 40));
    expect(estimate(nested, false)).toBe(1 + 50 * (1 + 100));
    // The partner's own customers are not clamped: the listing counts only those that consumed.
    expect(estimate('{ partner { customers(first: 500) { nodes { orders(first: 1) { totalCount } } } } }')).toBe(5 + 500);
  });
});

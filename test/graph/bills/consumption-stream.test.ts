/**
 * `@defer` / `@stream` on the consumption view (useDeferStream in src/gateway.ts): a client streams the records'
 * `nodes` and defers the breakdowns, receives a multipart/mixed incremental response, and the parts merged
 * give exactly the non-streamed result. On a partner-wide view the records stream from the live pull: the first
 * ones are sent while later customers' pages are still being read, and the stream runs to the pull's end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListSubCustomerBillDetail } from '../../../src/bss/operations/bills/index.js';
import { DEFAULT_QUERY_LIMITS } from '../../../src/limits/limits-plugin.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../../support/stack.js';
import { data, directCustomers, pick, recordCount, requests, warmReference } from './helpers.js';

const CYCLE = '2026-10';

const STREAMED = `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) { consumption(cycle: $cycle) {
  total
  ... @defer(label: "breakdowns") { byServiceType { serviceType { code } amount recordCount } byChargeMode { chargeMode amount } }
  records(first: 30) { totalCount nodes @stream(initialCount: 5, label: "records") { recordId paymentAmount usage { amount } } }
} } }`;

const PLAIN = STREAMED.replace(' @defer(label: "breakdowns")', '').replace(' @stream(initialCount: 5, label: "records")', '');

interface Part {
  data?: Record<string, unknown>;
  incremental?: { data?: Record<string, unknown>; items?: unknown[]; path: (string | number)[]; label?: string }[];
  hasNext: boolean;
  errors?: unknown[];
}

/** The JSON parts of a multipart/mixed body (RFC 2046: `--boundary` lines; the last one ends with `--`). */
function multipartParts(body: string, contentType: string): Part[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  return body
    .split(`--${boundary}`)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '' && chunk !== '--')
    .map((chunk) => JSON.parse(chunk.slice(chunk.indexOf('{'))) as Part);
}

function at(root: Record<string, unknown>, path: readonly (string | number)[]): any {
  return path.reduce<any>((node, key) => node[key], root);
}

/** Applies the incremental payloads as the GraphQL incremental delivery spec says: defer merges, stream appends. */
function merge(parts: readonly Part[]): Record<string, unknown> {
  const result = structuredClone(parts[0]!.data!);
  for (const part of parts.slice(1)) {
    for (const inc of part.incremental ?? []) {
      if (inc.items) {
        const list = at(result, inc.path.slice(0, -1)) as unknown[];
        expect(list.length).toBe(inc.path[inc.path.length - 1]);
        list.push(...inc.items);
      } else if (inc.data) {
        Object.assign(at(result, inc.path), inc.data);
      }
    }
  }
  return result;
}

describe('@defer and @stream on consumption', () => {
  let stack: Stack;
  let customer: CustomerRecord;

  beforeAll(async () => {
    stack = await startStack();
    customer = pick(directCustomers(stack), 'direct customer with 30+ records', (c) => recordCount(stack, c, CYCLE) > 30);
    await warmReference(stack);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('streams the record nodes and defers the breakdowns as multipart/mixed; the merged parts equal the plain result', async () => {
    const variables = { id: customer.customerId, cycle: CYCLE };
    const plain = await data(stack, PLAIN, variables);

    const response = await stack.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: STREAMED, variables }),
    });
    expect(response.status).toBe(200);
    const contentType = response.headers.get('content-type')!;
    expect(contentType).toMatch(/^multipart\/mixed/);
    const parts = multipartParts(await response.text(), contentType);

    // The first part: the total and the first 5 nodes, no breakdowns yet.
    const initial = parts[0]!;
    expect(initial.hasNext).toBe(true);
    const first = (initial.data as any).customer.consumption;
    expect(first.records.nodes).toHaveLength(5);
    expect(first.byServiceType).toBeUndefined();
    expect(first.total).toBe(plain.customer.consumption.total);
    // Then increments: the deferred breakdowns once, the other 25 nodes streamed; the last part closes the stream.
    const increments = parts.slice(1).flatMap((p) => p.incremental ?? []);
    expect(increments.filter((i) => i.label === 'breakdowns')).toHaveLength(1);
    expect(increments.filter((i) => i.label === 'records').flatMap((i) => i.items ?? [])).toHaveLength(25);
    expect(parts[parts.length - 1]!.hasNext).toBe(false);
    expect(parts.every((p) => p.errors === undefined)).toBe(true);

    expect(merge(parts)).toEqual(plain);
  });
});

describe('@stream on a partner-wide view', () => {
  let stack: Stack;

  beforeAll(async () => {
    // A whole month in one window, as a BI deployment allows (PARTNER_GRAPH_MAX_FIRST); the cost guard too.
    stack = await startStack({
      customers: 40,
      limits: { maxFirst: 1_000_000, defaultFirst: 20 },
      queryLimits: { ...DEFAULT_QUERY_LIMITS, maxCost: 1_000_000 },
    });
    await warmReference(stack);
  });
  afterAll(async () => {
    await stack.close();
  });

  const STREAMED_PULL = `query ($cycle: BillingCycle!) { partner { consumption(cycle: $cycle) {
    records(first: 1000000) { nodes @stream(initialCount: 0, label: "pull") { customerId recordId paymentAmount } }
  } } }`;

  it('sends the first records while the pull is still reading, and every record by the last part', async () => {
    const plain = await data(stack, STREAMED_PULL.replace(' @stream(initialCount: 0, label: "pull")', ''), { cycle: CYCLE });
    const all = plain.partner.consumption.records.nodes as unknown[];
    expect(all.length).toBeGreaterThan(10_000);
    const pullCalls = requests(stack)[ListSubCustomerBillDetail.name]!;
    expect(pullCalls).toBeGreaterThan(30);

    // Slow record pages (8 workers: ≥ 4 waves of 250 ms), so "while the pull is reading" is seconds wide.
    stack.simulator.setFaults({ latencyMs: 250, operations: [ListSubCustomerBillDetail.name] });
    stack.bss.counter.reset();
    try {
      const response = await stack.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({ query: STREAMED_PULL, variables: { cycle: CYCLE } }),
      });
      const contentType = response.headers.get('content-type')!;
      expect(contentType).toMatch(/^multipart\/mixed/);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let body = '';
      let callsAtFirstItems: number | null = null;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        body += decoder.decode(value, { stream: true });
        if (callsAtFirstItems === null && body.includes('"items"')) callsAtFirstItems = requests(stack)[ListSubCustomerBillDetail.name] ?? 0;
      }
      // The first records left before the pull had made every call it needs.
      expect(callsAtFirstItems).not.toBeNull();
      expect(callsAtFirstItems!).toBeLessThan(pullCalls);
      // And the stream was not cut when the operation's initial result was done: every record came.
      const parts = multipartParts(body, contentType);
      expect(parts[parts.length - 1]!.hasNext).toBe(false);
      expect(parts.every((p) => p.errors === undefined)).toBe(true);
      expect(merge(parts)).toEqual(plain);
      expect(requests(stack)[ListSubCustomerBillDetail.name]).toBe(pullCalls);
    } finally {
      stack.simulator.resetFaults();
    }
  }, 120_000);
});

/**
 * Each kind of upstream call has its own deadline (src/bss/deadlines.ts): a read is abandoned after the read
 * deadline and retried, a page of bill records waits longer, a write waits longest and is never retried. Against
 * the simulator's exact `hang-before-apply` fault (never answered), counted at the client and at the simulator.
 * Which deadline applied is read from the timeout's message (exact), not from the clock; elapsed times are bounds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BssClient } from '../../src/bss/client.js';
import type { RequestEvent } from '../../src/bss/call-counter.js';
import { BILL_PAGE_READS, DEFAULT_DEADLINES, deadlineFor } from '../../src/bss/deadlines.js';
import { BssError } from '../../src/bss/errors.js';
import { ListSubCustomerBillDetail } from '../../src/bss/operations/bills/index.js';
import { ListSubCustomers, UpdateCustomerAccountAmount } from '../../src/bss/operations/partners/index.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { wireNumber } from '../../src/bss/wire-json.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';

// Long enough for a healthy answer of the simulator on a busy machine; apart enough to tell which one applied.
const DEADLINES = { readMs: 1_000, billReadMs: 2_000, writeMs: 2_500 };

let sim: RunningSimulator;
let customer: CustomerRecord;
/** Answers the simulator finished, per path (a hung call never finishes: the client gives up on it). */
const answered = new Map<string, number>();
let events: RequestEvent[] = [];
let client: BssClient;
/** The same deadlines, one attempt: the timeout itself comes back, with its message. */
let once: BssClient;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 7,
    customers: 40,
    now: new Date('2026-11-15T04:00:00Z'),
    throttle: false,
    onRequest: ({ path }) => answered.set(path, (answered.get(path) ?? 0) + 1),
  });
  client = simulatorClient(sim, { timeouts: DEADLINES, onRequest: (event) => events.push(event) });
  once = simulatorClient(sim, { timeouts: DEADLINES, retry: { maxAttempts: 1 } });
  customer = sim.state.world.customers.find((c) => c.indirectPartnerId === null && c.associationType === '2')!;
});
afterAll(async () => {
  await client.close();
  await once.close();
  await sim.close();
});
beforeEach(() => {
  sim.faults.reset();
  answered.clear();
  events = [];
});

async function failure(promise: Promise<unknown>): Promise<BssError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BssError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

const host = (): string => new URL(sim.url).host;

describe('which deadline a call gets', () => {
  it('defaults: reads 5 s, bill and consumption pages 20 s, writes 30 s', () => {
    expect(DEFAULT_DEADLINES).toEqual({ readMs: 5_000, billReadMs: 20_000, writeMs: 30_000 });
    expect([...BILL_PAGE_READS].sort()).toEqual([
      'ListCosts',
      'ListCustomerBillsFeeRecords',
      'ListCustomerBillsMonthlyBreakDown',
      'ListCustomerselfResourceRecordDetails',
      'ListCustomerselfResourceRecords',
      'ListResourceUsage',
      'ListResourceUsageSummary',
      'ListSubCustomerBillDetail',
      'ShowCustomerMonthlySum',
    ]);
    expect(deadlineFor(ListSubCustomers, DEFAULT_DEADLINES)).toBe(5_000);
    expect(deadlineFor(ListSubCustomerBillDetail, DEFAULT_DEADLINES)).toBe(20_000);
    expect(deadlineFor(UpdateCustomerAccountAmount, DEFAULT_DEADLINES)).toBe(30_000);
  });
});

describe('a read the simulator never answers', () => {
  it('is abandoned after the read deadline and retried once: 1 call, 2 requests, the second answered', async () => {
    sim.faults.once('ListSubCustomers', 'hang-before-apply');
    const started = Date.now();
    const answer = await client.call(ListSubCustomers, { body: { offset: 0, limit: 5 } });
    const elapsed = Date.now() - started;
    expect(answer.customer_infos).toHaveLength(5);
    expect(client.counter.calls('ListSubCustomers')).toBe(1);
    expect(client.counter.requests('ListSubCustomers')).toBe(2);
    // The hang was used (the first request reached the simulator), and only the retry was answered.
    expect(sim.faults.pending()).toEqual({});
    expect(answered.get('/v2/partners/sub-customers/query')).toBe(1);
    expect(events.map((e) => [e.attempt, e.status ?? null, e.errorCode ?? null])).toEqual([
      [1, null, 'TRANSPORT.TIMEOUT'],
      [2, 200, null],
    ]);
    // Given up at the read deadline, not the write's: bounds, the machine is busy.
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(DEADLINES.readMs - 5);
    expect(events[0]!.durationMs).toBeLessThan(DEADLINES.writeMs);
    expect(elapsed).toBeLessThan(DEADLINES.readMs + DEADLINES.writeMs);
  });

  it('without a retry left, the timeout names the read deadline', async () => {
    sim.faults.once('ListSubCustomers', 'hang-before-apply');
    const error = await failure(once.call(ListSubCustomers, { body: { offset: 0, limit: 5 } }));
    expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.TIMEOUT', attempts: 1, operation: 'ListSubCustomers' });
    expect(error.upstreamMessage).toBe(`no complete response from ${host()} within 1000 ms`);
    expect(once.counter.requests('ListSubCustomers')).toBe(1);
    expect(sim.faults.pending()).toEqual({});
  });

  it('a page of bill records gets the bill-read deadline', async () => {
    sim.faults.once('ListSubCustomerBillDetail', 'hang-before-apply');
    const error = await failure(once.call(ListSubCustomerBillDetail, { bill_cycle: '2026-10', customer_id: customer.customerId, offset: 0, limit: 1000 }));
    expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.TIMEOUT', attempts: 1, operation: 'ListSubCustomerBillDetail' });
    expect(error.upstreamMessage).toBe(`no complete response from ${host()} within 2000 ms`);
    expect(sim.faults.pending()).toEqual({});
  });
});

describe('the total retry budget counts each retry\'s whole deadline', () => {
  // 3 s of budget: a read (1 s) that hung fits a retry, a bill page (2 s) that hung does not (2 s + a delay + 2 s).
  const budgeted = (): BssClient => simulatorClient(sim, { timeouts: DEADLINES, retry: { totalTimeMs: 3_000 } });

  it('a bill page that hung is not retried when its retry could end past the budget: 1 call, 1 request', async () => {
    const client3 = budgeted();
    try {
      sim.faults.once('ListSubCustomerBillDetail', 'hang-before-apply');
      const error = await failure(client3.call(ListSubCustomerBillDetail, { bill_cycle: '2026-10', customer_id: customer.customerId, offset: 0, limit: 1000 }));
      expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.TIMEOUT', attempts: 1, operation: 'ListSubCustomerBillDetail' });
      expect(error.upstreamMessage).toBe(`no complete response from ${host()} within 2000 ms`);
      expect(client3.counter.calls('ListSubCustomerBillDetail')).toBe(1);
      expect(client3.counter.requests('ListSubCustomerBillDetail')).toBe(1);
      expect(sim.faults.pending()).toEqual({});
      expect(answered.size).toBe(0);
    } finally {
      await client3.close();
    }
  });

  it('a read that hung is retried within the same budget: 1 call, 2 requests, the second answered', async () => {
    const client3 = budgeted();
    try {
      sim.faults.once('ListSubCustomers', 'hang-before-apply');
      const answer = await client3.call(ListSubCustomers, { body: { offset: 0, limit: 5 } });
      expect(answer.customer_infos).toHaveLength(5);
      expect(client3.counter.calls('ListSubCustomers')).toBe(1);
      expect(client3.counter.requests('ListSubCustomers')).toBe(2);
      expect(answered.get('/v2/partners/sub-customers/query')).toBe(1);
    } finally {
      await client3.close();
    }
  });
});

describe('a write the simulator never answers', () => {
  it('keeps the write deadline, is sent once and never retried: answer lost, for reconciliation', async () => {
    const requests = client.counter.requests('UpdateCustomerAccountAmount');
    sim.faults.once('UpdateCustomerAccountAmount', 'hang-before-apply');
    const started = Date.now();
    const error = await failure(client.call(UpdateCustomerAccountAmount, { body: { customer_id: customer.customerId, amount: wireNumber('1.00') } }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(DEADLINES.writeMs - 5);
    expect(error).toMatchObject({ kind: 'answer-lost', code: 'TRANSPORT.TIMEOUT', attempts: 1, operation: 'UpdateCustomerAccountAmount' });
    expect(error.upstreamMessage).toBe(`no complete response from ${host()} within 2500 ms`);
    expect(client.counter.requests('UpdateCustomerAccountAmount')).toBe(requests + 1);
    expect(sim.faults.pending()).toEqual({});
    expect(answered.size).toBe(0);
  });
});

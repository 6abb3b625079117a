/**
 * The real client against the real simulator over loopback HTTP: signing accepted, paging, writes seen
 * by later reads, Huawei's error codes surfacing as BssError, customer tokens by assume_role, throttling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import type { BssClient, BssClientOptions } from '../../src/bss/client.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { BssError } from '../../src/bss/errors.js';
import {
  ListCustomersBalancesDetail,
  ListSubCustomers,
  ReclaimToPartnerAccount,
  ShowCustomerAccountBalances,
  UpdateCustomerAccountAmount,
} from '../../src/bss/operations/partners/index.js';
import { ListServiceTypes } from '../../src/bss/operations/commerce/index.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { TEST_NOW } from '../support/sim-request.js';

let sim: RunningSimulator;
let client: BssClient;

const clientFor = (s: RunningSimulator, extra: Partial<BssClientOptions> = {}): BssClient => simulatorClient(s, extra);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 42, customers: 250, now: TEST_NOW });
  client = clientFor(sim);
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

const ownResale = () => sim.state.world.customersOf(null).filter((c) => c.associationType === '2');

describe('client ↔ simulator', () => {
  it('walks ListSubCustomers in exactly ceil(total / 100) calls', async () => {
    client.counter.reset();
    const { items, total } = await client.paginate(ListSubCustomers, {});
    const own = sim.state.world.customersOf(null).length;
    expect(total).toBe(own);
    expect(items).toHaveLength(own);
    expect(new Set(items.map((c) => c.customer_id)).size).toBe(own);
    expect(client.counter.requests('ListSubCustomers')).toBe(Math.ceil(own / 100));
  });

  it('sees an adjustment in the next balance read, exactly in decimal', async () => {
    const customer = ownResale()[0]!;
    const read = async () =>
      (await client.call(ListCustomersBalancesDetail, { body: { customer_infos: [{ customer_id: customer.customerId }] } })).customer_balances![0]!;
    const before = new Decimal((await read()).amount!);
    await client.call(UpdateCustomerAccountAmount, { body: { customer_id: customer.customerId, amount: '0.10' } });
    await client.call(UpdateCustomerAccountAmount, { body: { customer_id: customer.customerId, amount: 0.2 } });
    const after = new Decimal((await read()).amount!);
    expect(after.minus(before).toFixed(2)).toBe('0.30');
  });

  it('refuses a reclaim beyond the balance with the real code, changing nothing', async () => {
    const customer = ownResale()[1]!;
    const read = async () =>
      (await client.call(ListCustomersBalancesDetail, { body: { customer_infos: [{ customer_id: customer.customerId }] } })).customer_balances![0]!.amount!;
    const before = String(await read());
    const tooMuch = new Decimal(before).plus('1000000').toFixed(2);
    const error = await client.call(ReclaimToPartnerAccount, { body: { customer_id: customer.customerId, amount: tooMuch } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BssError);
    expect((error as BssError).code).toBe('CBC.99005003');
    expect((error as BssError).httpStatus).toBe(400);
    expect((error as BssError).attempts).toBe(1);
    expect(String(await read())).toBe(before);
  });

  it('surfaces parameter errors as CBC.0100 naming the parameter', async () => {
    const error = await client.call(ListSubCustomers, { body: { limit: 101 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BssError);
    expect((error as BssError).code).toBe('CBC.0100');
    expect((error as BssError).httpStatus).toBe(400);
    expect((error as BssError).upstreamMessage).toContain('limit');
    expect((error as BssError).requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('exchanges a customer token once and reuses it', async () => {
    const customer = ownResale().find((c) => c.agency !== null)!;
    client.counter.reset();
    const first = await client.call(ShowCustomerAccountBalances, {}, { customerId: customer.customerId });
    const second = await client.call(ShowCustomerAccountBalances, {}, { customerId: customer.customerId });
    expect(second).toEqual(first);
    expect(first.account_balances!.length).toBeGreaterThan(0);
    expect(client.counter.snapshot().requests).toEqual({ KeystoneCreateAgencyToken: 1, ShowCustomerAccountBalances: 2 });
  });

  it('renews a revoked customer token once and retries', async () => {
    const customer = ownResale().filter((c) => c.agency !== null)[1]!;
    await client.call(ShowCustomerAccountBalances, {}, { customerId: customer.customerId });
    sim.revokeDomainTokens(customer.customerId);
    client.counter.reset();
    await client.call(ShowCustomerAccountBalances, {}, { customerId: customer.customerId });
    expect(client.counter.snapshot().requests).toEqual({ KeystoneCreateAgencyToken: 1, ShowCustomerAccountBalances: 2 });
  });

  it('reports a customer without an agency as no-agency, and does not ask IAM again soon', async () => {
    const customer = sim.state.world.customers.find((c) => c.agency === null)!;
    client.counter.reset();
    for (let i = 0; i < 2; i++) {
      const error = await client.call(ShowCustomerAccountBalances, {}, { customerId: customer.customerId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BssError);
      expect((error as BssError).kind).toBe('no-agency');
      expect((error as BssError).httpStatus).toBe(403);
    }
    expect(client.counter.snapshot().requests).toEqual({ KeystoneCreateAgencyToken: 1 });
  });

  it('retries a read whose 200 body was cut, and never a write', async () => {
    // The fault is lifted after the first attempt is answered, so the read is cut exactly once.
    let cutOnce = false;
    const c = clientFor(sim, {
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      onRequest: () => {
        if (cutOnce) sim.resetFaults();
      },
    });
    const customer = ownResale()[2]!;
    try {
      sim.setFaults({ malformedRate: 1, operations: ['ListServiceTypes', 'UpdateCustomerAccountAmount'] });
      cutOnce = true;
      expect((await c.call(ListServiceTypes, { limit: 5 })).service_types).toHaveLength(5);
      expect(c.counter.requests('ListServiceTypes')).toBe(2);
      cutOnce = false;

      sim.setFaults({ malformedRate: 1, operations: ['ListServiceTypes', 'UpdateCustomerAccountAmount'] });
      c.counter.reset();
      const always = await c.call(ListServiceTypes, { limit: 5 }).catch((e: unknown) => e);
      expect(always).toBeInstanceOf(BssError);
      expect(always).toMatchObject({ code: 'TRANSPORT.BAD_JSON', httpStatus: 200, attempts: 3 });
      expect(c.counter.requests('ListServiceTypes')).toBe(3);

      const write = await c.call(UpdateCustomerAccountAmount, { body: { customer_id: customer.customerId, amount: '0.01' } }).catch((e: unknown) => e);
      expect(write).toMatchObject({ code: 'TRANSPORT.BAD_JSON', httpStatus: 200, attempts: 1 });
      expect(c.counter.requests('UpdateCustomerAccountAmount')).toBe(1);
    } finally {
      sim.resetFaults();
      await c.close();
    }
  });

  it('retries reads throttled by the real quota to success, and never retries a write', async () => {
    // The simulator's gateway clock stands still during the burst, so all 15 first attempts fall in one
    // quota window however slowly a loaded machine sends them; once they are all answered it moves two
    // seconds on, so the retries meet a fresh window.
    let frozen: number | null = Date.now();
    const s = await startSimulator({ port: 0, seed: 1, customers: 10, now: TEST_NOW, clock: () => new Date(frozen ?? Date.now()) });
    let firstAttempts = 0;
    // Our own budget is lifted so 15 reads hit the simulator's 10-per-second quota at once.
    const c = clientFor(s, {
      rate: { perOperation: { ListServiceTypes: 1000 } },
      retry: { throttleMinDelayMs: 1_100, throttleMaxDelayMs: 1_200 },
      onRequest: (event) => {
        if (event.operation === 'ListServiceTypes' && event.attempt === 1 && ++firstAttempts === 15 && frozen !== null) frozen += 2_000;
      },
    });
    try {
      const results = await Promise.all(Array.from({ length: 15 }, () => c.call(ListServiceTypes, { limit: 5 })));
      for (const r of results) expect(r.service_types).toHaveLength(5);
      // 10 pass in the first second; the 5 throttled ones succeed on their retry in the next.
      expect(c.counter.requests('ListServiceTypes')).toBe(20);
      expect(c.counter.calls('ListServiceTypes')).toBe(15);

      s.setFaults({ throttleRate: 1, operations: ['UpdateCustomerAccountAmount'] });
      const customer = s.state.world.customersOf(null).find((x) => x.associationType === '2')!;
      const error = await c.call(UpdateCustomerAccountAmount, { body: { customer_id: customer.customerId, amount: '1.00' } }).catch((e: unknown) => e);
      expect((error as BssError).code).toBe('APIGW.0308');
      expect((error as BssError).httpStatus).toBe(429);
      expect(c.counter.requests('UpdateCustomerAccountAmount')).toBe(1);
    } finally {
      await c.close();
      await s.close();
    }
  });
});

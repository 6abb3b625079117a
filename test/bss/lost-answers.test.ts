/**
 * What the client raises when a write's answer is lost, against the simulator's exact `once` faults, and
 * whether the write happened (read back from the simulator's state). The mutation layer reconciles on
 * `kind: 'answer-lost'` and on `isOutcomeUnknown`; a write is never sent twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BssClient } from '../../src/bss/client.js';
import { BssError, isOutcomeUnknown } from '../../src/bss/errors.js';
import { UpdateCustomerAccountAmount } from '../../src/bss/operations/partners/index.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { wireNumber } from '../../src/bss/wire-json.js';
import type { OnceFault } from '../../src/simulator/faults.js';
import { maskError } from '../../src/errors.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';

let sim: RunningSimulator;
let client: BssClient;
let customer: CustomerRecord;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, customers: 40, now: new Date('2026-11-15T04:00:00Z'), throttle: false });
  // 2.5 s is long enough for an answer (and, in hang-after-apply, the write) on a busy machine, and short
  // enough for the two hanging cases.
  client = simulatorClient(sim, { timeouts: { responseMs: 2_500 } });
  customer = sim.state.world.customers.find((c) => c.indirectPartnerId === null && c.associationType === '2')!;
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => sim.faults.reset());

const cash = (): string => sim.state.partners.funds.customerAccount(customer).cash.toFixed(2);

async function allocate(): Promise<BssError | { transfer_id?: string }> {
  try {
    return await client.call(UpdateCustomerAccountAmount, { body: { customer_id: customer.customerId, amount: wireNumber('1.00') } });
  } catch (error) {
    if (error instanceof BssError) return error;
    throw error;
  }
}

describe('a write whose answer is lost', () => {
  const cases: [OnceFault, boolean, Partial<BssError>][] = [
    ['lost-after-apply', true, { kind: 'answer-lost', code: 'TRANSPORT.CONNECTION', httpStatus: undefined }],
    ['hang-after-apply', true, { kind: 'answer-lost', code: 'TRANSPORT.TIMEOUT', httpStatus: undefined }],
    ['malformed-after-apply', true, { kind: 'answer-lost', code: 'TRANSPORT.BAD_JSON', httpStatus: 200 }],
    ['timeout-after-apply', true, { kind: 'upstream', code: 'APIGW.0201', httpStatus: 504 }],
    ['reset-before-apply', false, { kind: 'answer-lost', code: 'TRANSPORT.CONNECTION', httpStatus: undefined }],
    ['hang-before-apply', false, { kind: 'answer-lost', code: 'TRANSPORT.TIMEOUT', httpStatus: undefined }],
    ['error-before-apply', false, { kind: 'upstream', code: 'APIGW.0201', httpStatus: 502 }],
  ];

  it.each(cases)('%s: applied %s, the client raises %o once, never retried, outcome unknown', async (fault, applied, expected) => {
    const before = sim.state.partners.funds.customerAccount(customer).cash;
    const requests = client.counter.requests('UpdateCustomerAccountAmount');
    sim.faults.once('UpdateCustomerAccountAmount', fault);
    const error = await allocate();
    expect(error).toBeInstanceOf(BssError);
    expect(error).toMatchObject({ ...expected, operation: 'UpdateCustomerAccountAmount', attempts: 1 });
    expect(isOutcomeUnknown(error as BssError)).toBe(true);
    expect(client.counter.requests('UpdateCustomerAccountAmount')).toBe(requests + 1);
    expect(sim.faults.pending()).toEqual({});
    expect(cash()).toBe((applied ? before.plus(1) : before).toFixed(2));
    // The fault was for one call only: the next allocation is answered with its transfer id.
    const next = await allocate();
    expect(next).toEqual({ transfer_id: expect.stringMatching(/^\w+$/) });
    expect(cash()).toBe((applied ? before.plus(2) : before.plus(1)).toFixed(2));
  });
});

describe('as a GraphQL error', () => {
  it('a lost write answer is UPSTREAM_ANSWER_LOST, with the transport code as upstreamCode', async () => {
    sim.faults.once('UpdateCustomerAccountAmount', 'lost-after-apply');
    const error = (await allocate()) as BssError;
    const masked = maskError(error, 'Unexpected error.') as { extensions?: Record<string, unknown> };
    expect(masked.extensions).toMatchObject({ code: 'UPSTREAM_ANSWER_LOST', upstreamCode: 'TRANSPORT.CONNECTION', operation: 'UpdateCustomerAccountAmount' });
  });
});

describe('faults.once', () => {
  it('refuses an operation name that does not exist, so a typo cannot silently never fire', () => {
    expect(() => sim.faults.once('UpdateCustomerAccountAmout', 'lost-after-apply')).toThrow('no operation named UpdateCustomerAccountAmout');
    expect(() => sim.faults.once('UpdateCustomerAccountAmount', 'toString' as OnceFault)).toThrow('unknown fault toString');
    expect(sim.faults.pending()).toEqual({});
  });

  it('queues per operation and hits only that operation; reset drops what is left', async () => {
    sim.faults.once('UpdateCustomerAccountAmount', 'error-before-apply');
    sim.faults.once('UpdateCustomerAccountAmount', 'reset-before-apply');
    sim.faults.once('ReclaimToPartnerAccount', 'lost-after-apply');
    expect(sim.faults.pending()).toEqual({
      UpdateCustomerAccountAmount: ['error-before-apply', 'reset-before-apply'],
      ReclaimToPartnerAccount: ['lost-after-apply'],
    });
    expect(await allocate()).toMatchObject({ httpStatus: 502 });
    expect(sim.faults.pending()).toEqual({ UpdateCustomerAccountAmount: ['reset-before-apply'], ReclaimToPartnerAccount: ['lost-after-apply'] });
    sim.faults.reset();
    expect(sim.faults.pending()).toEqual({});
    expect(await allocate()).toEqual({ transfer_id: expect.any(String) });
  });
});

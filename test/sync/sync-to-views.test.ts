/**
 * End to end: the sync fills the store, and the partner's consumption view of the synced cycle is then answered
 * from it (`source: STORE`, no upstream call), equal to a live pull's answer to the last digit — totals and
 * every customer's amount. (The views themselves are tested in test/graph/bills/consumption-store.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../store/engines.js';
import { startStack, type Stack } from '../support/stack.js';

const CYCLE = '2026-10';
const VIEW = `{ partner { consumption(cycle: "${CYCLE}") { source total officialTotal discountTotal recordCount byCustomer { customerId indirectPartnerId amount recordCount } } } }`;

describe('the sync feeding the consumption views', () => {
  let synced: Stack;
  let live: Stack;
  beforeAll(async () => {
    synced = await startStack({ customers: 30, resellers: 2, store: 'memory', sync: { cycles: [CYCLE] }, limits: { maxFirst: 100_000, defaultFirst: 20 } });
    live = await startStack({ customers: 30, resellers: 2, limits: { maxFirst: 100_000, defaultFirst: 20 } });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await synced?.close();
    await live?.close();
  });

  it('answers the synced month from the store with no upstream call, equal to the live pull', async () => {
    const result = await synced.sync!.runPass();
    expect(result.cyclesComplete).toBe(1);
    const expected = await live.graphql(VIEW);
    expect(expected.errors).toBeUndefined();
    synced.bss.counter.reset();
    const got = await synced.graphql(VIEW);
    expect(got.errors).toBeUndefined();
    expect(synced.bss.counter.snapshot().totalCalls).toBe(0);
    expect(got.data.partner.consumption.source).toBe('STORE');
    expect(expected.data.partner.consumption.source).toBe('LIVE');
    const { source: _s, byCustomer: gotRows, ...gotTotals } = got.data.partner.consumption;
    const { source: _l, byCustomer: liveRows, ...liveTotals } = expected.data.partner.consumption;
    expect(gotTotals).toEqual(liveTotals);
    const key = (r: { indirectPartnerId: string | null; customerId: string }) => `${r.indirectPartnerId ?? ''}/${r.customerId}`;
    const sort = (rows: { indirectPartnerId: string | null; customerId: string }[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(sort(gotRows)).toEqual(sort(liveRows));
  }, 120_000);
});

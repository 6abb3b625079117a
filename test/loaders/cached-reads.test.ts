/**
 * The BSS side of the cross-request cache (src/loaders/cached-reads.ts), over a fake client: which reads are
 * cached, what keys them, which writes drop which kinds, and the customers and resellers an answer is tagged with.
 */
import { describe, expect, it } from 'vitest';
import type { BssClient, CallOptions } from '../../src/bss/client.js';
import type { OperationSpec } from '../../src/bss/operations/spec.js';
import { PartnerDataCache } from '../../src/caches/partner-cache.js';
import { cachedReads, tagsOf } from '../../src/loaders/cached-reads.js';

const op = (name: string, kind: 'read' | 'write' = 'read') => ({ name, kind, method: 'POST', path: '/x', caller: 'either' }) as OperationSpec;

function fakeClient() {
  const calls: string[] = [];
  const client = {
    async call(spec: OperationSpec, req: unknown, _opts: CallOptions = {}) {
      calls.push(spec.name);
      return { echo: req, customer_infos: [{ customer_id: 'C9', indirect_partner_id: 'R9' }] };
    },
  } as unknown as BssClient;
  return { client, calls };
}

describe('cachedReads', () => {
  it('caches partner-data reads per request text and scope, never other reads', async () => {
    const { client, calls } = fakeClient();
    const cache = new PartnerDataCache();
    const partner = cachedReads(client, cache, { scope: 'partner' });
    const reseller = cachedReads(client, cache, { scope: 'reseller:R1', reseller: 'R1' });
    await partner.call(op('ListSubCustomers'), { body: { offset: 0 } });
    await partner.call(op('ListSubCustomers'), { body: { offset: 0 } });
    await partner.call(op('ListSubCustomers'), { body: { offset: 100 } });
    await partner.call(op('ListSubCustomers'), { body: { offset: 0 } }, { language: 'en_US' });
    await reseller.call(op('ListSubCustomers'), { body: { offset: 0 } });
    await partner.call(op('ListServiceTypes'), {});
    await partner.call(op('ListServiceTypes'), {});
    expect(calls).toEqual(['ListSubCustomers', 'ListSubCustomers', 'ListSubCustomers', 'ListSubCustomers', 'ListServiceTypes', 'ListServiceTypes']);
  });

  it('drops the kinds a write changes (all of them for a write it does not know), even when the write fails', async () => {
    const { client, calls } = fakeClient();
    const cache = new PartnerDataCache();
    const bss = cachedReads(client, cache, { scope: 'partner' });
    const readBoth = async () => {
      await bss.call(op('ListCustomersBalancesDetail'), { body: { customer_ids: ['C1'] } });
      await bss.call(op('ListIssuedPartnerCoupons'), {});
    };
    await readBoth();
    await bss.call(op('UpdateCustomerAccountAmount', 'write'), { body: { customer_id: 'C1' } });
    await readBoth(); // balances again, coupons from the cache
    await bss.call(op('SomeFutureWrite', 'write'), {});
    await readBoth(); // both again
    expect(calls.filter((c) => c === 'ListCustomersBalancesDetail')).toHaveLength(3);
    expect(calls.filter((c) => c === 'ListIssuedPartnerCoupons')).toHaveLength(2);

    const failing = cachedReads({ call: async () => { throw new Error('lost in transit'); } } as unknown as BssClient, cache, { scope: 'partner' });
    await bss.call(op('ListIssuedPartnerCoupons'), {}); // still cached
    expect(calls.filter((c) => c === 'ListIssuedPartnerCoupons')).toHaveLength(2);
    await expect(failing.call(op('ReclaimPartnerCoupons', 'write'), {})).rejects.toThrow('lost in transit');
    await bss.call(op('ListIssuedPartnerCoupons'), {});
    expect(calls.filter((c) => c === 'ListIssuedPartnerCoupons')).toHaveLength(3);
  });

  it('sends a background refresh upstream as background work (after interactive calls in the rate budget), a miss as interactive', async () => {
    const seen: { name: string; background: boolean }[] = [];
    const client = {
      async call(spec: OperationSpec, _req: unknown, opts: CallOptions = {}) {
        seen.push({ name: spec.name, background: opts.backgroundUntil !== undefined && !opts.backgroundUntil.aborted });
        return { customer_balances: [] };
      },
    } as unknown as BssClient;
    let now = 0;
    const cache = new PartnerDataCache({ now: () => now, ttlMs: { balances: 10_000 } });
    const bss = cachedReads(client, cache, { scope: 'partner' });
    const read = () => bss.call(op('ListCustomersBalancesDetail'), { body: { customer_ids: ['C1'] } });
    await read(); // a miss: its caller waits
    now = 12_000;
    await read(); // stale: answered at once, refreshed in the background
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ name: 'ListCustomersBalancesDetail', background: false }, { name: 'ListCustomersBalancesDetail', background: true }]);
  });

  it('tags an answer with the customers and resellers its request and rows name, and the token customer', () => {
    const tags = tagsOf(
      { body: { customer_ids: ['C1', 'C2'], indirect_partner_id: 'R1' } },
      { customer_balances: [{ customer_id: 'C1' }, { customer_id: 'C3', indirect_partner_id: 'R2' }] },
      { customerId: 'C4' },
    );
    expect({ customers: [...tags.customers].sort(), resellers: [...tags.resellers].sort() }).toEqual({ customers: ['C1', 'C2', 'C3', 'C4'], resellers: ['R1', 'R2'] });
  });
});

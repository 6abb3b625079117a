/**
 * The live pull (src/resolvers/live-pull.ts) over a scripted upstream whose pages the test releases one by
 * one: the order stays the pull's order whatever order pages land in, records are readable before the pull
 * ends, the own scope is driven by ListConsumeSubCustomers (former customers included, the listing only when
 * asked), and a failure midway reaches readers after the records before it.
 */
import { describe, expect, it } from 'vitest';
import type { ConsumptionContext } from '../../src/sources/consumption-records.js';
import { LivePull } from '../../src/sources/live-pull.js';

const CYCLE = '2026-10';

interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A wire record (only what toConsumptionRecord reads). */
const wire = (customerId: string, n: number) => ({
  id: `${customerId}-${n}`, bill_cycle: CYCLE, customer_id: customerId, service_type_code: 'hws.service.type.ec2',
  resource_type_code: 'hws.resource.type.vm', official_amount: '1.00000001', official_discount_amount: '0', payment_amount: '1.00000001',
});

interface Script {
  /** The own scope's listing (ListSubCustomers without indirect_partner_id). */
  readonly listed: readonly string[];
  /** ListConsumeSubCustomers' answer, in its order. */
  readonly consumers: readonly string[];
  /** Records per customer; a gate holds its page back until opened; an Error fails it. */
  readonly records: Record<string, { count: number; gate?: Gate; fail?: Error }>;
}

/** The slice of BssClient the pull uses, answering from the script and counting calls per operation. */
function scriptedBss(script: Script) {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const answer = async (name: string, req: Record<string, unknown>): Promise<unknown[]> => {
    count(name);
    if (name === 'ListSubCustomers') return script.listed.map((id) => ({ customer_id: id, account_name: `acct-${id}`, customer: `Name ${id}` }));
    if (name === 'ListConsumeSubCustomers') return script.consumers.map((id) => ({ customer_id: id }));
    if (name === 'ListSubCustomerBillDetail') {
      const entry = script.records[req['customer_id'] as string]!;
      await entry.gate?.opened;
      if (entry.fail) throw entry.fail;
      return Array.from({ length: entry.count }, (_, i) => wire(req['customer_id'] as string, i));
    }
    throw new Error(`unexpected ${name}`);
  };
  const bss = {
    async paginate(op: { name: string }, req: Record<string, unknown>) {
      const items = await answer(op.name, req);
      return { items, total: items.length };
    },
    async *pages(op: { name: string }, req: Record<string, unknown>) {
      const items = await answer(op.name, req);
      yield { items, offset: 0, total: items.length };
    },
  };
  return { ctx: { bss, language: 'zh_CN' } as unknown as ConsumptionContext, calls };
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('LivePull', () => {
  it('keeps the order ListConsumeSubCustomers gives, whatever order the pages land in, and names listed customers only', async () => {
    const late = gate();
    const { ctx, calls } = scriptedBss({
      listed: ['c1', 'c2', 'c3'],
      // c9 consumed in the cycle but is no longer listed: a former customer, still pulled.
      consumers: ['c2', 'c1', 'c9'],
      records: { c2: { count: 2, gate: late }, c1: { count: 1 }, c9: { count: 1 } },
    });
    const live = new LivePull(ctx, { cycles: [CYCLE], scope: null });
    // c1 and c9 land first; c2 (first in order) last.
    await new Promise((r) => setTimeout(r, 20));
    expect(live.records).toEqual([]);
    late.open();
    const pulled = await live.done;
    expect(ids(pulled.records)).toEqual(['c2-0', 'c2-1', 'c1-0', 'c9-0']);
    expect([...pulled.customers.keys()]).toEqual(['c2', 'c1']);
    expect(pulled.customers.get('c1')).toMatchObject({ customerId: 'c1', accountName: 'acct-c1', name: 'Name c1' });
    // c3 did not consume: no record call. The listing gives names (the export's case).
    expect(calls).toEqual({ ListSubCustomers: 1, ListConsumeSubCustomers: 1, ListSubCustomerBillDetail: 3 });
  });

  it('does not list the own customers when told not to', async () => {
    const { ctx, calls } = scriptedBss({ listed: ['c1'], consumers: ['c1'], records: { c1: { count: 3 } } });
    const pulled = await new LivePull(ctx, { cycles: [CYCLE], scope: null, listOwnCustomers: false }).done;
    expect(ids(pulled.records)).toEqual(['c1-0', 'c1-1', 'c1-2']);
    expect(pulled.customers.size).toBe(0);
    expect(calls).toEqual({ ListConsumeSubCustomers: 1, ListSubCustomerBillDetail: 1 });
  });

  it('hands records to readers and folds before the pull is over', async () => {
    const second = gate();
    const { ctx } = scriptedBss({ listed: [], consumers: ['a', 'b'], records: { a: { count: 2 }, b: { count: 1, gate: second } } });
    const live = new LivePull(ctx, { cycles: [CYCLE], scope: null, listOwnCustomers: false });
    const folded: string[] = [];
    live.onRecords((batch) => folded.push(...ids(batch)));
    let settled = false;
    void live.done.then(() => (settled = true));

    const reader = live.iterate(0, 10);
    expect((await reader.next()).value).toMatchObject({ id: 'a-0' });
    expect((await reader.next()).value).toMatchObject({ id: 'a-1' });
    expect(settled).toBe(false);
    expect(folded).toEqual(['a-0', 'a-1']);
    second.open();
    expect((await reader.next()).value).toMatchObject({ id: 'b-0' });
    expect((await reader.next()).done).toBe(true);
    expect(folded).toEqual(['a-0', 'a-1', 'b-0']);
    // A late reader replays from the start; a window stops at its end.
    const late: string[] = [];
    for await (const r of live.iterate(1, 2)) late.push(r.id);
    expect(late).toEqual(['a-1']);
  });

  it('gives readers the records before a failure, then the failure; `done` rejects with it', async () => {
    const failure = Object.assign(new Error('upstream failed'), { code: 'CBC.0999' });
    const hold = gate();
    const { ctx } = scriptedBss({ listed: [], consumers: ['a', 'b'], records: { a: { count: 1 }, b: { count: 1, gate: hold, fail: failure } } });
    const live = new LivePull(ctx, { cycles: [CYCLE], scope: null, listOwnCustomers: false });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const r of live.iterate()) seen.push(r.id);
    })();
    await new Promise((r) => setTimeout(r, 10));
    hold.open();
    await expect(reading).rejects.toBe(failure);
    expect(seen).toEqual(['a-0']);
    await expect(live.done).rejects.toBe(failure);
  });
});

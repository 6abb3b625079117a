/**
 * Per-cycle mixing (issue 12): a view whose range has synced and unsynced cycles reads the synced ones from the
 * store and pulls only the others live. Here 2026-08 and 2026-10 are synced and 2026-09 (between them) is not:
 * the view makes exactly the upstream calls of a live pull of 2026-09 alone, its sums and breakdowns equal an
 * all-live pull of the range to the last digit, it says `MIXED` and which cycle is which, its records page
 * across the boundary both ways, the cost estimate prices only the unsynced cycle, a reseller key stays in its
 * scope, and the export mixes the same way. On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, type ApiKeyEntry } from '../../../src/auth/api-keys.js';
import { Money, formatDecimal } from '../../../src/bss/money.js';
import { estimateCost } from '../../../src/limits/cost.js';
import { schema } from '../../../src/schema/index.js';
import { readConsumptionCoverage, type Store } from '../../../src/store/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { describeEachEngine } from '../../store/engines.js';
import { data, directCustomers, pick, recordCount, requests, warmReference } from './helpers.js';
import { syncCycle } from './store-sync.js';

const SYNCED = ['2026-08', '2026-10'];
const UNSYNCED = '2026-09';
const RANGE = 'fromCycle: "2026-08", toCycle: "2026-10"';
const ADMIN_KEY = 'pg_test-admin-mixing';
const RESELLER_KEY = 'pg_test-reseller-mixing';

const SUMS = `
  total officialTotal discountTotal recordCount
  byServiceType { serviceType { code } amount officialAmount discountAmount recordCount }
  byResourceType { resourceType { code } amount recordCount }
  byRegion { regionCode amount recordCount }
  byChargeMode { chargeModeCode amount recordCount }
  byCycle { cycle amount officialAmount discountAmount recordCount }`;
const BY_CUSTOMER = 'byCustomer { customerId indirectPartnerId amount officialAmount discountAmount recordCount }';

/** The upstream requests made between two counter snapshots, per operation (operations with none left out). */
function delta(after: Readonly<Record<string, number>>, before: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)]).filter(([, n]) => n !== 0));
}

/** What one query costs upstream on a stack. */
async function callsOf(stack: Stack, run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = requests(stack);
  await run();
  return delta(requests(stack), before);
}

describeEachEngine('consumption views mixing store and live cycles', (storeOf) => {
  let live: Stack;
  let stored: Stack;
  let store: Store;
  let reseller: string;
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  const resellerHeaders = { authorization: `Bearer ${RESELLER_KEY}` };

  beforeAll(async () => {
    store = storeOf();
    live = await startStack({ customers: 24 });
    reseller = live.simulator.state.world.resellers[0]!.indirectPartnerId;
    const keys: ApiKeyEntry[] = [
      { name: 'admin', role: 'admin', sha256: sha256Hex(ADMIN_KEY) },
      { name: 'reseller', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex(RESELLER_KEY) },
    ];
    stored = await startStack({ customers: 24, store, apiKeys: keys });
    for (const cycle of SYNCED) await syncCycle(stored, store, cycle);
    await warmReference(live);
    await data(stored, '{ serviceTypes { code } resourceTypes { code } measureUnits { id } }', undefined, admin);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([live?.close(), stored?.close()]);
  });

  it('pulls only the unsynced cycle, equals an all-live pull to the last digit, and says MIXED and which cycle is which', async () => {
    const view = (cycles: string) => `{ partner { consumption(${cycles}) { ${SUMS} ${BY_CUSTOMER} } } }`;
    const expected = (await data(live, view(RANGE))).partner.consumption;
    // The calls a live pull of the unsynced cycle alone makes (no bill cache on these stacks: each read is a call).
    const unsyncedCalls = await callsOf(live, () => data(live, view(`cycle: "${UNSYNCED}"`)));
    expect(unsyncedCalls.ListSubCustomerBillDetail).toBeGreaterThan(0);
    let got: any;
    const mixedCalls = await callsOf(stored, async () => {
      got = (await data(stored, `{ partner { consumption(${RANGE}) { source syncedAt cycles { cycle source syncedAt } ${SUMS} ${BY_CUSTOMER} } } }`, undefined, admin)).partner.consumption;
    });
    expect(mixedCalls).toEqual(unsyncedCalls);
    const { source, syncedAt, cycles, ...values } = got;
    expect(values).toEqual(expected);
    expect(got.recordCount).toBeGreaterThan(1000);
    expect(got.byCycle.map((c: { recordCount: number }) => c.recordCount).every((n: number) => n > 0)).toBe(true);
    expect(source).toBe('MIXED');
    expect(cycles.map((c: { cycle: string; source: string; syncedAt: string | null }) => [c.cycle, c.source, c.syncedAt === null])).toEqual([
      ['2026-08', 'STORE', false], ['2026-09', 'LIVE', true], ['2026-10', 'STORE', false],
    ]);
    expect(syncedAt).toBe([cycles[0].syncedAt, cycles[2].syncedAt].sort()[0]);
  }, 180_000);

  it('says STORE for a range of synced cycles only and LIVE for unsynced ones only, cycle by cycle', async () => {
    const q = (cycles: string) => `{ partner { consumption(${cycles}) { source cycles { cycle source } } } }`;
    const before = requests(stored);
    expect((await data(stored, q('fromCycle: "2026-10", toCycle: "2026-10"'), undefined, admin)).partner.consumption)
      .toEqual({ source: 'STORE', cycles: [{ cycle: '2026-10', source: 'STORE' }] });
    expect(requests(stored)).toEqual(before);
    expect((await data(stored, q('fromCycle: "2026-06", toCycle: "2026-07"'), undefined, admin)).partner.consumption)
      .toEqual({ source: 'LIVE', cycles: [{ cycle: '2026-06', source: 'LIVE' }, { cycle: '2026-07', source: 'LIVE' }] });
  }, 120_000);

  it('prices the range by its unsynced cycle alone', async () => {
    const units = await store.db.selectFrom('consumption_sync_progress').select(['indirect_partner_id']).where('cycle', '=', '2026-10').execute();
    const perScope = new Map<string | null, number>();
    for (const u of units) perScope.set(u.indirect_partner_id, (perScope.get(u.indirect_partner_id) ?? 0) + 1);
    // src/limits/cost.ts scopePull: one record call per listed customer per unsynced cycle, and once the lists that
    // name them (the own consumers' pages of 100, ListIndirectPartners, each reseller's customer pages of 100).
    const pages = (n: number): number => Math.max(1, Math.ceil(n / 100));
    const listing = pages(perScope.get(null) ?? 0) + 1 + [...perScope].filter(([scope]) => scope !== null).reduce((n, [, count]) => n + pages(count), 0);
    const estimate = async (cycles: string): Promise<number> =>
      ((await stored.graphql(`{ partner { consumption(${cycles}) { total } } }`, undefined, admin)) as any).extensions?.cost?.estimated;
    expect(await estimate(RANGE)).toBe(units.length + listing);
    expect(await estimate('fromCycle: "2026-05", toCycle: "2026-07"')).toBe(3 * units.length + listing);
    expect(await estimate('fromCycle: "2026-10", toCycle: "2026-10"')).toBe(0);
  }, 60_000);

  it('prices a reseller key by its own scope: its customers, and a cycle another scope has not finished costs it nothing', async () => {
    const units = await store.db.selectFrom('consumption_sync_progress').select(['customer_id', 'scope_key']).where('cycle', '=', '2026-10').execute();
    const mine = units.filter((u) => u.scope_key === reseller).length;
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(units.length);
    const pages = (n: number): number => Math.max(1, Math.ceil(n / 100));
    const q = `{ partner { consumption(${RANGE}) { source cycles { source } total } } }`;
    // Through the gateway: the reseller key's live cycle (2026-09) is one call per customer of its own, and its pages.
    const result = (await stored.graphql(q, undefined, resellerHeaders)) as any;
    expect(result.extensions?.cost?.estimated).toBe(mine + pages(mine));
    // Another scope's unit of 2026-10 fails: the partner-wide view pulls 2026-10 live, the reseller's still reads it stored.
    const other = units.find((u) => u.scope_key !== reseller)!;
    const mark = (state: 'failed' | 'synced') => store.db.updateTable('consumption_sync_progress').set({ state })
      .where('cycle', '=', '2026-10').where('scope_key', '=', other.scope_key).where('customer_id', '=', other.customer_id).execute();
    await mark('failed');
    try {
      const coverage = await readConsumptionCoverage(store);
      const estimate = (reseller: string | null): number =>
        estimateCost(schema, parse(q), undefined, {}, { defaultFirst: 20, maxFirst: 1000, assumedCustomers: 100, coverage, reseller });
      expect(estimate(reseller)).toBe(mine + pages(mine));
      expect(coverage.completeCycles.has('2026-10')).toBe(false);
      const perScope = new Map<string, number>();
      for (const u of units) perScope.set(u.scope_key, (perScope.get(u.scope_key) ?? 0) + 1);
      const listing = pages(perScope.get('') ?? 0) + 1 + [...perScope].filter(([scope]) => scope !== '').reduce((n, [, count]) => n + pages(count), 0);
      expect(estimate(null)).toBe(2 * units.length + listing);
      // The plan agrees: the reseller key's view reads 2026-10 from the store.
      const got = (await data(stored, q, undefined, resellerHeaders)).partner.consumption;
      expect(got.cycles.map((c: { source: string }) => c.source)).toEqual(['STORE', 'LIVE', 'STORE']);
    } finally {
      await mark('synced');
    }
  }, 120_000);

  it('keeps a reseller key in its scope: its customers only, live calls for its scope\'s unsynced cycle only', async () => {
    const expected = (await data(live, `{ indirectPartner(indirectPartnerId: "${reseller}") { consumption(${RANGE}) { ${SUMS} ${BY_CUSTOMER} } } }`)).indirectPartner.consumption;
    const unsyncedCalls = await callsOf(live, () =>
      data(live, `{ indirectPartner(indirectPartnerId: "${reseller}") { consumption(cycle: "${UNSYNCED}") { total } } }`));
    let got: any;
    const calls = await callsOf(stored, async () => {
      got = (await data(stored, `{ partner { consumption(${RANGE}) { source ${SUMS} ${BY_CUSTOMER} } } }`, undefined, resellerHeaders)).partner.consumption;
    });
    // The reseller's records of the unsynced cycle, as a live view of that reseller reads them.
    expect(calls.ListSubCustomerBillDetail).toBe(unsyncedCalls.ListSubCustomerBillDetail);
    const { source, ...values } = got;
    expect(source).toBe('MIXED');
    expect(values).toEqual(expected);
    expect(new Set(got.byCustomer.map((g: { indirectPartnerId: string }) => g.indirectPartnerId))).toEqual(new Set([reseller]));
  }, 120_000);

  it('answers a cycle live for a scope with a failed unit, and still from the store for the other scopes', async () => {
    const unit = await store.db.selectFrom('consumption_sync_progress').select(['customer_id', 'scope_key'])
      .where('cycle', '=', '2026-10').where('scope_key', '=', reseller).executeTakeFirstOrThrow();
    const mark = (state: 'failed' | 'synced') => store.db.updateTable('consumption_sync_progress').set({ state })
      .where('cycle', '=', '2026-10').where('scope_key', '=', unit.scope_key).where('customer_id', '=', unit.customer_id).execute();
    await mark('failed');
    try {
      const q = `{ partner { consumption(${RANGE}) { source cycles { cycle source } total } } }`;
      const sources = (got: any) => got.partner.consumption.cycles.map((c: { source: string }) => c.source);
      const resellers = await data(stored, q, undefined, resellerHeaders);
      expect(sources(resellers)).toEqual(['STORE', 'LIVE', 'LIVE']);
      const expected = (await data(live, `{ indirectPartner(indirectPartnerId: "${reseller}") { consumption(${RANGE}) { total } } }`)).indirectPartner.consumption;
      expect(resellers.partner.consumption.total).toBe(expected.total);
      expect(sources(await data(stored, q, undefined, admin))).toEqual(['STORE', 'LIVE', 'LIVE']);
      // The partner's own customers' scope has no failed unit: its 2026-10 still comes from the store.
      const own = live.simulator.state.world.customersOf(null)[0]!;
      const customer = (await data(stored, `{ customer(customerId: "${own.customerId}") { consumption(${RANGE}) { cycles { source } } } }`, undefined, admin)).customer.consumption;
      expect(customer.cycles.map((c: { source: string }) => c.source)).toEqual(['STORE', 'LIVE', 'STORE']);
    } finally {
      await mark('synced');
    }
  }, 120_000);

  it('answers a customer\'s view from its own unit: another customer\'s failure leaves it STORE, the failed one LIVE', async () => {
    // Two of the partner's own customers with records in 2026-10: the one that fails makes the own scope's cycle
    // live (and the partner-wide view's), not the other's view.
    const withRecords = (scopeKey: string) => store.db.selectFrom('consumption_sync_progress').select('customer_id').where('cycle', '=', '2026-10')
      .where('scope_key', '=', scopeKey).where('state', '=', 'synced').where('record_count', '>', 0).orderBy('customer_id').execute();
    const own = await withRecords('');
    expect(own.length).toBeGreaterThanOrEqual(2);
    const [failed, other] = [own[0]!.customer_id, own[1]!.customer_id];
    const resellersOwn = (await withRecords(reseller))[0]!.customer_id;
    const mark = (state: 'failed' | 'synced') => store.db.updateTable('consumption_sync_progress').set({ state })
      .where('cycle', '=', '2026-10').where('scope_key', '=', '').where('customer_id', '=', failed).execute();
    const lookup = (id: string, scope: string | null) => `customer(customerId: "${id}"${scope ? `, indirectPartnerId: "${scope}"` : ''})`;
    const view = (id: string, scope: string | null, fields: string) => `{ ${lookup(id, scope)} { consumption(cycle: "2026-10") { ${fields} } } }`;
    // What the customer lookup alone costs (ListSubCustomers): the views below may cost that and nothing more.
    const lookupCalls = (id: string, scope: string | null) => callsOf(stored, () => data(stored, `{ ${lookup(id, scope)} { customerId } }`, undefined, admin));
    // An own customer with no record in 2026-10: the listing did not name it, and the store answers zero.
    const idle = pick(directCustomers(live), 'own customer without 2026-10 consumption', (c) => recordCount(live, c, '2026-10') === 0).customerId;
    await mark('failed');
    try {
      const wholeScope = await data(stored, '{ partner { consumption(cycle: "2026-10") { source } } }', undefined, admin);
      expect(wholeScope.partner.consumption.source).toBe('LIVE');

      for (const [id, scope] of [[other, null], [idle, null], [resellersOwn, reseller]] as const) {
        const expected = (await data(live, view(id, scope, `${SUMS} recordCount`))).customer.consumption;
        const justLookup = await lookupCalls(id, scope);
        let got: any;
        const calls = await callsOf(stored, async () => {
          got = (await data(stored, view(id, scope, `source cycles { cycle source } ${SUMS}`), undefined, admin)).customer.consumption;
        });
        expect(calls).toEqual(justLookup);
        expect(calls.ListSubCustomerBillDetail ?? 0).toBe(0);
        const { source, cycles, ...values } = got;
        expect(source).toBe('STORE');
        expect(cycles).toEqual([{ cycle: '2026-10', source: 'STORE' }]);
        expect(values).toEqual(expected);
      }
      expect((await data(live, view(idle, null, 'recordCount'))).customer.consumption).toEqual({ recordCount: 0 });

      // The failed customer's own view is live, and exactly a live pull of it (records and calls).
      const expected = (await data(live, view(failed, null, SUMS))).customer.consumption;
      const liveCalls = await callsOf(live, () => data(live, view(failed, null, SUMS)));
      expect(liveCalls.ListSubCustomerBillDetail).toBeGreaterThan(0);
      let got: any;
      const calls = await callsOf(stored, async () => {
        got = (await data(stored, view(failed, null, `source cycles { cycle source } ${SUMS}`), undefined, admin)).customer.consumption;
      });
      expect(calls).toEqual(liveCalls);
      const { source, cycles, ...values } = got;
      expect(source).toBe('LIVE');
      expect(cycles).toEqual([{ cycle: '2026-10', source: 'LIVE' }]);
      expect(values).toEqual(expected);

      // Reseller scoping is unchanged: its key reads its own customer from the store, and an own customer is not its.
      const scoped = await callsOf(stored, async () => {
        expect((await data(stored, view(resellersOwn, null, 'source'), undefined, resellerHeaders)).customer.consumption.source).toBe('STORE');
      });
      expect(scoped.ListSubCustomerBillDetail ?? 0).toBe(0);
      const outside = await stored.graphql(view(idle, null, 'source total'), undefined, resellerHeaders);
      expect(outside.errors).toBeUndefined();
      expect((outside.data as any).customer).toBeNull();
      const named = await stored.graphql(view(idle, 'not-this-reseller', 'source total'), undefined, resellerHeaders);
      expect(named.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await mark('synced');
    }
  }, 180_000);

  describe('records across the store/live boundary', () => {
    let customerId: string;
    let expectedByCycle: Map<string, string[]>;
    const page = (args: string) => `{ customer(customerId: "${customerId}") { consumption(${RANGE}) { source
      records(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id cycle } } } } } }`;

    beforeAll(async () => {
      const customer = live.simulator.state.world.customersOf(null).find((c) =>
        ['2026-08', '2026-09', '2026-10'].every((cycle) => recordCount(live, c, cycle) > 0))!;
      customerId = customer.customerId;
      // The live view pages by offset: read it whole, a page of 1000 at a time.
      expectedByCycle = new Map();
      let count = 0;
      for (let after: string | null = null, hasNext = true; hasNext;) {
        const got: any = (await data(live, `{ customer(customerId: "${customerId}") { consumption(${RANGE}) { recordCount
          records(first: 1000${after ? `, after: "${after}"` : ''}) { pageInfo { hasNextPage endCursor } nodes { id cycle } } } } }`)).customer.consumption;
        for (const n of got.records.nodes as { id: string; cycle: string }[]) expectedByCycle.set(n.cycle, [...(expectedByCycle.get(n.cycle) ?? []), n.id]);
        count += got.records.nodes.length;
        ({ hasNextPage: hasNext, endCursor: after } = got.records.pageInfo);
        if (!hasNext) expect(got.recordCount).toBe(count);
      }
    }, 60_000);

    it('pages forward and backward cycle by cycle: every record once, the live cycle in upstream order', async () => {
      // Pages that end mid-cycle, so some cross from a stored cycle into the live one and out again.
      const size = Math.min(997, Math.max(3, Math.floor([...expectedByCycle.values()].reduce((n, ids) => n + ids.length, 0) / 7)));
      const forward: { id: string; cycle: string }[] = [];
      const forwardCursors: string[] = [];
      for (let after: string | null = null, hasNext = true; hasNext;) {
        const got: any = (await data(stored, page(`first: ${size}${after ? `, after: "${after}"` : ''}`), undefined, admin)).customer.consumption;
        expect(got.source).toBe('MIXED');
        expect(got.records.pageInfo.hasPreviousPage).toBe(after !== null);
        forward.push(...got.records.edges.map((e: any) => e.node));
        forwardCursors.push(...got.records.edges.map((e: any) => e.cursor));
        ({ hasNextPage: hasNext, endCursor: after } = got.records.pageInfo);
      }
      const total = [...expectedByCycle.values()].reduce((n, ids) => n + ids.length, 0);
      expect(forward).toHaveLength(total);
      expect(forward.map((n) => n.cycle)).toEqual([...forward.map((n) => n.cycle)].sort());
      for (const [cycle, ids] of expectedByCycle) {
        const gotIds = forward.filter((n) => n.cycle === cycle).map((n) => n.id);
        // The stored cycles in the store's keyset order, the live one in the upstream's: the same records either way.
        if (cycle === UNSYNCED) expect(gotIds).toEqual(ids);
        else expect([...gotIds].sort()).toEqual([...ids].sort());
      }
      const backward: { id: string }[] = [];
      for (let before: string | null = null, hasPrevious = true; hasPrevious;) {
        const got: any = (await data(stored, page(`last: ${size}${before ? `, before: "${before}"` : ''}`), undefined, admin)).customer.consumption;
        expect(got.records.pageInfo.hasNextPage).toBe(before !== null);
        expect(got.records.totalCount).toBe(total);
        backward.unshift(...got.records.edges.map((e: any) => e.node));
        ({ hasPreviousPage: hasPrevious, startCursor: before } = got.records.pageInfo);
      }
      expect(backward).toEqual(forward);
      // A cursor from the page that crossed into the live cycle resumes right after its record.
      const firstLive = forward.findIndex((n) => n.cycle === UNSYNCED);
      const resumed: any = (await data(stored, page(`first: 2, after: "${forwardCursors[firstLive - 1]}"`), undefined, admin)).customer.consumption;
      expect(resumed.records.edges.map((e: any) => e.node)).toEqual(forward.slice(firstLive, firstLive + 2));
      const intoStored: any = (await data(stored, page(`first: 2, after: "${forwardCursors[forward.findIndex((n) => n.cycle === '2026-10') - 1]}"`), undefined, admin)).customer.consumption;
      expect(intoStored.records.edges.map((e: any) => e.node.cycle)).toEqual(['2026-10', '2026-10']);
    }, 180_000);

    it('reads no live record for a page inside a stored cycle', async () => {
      const calls = await callsOf(stored, () => data(stored, page('first: 2'), undefined, admin).then(() => undefined));
      // totalCount is asked: the live cycle's records are read once (the customer lookup aside), no more.
      expect(calls.ListSubCustomerBillDetail ?? 0).toBe(Math.ceil(expectedByCycle.get(UNSYNCED)!.length / 1000));
      const noTotal = `{ customer(customerId: "${customerId}") { consumption(${RANGE}) { records(first: 2) { edges { node { id } } } } } }`;
      const quiet = await callsOf(stored, () => data(stored, noTotal, undefined, admin));
      expect(quiet.ListSubCustomerBillDetail ?? 0).toBe(0);
    }, 60_000);

    it('refuses a live cursor once its cycle is answered from the store, naming the argument', async () => {
      const liveCursor = Buffer.from(JSON.stringify(['live', '2026-08', 0])).toString('base64url');
      const before = requests(stored);
      const result = await stored.graphql(page(`first: 2, after: "${liveCursor}"`), undefined, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      expect(delta(requests(stored), before).ListSubCustomerBillDetail ?? 0).toBe(0);
    }, 60_000);
  });

  it('exports the range mixed: rows of every cycle, the BilledCost sum equal to the GraphQL total, records read for the unsynced cycle only', async () => {
    const total = (await data(stored, `{ partner { consumption(${RANGE}) { total recordCount } } }`, undefined, admin)).partner.consumption;
    const unsyncedCalls = await callsOf(live, () => data(live, `{ partner { consumption(cycle: "${UNSYNCED}") { total } } }`));
    const before = requests(stored);
    const res = await stored.gateway.fetch('http://gateway.test/export/consumption?fromCycle=2026-08&toCycle=2026-10&format=ndjson', { headers: admin });
    expect(res.headers.get('x-consumption-source')).toBe('MIXED');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = lines.slice(0, -1);
    expect(lines[lines.length - 1]).toEqual({ x_End: { rows: total.recordCount } });
    expect(formatDecimal(rows.reduce((a: Money, r) => a.plus(String(r.BilledCost)), new Money(0)))).toBe(total.total);
    expect(new Set(rows.map((r) => r.x_BillCycle))).toEqual(new Set(['2026-08', '2026-09', '2026-10']));
    expect(delta(requests(stored), before).ListSubCustomerBillDetail).toBe(unsyncedCalls.ListSubCustomerBillDetail);
  }, 180_000);
});

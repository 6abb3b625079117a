/**
 * Consumption views answered from the state store: once a cycle is synced for a scope, its views read the
 * rollups and keyset pages with no upstream call, equal a live pull to the last digit, say `source: STORE`,
 * keep a reseller key inside its scope in SQL, and fall back to a live pull (`source: LIVE`) for what the
 * store cannot answer. The store is filled here the way the sync fills it (one unit per customer × cycle, from
 * the same source the live views use), so these tests hold whatever the sync's scheduling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, type ApiKeyEntry } from '../../../src/auth/api-keys.js';
import { Money, formatDecimal } from '../../../src/bss/money.js';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../../src/store/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { data, requests, warmReference } from './helpers.js';
import { syncCycle } from './store-sync.js';

const CYCLE = '2026-10';
const RESELLER_KEY = 'pg_test-reseller-store';

const VIEW = `
  source syncedAt total officialTotal discountTotal recordCount
  byServiceType { serviceType { code } amount recordCount }
  byRegion { region { code } amount }
  byChargeMode { chargeModeCode amount recordCount }
  byCycle { cycle amount recordCount }`;

describe('consumption from the state store', () => {
  let live: Stack;
  let stored: Stack;
  let store: Store;
  let reseller: string;

  beforeAll(async () => {
    store = await openStore({ databaseUrl: process.env.TEST_DATABASE_URL || undefined, dataDir: MEMORY_DATA_DIR });
    live = await startStack({ customers: 60 });
    reseller = live.simulator.state.world.resellers[0]!.indirectPartnerId;
    const keys: ApiKeyEntry[] = [
      { name: 'admin', role: 'admin', sha256: sha256Hex('pg_test-admin-store') },
      { name: 'reseller', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex(RESELLER_KEY) },
    ];
    stored = await startStack({ customers: 60, store, apiKeys: keys });
    await syncCycle(stored, store, CYCLE);
    await warmReference(live);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([live?.close(), stored?.close()]);
    await store?.close();
  });

  const admin = { authorization: 'Bearer pg_test-admin-store' };

  it('answers a partner-wide month from the store, equal to a live pull to the last digit, with no upstream call', async () => {
    const expected = (await data(live, `{ partner { consumption(cycle: "${CYCLE}") { ${VIEW} byCustomer { customerId indirectPartnerId amount recordCount } } } }`)).partner.consumption;
    await data(stored, '{ serviceTypes { code } resourceTypes { code } measureUnits { id } }', undefined, admin);
    const before = requests(stored);
    const got = (await data(stored, `{ partner { consumption(cycle: "${CYCLE}") { ${VIEW} byCustomer { customerId indirectPartnerId amount recordCount } } } }`, undefined, admin)).partner.consumption;
    expect(requests(stored)).toEqual(before);
    expect(got.source).toBe('STORE');
    expect(expected.source).toBe('LIVE');
    expect(new Date(got.syncedAt).getTime()).toBeGreaterThan(0);
    const { source: _s, syncedAt: _t, ...gotValues } = got;
    const { source: _s2, syncedAt: _t2, ...expectedValues } = expected;
    expect(gotValues).toEqual(expectedValues);
    expect(got.recordCount).toBeGreaterThan(1000);
  }, 120_000);

  it('pages records by keyset cursor with totalCount and pageInfo, and no upstream call', async () => {
    const before = requests(stored);
    const q = (after?: string) => `{ partner { consumption(cycle: "${CYCLE}") { recordCount records(first: 100${after ? `, after: "${after}"` : ''}) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id customerId paymentAmount } } } } }`;
    const first = (await data(stored, q(), undefined, admin)).partner.consumption;
    expect(first.records.nodes).toHaveLength(100);
    expect(first.records.totalCount).toBe(first.recordCount);
    expect(first.records.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await data(stored, q(first.records.pageInfo.endCursor), undefined, admin)).partner.consumption.records;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const ids = new Set([...first.records.nodes, ...second.nodes].map((n: { id: string }) => n.id));
    expect(ids.size).toBe(200);
    expect(requests(stored)).toEqual(before);
  });

  it('refuses a cursor that is not one of its own before any call', async () => {
    const before = requests(stored);
    const result = await stored.graphql(`{ partner { consumption(cycle: "${CYCLE}") { records(first: 5, after: "b2Zmc2V0OjQ") { totalCount } } } }`, undefined, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(requests(stored)).toEqual(before);
  });

  it('keeps a reseller key inside its scope: its totals are its customers\' only', async () => {
    const headers = { authorization: `Bearer ${RESELLER_KEY}` };
    const got = (await data(stored, `{ partner { consumption(cycle: "${CYCLE}") { source total byCustomer { indirectPartnerId amount } } } }`, undefined, headers)).partner.consumption;
    expect(got.source).toBe('STORE');
    expect(got.byCustomer.length).toBeGreaterThan(0);
    expect(new Set(got.byCustomer.map((g: { indirectPartnerId: string }) => g.indirectPartnerId))).toEqual(new Set([reseller]));
    const expected = (await data(live, `{ indirectPartner(indirectPartnerId: "${reseller}") { consumption(cycle: "${CYCLE}") { total } } }`)).indirectPartner.consumption;
    expect(got.total).toBe(expected.total);
  }, 120_000);

  it('answers one customer from the store, and a filter the store does not index live', async () => {
    const customer = live.simulator.state.world.customersOf(null).find((c) => c.associationType === '2')!;
    const q = (filter: string) => `{ customer(customerId: "${customer.customerId}") { consumption(cycle: "${CYCLE}"${filter}) { source total recordCount } } }`;
    const expected = (await data(live, q(''))).customer.consumption;
    const got = (await data(stored, q(''), undefined, admin)).customer.consumption;
    expect(got).toEqual({ ...expected, source: 'STORE' });
    const filtered = (await data(stored, q(', resourceId: "no-such-resource"'), undefined, admin)).customer.consumption;
    expect(filtered).toMatchObject({ source: 'LIVE', recordCount: 0 });
  }, 60_000);

  it('prices a synced view at zero upstream calls, and an unsynced one by the listing\'s real customer count', async () => {
    const synced = await stored.graphql(`{ partner { consumption(cycle: "${CYCLE}") { total } } }`, undefined, admin);
    expect((synced as any).extensions?.cost?.estimated).toBe(0);
    const units = await store.db.selectFrom('consumption_sync_progress').select(['indirect_partner_id']).where('cycle', '=', CYCLE).execute();
    const perScope = new Map<string | null, number>();
    for (const u of units) perScope.set(u.indirect_partner_id, (perScope.get(u.indirect_partner_id) ?? 0) + 1);
    // One record call per listed customer, and the lists that name them (src/limits/cost.ts scopePull): the own
    // consumers' pages of 100, ListIndirectPartners, each reseller's customer pages of 100.
    const pages = (n: number): number => Math.max(1, Math.ceil(n / 100));
    const resellerPages = [...perScope].filter(([scope]) => scope !== null).reduce((n, [, count]) => n + pages(count), 0);
    const unsynced = await stored.graphql('{ partner { consumption(cycle: "2026-09") { cycle } } }', undefined, admin);
    expect((unsynced as any).extensions?.cost?.estimated).toBe(units.length + pages(perScope.get(null) ?? 0) + 1 + resellerPages);
  }, 60_000);

  it('exports a synced month from the store: its BilledCost sum equals the GraphQL total, no record read upstream', async () => {
    const total = (await data(stored, `{ partner { consumption(cycle: "${CYCLE}") { total recordCount } } }`, undefined, admin)).partner.consumption;
    const before = requests(stored);
    const res = await stored.gateway.fetch(`http://gateway.test/export/consumption?cycle=${CYCLE}&format=ndjson`, { headers: admin });
    expect(res.headers.get('x-consumption-source')).toBe('STORE');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string | number | null>);
    const rows = lines.slice(0, -1);
    expect(lines[lines.length - 1]).toEqual({ x_End: { rows: total.recordCount } });
    expect(formatDecimal(rows.reduce((a, r) => a.plus(String(r.BilledCost)), new Money(0)))).toBe(total.total);
    // Reference catalogues (cached per TTL) aside: the listing of each scope's customers (and the resellers) for
    // their names, never a record page.
    const catalogues = new Set(['ListMeasureUnits', 'ListServiceTypes', 'ListResourceTypes']);
    const calls = Object.entries(requests(stored)).filter(([op, n]) => n !== (before[op] ?? 0) && !catalogues.has(op)).map(([op]) => op);
    expect(calls.sort()).toEqual(['ListIndirectPartners', 'ListSubCustomers']);
  }, 120_000);

  it('answers a cycle that is not synced live', async () => {
    const got = (await data(stored, '{ partner { consumption(cycle: "2026-09") { source syncedAt } } }', undefined, admin)).partner.consumption;
    expect(got).toEqual({ source: 'LIVE', syncedAt: null });
  });
});

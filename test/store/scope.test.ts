/**
 * A reseller's questions carry its scope into the SQL: whatever customer ids or cursors it passes, the store
 * never returns another scope's rows. The same customer id in two scopes (a customer that moved from the
 * partner to a reseller) stays two customers.
 */
import { Decimal } from 'decimal.js';
import { expect, it } from 'vitest';
import {
  cycleCompletion, pageConsumptionRecords, readConsumptionBreakdown, readConsumptionTotals, replaceCustomerCycle, summarizeSyncCycles,
  type ConsumptionSelection, type StoredConsumptionRecord,
} from '../../src/store/index.js';
import { describeEachEngine } from './engines.js';
import { record } from './records.js';

const CYCLE = '2026-10';
/** scope → customer → amount per record (distinct per scope, so a leak shows in every sum). */
const WORLD: ReadonlyArray<readonly [string | null, string, string]> = [
  [null, 'shared-id', '1.00000001'],
  [null, 'own-only', '2.00000002'],
  ['reseller-A', 'shared-id', '10.0000001'],
  ['reseller-A', 'a-only', '20.0000002'],
  ['reseller-B', 'b-only', '300.000003'],
];
const PER_CUSTOMER = 25;

describeEachEngine('reseller scope', (store) => {
  it('is seeded with the same customer id in two scopes', async () => {
    for (const [scope, customerId, pay] of WORLD) {
      const records: StoredConsumptionRecord[] = Array.from({ length: PER_CUSTOMER }, (_, i) =>
        record({ id: `r${i}`, cycle: CYCLE, customerId, indirectPartnerId: scope, paymentAmount: new Decimal(pay) }));
      await replaceCustomerCycle(store(), { cycle: CYCLE, indirectPartnerId: scope, customerId, records });
    }
    await store().db.insertInto('consumption_sync_cycles').values({ cycle: CYCLE, customers_listed_at: new Date() }).execute();
  });

  const expectedOf = (scope: string | null, customers?: string[]): Decimal =>
    WORLD.filter(([s, c]) => s === scope && (!customers || customers.includes(c)))
      .reduce((a, [, , pay]) => a.plus(new Decimal(pay).times(PER_CUSTOMER)), new Decimal(0));

  for (const scope of ['reseller-A', 'reseller-B', null]) {
    it(`${scope ?? 'own'}: totals, breakdowns and pages hold its rows only`, async () => {
      const sel: ConsumptionSelection = { scope, fromCycle: CYCLE, toCycle: CYCLE };
      const totals = await readConsumptionTotals(store(), sel);
      expect(totals.amount.toFixed()).toBe(expectedOf(scope).toFixed());
      const customers = await readConsumptionBreakdown(store(), sel, 'customer');
      expect(customers.map((g) => [g.indirectPartnerId, g.key])).toEqual(
        WORLD.filter(([s]) => s === scope).map(([s, c]) => [s, c]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
      );
      const page = await pageConsumptionRecords(store(), sel, { first: 1000 });
      expect(page.totalCount).toBe(customers.length * PER_CUSTOMER);
      expect(page.edges.length).toBe(page.totalCount);
      expect(page.edges.every((e) => e.record.indirectPartnerId === scope)).toBe(true);
    });
  }

  it('naming another scope\'s customers finds nothing; a shared id finds only the scope\'s own customer', async () => {
    const foreign: ConsumptionSelection = { scope: 'reseller-A', customerIds: ['b-only', 'own-only'], fromCycle: CYCLE, toCycle: CYCLE };
    expect((await readConsumptionTotals(store(), foreign)).recordCount).toBe(0);
    expect((await pageConsumptionRecords(store(), foreign, { first: 10 })).edges).toEqual([]);
    const shared: ConsumptionSelection = { scope: 'reseller-A', customerIds: ['shared-id'], fromCycle: CYCLE, toCycle: CYCLE };
    expect((await readConsumptionTotals(store(), shared)).amount.toFixed()).toBe(expectedOf('reseller-A', ['shared-id']).toFixed());
    const page = await pageConsumptionRecords(store(), shared, { first: 100 });
    expect(page.edges.map((e) => e.record.indirectPartnerId)).toEqual(Array(PER_CUSTOMER).fill('reseller-A'));
  });

  it('a cursor taken in another scope does not open it', async () => {
    const everyone = await pageConsumptionRecords(store(), { scope: 'all', fromCycle: CYCLE, toCycle: CYCLE }, { first: 1 });
    // The first record of all: an own customer's. Resume reseller B's pages from there.
    expect(everyone.edges[0]!.record.indirectPartnerId).toBeNull();
    const sel: ConsumptionSelection = { scope: 'reseller-B', fromCycle: CYCLE, toCycle: CYCLE };
    const page = await pageConsumptionRecords(store(), sel, { first: 1000, after: everyone.edges[0]!.cursor });
    expect(page.edges.length).toBe(PER_CUSTOMER);
    expect(page.edges.every((e) => e.record.indirectPartnerId === 'reseller-B')).toBe(true);
  });

  it('all: every scope, own customers first', async () => {
    const customers = await readConsumptionBreakdown(store(), { scope: 'all', fromCycle: CYCLE, toCycle: CYCLE }, 'customer');
    expect(customers.map((g) => `${g.indirectPartnerId ?? ''}/${g.key}`)).toEqual([
      '/own-only', '/shared-id', 'reseller-A/a-only', 'reseller-A/shared-id', 'reseller-B/b-only',
    ]);
  });

  it('sync progress is counted per scope too', async () => {
    const [a] = await summarizeSyncCycles(store(), 'reseller-A');
    expect(a).toMatchObject({ cycle: CYCLE, complete: true, customersSynced: 2, customersTotal: 2, records: 2 * PER_CUSTOMER });
    const [all] = await summarizeSyncCycles(store());
    expect(all).toMatchObject({ customersTotal: WORLD.length, records: WORLD.length * PER_CUSTOMER });
    expect(all!.syncedAt).toBeInstanceOf(Date);
  });

  it('says when a view\'s cycles were synced for its scope, reading only those cycles', async () => {
    // 2026-09: listed, one of reseller-B's customers still pending; 2026-08: never listed.
    await store().db.insertInto('consumption_sync_cycles').values({ cycle: '2026-09', customers_listed_at: new Date() }).execute();
    await store().db.insertInto('consumption_sync_progress').values({ cycle: '2026-09', indirect_partner_id: 'reseller-B', customer_id: 'b-only', state: 'pending' }).execute();
    const october = await summarizeSyncCycles(store(), 'reseller-A', [CYCLE]);
    expect(october.map((c) => c.cycle)).toEqual([CYCLE]);
    expect(october[0]!.syncedAt).toBeInstanceOf(Date);
    expect(await cycleCompletion(store(), 'reseller-A', [CYCLE])).toEqual(new Map([[CYCLE, october[0]!.syncedAt]]));
    expect((await summarizeSyncCycles(store(), 'all', ['2026-09', CYCLE])).map((c) => [c.cycle, c.complete])).toEqual([['2026-10', true], ['2026-09', false]]);
    expect((await cycleCompletion(store(), 'reseller-B', ['2026-09', CYCLE])).get('2026-09')).toBeNull();
    expect(await cycleCompletion(store(), 'all', ['2026-09'])).toEqual(new Map([['2026-09', null]]));
    expect((await cycleCompletion(store(), 'all', ['2026-08', CYCLE])).get('2026-08')).toBeNull();
  });
});

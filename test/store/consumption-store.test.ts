/**
 * The consumption store on both engines: a customer × cycle replaced whole with its rollups and progress,
 * exact NUMERIC sums (8-decimal amounts, sums beyond a double's precision), breakdowns from the rollups and
 * keyset pages with totalCount.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  decodeRecordCursor, encodeRecordCursor, pageConsumptionRecords, readConsumptionBreakdown, readConsumptionSummary, readConsumptionTotals,
  readStartTime, readSyncProgress, replaceCustomerCycle, StoreDatabaseError, type ConsumptionSelection, type RecordCursor, type Store,
  type StoredConsumptionRecord,
} from '../../src/store/index.js';
import { describeEachEngine } from './engines.js';
import { amount, record, seeded } from './records.js';

// decimal.js' default 20 significant digits would round these sums: the gateway's Money settings (60).
const Exact = Decimal.clone({ precision: 60 });
const sum = (values: Decimal[]): Decimal => values.reduce((a: Decimal, b) => a.plus(b), new Exact(0));
/** Exact equality, digits and all (toFixed never rounds here: it prints every digit the value has). */
const same = (a: Decimal, b: Decimal): void => expect(a.toFixed()).toBe(b.toFixed());

describe('record cursors', () => {
  it('cursors round-trip, and a string that is not one decodes to null', () => {
    const c: RecordCursor = { cycle: '2026-10', scopeKey: '', customerId: 'c-1', recordId: 'r/1"' };
    expect(decodeRecordCursor(encodeRecordCursor(c))).toEqual(c);
    for (const bad of ['', 'abc', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-1","","c","r"]').toString('base64url')]) {
      expect(decodeRecordCursor(bad)).toBeNull();
    }
  });
});

describeEachEngine('replacing a customer × cycle', (store) => {
  const unit = { cycle: '2026-09', indirectPartnerId: null, customerId: 'replace-c1' } as const;
  const sel: ConsumptionSelection = { scope: null, customerIds: ['replace-c1'], fromCycle: '2026-09', toCycle: '2026-09' };
  const make = (n: number, pay = '1.00000001'): StoredConsumptionRecord[] =>
    Array.from({ length: n }, (_, i) => record({ ...unit, id: `rec-${String(i).padStart(5, '0')}`, paymentAmount: new Decimal(pay) }));

  it('stores the records, their rollups and the progress in one go, and the same input twice changes nothing', async () => {
    const first = await replaceCustomerCycle(store(), { ...unit, records: make(2500), upstreamRecordCount: 2500 });
    expect(first.recordCount).toBe(2500);
    same(first.amount, new Decimal('2500.000025'));
    const again = await replaceCustomerCycle(store(), { ...unit, records: make(2500), upstreamRecordCount: 2500 });
    expect(again.recordCount).toBe(2500);
    const totals = await readConsumptionTotals(store(), sel);
    expect(totals.recordCount).toBe(2500);
    same(totals.amount, new Decimal('2500.000025'));
    const progress = await readSyncProgress(store(), unit);
    expect(progress).toMatchObject({ state: 'synced', recordCount: 2500, upstreamRecordCount: 2500, attempts: 0, lastError: null });
    same(progress!.amount!, new Decimal('2500.000025'));
    expect(progress!.syncedAt).toBeInstanceOf(Date);
  });

  it('keeps the records of the read that began last: an older read committing after a newer one is refused', async () => {
    const t0 = await readStartTime(store());
    const t1 = new Date(t0.getTime() + 1000);
    // The newer read (a refresh after a write: 4 records) commits first, the older one (a pass: 3) after it.
    const newer = await replaceCustomerCycle(store(), { ...unit, records: make(4, '2.5'), readStartedAt: t1 });
    expect(newer.superseded).toBe(false);
    const older = await replaceCustomerCycle(store(), { ...unit, records: make(3, '1'), readStartedAt: t0 });
    expect(older.superseded).toBe(true);
    expect(older.recordCount).toBe(4);
    same(older.amount, new Decimal('10'));
    const totals = await readConsumptionTotals(store(), sel);
    expect(totals.recordCount).toBe(4);
    same(totals.amount, new Decimal('10'));
    expect((await pageConsumptionRecords(store(), sel, { first: 10 })).edges).toHaveLength(4);
    // A read that began later (or at the same instant) replaces; one without a start time always does.
    expect((await replaceCustomerCycle(store(), { ...unit, records: make(2, '1'), readStartedAt: t1 })).superseded).toBe(false);
    expect((await readConsumptionTotals(store(), sel)).recordCount).toBe(2);
    expect((await replaceCustomerCycle(store(), { ...unit, records: make(1, '1') })).superseded).toBe(false);
    expect((await readConsumptionTotals(store(), sel)).recordCount).toBe(1);
    // The unconditional replace stored no start time: any read replaces it again.
    expect((await replaceCustomerCycle(store(), { ...unit, records: make(5, '1'), readStartedAt: t0 })).superseded).toBe(false);
    expect((await readConsumptionTotals(store(), sel)).recordCount).toBe(5);
  });

  it('replaces: records no longer sent are gone, from the rollups too; an empty list clears the unit', async () => {
    await replaceCustomerCycle(store(), { ...unit, records: make(3, '2.5') });
    const totals = await readConsumptionTotals(store(), sel);
    expect(totals.recordCount).toBe(3);
    same(totals.amount, new Decimal('7.5'));
    const page = await pageConsumptionRecords(store(), sel, { first: 10 });
    expect(page.edges.map((e) => e.record.id)).toEqual(['rec-00000', 'rec-00001', 'rec-00002']);
    await replaceCustomerCycle(store(), { ...unit, records: [] });
    expect((await readConsumptionTotals(store(), sel)).recordCount).toBe(0);
    expect(await readSyncProgress(store(), unit)).toMatchObject({ state: 'synced', recordCount: 0 });
  });

  it('keeps the last of records that came twice, and counts them', async () => {
    const records = [...make(2), record({ ...unit, id: 'rec-00001', paymentAmount: new Decimal('5') })];
    const result = await replaceCustomerCycle(store(), { ...unit, records });
    expect(result).toMatchObject({ recordCount: 2, duplicates: 1 });
    same(result.amount, new Decimal('6.00000001'));
  });

  it('a failed replace leaves the unit as it was (one transaction), with the database error\'s SQLSTATE', async () => {
    await replaceCustomerCycle(store(), { ...unit, records: make(1500) });
    const broken = make(1500);
    // The second batch fails (NOT NULL), after the delete and the first batch ran.
    broken[1200] = { ...broken[1200]!, serviceTypeCode: null as unknown as string };
    const error = await replaceCustomerCycle(store(), { ...unit, records: broken }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23502' });
    if (store().engine === 'pglite') expect(error).toBeInstanceOf(StoreDatabaseError);
    expect((await readConsumptionTotals(store(), sel)).recordCount).toBe(1500);
    // The store still answers after the failure (the embedded engine's single connection was released).
    expect((await pageConsumptionRecords(store(), sel, { first: 1 })).totalCount).toBe(1500);
  });

  it('refuses a record of another unit before writing anything', async () => {
    const stray = record({ ...unit, customerId: 'someone-else', id: 'x' });
    await expect(replaceCustomerCycle(store(), { ...unit, records: [...make(1), stray] })).rejects.toThrow(/not of the unit/);
    expect((await readConsumptionTotals(store(), sel)).recordCount).toBe(1500);
  });

  it('reads every field back as written: decimals exact (not floats), times, nulls', async () => {
    const full = record({
      ...unit, id: 'full', paymentAmount: new Decimal('0.00000001'), officialAmount: new Decimal('123456789012.12345678'),
      discountAmount: new Decimal('-0.5'), usageAmount: new Decimal('0.00097222'), periodNum: new Decimal('12'),
      freeResourceUsage: new Decimal('1E-8'), regionCode: null, regionName: null, tradeId: 'CS2610', chargeModeCode: null,
    });
    await replaceCustomerCycle(store(), { ...unit, records: [full] });
    const [edge] = (await pageConsumptionRecords(store(), sel, { first: 1 })).edges;
    const back = edge!.record;
    expect(Decimal.isDecimal(back.paymentAmount)).toBe(true);
    expect(back.paymentAmount.toFixed()).toBe('0.00000001');
    expect(back.officialAmount.toFixed()).toBe('123456789012.12345678');
    expect(back.freeResourceUsage!.toFixed()).toBe('0.00000001');
    expect(Object.keys(back).sort()).toEqual(Object.keys(full).sort());
    for (const [field, value] of Object.entries(full)) {
      const got = back[field as keyof StoredConsumptionRecord];
      if (Decimal.isDecimal(value)) expect(got === null ? null : (got as Decimal).toFixed(), field).toBe((value as Decimal).toFixed());
      else if (value instanceof Date) expect((got as Date).toISOString(), field).toBe(value.toISOString());
      else expect(got, field).toEqual(value);
    }
  });
});

describeEachEngine('exact sums', (store) => {
  const cycles = ['2026-07', '2026-08'];
  const expected: StoredConsumptionRecord[] = [];

  it('sums 8-decimal amounts in SQL to the last digit of a decimal.js sum, for totals and every breakdown', async () => {
    const random = seeded(20261207);
    const services = ['hws.service.type.ec2', 'hws.service.type.obs', 'hws.service.type.ebs'];
    const regions = ['cn-north-4', 'ap-southeast-1', null];
    for (const cycle of cycles) {
      for (const customerId of ['sum-a', 'sum-b', 'sum-c']) {
        const records = Array.from({ length: 700 }, (_, i) => record({
          id: `${customerId}-${i}`, cycle, customerId,
          serviceTypeCode: services[i % 3]!, regionCode: regions[i % 3 === 0 ? 2 : i % 2]!, chargeModeCode: i % 5 === 0 ? 1 : 3,
          billTypeCode: i % 7 === 0 ? 2 : 5,
          // Up to a hundred billion with 8 decimals: 19 significant digits, sums of 21+, past a double's 15–17.
          paymentAmount: amount(random, 100_000_000_000, 0.1), officialAmount: amount(random, 1_000), discountAmount: amount(random, 10),
          cashAmount: i % 4 === 0 ? null : amount(random, 1_000),
        }));
        expected.push(...records);
        await replaceCustomerCycle(store(), { cycle, indirectPartnerId: null, customerId, records });
      }
    }
    const sel: ConsumptionSelection = { scope: 'all', fromCycle: cycles[0]!, toCycle: cycles[1]! };
    const totals = await readConsumptionTotals(store(), sel);
    expect(totals.recordCount).toBe(expected.length);
    same(totals.amount, sum(expected.map((r) => r.paymentAmount)));
    same(totals.officialAmount, sum(expected.map((r) => r.officialAmount)));
    same(totals.discountAmount, sum(expected.map((r) => r.discountAmount)));
    same(totals.cashAmount, sum(expected.map((r) => r.cashAmount ?? new Decimal(0))));
    // A double could not have held it: the sum has more significant digits than a float keeps.
    expect(totals.amount.precision(true)).toBeGreaterThan(17);
    expect(new Decimal(Number(totals.amount.toFixed())).equals(totals.amount)).toBe(false);

    const keys: Record<string, (r: StoredConsumptionRecord) => string | number | null> = {
      serviceType: (r) => r.serviceTypeCode, region: (r) => r.regionCode, chargeMode: (r) => r.chargeModeCode,
      billType: (r) => r.billTypeCode, customer: (r) => r.customerId, cycle: (r) => r.cycle, resourceType: (r) => r.resourceTypeCode,
    };
    for (const [dimension, keyOf] of Object.entries(keys)) {
      const groups = await readConsumptionBreakdown(store(), sel, dimension as never);
      const byKey = new Map<string | number | null, StoredConsumptionRecord[]>();
      for (const r of expected) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r]);
      expect(groups.map((g) => g.key).sort(), dimension).toEqual([...byKey.keys()].sort());
      for (const g of groups) {
        same(g.amount, sum(byKey.get(g.key)!.map((r) => r.paymentAmount)));
        expect(g.recordCount).toBe(byKey.get(g.key)!.length);
      }
      // The groups add up to the total, exactly.
      same(sum(groups.map((g) => g.amount)), totals.amount);
    }
  });

  it('orders breakdowns as the schema documents: no region first, charge modes numerically with none last', async () => {
    const sel: ConsumptionSelection = { scope: 'all', fromCycle: cycles[0]!, toCycle: cycles[1]! };
    expect((await readConsumptionBreakdown(store(), sel, 'region')).map((g) => g.key)).toEqual([null, 'ap-southeast-1', 'cn-north-4']);
    expect((await readConsumptionBreakdown(store(), sel, 'chargeMode')).map((g) => g.key)).toEqual([1, 3]);
    const services = await readConsumptionBreakdown(store(), sel, 'serviceType');
    expect(services.map((g) => g.key)).toEqual(['hws.service.type.ebs', 'hws.service.type.ec2', 'hws.service.type.obs']);
    expect(services[0]!.name).toBe('Elastic Cloud Server');
    expect((await readConsumptionBreakdown(store(), sel, 'cycle')).map((g) => g.key)).toEqual(cycles);
  });

  it('reads totals and every breakdown in one statement, the same as one by one', async () => {
    const sel: ConsumptionSelection = { scope: 'all', fromCycle: cycles[0]!, toCycle: cycles[1]! };
    const dimensions = ['serviceType', 'resourceType', 'region', 'chargeMode', 'billType', 'customer', 'cycle'] as const;
    const summary = await readConsumptionSummary(store(), sel, dimensions);
    const text = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    expect(text(summary.totals)).toEqual(text(await readConsumptionTotals(store(), sel)));
    for (const d of dimensions) expect(text(summary.breakdowns[d]), d).toEqual(text(await readConsumptionBreakdown(store(), sel, d)));
    const some = await readConsumptionSummary(store(), sel, ['chargeMode', 'region']);
    expect(Object.keys(some.breakdowns).sort()).toEqual(['chargeMode', 'region']);
    expect(text(some.breakdowns.chargeMode)).toEqual(text(await readConsumptionBreakdown(store(), sel, 'chargeMode')));
    const empty = await readConsumptionSummary(store(), { ...sel, fromCycle: '2020-01', toCycle: '2020-02' }, ['customer']);
    expect(empty.totals.recordCount).toBe(0);
    expect(empty.totals.amount.isZero()).toBe(true);
    expect(empty.breakdowns.customer).toEqual([]);
  });

  it('filters on the rollups\' dimensions', async () => {
    const sel: ConsumptionSelection = { scope: 'all', fromCycle: cycles[0]!, toCycle: cycles[1]!, regionCode: '', chargeMode: 3 };
    const want = expected.filter((r) => r.regionCode === null && r.chargeModeCode === 3);
    const totals = await readConsumptionTotals(store(), sel);
    expect(totals.recordCount).toBe(want.length);
    same(totals.amount, sum(want.map((r) => r.paymentAmount)));
    const page = await pageConsumptionRecords(store(), sel, { first: 5 });
    expect(page.totalCount).toBe(want.length);
    expect(page.edges.every((e) => e.record.regionCode === null && e.record.chargeModeCode === 3)).toBe(true);
  });
});

describeEachEngine('keyset pages', (store) => {
  const all: StoredConsumptionRecord[] = [];
  const sel: ConsumptionSelection = { scope: 'all', fromCycle: '2025-11', toCycle: '2026-02' };
  const order = (r: StoredConsumptionRecord): string => [r.cycle, r.indirectPartnerId ?? '', r.customerId, r.id].join('\u0000');
  const byteOrder = (a: StoredConsumptionRecord, b: StoredConsumptionRecord): number => Buffer.compare(Buffer.from(order(a)), Buffer.from(order(b)));

  async function seed(s: Store): Promise<void> {
    // Three cycles with records (2025-12 has none), own customers and two resellers', ids whose byte order
    // differs from a locale's ('B' < 'a', '_' between).
    for (const cycle of ['2025-11', '2026-01', '2026-02']) {
      for (const [scope, customers] of [[null, ['c-B', 'c-a']], ['reseller-2', ['c-a']], ['Reseller-1', ['c_x']]] as const) {
        for (const customerId of customers) {
          const records = Array.from({ length: 9 }, (_, i) => record({ id: `r${i % 2 ? 'a' : 'B'}${i}`, cycle, customerId, indirectPartnerId: scope }));
          all.push(...records);
          await replaceCustomerCycle(s, { cycle, indirectPartnerId: scope, customerId, records });
        }
      }
    }
    all.sort(byteOrder);
  }

  it('walks forward page by page: every record once, in cycle, scope, customer, record byte order', async () => {
    await seed(store());
    const seen: string[] = [];
    let after: RecordCursor | null = null;
    let pages = 0;
    for (;;) {
      const page = await pageConsumptionRecords(store(), sel, { first: 7, after });
      expect(page.totalCount).toBe(all.length);
      expect(page.hasPreviousPage).toBe(pages > 0);
      seen.push(...page.edges.map((e) => order(e.record)));
      pages++;
      if (!page.hasNextPage) break;
      after = decodeRecordCursor(encodeRecordCursor(page.edges.at(-1)!.cursor));
    }
    expect(seen).toEqual(all.map(order));
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it('walks backward with last/before to the same order', async () => {
    const seen: string[] = [];
    let before: RecordCursor | null = null;
    for (;;) {
      const page = await pageConsumptionRecords(store(), sel, { last: 10, before });
      seen.unshift(...page.edges.map((e) => order(e.record)));
      if (!page.hasPreviousPage) break;
      expect(page.hasNextPage).toBe(before !== null);
      before = page.edges[0]!.cursor;
    }
    expect(seen).toEqual(all.map(order));
  });

  it('pages within a cycle range and a scope; first: 0 gives the count alone', async () => {
    const scoped: ConsumptionSelection = { scope: 'reseller-2', fromCycle: '2026-01', toCycle: '2026-02' };
    const page = await pageConsumptionRecords(store(), scoped, { first: 100 });
    const want = all.filter((r) => r.indirectPartnerId === 'reseller-2' && r.cycle >= '2026-01');
    expect(page.edges.map((e) => order(e.record))).toEqual(want.map(order));
    expect(page).toMatchObject({ totalCount: want.length, hasNextPage: false, hasPreviousPage: false });
    const none = await pageConsumptionRecords(store(), sel, { first: 0 });
    expect(none).toMatchObject({ edges: [], totalCount: all.length, hasNextPage: true });
  });

  it('reads a one-cycle page in one statement: rows, totalCount and whether anything lies behind its cursor', async () => {
    let statements = 0;
    const counting: Store = { ...store(), db: store().db.withPlugin({ transformQuery: (a) => (statements++, a.node), transformResult: async (a) => a.result }) };
    const oneCycle: ConsumptionSelection = { scope: 'all', fromCycle: '2026-01', toCycle: '2026-01' };
    const want = all.filter((r) => r.cycle === '2026-01').map(order);
    const seen: string[] = [];
    let after: RecordCursor | null = null;
    for (let pages = 0; ; pages++) {
      const before = statements;
      const page = await pageConsumptionRecords(counting, oneCycle, { first: 5, after });
      expect(statements - before).toBe(1);
      expect(page).toMatchObject({ totalCount: want.length, hasPreviousPage: pages > 0 });
      seen.push(...page.edges.map((e) => order(e.record)));
      if (!page.hasNextPage) break;
      after = page.edges.at(-1)!.cursor;
    }
    expect(seen).toEqual(want);
    // Backward from the last record: the rest before it, and the cursor's own record counts as behind.
    const lastOne = all.filter((r) => r.cycle === '2026-01').at(-1)!;
    const back = await pageConsumptionRecords(counting, oneCycle, { last: 100, before: { cycle: '2026-01', scopeKey: lastOne.indirectPartnerId ?? '', customerId: lastOne.customerId, recordId: lastOne.id } });
    expect(back.edges.map((e) => order(e.record))).toEqual(want.slice(0, -1));
    expect(back).toMatchObject({ hasPreviousPage: false, hasNextPage: true, totalCount: want.length });
    // A reseller's page after its last record (byte order: 'rB…' before 'ra…'): nothing, nothing next, its own records behind.
    const scoped = await pageConsumptionRecords(counting, { ...oneCycle, scope: 'reseller-2' }, { first: 3, after: { cycle: '2026-01', scopeKey: 'reseller-2', customerId: 'c-a', recordId: 'ra7' } });
    expect(scoped).toMatchObject({ edges: [], hasNextPage: false, hasPreviousPage: true, totalCount: 9 });
    // Behind the cursor in a later cycle of the range (from the rollups), though none in its own cycle.
    const range = await pageConsumptionRecords(store(), { scope: 'Reseller-1', fromCycle: '2026-01', toCycle: '2026-02' }, { last: 2, before: { cycle: '2026-01', scopeKey: 'Reseller-1', customerId: 'c_x', recordId: 'zzz' } });
    expect(range).toMatchObject({ hasNextPage: true, hasPreviousPage: true, totalCount: 18 });
    expect(range.edges.map((e) => e.record.id)).toEqual(['ra5', 'ra7']);
  });

  it('refuses a window without exactly one of first and last', async () => {
    await expect(pageConsumptionRecords(store(), sel, {})).rejects.toThrow(RangeError);
    await expect(pageConsumptionRecords(store(), sel, { first: 1, last: 1 })).rejects.toThrow(RangeError);
    await expect(pageConsumptionRecords(store(), { ...sel, fromCycle: '2026-03' }, { first: 1 })).rejects.toThrow(RangeError);
  });
});

/**
 * The shared upstream quota in the store (src/store/upstream-slots.ts), on both engines: up to `rate` starts
 * per sliding window are booked, the next is refused with the wait until the oldest leaves the window, and on
 * PostgreSQL concurrent bookings from three separate connection pools (three replicas) never exceed the rate.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { purgeUpstreamSlots, settleUpstreamSlot, storeUpstreamSlots, takeUpstreamSlot } from '../../src/store/upstream-slots.js';
import { MEMORY_DATA_DIR } from '../../src/store/open-store.js';
import { describeEachEngine } from './engines.js';

describeEachEngine('upstream slots', (store, engine) => {
  it('books up to the rate in a window, then refuses with the time until the oldest start leaves it', async () => {
    const key = `ak|ListSubCustomers|${engine}|a`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await takeUpstreamSlot(store(), key, 3, 60_000));
    expect(answers.slice(0, 3).map((a) => a.granted)).toEqual([true, true, true]);
    expect(answers[3]!.granted).toBe(false);
    const wait = (answers[3] as { waitMs: number }).waitMs;
    // All three are in flight: a place leaves a window after its answer at the earliest, a window from now.
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    // Only the places in the window are kept.
    const { rows } = await sql<{ n: number }>`select cardinality(starts) as n from upstream_rate_starts where budget_key = ${key}`.execute(store().db);
    expect(rows[0]!.n).toBe(3);
  });

  it('keys are independent; a place is held while in flight, and leaves a window after its answer', async () => {
    const key = `ak|ListIndirectPartners|${engine}`;
    const first = await takeUpstreamSlot(store(), key, 1, 50, 60_000);
    expect(first.granted).toBe(true);
    expect((await takeUpstreamSlot(store(), `${key}|other`, 1, 50)).granted).toBe(true);
    // In flight: held (its hold is a minute), whatever the 50 ms window says.
    await new Promise((resolve) => setTimeout(resolve, 80));
    const refused = await takeUpstreamSlot(store(), key, 1, 50);
    expect(refused.granted).toBe(false);
    // The earliest it can leave is a window after an answer that could come now.
    expect((refused as { waitMs: number }).waitMs).toBeLessThanOrEqual(50);
    await settleUpstreamSlot(store(), key, (first as { ticket: string }).ticket);
    expect((await takeUpstreamSlot(store(), key, 1, 50)).granted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await takeUpstreamSlot(store(), key, 1, 50)).granted).toBe(true);
    await expect(takeUpstreamSlot(store(), key, 0, 50)).rejects.toThrow(RangeError);
  });

  it('a place never settled (its replica died) leaves the window a window after its hold', async () => {
    const key = `ak|ListCustomerOrders|${engine}`;
    expect((await takeUpstreamSlot(store(), key, 1, 20, 30)).granted).toBe(true);
    expect((await takeUpstreamSlot(store(), key, 1, 20, 30)).granted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect((await takeUpstreamSlot(store(), key, 1, 20, 30)).granted).toBe(true);
  });

  it('a lower rate than before is applied to the places already held', async () => {
    const key = `ak|ListCustomerOrdersLower|${engine}`;
    for (let i = 0; i < 5; i++) expect((await takeUpstreamSlot(store(), key, 5, 60_000)).granted).toBe(true);
    expect((await takeUpstreamSlot(store(), key, 2, 60_000)).granted).toBe(false);
  });

  it('purges keys idle past the age given, keeps the others', async () => {
    const purged = `ak|purge|${engine}`;
    const booked = await takeUpstreamSlot(store(), purged, 1, 1000, 1);
    await settleUpstreamSlot(store(), purged, (booked as { ticket: string }).ticket);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await purgeUpstreamSlots(store(), 10)).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from upstream_rate_starts where budget_key = ${`ak|purge|${engine}`}`.execute(store().db);
    expect(rows[0]!.n).toBe(0);
  });

  if (engine === 'postgresql') {
    it('three replicas booking at once on one database: exactly the rate is granted per window', async () => {
      // Three more pools on the same database, as three gateway processes would hold.
      const replicas = await Promise.all([0, 1, 2].map(() => openStore({ databaseUrl: currentUrl(store()), dataDir: MEMORY_DATA_DIR }, { migrate: false, maxConnections: 5 })));
      try {
        const key = 'ak|ListSubCustomerBillDetail|race';
        const slots = replicas.map((r) => storeUpstreamSlots(r));
        // 3 replicas × 12 bookings at once, rate 10 in a 60 s window: 10 granted in all, 26 refused.
        const answers = await Promise.all(slots.flatMap((s) => Array.from({ length: 12 }, () => s.take(key, 10, 60_000, 60_000))));
        expect(answers.filter((a) => a.granted)).toHaveLength(10);
        expect(answers.filter((a) => !a.granted)).toHaveLength(26);
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
      }
    });
  }
});

/** The test database's URL (the store's location omits the password; the test server trusts loopback). */
function currentUrl(s: { location: string }): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? '');
  const own = new URL(s.location.replace(/^postgresql:/, 'postgres:'));
  base.pathname = own.pathname;
  return base.toString();
}

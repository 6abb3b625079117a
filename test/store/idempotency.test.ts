/**
 * Idempotency records and the audit log, on both engines: a key is claimed once however many requests race
 * for it, the same input replays the stored answer, another input is `reused`, an unknown outcome holds the
 * key (even past its expiry) until it is settled, a released key can be claimed again, expired records are
 * purged, and the audit log pages newest first with its filters.
 */
import { expect, it } from 'vitest';
import {
  appendAudit, claimIdempotencyKey, pageAuditLog, purgeExpiredIdempotencyRecords, readIdempotencyRecord, releaseIdempotencyKey,
  settleIdempotencyKey,
} from '../../src/store/index.js';
import { describeEachEngine } from './engines.js';

const T0 = new Date('2026-11-15T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const claim = (key: string, requestHash = 'h1', now = T0) => ({
  apiKeyName: 'front-end', idempotencyKey: key, operation: 'allocateCustomerFunds', requestHash, ttlMs: 60_000, now,
});

describeEachEngine('idempotency records', (store) => {
  it('claims a key once when ten requests race for it', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => claimIdempotencyKey(store(), claim('race'))));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in_progress')).toHaveLength(9);
  });

  it('replays the stored answer for the same input, and refuses the key with another input', async () => {
    expect(await claimIdempotencyKey(store(), claim('k1'))).toEqual({ kind: 'claimed' });
    expect(await settleIdempotencyKey(store(), claim('k1'), 'applied', { transferId: 'T-1', amount: '10.00' }, { now: at(1_000), ttlMs: 60_000 })).toBe(true);
    expect(await claimIdempotencyKey(store(), claim('k1', 'h1', at(2_000)))).toEqual({ kind: 'replay', state: 'applied', answer: { transferId: 'T-1', amount: '10.00' } });
    expect(await claimIdempotencyKey(store(), claim('k1', 'other-input', at(2_000)))).toEqual({ kind: 'reused', operation: 'allocateCustomerFunds' });
    // Another API key's same idempotency key is another record.
    expect(await claimIdempotencyKey(store(), { ...claim('k1'), apiKeyName: 'bi' })).toEqual({ kind: 'claimed' });
  });

  it('lets only the claiming request settle or release the key', async () => {
    await claimIdempotencyKey(store(), claim('k2'));
    expect(await settleIdempotencyKey(store(), claim('k2', 'not-mine'), 'applied', {})).toBe(false);
    expect(await releaseIdempotencyKey(store(), claim('k2', 'not-mine'))).toBe(false);
    expect((await readIdempotencyRecord(store(), claim('k2')))?.state).toBe('in_progress');
  });

  it('holds a key whose outcome is unknown, past its expiry, until it is settled', async () => {
    await claimIdempotencyKey(store(), claim('k3'));
    await settleIdempotencyKey(store(), claim('k3'), 'unknown', { check: 'ListPartnerAdjustRecords' }, { now: T0, ttlMs: 60_000 });
    expect(await claimIdempotencyKey(store(), claim('k3', 'h1', at(120_000)))).toEqual({ kind: 'unknown', answer: { check: 'ListPartnerAdjustRecords' } });
    await purgeExpiredIdempotencyRecords(store(), at(120_000));
    expect((await readIdempotencyRecord(store(), claim('k3')))?.state).toBe('unknown');
    await settleIdempotencyKey(store(), claim('k3'), 'applied', { transferId: 'T-3' }, { now: at(130_000), ttlMs: 60_000 });
    expect(await claimIdempotencyKey(store(), claim('k3', 'h1', at(140_000)))).toMatchObject({ kind: 'replay', state: 'applied' });
  });

  it('claims a released key again, and an expired one afresh', async () => {
    await claimIdempotencyKey(store(), claim('k4'));
    expect(await releaseIdempotencyKey(store(), claim('k4'))).toBe(true);
    expect(await claimIdempotencyKey(store(), claim('k4'))).toEqual({ kind: 'claimed' });
    await settleIdempotencyKey(store(), claim('k4'), 'failed', { code: 'CBC.99000035' }, { now: T0, ttlMs: 60_000 });
    // Expired: the key is free again, even for another input.
    expect(await claimIdempotencyKey(store(), claim('k4', 'new-input', at(61_000)))).toEqual({ kind: 'claimed' });
  });

  it('purges expired records', async () => {
    await claimIdempotencyKey(store(), claim('k5'));
    await settleIdempotencyKey(store(), claim('k5'), 'applied', {}, { now: T0, ttlMs: 60_000 });
    const purged = await purgeExpiredIdempotencyRecords(store(), at(10 * 60_000));
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await readIdempotencyRecord(store(), claim('k5'))).toBeNull();
  });
});

describeEachEngine('audit log', (store) => {
  it('appends rows and pages them newest first with filters', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await appendAudit(store(), {
        apiKeyName: i % 2 ? 'front-end' : 'ops', operation: 'allocateCustomerFunds', idempotencyKey: `key-${i}`, customerId: 'c1',
        outcome: i === 4 ? 'applied' : 'attempted', detail: { amount: '10.00', transferId: i === 4 ? 'T-9' : null },
      }));
    }
    const first = await pageAuditLog(store(), { limit: 2 });
    expect(first.rows.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(first.rows[0]).toMatchObject({ outcome: 'applied', apiKeyName: 'ops', detail: { amount: '10.00', transferId: 'T-9' } });
    expect(first.hasMore).toBe(true);
    const rest = await pageAuditLog(store(), { limit: 10, beforeId: first.rows[1]!.id });
    expect(rest.rows.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.hasMore).toBe(false);
    const mine = await pageAuditLog(store(), { limit: 10, apiKeyName: 'front-end' });
    expect(mine.rows.map((r) => r.idempotencyKey)).toEqual(['key-3', 'key-1']);
  });
});

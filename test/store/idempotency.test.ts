/**
 * Idempotency records and the audit log, on both engines: a key is claimed once however many requests race
 * for it, the same input replays the stored answer, another input is `reused`, an unknown outcome holds the
 * key (even past its expiry) until it is settled, a key whose holder went silent after recording its write is
 * unknown (before: claimed afresh), a released key can be claimed again, expired records are purged, and the
 * audit log pages newest first with its filters.
 */
import { expect, it } from 'vitest';
import {
  appendAudit, claimIdempotencyKey, pageAuditLog, purgeExpiredIdempotencyRecords, readIdempotencyRecord, recordPendingWrite, releaseIdempotencyKey,
  resumeUnknownKey, scheduleIdempotencyPurge, settleIdempotencyKey, STALE_IN_PROGRESS_MS,
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

  it('takes a stale key in progress whose write was sent as unknown (reconcile), never afresh — even past its expiry', async () => {
    await claimIdempotencyKey(store(), claim('k6'));
    expect(await recordPendingWrite(store(), claim('k6'), { pending: { sentAt: T0.toISOString() } }, T0)).toBe(true);
    // Its holder may still be sending: in progress.
    expect(await claimIdempotencyKey(store(), claim('k6', 'h1', at(STALE_IN_PROGRESS_MS - 1_000)))).toMatchObject({ kind: 'in_progress' });
    // Gone (and past the record's 60 s expiry): the outcome is unknown, with what was sent.
    expect(await claimIdempotencyKey(store(), claim('k6', 'h1', at(STALE_IN_PROGRESS_MS + 1_000)))).toEqual({ kind: 'unknown', answer: { pending: { sentAt: T0.toISOString() } } });
    expect((await readIdempotencyRecord(store(), claim('k6')))?.state).toBe('unknown');
    // Another input with the key is still refused.
    expect(await claimIdempotencyKey(store(), claim('k6', 'other', at(STALE_IN_PROGRESS_MS + 2_000)))).toEqual({ kind: 'reused', operation: 'allocateCustomerFunds' });
  });

  it('claims a stale key in progress afresh when nothing was sent (no pending write)', async () => {
    await claimIdempotencyKey(store(), claim('k7'));
    expect(await claimIdempotencyKey(store(), { ...claim('k7', 'h1', at(5_000)), staleAfterMs: 10_000 })).toMatchObject({ kind: 'in_progress' });
    expect(await claimIdempotencyKey(store(), { ...claim('k7', 'h1', at(11_000)), staleAfterMs: 10_000 })).toEqual({ kind: 'claimed' });
  });

  it('gives an unknown key back to one of several requests that reconciled it as not applied; a late release of it keeps their claim', async () => {
    await claimIdempotencyKey(store(), claim('k8'));
    await settleIdempotencyKey(store(), claim('k8'), 'unknown', { pending: {} });
    const won = await Promise.all(Array.from({ length: 5 }, () => resumeUnknownKey(store(), claim('k8'))));
    expect(won.filter(Boolean)).toHaveLength(1);
    // A request that reconciled the unknown record earlier and now releases it must not drop the new claim.
    expect(await releaseIdempotencyKey(store(), claim('k8'), 'unknown')).toBe(false);
    expect((await readIdempotencyRecord(store(), claim('k8')))?.state).toBe('in_progress');
  });

  it('purges expired records that settle nothing any more, and keeps those still owed a reconciliation', async () => {
    await claimIdempotencyKey(store(), claim('k5'));
    await settleIdempotencyKey(store(), claim('k5'), 'applied', {}, { now: T0, ttlMs: 60_000 });
    await claimIdempotencyKey(store(), claim('k5-never-sent'));
    await claimIdempotencyKey(store(), claim('k5-sent'));
    await recordPendingWrite(store(), claim('k5-sent'), { pending: {} }, T0);
    const purged = await purgeExpiredIdempotencyRecords(store(), at(10 * 60_000));
    expect(purged).toBeGreaterThanOrEqual(2);
    expect(await readIdempotencyRecord(store(), claim('k5'))).toBeNull();
    expect(await readIdempotencyRecord(store(), claim('k5-never-sent'))).toBeNull();
    // Sent and never settled (its holder died): kept until a claim reconciles it.
    expect((await readIdempotencyRecord(store(), claim('k5-sent')))?.state).toBe('in_progress');
  });

  it('runs the purge on a schedule, once at start', async () => {
    await claimIdempotencyKey(store(), claim('k9'));
    await settleIdempotencyKey(store(), claim('k9'), 'failed', {}, { now: T0, ttlMs: 60_000 });
    const lines: Record<string, unknown>[] = [];
    const schedule = scheduleIdempotencyPurge(store(), { info: (fields) => lines.push(fields), warn: (fields) => lines.push(fields) }, 3_600_000);
    try {
      await schedule.runOnce();
      expect(await readIdempotencyRecord(store(), claim('k9'))).toBeNull();
      expect(lines.some((l) => l['event'] === 'idempotency.purge')).toBe(true);
    } finally {
      schedule.stop();
    }
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

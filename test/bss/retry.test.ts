import { describe, expect, it } from 'vitest';
import { BssError } from '../../src/bss/errors.js';
import { DEFAULT_RETRY, backoffDelay, retryReason, runWithRetry } from '../../src/bss/retry.js';

const upstream = (httpStatus: number, code: string) => new BssError({ kind: 'upstream', operation: 'Op', code, message: 'm', httpStatus });
const transport = (code: string) => new BssError({ kind: 'transport', operation: 'Op', code, message: 'm' });

describe('retryReason', () => {
  it('classifies throttles, transient failures and final errors', () => {
    expect(retryReason(upstream(429, 'APIGW.0308'))).toBe('throttle');
    expect(retryReason(upstream(429, 'APIG.0308'))).toBe('throttle');
    expect(retryReason(upstream(429, 'CBC.0250'))).toBe('throttle');
    expect(retryReason(upstream(429, 'IAM.0012'))).toBe('throttle');
    expect(retryReason(upstream(500, 'CBC.0999'))).toBe('transient');
    expect(retryReason(upstream(504, 'APIGW.0201'))).toBe('transient');
    expect(retryReason(transport('TRANSPORT.TIMEOUT'))).toBe('transient');
    expect(retryReason(transport('TRANSPORT.CONNECTION'))).toBe('transient');
    expect(retryReason(transport('TRANSPORT.ABORTED'))).toBeNull();
    // A 200 whose body was cut: the read may well succeed on a second try.
    expect(retryReason(transport('TRANSPORT.BAD_JSON'))).toBe('transient');
    expect(retryReason(upstream(400, 'CBC.0100'))).toBeNull();
    expect(retryReason(upstream(401, 'APIGW.0301'))).toBeNull();
    expect(retryReason(upstream(200, 'CBC.5001'))).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('full jitter on an exponential ceiling capped at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 'transient', DEFAULT_RETRY, 0.999999))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(backoffDelay(3, 'transient', DEFAULT_RETRY, 0)).toBe(0);
  });

  it('2–5 s after a throttle, whatever the attempt', () => {
    expect(backoffDelay(1, 'throttle', DEFAULT_RETRY, 0)).toBe(2000);
    expect(backoffDelay(4, 'throttle', DEFAULT_RETRY, 0.999999)).toBe(5000);
  });
});

describe('runWithRetry', () => {
  const ctx = (retryable: boolean) => ({ operation: 'Op', retryable, options: DEFAULT_RETRY, clock: () => 0, sleep: async () => {}, random: () => 0.5 });

  it('retries until success and reports nothing else', async () => {
    let calls = 0;
    const result = await runWithRetry(async () => {
      calls += 1;
      if (calls < 3) throw upstream(503, 'APIGW.0201');
      return 'ok';
    }, ctx(true));
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('makes exactly one attempt when not retryable', async () => {
    let calls = 0;
    await expect(
      runWithRetry(async () => {
        calls += 1;
        throw upstream(503, 'APIGW.0201');
      }, ctx(false)),
    ).rejects.toMatchObject({ code: 'APIGW.0201' });
    expect(calls).toBe(1);
  });

  it('rethrows non-BssErrors at once', async () => {
    let calls = 0;
    await expect(
      runWithRetry(async () => {
        calls += 1;
        throw new TypeError('bug');
      }, ctx(true)),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });
});

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

/**
 * The total budget bounds a failing call's whole time, each attempt's deadline included: a retry starts only when
 * its delay and its full deadline fit in what is left. Fake time: an attempt that "hangs" moves the clock by its
 * deadline and fails with TRANSPORT.TIMEOUT, as the transport would.
 */
describe('runWithRetry within the total budget (30 s)', () => {
  function fakeTime() {
    const time = { now: 0, sleeps: [] as number[] };
    const clock = () => time.now;
    const sleep = async (ms: number) => {
      time.sleeps.push(ms);
      time.now += ms;
    };
    return { time, clock, sleep };
  }
  const run = (attemptDeadlineMs: number, fail: (n: number, spend: (ms: number) => void) => BssError | null, maxAttempts = 10) => {
    const { time, clock, sleep } = fakeTime();
    const starts: number[] = [];
    const result = runWithRetry(
      async (n) => {
        starts.push(time.now);
        const error = fail(n, (ms) => (time.now += ms));
        if (error) throw error;
        return 'ok';
      },
      { operation: 'Op', retryable: true, options: { ...DEFAULT_RETRY, maxAttempts }, clock, sleep, random: () => 0.5, attemptDeadlineMs },
    ).then(
      (value) => ({ value, starts, sleeps: time.sleeps, endedAt: time.now }),
      (error: BssError) => ({ value: error.code, starts, sleeps: time.sleeps, endedAt: time.now }),
    );
    return result;
  };
  const hang = (deadline: number) => (_n: number, spend: (ms: number) => void) => {
    spend(deadline);
    return transport('TRANSPORT.TIMEOUT');
  };

  it('a bill page (20 s) that hangs is not tried again: a retry could only end at 40 s', async () => {
    expect(await run(20_000, hang(20_000))).toEqual({ value: 'TRANSPORT.TIMEOUT', starts: [0], sleeps: [], endedAt: 20_000 });
  });

  it('a read (5 s) that keeps hanging is retried while a whole attempt fits, and ends inside 30 s', async () => {
    // Delays 100, 200, 400, 800 ms (half of 200·2^(n−1)); a sixth attempt would start at 28.1 s and could end at 33.1 s.
    expect(await run(5_000, hang(5_000))).toEqual({ value: 'TRANSPORT.TIMEOUT', starts: [0, 5_100, 10_300, 15_700, 21_500], sleeps: [100, 200, 400, 800], endedAt: 26_500 });
  });

  it('a bill page failing fast (503) is retried as before', async () => {
    const result = await run(20_000, (n) => (n < 3 ? upstream(503, 'APIGW.0201') : null));
    expect(result).toEqual({ value: 'ok', starts: [0, 100, 300], sleeps: [100, 200], endedAt: 300 });
  });

  it('a throttled bill page is retried only while its 20 s still fit after the 2–5 s throttle delay', async () => {
    // Throttle delay 3.5 s: retries at 3.5 s (could end at 23.5 s) and 7 s (27 s); a fourth at 10.5 s could end at 30.5 s.
    const result = await run(20_000, () => upstream(429, 'APIGW.0308'));
    expect(result).toEqual({ value: 'APIGW.0308', starts: [0, 3_500, 7_000], sleeps: [3_500, 3_500], endedAt: 7_000 });
  });

  it('without an attempt deadline only the delay is counted (the budget of a caller that names none)', async () => {
    const result = await run(0, hang(20_000));
    expect(result).toEqual({ value: 'TRANSPORT.TIMEOUT', starts: [0, 20_100], sleeps: [100], endedAt: 40_100 });
  });
});

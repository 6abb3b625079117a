/** Fault injection: every kind observable over HTTP, deterministic for a fault seed, restricted by operation. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Faults, faultConfig } from '../../../src/simulator/faults.js';
import { defineOperation } from '../../../src/bss/operations/spec.js';
import { IAM_HEADERS, call, expectCbcError, expectGatewayError, extraRoutes, passwordBody, send, startHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ throttle: false });
});
afterAll(async () => {
  await h.sim.close();
});
beforeEach(() => {
  h.sim.resetFaults();
});

const ok = (path = '/v2/test/either') => call(h, { path });

describe('fault kinds', () => {
  it('latency (+ jitter)', async () => {
    // Each call's delay is drawn in [latencyMs, latencyMs + latencyJitterMs]. The upper end is checked on the
    // decisions: a wall-clock upper bound measures how busy the machine is as much as the delay.
    const faults = new Faults(faultConfig({ latencyMs: 250, latencyJitterMs: 50 }), 7);
    const delays = Array.from({ length: 200 }, () => faults.decide('TestEither').latencyMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...delays)).toBeLessThanOrEqual(300);
    expect(new Set(delays).size).toBeGreaterThan(10);
    // Over the wire, the answer waits at least that long.
    h.sim.setFaults({ latencyMs: 250, latencyJitterMs: 50 });
    const began = performance.now();
    const res = await ok();
    const took = performance.now() - began;
    expect(res.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(245);
  });

  it('error rate: 5xx with real bodies (500 CBC.0999, 502/504 APIGW.0201)', async () => {
    h.sim.setFaults({ errorRate: 1, seed: 11 });
    const seen = new Set<number>();
    for (let i = 0; i < 15; i++) {
      const res = await ok();
      seen.add(res.status);
      if (res.status === 500) expectCbcError(res, 500, 'CBC.0999', 'System error.');
      else if (res.status === 502) expectGatewayError(res, 502, 'APIGW.0201', 'Backend unavailable.');
      else expectGatewayError(res, 504, 'APIGW.0201', 'Backend timeout.');
    }
    expect([...seen].sort()).toEqual([500, 502, 504]);
  });

  it('throttle rate: random 429 APIGW.0308', async () => {
    h.sim.setFaults({ throttleRate: 1 });
    expectGatewayError(await ok(), 429, 'APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second');
  });

  it('malformed rate: 200 with the JSON cut in half', async () => {
    h.sim.setFaults({ malformedRate: 1 });
    const res = await ok();
    expect(res.status).toBe(200);
    const whole = '{"kind":"partner","amount":12.30}';
    expect(res.text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('slow body: headers at once, the body trickles over slowBodyMs', async () => {
    h.sim.setFaults({ slowBodyRate: 1, slowBodyMs: 800 });
    const began = performance.now();
    const res = await fetch(new URL('/v2/test/either', h.sim.url), { headers: await signedHeaders('/v2/test/either') });
    const headersAt = performance.now() - began;
    const text = await res.text();
    const bodyAt = performance.now() - began;
    expect(res.status).toBe(200);
    expect(text).toBe('{"kind":"partner","amount":12.30}');
    // This 33-byte body goes out in 9 pieces of slowBodyMs / 10: 720 ms after the headers. Relative, not
    // absolute: a loaded machine may take a while to send the request and see the headers, but the body
    // still comes well after them (a stall of over 300 ms in this process would be needed to hide that).
    expect(bodyAt - headersAt).toBeGreaterThanOrEqual(400);
    expect(bodyAt).toBeGreaterThanOrEqual(700);
  });

  it('timeout (hang): accepted, never answered', async () => {
    h.sim.setFaults({ timeoutRate: 1, timeoutMode: 'hang' });
    await expect(fetch(new URL('/v2/test/either', h.sim.url), { headers: await signedHeaders('/v2/test/either'), signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /aborted|timeout/i,
    );
  });

  it('timeout (delay): answered normally after the delay', async () => {
    h.sim.setFaults({ timeoutRate: 1, timeoutMode: 'delay', timeoutDelayMs: 300 });
    const began = performance.now();
    const res = await ok();
    expect(res.status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(295);
  });

  it('close() ends hanging requests instead of waiting for them', async () => {
    const hang = await startHarness({ faults: { timeoutRate: 1 } });
    const pending = call(hang, { path: '/v2/test/either' }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const began = performance.now();
    await hang.sim.close();
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(await pending).toBe('failed');
  });
});

describe('faults before and after apply (a counting handler stands for a write)', () => {
  const write = defineOperation({ name: 'TestCountingWrite', method: 'POST', path: '/v2/test/count', caller: 'partner', kind: 'write', hasBody: true });
  let applied = 0;
  let w: Harness;
  beforeAll(async () => {
    w = await startHarness({ throttle: false, extraRoutes: [...extraRoutes, { op: write, handler: () => ((applied += 1), { body: { applied } }) }] });
  });
  afterAll(async () => {
    await w.sim.close();
  });
  beforeEach(() => {
    applied = 0;
    w.sim.resetFaults();
  });

  /** The status, or the failure fetch reports when the connection closes or the call is abandoned. */
  const post = async (timeoutMs = 5_000): Promise<number | 'closed' | 'no answer'> => {
    try {
      return (await call(w, { method: 'POST', path: '/v2/test/count', body: '{}', signal: AbortSignal.timeout(timeoutMs) })).status;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'no answer' : 'closed';
    }
  };

  it('reset rate: the connection is closed before the handler runs', async () => {
    w.sim.setFaults({ resetRate: 1 });
    expect(await post()).toBe('closed');
    expect(applied).toBe(0);
  });

  it('lost-answer rate, mode close: the handler ran, then the connection was closed', async () => {
    w.sim.setFaults({ lostAnswerRate: 1, lostAnswerMode: 'close' });
    expect(await post()).toBe('closed');
    expect(applied).toBe(1);
  });

  it('lost-answer rate, mode hang: the handler ran, and no answer ever came', async () => {
    w.sim.setFaults({ lostAnswerRate: 1, lostAnswerMode: 'hang' });
    // Long enough for the request to reach the handler on a busy machine (the write must have been applied).
    expect(await post(1_500)).toBe('no answer');
    expect(applied).toBe(1);
  });

  it('lost-answer rate, mode gateway-timeout: the handler ran, then 504 APIGW.0201', async () => {
    w.sim.setFaults({ lostAnswerRate: 1, lostAnswerMode: 'gateway-timeout' });
    const res = await call(w, { method: 'POST', path: '/v2/test/count', body: '{}' });
    expectGatewayError(res, 504, 'APIGW.0201', 'Backend timeout.');
    expect(applied).toBe(1);
  });

  it('the error and timeout faults come before apply, malformed after it', async () => {
    w.sim.setFaults({ errorRate: 1 });
    expect(await post()).toBeGreaterThanOrEqual(500);
    w.sim.setFaults({ errorRate: 0, timeoutRate: 1, timeoutMode: 'hang' });
    expect(await post(300)).toBe('no answer');
    expect(applied).toBe(0);
    w.sim.setFaults({ timeoutRate: 0, malformedRate: 1 });
    expect(await post()).toBe(200);
    expect(applied).toBe(1);
  });

  it('--fault-ops: only the listed operations lose answers', async () => {
    w.sim.setFaults({ lostAnswerRate: 1, operations: ['TestEither'] });
    expect(await post()).toBe(200);
    expect(applied).toBe(1);
  });

  it('once: exactly the next call, whatever the rates and operations say, then normal answers', async () => {
    w.sim.setFaults({ operations: ['TestEither'] });
    w.sim.faults.once('TestCountingWrite', 'lost-after-apply');
    w.sim.faults.once('TestCountingWrite', 'reset-before-apply');
    expect(await post()).toBe('closed');
    expect(applied).toBe(1);
    expect(await post()).toBe('closed');
    expect(applied).toBe(1);
    expect(await post()).toBe(200);
    expect(applied).toBe(2);
    expect(w.sim.faults.pending()).toEqual({});
  });

  it('the same fault seed gives the same lost answers for the same calls', async () => {
    const run = async (): Promise<(number | string)[]> => {
      w.sim.setFaults({ lostAnswerRate: 0.5, resetRate: 0.2, seed: 3 });
      w.sim.setFaults({ seed: 4 });
      w.sim.setFaults({ seed: 3 });
      const seen: (number | string)[] = [];
      for (let i = 0; i < 16; i++) seen.push(await post());
      return seen;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(1);
    expect(a.filter((s) => s === 'closed').length).toBeGreaterThan(1);
  });
});

describe('scope and control', () => {
  it('faults apply after authentication, and never to IAM', async () => {
    h.sim.setFaults({ errorRate: 1 });
    expect((await call(h, { path: '/v2/test/either', key: null })).status).toBe(401);
    expect((await send(h, 'POST', '/v3/auth/tokens?nocatalog=true', IAM_HEADERS, passwordBody(h))).status).toBe(201);
  });

  it('restricted to the listed operations', async () => {
    h.sim.setFaults({ errorRate: 1, operations: ['TestFastQuota'] });
    expect((await ok('/v2/test/either')).status).toBe(200);
    expect((await ok('/v2/test/fast')).status).toBeGreaterThanOrEqual(500);
  });

  it('resetFaults returns to the faults given at startup', async () => {
    const started = await startHarness({ faults: { malformedRate: 1 } });
    try {
      started.sim.setFaults({ malformedRate: 0, throttleRate: 1 });
      expect((await call(started, { path: '/v2/test/either' })).status).toBe(429);
      started.sim.resetFaults();
      expect(started.sim.faults.current.malformedRate).toBe(1);
      expect(started.sim.faults.current.throttleRate).toBe(0);
      expect((await call(started, { path: '/v2/test/either' })).text).toBe('{"kind":"partner","amount":12.30}'.slice(0, 16));
    } finally {
      await started.sim.close();
    }
  });

  it('the same fault seed gives the same faults for the same calls', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const sim = await startHarness({ throttle: false, faults: { errorRate: 0.5, seed } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++) statuses.push((await call(sim, { path: '/v2/test/either' })).status);
        return statuses;
      } finally {
        await sim.sim.close();
      }
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(a.filter((s) => s >= 500).length).toBeGreaterThan(3);
    expect(await run(6)).not.toEqual(a);
  });
});

async function signedHeaders(path: string): Promise<Record<string, string>> {
  let captured: Record<string, string> = {};
  await call(h, {
    path,
    tamper: (req) => {
      captured = { ...req.headers };
      // Send nothing useful for this probe: an unknown path is answered without faults.
      req.path = '/v2/__probe__';
    },
  });
  return captured;
}

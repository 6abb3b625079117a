/**
 * The execution timeout's shared deadline timer (src/limits/timeout.ts), on fake time: a hung operation is answered
 * with EXECUTION_TIMEOUT between its deadline and one tick after it, and its signal aborts with that error; one that
 * finishes keeps its result; a synchronous one is returned as it is; the timer stops once nothing runs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { EXECUTION_TIMEOUT, tickOf, useExecutionTimeout } from '../../src/limits/timeout.js';

type Execute = (args: ExecutionArgs & { signal?: AbortSignal }) => unknown;

/** The plugin's wrapper around `inner`, as envelop would install it. */
function wrapped(ms: number, inner: Execute): Execute {
  let installed: Execute | undefined;
  const onExecute = useExecutionTimeout(ms).onExecute as unknown as (payload: { executeFn: Execute; setExecuteFn(fn: Execute): void }) => void;
  onExecute({ executeFn: inner, setExecuteFn: (fn) => (installed = fn) });
  return installed!;
}

const args = { contextValue: {} } as unknown as ExecutionArgs;

describe('execution timeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a hung operation with EXECUTION_TIMEOUT within one tick of its deadline and aborts its signal', async () => {
    expect(tickOf(100)).toBe(5);
    let signal: AbortSignal | undefined;
    const execute = wrapped(100, (a) => {
      signal = a.signal;
      return new Promise(() => undefined);
    });
    let answer: ExecutionResult | undefined;
    void (execute(args) as Promise<ExecutionResult>).then((result) => (answer = result));
    await vi.advanceTimersByTimeAsync(99);
    expect(answer).toBeUndefined();
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(tickOf(100) + 1);
    expect(answer?.data).toBeNull();
    expect(answer?.errors?.map((e) => e.extensions['code'])).toEqual([EXECUTION_TIMEOUT]);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(answer?.errors?.[0]);
    // Nothing runs any more: the shared timer stops at its next look.
    await vi.advanceTimersByTimeAsync(tickOf(100));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the result of an operation that finishes in time, and returns a synchronous one as it is', async () => {
    const done: ExecutionResult = { data: { ok: true } };
    const execute = wrapped(100, () => new Promise((resolve) => setTimeout(() => resolve(done), 50)));
    const answer = execute(args) as Promise<ExecutionResult>;
    await vi.advanceTimersByTimeAsync(50);
    expect(await answer).toBe(done);
    await vi.advanceTimersByTimeAsync(200);
    expect(await answer).toBe(done);
    expect(vi.getTimerCount()).toBe(0);
    const sync: ExecutionResult = { data: { sync: true } };
    expect(wrapped(100, () => sync)(args)).toBe(sync);
  });
});

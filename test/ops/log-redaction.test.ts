/**
 * The log's second line of defence (src/ops/log.ts `redacted`): a secret or personal key that slips into a log
 * object is censored at the top level and two levels down (objects and arrays), the caller's object is never
 * changed, and a line with nothing to censor is written as it is (no copy: the hot path's case).
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLog, FIELDS_CHOSEN, isoTime, REDACTED_KEYS, redacted } from '../../src/ops/log.js';
import { requestLine } from '../../src/ops/request-log.js';
import { newScope } from '../../src/ops/request-scope.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLog('info', stream), lines };
}

describe('log redaction', () => {
  it('censors named keys at the top level and two levels down, in objects and arrays', async () => {
    const { log, lines } = capture();
    const fields = {
      authorization: 'Bearer pg_secret',
      request: { headers: { host: 'x' }, token: 'tok', ok: 1 },
      calls: [{ sk: 'secret-key', operation: 'ListSubCustomers' }],
      deep: { a: { email: 'a@example.com', b: { password: 'three levels down' } } },
      status: 200,
    };
    log.info(fields, 'line');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.authorization).toBe('[redacted]');
    expect(line.request).toEqual({ headers: '[redacted]', token: '[redacted]', ok: 1 });
    expect(line.calls).toEqual([{ sk: '[redacted]', operation: 'ListSubCustomers' }]);
    // Two levels down is the reach (as pino's `*.*.key` paths were); deeper is the callers' care.
    expect(line.deep).toEqual({ a: { email: '[redacted]', b: { password: 'three levels down' } } });
    expect(line.status).toBe(200);
    // The caller's object is untouched.
    expect(fields.authorization).toBe('Bearer pg_secret');
    expect(fields.request.token).toBe('tok');
  });

  it('returns an object with nothing to censor as it is, without copying', () => {
    const line = { requestId: 'r1', status: 200, errorCodes: ['CBC.0999'], upstreamErrors: ['ListSubCustomers:CBC.0999:500'] };
    expect(redacted(line)).toBe(line);
  });

  it('leaves class instances alone and errors to their serializer (no stack)', async () => {
    const { log, lines } = capture();
    log.error({ err: new Error('boom'), when: new Date(0) }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]!.err).toEqual({ type: 'Error', message: 'boom' });
    expect(lines[0]!.when).toBe('1970-01-01T00:00:00.000Z');
  });

  it('skips the walk for the request line, whose keys are all chosen by request-log.ts and none a redacted one', async () => {
    const scope = newScope(new Request('http://localhost/graphql', { method: 'POST' }), 0);
    scope.operationName = 'Partner';
    scope.documentHash = '0123456789abcdef';
    scope.upstreamErrors.push('ListSubCustomers:CBC.0999:500');
    const line = { ...requestLine(scope, 200, 12), outcome: 'success', clientClosed: true };
    expect(FIELDS_CHOSEN in line).toBe(true);
    // Every key the line can have (the optional ones included): none is one the redaction censors.
    expect(Object.keys(line).sort()).toEqual([
      'clientClosed', 'documentHash', 'durationMs', 'errorCodes', 'method', 'operationName', 'operationType', 'outcome', 'path',
      'requestId', 'status', 'throttleWaitMs', 'throttleWaits', 'upstreamErrors', 'upstreamRequests', 'upstreamRetries', 'upstreamThrottled',
    ]);
    expect(Object.keys(line).filter((key) => REDACTED_KEYS.has(key))).toEqual([]);
    // A marked object is written as given, even with a key the walk would censor: the mark is the builder's promise.
    const { log, lines } = capture();
    log.info({ [FIELDS_CHOSEN]: true, token: 'kept' }, 'marked');
    log.info({ token: 'censored' }, 'unmarked');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l['token'])).toEqual(['kept', '[redacted]']);
  });
});

describe('log timestamps', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("write the same text as pino's isoTime, the date part reused within a second", () => {
    vi.useFakeTimers();
    for (const at of [Date.UTC(2026, 11, 7, 14, 20, 30, 0), Date.UTC(2026, 11, 7, 14, 20, 30, 7), Date.UTC(2026, 11, 7, 14, 20, 30, 42), Date.UTC(2026, 11, 7, 14, 20, 30, 999), Date.UTC(2026, 11, 7, 14, 20, 31, 100), Date.UTC(2027, 0, 1, 0, 0, 0, 5)]) {
      vi.setSystemTime(at);
      expect(isoTime()).toBe(`,"time":"${new Date(at).toISOString()}"`);
    }
  });
});

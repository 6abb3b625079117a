/**
 * Operating the gateway: one structured log line per request with exactly the agreed fields and no
 * secret or personal value anywhere in the raw log text; Prometheus series whose counts match the BSS
 * client's own counter; /healthz and /readyz (cached, and 503 with Huawei's code when the upstream
 * rejects the credentials).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/api-keys.js';
import { UndiciTransport, type Transport, type TransportRequest, type TransportResponse } from '../../src/bss/transport.js';
import { ListPartnerBalances } from '../../src/bss/operations/partners/index.js';
import { startOpsStack, seriesValue, type OpsStack } from './ops-stack.js';

/** Records the secrets that cross the wire: request signatures and tokens, and the tokens IAM hands out. */
class RecordingTransport implements Transport {
  readonly secrets = new Set<string>();
  private readonly inner = new UndiciTransport();
  async send(request: TransportRequest): Promise<TransportResponse> {
    for (const name of ['Authorization', 'X-Auth-Token', 'X-Security-Token']) {
      const value = request.headers[name];
      if (value) this.secrets.add(value);
    }
    const signature = /Signature=([0-9a-f]+)/.exec(request.headers['Authorization'] ?? '')?.[1];
    if (signature) this.secrets.add(signature);
    const response = await this.inner.send(request);
    const subject = response.headers['x-subject-token'];
    if (subject) this.secrets.add(subject);
    return response;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const API_KEY = 'pg_ops-test-key-0123456789abcdefghijklmnopqrstuvwxyz';
const AUTH = { authorization: `Bearer ${API_KEY}` };

const CUSTOMERS = `query Customers($first: Int!, $name: String) {
  partner {
    customers(first: $first, name: $name) {
      edges { node { customerId name accountName email telephone ownBalances { currency } } }
    }
  }
}`;

const LINE_FIELDS = [
  'level', 'time', 'service', 'requestId', 'method', 'path', 'status', 'durationMs', 'operationName', 'operationType', 'documentHash',
  'upstreamRequests', 'upstreamRetries', 'upstreamThrottled', 'throttleWaits', 'throttleWaitMs', 'errorCodes', 'outcome', 'msg',
].sort();

const requestLines = (stack: OpsStack) => stack.logLines().filter((l) => l['msg'] === 'graphql request' || l['msg'] === 'http request');

describe('structured logs', () => {
  let stack: OpsStack;
  const transport = new RecordingTransport();

  beforeAll(async () => {
    stack = await startOpsStack({
      apiKeys: [{ name: 'ops-test', role: 'admin', pii: true, sha256: sha256Hex(API_KEY) }],
      client: { transport, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, rate: { perOperation: { ListSubCustomers: 1, KeystoneCreateAgencyToken: 2 } } },
    });
  });
  afterAll(async () => {
    await stack.close();
    await transport.close();
  });

  it('write one line per GraphQL request with its id, operation, duration, upstream calls, error codes and status', async () => {
    const world = stack.simulator.state.world;
    const someone = world.customersOf(null).find((c) => c.realName && c.email && c.telephone)!;
    expect(someone).toBeDefined();
    stack.bss.counter.reset();
    const response = await stack.post(
      { query: CUSTOMERS, variables: { first: 6, name: null, contact: someone.email, phone: someone.telephone } },
      { ...AUTH, 'x-request-id': 'req-42.a:b_c' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42.a:b_c');
    const body = (await response.json()) as { data: any; errors?: any[] };
    expect(body.data.partner.customers.edges).toHaveLength(6);

    const lines = requestLines(stack);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    const codes = (body.errors ?? []).map((e) => e.extensions.code);
    // Customers who granted no agency: IAM's refusal is a business answer, listed but not a warning.
    const refusals = (body.errors ?? []).map((e) => `KeystoneCreateAgencyToken:403:403:${e.extensions.requestId}`);
    expect(new Set(codes)).toEqual(new Set(refusals.length > 0 ? ['CUSTOMER_AGENCY_NOT_GRANTED'] : []));
    expect(Object.keys(line).sort()).toEqual(refusals.length > 0 ? [...LINE_FIELDS, 'upstreamErrors'].sort() : LINE_FIELDS);
    if (refusals.length > 0) expect(line['upstreamErrors']).toEqual(refusals);
    expect(line).toMatchObject({
      level: 30,
      service: 'partner-graph',
      requestId: 'req-42.a:b_c',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Customers',
      operationType: 'query',
      documentHash: createHash('sha256').update(CUSTOMERS).digest('hex').slice(0, 16),
      upstreamRequests: stack.bss.counter.requests(),
      upstreamRetries: 0,
      upstreamThrottled: 0,
      errorCodes: codes,
      outcome: codes.length > 0 ? 'partial' : 'success',
      msg: 'graphql request',
    });
    expect(typeof line['durationMs']).toBe('number');
    // The query reached IAM for several customers' tokens: there are tokens to leak. The exchanges start
    // together and share the partner's IAM budget (2/s here): all but the first two queue, unless a machine is
    // so slow that one arrives after an earlier one's window has passed. Every other call here is the first on
    // its budget key and never queues.
    const exchanges = stack.bss.counter.requests('KeystoneCreateAgencyToken');
    expect(exchanges).toBeGreaterThan(2);
    expect(line['throttleWaits']).toBeGreaterThanOrEqual(1);
    expect(line['throttleWaits']).toBeLessThanOrEqual(exchanges - 2);
    expect(line['throttleWaitMs']).toBeGreaterThan(0);
  });

  it('count this request’s own rate-budget waits', async () => {
    // Let the previous test's ListSubCustomers start leave the window, so only this request's own second call queues.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = requestLines(stack).length;
    // Two ListSubCustomers calls (different page sizes) at once on a 1/s budget: the second waits its turn.
    const body = await stack.graphql('query Twice { a: partner { customers(first: 1) { totalCount } } b: partner { customers(first: 2) { totalCount } } }', undefined, AUTH);
    expect(body.errors).toBeUndefined();
    const line = requestLines(stack)[before]!;
    expect(line).toMatchObject({ operationName: 'Twice', upstreamRequests: 2, throttleWaits: 1, upstreamRetries: 0, errorCodes: [], level: 30 });
    expect(line['throttleWaitMs']).toBeGreaterThan(0);
  });

  it('list failed upstream attempts by operation, code, status and upstream request id only, at warn', async () => {
    stack.simulator.setFaults({ errorRate: 1, operations: ['ListCustomersBalancesDetail'] });
    const before = requestLines(stack).length;
    let body: { data?: any; errors?: any[] };
    try {
      body = await stack.graphql('query Balances { partner { customers(first: 3) { edges { node { balance { amount } } } } } }', undefined, AUTH);
    } finally {
      stack.simulator.resetFaults();
    }
    const line = requestLines(stack)[before]!;
    expect(line).toMatchObject({ operationName: 'Balances', upstreamRequests: 3, upstreamRetries: 1, level: 40, outcome: 'partial' });
    expect(line['errorCodes']).toEqual(body.errors!.map((e) => e.extensions.code));
    expect(body.errors!.length).toBeGreaterThan(0);
    const failed = line['upstreamErrors'] as string[];
    expect(failed).toHaveLength(2);
    for (const entry of failed) expect(entry).toMatch(/^ListCustomersBalancesDetail:(CBC\.0999:500|APIGW\.0201:502|APIGW\.0201:504):[0-9a-f]{32}$/);
    expect(failed[1]!.split(':').slice(0, 3).join(':')).toBe(`ListCustomersBalancesDetail:${body.errors!.at(-1).extensions.code}:${body.errors!.at(-1).extensions.httpStatus}`);
  });

  it('replace an unsafe x-request-id and log refused requests (401) without the key', async () => {
    const before = requestLines(stack).length;
    const refused = await stack.post({ query: '{ partner { domainId } }' }, { authorization: 'Bearer pg_wrong-key-that-must-not-be-logged', 'x-request-id': 'has space' });
    expect(refused.status).toBe(401);
    const id = refused.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const line = requestLines(stack)[before]!;
    expect(line).toMatchObject({ requestId: id, status: 401, path: '/graphql', outcome: 'error', upstreamRequests: 0, msg: 'graphql request' });
    expect(stack.logText()).not.toContain('pg_wrong-key-that-must-not-be-logged');
  });

  it('log malformed requests as routine (info) with their status and code, never the values', async () => {
    const before = requestLines(stack).length;
    const linesBefore = stack.logLines().length;
    const surrogate = await stack.post(
      { query: 'query Q($id: String!) { order(orderId: $id) { id } }', variables: { id: 'order-secret-value-\ud800' } },
      AUTH,
    );
    expect(surrogate.status).toBe(400);
    const notJson = await stack.get(`/graphql?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent('{"id":"order-secret-value"')}`, AUTH);
    expect(notJson.status).toBe(400);
    const unknown = await stack.get('/nope?customer=order-secret-value', AUTH);
    expect(unknown.status).toBe(404);
    const lines = requestLines(stack).slice(before);
    expect(lines.map((l) => [l['level'], l['msg'], l['path'], l['status'], l['errorCodes'], l['upstreamRequests']])).toEqual([
      [30, 'graphql request', '/graphql', 400, ['BAD_USER_INPUT'], 0],
      [30, 'graphql request', '/graphql', 400, ['BAD_REQUEST'], 0],
      [30, 'http request', '/nope', 404, ['NOT_FOUND'], 0],
    ]);
    expect(stack.logText()).not.toContain('order-secret-value');
    expect(stack.logLines().slice(linesBefore).filter((l) => (l['level'] as number) >= 40)).toEqual([]);
  });

  it('log a request whose client went away as cancelled (info), never as a 500 error of the gateway', async () => {
    // ListSubCustomers runs at 1/s here: one call now fills the window, so the next three wait in the rate budget
    // (about a second) and their clients leave while they wait.
    await stack.graphql('{ partner { customers(first: 100) { totalCount } } }', {}, AUTH);
    const linesBefore = stack.logLines().length;
    const controller = new AbortController();
    const sent = [101, 102, 103].map((first) =>
      Promise.resolve(
        stack.gateway.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...AUTH, 'x-request-id': `gone-${first}` },
          body: JSON.stringify({ query: `{ partner { customers(first: ${first}) { totalCount } } }` }),
          signal: controller.signal,
        }),
      ).then((r) => r.text(), () => 'aborted'),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    controller.abort();
    await Promise.all(sent);
    // Lines are written when each request's handling ends; give the aborted executions a moment to unwind.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = stack.logLines().slice(linesBefore);
    const gone = lines.filter((l) => l['msg'] === 'graphql request' && String(l['requestId']).startsWith('gone-'));
    expect(gone.map((l) => l['requestId']).sort()).toEqual(['gone-101', 'gone-102', 'gone-103']);
    for (const line of gone) expect(line).toMatchObject({ level: 30, outcome: 'cancelled', clientClosed: true, msg: 'graphql request' });
    expect(lines.filter((l) => (l['level'] as number) >= 50)).toEqual([]);
    expect(await stack.metrics.render().then(({ body }) => seriesValue(body, 'graphql_requests_total', { operation: 'anonymous', outcome: 'cancelled' }))).toBe(3);
  });

  it('never contain the API key, AK/SK, signatures, tokens or a customer’s personal data', async () => {
    const world = stack.simulator.state.world;
    const { ak, sk } = stack.simulator.credentials;
    // Also yoga's own debug lines and the upstream-error path ran above; add a PII filter in variables.
    const someone = world.customersOf(null).find((c) => c.realName && c.email && c.telephone)!;
    await stack.graphql(CUSTOMERS, { first: 2, name: someone.realName }, AUTH);
    const text = stack.logText();
    expect(text.length).toBeGreaterThan(0);
    expect(transport.secrets.size).toBeGreaterThan(2);
    const forbidden = [API_KEY, sha256Hex(API_KEY), ak, sk, ...transport.secrets];
    for (const customer of world.customersOf(null).slice(0, 12)) {
      for (const value of [customer.realName, customer.email, customer.telephone, customer.accountName]) if (value && value.length >= 4) forbidden.push(value);
    }
    const leaked = forbidden.filter((value) => text.includes(value));
    expect(leaked).toEqual([]);
  });
});

describe('/metrics', () => {
  let stack: OpsStack;
  beforeAll(async () => {
    stack = await startOpsStack({ client: { rate: { perOperation: { ListPartnerBalances: 1 } } } });
  });
  afterAll(async () => {
    await stack.close();
  });

  const scrape = async () => {
    const response = await stack.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('exposes requests, latencies and upstream calls by operation and status matching the client’s counter', async () => {
    const query = 'query Slice { partner { domainId customers(first: 5) { totalCount edges { node { customerId balance { amount } } } } } serviceTypes { code } }';
    const result = await stack.graphql(query);
    expect(result.errors).toBeUndefined();
    const text = await scrape();
    const counts = stack.bss.counter.snapshot().requests;
    expect(Object.keys(counts).sort()).toEqual(['ListCustomersBalancesDetail', 'ListServiceTypes', 'ListSubCustomers']);
    for (const [operation, n] of Object.entries(counts)) {
      expect(seriesValue(text, 'upstream_calls_total', { operation, status: '200' })).toBe(n);
      expect(seriesValue(text, 'upstream_call_duration_seconds_count', { operation })).toBe(n);
    }
    expect(seriesValue(text, 'upstream_calls_total', { operation: 'ListSubCustomers', status: '200' })).toBe(1);
    expect(seriesValue(text, 'graphql_requests_total', { operation: 'Slice', outcome: 'success' })).toBe(1);
    expect(seriesValue(text, 'graphql_request_duration_seconds_count', { operation: 'Slice' })).toBe(1);
    expect(seriesValue(text, 'http_requests_total', { route: '/graphql', status: '200' })).toBe(1);
    expect(seriesValue(text, 'cache_misses_total', { cache: 'reference' })).toBe(1);
    expect(seriesValue(text, 'cache_hits_total', { cache: 'reference' })).toBe(0);
    expect(seriesValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts cache hits, unnamed operations, errors by code, and throttle waits', async () => {
    await stack.graphql('{ serviceTypes { code } }');
    await stack.graphql('{ nope }');
    await Promise.all([stack.bss.call(ListPartnerBalances, {}), stack.bss.call(ListPartnerBalances, {})]);
    const text = await scrape();
    expect(seriesValue(text, 'cache_hits_total', { cache: 'reference' })).toBe(1);
    expect(seriesValue(text, 'cache_misses_total', { cache: 'reference' })).toBe(1);
    expect(seriesValue(text, 'graphql_requests_total', { operation: 'anonymous', outcome: 'success' })).toBe(1);
    expect(seriesValue(text, 'graphql_requests_total', { operation: 'anonymous', outcome: 'error' })).toBe(1);
    expect(seriesValue(text, 'graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    // Two calls at once on a 1/s budget: the second queued once.
    expect(seriesValue(text, 'upstream_throttle_waits_total', { operation: 'ListPartnerBalances' })).toBe(1);
    expect(seriesValue(text, 'upstream_throttle_wait_seconds_total', { operation: 'ListPartnerBalances' })).toBeGreaterThan(0);
    expect(seriesValue(text, 'upstream_calls_total', { operation: 'ListPartnerBalances', status: '200' })).toBe(2);
  });

  it('bounds operation-name labels: ill-formed names are "invalid", names past the cap "other"', async () => {
    const { Metrics } = await import('../../src/ops/metrics.js');
    const { newScope } = await import('../../src/ops/request-scope.js');
    const metrics = new Metrics({ defaultMetrics: false, maxOperationNames: 2 });
    for (const name of ['A', 'B', 'C', 'D', 'A', 'bad name']) {
      const scope = newScope(new Request('http://x/graphql', { method: 'POST' }));
      scope.operationName = name;
      scope.hasData = true;
      metrics.observeRequest(scope, 200, 1, true);
    }
    const { body } = await metrics.render();
    expect(seriesValue(body, 'graphql_requests_total', { operation: 'A', outcome: 'success' })).toBe(2);
    expect(seriesValue(body, 'graphql_requests_total', { operation: 'B', outcome: 'success' })).toBe(1);
    expect(seriesValue(body, 'graphql_requests_total', { operation: 'other', outcome: 'success' })).toBe(2);
    expect(seriesValue(body, 'graphql_requests_total', { operation: 'invalid', outcome: 'success' })).toBe(1);
    expect(seriesValue(body, 'graphql_requests_total', { operation: 'C', outcome: 'success' })).toBeUndefined();
  });
});

describe('health endpoints', () => {
  it('/healthz answers ok without touching the upstream; /readyz proves the credentials once per TTL', async () => {
    const stack = await startOpsStack();
    try {
      stack.bss.counter.reset();
      const alive = await stack.get('/healthz');
      expect(alive.status).toBe(200);
      expect(await alive.json()).toEqual({ status: 'ok' });
      expect(stack.bss.counter.requests()).toBe(0);

      const [ready, again] = await Promise.all([stack.get('/readyz'), stack.get('/readyz')]);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['checkedAt', 'status']);
      expect(body['status']).toBe('ready');
      expect(again.status).toBe(200);
      const third = await stack.get('/readyz');
      expect(third.status).toBe(200);
      // Two concurrent probes and a third within the TTL: one upstream read.
      expect(stack.bss.counter.snapshot().requests).toEqual({ ListPartnerBalances: 1 });
    } finally {
      await stack.close();
    }
  });

  it('/readyz answers 503 with Huawei’s code when the upstream rejects the credentials, and leaks no secret', async () => {
    const stack = await startOpsStack({ credentials: (real) => ({ ...real, sk: `${real.sk.slice(0, -4)}XXXX` }) });
    try {
      const response = await stack.get('/readyz');
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        status: 'unready',
        reason: 'the upstream rejected the credentials',
        code: 'APIGW.0301',
        httpStatus: 401,
        checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(text).not.toContain(stack.simulator.credentials.ak);
      expect(text).not.toContain(stack.simulator.credentials.sk.slice(0, -4));
      // Rejections are remembered: a second probe does not spend another signature failure.
      expect((await stack.get('/readyz')).status).toBe(503);
      expect(stack.bss.counter.requests('ListPartnerBalances')).toBe(1);
      // The liveness probe does not depend on the upstream.
      expect((await stack.get('/healthz')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});

describe('yoga’s own messages', () => {
  it('go to pino: an upstream failure as a warning with its identifiers only, anything else as an error without a stack', async () => {
    const { Writable } = await import('node:stream');
    const { GraphQLError } = await import('graphql');
    const { BssError } = await import('../../src/bss/errors.js');
    const { createLog } = await import('../../src/ops/log.js');
    const { yogaLogger } = await import('../../src/logger.js');
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = yogaLogger(createLog('info', sink));
    const upstream = new BssError({ kind: 'upstream', operation: 'ListSubCustomers', code: 'CBC.0999', message: 'System error. ak:AKSECRET123456', httpStatus: 500, requestId: 'a'.repeat(32), attempts: 3 });
    logger.error(new GraphQLError('wrapped', { originalError: upstream }));
    logger.error(new TypeError('boom'));
    logger.debug('not at info');
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 40,
      component: 'yoga',
      msg: 'upstream error',
      errors: [{ type: 'BssError', operation: 'ListSubCustomers', code: 'CBC.0999', httpStatus: 500, requestId: 'a'.repeat(32), attempts: 3 }],
    });
    expect(lines[1]).toMatchObject({ level: 50, component: 'yoga', msg: 'error', errors: [{ type: 'TypeError', message: 'boom' }] });
    const text = chunks.join('');
    expect(text).not.toContain('AKSECRET123456');
    expect(text).not.toMatch(/\s+at /);
  });
});

describe('yoga’s messages about refused upstream requests', () => {
  it('are routine (info): a 4xx business answer is not the gateway’s trouble', async () => {
    const { Writable } = await import('node:stream');
    const { GraphQLError } = await import('graphql');
    const { BssError } = await import('../../src/bss/errors.js');
    const { createLog } = await import('../../src/ops/log.js');
    const { yogaLogger } = await import('../../src/logger.js');
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    });
    const refused = new BssError({ kind: 'upstream', operation: 'ListSubCustomers', code: 'CBC.0100', message: 'Invalid parameter.', httpStatus: 400, attempts: 1 });
    yogaLogger(createLog('warn', sink)).error(new GraphQLError('wrapped', { originalError: refused }));
    expect(chunks).toEqual([]);
    yogaLogger(createLog('info', sink)).error(new GraphQLError('wrapped', { originalError: refused }));
    expect(JSON.parse(chunks.join(''))).toMatchObject({ level: 30, msg: 'upstream error', errors: [{ code: 'CBC.0100', httpStatus: 400 }] });
  });
});

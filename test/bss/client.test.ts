import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BssClient, type BssClientOptions } from '../../src/bss/client.js';
import type { RequestEvent } from '../../src/bss/call-counter.js';
import { BssError } from '../../src/bss/errors.js';
import { wireNumber } from '../../src/bss/wire-json.js';
import { startFakeServer, type FakeServer } from './support/fake-server.js';
import { verifySignature } from './support/verify.js';
import {
  CheckUserIdentity,
  ListConversions,
  ListPartnerAdjustRecords,
  ListSubCustomers,
  ReclaimCouponQuotas,
  ShowCustomerOrderDetails,
  UpdateCustomerAccountAmount,
} from './support/ops.js';

const AK = 'TESTAK0123456789ABCD';
const SK = 'testsecret0123456789abcdefghijklmnop';
const DOMAIN = '0123456789abcdef0123456789abcdef';
const REQUEST_ID = 'a5322eb89048eb41d705491a76a05aca';

let server: FakeServer;
let clients: BssClient[] = [];
let sleeps: number[] = [];

beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  sleeps = [];
  server.requests.length = 0;
});

function makeClient(options: Partial<BssClientOptions> = {}): BssClient {
  const client = new BssClient({
    endpoint: server.url,
    credentials: { ak: AK, sk: SK, domainId: DOMAIN },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  clients.push(client);
  return client;
}

async function failure(promise: Promise<unknown>): Promise<BssError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BssError);
    return error as BssError;
  }
  throw new Error('expected the call to fail');
}

function expectNoSecrets(error: BssError, ...secrets: string[]): void {
  const rendered = [error.message, error.upstreamMessage, String(error), JSON.stringify(error), error.stack ?? ''].join('\n');
  for (const secret of [AK, SK, ...secrets]) expect(rendered).not.toContain(secret);
}

describe('the request on the wire', () => {
  it('GET: exact URL, Node-SDK headers, a signature the gateway can verify', async () => {
    server.handle(() => ({ body: { total_count: 0, records: [] } }));
    const client = makeClient();
    await client.call(ListPartnerAdjustRecords, { operation_type: '', customer_id: 'cust 1', offset: 0, limit: 100, trans_id: undefined });
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.rawUrl).toBe('/v3/accounts/partner-accounts/adjust-records?customer_id=cust%201&limit=100&offset=0');
    expect(req.body).toBe('');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-domain-id']).toBe(DOMAIN);
    expect(req.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req.headers['x-auth-token']).toBeUndefined();
    expect(verifySignature(req, { ak: AK, sk: SK })).toEqual({ ok: true, signedHeaders: 'content-type;host;x-domain-id;x-sdk-date' });
    expect(verifySignature(req, { ak: AK, sk: `${SK}x` }).ok).toBe(false);
  });

  it('POST: exact body bytes (lossless amounts, no empty fields), X-Language signed, path params encoded', async () => {
    server.handle(() => ({ body: {} }));
    const client = makeClient();
    await client.call(UpdateCustomerAccountAmount, { body: { customer_id: 'c-1', amount: wireNumber('123456789012.12345678'), indirect_partner_id: '' } });
    await client.call(ShowCustomerOrderDetails, { order_id: 'CS24/06', x_language: 'en_US', limit: 5 });
    const [post, get] = server.requests;
    expect(post!.rawUrl).toBe('/v2/accounts/partner-accounts/adjust-amount');
    expect(post!.body).toBe('{"customer_id":"c-1","amount":123456789012.12345678}');
    expect(verifySignature(post!, { ak: AK, sk: SK }).ok).toBe(true);
    expect(get!.rawUrl).toBe('/v2/orders/customer-orders/details/CS24%2F06?limit=5');
    expect(get!.headers['x-language']).toBe('en_US');
    expect(verifySignature(get!, { ak: AK, sk: SK })).toEqual({ ok: true, signedHeaders: 'content-type;host;x-domain-id;x-language;x-sdk-date' });
  });
});

describe('responses', () => {
  it('keeps decimals exact end to end', async () => {
    server.handle(() => ({
      body: '{"count":2,"customer_infos":[],"a":0.1,"b":12.30,"c":0.00097222,"d":123456789012.12345678,"e":7,"f":"12.50"}',
    }));
    const res = (await makeClient().call(ListSubCustomers, {})) as Record<string, unknown>;
    expect(res).toEqual({ count: 2, customer_infos: [], a: '0.1', b: '12.30', c: '0.00097222', d: '123456789012.12345678', e: 7, f: '12.50' });
  });

  it('a 204 is {}', async () => {
    server.handle(() => ({ status: 204 }));
    expect(await makeClient().call(ReclaimCouponQuotas, { body: { quota_ids: ['q1'] } })).toEqual({});
  });

  it('HTTP 200 with a business error_code is an error, not retried', async () => {
    server.handle(() => ({ status: 200, headers: { 'x-request-id': REQUEST_ID }, body: { error_code: 'CBC.5001', error_msg: 'Not a partner' } }));
    const error = await failure(makeClient().call(ListSubCustomers, {}));
    expect(error).toMatchObject({ kind: 'upstream', code: 'CBC.5001', httpStatus: 200, requestId: REQUEST_ID, operation: 'ListSubCustomers', attempts: 1 });
    expect(error.message).toBe('ListSubCustomers: CBC.5001 Not a partner');
    expect(server.requests).toHaveLength(1);
  });

  it('CBC.0000 in a success body and per-item error_details are data', async () => {
    server.handle((req) =>
      req.path.endsWith('check-identity')
        ? { body: { error_code: 'CBC.0000', error_msg: 'SUCCESS', check_result: 'available' } }
        : { body: { error_details: [{ error_code: 'CBC.99000012', error_msg: 'Quota does not exist', id: 'q1' }] } },
    );
    const client = makeClient();
    expect(await client.call(CheckUserIdentity, { body: { search_type: 'name', search_value: 'abcde' } })).toEqual({
      error_code: 'CBC.0000',
      error_msg: 'SUCCESS',
      check_result: 'available',
    });
    expect(await client.call(ReclaimCouponQuotas, { body: { quota_ids: ['q1'] } })).toEqual({
      error_details: [{ error_code: 'CBC.99000012', error_msg: 'Quota does not exist', id: 'q1' }],
    });
  });

  it('a gateway error body: code, message, request id, and no AK or security token in the message', async () => {
    const securityToken = 'securitytoken-abcdefghijklmnopqrstuvwxyz';
    server.handle(() => ({
      status: 401,
      headers: { 'x-request-id': REQUEST_ID },
      body: {
        error_code: 'APIGW.0301',
        error_msg: `Incorrect IAM authentication information: Get secretKey failed,ak:${AK},err:ak not exist,canonicalRequest:GET|/x/|x-security-token:${securityToken}|`,
        request_id: REQUEST_ID,
      },
    }));
    const client = makeClient({ credentials: { ak: AK, sk: SK, domainId: DOMAIN, securityToken } });
    const error = await failure(client.call(ListSubCustomers, {}));
    expect(error).toMatchObject({ kind: 'upstream', code: 'APIGW.0301', httpStatus: 401, requestId: REQUEST_ID, attempts: 1 });
    expect(error.upstreamMessage).toBe(
      'Incorrect IAM authentication information: Get secretKey failed,ak:***,err:ak not exist,canonicalRequest:GET|/x/|x-security-token:***|',
    );
    expectNoSecrets(error, securityToken);
    expect(server.requests).toHaveLength(1);
  });

  it('parses CBC, Keystone and code/message bodies, and non-JSON error pages', async () => {
    const bodies = [
      { status: 400, body: { error_code: 'CBC.0100', error_msg: 'Parameter error: limit must be 1-100.' } },
      { status: 403, body: { error: { code: 403, message: 'You have no right to do this action', title: 'Forbidden' } } },
      { status: 400, body: { code: 'CBC.0101', message: 'Invalid parameter' } },
      { status: 409, body: { detail: { error_code: 'CBC.99000037', error_msg: 'nested' } } },
      { status: 502, body: '<html><body>Bad   Gateway</body></html>' },
    ];
    server.handle((_req, i) => bodies[i]!);
    const client = makeClient();
    const errors: BssError[] = [];
    for (let i = 0; i < bodies.length; i++) errors.push(await failure(client.call(UpdateCustomerAccountAmount, { body: { customer_id: 'c', amount: 1 } })));
    expect(errors.map((e) => [e.httpStatus, e.code, e.upstreamMessage])).toEqual([
      [400, 'CBC.0100', 'Parameter error: limit must be 1-100.'],
      [403, '403', 'You have no right to do this action'],
      [400, 'CBC.0101', 'Invalid parameter'],
      [409, 'CBC.99000037', 'nested'],
      [502, 'HTTP.502', '<html><body>Bad Gateway</body></html>'],
    ]);
  });

  it('a 2xx body that is not JSON is TRANSPORT.BAD_JSON', async () => {
    server.handle(() => ({ status: 200, body: 'not json{' }));
    const error = await failure(makeClient().call(UpdateCustomerAccountAmount, { body: { customer_id: 'c', amount: 1 } }));
    // A write: it was carried out, only its answer is unreadable, so the kind says "reconcile me".
    expect(error).toMatchObject({ kind: 'answer-lost', code: 'TRANSPORT.BAD_JSON', httpStatus: 200 });
  });
});

describe('retries', () => {
  const throttled = { status: 429, body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second', request_id: REQUEST_ID } };

  it('a throttled read is retried to success after 2–5 s delays', async () => {
    server.handle((_req, i) => (i < 2 ? throttled : { body: { count: 0, customer_infos: [] } }));
    const client = makeClient();
    expect(await client.call(ListSubCustomers, {})).toEqual({ count: 0, customer_infos: [] });
    expect(server.requests).toHaveLength(3);
    expect(client.counter.requests('ListSubCustomers')).toBe(3);
    expect(client.counter.calls('ListSubCustomers')).toBe(1);
    // random() = 0.5: 2000 + 0.5 × 3000, after each throttle; rate-budget waits are the other sleeps.
    expect(sleeps.filter((ms) => ms >= 2000)).toEqual([3500, 3500]);
  });

  it('CBC.0250 (BSS flow control) and APIG.0308 are throttles too', async () => {
    server.handle((_req, i) =>
      i === 0
        ? { status: 429, body: { error_code: 'CBC.0250', error_msg: 'message flow control' } }
        : i === 1
          ? { status: 429, body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' } }
          : { body: {} },
    );
    await makeClient().call(ListConversions, {});
    expect(server.requests).toHaveLength(3);
  });

  it('a write is never retried: throttled, 5xx or timed out, exactly one request', async () => {
    // Only the hanging case gets the short deadline: a loaded machine may take longer than it to answer.
    const client = makeClient();
    const impatient = makeClient({ timeouts: { responseMs: 150 } });
    const write = (c: BssClient) => c.call(UpdateCustomerAccountAmount, { body: { customer_id: 'c', amount: wireNumber('1.00') } });
    server.handle(() => throttled);
    expect(await failure(write(client))).toMatchObject({ code: 'APIGW.0308', httpStatus: 429, attempts: 1 });
    server.handle(() => ({ status: 500, body: { error_code: 'CBC.0999', error_msg: 'Other error' } }));
    expect(await failure(write(client))).toMatchObject({ code: 'CBC.0999', httpStatus: 500, attempts: 1 });
    server.handle(() => ({ hang: true }));
    // A write that left and got no answer has an unknown outcome: answer-lost, for the caller to reconcile.
    expect(await failure(write(impatient))).toMatchObject({ kind: 'answer-lost', code: 'TRANSPORT.TIMEOUT', attempts: 1 });
    expect(server.requests).toHaveLength(3);
    expect(client.counter.requests('UpdateCustomerAccountAmount')).toBe(2);
    expect(impatient.counter.requests('UpdateCustomerAccountAmount')).toBe(1);
  });

  it('5xx on a read is retried with bounded attempts and exponential full-jitter delays', async () => {
    server.handle(() => ({ status: 503, headers: { 'x-request-id': REQUEST_ID }, body: { error_code: 'APIGW.0201', error_msg: 'Backend unavailable.' } }));
    // Time moves only by the sleeps, so the rate budget's waits (which depend on how long each exchange took)
    // are not mixed in: every back-off is at least the 100 ms slot of the 10/s budget, which never sleeps.
    let now = 1_000_000;
    const client = makeClient({
      clock: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    const error = await failure(client.call(ListConversions, {}));
    expect(error).toMatchObject({ code: 'APIGW.0201', httpStatus: 503, attempts: 5, requestId: REQUEST_ID });
    expect(server.requests).toHaveLength(5);
    // 0.5 × min(5000, 200 · 2^(n−1)) for n = 1..4
    expect(sleeps).toEqual([100, 200, 400, 800]);
  });

  describe('a 200 whose JSON body is cut (TRANSPORT.BAD_JSON)', () => {
    const cut = { status: 200, body: '{"count":0,"conversions":[{"measure_id":' };

    it('a read is retried like a 5xx: backoff with jitter, a rate-budget slot before each attempt, counted as a retry', async () => {
      let now = 1_000_000;
      const events: RequestEvent[] = [];
      const waits: { operation: string; waitedMs: number }[] = [];
      server.handle((_req, i) => (i === 0 ? cut : { body: { count: 0, conversions: [] } }));
      const client = makeClient({
        clock: () => now,
        sleep: async (ms) => {
          sleeps.push(ms);
          now += ms;
        },
        rate: { perOperation: { ListConversions: 1 } },
        onRequest: (e) => events.push(e),
        onThrottleWait: (e) => waits.push(e),
      });
      expect(await client.call(ListConversions, {})).toEqual({ count: 0, conversions: [] });
      expect(server.requests).toHaveLength(2);
      expect(client.counter.requests('ListConversions')).toBe(2);
      expect(client.counter.calls('ListConversions')).toBe(1);
      // 0.5 × 200 ms of back-off, then the rest of the 1 s slot of a 1/s budget.
      expect(sleeps).toEqual([100, 900]);
      expect(waits).toEqual([{ operation: 'ListConversions', waitedMs: 900 }]);
      expect(events.map((e) => [e.attempt, e.status, e.errorCode])).toEqual([
        [1, 200, 'TRANSPORT.BAD_JSON'],
        [2, 200, undefined],
      ]);
    });

    it('a read that is always cut fails with TRANSPORT.BAD_JSON after maxAttempts', async () => {
      server.handle(() => cut);
      const client = makeClient({ retry: { maxAttempts: 3 } });
      const error = await failure(client.call(ListConversions, {}));
      expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.BAD_JSON', httpStatus: 200, attempts: 3, operation: 'ListConversions' });
      expect(server.requests).toHaveLength(3);
    });

    it('a write is attempted exactly once', async () => {
      server.handle((_req, i) => (i === 0 ? cut : { body: {} }));
      const client = makeClient();
      const error = await failure(client.call(UpdateCustomerAccountAmount, { body: { customer_id: 'c', amount: wireNumber('1.00') } }));
      expect(error).toMatchObject({ kind: 'answer-lost', code: 'TRANSPORT.BAD_JSON', httpStatus: 200, attempts: 1 });
      expect(server.requests).toHaveLength(1);
      expect(client.counter.requests('UpdateCustomerAccountAmount')).toBe(1);
    });
  });

  it('4xx (other than 429) is final even for a read', async () => {
    server.handle(() => ({ status: 400, body: { error_code: 'CBC.0100', error_msg: 'bad limit' } }));
    await failure(makeClient().call(ListConversions, {}));
    expect(server.requests).toHaveLength(1);
  });

  it('stops retrying when the next attempt could end past the total time budget', async () => {
    let now = 1_000_000;
    server.handle(() => throttled);
    const client = makeClient({
      clock: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      retry: { maxAttempts: 10, totalTimeMs: 8_000 },
      timeouts: { readMs: 1_000 },
    });
    const error = await failure(client.call(ListConversions, {}));
    // Throttle delays are 3.5 s and a retry must fit with its 1 s deadline: retries start at 3.5 s (could end at
    // 4.5 s) and 7 s (8 s); one more after attempt 3 would start at 10.5 s > 8 s.
    expect(error.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('a read that times out is retried, then fails with TRANSPORT.TIMEOUT', async () => {
    server.handle(() => ({ hang: true }));
    const client = makeClient({ timeouts: { responseMs: 150 }, retry: { maxAttempts: 2 } });
    const error = await failure(client.call(ListConversions, {}));
    expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.TIMEOUT', attempts: 2, operation: 'ListConversions' });
    expect(server.requests).toHaveLength(2);
    expectNoSecrets(error);
  });

  it('a refused connection is TRANSPORT.CONNECTION after bounded retries', async () => {
    const closed = await startFakeServer();
    const url = closed.url;
    await closed.close();
    const client = makeClient({ endpoint: url, retry: { maxAttempts: 3 } });
    const error = await failure(client.call(ListConversions, {}));
    expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.CONNECTION', attempts: 3 });
    expect(client.counter.requests('ListConversions')).toBe(3);
  });

  it('a write whose connection is refused never left: transport, not answer-lost, one attempt', async () => {
    const closed = await startFakeServer();
    const url = closed.url;
    await closed.close();
    const client = makeClient({ endpoint: url });
    const error = await failure(client.call(UpdateCustomerAccountAmount, { body: { customer_id: 'c', amount: wireNumber('1.00') } }));
    expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.CONNECTION', attempts: 1 });
    expect(client.counter.requests('UpdateCustomerAccountAmount')).toBe(1);
  });

  it('an abort from the caller ends the call at once, without retries', async () => {
    server.handle(() => ({ hang: true }));
    const client = makeClient({ timeouts: { responseMs: 5_000 } });
    const controller = new AbortController();
    const pending = client.call(ListConversions, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).toMatchObject({ kind: 'transport', code: 'TRANSPORT.ABORTED', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('observability', () => {
  it('onRequest sees every attempt: operation, status, attempt number, error code; never a secret', async () => {
    const events: RequestEvent[] = [];
    server.handle((_req, i) => (i === 0 ? { status: 500, headers: { 'x-request-id': REQUEST_ID }, body: { error_code: 'CBC.0999', error_msg: 'x' } } : { body: {} }));
    const client = makeClient({ onRequest: (e) => events.push(e) });
    await client.call(ListConversions, {});
    expect(events.map(({ durationMs: _d, ...e }) => e)).toEqual([
      { operation: 'ListConversions', status: 500, attempt: 1, errorCode: 'CBC.0999', requestId: REQUEST_ID, caller: 'partner' },
      { operation: 'ListConversions', status: 200, attempt: 2, errorCode: undefined, requestId: undefined, caller: 'partner' },
    ]);
    expect(JSON.stringify(events)).not.toContain(AK);
  });

  it('the counter snapshots and resets', async () => {
    server.handle(() => ({ body: {} }));
    const client = makeClient();
    await client.call(ListConversions, {});
    await client.call(ListConversions, {});
    const snapshot = client.counter.snapshot();
    expect(snapshot).toEqual({ requests: { ListConversions: 2 }, calls: { ListConversions: 2 }, totalRequests: 2, totalCalls: 2 });
    client.counter.reset();
    expect(client.counter.snapshot()).toEqual({ requests: {}, calls: {}, totalRequests: 0, totalCalls: 0 });
    expect(snapshot.totalRequests).toBe(2);
  });

  it('misuse of caller classes is a programming error, with no request made', async () => {
    const client = makeClient();
    await expect(client.call(ListSubCustomers, {}, { customerId: 'c1' })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

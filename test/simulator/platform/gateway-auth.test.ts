/**
 * Authentication at the simulated API gateway, through real HTTP: what both SDK cores send is accepted, and
 * every rejection answers with the exact status and body of huawei-auth-and-errors.md §6 / §9.3.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatSdkDate } from '../../../src/bss/signer.js';
import { call, customerToken, expectCbcError, expectGatewayError, partnerToken, send, startHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  // Many tests here fail signatures on purpose; the lock-out has its own simulator below.
  h = await startHarness({ akLockout: { lockAfter: 10_000 } });
});
afterAll(async () => {
  await h.sim.close();
});
beforeEach(() => {
  h.clock.offsetMs = 0;
  h.clock.frozen = null;
  h.sim.resetThrottle();
});

const AUTH_PREFIX = 'Incorrect IAM authentication information: ';

describe('accepted signatures', () => {
  it('Node style: content-type;host;x-domain-id;x-sdk-date, JSON body without newline', async () => {
    const res = await call(h, { method: 'POST', path: '/v2/test/partners/p-1/echo', body: '{"offset":0,"limit":10}' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      caller: { kind: 'partner', domainId: h.sim.credentials.domainId, via: 'aksk' },
      path_params: { item_id: 'p-1' },
      query: {},
      body: { offset: 0, limit: 10 },
      language: 'zh_CN',
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('Go style: user-agent;x-domain-id;x-sdk-date, body with the trailing newline json.Encoder writes', async () => {
    let signedHeaders = '';
    const res = await call(h, {
      method: 'POST',
      path: '/v2/test/partners/p-2/echo?b=x%20y&a=2&a=1',
      body: '{"Name":"test","Id":1.50}\n',
      style: 'go',
      tamper: (req) => {
        signedHeaders = /SignedHeaders=([^,]+)/.exec(req.headers.Authorization!)![1]!;
      },
    });
    expect(signedHeaders).toBe('user-agent;x-domain-id;x-sdk-date');
    expect(res.status).toBe(200);
    expect(res.json.body).toEqual({ Name: 'test', Id: '1.50' });
    expect(res.json.query).toEqual({ a: ['2', '1'], b: ['x y'] });
  });

  it('SDK-HMAC-SM3 and V11-HMAC-SHA256 (global region "globe")', async () => {
    expect((await call(h, { path: '/v2/test/either', algorithm: 'SDK-HMAC-SM3' })).status).toBe(200);
    const v11 = await call(h, { path: '/v2/test/either', algorithm: 'V11-HMAC-SHA256', derived: { region: 'globe', service: 'bss' } });
    expect(v11.status).toBe(200);
    expect(v11.json).toEqual({ kind: 'partner', amount: 12.3 });
    expect(v11.text).toBe('{"kind":"partner","amount":12.30}');
  });

  it('without X-Domain-Id, with a trailing slash on the wire, and with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD', async () => {
    expect((await call(h, { path: '/v2/test/either', tamper: () => {}, headers: {} })).status).toBe(200);
    expect((await call(h, { path: '/v2/test/either/' })).status).toBe(200);
    const unsigned = await call(h, {
      method: 'POST',
      path: '/v2/test/partners/p-3/echo',
      body: '{"a":1}',
      headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    });
    expect(unsigned.status).toBe(200);
  });

  it('a bare query key and a literal + are signed and read as Go sends them', async () => {
    const res = await call(h, { method: 'POST', path: '/v2/test/partners/p-4/echo?empty&plus=1+2&multi=b&multi=a', body: '' });
    expect(res.status).toBe(200);
    expect(res.json.query).toEqual({ empty: [''], plus: ['1+2'], multi: ['b', 'a'] });
    expect(res.json.body).toBeNull();
  });

  it('percent-encoded path parameters are decoded for the handler', async () => {
    const res = await call(h, { method: 'POST', path: '/v2/test/partners/a%20b(c)/echo', body: '{}' });
    expect(res.status).toBe(200);
    expect(res.json.path_params).toEqual({ item_id: 'a b(c)' });
  });
});

describe('rejected signatures', () => {
  it('no credentials at all', async () => {
    expectGatewayError(await call(h, { path: '/v2/test/either', key: null }), 401, 'APIGW.0301', `${AUTH_PREFIX}x-auth-token not found`);
  });

  it('unknown AK', async () => {
    expectGatewayError(
      await call(h, { path: '/v2/test/either', key: { ak: 'NOSUCHAK', sk: 'x' } }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}Get secretKey failed,ak:NOSUCHAK,err:ak not exist`,
    );
  });

  it('wrong SK: mismatch with our canonical request (newlines shown as |)', async () => {
    const date = formatSdkDate(h.clock.now());
    const res = await call(h, { path: '/v2/test/either?a=1', key: { ak: h.sim.credentials.ak, sk: 'wrong' }, sdkDate: date });
    const host = new URL(h.sim.url).host;
    const canonical = [
      'GET',
      '/v2/test/either/',
      'a=1',
      'content-type:application/json',
      `host:${host}`,
      `x-domain-id:${h.sim.credentials.domainId}`,
      `x-sdk-date:${date}`,
      '',
      'content-type;host;x-domain-id;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('|');
    expectGatewayError(res, 401, 'APIGW.0301', `${AUTH_PREFIX}verify aksk signature fail,canonicalRequest:${canonical}`);
  });

  const mismatch = (res: Awaited<ReturnType<typeof call>>): void => {
    expect(res.status).toBe(401);
    expect(res.json.error_code).toBe('APIGW.0301');
    expect(res.json.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail,canonicalRequest:/);
    expect(res.headers.get('x-request-id')).toBe(res.json.request_id);
  };

  it('tampered body byte (Node and Go style)', async () => {
    mismatch(await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: '{"limit":10}', tamper: (r) => void (r.body = '{"limit":11}') }));
    mismatch(await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: '{"limit":10}\n', style: 'go', tamper: (r) => void (r.body = '{"limit":10}') }));
  });

  it('tampered query, path, signed header, method', async () => {
    mismatch(await call(h, { path: '/v2/test/either?a=1', tamper: (r) => void (r.path = '/v2/test/either?a=2') }));
    mismatch(await call(h, { path: '/v2/test/either?a=1', tamper: (r) => void (r.path = '/v2/test/either?a=1&b=') }));
    mismatch(await call(h, { method: 'POST', path: '/v2/test/partners/p1/echo', body: '{}', tamper: (r) => void (r.path = '/v2/test/partners/p2/echo') }));
    mismatch(await call(h, { path: '/v2/test/either', tamper: (r) => void (r.headers['X-Domain-Id'] = '0'.repeat(32)) }));
    mismatch(await call(h, { path: '/v2/test/either', style: 'go', tamper: (r) => void (r.headers['User-Agent'] = 'proxy/1.0') }));
    mismatch(await call(h, { path: '/v2/test/either', tamper: (r) => void (r.headers['Content-Type'] = 'text/plain') }));
  });

  it('a signed header that is not sent', async () => {
    mismatch(await call(h, { path: '/v2/test/either', headers: { 'X-Extra': 'v' }, tamper: (r) => void delete r.headers['X-Extra'] }));
  });

  it('unsigned headers may change freely', async () => {
    const res = await call(h, { path: '/v2/test/either', tamper: (r) => void (r.headers['X-Unsigned'] = 'anything') });
    expect(res.status).toBe(200);
  });

  it('missing, unsigned and malformed X-Sdk-Date', async () => {
    expectGatewayError(
      await call(h, { path: '/v2/test/either', tamper: (r) => void delete r.headers['X-Sdk-Date'] }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}x-sdk-date not found`,
    );
    expectGatewayError(
      await call(h, {
        path: '/v2/test/either',
        tamper: (r) => void (r.headers.Authorization = r.headers.Authorization!.replace(';x-sdk-date,', ',')),
      }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}x-sdk-date is not in SignedHeaders`,
    );
    expectGatewayError(
      await call(h, { path: '/v2/test/either', sdkDate: '2026-11-15T04:00:00Z' }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}x-sdk-date format invalid, signature time:2026-11-15T04:00:00Z`,
    );
  });

  it('clock skew over 15 minutes either way; 15 minutes exactly is accepted', async () => {
    h.clock.frozen = Date.parse('2026-11-15T04:00:00Z');
    expect((await call(h, { path: '/v2/test/either', sdkDate: '20261115T041500Z' })).status).toBe(200);
    expect((await call(h, { path: '/v2/test/either', sdkDate: '20261115T034500Z' })).status).toBe(200);
    expectGatewayError(
      await call(h, { path: '/v2/test/either', sdkDate: '20261115T041501Z' }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}signature expired, signature time:20261115T041501Z,server time:20261115T040000Z`,
    );
    expectGatewayError(
      await call(h, { path: '/v2/test/either', sdkDate: '20261115T034459Z' }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}signature expired, signature time:20261115T034459Z,server time:20261115T040000Z`,
    );
  });

  it('unknown algorithm and malformed Authorization', async () => {
    const message = `${AUTH_PREFIX}Authorization header format invalid or signing algorithm not supported`;
    expectGatewayError(
      await call(h, { path: '/v2/test/either', tamper: (r) => void (r.headers.Authorization = r.headers.Authorization!.replace('SDK-HMAC-SHA256', 'SDK-ECDSA-P256-SHA256')) }),
      401,
      'APIGW.0301',
      message,
    );
    expectGatewayError(await call(h, { path: '/v2/test/either', tamper: (r) => void (r.headers.Authorization = 'Basic dXNlcjpwYXNz') }), 401, 'APIGW.0301', message);
  });

  it('X-Domain-Id of another account with a valid signature (inferred: 401 APIGW.0301)', async () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    expectGatewayError(
      await call(h, { path: '/v2/test/either', headers: { 'X-Domain-Id': other } }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}the ak does not belong to the domain in x-domain-id,domain_id:${other}`,
    );
  });
});

describe('AK lock-out', () => {
  it('more than five consecutive failures lock the AK for five minutes, even with a correct signature', async () => {
    const lockH = await startHarness();
    try {
      const bad = { ak: lockH.sim.credentials.ak, sk: 'wrong' };
      for (let i = 1; i <= 5; i++) expect((await call(lockH, { path: '/v2/test/either', key: bad })).json.error_msg).toMatch(/verify aksk signature fail/);
      // A success resets the count.
      expect((await call(lockH, { path: '/v2/test/either' })).status).toBe(200);
      for (let i = 1; i <= 6; i++) expect((await call(lockH, { path: '/v2/test/either', key: bad })).json.error_msg).toMatch(/verify aksk signature fail/);
      const locked = `${AUTH_PREFIX}AK access failed to reach the limit,forbidden.`;
      expectGatewayError(await call(lockH, { path: '/v2/test/either' }), 401, 'APIGW.0301', locked);
      lockH.clock.offsetMs = 5 * 60_000 - 2_000;
      expectGatewayError(await call(lockH, { path: '/v2/test/either' }), 401, 'APIGW.0301', locked);
      lockH.clock.offsetMs = 5 * 60_000 + 1_000;
      expect((await call(lockH, { path: '/v2/test/either' })).status).toBe(200);
    } finally {
      await lockH.sim.close();
    }
  });
});

describe('temporary AK/SK with X-Security-Token', () => {
  it('accepted with its token, as the account it belongs to; rejected without it or after expiry', async () => {
    const customer = h.sim.state.world.customers[0]!;
    h.sim.registerTemporaryCredentials({
      ak: 'TEMPAK0001',
      sk: 'temp-secret',
      securityToken: 'sts-token-1',
      domainId: customer.customerId,
      kind: 'customer',
      expiresAt: new Date(h.clock.now().getTime() + 60_000),
    });
    const key = { ak: 'TEMPAK0001', sk: 'temp-secret' };
    const ok = await call(h, { path: '/v2/test/customer/whoami', key, headers: { 'X-Domain-Id': customer.customerId, 'X-Security-Token': 'sts-token-1' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ domain_id: customer.customerId, via: 'aksk' });
    expectGatewayError(
      await call(h, { path: '/v2/test/customer/whoami', key, headers: { 'X-Domain-Id': customer.customerId } }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}verify security token fail`,
    );
    h.clock.offsetMs = 61_000;
    expectGatewayError(
      await call(h, { path: '/v2/test/customer/whoami', key, headers: { 'X-Domain-Id': customer.customerId, 'X-Security-Token': 'sts-token-1' } }),
      401,
      'APIGW.0301',
      `${AUTH_PREFIX}The securitytoken has expired.`,
    );
  });
});

describe('tokens at the gateway (X-Auth-Token)', () => {
  const withToken = (token: string, path = '/v2/test/either') => send(h, 'GET', path, { 'Content-Type': 'application/json', 'X-Auth-Token': token });

  it('a partner password token and a customer assume_role token are accepted as who they are', async () => {
    const p = await withToken(await partnerToken(h));
    expect(p.status).toBe(200);
    expect(p.json.kind).toBe('partner');
    const c = await withToken(await customerToken(h));
    expect(c.status).toBe(200);
    expect(c.json.kind).toBe('customer');
  });

  it('not found (empty header), garbage, expired, revoked, revoked by domain', async () => {
    expectGatewayError(await withToken(''), 401, 'APIGW.0301', `${AUTH_PREFIX}x-auth-token not found`);
    expectGatewayError(await withToken('MIIgarbage'), 401, 'APIGW.0301', `${AUTH_PREFIX}decrypt token fail`);

    const expiring = await partnerToken(h);
    h.clock.frozen = Date.parse('2030-01-01T00:00:00Z');
    h.sim.expireToken(expiring);
    expectGatewayError(await withToken(expiring), 401, 'APIGW.0301', `${AUTH_PREFIX}token expires, expires_at: 2029-12-31T23:59:59.999000Z`);
    h.clock.frozen = null;

    const revoked = await partnerToken(h);
    expect(h.sim.revokeToken(revoked)).toBe(true);
    expectGatewayError(await withToken(revoked), 401, 'APIGW.0307', 'The token must be updated.');

    const customer = await customerToken(h);
    const customerDomain = h.sim.state.world.customers.find((c) => c.agency)!.customerId;
    expect(h.sim.revokeDomainTokens(customerDomain)).toBeGreaterThanOrEqual(1);
    expectGatewayError(await withToken(customer), 401, 'APIGW.0307', 'The token must be updated.');
    // Other accounts' tokens live on.
    expect((await withToken(await partnerToken(h))).status).toBe(200);
  });

  it('a token that outlives its lifetime expires by itself', async () => {
    const shortH = await startHarness({ tokenLifetimeMs: 60_000 });
    try {
      const token = await partnerToken(shortH);
      const ok = await send(shortH, 'GET', '/v2/test/either', { 'X-Auth-Token': token });
      expect(ok.status).toBe(200);
      shortH.clock.offsetMs = 61_000;
      const res = await send(shortH, 'GET', '/v2/test/either', { 'X-Auth-Token': token });
      expect(res.status).toBe(401);
      expect(res.json.error_msg).toMatch(/^Incorrect IAM authentication information: token expires, expires_at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000Z$/);
    } finally {
      await shortH.sim.close();
    }
  });
});

describe('who may call', () => {
  it('partner credentials on a customer-only operation → 403 CBC.0151', async () => {
    expectCbcError(
      await call(h, { path: '/v2/test/customer/whoami' }),
      403,
      'CBC.0151',
      'Access denied. This API accepts only customer credentials (a token obtained through IAM assume_role).',
    );
    expectCbcError(
      await send(h, 'GET', '/v2/test/customer/whoami', { 'X-Auth-Token': await partnerToken(h) }),
      403,
      'CBC.0151',
      'Access denied. This API accepts only customer credentials (a token obtained through IAM assume_role).',
    );
  });

  it('a customer token on a partner-only operation → 403 CBC.0151; on a customer-only one → its account', async () => {
    const token = await customerToken(h);
    expectCbcError(
      await send(h, 'POST', '/v2/test/partners/x/echo', { 'X-Auth-Token': token }, '{}'),
      403,
      'CBC.0151',
      'Access denied. This API accepts only partner credentials.',
    );
    const ok = await send(h, 'GET', '/v2/test/customer/whoami', { 'X-Auth-Token': token });
    expect(ok.json).toEqual({ domain_id: h.sim.state.world.customers.find((c) => c.agency)!.customerId, via: 'token' });
  });
});

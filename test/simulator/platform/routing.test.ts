/**
 * Routing, body limits, throttling, request parsing and error mapping of the simulator's gateway.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allOperations } from '../../../src/bss/operations/index.js';
import { handlers } from '../../../src/simulator/handlers/index.js';
import { startSimulator } from '../../../src/simulator/server.js';
import { call, customerToken, expectCbcError, expectGatewayError, send, startHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});
beforeEach(() => {
  h.clock.offsetMs = 0;
  h.clock.frozen = null;
  h.sim.resetThrottle();
});

describe('routing', () => {
  it('unknown path → 404 APIGW.0101, before authentication', async () => {
    const message = 'The API does not exist or has not been published in the environment.';
    expectGatewayError(await send(h, 'GET', '/v2/nothing/here', {}), 404, 'APIGW.0101', message);
    expectGatewayError(await call(h, { path: '/v2/test/either/extra' }), 404, 'APIGW.0101', message);
    expect((await send(h, 'GET', '/v2/nothing/here', {})).headers.get('content-type')).toBe('application/json');
  });

  it('known path, undefined method → 404 APIGW.0101 "The API does not exist."', async () => {
    expectGatewayError(await call(h, { method: 'PUT', path: '/v2/test/either', body: '{}' }), 404, 'APIGW.0101', 'The API does not exist.');
  });

  it('literal segments win over path parameters; methods pick between routes of one path', async () => {
    expect((await call(h, { path: '/v2/test/partners/special/echo' })).json).toEqual({ literal: true });
    expect((await call(h, { path: '/v2/test/partners/other/echo' })).json.path_params).toEqual({ item_id: 'other' });
    expect((await call(h, { method: 'POST', path: '/v2/test/partners/special/echo', body: '{}' })).json.path_params).toEqual({ item_id: 'special' });
  });

  it('serves every operation of the reference catalogue: each has a handler', () => {
    expect(allOperations.length).toBe(71);
    expect(allOperations.filter((op) => !handlers[op.name]).map((op) => op.name)).toEqual([]);
  });

  it('every response carries a fresh 32-hex X-Request-Id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await call(h, { path: '/v2/test/either' });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      ids.add(res.headers.get('x-request-id')!);
    }
    expect(ids.size).toBe(5);
  });

  it('a body over 12 MB → 413 APIGW.0201; 12 MB exactly is read', async () => {
    const big = 'x'.repeat(12 * 1024 * 1024 + 1);
    expectGatewayError(await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: big }), 413, 'APIGW.0201', 'Request entity too large.');
    const limit = `"${'x'.repeat(12 * 1024 * 1024 - 2)}"`;
    const res = await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: limit });
    expect(res.status).toBe(200);
    expect(res.json.body.length).toBe(12 * 1024 * 1024 - 2);
  });
});

describe('request parsing and responses', () => {
  it('X-Language normalised case-insensitively, default zh_CN', async () => {
    const lang = async (value?: string) =>
      (await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: '{}', headers: value === undefined ? {} : { 'X-Language': value } })).json.language;
    expect(await lang()).toBe('zh_CN');
    expect(await lang('en_us')).toBe('en_US');
    expect(await lang('EN-US')).toBe('en_US');
    expect(await lang('zh_cn')).toBe('zh_CN');
    expect(await lang('fr_FR')).toBe('zh_CN');
  });

  it('JSON bodies are parsed losslessly: fractions and big integers stay exact strings', async () => {
    const res = await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: '{"amount":0.1,"big":12345678901234567890,"n":3}' });
    expect(res.json.body).toEqual({ amount: '0.1', big: '12345678901234567890', n: 3 });
  });

  it('malformed JSON → 400 CBC.0100 naming the body', async () => {
    expectCbcError(await call(h, { method: 'POST', path: '/v2/test/partners/p/echo', body: '{"limit":' }), 400, 'CBC.0100', 'Parameter error: request body is not valid JSON.');
  });

  it('money written as bare JSON numbers with their digits', async () => {
    const res = await call(h, { path: '/v2/test/either' });
    expect(res.text).toBe('{"kind":"partner","amount":12.30}');
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  });

  it('a handler CbcError → its status and body; any other exception → 500 CBC.0999, logged, server alive', async () => {
    expectCbcError(await call(h, { path: '/v2/test/cbc' }), 400, 'CBC.99003012', 'Resource ID does not exist.');
    const before = h.logs.length;
    expectCbcError(await call(h, { path: '/v2/test/boom' }), 500, 'CBC.0999', 'System error.');
    expect(h.logs.length).toBe(before + 1);
    expect(h.logs.at(-1)).toMatch(/^\[simulator\] request [0-9a-f]{32} failed: Error: handler bug/);
    expect((await call(h, { path: '/v2/test/either' })).status).toBe(200);
  });

  it('204 has no body', async () => {
    const res = await call(h, { method: 'DELETE', path: '/v2/test/either' });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });
});

describe('throttling', () => {
  it('the 11th call within one second → 429 APIGW.0308; the next second is fresh', async () => {
    h.clock.frozen = Date.parse('2026-11-15T04:00:00.100Z');
    for (let i = 0; i < 10; i++) expect((await call(h, { path: '/v2/test/either' })).status).toBe(200);
    expectGatewayError(
      await call(h, { path: '/v2/test/either' }),
      429,
      'APIGW.0308',
      'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second',
    );
    // Another API of the same credential has its own quota.
    expect((await call(h, { method: 'DELETE', path: '/v2/test/either' })).status).toBe(204);
    h.clock.frozen = Date.parse('2026-11-15T04:00:01.000Z');
    expect((await call(h, { path: '/v2/test/either' })).status).toBe(200);
  });

  it('per credential: a customer token has its own quota; an operation with ratePerSecond 30 allows 30', async () => {
    h.clock.frozen = Date.parse('2026-11-15T04:00:02.000Z');
    for (let i = 0; i < 30; i++) expect((await call(h, { path: '/v2/test/fast' })).status).toBe(200);
    const over = await call(h, { path: '/v2/test/fast' });
    expectGatewayError(over, 429, 'APIGW.0308', 'The throttling threshold has been reached: policy user over ratelimit,limit:30,time:1 second');
    const token = await customerToken(h);
    expect((await send(h, 'GET', '/v2/test/fast', { 'X-Auth-Token': token })).status).toBe(200);
  });

  it('rejected requests do not use the quota, and throttling can be turned off', async () => {
    const off = await startHarness({ throttle: false });
    try {
      off.clock.frozen = Date.parse('2026-11-15T04:00:00Z');
      for (let i = 0; i < 25; i++) expect((await call(off, { path: '/v2/test/either' })).status).toBe(200);
    } finally {
      await off.sim.close();
    }
    h.clock.frozen = Date.parse('2026-11-15T04:00:03.000Z');
    for (let i = 0; i < 12; i++) expect((await call(h, { path: '/v2/test/either', key: null })).status).toBe(401);
    expect((await call(h, { path: '/v2/test/either' })).status).toBe(200);
  });
});

describe('startup', () => {
  it('20,000 customers start in well under two seconds', async () => {
    // Measured in this process's CPU time, not wall time: on a machine shared with other work the wall clock
    // says how busy the machine is (3 s with two busy processes on two cores), not how much starting costs.
    const began = process.cpuUsage();
    const sim = await startSimulator({ port: 0, customers: 20_000, seed: 3 });
    try {
      const spent = process.cpuUsage(began);
      expect((spent.user + spent.system) / 1000).toBeLessThan(2_000);
      expect(sim.state.world.customers.length).toBe(20_000);
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    } finally {
      await sim.close();
    }
  });

  it('partner credentials come from the options, else the demo partner', async () => {
    expect(h.sim.credentials).toEqual({
      ak: 'PGDEMOACCESSKEY00001',
      sk: 'partner-graph-demo-secret-key-do-not-use',
      domainId: '5f0c3a9e2b7d4e11a8c6d2f4b1e9a370',
      domainName: 'partnergraph-demo',
      password: 'Demo-Partner-Passw0rd',
      xaccountType: 'partnergraph_demo',
    });
    const own = await startHarness({ partner: { ak: 'MYAK', sk: 'MYSK', domainId: 'a'.repeat(32) } });
    try {
      expect(own.sim.credentials).toMatchObject({ ak: 'MYAK', sk: 'MYSK', domainId: 'a'.repeat(32) });
      expect((await call(own, { path: '/v2/test/either' })).status).toBe(200);
      expect((await call(own, { path: '/v2/test/either', key: { ak: 'PGDEMOACCESSKEY00001', sk: 'partner-graph-demo-secret-key-do-not-use' } })).status).toBe(401);
    } finally {
      await own.sim.close();
    }
  });
});

describe('a real reference endpoint', () => {
  it('GET /v2/bases/conversions through the gateway', async () => {
    const res = await call(h, { path: '/v2/bases/conversions' });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json.conversions)).toBe(true);
    expect(res.json.conversions.length).toBeGreaterThan(0);
  });
});

/**
 * The HTTP edge switches: introspection and GraphiQL off for production, CSRF prevention (a cross-site
 * "simple" request is refused, GraphiQL and JSON clients are not), and CORS limited to listed origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { createGateway, DEFAULT_HTTP, type Gateway, type GatewayOptions } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { startStack, type Stack } from '../support/stack.js';

const URL_ = 'http://gateway.test/graphql';

function gatewayOver(stack: Stack, options: GatewayOptions): Gateway {
  return createGateway(
    { bss: stack.bss, partnerDomainId: stack.simulator.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN' },
    options,
  );
}

describe('HTTP security switches', () => {
  let stack: Stack;
  let open: Gateway;
  let locked: Gateway;
  let cors: Gateway;
  beforeAll(async () => {
    stack = await startStack({ customers: 10 });
    open = gatewayOver(stack, {});
    locked = gatewayOver(stack, { http: { graphiql: false, introspection: false, corsOrigins: [] } });
    cors = gatewayOver(stack, { http: { ...DEFAULT_HTTP, corsOrigins: ['https://bi.example.com'] } });
  });
  afterAll(async () => {
    await stack.close();
  });

  const json = (gateway: Gateway, query: string, headers: Record<string, string> = {}) =>
    gateway.fetch(URL_, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  it('answers introspection by default and refuses it when switched off', async () => {
    const on = await (await json(open, getIntrospectionQuery())).json();
    expect(on.errors).toBeUndefined();
    expect(on.data.__schema.queryType.name).toBe('Query');
    const off = await json(locked, '{ __schema { queryType { name } } }');
    const body = await off.json();
    expect(body.data).toBeUndefined();
    expect(body.errors.map((e: { message: string; extensions: { code: string } }) => [e.message, e.extensions.code])).toEqual([
      ['GraphQL introspection has been disabled, but the requested query contained the field "__schema".', 'GRAPHQL_VALIDATION_FAILED'],
      ['GraphQL introspection has been disabled, but the requested query contained the field "queryType".', 'GRAPHQL_VALIDATION_FAILED'],
    ]);
    // Ordinary queries still work, __typename included.
    expect(await (await json(locked, '{ __typename partner { domainId } }')).json()).toMatchObject({
      data: { __typename: 'Query', partner: { domainId: stack.simulator.credentials.domainId } },
    });
  });

  it('serves GraphiQL at GET /graphql only when switched on', async () => {
    const page = await open.fetch(URL_, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('yoga-graphiql');
    const none = await locked.fetch(URL_, { headers: { accept: 'text/html' } });
    expect(none.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    expect(await none.text()).not.toContain('yoga-graphiql');
  });

  it('refuses cross-site "simple" requests (CSRF) and lets preflighted ones through', async () => {
    const get = await open.fetch(`${URL_}?query=${encodeURIComponent('{ partner { domainId } }')}`);
    expect(get.status).toBe(403);
    // The refusal names the headers that let the request through.
    expect((await get.json()).errors).toEqual([
      {
        message:
          'Required CSRF header(s) not present: a GET, or a POST of text/plain or a form, must carry one of the headers ' +
          'x-graphql-yoga-csrf, authorization (any value, e.g. "x-graphql-yoga-csrf: 1").',
        extensions: { code: 'BAD_REQUEST', requiredHeaders: ['x-graphql-yoga-csrf', 'authorization'] },
      },
    ]);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const post = await open.fetch(URL_, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ query: '{ partner { domainId } }' }) });
      expect(post.status).toBe(403);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // A GET with the CSRF header (or a bearer key) is fine, and so is JSON, as GraphiQL sends it.
    const withHeader = await open.fetch(`${URL_}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
    expect((await withHeader.json()).data).toEqual({ __typename: 'Query' });
    const posted = await json(open, '{ __typename }');
    expect(posted.status).toBe(200);
  });

  it('allows no cross-origin access by default', async () => {
    const preflight = await open.fetch(URL_, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await json(open, '{ __typename }', { origin: 'https://evil.example.com' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows listed origins only when CORS origins are configured', async () => {
    const preflight = (origin: string) =>
      cors.fetch(URL_, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const listed = await preflight('https://bi.example.com');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
    expect(listed.headers.get('access-control-allow-methods')).toContain('POST');
    const unlisted = await preflight('https://evil.example.com');
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();
    const post = await json(cors, '{ __typename }', { origin: 'https://bi.example.com' });
    expect(post.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
  });
});

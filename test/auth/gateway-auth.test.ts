/**
 * API keys, roles, reseller scoping and PII masking through the whole stack (yoga → schema → guarded BSS
 * client → simulator). Reseller scoping is asserted on the upstream requests themselves.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex, type ApiKeyEntry } from '../../src/auth/api-keys.js';
import { maskAccountName, maskEmail, maskName, maskPhone } from '../../src/auth/pii.js';
import { createLog } from '../../src/ops/log.js';
import { startStack, type Stack } from '../support/stack.js';

const toGlobalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`).toString('base64');

let stack: Stack;
let lines: Record<string, unknown>[];
let resellerA: string;
let resellerB: string;
const KEYS = { admin: 'pg_admin', analyst: 'pg_analyst', pii: 'pg_pii', resellerA: 'pg_reseller_a' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // The world is built before the keys: read the reseller ids from a throwaway simulator of the same seed.
  const probe = await startStack({ customers: 120 });
  [resellerA, resellerB] = probe.simulator.state.world.resellers.map((r) => r.indirectPartnerId) as [string, string];
  await probe.close();
  const apiKeys: ApiKeyEntry[] = [
    { name: 'ops', role: 'admin', sha256: sha256Hex(KEYS.admin) },
    { name: 'bi', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
    { name: 'support', role: 'admin', pii: true, sha256: sha256Hex(KEYS.pii) },
    { name: 'reseller-a', role: 'reseller', indirectPartnerId: resellerA, sha256: sha256Hex(KEYS.resellerA) },
  ];
  stack = await startStack({ customers: 120, apiKeys, log: createLog('info', sink) });
});

afterAll(async () => {
  await stack?.close();
});

beforeEach(() => {
  stack.bss.counter.reset();
  lines.length = 0;
});

/** Every upstream call the shared client makes during `run`, as [operation, request]. */
async function upstreamCalls(run: () => Promise<unknown>): Promise<Array<[string, Record<string, unknown>]>> {
  const spy = vi.spyOn(stack.bss, 'call');
  try {
    await run();
    return spy.mock.calls.map(([op, req]) => [op.name, req as Record<string, unknown>]);
  } finally {
    spy.mockRestore();
  }
}
const scopeOf = (req: Record<string, unknown>): unknown => req.indirect_partner_id ?? (req.body as Record<string, unknown> | undefined)?.indirect_partner_id;

describe('API keys at the HTTP edge', () => {
  it('answers a missing key with 401, a GraphQL-over-HTTP error body and a Bearer challenge', async () => {
    const res = await stack.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ partner { domainId } }' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="partner-graph"');
    expect(await res.json()).toEqual({
      errors: [{ message: 'An API key is required: send it as "Authorization: Bearer <key>".', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });

  it('answers a wrong key with 401 invalid_token, in the media type the client accepts, on GET too', async () => {
    const res = await stack.gateway.fetch('http://gateway.test/graphql?query=%7B__typename%7D', {
      headers: { authorization: 'Bearer pg_wrong', accept: 'application/graphql-response+json' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="partner-graph", error="invalid_token"');
    expect(await res.json()).toEqual({ errors: [{ message: 'The API key is not valid.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('guards the export route, but serves the GraphiQL page itself without a key', async () => {
    const exp = await stack.gateway.fetch('http://gateway.test/export/consumption.csv?cycle=2026-10');
    expect(exp.status).toBe(401);
    const page = await stack.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('guards every spelling of the endpoint yoga answers (trailing slash, doubled slash), not only /graphql', async () => {
    for (const path of ['/graphql/', '//graphql', '/graphql?x=1', '/export/consumption/', '/anything-else']) {
      const res = await stack.gateway.fetch(`http://gateway.test${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ partner { id } }' }),
      });
      expect([path, res.status]).toEqual([path, 401]);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('lets a valid key in', async () => {
    expect((await stack.graphql('{ __typename }', {}, bearer(KEYS.analyst))).data).toEqual({ __typename: 'Query' });
  });
});

describe('roles', () => {
  it('refuses mutations to analyst keys with FORBIDDEN before execution; admin and reseller keys reach the mutation\'s own checks', async () => {
    const { mayRun, operationRefusal } = await import('../../src/auth/auth-plugin.js');
    const { parse } = await import('graphql');
    const analyst = { name: 'bi', role: 'analyst', indirectPartnerId: null, pii: false } as const;
    const admin = { ...analyst, name: 'ops', role: 'admin' } as const;
    const reseller = { ...analyst, name: 'acme', role: 'reseller', indirectPartnerId: 'r1' } as const;
    expect([mayRun(analyst, 'mutation'), mayRun(analyst, 'query'), mayRun(admin, 'mutation'), mayRun(reseller, 'mutation')]).toEqual([false, true, true, true]);
    const refusal = operationRefusal(analyst, parse('mutation M { x }'), 'M');
    expect(refusal?.extensions).toEqual({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(refusal?.message).toBe('An analyst API key is read-only: mutation operations need an admin (or, inside its subtree, a reseller) key.');
    expect(operationRefusal(admin, parse('mutation M { x }'), 'M')).toBeNull();
    // Through the gateway: a valid mutation is refused before it executes, and nothing reaches upstream.
    const res = await stack.graphql('mutation { __typename }', {}, bearer(KEYS.analyst));
    expect(res.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(res.data).toBeUndefined();
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });
});

describe('a reseller key', () => {
  it('lists only its own customers, and every upstream call carries its indirect_partner_id', async () => {
    const world = stack.simulator.state.world;
    let res: { data?: any; errors?: any[] } = {};
    const calls = await upstreamCalls(async () => {
      res = await stack.graphql('{ partner { customers(first: 100) { totalCount nodes { customerId indirectPartnerId } } } }', {}, bearer(KEYS.resellerA));
    });
    expect(res.errors).toBeUndefined();
    const mine = world.customersOf(resellerA);
    const asAdmin = await stack.graphql(`{ partner { customers(first: 100, indirectPartnerId: "${resellerA}") { totalCount nodes { customerId indirectPartnerId } } } }`, {}, bearer(KEYS.admin));
    expect(res.data.partner.customers.totalCount).toBe(mine.length);
    expect(res.data.partner.customers).toEqual(asAdmin.data.partner.customers);
    expect(new Set(res.data.partner.customers.nodes.map((n: { customerId: string }) => n.customerId))).toEqual(new Set(mine.map((c) => c.customerId)));
    expect(calls.map(([op]) => op)).toEqual(['ListSubCustomers']);
    expect(calls.map(([, req]) => scopeOf(req))).toEqual([resellerA]);
  });

  it('cannot reach another reseller\'s customer by id: null, one call in its own scope, no search', async () => {
    const other = stack.simulator.state.world.customersOf(resellerB)[0]!;
    let res: { data?: any; errors?: any[] } = {};
    const calls = await upstreamCalls(async () => {
      res = await stack.graphql(`{ customer(customerId: "${other.customerId}") { customerId } }`, {}, bearer(KEYS.resellerA));
    });
    expect([res.data, res.errors]).toEqual([{ customer: null }, undefined]);
    expect(calls).toEqual([['ListSubCustomers', { body: { customer_id: other.customerId, indirect_partner_id: resellerA, offset: 0, limit: 1 } }]]);

    const named = await stack.graphql(`{ customer(customerId: "${other.customerId}", indirectPartnerId: "${resellerB}") { customerId } }`, {}, bearer(KEYS.resellerA));
    expect(named.data).toEqual({ customer: null });
    expect(named.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('cannot reach another reseller\'s customer by global id: FORBIDDEN before any upstream call', async () => {
    const other = stack.simulator.state.world.customersOf(resellerB)[0]!;
    const own = stack.simulator.state.world.customersOf(null)[0]!;
    const res = await stack.graphql(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`,
      { a: toGlobalId('Customer', `${other.customerId}@${resellerB}`), b: toGlobalId('Customer', own.customerId) },
      bearer(KEYS.resellerA),
    );
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors?.map((e: { path: string[]; extensions: { code: string } }) => [e.path[0], e.extensions.code])).toEqual([['a', 'FORBIDDEN'], ['b', 'FORBIDDEN']]);
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });

  it('a cursor from another reseller\'s listing pages through its own scope only', async () => {
    const admin = await stack.graphql(`{ partner { customers(first: 2, indirectPartnerId: "${resellerB}") { pageInfo { endCursor } } } }`, {}, bearer(KEYS.admin));
    const cursor = admin.data.partner.customers.pageInfo.endCursor as string;
    let res: { data?: any; errors?: any[] } = {};
    const calls = await upstreamCalls(async () => {
      res = await stack.graphql(`{ partner { customers(first: 3, after: "${cursor}") { nodes { customerId indirectPartnerId } } } }`, {}, bearer(KEYS.resellerA));
    });
    const asAdmin = await stack.graphql(`{ partner { customers(first: 5, indirectPartnerId: "${resellerA}") { nodes { customerId indirectPartnerId } } } }`, {}, bearer(KEYS.admin));
    expect(res.data.partner.customers.nodes).toEqual(asAdmin.data.partner.customers.nodes.slice(2, 5));
    expect(calls.map(([op, req]) => [op, scopeOf(req)])).toEqual([['ListSubCustomers', resellerA]]);
  });

  it('sees only itself among resellers, and naming another reseller is FORBIDDEN', async () => {
    const res = await stack.graphql(
      `{ partner { indirectPartners(first: 10) { nodes { indirectPartnerId } } } other: indirectPartner(indirectPartnerId: "${resellerB}") { indirectPartnerId } }`,
      {},
      bearer(KEYS.resellerA),
    );
    expect(res.data).toEqual({ partner: { indirectPartners: { nodes: [{ indirectPartnerId: resellerA }] } }, other: null });
    expect(res.errors?.map((e: { path: string[]; extensions: { code: string } }) => [e.path.join('.'), e.extensions.code])).toEqual([['other', 'FORBIDDEN']]);
  });

  it('gets FORBIDDEN on the partner\'s own funds while the rest of the query answers', async () => {
    let res: { data?: any; errors?: any[] } = {};
    const calls = await upstreamCalls(async () => {
      res = await stack.graphql(
        `{ partner { domainId balances { amount } adjustRecords(first: 1) { totalCount } accountChangeRecords(first: 1) { totalCount } }
           indirectPartner(indirectPartnerId: "${resellerA}") { balances { currency } } }`,
        {},
        bearer(KEYS.resellerA),
      );
    });
    expect(res.data.partner).toEqual({ domainId: stack.simulator.credentials.domainId, balances: null, adjustRecords: null, accountChangeRecords: null });
    expect(res.data.indirectPartner.balances.length).toBeGreaterThan(0);
    expect(res.errors?.map((e: { path: string[]; extensions: { code: string } }) => [e.path.join('.'), e.extensions.code]).sort()).toEqual([
      ['partner.accountChangeRecords', 'FORBIDDEN'], ['partner.adjustRecords', 'FORBIDDEN'], ['partner.balances', 'FORBIDDEN'],
    ]);
    expect(calls.map(([op, req]) => [op, scopeOf(req)]).sort()).toEqual([['ListIndirectPartners', resellerA], ['ListPartnerBalances', resellerA]]);
  });
});

describe('personal data', () => {
  const QUERY = (id: string, scope: string | null) =>
    `{ customer(customerId: "${id}"${scope ? `, indirectPartnerId: "${scope}"` : ''}) { customerId accountName name telephone email } }`;

  it('is masked by default, as the Partner Center console shows it', async () => {
    const c = stack.simulator.state.world.customersOf(null)[0]!;
    const res = await stack.graphql(QUERY(c.customerId, null), {}, bearer(KEYS.admin));
    expect(res.data.customer).toEqual({
      customerId: c.customerId, accountName: maskAccountName(c.accountName), name: maskName(c.realName), telephone: maskPhone(c.telephone), email: maskEmail(c.email),
    });
    expect(res.data.customer.name).not.toBe(c.realName);
    expect(lines.filter((l) => l.event === 'pii.reveal')).toEqual([]);
  });

  it('masks to the console\'s exact shapes', () => {
    expect([maskName('张三丰'), maskPhone('13812345678'), maskEmail('alice@example.com'), maskAccountName('partner_user01')]).toEqual([
      '张**', '138****5678', 'a***@example.com', 'p************1',
    ]);
  });

  it('is revealed to a pii key, each reveal logged with who, which customer and which field, never the value', async () => {
    const c = stack.simulator.state.world.customersOf(null)[0]!;
    const res = await stack.graphql(QUERY(c.customerId, null), {}, bearer(KEYS.pii));
    expect(res.data.customer).toEqual({ customerId: c.customerId, accountName: c.accountName, name: c.realName, telephone: c.telephone, email: c.email });
    const reveals = lines.filter((l) => l.event === 'pii.reveal').map(({ caller, customerId, field }) => ({ caller, customerId, field }));
    expect(reveals.sort((a, b) => String(a.field).localeCompare(String(b.field)))).toEqual(
      ['Customer.accountName', 'Customer.email', 'Customer.name', 'Customer.telephone'].map((field) => ({ caller: 'support', customerId: c.customerId, field })),
    );
    const text = JSON.stringify(lines);
    for (const value of [c.realName, c.telephone, c.email]) expect(text).not.toContain(value);
  });

  it('logs a reveal once per request, customer and field, however many times the request shows it', async () => {
    const [c, d] = stack.simulator.state.world.customersOf(null);
    const fields = 'customerId name email';
    const res = await stack.graphql(`{
      a: customer(customerId: "${c!.customerId}") { ${fields} } b: customer(customerId: "${c!.customerId}") { ${fields} }
      c: customer(customerId: "${d!.customerId}") { ${fields} }
    }`, {}, bearer(KEYS.pii));
    expect(res.data.a).toEqual(res.data.b);
    expect(res.data.a.name).toBe(c!.realName);
    const reveals = () => lines.filter((l) => l.event === 'pii.reveal').map(({ customerId, field }) => `${String(customerId)} ${String(field)}`).sort();
    expect(reveals()).toEqual([`${c!.customerId} Customer.email`, `${c!.customerId} Customer.name`, `${d!.customerId} Customer.email`, `${d!.customerId} Customer.name`].sort());
    // Another request logs its own reveals.
    await stack.graphql(`{ customer(customerId: "${c!.customerId}") { name } }`, {}, bearer(KEYS.pii));
    expect(reveals().filter((r) => r === `${c!.customerId} Customer.name`)).toHaveLength(2);
  });

  it('refuses a name search to a key without the pii permission, before any upstream call', async () => {
    const res = await stack.graphql('{ partner { customers(first: 1, name: "张") { totalCount } } }', {}, bearer(KEYS.admin));
    expect(res.data).toEqual({ partner: { customers: null } });
    expect(res.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', argument: 'name' });
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });
});

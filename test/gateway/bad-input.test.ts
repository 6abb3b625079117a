/**
 * A corpus of bad input run through the gateway. Each case must get a clear answer: a 4xx, or GraphQL
 * errors — and every GraphQL error, in a 4xx body too, carries an `extensions.code` (src/error-codes.ts
 * adds the ones yoga and graphql-js leave out) — never a 500, never a masked "Unexpected error.", and the
 * process keeps answering afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits/limits-plugin.js';
import { startStack, type Stack } from '../support/stack.js';

const URL_ = 'http://gateway.test/graphql';
const b64 = (text: string): string => Buffer.from(text).toString('base64url');
const b64std = (text: string): string => Buffer.from(text).toString('base64');

interface Case {
  readonly name: string;
  readonly send: (gateway: Gateway) => Promise<Response> | Response;
  /** The code (or HTTP status) this case must get. */
  readonly expect: string | number;
  /** With a status in `expect`: the code its errors must carry. */
  readonly code?: string;
}

function post(body: unknown, headers: Record<string, string> = {}): (gateway: Gateway) => Promise<Response> {
  return async (gateway) =>
    gateway.fetch(URL_, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const gql = (query: string, variables?: unknown): ((gateway: Gateway) => Promise<Response>) => post({ query, variables });
/** As a client asking for the GraphQL-over-HTTP media type, which answers errors before execution with 400. */
const gqlSpec = (query: string): ((gateway: Gateway) => Promise<Response>) => post({ query }, { accept: 'application/graphql-response+json' });

const CYCLE = 'query Q($c: BillingCycle!) { partner { monthlyBills(cycle: $c, first: 1) { totalCount } } }';
const CUSTOMERS_AFTER = 'query Q($a: String) { partner { customers(first: 2, after: $a) { totalCount edges { cursor } } } }';
const CUSTOMERS_FIRST = 'query Q($n: Int) { partner { customers(first: $n) { totalCount } } }';
const NODE = 'query Q($id: ID!) { node(id: $id) { id } }';
const ORDER = 'query Q($id: String!) { order(orderId: $id) { id } }';
/** `ids` nested `depth` lists deep around a JSON leaf, written as text (JSON.stringify would overflow the stack). */
const deepIds = (depth: number, leaf: string): ((gateway: Gateway) => Promise<Response>) =>
  post(`{"query":"query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${'['.repeat(depth)}${leaf}${']'.repeat(depth)}}}`);
const getWithCsrf = (search: string, path = '/graphql'): ((gateway: Gateway) => Promise<Response>) => async (gateway) =>
  gateway.fetch(`http://gateway.test${path}${search}`, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });

const cases: Case[] = [
  // Billing cycles.
  // A variable that does not coerce is refused before execution with 400 and BAD_USER_INPUT.
  ...['2026-13', '26-01', '', '2026-1', '2026-00', '2026-01-01', ' 2026-01', '２０２６-０１'].map((c) => ({
    name: `cycle ${JSON.stringify(c)}`, send: gql(CYCLE, { c }), expect: 400, code: 'BAD_USER_INPUT',
  })),
  { name: 'cycle as a number', send: gql(CYCLE, { c: 202601 }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'cycle null for a required variable', send: gql(CYCLE, { c: null }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'cycle literal "2026-13"', send: gql('{ partner { monthlyBills(cycle: "2026-13") { totalCount } } }'), expect: 'BAD_USER_INPUT' },
  { name: 'cycle literal as an Int', send: gql('{ partner { monthlyBills(cycle: 202601) { totalCount } } }'), expect: 'BAD_USER_INPUT' },
  // Cursors.
  { name: 'cursor garbage', send: gql(CUSTOMERS_AFTER, { a: 'garbage!!' }), expect: 'BAD_USER_INPUT' },
  { name: 'cursor base64 of garbage', send: gql(CUSTOMERS_AFTER, { a: b64('garbage') }), expect: 'BAD_USER_INPUT' },
  { name: 'cursor negative offset', send: gql(CUSTOMERS_AFTER, { a: b64('offset:-1') }), expect: 'BAD_USER_INPUT' },
  { name: 'cursor fractional offset', send: gql(CUSTOMERS_AFTER, { a: b64('offset:1.5') }), expect: 'BAD_USER_INPUT' },
  { name: 'cursor huge offset', send: gql(CUSTOMERS_AFTER, { a: b64('offset:99999999999999999999') }), expect: 'BAD_USER_INPUT' },
  { name: 'cursor in standard base64 with padding junk', send: gql(CUSTOMERS_AFTER, { a: `${b64std('offset:1')}==` }), expect: 'BAD_USER_INPUT' },
  { name: 'cursor of unicode junk', send: gql(CUSTOMERS_AFTER, { a: '\u0000\ud83d\ude00\u202e' }), expect: 'BAD_USER_INPUT' },
  { name: 'before cursor garbage', send: gql('{ partner { customers(last: 2, before: "@@") { totalCount } } }'), expect: 'BAD_USER_INPUT' },
  { name: 'cursor as a number', send: gql(CUSTOMERS_AFTER, { a: 5 }), expect: 400, code: 'BAD_USER_INPUT' },
  // A cursor is a row offset: another connection's cursor is a valid position here (documented).
  { name: "another connection's cursor", send: gql(CUSTOMERS_AFTER, { a: b64('offset:1') }), expect: 'no errors' },
  // Global ids.
  { name: 'node id garbage', send: gql(NODE, { id: 'garbage!!' }), expect: 'BAD_USER_INPUT' },
  { name: 'node id empty', send: gql(NODE, { id: '' }), expect: 'BAD_USER_INPUT' },
  { name: 'node id of an unknown type', send: gql(NODE, { id: b64std('Nope:123') }), expect: 'BAD_USER_INPUT' },
  { name: 'node id of a non-node type', send: gql(NODE, { id: b64std('PageInfo:1') }), expect: 'BAD_USER_INPUT' },
  { name: 'node id base64 without a type', send: gql(NODE, { id: b64std('no-colon-here') }), expect: 'BAD_USER_INPUT' },
  { name: 'node id of a customer with an empty id', send: gql(NODE, { id: b64std('Customer:') }), expect: 'BAD_USER_INPUT' },
  { name: 'nodes with one bad id among good', send: gql('query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['garbage', b64std('Nope:1')] }), expect: 'BAD_USER_INPUT' },
  { name: 'node id as an object', send: gql(NODE, { id: { type: 'Customer' } }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'node id of a customer that does not exist', send: gql(NODE, { id: b64std('Customer:nope') }), expect: 'no errors' },
  // Page sizes.
  { name: 'first 10^9', send: gql(CUSTOMERS_FIRST, { n: 1_000_000_000 }), expect: 'BAD_USER_INPUT' },
  { name: 'first -1', send: gql(CUSTOMERS_FIRST, { n: -1 }), expect: 'BAD_USER_INPUT' },
  { name: 'first beyond Int', send: gql(CUSTOMERS_FIRST, { n: 2 ** 31 }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'first 1.5', send: gql(CUSTOMERS_FIRST, { n: 1.5 }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'first and last together', send: gql('{ partner { customers(first: 1, last: 1) { totalCount } } }'), expect: 'BAD_USER_INPUT' },
  { name: 'last 10^9 literal', send: gql('{ partner { customers(last: 1000000000) { totalCount } } }'), expect: 'BAD_USER_INPUT' },
  // Variables.
  { name: 'variable of the wrong type', send: gql(CUSTOMERS_FIRST, { n: 'ten' }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'missing required variable', send: gql(CYCLE, {}), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'variables as a string', send: post({ query: CUSTOMERS_FIRST, variables: 'n=1' }), expect: 400, code: 'BAD_REQUEST' },
  { name: 'variables as an array', send: post({ query: CUSTOMERS_FIRST, variables: [1] }), expect: 400, code: 'BAD_REQUEST' },
  { name: 'enum value unknown', send: gql('{ partner { monthlyBills(cycle: "2026-10", chargeMode: HOURLY) { totalCount } } }'), expect: 'GRAPHQL_VALIDATION_FAILED' },
  // Documents.
  { name: 'unknown field', send: gql('{ partner { nope } }'), expect: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'unknown field (graphql-response+json)', send: gqlSpec('{ partner { nope } }'), expect: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'syntax error', send: gql('{ partner { '), expect: 'GRAPHQL_PARSE_FAILED' },
  { name: 'syntax error (graphql-response+json)', send: gqlSpec('{ partner { '), expect: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'empty query', send: post({ query: '' }), expect: 'GRAPHQL_PARSE_FAILED' },
  { name: 'no query', send: post({ variables: {} }), expect: 'BAD_REQUEST' },
  { name: 'query as a number', send: post({ query: 42 }), expect: 400, code: 'BAD_REQUEST' },
  { name: 'unknown operationName', send: post({ query: 'query A { __typename }', operationName: 'B' }), expect: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two operations, no operationName', send: gql('query A { __typename } query B { __typename }'), expect: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'an unknown mutation', send: gql('mutation { nope }'), expect: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a subscription', send: gql('subscription { __typename }'), expect: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'extremely long string argument', send: gql('query Q($id: String!) { customer(customerId: $id) { customerId } }', { id: 'x'.repeat(200_000) }), expect: 'CBC.0100' },
  { name: 'unicode junk in a customer id', send: gql('query Q($id: String!) { customer(customerId: $id) { customerId } }', { id: '\u0000\u202e💥' }), expect: 'no errors' },
  // Text that is not well-formed UTF-16 (a lone surrogate, which JSON allows as an escape) is refused before any call.
  { name: 'lone surrogate in a customer id', send: gql('query Q($id: String!) { customer(customerId: $id) { customerId } }', { id: '\u0000\u202e\ud800💥' }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'lone surrogate in an order id (a query parameter upstream)', send: gql(ORDER, { id: '\ud800x' }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'lone low surrogate in a list variable', send: gql('query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b\udc00'] }), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'lone surrogate 10000 lists deep', send: deepIds(10_000, '"x\\ud800"'), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'a variable 10000 lists deep', send: deepIds(10_000, '"x"'), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'lone surrogate in a string literal', send: gql('{ order(orderId: "\ud800x") { id } }'), expect: 'GRAPHQL_PARSE_FAILED' },
  { name: 'escaped lone surrogate in a string literal', send: gql('{ order(orderId: "\\ud800x") { id } }'), expect: 'GRAPHQL_PARSE_FAILED' },
  { name: 'unicode junk in the document', send: gql('{ partner { \u202e\u0007 } }'), expect: 'GRAPHQL_PARSE_FAILED' },
  { name: 'deeply nested query', send: gql(`{ partner { ${'customers { nodes { indirectPartner { '.repeat(5)} name ${'} } } '.repeat(5)} } }`), expect: 'QUERY_TOO_DEEP' },
  { name: 'many aliases', send: gql(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: partner { domainId }`).join(' ')} }`), expect: 'TOO_MANY_ALIASES' },
  { name: 'too many tokens', send: gql(`{ ${'__typename '.repeat(6000)}}`), expect: 'TOO_MANY_TOKENS' },
  { name: 'query too costly', send: gql('{ partner { customers(first: 1000) { nodes { orders(first: 1000) { totalCount } } } } }'), expect: 'QUERY_TOO_COSTLY' },
  // HTTP.
  { name: 'oversized body', send: post({ query: '{ __typename }', variables: { pad: 'x'.repeat(DEFAULT_QUERY_LIMITS.maxBodyBytes) } }), expect: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'garbage JSON', send: post('{"query": "{ __typename }"'), expect: 400, code: 'BAD_REQUEST' },
  { name: 'empty body', send: post(''), expect: 400, code: 'BAD_REQUEST' },
  { name: 'JSON null', send: post('null'), expect: 400, code: 'BAD_REQUEST' },
  { name: 'JSON string', send: post('"{ __typename }"'), expect: 400, code: 'BAD_REQUEST' },
  { name: 'batched array (batching is off)', send: post([{ query: '{ __typename }' }, { query: '{ __typename }' }]), expect: 400, code: 'BAD_REQUEST' },
  { name: 'content type text/xml', send: post('<query/>', { 'content-type': 'text/xml' }), expect: 415 },
  { name: 'content type text/plain (CSRF)', send: post({ query: '{ __typename }' }, { 'content-type': 'text/plain' }), expect: 403, code: 'BAD_REQUEST' },
  { name: 'GET with a mutation', send: (g) => g.fetch(`${URL_}?query=${encodeURIComponent('mutation { __typename }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } }), expect: 405, code: 'BAD_REQUEST' },
  { name: 'GET with variables that are not JSON', send: getWithCsrf(`?query=${encodeURIComponent(CUSTOMERS_FIRST)}&variables=${encodeURIComponent('{n:1')}`), expect: 400, code: 'BAD_REQUEST' },
  { name: 'GET with extensions that are not JSON', send: getWithCsrf(`?query=${encodeURIComponent('{ __typename }')}&extensions=%7B`), expect: 400, code: 'BAD_REQUEST' },
  { name: 'GET with a lone surrogate in the variables', send: getWithCsrf(`?query=${encodeURIComponent(ORDER)}&variables=${encodeURIComponent('{"id":"\\ud800"}')}`), expect: 400, code: 'BAD_USER_INPUT' },
  { name: 'GET without the CSRF header', send: (g) => g.fetch(`${URL_}?query=${encodeURIComponent('{ __typename }')}`), expect: 403, code: 'BAD_REQUEST' },
  { name: 'unknown path', send: getWithCsrf('', '/nope'), expect: 404, code: 'NOT_FOUND' },
  { name: 'unknown export path', send: getWithCsrf('?cycle=2026-01', '/export/nope'), expect: 404, code: 'NOT_FOUND' },
  { name: 'GET without a query', send: (g) => g.fetch(URL_, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } }), expect: 'BAD_REQUEST' },
  { name: 'PUT', send: (g) => g.fetch(URL_, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), expect: 405, code: 'BAD_REQUEST' },
  { name: 'unacceptable Accept', send: post({ query: '{ __typename }' }, { accept: 'application/xml' }), expect: 406 },
];

describe('bad input corpus', () => {
  let stack: Stack;
  let gateway: Gateway;
  beforeAll(async () => {
    stack = await startStack({ customers: 20 });
    gateway = createGateway({
      bss: stack.bss,
      partnerDomainId: stack.simulator.credentials.domainId,
      reference: new ReferenceCache({ ttlMs: 60_000 }),
      defaultLanguage: 'zh_CN',
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses text that is not well-formed UTF-16 before any upstream call, naming the variable and the place', async () => {
    stack.bss.counter.reset();
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const res = await post({ query, variables })(gateway);
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] } };
    };
    const order = await ask(ORDER, { id: '\ud800x' });
    expect(order.status).toBe(400);
    expect(order.body.data).toBeUndefined();
    expect(order.body.errors.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', variable: 'id', path: '$id' }]);
    expect(order.body.errors[0]!.message).toMatch(/^Variable "\$id" holds text that is not well-formed Unicode/);
    const nested = await ask('query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c\udfff'] });
    expect(nested.body.errors.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', variable: 'ids', path: '$ids[2]' }]);
    expect(nested.body.errors[0]!.message).toContain('(at $ids[2])');
    // A paired surrogate (an emoji) is well-formed and goes through.
    const emoji = await ask(ORDER, { id: '💥' });
    expect(emoji.status).toBe(200);
    const calls = stack.bss.counter.snapshot().totalRequests;
    expect(calls).toBeGreaterThan(0); // the emoji's lookup only
    stack.bss.counter.reset();
    await ask(ORDER, { id: 'x\udc00' });
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('answers every case with a clear 4xx or coded GraphQL errors, never a 500', async () => {
    const outcomes: { name: string; got: string; want: string; detail: string }[] = [];
    for (const c of cases) {
      const res = await c.send(gateway);
      const text = await res.text();
      let body: { errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = undefined;
      }
      const codes = (body?.errors ?? []).map((e) => e.extensions?.code ?? `no code: ${e.message}`);
      const code = codes.length === 0 ? 'no errors' : new Set(codes).size === 1 ? codes[0]! : codes.join(',');
      // A 4xx is known by its status, and by its code too when the case names one.
      const got = res.status >= 400 ? `${res.status}${c.code ? ` ${code}` : ''}` : code;
      const want = typeof c.expect === 'number' && c.code ? `${c.expect} ${c.code}` : String(c.expect);
      outcomes.push({ name: c.name, got, want, detail: text.slice(0, 200) });
      expect(res.status, c.name).toBeLessThan(500);
      // Every GraphQL error says why and carries a code, in a 4xx body as in a 200 (415 and 406 have no body).
      for (const e of body?.errors ?? []) {
        expect(e.message.length, c.name).toBeGreaterThan(0);
        expect(e.message, c.name).not.toBe('Unexpected error.');
        expect(typeof e.extensions?.code, `${c.name} (${res.status}): ${e.message}`).toBe('string');
      }
    }
    const wrong = outcomes.filter((o) => o.got !== o.want);
    console.log(`bad-input corpus: ${cases.length} cases, ${cases.length - wrong.length} answered as expected`);
    for (const o of wrong) console.log(`  ${o.name}: got ${o.got}, want ${o.want} — ${o.detail}`);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(wrong.map((o) => `${o.name}: got ${o.got}`)).toEqual([]);
    // Still answering.
    const after = await gql('{ __typename }')(gateway);
    expect(after.status).toBe(200);
  });
});

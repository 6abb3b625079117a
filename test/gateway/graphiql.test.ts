import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { startStack, type Stack } from '../support/stack.js';

describe('GraphiQL, offline', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ customers: 20 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('renders a page that loads only local assets and opens the contract operations as tabs', async () => {
    const res = await stack.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('src="/graphiql/yoga-graphiql.umd.js"');
    const contract = parse(readFileSync(new URL('../../examples/contract.graphql', import.meta.url), 'utf8'));
    for (const def of contract.definitions) {
      if (def.kind === 'OperationDefinition') expect(html).toContain(`query ${def.name!.value}`);
    }
  });

  it('serves the bundle, its stylesheet and its workers', async () => {
    for (const [path, type] of [
      ['/graphiql/yoga-graphiql.umd.js', 'text/javascript; charset=utf-8'],
      ['/graphiql/graphiql.css', 'text/css; charset=utf-8'],
      ['/graphiql/monacoeditorwork/graphql.worker..bundle.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      const res = await stack.gateway.fetch(`http://gateway.test${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  });

  it('serves nothing outside the bundle', async () => {
    for (const path of ['/graphiql/../package.json', '/graphiql/%2e%2e/%2e%2e/package.json', '/graphiql/nope.js', '/graphiql/index.html']) {
      const res = await stack.gateway.fetch(`http://gateway.test${path}`);
      expect(res.status).toBe(404);
    }
  });

  it('keeps a copy of the contract identical to the shared one, when it is beside the checkout', () => {
    let shared: string;
    try {
      shared = readFileSync(new URL('../../../shared/contract/operations.graphql', import.meta.url), 'utf8');
    } catch {
      return; // a clone without shared/ beside it: nothing to compare against
    }
    expect(readFileSync(new URL('../../examples/contract.graphql', import.meta.url), 'utf8')).toBe(shared);
  });
});

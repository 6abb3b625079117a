import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { startStack, type Stack } from '../support/stack.js';
import { CONTRACT_FILES, contractExampleVariables, contractTabs, renderOfflineGraphiQL, type GraphiQLPageProps } from '../../src/graphiql.js';
import { exampleData } from '../../src/simulator/example-data.js';

/** The props the page hands to yoga's GraphiQL wrapper (`renderYogaGraphiQL(root, {...})`). */
function pageProps(html: string): GraphiQLPageProps {
  const match = /renderYogaGraphiQL\(root, (.*)\);<\/script>/s.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as GraphiQLPageProps;
}

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
    for (const file of CONTRACT_FILES) {
      const contract = parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'));
      for (const def of contract.definitions) {
        if (def.kind === 'OperationDefinition') expect(html).toContain(`${def.operation} ${def.name!.value}`);
      }
    }
    expect(html).toContain('query ContractConsumptionSync');
  });

  it('opens the first tab on its own query, not GraphiQL\'s welcome text, and that query answers', async () => {
    const res = await stack.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    const props = pageProps(await res.text());
    // yoga's wrapper puts `query` (else its welcome comment) into the first tab's editor, whatever
    // defaultTabs[0] says: the seed must be that tab's query, with its variables as a string.
    const first = props.defaultTabs![0]!;
    expect(first.query).toMatch(/^query Partner \{/m);
    expect(props.query).toBe(first.query);
    expect(props.query).not.toMatch(/Welcome/);
    expect(props.variables).toBe('');
    expect(props.defaultQuery).toBe(first.query);
    const result = await stack.graphql(props.query!);
    expect(result.errors).toBeUndefined();
    expect(result.data.partner.domainId).toBe(stack.simulator.credentials.domainId);
  });

  it('seeds the editor with the first tab\'s variables, and the contract tabs carry the example variables', () => {
    const variables = { first: 20, customerId: 'c-example', cycle: '2026-01' };
    const tabs = contractTabs(variables);
    const byName = Object.fromEntries(tabs.map((t) => [/(?:query|mutation) (\w+)/.exec(t.query!)![1], t.variables]));
    expect(JSON.parse(byName.ContractCustomers!)).toEqual({ first: 20 });
    expect(JSON.parse(byName.ContractConsumption!)).toEqual({ customerId: 'c-example', cycle: '2026-01' });
    expect(byName.ContractPartner).toBeNull();

    const customerFirst = pageProps(renderOfflineGraphiQL({ defaultTabs: tabs.slice(2) }));
    expect(customerFirst.query).toMatch(/^query ContractCustomer\(/);
    expect(JSON.parse(customerFirst.variables!)).toEqual({ customerId: 'c-example' });

    const queryOnly = pageProps(renderOfflineGraphiQL({ defaultQuery: '{ __typename }' }));
    expect(queryOnly).toMatchObject({ query: '{ __typename }', variables: '' });
  });

  it('opens every contract tab with the variables it needs on the simulator, and each answers without an error', async () => {
    const tabs = contractTabs(contractExampleVariables(exampleData(stack.simulator.state.world)));
    expect(tabs.length).toBeGreaterThanOrEqual(7);
    for (const tab of tabs) {
      // The writes' tabs move money: they open with what the example knows (a customer) and the rest to fill in;
      // test/contract/writes-operations.test.ts runs them.
      if (tab.query!.startsWith('mutation ')) continue;
      const name = /query (\w+)/.exec(tab.query!)![1]!;
      const result = await stack.graphql(tab.query!, tab.variables ? JSON.parse(tab.variables) : undefined);
      expect(result.errors, name).toBeUndefined();
      expect(result.data, name).toBeTruthy();
    }
  }, 60_000);

  it('opens the customer tabs on a customer with orders, resources, coupons and consumption (issue 15)', async () => {
    const example = exampleData(stack.simulator.state);
    // `npm start` hands over the world alone: the same generated data picks the same customer.
    expect(exampleData(stack.simulator.state.world)).toEqual(example);
    const tabs = contractTabs(contractExampleVariables(example));
    const run = async (name: string) => {
      const tab = tabs.find((t) => t.query!.startsWith(`query ${name}(`))!;
      const result = await stack.graphql(tab.query!, JSON.parse(tab.variables!));
      expect(result.errors, name).toBeUndefined();
      return result.data.customer;
    };
    const customer = await run('ContractCustomer');
    for (const list of ['orders', 'resources', 'coupons'] as const) expect(customer[list].totalCount, list).toBeGreaterThan(0);
    expect((await run('ContractConsumption')).consumption.records.totalCount).toBeGreaterThan(0);
  }, 60_000);

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

  it('keeps a copy of the writes\' contract identical to the shared one, when it is beside the checkout', () => {
    let shared: string;
    try {
      shared = readFileSync(new URL('../../../shared/contract/writes.graphql', import.meta.url), 'utf8');
    } catch {
      return; // a clone without shared/ beside it: nothing to compare against
    }
    expect(readFileSync(new URL('../../examples/writes.graphql', import.meta.url), 'utf8')).toBe(shared);
  });

  it('keeps a copy of the consumption store\'s contract identical to the shared one, when it is beside the checkout', () => {
    let shared: string;
    try {
      shared = readFileSync(new URL('../../../shared/contract/store.graphql', import.meta.url), 'utf8');
    } catch {
      return; // a clone without shared/ beside it: nothing to compare against
    }
    expect(readFileSync(new URL('../../examples/store.graphql', import.meta.url), 'utf8')).toBe(shared);
  });
});

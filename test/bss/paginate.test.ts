import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BssClient } from '../../src/bss/client.js';
import { parseWireJson } from '../../src/bss/wire-json.js';
import { startFakeServer, type FakeServer, type Received } from './support/fake-server.js';
import { ListPartnerAdjustRecords, ListSubCustomerNewTag, ListSubCustomers } from './support/ops.js';

let server: FakeServer;
let client: BssClient;

beforeAll(async () => {
  server = await startFakeServer();
  client = new BssClient({ endpoint: server.url, credentials: { ak: 'TESTAK0123456789ABCD', sk: 'testsecret0123456789', domainId: 'd'.repeat(32) }, sleep: async () => {} });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
  client.counter.reset();
});

/** offset/limit from the query string or the JSON body, as the endpoint reads them. */
function window(req: Received): { offset: number; limit: number } {
  if (req.method === 'GET') {
    const q = new URLSearchParams(req.query);
    return { offset: Number(q.get('offset') ?? 0), limit: Number(q.get('limit') ?? 10) };
  }
  const body = parseWireJson(req.body) as { offset?: number; limit?: number };
  return { offset: body.offset ?? 0, limit: body.limit ?? 10 };
}

/** A list endpoint over `total` rows with the given count field (or none). */
function serve(total: number, itemsField: string, countField: string | null) {
  server.handle((req) => {
    const { offset, limit } = window(req);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ id: `r${offset + i}` }));
    return { body: { ...(countField ? { [countField]: total } : {}), [itemsField]: items } };
  });
}

const windows = () => server.requests.map(window);

describe('paginate', () => {
  it('count in the body (ListSubCustomers): exactly ceil(250 / 100) = 3 calls, offsets in the body', async () => {
    serve(250, 'customer_infos', 'count');
    const { items, total } = await client.paginate(ListSubCustomers, { body: { label: 'vip', account_name: '' } });
    expect(total).toBe(250);
    expect(items).toHaveLength(250);
    expect(items[0]).toEqual({ id: 'r0' });
    expect(items[249]).toEqual({ id: 'r249' });
    expect(server.requests.map((r) => r.body)).toEqual([
      '{"label":"vip","offset":0,"limit":100}',
      '{"label":"vip","offset":100,"limit":100}',
      '{"label":"vip","offset":200,"limit":100}',
    ]);
    expect(client.counter.requests('ListSubCustomers')).toBe(3);
  });

  it('total_count in the query (ListPartnerAdjustRecords): exactly ceil(total / pageSize) calls, none past the end', async () => {
    serve(200, 'records', 'total_count');
    const { items, total } = await client.paginate(ListPartnerAdjustRecords, { customer_id: 'c1' }, { pageSize: 50 });
    expect([items.length, total]).toEqual([200, 200]);
    expect(windows()).toEqual([0, 50, 100, 150].map((offset) => ({ offset, limit: 50 })));
    expect(server.requests[0]!.rawUrl).toBe('/v3/accounts/partner-accounts/adjust-records?customer_id=c1&limit=50&offset=0');
  });

  it('an empty result costs one call', async () => {
    serve(0, 'records', 'total_count');
    expect(await client.paginate(ListPartnerAdjustRecords, {})).toEqual({ items: [], total: 0 });
    expect(server.requests).toHaveLength(1);
  });

  it('clamps a page size above the endpoint maximum', async () => {
    serve(150, 'records', 'total_count');
    await client.paginate(ListPartnerAdjustRecords, {}, { pageSize: 1000 });
    expect(windows()).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
    ]);
  });

  it('no count field (ListSubCustomerNewTag): stops on a short page', async () => {
    serve(450, 'new_customer_tags', null);
    const { items, total } = await client.paginate(ListSubCustomerNewTag, { body: { customer_ids: [] } });
    expect([items.length, total]).toEqual([450, 450]);
    expect(windows()).toEqual([0, 200, 400].map((offset) => ({ offset, limit: 200 })));
    expect(server.requests[0]!.body).toBe('{"customer_ids":[],"offset":0,"limit":200}');
  });

  it('no count field: one extra call only when the last page is full', async () => {
    serve(400, 'new_customer_tags', null);
    const { items } = await client.paginate(ListSubCustomerNewTag, {});
    expect(items).toHaveLength(400);
    expect(windows().map((w) => w.offset)).toEqual([0, 200, 400]);
  });

  it('maxItems asks the last page only for what is still needed', async () => {
    serve(1000, 'records', 'total_count');
    const { items, total } = await client.paginate(ListPartnerAdjustRecords, {}, { maxItems: 130 });
    expect([items.length, total]).toEqual([130, 1000]);
    expect(windows()).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 30 },
    ]);
  });

  it('pages() yields each page with its offset and total as it arrives', async () => {
    serve(25, 'records', 'total_count');
    const seen: { offset: number; total: number | null; n: number }[] = [];
    for await (const page of client.pages(ListPartnerAdjustRecords, {}, { pageSize: 10 })) {
      seen.push({ offset: page.offset, total: page.total, n: page.items.length });
    }
    expect(seen).toEqual([
      { offset: 0, total: 25, n: 10 },
      { offset: 10, total: 25, n: 10 },
      { offset: 20, total: 25, n: 5 },
    ]);
    expect(server.requests).toHaveLength(3);
  });

  it('pages() without a count field reports total null', async () => {
    serve(3, 'new_customer_tags', null);
    const seen = [];
    for await (const page of client.pages(ListSubCustomerNewTag, {}, { pageSize: 2 })) seen.push([page.offset, page.total, page.items.length]);
    expect(seen).toEqual([
      [0, null, 2],
      [2, null, 1],
    ]);
  });

  it('a failing page fails the walk', async () => {
    server.handle((req) => (window(req).offset === 100 ? { status: 400, body: { error_code: 'CBC.0100', error_msg: 'offset' } } : { body: { total_count: 300, records: [{ id: 1 }] } }));
    await expect(client.paginate(ListPartnerAdjustRecords, {})).rejects.toMatchObject({ code: 'CBC.0100' });
  });
});

/**
 * GET /export/consumption end to end against the simulator: CSV and NDJSON of a closed cycle, the rows of
 * a customer equal to its GraphQL records field by field, exact totals, the upstream calls equal to the
 * pull's own, text that would run as a formula guarded in the CSV (raw in NDJSON), a mid-stream upstream
 * failure ending in the error marker, a client that stops reading stopping the pull, the open cycle
 * exported, and bad parameters or a future cycle answered 400 naming the parameter.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BssClient } from '../../src/bss/client.js';
import { Money, formatDecimal } from '../../src/bss/money.js';
import { csvCellText } from '../../src/export/csv-guard.js';
import { FOCUS_COLUMNS, neutralSpecDescription, type FocusColumn } from '../../src/export/focus-columns.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { pullConsumption } from '../../src/sources/consumption-pull.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';
import { parseCsv } from './rfc4180.js';

const CYCLE = '2026-10';
type Row = Record<string, string>;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ customers: 30, seed: 42 });
});

afterAll(async () => {
  await stack.close();
});

afterEach(() => {
  stack.simulator.resetFaults();
});

/**
 * A gateway over the stack's simulator with its own reference cache (so unit lookups are counted afresh), on
 * the simulator's clock as the stack's own gateway: which cycle is open must not move with the calendar.
 */
function freshGateway(bss: BssClient = stack.bss): Gateway {
  return createGateway({
    bss, partnerDomainId: stack.simulator.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN',
    now: () => TEST_NOW,
  });
}

function get(gateway: Gateway, query: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(gateway.fetch(`http://gateway.test/export/consumption?${query}`, init));
}

/** CSV body → header check, data rows as objects, and the closing marker line. */
function readCsv(text: string): { rows: Row[]; last: string[] } {
  const records = parseCsv(text);
  expect(records[0]).toEqual([...FOCUS_COLUMNS]);
  const data = records.slice(1, -1);
  for (const r of data) expect(r).toHaveLength(FOCUS_COLUMNS.length);
  return { rows: data.map((r) => Object.fromEntries(FOCUS_COLUMNS.map((c, i) => [c, r[i]!]))), last: records[records.length - 1]! };
}

const RECORDS = /* GraphQL */ `
  query Records($id: String!, $cycle: BillingCycle!, $after: String) {
    customer(customerId: $id) {
      consumption(cycle: $cycle) {
        total
        officialTotal
        records(first: 1000, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes {
            recordId customerId cycle billTypeCode chargeModeCode tradeId tradeTime consumeTime resourceId resourceName
            region { code } officialAmount discountAmount paymentAmount cashAmount creditAmount couponAmount debtAmount
            usage { amount measureId unit { name } } usageTypeCode periodTypeCode serviceType { code name } resourceType { code }
          }
        }
      }
    }
  }
`;

interface GqlRecord {
  recordId: string; customerId: string; cycle: string; billTypeCode: number | null; chargeModeCode: number | null; tradeId: string | null;
  tradeTime: string | null; consumeTime: string | null; resourceId: string | null; resourceName: string | null; region: { code: string } | null;
  officialAmount: string; discountAmount: string; paymentAmount: string; cashAmount: string | null; creditAmount: string | null;
  couponAmount: string | null; debtAmount: string | null; usage: { amount: string; measureId: number | null; unit: { name: string } | null } | null;
  usageTypeCode: string | null; periodTypeCode: number | null; serviceType: { code: string; name: string }; resourceType: { code: string };
}

async function graphRecords(customerId: string): Promise<{ total: string; officialTotal: string; records: GqlRecord[] }> {
  const records: GqlRecord[] = [];
  let after: string | null = null;
  let sums = { total: '', officialTotal: '' };
  for (;;) {
    const res: { data?: any; errors?: unknown[] } = await stack.graphql(RECORDS, { id: customerId, cycle: CYCLE, after });
    expect(res.errors).toBeUndefined();
    const view: any = res.data.customer.consumption;
    sums = { total: view.total, officialTotal: view.officialTotal };
    records.push(...view.records.nodes);
    if (!view.records.pageInfo.hasNextPage) return { ...sums, records };
    after = view.records.pageInfo.endCursor;
  }
}

/**
 * Expected text as the CSV writes it: a free-text column's value behind the formula guard's `'` when it starts
 * with a trigger (src/export/csv-guard.ts); every other column, and every non-text value, as it is.
 */
function asCsv<T extends Record<string, unknown>>(expected: T): T {
  return Object.fromEntries(Object.entries(expected).map(([c, v]) => [c, typeof v === 'string' ? csvCellText(c as FocusColumn, v) : v])) as T;
}

const sum = (values: readonly string[]): string => formatDecimal(values.reduce((a, v) => a.plus(v), new Money(0)));
const time = (text: string | null): number | null => (text ? Date.parse(text) : null);

function byCustomer(rows: readonly Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(r.SubAccountId!, [...(out.get(r.SubAccountId!) ?? []), r]);
  return out;
}

describe('GET /export/consumption', () => {
  let csvRows: Row[];
  /** ListSubCustomerBillDetail calls of the whole month. */
  let monthPages = 0;

  it('streams a closed cycle as RFC 4180 CSV ending in #END, with exactly the pull\'s upstream calls', async () => {
    const gateway = freshGateway();
    stack.bss.counter.reset();
    const res = await get(gateway, `cycle=${CYCLE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="consumption-2026-10.csv"');
    expect(res.headers.get('x-focus-version')).toBe('1.2');
    expect(res.headers.get('x-export-markers')).toContain('#END,<rows>');
    const text = await res.text();
    const exportCalls = stack.bss.counter.snapshot().calls;
    monthPages = exportCalls.ListSubCustomerBillDetail ?? 0;
    const { rows, last } = readCsv(text);
    csvRows = rows;
    expect(last).toEqual(['#END', String(rows.length)]);
    expect(rows.length).toBeGreaterThan(1000);
    expect(new Set(rows.map((r) => r.x_BillCycle))).toEqual(new Set([CYCLE]));
    expect(new Set(rows.map((r) => r.BillingPeriodStart))).toEqual(new Set(['2026-09-30T16:00:00Z']));
    expect(new Set(rows.map((r) => r.BillingPeriodEnd))).toEqual(new Set(['2026-10-31T16:00:00Z']));
    expect(new Set(rows.map((r) => r.BillingAccountId))).toEqual(new Set([stack.simulator.credentials.domainId]));
    expect(new Set(rows.map((r) => r.x_RecordId)).size).toBe(rows.length);

    // The same pull without the export: the export adds only the (cached) catalogues of units, service and
    // resource types, one page each, which name the rows in the request's language.
    stack.bss.counter.reset();
    const pullCtx = { bss: stack.bss, language: 'zh_CN' as const, partnerDomainId: stack.simulator.credentials.domainId };
    for await (const page of pullConsumption(pullCtx, { cycles: [CYCLE], scope: 'all' })) void page;
    const pullCalls = stack.bss.counter.snapshot().calls;
    expect(exportCalls).toEqual({ ...pullCalls, ListMeasureUnits: 1, ListServiceTypes: 1, ListResourceTypes: 1 });

    // And the pull's calls are the lower bound: the reseller list, one customer page per scope, the own consumers
    // list, ceil(N/1000) record pages per own customer that consumed, max(1, ceil(N/1000)) per reseller's customer.
    const world = stack.simulator.state.world;
    const counts = byCustomer(rows);
    const recordPages = world.customers.reduce((n, c) => {
      const records = counts.get(c.customerId)?.length ?? 0;
      return n + (c.indirectPartnerId === null ? Math.ceil(records / 1000) : Math.max(1, Math.ceil(records / 1000)));
    }, 0);
    expect(exportCalls).toEqual({
      ListIndirectPartners: 1, ListSubCustomers: 1 + world.resellers.length, ListConsumeSubCustomers: 1, ListSubCustomerBillDetail: recordPages,
      ListMeasureUnits: 1, ListServiceTypes: 1, ListResourceTypes: 1,
    });
  }, 120_000);

  it('gives each customer the rows of its GraphQL records, field by field, with the same exact totals', async () => {
    const counts = byCustomer(csvRows);
    const [customerId, rows] = [...counts].sort((a, b) => b[1].length - a[1].length)[0]!;
    const graph = await graphRecords(customerId);
    expect(rows.map((r) => r.x_RecordId)).toEqual(graph.records.map((g) => g.recordId));
    rows.forEach((row, i) => {
      const g = graph.records[i]!;
      const usage = row.ChargeCategory === 'Usage' && g.usage !== null;
      expect({
        SubAccountId: row.SubAccountId, x_BillCycle: row.x_BillCycle, x_BillDetailType: row.x_BillDetailType, x_ChargingMode: row.x_ChargingMode,
        x_TradeId: row.x_TradeId, x_TradeTime: time(row.x_TradeTime!), x_ConsumeTime: time(row.x_ConsumeTime!), ResourceId: row.ResourceId,
        ResourceName: row.ResourceName, RegionId: row.RegionId, ListCost: row.ListCost, x_DiscountAmount: row.x_DiscountAmount,
        BilledCost: row.BilledCost, EffectiveCost: row.EffectiveCost, x_CashAmount: row.x_CashAmount, x_CreditAmount: row.x_CreditAmount,
        x_CouponAmount: row.x_CouponAmount, x_DebtAmount: row.x_DebtAmount, ConsumedQuantity: row.ConsumedQuantity,
        x_UsageMeasureId: row.x_UsageMeasureId, ConsumedUnit: row.ConsumedUnit, x_UsageType: row.x_UsageType, x_PeriodType: row.x_PeriodType,
        x_ServiceTypeCode: row.x_ServiceTypeCode, ServiceName: row.ServiceName, x_ResourceTypeCode: row.x_ResourceTypeCode,
      }).toEqual(asCsv({
        SubAccountId: g.customerId, x_BillCycle: g.cycle, x_BillDetailType: String(g.billTypeCode), x_ChargingMode: String(g.chargeModeCode),
        x_TradeId: g.tradeId ?? '', x_TradeTime: time(g.tradeTime), x_ConsumeTime: time(g.consumeTime), ResourceId: g.resourceId ?? '',
        ResourceName: g.resourceName ?? '', RegionId: g.region?.code ?? '', ListCost: g.officialAmount, x_DiscountAmount: g.discountAmount,
        BilledCost: g.paymentAmount, EffectiveCost: g.paymentAmount, x_CashAmount: g.cashAmount ?? '', x_CreditAmount: g.creditAmount ?? '',
        x_CouponAmount: g.couponAmount ?? '', x_DebtAmount: g.debtAmount ?? '', ConsumedQuantity: usage ? g.usage!.amount : '',
        x_UsageMeasureId: g.usage?.measureId == null ? '' : String(g.usage.measureId), ConsumedUnit: usage ? (g.usage!.unit?.name ?? '') : '',
        x_UsageType: g.usageTypeCode ?? '', x_PeriodType: g.periodTypeCode === null ? '' : String(g.periodTypeCode),
        x_ServiceTypeCode: g.serviceType.code, ServiceName: g.serviceType.name, x_ResourceTypeCode: g.resourceType.code,
      }));
    });
    expect(sum(rows.map((r) => r.BilledCost!))).toBe(graph.total);
    expect(sum(rows.map((r) => r.ListCost!))).toBe(graph.officialTotal);
  }, 60_000);

  it('totals BilledCost exactly as the GraphQL totals of every customer', async () => {
    const counts = byCustomer(csvRows);
    const totals: string[] = [];
    for (const c of stack.simulator.state.world.customers) {
      const res = await stack.graphql(`query($id: String!) { customer(customerId: $id) { consumption(cycle: "${CYCLE}") { total } } }`, { id: c.customerId });
      expect(res.errors).toBeUndefined();
      const total = res.data.customer.consumption.total as string;
      expect([c.customerId, sum((counts.get(c.customerId) ?? []).map((r) => r.BilledCost!))]).toEqual([c.customerId, total]);
      totals.push(total);
    }
    expect(sum(csvRows.map((r) => r.BilledCost!))).toBe(sum(totals));
  }, 120_000);

  it('writes names and descriptions in English with Accept-Language: en (the spec description\'s neutral parts)', async () => {
    const some = [...byCustomer(csvRows).keys()].slice(0, 5);
    const res = await get(stack.gateway, `cycle=${CYCLE}&format=ndjson&customerId=${some.join(',')}`, { headers: { 'accept-language': 'en' } });
    const rows = (await res.text()).trimEnd().split('\n').slice(0, -1).map((l) => JSON.parse(l) as Record<string, string | null>);
    expect(rows.length).toBeGreaterThan(0);
    const cjk = /[\u3000-\u9fff]/;
    for (const row of rows) {
      expect(row.ChargeDescription).not.toMatch(cjk);
      expect(row.ServiceName).not.toMatch(cjk);
      // The raw description stays as Huawei wrote it.
      if (row.x_ProductSpecDescription && cjk.test(row.x_ProductSpecDescription)) {
        expect(row.ChargeDescription).toContain(neutralSpecDescription(row.x_ProductSpecDescription));
      }
    }
    expect(rows.some((r) => r.x_ProductSpecDescription && cjk.test(r.x_ProductSpecDescription))).toBe(true);
  }, 120_000);

  it('writes the same rows as NDJSON, decimals as strings, ending in x_End', async () => {
    // Five customers with records, the partner's own and resellers' alike (the whole month is the CSV test's).
    const some = [...byCustomer(csvRows).keys()].slice(0, 5);
    const expected = csvRows.filter((r) => some.includes(r.SubAccountId!));
    const res = await get(stack.gateway, `cycle=${CYCLE}&format=ndjson&customerId=${some.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[lines.length - 1]).toEqual({ x_End: { rows: expected.length } });
    const objects = lines.slice(0, -1);
    expect(objects).toHaveLength(expected.length);
    expect(Object.keys(objects[0]!)).toEqual([...FOCUS_COLUMNS]);
    expect(typeof objects[0]!.BilledCost).toBe('string');
    // CSV writes null as an empty field and guards formulas in text columns; otherwise the two formats carry
    // the same text. Worker interleaving may order customers differently between two pulls, so compare by record id.
    const csvById = new Map(expected.map((r) => [r.x_RecordId, r]));
    for (const o of objects) {
      expect(asCsv(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v ?? ''])))).toEqual(csvById.get(o.x_RecordId as string));
    }
  }, 60_000);

  it('exports a range of cycles and only the customers asked for, in the partner\'s own scope', async () => {
    const own = stack.simulator.state.world.customers.filter((c) => c.indirectPartnerId === null).slice(0, 2).map((c) => c.customerId);
    const other = stack.simulator.state.world.customers.find((c) => c.indirectPartnerId !== null)!.customerId;
    const res = await get(stack.gateway, `fromCycle=2026-09&toCycle=2026-10&customerId=${own.join(',')}&customerId=${other}&indirectPartnerId=own`);
    const { rows, last } = readCsv(await res.text());
    expect(last).toEqual(['#END', String(rows.length)]);
    expect(new Set(rows.map((r) => r.SubAccountId))).toEqual(new Set(own));
    expect(new Set(rows.map((r) => r.x_BillCycle))).toEqual(new Set(['2026-09', '2026-10']));
    const october = csvRows.filter((r) => own.includes(r.SubAccountId!)).map((r) => r.x_RecordId).sort();
    expect(rows.filter((r) => r.x_BillCycle === CYCLE).map((r) => r.x_RecordId).sort()).toEqual(october);
  }, 60_000);

  it('accepts the current (open) cycle, alone or ending a range', async () => {
    const [customerId] = [...byCustomer(csvRows).keys()];
    // The stack's clock is TEST_NOW (2026-11-15): 2026-11 is the open cycle.
    const asks: [string, string[]][] = [
      [`cycle=2026-11&customerId=${customerId}`, ['2026-11']],
      [`fromCycle=2026-10&toCycle=2026-11&customerId=${customerId}`, ['2026-10', '2026-11']],
    ];
    for (const [query, cycles] of asks) {
      const res = await get(stack.gateway, query);
      expect([query, res.status]).toEqual([query, 200]);
      const { rows, last } = readCsv(await res.text());
      expect(last).toEqual(['#END', String(rows.length)]);
      expect(new Set(rows.map((r) => r.x_BillCycle))).toEqual(new Set(cycles));
    }
  }, 60_000);

  /** Runs `check` while every resource of a customer with resource rows is named `name` (restored after). */
  async function withResourcesNamed(name: string, check: (customerId: string) => Promise<void>): Promise<void> {
    const [customerId] = [...byCustomer(csvRows)].find(([, rows]) => rows.some((r) => r.ResourceId !== ''))!;
    const resources = stack.simulator.state.commerce.resourcesOf(customerId) as unknown as { resourceName: string }[];
    const original = resources.map((r) => r.resourceName);
    for (const r of resources) r.resourceName = name;
    try {
      await check(customerId);
    } finally {
      resources.forEach((r, i) => (r.resourceName = original[i]!));
    }
  }

  it('quotes a value holding a comma, quotes and a line break so that it reads back exactly', async () => {
    const awkward = 'web, "front"\r\nline 2';
    await withResourcesNamed(awkward, async (customerId) => {
      const text = await (await get(stack.gateway, `cycle=${CYCLE}&customerId=${customerId}`)).text();
      expect(text).toContain('"web, ""front""\r\nline 2"');
      const { rows, last } = readCsv(text);
      expect(last).toEqual(['#END', String(rows.length)]);
      const named = rows.filter((r) => r.ResourceId !== '');
      expect(named.length).toBeGreaterThan(0);
      expect(new Set(named.map((r) => r.ResourceName))).toEqual(new Set([awkward]));
    });
  }, 60_000);

  it('guards a resource name that would run as a formula in the CSV, and keeps it raw in NDJSON', async () => {
    const formula = '=HYPERLINK("http://evil.example","open")';
    await withResourcesNamed(formula, async (customerId) => {
      const text = await (await get(stack.gateway, `cycle=${CYCLE}&customerId=${customerId}`)).text();
      expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""open"")",`);
      const named = readCsv(text).rows.filter((r) => r.ResourceId !== '');
      expect(named.length).toBeGreaterThan(0);
      expect(new Set(named.map((r) => r.ResourceName))).toEqual(new Set([`'${formula}`]));
      const ndjson = await (await get(stack.gateway, `cycle=${CYCLE}&customerId=${customerId}&format=ndjson`)).text();
      const objects = ndjson.trimEnd().split('\n').slice(0, -1).map((l) => JSON.parse(l) as Record<string, string | null>);
      expect(new Set(objects.filter((o) => o.ResourceId !== null).map((o) => o.ResourceName))).toEqual(new Set([formula]));
    });
  }, 60_000);

  it('masks the customer name without the PII permission', () => {
    const world = stack.simulator.state.world;
    for (const [id, rows] of byCustomer(csvRows)) {
      const c = world.customers.find((x) => x.customerId === id)!;
      // The real name keeps its first character; without one, the login name keeps its first and last.
      const chars = [...(c.realName || c.accountName)];
      const masked = c.realName ? chars[0] + '*'.repeat(chars.length - 1) : chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
      expect(new Set(rows.map((r) => r.SubAccountName))).toEqual(new Set([csvCellText('SubAccountName', masked)]));
    }
  });

  it('ends with the #ERROR marker, not a truncated file, when the upstream fails midway', async () => {
    const { ak, sk, domainId } = stack.simulator.credentials;
    // No retries, and throttling switched on for 4.2 as soon as its first page has been answered: the pages
    // already sent still succeed, every later one fails with a 429.
    let answered = 0;
    const bss = new BssClient({
      endpoint: stack.simulator.url, iamEndpoint: stack.simulator.url, credentials: { ak, sk, domainId }, retry: { maxAttempts: 1 },
      onRequest: (event) => {
        if (event.operation === 'ListSubCustomerBillDetail' && ++answered === 1) {
          stack.simulator.setFaults({ throttleRate: 1, operations: ['ListSubCustomerBillDetail'] });
        }
      },
    });
    try {
      const res = await get(freshGateway(bss), `cycle=${CYCLE}`);
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      const first = await reader.read();
      let text = decoder.decode(first.value, { stream: true });
      expect(text.startsWith('BilledCost,BillingAccountId,')).toBe(true);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
      const { rows, last } = readCsv(text);
      expect(rows.length).toBeLessThan(csvRows.length);
      expect(last).toEqual([
        '#ERROR', 'APIGW.0308', expect.stringMatching(/^Huawei Cloud ListSubCustomerBillDetail failed: /), 'ListSubCustomerBillDetail', expect.any(String), String(rows.length),
      ]);
      expect(text).not.toMatch(/https?:|\bat .*\.ts:\d+|#END/);
    } finally {
      await bss.close();
    }
  }, 60_000);

  it('stops pulling when the client stops reading', async () => {
    const { ak, sk, domainId } = stack.simulator.credentials;
    const bss = new BssClient({ endpoint: stack.simulator.url, iamEndpoint: stack.simulator.url, credentials: { ak, sk, domainId } });
    try {
      const res = await get(freshGateway(bss), `cycle=${CYCLE}&format=ndjson`);
      const reader = res.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
      // Pulled ahead of the reader at most: the pages read, 16 buffered pages and one held by each of 8 workers;
      // the whole month is more pages than that.
      const pulled = bss.counter.calls('ListSubCustomerBillDetail');
      expect(monthPages).toBeGreaterThan(27);
      expect(pulled).toBeLessThanOrEqual(27);
    } finally {
      await bss.close();
    }
  }, 60_000);
});

describe('GET /export/consumption: refusals', () => {
  const error = async (res: Response) => ({ status: res.status, body: await res.json() });

  it('answers 400 naming the parameter', async () => {
    stack.bss.counter.reset();
    expect(await error(await get(stack.gateway, 'format=csv'))).toEqual({
      status: 400,
      body: { errors: [{ message: '"cycle" is required: a billing month written YYYY-MM (or give "fromCycle" and "toCycle")', extensions: { code: 'BAD_USER_INPUT', parameter: 'cycle' } }] },
    });
    expect((await error(await get(stack.gateway, 'cycle=2026-10&format=xml'))).body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', parameter: 'format' });
    expect((await error(await get(stack.gateway, 'cycle=2026-10&customer=x'))).body.errors[0]).toEqual({
      message: 'unknown parameter "customer"; the export takes "cycle", "fromCycle", "toCycle", "format", "customerId", "indirectPartnerId"',
      extensions: { code: 'BAD_USER_INPUT', parameter: 'customer' },
    });
    expect((await error(await get(stack.gateway, 'fromCycle=2024-01&toCycle=2026-10'))).body.errors[0].extensions.parameter).toBe('toCycle');
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });

  it('refuses a future cycle or a range ending in one with 400, as the GraphQL endpoint does, before any upstream call', async () => {
    // The stack's clock is TEST_NOW (2026-11-15): 2026-11 is open, 2026-12 is the future.
    stack.bss.counter.reset();
    expect(await error(await get(stack.gateway, 'cycle=2026-12'))).toEqual({
      status: 400,
      body: { errors: [{ message: '"cycle" must not be a future cycle (the current cycle is 2026-11, UTC+8; got "2026-12")', extensions: { code: 'BAD_USER_INPUT', parameter: 'cycle' } }] },
    });
    expect(await error(await get(stack.gateway, 'fromCycle=2026-10&toCycle=2027-01&format=ndjson'))).toEqual({
      status: 400,
      body: { errors: [{ message: '"toCycle" must not be a future cycle (the current cycle is 2026-11, UTC+8; got "2027-01")', extensions: { code: 'BAD_USER_INPUT', parameter: 'toCycle' } }] },
    });
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });

  it('answers 405 with Allow: GET to other methods', async () => {
    const res = await get(stack.gateway, `cycle=${CYCLE}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await res.json()).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });
});

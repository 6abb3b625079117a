/**
 * The store's export (src/export/focus-sql.ts: the stored rows written by focus-text.ts, on the gateway's thread
 * or the writer threads) against the rows JavaScript builds from
 * the same stored records (`focusRow` + the encoders, what the export wrote before): byte for byte, CSV and
 * NDJSON, in Chinese and in English, on both engines. The records are chosen to reach every branch of a row:
 * each bill type and charging mode the tables know and some they do not, period types, null and present
 * amounts with trailing zeros, negative and long decimals, times with and without milliseconds, text that
 * needs CSV quotes or the formula guard or JSON escapes, CJK spec descriptions, unknown units and codes,
 * customers listed and not, with and without a name. Chunks of 7 rows cross customer and cycle boundaries.
 */
import { Decimal } from 'decimal.js';
import { beforeAll, expect, it } from 'vitest';
import { csvEncoder } from '../../src/export/csv.js';
import { BY_BILL_TYPE } from '../../src/export/focus-categories.js';
import { focusRow, type RowContext } from '../../src/export/focus-columns.js';
import { focusTextChunks, type FocusSqlContext } from '../../src/export/focus-sql.js';
import { writerThreadsOf, type FocusWriterThreads } from '../../src/export/focus-writer-threads.js';
import { ndjsonEncoder } from '../../src/export/ndjson.js';
import { unlistedCustomer } from '../../src/sources/consumption-pull.js';
import type { CustomerShape } from '../../src/sources/customers.js';
import {
  pageConsumptionRecords, replaceCustomerCycle, type ConsumptionSelection, type Store, type StoredConsumptionRecord,
} from '../../src/store/index.js';
import { describeEachEngine } from '../store/engines.js';
import { amount, record, seeded } from '../store/records.js';

const RESELLER = 'reseller-1';
const PARTNER = 'partner-domain-1';
const CYCLES = ['2026-09', '2026-10'];

const TEXTS = [
  'plain', 'with, comma', 'with "quotes"', 'line\nbreak', 'carriage\rreturn', '=HYPERLINK("x")', '+1', '-backup', '@sum', '\ttab',
  '', '中文名称', 'tab\tinside', 'back\\slash', 'ctrl\u0001char', 'emoji 😀', 'crlf\r\nend',
];
const SPECS = ['通用计算增强型|c6.2xlarge.4|8vCPUs|32GB|linux', 'c6.large.2||2vCPUs', '全中文', '', 's6.large.2 | 2vCPUs | 4GiB', '｜全角|ok'];
const BILL_TYPES = [...BY_BILL_TYPE.keys(), 99, null];
const CHARGE_MODES = [1, 3, 10, 11, 7, null];
const PERIOD_TYPES = [19, 20, 24, 25, 5, 6, null];
const MEASURES = [4, 10, 17, 999, null];

/** Listed customers: [scope, id, real name, login name, association type]. 'c-9' consumes but is not listed. */
const LISTED: [string | null, string, string | null, string, string | null][] = [
  [null, 'c-1', '张三', 'zhangsan', '2'],
  [null, 'c-2', null, 'login-only', '1'],
  [null, 'c-3', '=evil, "name"', 'x', null],
  [RESELLER, 'c-4', 'Reseller Customer', 'rc', '2'],
];

function customers(): CustomerShape[] {
  return LISTED.map(([scope, id, name, accountName, associationType]) => ({
    ...unlistedCustomer(id, scope), name, accountName, associationType,
  }));
}

function records(cycle: string, customerId: string, indirectPartnerId: string | null, random: () => number, count: number): StoredConsumptionRecord[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const maybe = <T>(value: T): T | null => (random() < 0.3 ? null : value);
  const time = (): Date | null => {
    if (random() < 0.2) return null;
    const ms = Date.parse(`${cycle}-05T00:00:00Z`) + Math.floor(random() * 20 * 86_400) * 1000;
    return new Date(random() < 0.3 ? ms + Math.floor(random() * 1000) : ms);
  };
  return Array.from({ length: count }, (_, i) => record({
    id: `r-${String(i).padStart(4, '0')}-${Math.floor(random() * 1e6)}`,
    cycle, customerId, indirectPartnerId,
    associationType: pick(['1', '2', null]),
    serviceTypeCode: pick(['hws.service.type.ec2', 'hws.service.type.obs', 'hws.service.type.unknown']),
    serviceTypeName: pick(['弹性云服务器', '', null, 'Object "Storage"']),
    resourceTypeCode: pick(['hws.resource.type.vm', 'hws.resource.type.volume', 'hws.resource.type.nope']),
    resourceTypeName: pick(['云主机', '', null]),
    chargeModeCode: pick(CHARGE_MODES),
    billTypeCode: pick(BILL_TYPES),
    tradeId: maybe(pick(TEXTS)),
    tradeTime: time(),
    consumeTime: time(),
    resourceId: maybe(`res-${i}`),
    resourceName: maybe(pick(TEXTS)),
    resourceTag: maybe(pick(TEXTS)),
    productSpecDescription: maybe(pick(SPECS)),
    regionCode: maybe('cn-north-4'),
    regionName: maybe(pick(['华北-北京四', 'CN North, Beijing4'])),
    productId: maybe('OFFI001'),
    productName: maybe(pick(TEXTS)),
    usageTypeCode: maybe('duration'),
    usageAmount: maybe(amount(random, 10_000)),
    usageMeasureId: pick(MEASURES),
    freeResourceUsage: maybe(new Decimal(pick(['0', '1.50000000', '12.34500000', '100']))),
    freeResourceMeasureId: pick(MEASURES),
    reservedInstanceUsage: maybe(amount(random, 10)),
    reservedInstanceMeasureId: pick(MEASURES),
    officialAmount: amount(random, 1_000_000, 0.1),
    discountAmount: amount(random, 1_000, 0.1),
    paymentAmount: new Decimal(pick(['0', '0.00000000', '1.50000000', '-2.10000000', '123456789.12345678', '0.00000001', '7'])),
    cashAmount: maybe(amount(random, 100)),
    creditAmount: maybe(new Decimal('0.10000000')),
    couponAmount: maybe(amount(random, 100, 0.5)),
    flexiPurchaseCouponAmount: maybe(new Decimal('3')),
    storedValueCardAmount: maybe(amount(random, 1)),
    debtAmount: maybe(new Decimal('-0.50000000')),
    writeoffAmount: maybe(amount(random, 1e11)),
    periodTypeCode: pick(PERIOD_TYPES),
    periodNum: maybe(new Decimal(pick(['1', '3.00000000', '0', '2.5']))),
    accountManagerId: maybe('am-1'),
    partnerId: maybe(PARTNER),
    subServiceTypeCode: maybe('sub.code'),
    subServiceTypeName: maybe('子服务'),
    subResourceTypeCode: maybe('sub.res'),
    subResourceTypeName: maybe('子资源'),
    subResourceId: maybe(pick(TEXTS)),
    subResourceName: maybe(pick(TEXTS)),
  }));
}

const UNITS = new Map([[4, '小时'], [10, 'GB'], [17, '']]);
const SERVICE_NAMES = new Map([['hws.service.type.ec2', 'Elastic Cloud Server'], ['hws.service.type.obs', '']]);
const RESOURCE_NAMES = new Map([['hws.resource.type.vm', 'Cloud server, "VM"']]);

/** Names the context gives the rows: the default ones need JSON escapes (a quote), `plain` ones none. */
interface Names {
  readonly resources: ReadonlyMap<string, string>;
  readonly listed: readonly CustomerShape[];
}
const NAMES: Names = { resources: RESOURCE_NAMES, listed: customers() };
const PLAIN_NAMES: Names = {
  resources: new Map([['hws.resource.type.vm', 'Cloud server VM']]),
  listed: customers().filter((c) => !/["\\]/.test(c.name ?? '')),
};

/** What the export wrote for stored records before: each record read back, `focusRow`, the encoder. */
async function jsText(store: Store, selection: ConsumptionSelection, format: 'csv' | 'ndjson', english: boolean, names = NAMES): Promise<string> {
  const listed = new Map(names.listed.map((c) => [JSON.stringify([c.indirectPartnerId, c.customerId]), c]));
  const ctx: RowContext = {
    partnerDomainId: PARTNER,
    unitName: (id) => UNITS.get(id) ?? null,
    serviceTypeName: (code) => SERVICE_NAMES.get(code) ?? null,
    resourceTypeName: (code) => names.resources.get(code) ?? null,
    english,
  };
  const encoder = format === 'csv' ? csvEncoder : ndjsonEncoder;
  const page = await pageConsumptionRecords(store, selection, { first: 100_000 });
  return page.edges.map(({ record: r }) => {
    const customer = listed.get(JSON.stringify([r.indirectPartnerId, r.customerId])) ?? unlistedCustomer(r.customerId, r.indirectPartnerId);
    // The export's name rule for a caller who may see personal data: the real name, else the login name.
    const subAccountName = customer.name || customer.accountName || null;
    return encoder.row(focusRow({ record: r, customer, subAccountName }, ctx));
  }).join('');
}

async function sqlText(
  store: Store, selection: ConsumptionSelection, format: 'csv' | 'ndjson', english: boolean,
  { names = NAMES, chunkRows = 7, threads = null as FocusWriterThreads | null } = {},
): Promise<{ text: string; rows: number; chunks: number; threadChunks: number }> {
  const ctx: FocusSqlContext = {
    partnerDomainId: PARTNER, english, units: UNITS, serviceTypeNames: SERVICE_NAMES, resourceTypeNames: names.resources,
    customers: names.listed.map((c) => ({
      indirectPartnerId: c.indirectPartnerId, customerId: c.customerId, subAccountName: c.name || c.accountName || null, associationType: c.associationType,
    })),
  };
  let text = '';
  let rows = 0;
  let chunks = 0;
  const threadsBefore = threads?.chunksWritten ?? 0;
  for await (const chunk of focusTextChunks(store, selection, format, ctx, { chunkRows, threads })) {
    text += new TextDecoder().decode(chunk.bytes);
    rows += chunk.rows;
    chunks++;
  }
  return { text, rows, chunks, threadChunks: (threads?.chunksWritten ?? 0) - threadsBefore };
}

describeEachEngine('the FOCUS rows the store exports', (store) => {
  let total = 0;
  beforeAll(async () => {
    const random = seeded(12);
    const units: [string, string | null, number][] = [['c-1', null, 30], ['c-2', null, 25], ['c-3', null, 20], ['c-9', null, 9], ['c-4', RESELLER, 23]];
    for (const cycle of CYCLES) {
      for (const [customerId, scope, count] of units) {
        total += (await replaceCustomerCycle(store(), { cycle, customerId, indirectPartnerId: scope, records: records(cycle, customerId, scope, random, count) })).recordCount;
      }
    }
  }, 60_000);

  // Who writes the chunks: the gateway's thread (focus-text.ts), or the writer threads (focus-writer-threads.ts:
  // the same writer, on PostgreSQL each with its own connection, on the embedded engine from the rows read here).
  const writers = [['the gateway', false, 0], ['writer threads', true, 32]] as const;
  for (const format of ['csv', 'ndjson'] as const) {
    for (const english of [false, true]) {
      it.each(writers)(`equal the JavaScript-built rows byte for byte: ${format}, ${english ? 'English' : 'Chinese'}, written by %s`, async (_, onThreads, threadChunks) => {
        const selection: ConsumptionSelection = { scope: 'all', fromCycle: CYCLES[0]!, toCycle: CYCLES[1]! };
        const expected = await jsText(store(), selection, format, english);
        const got = await sqlText(store(), selection, format, english, { threads: onThreads ? writerThreadsOf(store()) : null });
        expect(got.rows).toBe(total);
        expect(total).toBe(214);
        // 107 rows per cycle in chunks of 7: 16 chunks each (the last of 2 rows).
        expect(got.chunks).toBe(32);
        expect(got.threadChunks).toBe(threadChunks);
        // Line by line first, so a difference names its row.
        const eol = format === 'csv' ? '\r\n' : '\n';
        expect(got.text.split(eol)).toEqual(expected.split(eol));
        expect(got.text).toBe(expected);
      }, 60_000);
    }
  }

  it('escapes in NDJSON exactly what needs it when the names need no escape (the check per value is skipped for a chunk without one)', async () => {
    const selection: ConsumptionSelection = { scope: 'all', fromCycle: CYCLES[0]!, toCycle: CYCLES[1]! };
    const expected = await jsText(store(), selection, 'ndjson', false, PLAIN_NAMES);
    // A chunk per record: records without an escape take the unchecked path, the others the checked one.
    const got = await sqlText(store(), selection, 'ndjson', false, { names: PLAIN_NAMES, chunkRows: 1 });
    const lines = expected.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('\\')).length).toBe(201);
    expect(lines.filter((l) => !l.includes('\\')).length).toBe(13);
    expect(got.chunks).toBe(total);
    expect(got.text.split('\n')).toEqual(expected.split('\n'));
  }, 60_000);

  it('keeps to a reseller scope and a customer list in SQL', async () => {
    const reseller: ConsumptionSelection = { scope: RESELLER, fromCycle: '2026-10', toCycle: '2026-10' };
    // The scope holds for both writers: 23 rows in chunks of 7, on the gateway's thread and on the writer threads.
    const got = await sqlText(store(), reseller, 'ndjson', false);
    expect(got.rows).toBe(23);
    expect(new Set(got.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { SubAccountId: string }).SubAccountId))).toEqual(new Set(['c-4']));
    const onThreads = await sqlText(store(), reseller, 'ndjson', false, { threads: writerThreadsOf(store()) });
    expect(onThreads.threadChunks).toBe(4);
    expect(onThreads.text).toBe(got.text);
    const some: ConsumptionSelection = { scope: null, customerIds: ['c-2', 'c-9'], fromCycle: '2026-09', toCycle: '2026-10' };
    const two = await sqlText(store(), some, 'csv', true, { threads: writerThreadsOf(store()) });
    expect(two.rows).toBe(2 * (25 + 9));
    expect(two.threadChunks).toBe(two.chunks);
    expect(two.text).toBe(await jsText(store(), some, 'csv', true));
  }, 60_000);

  it('writes nothing for a selection without records', async () => {
    const empty = await sqlText(store(), { scope: 'all', fromCycle: '2026-08', toCycle: '2026-08' }, 'csv', false);
    expect(empty).toEqual({ text: '', rows: 0, chunks: 0, threadChunks: 0 });
  });
});

/**
 * The export's pieces without the network: RFC 4180 quoting (read back with a strict reader), the CSV
 * formula guard, the NDJSON lines and markers, one record mapped to its FOCUS row, and the query-string rules.
 */
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/bss/money.js';
import { csvEncoder, csvLine } from '../../src/export/csv.js';
import { GUARDED_COLUMNS, guardFormula } from '../../src/export/csv-guard.js';
import { parseExportRequest } from '../../src/export/export-request.js';
import {
  FOCUS_COLUMNS, billingPeriod, focusRow, isoTime,
  type FocusColumn, type FocusRow, type RowContext,
} from '../../src/export/focus-columns.js';
import { ndjsonEncoder } from '../../src/export/ndjson.js';
import type { ConsumptionRecordShape } from '../../src/sources/consumption-records.js';
import type { CustomerShape } from '../../src/sources/customers.js';
import { parseCsv } from './rfc4180.js';

const customer: CustomerShape = {
  customerId: 'c0ffee', accountName: 'acme_ops', name: 'Acme, "Cloud"\r\nLtd', associationType: '2', associatedOn: null, label: null,
  telephone: null, countryCode: null, email: null, verifiedStatus: null, customerType: null, isFrozen: null, customerLevel: null,
  accountManagers: [], xaccountId: null, xaccountType: null, indirectPartnerId: 'reseller1',
};

const usageRecord: ConsumptionRecordShape = {
  id: 'rec1', cycle: '2026-10', customerId: 'c0ffee', indirectPartnerId: 'reseller1', associationType: '2',
  serviceTypeCode: 'hws.service.type.ec2', serviceTypeName: 'Elastic Cloud Server', resourceTypeCode: 'hws.resource.type.vm',
  resourceTypeName: 'ECS', chargeModeCode: 3, billTypeCode: 5, tradeId: 'TR1', tradeTime: new Date('2026-10-03T05:00:00Z'),
  consumeTime: new Date('2026-10-03T04:00:00Z'), resourceId: 'vm-1', resourceName: 'web, "front"', resourceTag: null,
  productSpecDescription: 's6.large.2.linux', regionCode: 'cn-north-4', regionName: 'Beijing4', productId: 'p1', productName: null,
  usageTypeCode: 'Duration', usageAmount: new Money('1'), usageMeasureId: 4, freeResourceUsage: new Money('0'), freeResourceMeasureId: 4,
  reservedInstanceUsage: null, reservedInstanceMeasureId: null, officialAmount: new Money('0.56000000'), discountAmount: new Money('0.05600000'),
  paymentAmount: new Money('0.50400000'), cashAmount: new Money('0.50400000'), creditAmount: null, couponAmount: new Money('0'),
  flexiPurchaseCouponAmount: null, storedValueCardAmount: null, debtAmount: null, writeoffAmount: null, periodTypeCode: 25, periodNum: null,
  accountManagerId: null, partnerId: 'reseller1', subServiceTypeCode: null, subServiceTypeName: null, subResourceTypeCode: null,
  subResourceTypeName: null, subResourceId: null, subResourceName: null,
};

const ctx: RowContext = { partnerDomainId: 'partner-domain', unitName: (id) => (id === 4 ? 'Hour' : null) };

describe('CSV (RFC 4180)', () => {
  it('quotes exactly the fields that need it, doubles quotes, ends lines with CRLF, and reads back', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', 'lf\nonly', 'cr\ronly', '', null, '张三, 李四', '-1.50'];
    const line = csvLine(values);
    expect(line).toBe('plain,"a,b","say ""hi""","two\r\nlines","lf\nonly","cr\ronly",,,"张三, 李四",-1.50\r\n');
    expect(parseCsv(line)).toEqual([values.map((v) => v ?? '')]);
  });

  it('writes a header of the FOCUS columns and distinct end and error marker lines', () => {
    expect(parseCsv(csvEncoder.header())).toEqual([[...FOCUS_COLUMNS]]);
    expect(csvEncoder.end(42)).toBe('#END,42\r\n');
    expect(csvEncoder.error({ code: 'APIGW.0308', message: 'Throttled, "retry"', operation: 'ListSubCustomerBillDetail', requestId: null }, 7))
      .toBe('#ERROR,APIGW.0308,"Throttled, ""retry""",ListSubCustomerBillDetail,,7\r\n');
  });
});

describe('CSV formula guard', () => {
  const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
  const row = focusRow({ record: usageRecord, customer, subAccountName: 'A***' }, ctx);
  /** One data row written as CSV and read back, as column → cell text. */
  const readBack = (r: FocusRow): Record<FocusColumn, string> => {
    const [cells, ...rest] = parseCsv(csvEncoder.row(r));
    expect(rest).toEqual([]);
    return Object.fromEntries(FOCUS_COLUMNS.map((c, i) => [c, cells![i]!])) as Record<FocusColumn, string>;
  };

  it('guards exactly the free-text columns', () => {
    expect(GUARDED_COLUMNS).toEqual([
      'BillingAccountName', 'ChargeDescription', 'PricingUnit', 'ServiceName', 'ConsumedUnit', 'RegionName', 'ResourceName', 'ResourceType',
      'SubAccountName', 'x_FreeResourceUnit', 'x_ReservedInstanceUnit', 'x_ProductName', 'x_ProductSpecDescription', 'x_ResourceTag',
      'x_SubResourceName',
    ]);
  });

  it('prefixes a guarded cell starting with each trigger with a quote, which reads back before the original', () => {
    for (const column of GUARDED_COLUMNS) {
      for (const trigger of TRIGGERS) {
        const value = `${trigger}SUM(A1:A9)`;
        const cells = readBack({ ...row, [column]: value });
        expect([column, cells[column]]).toEqual([column, `'${value}`]);
        // The rest of the row is untouched.
        expect({ ...cells, [column]: '' }).toEqual({ ...readBack(row), [column]: '' });
      }
    }
    // A trigger anywhere but first, a quote already there, an empty or a null cell: as they are.
    expect(guardFormula('a=b-c')).toBe('a=b-c');
    expect(guardFormula("'=x")).toBe("'=x");
    expect(guardFormula('')).toBe('');
    expect(guardFormula(null)).toBeNull();
  });

  it('leaves numbers, ids, codes and times as written, a leading minus included', () => {
    const refund = focusRow({ record: { ...usageRecord, paymentAmount: new Money('-1.5'), resourceId: '-vm-1' }, customer, subAccountName: null }, ctx);
    expect(csvEncoder.row(refund).startsWith('-1.50,')).toBe(true);
    expect(readBack(refund)).toMatchObject({ BilledCost: '-1.50', EffectiveCost: '-1.50', ResourceId: '-vm-1' });
    // Every unguarded column keeps a value starting with any trigger.
    for (const column of FOCUS_COLUMNS.filter((c) => !GUARDED_COLUMNS.includes(c))) {
      for (const value of ['-1.50', '+86', '=1', '@id', '-id-1', '\tx']) {
        expect([column, readBack({ ...row, [column]: value })[column]]).toEqual([column, value]);
      }
    }
  });

  it('both prefixes and quotes a cell holding a trigger and a comma, quote or line break', () => {
    const value = '=HYPERLINK("http://evil.example/?a,b","click")\r\nline 2';
    const awkward = { ...row, ResourceName: value, x_ResourceTag: '@tag,"x"' };
    const line = csvEncoder.row(awkward);
    expect(line).toContain(`,"'=HYPERLINK(""http://evil.example/?a,b"",""click"")\r\nline 2",`);
    expect(line).toContain(`,"'@tag,""x""",`);
    expect(readBack(awkward)).toMatchObject({ ResourceName: `'${value}`, x_ResourceTag: `'@tag,"x"` });
  });

  it('leaves NDJSON byte-exact: the raw value, no prefix', () => {
    const raw = { ...row, ResourceName: '=1+2', SubAccountName: '-Acme', x_ResourceTag: '@team' };
    const line = ndjsonEncoder.row(raw);
    expect(line).toBe(`${JSON.stringify(Object.fromEntries(FOCUS_COLUMNS.map((c) => [c, raw[c]])))}\n`);
    expect(JSON.parse(line)).toMatchObject({ ResourceName: '=1+2', SubAccountName: '-Acme', x_ResourceTag: '@team' });
  });
});

describe('NDJSON', () => {
  it('writes one object per line with the column names in order and markers as their own objects', () => {
    const row = focusRow({ record: usageRecord, customer, subAccountName: 'A***' }, ctx);
    const line = ndjsonEncoder.row(row);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(Object.keys(JSON.parse(line))).toEqual([...FOCUS_COLUMNS]);
    expect(ndjsonEncoder.end(3)).toBe('{"x_End":{"rows":3}}\n');
    expect(JSON.parse(ndjsonEncoder.error({ code: 'CBC.0999', message: 'System error.', operation: 'ListSubCustomerBillDetail', requestId: 'r1' }, 0)))
      .toEqual({ x_Error: { code: 'CBC.0999', message: 'System error.', operation: 'ListSubCustomerBillDetail', requestId: 'r1', rows: 0 } });
  });
});

describe('FOCUS row', () => {
  it('puts a UTC+8 cycle on UTC instants', () => {
    expect(billingPeriod('2026-10')).toEqual({ start: new Date('2026-09-30T16:00:00Z'), end: new Date('2026-10-31T16:00:00Z') });
    expect(billingPeriod('2027-01').start.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(isoTime(new Date('2026-10-03T04:00:00.250Z'))).toBe('2026-10-03T04:00:00.250Z');
  });

  it('maps an hourly pay-per-use record', () => {
    const row = focusRow({ record: usageRecord, customer, subAccountName: 'A***' }, ctx);
    expect(row).toMatchObject({
      BilledCost: '0.504', BillingAccountId: 'partner-domain', BillingAccountName: null, BillingCurrency: 'CNY',
      BillingPeriodStart: '2026-09-30T16:00:00Z', BillingPeriodEnd: '2026-10-31T16:00:00Z',
      ChargeCategory: 'Usage', ChargeClass: null, ChargeFrequency: 'Usage-Based', ChargeDescription: 'ECS: s6.large.2.linux',
      ChargePeriodStart: '2026-10-03T04:00:00Z', ChargePeriodEnd: '2026-10-03T05:00:00Z',
      ContractedCost: '0.504', EffectiveCost: '0.504', ListCost: '0.56', InvoiceIssuerName: 'reseller1',
      PricingQuantity: '1.00', PricingUnit: 'Hour', ConsumedQuantity: '1.00', ConsumedUnit: 'Hour',
      ProviderName: 'Huawei Cloud', PublisherName: 'Huawei Cloud', ServiceCategory: 'Compute', ServiceSubcategory: 'Virtual Machines',
      ServiceName: 'Elastic Cloud Server', RegionId: 'cn-north-4', RegionName: 'Beijing4', ResourceId: 'vm-1', ResourceName: 'web, "front"',
      SubAccountId: 'c0ffee', SubAccountName: 'A***', x_RecordId: 'rec1', x_BillCycle: '2026-10', x_ChargingMode: '3', x_BillDetailType: '5',
      x_TradeTime: '2026-10-03T05:00:00Z', x_ConsumeTime: '2026-10-03T04:00:00Z', x_IndirectPartnerId: 'reseller1', x_AssociationType: '2',
      x_DiscountAmount: '0.056', x_CashAmount: '0.504', x_CouponAmount: '0.00', x_CreditAmount: null, x_FreeResourceUsage: '0.00', x_FreeResourceUnit: 'Hour',
    });
  });

  it('maps a refund to a Purchase correction and a referral customer to Huawei Cloud as the invoice issuer', () => {
    const refund: ConsumptionRecordShape = {
      ...usageRecord, billTypeCode: 4, chargeModeCode: 1, associationType: '1', usageAmount: null, usageMeasureId: null,
      paymentAmount: new Money('-120.5'), officialAmount: new Money('-130'), discountAmount: new Money('-9.5'), periodTypeCode: 20, periodNum: new Money('2'),
    };
    const row = focusRow({ record: refund, customer, subAccountName: null }, ctx);
    expect(row).toMatchObject({
      ChargeCategory: 'Purchase', ChargeClass: 'Correction', ChargeFrequency: 'One-Time', BilledCost: '-120.50', ContractedCost: '-120.50',
      ListCost: '-130.00', PricingQuantity: '2.00', PricingUnit: 'Month', ConsumedQuantity: null, ConsumedUnit: null,
      ChargePeriodStart: '2026-10-03T04:00:00Z', ChargePeriodEnd: '2026-10-03T04:00:01Z', InvoiceIssuerName: 'Huawei Cloud',
    });
    const credit = focusRow({ record: { ...refund, billTypeCode: 9 }, customer, subAccountName: null }, ctx);
    expect([credit.ChargeCategory, credit.ChargeClass, credit.PricingQuantity, credit.PricingUnit]).toEqual(['Credit', null, null, null]);
  });
});

describe('export query string', () => {
  /** The cycle open at the test stacks' clock (TEST_NOW, 2026-11-15). */
  const OPEN = '2026-11';
  const parse = (query: string, open = OPEN) => parseExportRequest(new URLSearchParams(query), open);
  const failure = (query: string, open = OPEN): { parameter: string; message: string } => {
    try {
      parse(query, open);
    } catch (error) {
      return { parameter: (error as { parameter: string }).parameter, message: (error as Error).message };
    }
    throw new Error(`no error for ${query}`);
  };

  it('reads a cycle, a range, customers and the reseller scope', () => {
    expect(parse('cycle=2026-10')).toEqual({ cycles: ['2026-10'], format: 'csv', customerIds: null, indirectPartnerId: undefined });
    expect(parse('fromCycle=2025-11&toCycle=2026-02&format=ndjson&customerId=a,b&customerId=c&customerId=a&indirectPartnerId=own')).toEqual({
      cycles: ['2025-11', '2025-12', '2026-01', '2026-02'], format: 'ndjson', customerIds: ['a', 'b', 'c'], indirectPartnerId: null,
    });
    expect(parse('fromCycle=2025-06&toCycle=2026-11').cycles).toHaveLength(18);
    expect(parse('cycle=2026-10&indirectPartnerId=r-1').indirectPartnerId).toBe('r-1');
  });

  it('names the parameter and the rule it broke', () => {
    expect(failure('')).toEqual({ parameter: 'cycle', message: '"cycle" is required: a billing month written YYYY-MM (or give "fromCycle" and "toCycle")' });
    expect(failure('cycle=2026-13').parameter).toBe('cycle');
    expect(failure('cycle=2026-1').message).toBe('"cycle" must be a billing month written YYYY-MM, e.g. "2026-10" (got "2026-1")');
    expect(failure('cycle=2026-10&format=xlsx')).toEqual({ parameter: 'format', message: '"format" must be "csv" or "ndjson" (got "xlsx")' });
    expect(failure('cycle=2026-10&cycles=2026-11').parameter).toBe('cycles');
    expect(failure('cycle=2026-10&cycle=2026-11')).toEqual({ parameter: 'cycle', message: '"cycle" may be given once' });
    expect(failure('cycle=2026-10&fromCycle=2026-09').parameter).toBe('fromCycle');
    expect(failure('fromCycle=2026-09').parameter).toBe('toCycle');
    expect(failure('fromCycle=2026-10&toCycle=2026-09').parameter).toBe('fromCycle');
    expect(failure('fromCycle=2025-05&toCycle=2026-11')).toEqual({
      parameter: 'toCycle', message: '"fromCycle" to "toCycle" may span at most 18 cycles (got 19); records are kept 18 months',
    });
    expect(failure('cycle=2026-10&customerId=a,,b').parameter).toBe('customerId');
    expect(failure('cycle=2026-10&indirectPartnerId=bad%20id').parameter).toBe('indirectPartnerId');
  });

  it('refuses a cycle older than the 18 Huawei keeps, with the graph\'s rule', () => {
    expect(failure('cycle=2020-01')).toEqual({
      parameter: 'cycle', message: '"cycle" must be one of the last 18 cycles, 2025-06 to 2026-11 (UTC+8), as Huawei keeps bills 18 months (got "2020-01")',
    });
    expect(failure('fromCycle=2025-05&toCycle=2025-07').parameter).toBe('fromCycle');
    expect(parse('fromCycle=2025-06&toCycle=2026-11').cycles).toHaveLength(18);
  });

  it('refuses a future cycle, or a range ending in one, naming the parameter; the current cycle is fine', () => {
    expect(failure('cycle=2026-12')).toEqual({
      parameter: 'cycle', message: '"cycle" must not be a future cycle (the current cycle is 2026-11, UTC+8; got "2026-12")',
    });
    expect(failure('fromCycle=2026-10&toCycle=2026-12')).toEqual({
      parameter: 'toCycle', message: '"toCycle" must not be a future cycle (the current cycle is 2026-11, UTC+8; got "2026-12")',
    });
    // Across a year end, and a reversed range still reported as reversed.
    expect(failure('cycle=2027-01', '2026-12').parameter).toBe('cycle');
    expect(failure('fromCycle=2027-02&toCycle=2027-01').parameter).toBe('fromCycle');
    expect(parse('cycle=2026-11').cycles).toEqual(['2026-11']);
    expect(parse('fromCycle=2026-10&toCycle=2026-11').cycles).toEqual(['2026-10', '2026-11']);
    expect(parse('fromCycle=2026-11&toCycle=2027-01', '2027-01').cycles).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

/**
 * Personal data in every field that can hold it (issue 11, hole 2): a key without the PII permission (an
 * analyst's, a reseller's) sees each masked by the console's rules; a key with it sees the raw value, each
 * reveal logged once (request, customer or reseller, field) without the value; the FOCUS export masks the
 * same way; Huawei's error text is scrubbed of e-mail addresses and phone numbers.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, type ApiKeyEntry } from '../../src/auth/api-keys.js';
import { maskAccountName, maskEmail, maskLoginName, maskName, maskPhone, scrubPersonal } from '../../src/auth/pii.js';
import { ListCouponQuotasRecords } from '../../src/bss/operations/partners/index.js';
import { ShowCustomerOrderDetails } from '../../src/bss/operations/commerce/index.js';
import { BssError } from '../../src/bss/errors.js';
import { maskError } from '../../src/errors.js';
import { describeFailure } from '../../src/export/export-plugin.js';
import { createLog } from '../../src/ops/log.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../support/stack.js';

const CYCLE = '2026-10';
const KEYS = { analyst: 'pg_pii_test_analyst', pii: 'pg_pii_test_support', reseller: 'pg_pii_test_reseller' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let stack: Stack;
let lines: Record<string, unknown>[];
let customer: CustomerRecord;
let reseller: string;

/** Each personal field, with the mask its value gets without the PII permission. */
const MASKS: Record<string, (value: string) => string> = {
  'Customer.accountName': maskAccountName,
  'Customer.name': maskName,
  'Customer.telephone': maskPhone,
  'Customer.email': maskEmail,
  'IndirectPartner.accountName': maskAccountName,
  'IndirectPartner.name': maskName,
  'IndirectPartner.mobilePhone': maskPhone,
  'IndirectPartner.email': maskEmail,
  'Order.createdBy': maskLoginName,
  'QuotaRecord.operator': maskLoginName,
  'QuotaRecord.indirectPartnerAccountName': maskAccountName,
  'QuotaRecord.indirectPartnerName': maskName,
  'AdjustRecord.customerName': maskName,
  'AccountChangeRecord.accountName': maskAccountName,
  'CustomerAccountChangeRecord.accountName': maskAccountName,
  'CouponChangeRecord.accountName': maskAccountName,
  'CustomerBillSum.accountName': maskAccountName,
};

const PARTNER_QUERY = `{ partner {
  indirectPartners(first: 10) { nodes { __typename accountName name mobilePhone email } }
  adjustRecords(first: 50) { nodes { __typename customerName } }
  accountChangeRecords(first: 50) { nodes { __typename accountName } }
  quotaRecords(first: 50) { nodes { __typename recordId operator indirectPartnerAccountName indirectPartnerName } }
} }`;

const CUSTOMER_QUERY = `query ($id: String!, $cycle: BillingCycle!) { customer(customerId: $id) {
  __typename accountName name telephone email
  orders(first: 20) { nodes { __typename orderId createdBy } }
  accountChangeRecords(first: 20) { nodes { __typename accountName } }
  couponChangeRecords(first: 20, from: "2025-11-16") { nodes { __typename accountName } }
  monthlySummary(cycle: $cycle) { rows(first: 20) { nodes { __typename accountName } } }
} }`;

const RESELLER_QUERY = `query ($id: String!) { indirectPartner(indirectPartnerId: $id) {
  __typename accountName name mobilePhone email
  quotaRecords(first: 50) { nodes { __typename recordId operator indirectPartnerAccountName indirectPartnerName } }
} }`;

/** Every personal field's values in an answer, in order, keyed `Type.field` (walks objects with __typename). */
function personalValues(data: unknown): Map<string, (string | null)[]> {
  const out = new Map<string, (string | null)[]>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    for (const [k, child] of Object.entries(o)) {
      const field = `${String(o.__typename)}.${k}`;
      if (field in MASKS) out.set(field, [...(out.get(field) ?? []), (child as string | null) ?? null]);
      else walk(child);
    }
  };
  walk(data);
  return out;
}

async function answer(query: string, variables: Record<string, unknown>, key: string): Promise<any> {
  const res = await stack.graphql(query, variables, bearer(key));
  expect(res.errors).toBeUndefined();
  return res.data;
}

beforeAll(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const probe = await startStack({ customers: 120 });
  const world = probe.simulator.state.world;
  // A reseller whose quota log has entries, and a customer of the partner's own with orders, ledgers and bills.
  const log = await probe.bss.call(ListCouponQuotasRecords, { offset: 0, limit: 100 });
  reseller = log.records!.find((r) => r.indirect_partner_id && r.operator)!.indirect_partner_id!;
  await probe.close();
  const apiKeys: ApiKeyEntry[] = [
    { name: 'bi', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
    { name: 'support', role: 'admin', pii: true, sha256: sha256Hex(KEYS.pii) },
    { name: 'reseller', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex(KEYS.reseller) },
  ];
  stack = await startStack({ customers: 120, apiKeys, log: createLog('info', sink) });
  const commerce = stack.simulator.state.commerce;
  const coupons = stack.simulator.state.partners.coupons;
  customer = world.customersOf(null)
    .filter((c) => c.realName && c.email && c.telephone && commerce.ordersOf(c.customerId).length > 0 && coupons.heldByCustomer(c).length > 0)
    .sort((a, b) => commerce.ordersOf(b.customerId).length - commerce.ordersOf(a.customerId).length)[0]!;
  expect(customer).toBeDefined();
});

afterAll(async () => {
  await stack?.close();
});

describe('personal fields', () => {
  it('are masked for an analyst key and shown to a PII key, field by field, each reveal logged once without the value', async () => {
    const asked: Array<[string, Record<string, unknown>]> = [
      [PARTNER_QUERY, {}],
      [CUSTOMER_QUERY, { id: customer.customerId, cycle: CYCLE }],
      [RESELLER_QUERY, { id: reseller }],
    ];
    const covered = new Set<string>();
    for (const [query, variables] of asked) {
      const masked = personalValues(await answer(query, variables, KEYS.analyst));
      lines.length = 0;
      const shown = personalValues(await answer(query, variables, KEYS.pii));
      const reveals = lines.filter((l) => l.event === 'pii.reveal');
      for (const [field, values] of shown) {
        const mask = MASKS[field]!;
        expect([field, masked.get(field)]).toEqual([field, values.map((v) => (v === null || v === '' ? v : mask(v)))]);
        if (values.some((v) => v)) {
          covered.add(field);
          // Logged once per owner: never once per row, never with the value.
          const logged = reveals.filter((l) => l.field === field);
          expect([field, logged.length > 0]).toEqual([field, true]);
          const owners = logged.map((l) => `${String(l.customerId ?? '')}|${String(l.indirectPartnerId ?? '')}`);
          expect(new Set(owners).size).toBe(owners.length);
          for (const l of logged) expect(l.caller).toBe('support');
        }
      }
      const text = JSON.stringify(reveals);
      for (const values of shown.values()) for (const v of values) if (v && v.length > 3) expect(text).not.toContain(v);
    }
    // The test saw a real value of every personal field the schema has.
    expect([...covered].sort()).toEqual(Object.keys(MASKS).sort());
  }, 60_000);

  it('shows Order.createdBy and QuotaRecord.operator raw to a PII key, masked to an analyst and to a reseller key', async () => {
    const withUser = (await answer(CUSTOMER_QUERY, { id: customer.customerId, cycle: CYCLE }, KEYS.pii)).customer.orders.nodes as { orderId: string; createdBy: string | null }[];
    const order = withUser.find((o) => o.createdBy && !['运营人员', '运营系统'].includes(o.createdBy))!;
    expect(order).toBeDefined();
    const raw = await stack.bss.call(ShowCustomerOrderDetails, { order_id: order.orderId, limit: 1 });
    expect(order.createdBy).toBe(raw.order_info!.user_name);
    const q = `{ order(orderId: "${order.orderId}") { createdBy } }`;
    expect((await answer(q, {}, KEYS.analyst)).order.createdBy).toBe(maskAccountName(raw.order_info!.user_name!));
    expect((await answer(q, {}, KEYS.analyst)).order.createdBy).not.toBe(raw.order_info!.user_name);

    const log = await stack.bss.call(ListCouponQuotasRecords, { indirect_partner_id: reseller, offset: 0, limit: 100 });
    const rawOperators = log.records!.map((r) => r.operator ?? null);
    expect(rawOperators.some((o) => o)).toBe(true);
    const ofKey = async (key: string) =>
      ((await answer(RESELLER_QUERY, { id: reseller }, key)).indirectPartner.quotaRecords.nodes as { operator: string | null }[]).map((r) => r.operator);
    expect(await ofKey(KEYS.pii)).toEqual(rawOperators);
    const maskedOperators = rawOperators.map((o) => (o ? maskLoginName(o) : o));
    expect(await ofKey(KEYS.analyst)).toEqual(maskedOperators);
    // A reseller key has no PII permission either: its own quota log's operators come masked.
    expect(await ofKey(KEYS.reseller)).toEqual(maskedOperators);
  });

  it('leaves Huawei\'s stand-ins for staff and system in createdBy as they are', () => {
    expect([maskLoginName('运营人员'), maskLoginName('运营系统'), maskLoginName('partner_user01')]).toEqual(['运营人员', '运营系统', 'p************1']);
  });

  it('masks the export\'s SubAccountName as the graph masks the customer\'s name, and reveals it to a PII key with a log line', async () => {
    const get = async (key: string) => {
      const res = await stack.gateway.fetch(`http://gateway.test/export/consumption?cycle=${CYCLE}&format=ndjson&customerId=${customer.customerId}`, { headers: bearer(key) });
      expect(res.status).toBe(200);
      const rows = (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      return new Set(rows.filter((r) => r.SubAccountId === customer.customerId).map((r) => r.SubAccountName));
    };
    const graph = async (key: string) => (await answer('query ($id: String!) { customer(customerId: $id) { name } }', { id: customer.customerId }, key)).customer.name;
    expect(await get(KEYS.analyst)).toEqual(new Set([await graph(KEYS.analyst)]));
    expect(await graph(KEYS.analyst)).toBe(maskName(customer.realName));
    lines.length = 0;
    expect(await get(KEYS.pii)).toEqual(new Set([customer.realName]));
    expect(lines.filter((l) => l.event === 'pii.reveal').map((l) => [l.caller, l.customerId, l.field])).toEqual([['support', customer.customerId, 'SubAccountName']]);
    expect(JSON.stringify(lines)).not.toContain(customer.realName);
  });

  it('scrubs e-mail addresses and phone numbers from Huawei\'s error text, in GraphQL errors and export failures', () => {
    expect(scrubPersonal('Customer alice@example.com (13812345678, +86 13912345678) is frozen')).toBe(
      `Customer a***@example.com (138****5678, ${maskPhone('+86 13912345678')}) is frozen`,
    );
    const error = new BssError({
      kind: 'upstream', operation: 'ListSubCustomers', code: 'CBC.0100', message: 'account alice@example.com with mobile 13812345678 invalid', httpStatus: 400,
    });
    const graphql = maskError(error, 'Unexpected error.');
    expect(graphql.message).toBe('Huawei Cloud ListSubCustomers failed: CBC.0100 account a***@example.com with mobile 138****5678 invalid');
    expect(describeFailure(error).message).toBe('Huawei Cloud ListSubCustomers failed: account a***@example.com with mobile 138****5678 invalid');
  });
});

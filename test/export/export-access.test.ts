/**
 * The export under API keys: the same access rules as the GraphQL endpoint. No key → 401 before any
 * upstream call; a reseller key sees only its reseller's customers and is refused other scopes (403); the
 * customer's name is masked unless the key has the PII permission, and each reveal is logged once per
 * customer without the value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, type ApiKeyEntry } from '../../src/auth/api-keys.js';
import { csvCellText } from '../../src/export/csv-guard.js';
import { FOCUS_COLUMNS } from '../../src/export/focus-columns.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { createLog } from '../../src/ops/log.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';
import { TEST_NOW } from '../support/sim-request.js';
import { startStack, type Stack } from '../support/stack.js';
import { parseCsv } from './rfc4180.js';

const CYCLE = '2026-10';
const KEYS = { admin: 'pg_admin_key', pii: 'pg_pii_key', reseller: 'pg_reseller_key' };

let stack: Stack;
let gateway: Gateway;
const logLines: Record<string, unknown>[] = [];
let reseller: string;
let other: string;
let ownCustomer: CustomerRecord;
let resellerCustomer: CustomerRecord;
let otherCustomer: CustomerRecord;

beforeAll(async () => {
  stack = await startStack({ customers: 30, seed: 42 });
  const world = stack.simulator.state.world;
  ownCustomer = world.customers.find((c) => c.indirectPartnerId === null)!;
  resellerCustomer = world.customers.find((c) => c.indirectPartnerId !== null)!;
  reseller = resellerCustomer.indirectPartnerId!;
  otherCustomer = world.customers.find((c) => c.indirectPartnerId !== null && c.indirectPartnerId !== reseller)!;
  other = otherCustomer.indirectPartnerId!;
  const apiKeys: ApiKeyEntry[] = [
    { name: 'ops', role: 'admin', sha256: sha256Hex(KEYS.admin) },
    { name: 'finance', role: 'analyst', pii: true, sha256: sha256Hex(KEYS.pii) },
    { name: 'r', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex(KEYS.reseller) },
  ];
  const log = createLog('info', { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  gateway = createGateway(
    {
      bss: stack.bss, partnerDomainId: stack.simulator.credentials.domainId, reference: new ReferenceCache({ ttlMs: 60_000 }), defaultLanguage: 'zh_CN', log,
      // The simulator's clock, as the stack's gateway: which cycle is open must not move with the calendar.
      now: () => TEST_NOW,
    },
    { apiKeys },
  );
});

afterAll(async () => {
  await stack.close();
});

function get(query: string, key?: string): Promise<Response> {
  return Promise.resolve(gateway.fetch(`http://gateway.test/export/consumption?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }));
}

async function rowsOf(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  const records = parseCsv(await res.text());
  expect(records[0]).toEqual([...FOCUS_COLUMNS]);
  const data = records.slice(1, -1);
  expect(records[records.length - 1]).toEqual(['#END', String(data.length)]);
  return data.map((r) => Object.fromEntries(FOCUS_COLUMNS.map((c, i) => [c, r[i]!])));
}

const three = (): string => [ownCustomer, resellerCustomer, otherCustomer].map((c) => c.customerId).join(',');

describe('export access', () => {
  it('answers 401 without a key, before any upstream call', async () => {
    stack.bss.counter.reset();
    const res = await get(`cycle=${CYCLE}`);
    expect(res.status).toBe(401);
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });

  it('gives a reseller key only its reseller\'s customers', async () => {
    const rows = await rowsOf(await get(`cycle=${CYCLE}&customerId=${three()}`, KEYS.reseller));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.SubAccountId))).toEqual(new Set([resellerCustomer.customerId]));
    expect(new Set(rows.map((r) => r.x_IndirectPartnerId))).toEqual(new Set([reseller]));
    const asked = await rowsOf(await get(`cycle=${CYCLE}&customerId=${three()}&indirectPartnerId=${reseller}`, KEYS.reseller));
    expect(asked.map((r) => r.x_RecordId)).toEqual(rows.map((r) => r.x_RecordId));
  }, 60_000);

  it('refuses a reseller key the partner\'s own customers and other resellers\' with 403', async () => {
    stack.bss.counter.reset();
    for (const scope of ['own', other]) {
      const res = await get(`cycle=${CYCLE}&indirectPartnerId=${scope}`, KEYS.reseller);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        errors: [{ message: `This API key may only see reseller ${reseller}'s customers.`, extensions: { code: 'FORBIDDEN', parameter: 'indirectPartnerId' } }],
      });
    }
    expect(stack.bss.counter.snapshot().totalCalls).toBe(0);
  });

  it('masks names without the PII permission and reveals them, logged once per customer, with it', async () => {
    const masked = await rowsOf(await get(`cycle=${CYCLE}&customerId=${three()}`, KEYS.admin));
    const shown = await rowsOf(await get(`cycle=${CYCLE}&customerId=${three()}`, KEYS.pii));
    const exported = new Set(shown.map((r) => r.SubAccountId));
    expect(exported.size).toBeGreaterThan(1);
    const world = stack.simulator.state.world;
    for (const id of exported) {
      const c = world.customers.find((x) => x.customerId === id)!;
      const name = c.realName || c.accountName;
      // As the CSV writes it: behind the formula guard's `'` if the name starts like a formula.
      expect(new Set(shown.filter((r) => r.SubAccountId === id).map((r) => r.SubAccountName))).toEqual(new Set([csvCellText('SubAccountName', name)]));
      expect(new Set(masked.filter((r) => r.SubAccountId === id).map((r) => r.SubAccountName))).not.toContain(name);
    }
    const reveals = logLines.filter((l) => l.event === 'pii.reveal');
    expect(reveals.map((l) => [l.caller, l.customerId]).sort()).toEqual([...exported].map((id) => ['finance', id]).sort());
    expect(JSON.stringify(logLines)).not.toContain(world.customers.find((c) => exported.has(c.customerId) && c.realName)?.realName ?? '\u0000');
  }, 60_000);
});

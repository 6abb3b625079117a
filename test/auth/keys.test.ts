/** API_KEYS_FILE validation, the key command, and main's refusal to run open against real Huawei Cloud. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { authenticate, parseApiKeys, sha256Hex } from '../../src/auth/api-keys.js';
import { scopedBss } from '../../src/auth/scoped-bss.js';
import type { BssClient } from '../../src/bss/client.js';
import { ListPartnerBalances, ListSubCustomers } from '../../src/bss/operations/partners/index.js';

const D = 'a'.repeat(64);

describe('API_KEYS_FILE', () => {
  it('accepts valid entries and normalises the digest', () => {
    expect(parseApiKeys([
      { name: 'ops', role: 'admin', sha256: D.toUpperCase() },
      { name: 'r', role: 'reseller', indirectPartnerId: 'ip1', pii: true, sha256: 'b'.repeat(64) },
    ])).toEqual([
      { name: 'ops', role: 'admin', sha256: D },
      { name: 'r', role: 'reseller', indirectPartnerId: 'ip1', pii: true, sha256: 'b'.repeat(64) },
    ]);
  });

  it('names every problem by entry and field, all at once', () => {
    expect(() => parseApiKeys([
      { name: 'a', role: 'root', sha256: D },
      { name: 'a', role: 'reseller', sha256: 'xyz' },
      { name: 'c', role: 'analyst', indirectPartnerId: 'ip', pii: 'yes', sha256: D },
    ], 'API_KEYS_FILE keys.json')).toThrow(
      'API_KEYS_FILE keys.json is invalid:\n' +
        '  - entry 0 ("a"), field "role": must be one of admin, analyst, reseller (got "root")\n' +
        '  - entry 1 ("a"), field "name": duplicates entry 0\n' +
        '  - entry 1 ("a"), field "indirectPartnerId": required for role reseller (the reseller\'s indirect_partner_id)\n' +
        '  - entry 1 ("a"), field "sha256": must be the 64 hex digits of the key\'s SHA-256 (npm run key prints it)\n' +
        '  - entry 2 ("c"), field "indirectPartnerId": only a reseller key is bound to a reseller; remove it or use role "reseller"\n' +
        '  - entry 2 ("c"), field "pii": must be true or false\n' +
        '  - entry 2 ("c"), field "sha256": the same key as entry 0',
    );
    expect(() => parseApiKeys({})).toThrow('API_KEYS_FILE must hold a JSON array');
  });

  it('authenticates by the digest of the presented key', () => {
    const entries = parseApiKeys([{ name: 'bi', role: 'analyst', sha256: sha256Hex('pg_k') }]);
    expect(authenticate(entries, 'pg_k')).toEqual({ name: 'bi', role: 'analyst', indirectPartnerId: null, pii: false });
    expect(authenticate(entries, 'pg_K')).toBeNull();
  });
});

describe('the scope guard under a reseller caller', () => {
  const reseller = { name: 'r', role: 'reseller', indirectPartnerId: 'ipA', pii: false } as const;
  const calls: string[] = [];
  const fake = {
    call: async (op: { name: string }, req: unknown) => {
      calls.push(`${op.name} ${JSON.stringify(req)}`);
      return op.name === 'ListSubCustomers' ? { customer_infos: [] } : {};
    },
  } as unknown as BssClient;

  it('refuses other scopes and partner-wide calls before calling upstream, and confirms a customer in its scope', async () => {
    const bss = scopedBss(fake, reseller);
    await expect(bss.call(ListPartnerBalances, {})).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(bss.call(ListPartnerBalances, { indirect_partner_id: 'ipB' })).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
    await bss.call(ListPartnerBalances, { indirect_partner_id: 'ipA' });
    await expect(bss.call({ ...ListSubCustomers, name: 'ShowCustomerAccountBalances', caller: 'customer' }, {}, { customerId: 'c9' })).rejects.toMatchObject({
      message: 'Customer c9 is not a customer of reseller ipA.',
    });
    expect(calls).toEqual([
      'ListPartnerBalances {"indirect_partner_id":"ipA"}',
      'ListSubCustomers {"body":{"customer_id":"c9","indirect_partner_id":"ipA","offset":0,"limit":1}}',
    ]);
    expect(scopedBss(fake, { ...reseller, role: 'admin', indirectPartnerId: null })).toBe(fake);
  });
});

describe('npm run key', () => {
  it('prints a key and an entry holding its digest', () => {
    const out = spawnSync('npx', ['tsx', 'scripts/key.ts', '--name', 'x', '--role', 'analyst'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(0);
    const key = /^key: {3}(pg_[A-Za-z0-9_-]{43})$/m.exec(out.stdout)?.[1];
    const entry = JSON.parse(/^entry: (.*)$/m.exec(out.stdout)![1]!);
    expect(entry).toEqual({ name: 'x', role: 'analyst', sha256: sha256Hex(key!) });
  });

  it('prints usage and exits 2 on bad flags', () => {
    const out = spawnSync('npx', ['tsx', 'scripts/key.ts', '--name', 'x', '--role', 'reseller'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('field "indirectPartnerId": required for role reseller');
    expect(out.stderr).toContain('usage: npm run key -- --name NAME');
    expect(out.stdout).toBe('');
  });
});

describe('npm start against real Huawei Cloud', () => {
  it('refuses to start without API keys', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, HUAWEICLOUD_SDK_AK: 'AK', HUAWEICLOUD_SDK_SK: 'SK', HUAWEICLOUD_SDK_DOMAIN_ID: '0123456789abcdef0123456789abcdef', PORT: '0' };
    delete env.API_KEYS_FILE;
    const out = spawnSync('npx', ['tsx', 'src/main.ts'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Refusing to start: Huawei Cloud credentials are set but no API key is configured. Set API_KEYS_FILE');
  });
});

/**
 * Query.customerIdentityCheck (CheckUserIdentity §2.3) for the keys that create customers: admin and reseller keys
 * get the simulator's answer for a free and a used name, e-mail and mobile number; analyst keys get FORBIDDEN with
 * no call (the check tells whether an e-mail or a mobile number has a Huawei Cloud account). A value that breaks
 * §2.3's rules is BAD_USER_INPUT naming the argument and the rule, with no call; the value itself is never quoted
 * in an error nor written to the log.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/api-keys.js';
import { createLog } from '../../src/ops/log.js';
import type { CustomerRecord } from '../../src/simulator/dataset/world.js';
import { startStack, type Stack } from '../support/stack.js';

const KEYS = { admin: 'pg_idc_admin', analyst: 'pg_idc_analyst', reseller: 'pg_idc_reseller' };
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const CHECK = 'query ($t: IdentitySearchType!, $v: String!) { customerIdentityCheck(searchType: $t, value: $v) { available result mobileRemainingAvailable } }';

let stack: Stack;
let lines: string[];
let used: CustomerRecord;
beforeAll(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const probe = await startStack({ customers: 40 });
  const reseller = probe.simulator.state.world.resellers[0]!.indirectPartnerId;
  await probe.close();
  stack = await startStack({
    customers: 40,
    log: createLog('info', sink),
    apiKeys: [
      { name: 'ops', role: 'admin', sha256: sha256Hex(KEYS.admin) },
      { name: 'bi', role: 'analyst', sha256: sha256Hex(KEYS.analyst) },
      { name: 'reseller', role: 'reseller', indirectPartnerId: reseller, sha256: sha256Hex(KEYS.reseller) },
    ],
  });
  used = stack.simulator.state.world.customersOf(null)[0]!;
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const requests = () => stack.bss.counter.snapshot().requests;

describe('customerIdentityCheck', () => {
  it('answers a used and a free name, e-mail and mobile number for admin and reseller keys, one call each', async () => {
    const cases: [string, string, { available: boolean; result: string }][] = [
      ['NAME', used.accountName, { available: false, result: 'used_by_user' }],
      ['NAME', 'nobody-registered-this', { available: true, result: 'available' }],
      ['EMAIL', used.email, { available: false, result: 'used_by_user' }],
      ['EMAIL', 'nobody-here@example.org', { available: true, result: 'available' }],
    ];
    for (const key of [KEYS.admin, KEYS.reseller]) {
      for (const [t, v, expected] of cases) {
        stack.bss.counter.reset();
        const res = await stack.graphql(CHECK, { t, v }, as(key));
        expect(res.errors, `${t} ${v}`).toBeUndefined();
        expect(res.data.customerIdentityCheck, `${t} ${v}`).toEqual({ ...expected, mobileRemainingAvailable: null });
        expect(requests()).toEqual({ CheckUserIdentity: 1 });
      }
    }
    // A mobile number is only checked against its registration limit: the count of what remains comes with it.
    stack.bss.counter.reset();
    const mobile = await stack.graphql(CHECK, { t: 'MOBILE', v: '0086-13900000001' }, as(KEYS.admin));
    expect(mobile.errors).toBeUndefined();
    expect(mobile.data.customerIdentityCheck).toMatchObject({ available: true, result: 'available' });
    expect(mobile.data.customerIdentityCheck.mobileRemainingAvailable).toBeGreaterThan(0);
    expect(requests()).toEqual({ CheckUserIdentity: 1 });
  });

  it('refuses analyst keys with FORBIDDEN before any call', async () => {
    stack.bss.counter.reset();
    const res = await stack.graphql(CHECK, { t: 'EMAIL', v: used.email }, as(KEYS.analyst));
    expect(res.errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(res.data.customerIdentityCheck).toBeNull();
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
  });

  it('refuses values that break §2.3\'s rules with BAD_USER_INPUT naming the rule, no call, the value neither quoted nor logged', async () => {
    const cases: [string, string, RegExp][] = [
      ['EMAIL', '', /must not be empty/],
      ['EMAIL', `${'a'.repeat(60)}@x.org`, /at most 64 characters/],
      ['EMAIL', 'secret-person.example.org', /whole e-mail address/],
      ['MOBILE', '13912345678', /0086-13XXXXXXXXX/],
      ['MOBILE', '0044-7700900123', /only country code 0086/],
      ['NAME', 'abcd', /5 to 32 characters/],
      ['NAME', '9secretname', /a letter or "-" first/],
      ['NAME', 'secret name', /a letter or "-" first/],
      ['NAME', 'op_secretname', /must not start with op_ or shadow_/],
      ['NAME', 'Shadow_secretname', /must not start with op_ or shadow_/],
    ];
    stack.bss.counter.reset();
    lines.length = 0;
    for (const [t, v, rule] of cases) {
      const res = await stack.graphql(CHECK, { t, v }, as(KEYS.admin));
      expect(res.errors!.map((e) => e.extensions.code), `${t} ${v}`).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions.argument).toBe('value');
      expect(res.errors![0].message).toMatch(rule);
      if (v !== '') expect(res.errors![0].message).not.toContain(v);
    }
    expect(stack.bss.counter.snapshot().totalRequests).toBe(0);
    // The log saw these requests (one line each at least) and none of their values.
    expect(lines.length).toBeGreaterThanOrEqual(cases.length);
    for (const [, v] of cases) if (v !== '') expect(lines.join('\n')).not.toContain(v);
  });

  it('never writes a checked value to the log, answered or not', async () => {
    lines.length = 0;
    const res = await stack.graphql(CHECK, { t: 'EMAIL', v: used.email }, as(KEYS.admin));
    expect(res.errors).toBeUndefined();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(used.email);
  });
});

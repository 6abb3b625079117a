/**
 * The simulated IAM token endpoint (iam-tokens.md §7): password and assume_role tokens, their bodies, the
 * decision order of §7.3, lock-out, and validation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signRequest, formatSdkDate } from '../../../src/bss/signer.js';
import {
  IAM_HEADERS,
  assumeRoleBody,
  customerWith,
  expectGatewayError,
  expectIamError,
  partnerToken,
  passwordBody,
  send,
  startHarness,
  type Harness,
} from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});
beforeEach(() => {
  h.clock.offsetMs = 0;
  h.clock.frozen = null;
});

const TOKENS = '/v3/auth/tokens';
const SIX_DIGITS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000Z$/;

describe('password method', () => {
  it('201, X-Subject-Token, the documented body (domain scope, nocatalog)', async () => {
    h.clock.frozen = Date.parse('2026-03-01T08:00:00.412Z');
    const res = await send(h, 'POST', `${TOKENS}?nocatalog=true`, IAM_HEADERS, passwordBody(h));
    const c = h.sim.credentials;
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const token = res.headers.get('x-subject-token')!;
    expect(token).toMatch(/^MII[A-Za-z0-9_-]{120,}$/);
    expect(res.text).not.toContain(token);
    const account = { id: c.domainId, name: c.domainName };
    expect(res.json).toEqual({
      token: {
        methods: ['password'],
        issued_at: '2026-03-01T08:00:00.412000Z',
        expires_at: '2026-03-02T08:00:00.412000Z',
        catalog: [],
        domain: account,
        roles: [
          { id: '0', name: 'te_admin' },
          { id: '0', name: 'secu_admin' },
          { id: '0', name: 'te_agency' },
        ],
        user: { id: expect.stringMatching(/^[0-9a-f]{32}$/), name: c.domainName, password_expires_at: '', domain: account },
      },
    });
    // Each login is a new token; earlier ones stay valid.
    const again = await send(h, 'POST', `${TOKENS}?nocatalog=true`, IAM_HEADERS, passwordBody(h));
    expect(again.headers.get('x-subject-token')).not.toBe(token);
  });

  it('a catalogue without nocatalog; project scope by name; no scope = domain scope', async () => {
    const withCatalog = await send(h, 'POST', TOKENS, IAM_HEADERS, passwordBody(h));
    expect(withCatalog.json.token.catalog.map((e: { type: string }) => e.type)).toEqual(['iam', 'bssv1']);
    expect(withCatalog.json.token.catalog[0].endpoints[0]).toMatchObject({ url: `${h.sim.url}/v3.0`, region: '*', region_id: '*', interface: 'public' });

    const project = await send(h, 'POST', `${TOKENS}?nocatalog=1`, IAM_HEADERS, passwordBody(h, { scope: { project: { name: 'cn-north-4' } } }));
    expect(project.status).toBe(201);
    expect(project.json.token.domain).toBeUndefined();
    expect(project.json.token.project).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: 'cn-north-4',
      domain: { id: h.sim.credentials.domainId, name: h.sim.credentials.domainName },
    });
    // A project-scoped token is refused by BSS, a global service (inferred).
    expectGatewayError(
      await send(h, 'GET', '/v2/test/either', { 'X-Auth-Token': project.headers.get('x-subject-token')! }),
      401,
      'APIGW.0301',
      'Incorrect IAM authentication information: a domain-scoped token is required for a global service',
    );

    const unscoped = await send(h, 'POST', `${TOKENS}?nocatalog=true`, IAM_HEADERS, passwordBody(h, { scope: null }));
    expect(unscoped.json.token.domain).toEqual({ id: h.sim.credentials.domainId, name: h.sim.credentials.domainName });
  });

  it('wrong password, unknown user, unknown account: the same 401', async () => {
    for (const overrides of [{ password: 'nope' }, { name: 'someone-else' }, { domain: 'other-account' }]) {
      expectIamError(await send(h, 'POST', TOKENS, IAM_HEADERS, passwordBody(h, overrides)), 401, 'The username or password is wrong.', 'Unauthorized');
    }
  });

  it('a scope naming another account (inferred 401)', async () => {
    expectIamError(
      await send(h, 'POST', TOKENS, IAM_HEADERS, passwordBody(h, { scope: { domain: { name: 'other' } } })),
      401,
      'The request you have made requires authentication.',
      'Unauthorized',
    );
  });

  it('malformed bodies and unsupported methods → 400', async () => {
    const bodies = [
      'not json',
      '{}',
      JSON.stringify({ auth: { identity: { methods: ['password'] } } }),
      JSON.stringify({ auth: { identity: { methods: ['token'], token: { id: 'x' } } } }),
      JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'x', password: 'y' } } } } }),
    ];
    for (const body of bodies) expectIamError(await send(h, 'POST', TOKENS, IAM_HEADERS, body), 400, 'The request body is invalid', 'Bad Request');
  });

  it('five wrong passwords lock the user for 15 minutes; the right password fails meanwhile', async () => {
    const lockH = await startHarness();
    try {
      for (let i = 0; i < 4; i++) expect((await send(lockH, 'POST', TOKENS, IAM_HEADERS, passwordBody(lockH, { password: 'bad' }))).status).toBe(401);
      // The fifth failure still says "wrong" and locks.
      expectIamError(await send(lockH, 'POST', TOKENS, IAM_HEADERS, passwordBody(lockH, { password: 'bad' })), 401, 'The username or password is wrong.', 'Unauthorized');
      expectIamError(await send(lockH, 'POST', TOKENS, IAM_HEADERS, passwordBody(lockH)), 401, 'The account is locked.', 'Unauthorized');
      lockH.clock.offsetMs = 15 * 60_000 + 1_000;
      expect((await send(lockH, 'POST', TOKENS, IAM_HEADERS, passwordBody(lockH))).status).toBe(201);
    } finally {
      await lockH.sim.close();
    }
  });
});

describe('assume_role method', () => {
  it('with the partner token: 201 and the documented body', async () => {
    const customer = customerWith(h, true);
    h.clock.frozen = Date.parse('2026-03-01T08:05:10.031Z');
    const partner = await partnerToken(h);
    const res = await send(
      h,
      'POST',
      `${TOKENS}?nocatalog=true`,
      { ...IAM_HEADERS, 'X-Auth-Token': partner },
      assumeRoleBody({ domain_id: customer.customerId, agency_name: h.sim.credentials.xaccountType }, { domain: { id: customer.customerId } }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('x-subject-token')).toMatch(/^MII/);
    const c = h.sim.credentials;
    const account = { id: customer.customerId, name: customer.accountName };
    expect(res.json).toEqual({
      token: {
        methods: ['assume_role'],
        issued_at: '2026-03-01T08:05:10.031000Z',
        expires_at: '2026-03-02T08:05:10.031000Z',
        catalog: [],
        domain: account,
        roles: customer.agency!.roles.map((name) => ({ id: '0', name })),
        user: { id: customer.agency!.id, name: `${customer.accountName}/${c.xaccountType}`, domain: account },
        assumed_by: {
          user: { id: expect.stringMatching(/^[0-9a-f]{32}$/), name: c.domainName, password_expires_at: '', domain: { id: c.domainId, name: c.domainName } },
        },
      },
    });
  });

  it('legacy xrole_name, domain_name, no scope, project scope of the customer', async () => {
    const customer = customerWith(h, true);
    const headers = { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h) };
    const legacy = await send(h, 'POST', `${TOKENS}?nocatalog=true`, headers, assumeRoleBody({ domain_name: customer.accountName, xrole_name: h.sim.credentials.xaccountType }));
    expect(legacy.status).toBe(201);
    expect(legacy.json.token.domain).toEqual({ id: customer.customerId, name: customer.accountName });
    const project = await send(
      h,
      'POST',
      `${TOKENS}?nocatalog=true`,
      headers,
      assumeRoleBody({ domain_id: customer.customerId, agency_name: h.sim.credentials.xaccountType }, { project: { name: 'cn-east-3' } }),
    );
    expect(project.status).toBe(201);
    expect(project.json.token.project).toMatchObject({ name: 'cn-east-3', domain: { id: customer.customerId } });
  });

  it('signed with the partner AK/SK instead of a token', async () => {
    const customer = customerWith(h, true);
    const body = assumeRoleBody({ domain_id: customer.customerId, agency_name: h.sim.credentials.xaccountType });
    const url = new URL(`${TOKENS}?nocatalog=true`, h.sim.url);
    const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8', 'X-Domain-Id': h.sim.credentials.domainId };
    const key = { ak: h.sim.credentials.ak, sk: h.sim.credentials.sk };
    Object.assign(headers, signRequest({ method: 'POST', url, headers, body }, key, { sdkDate: formatSdkDate(h.clock.now()) }));
    const res = await send(h, 'POST', `${TOKENS}?nocatalog=true`, headers, body);
    expect(res.status).toBe(201);
    // A bad signature is the gateway's 401 (inferred).
    headers.Authorization = headers.Authorization!.replace(/Signature=\w+/, `Signature=${'0'.repeat(64)}`);
    const bad = await send(h, 'POST', `${TOKENS}?nocatalog=true`, headers, body);
    expect(bad.status).toBe(401);
    expect(bad.json.error_code).toBe('APIGW.0301');
    expect(bad.json.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail,canonicalRequest:POST\|\/v3\/auth\/tokens\/\|nocatalog=true\|/);
  });

  it('a customer without an agency → 403', async () => {
    const customer = customerWith(h, false);
    expectIamError(
      await send(h, 'POST', TOKENS, { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h) }, assumeRoleBody({ domain_id: customer.customerId, agency_name: h.sim.credentials.xaccountType })),
      403,
      'You have no right to do this action',
      'Forbidden',
    );
  });

  it('another agency name, an unknown account, a scope of another account → 403', async () => {
    const customer = customerWith(h, true);
    const headers = { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h) };
    const x = h.sim.credentials.xaccountType;
    for (const body of [
      assumeRoleBody({ domain_id: customer.customerId, agency_name: 'someone_else' }),
      assumeRoleBody({ domain_id: 'f'.repeat(32), agency_name: x }),
      assumeRoleBody({ domain_id: customer.customerId, agency_name: x }, { domain: { id: h.sim.credentials.domainId } }),
    ]) {
      expectIamError(await send(h, 'POST', TOKENS, headers, body), 403, 'You have no right to do this action', 'Forbidden');
    }
  });

  it('the 404 switch for a missing agency', async () => {
    const h404 = await startHarness({ agencyNotFoundStatus: 404 });
    try {
      const customer = customerWith(h404, false);
      expectIamError(
        await send(h404, 'POST', TOKENS, { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h404) }, assumeRoleBody({ domain_id: customer.customerId, agency_name: h404.sim.credentials.xaccountType })),
        404,
        `Could not find agency: ${h404.sim.credentials.xaccountType}.`,
        'Not Found',
      );
    } finally {
      await h404.sim.close();
    }
  });

  it('bad caller token → 401; an assume_role token as caller → 403; no caller → 401', async () => {
    const customer = customerWith(h, true);
    const body = assumeRoleBody({ domain_id: customer.customerId, agency_name: h.sim.credentials.xaccountType });
    expectIamError(await send(h, 'POST', TOKENS, { ...IAM_HEADERS, 'X-Auth-Token': 'MIIbogus' }, body), 401, 'The X-Auth-Token is invalid!', 'Unauthorized');
    const revoked = await partnerToken(h);
    h.sim.revokeToken(revoked);
    expectIamError(await send(h, 'POST', TOKENS, { ...IAM_HEADERS, 'X-Auth-Token': revoked }, body), 401, 'The X-Auth-Token is invalid!', 'Unauthorized');
    const customerToken = (await send(h, 'POST', TOKENS, { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h) }, body)).headers.get('x-subject-token')!;
    expectIamError(await send(h, 'POST', TOKENS, { ...IAM_HEADERS, 'X-Auth-Token': customerToken }, body), 403, 'You have no right to do this action', 'Forbidden');
    expectIamError(await send(h, 'POST', TOKENS, IAM_HEADERS, body), 401, 'The request you have made requires authentication.', 'Unauthorized');
  });

  it('missing agency or account, or id and name of different accounts → 400', async () => {
    const [a, b] = h.sim.state.world.customers;
    const headers = { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h) };
    const x = h.sim.credentials.xaccountType;
    for (const body of [
      assumeRoleBody({ domain_id: a!.customerId }),
      assumeRoleBody({ agency_name: x }),
      assumeRoleBody({ domain_id: a!.customerId, domain_name: b!.accountName, agency_name: x }),
    ]) {
      expectIamError(await send(h, 'POST', TOKENS, headers, body), 400, 'The request body is invalid', 'Bad Request');
    }
  });
});

describe('GET /v3/auth/tokens (validate)', () => {
  it('200 with the same body; 404 for an unknown or expired subject; 401 without a caller', async () => {
    const caller = await partnerToken(h);
    const issued = await send(h, 'POST', `${TOKENS}?nocatalog=true`, IAM_HEADERS, passwordBody(h));
    const subject = issued.headers.get('x-subject-token')!;
    const ok = await send(h, 'GET', TOKENS, { 'X-Auth-Token': caller, 'X-Subject-Token': subject });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-subject-token')).toBe(subject);
    expect(ok.json).toEqual(issued.json);
    expect(ok.json.token.issued_at).toMatch(SIX_DIGITS);

    expectIamError(await send(h, 'GET', TOKENS, { 'X-Auth-Token': caller, 'X-Subject-Token': 'MIInope' }), 404, 'X-Subject-Token is invalid in the request', 'Not Found');
    h.sim.expireToken(subject);
    expectIamError(await send(h, 'GET', TOKENS, { 'X-Auth-Token': caller, 'X-Subject-Token': subject }), 404, 'X-Subject-Token is invalid in the request', 'Not Found');
    expectIamError(await send(h, 'GET', TOKENS, { 'X-Subject-Token': caller }), 401, 'The request you have made requires authentication.', 'Unauthorized');
  });

  it('other methods on the token path → 404 APIGW.0101', async () => {
    expectGatewayError(await send(h, 'DELETE', TOKENS, {}), 404, 'APIGW.0101', 'The API does not exist.');
  });
});

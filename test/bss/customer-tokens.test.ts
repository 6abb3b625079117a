import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BssClient, type BssClientOptions } from '../../src/bss/client.js';
import { BssError } from '../../src/bss/errors.js';
import { parseIamTime } from '../../src/bss/iam-client.js';
import { startFakeServer, type FakeServer, type Received, type Reply } from './support/fake-server.js';
import { verifySignature } from './support/verify.js';
import { CancelCustomerOrder, ListConversions, ShowCustomerMonthlySum } from './support/ops.js';

const AK = 'TESTAK0123456789ABCD';
const SK = 'testsecret0123456789abcdefghijklmnop';
const PARTNER = '5f0c3a9e2b7d4e11a8c6d2f4b1e9a370';
const CUSTOMER = 'c1e8b04f9a2d4b7e8f5a3c6d0b9e4a12';
const AGENCY = 'acmeplatform';
const HOUR = 3_600_000;

let server: FakeServer;
let clients: BssClient[] = [];
let now = 0;
let issued = 0;
/** What IAM answers; default: a fresh 24-hour token. */
let iamReply: (req: Received) => Reply;
/** What BSS answers. */
let bssReply: (req: Received) => Reply;

function agencyToken(): Reply {
  issued += 1;
  return {
    status: 201,
    headers: { 'x-subject-token': `MIIcustomertoken-${issued}-abcdefghijklmnop`, 'x-request-id': 'f'.repeat(32) },
    body: {
      token: {
        methods: ['assume_role'],
        issued_at: '2026-03-01T08:05:10.031000Z',
        expires_at: '2026-03-02T08:05:10.031000Z',
        catalog: [],
        domain: { id: CUSTOMER, name: 'cust-0001' },
        roles: [{ id: '0', name: 'te_admin' }],
      },
    },
  };
}

beforeAll(async () => {
  server = await startFakeServer((req) => (req.path === '/v3/auth/tokens' ? iamReply(req) : bssReply(req)));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  now = Date.UTC(2026, 2, 1, 8, 5, 10);
  issued = 0;
  iamReply = agencyToken;
  bssReply = () => ({ body: { total_count: 0, bill_sums: [] } });
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  server.requests.length = 0;
});

function makeClient(options: Partial<BssClientOptions> = {}): BssClient {
  const client = new BssClient({
    endpoint: server.url,
    iamEndpoint: server.url,
    credentials: { ak: AK, sk: SK, domainId: PARTNER },
    agencyName: AGENCY,
    clock: () => now,
    sleep: async () => {},
    random: () => 0.5,
    ...options,
  });
  clients.push(client);
  return client;
}

const iamCalls = () => server.to('/v3/auth/tokens');
const bssCalls = () => server.requests.filter((r) => r.path !== '/v3/auth/tokens');
const monthly = (client: BssClient, customerId = CUSTOMER) => client.call(ShowCustomerMonthlySum, { bill_cycle: '2026-02' }, { customerId });

async function failure(promise: Promise<unknown>): Promise<BssError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BssError);
    return error as BssError;
  }
  throw new Error('expected the call to fail');
}

describe('customer tokens via IAM assume_role', () => {
  it('asks IAM with the exact assume_role body, AK/SK-signed, then calls BSS with X-Auth-Token', async () => {
    const client = makeClient();
    await monthly(client);
    const [iam] = iamCalls();
    expect(iam!.method).toBe('POST');
    expect(iam!.rawUrl).toBe('/v3/auth/tokens?nocatalog=true');
    expect(iam!.body).toBe(
      `{"auth":{"identity":{"methods":["assume_role"],"assume_role":{"domain_id":"${CUSTOMER}","agency_name":"${AGENCY}"}},"scope":{"domain":{"id":"${CUSTOMER}"}}}}`,
    );
    expect(iam!.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(iam!.headers['x-domain-id']).toBe(PARTNER);
    expect(iam!.headers['x-auth-token']).toBeUndefined();
    expect(verifySignature(iam!, { ak: AK, sk: SK })).toEqual({ ok: true, signedHeaders: 'content-type;host;x-domain-id;x-sdk-date' });

    const [bss] = bssCalls();
    expect(bss!.rawUrl).toBe('/v2/bills/customer-bills/monthly-sum?bill_cycle=2026-02');
    expect(bss!.headers['x-auth-token']).toBe('MIIcustomertoken-1-abcdefghijklmnop');
    expect(bss!.headers['authorization']).toBeUndefined();
    expect(bss!.headers['x-domain-id']).toBeUndefined();
    expect(bss!.headers['content-type']).toBe('application/json');
  });

  it('a partner token given directly authenticates the IAM call as X-Auth-Token', async () => {
    const client = makeClient({ credentials: { token: 'MIIpartnertoken-abcdefghijklmnop', domainId: PARTNER } });
    await monthly(client);
    const [iam] = iamCalls();
    expect(iam!.headers['x-auth-token']).toBe('MIIpartnertoken-abcdefghijklmnop');
    expect(iam!.headers['authorization']).toBeUndefined();
  });

  it('caches the token: 2 BSS calls, 1 IAM call; concurrent callers share one IAM call', async () => {
    const client = makeClient();
    await monthly(client);
    await client.call(CancelCustomerOrder, { body: { order_id: 'CS1' } }, { customerId: CUSTOMER });
    expect(iamCalls()).toHaveLength(1);
    expect(bssCalls().map((r) => r.headers['x-auth-token'])).toEqual(['MIIcustomertoken-1-abcdefghijklmnop', 'MIIcustomertoken-1-abcdefghijklmnop']);
    expect(client.counter.requests('KeystoneCreateAgencyToken')).toBe(1);

    const other = 'd'.repeat(32);
    await Promise.all([monthly(client, other), monthly(client, other), monthly(client, other)]);
    expect(iamCalls()).toHaveLength(2);
    expect(JSON.parse(iamCalls()[1]!.body).auth.identity.assume_role.domain_id).toBe(other);
  });

  it('"either" endpoints use the partner key unless a customerId is given', async () => {
    const client = makeClient();
    await client.call(ListConversions, {});
    expect(iamCalls()).toHaveLength(0);
    expect(bssCalls()[0]!.headers['authorization']).toMatch(/^SDK-HMAC-SHA256 Access=TESTAK/);
    await client.call(ListConversions, {}, { customerId: CUSTOMER });
    expect(iamCalls()).toHaveLength(1);
    expect(bssCalls()[1]!.headers['x-auth-token']).toBe('MIIcustomertoken-1-abcdefghijklmnop');
  });

  it('renews the token before expires_at minus the margin (default 1 h)', async () => {
    const client = makeClient();
    await monthly(client);
    now += 23 * HOUR - 1;
    await monthly(client);
    expect(iamCalls()).toHaveLength(1);
    now += 1;
    await monthly(client);
    expect(iamCalls()).toHaveLength(2);
    expect(bssCalls().at(-1)!.headers['x-auth-token']).toBe('MIIcustomertoken-2-abcdefghijklmnop');
  });

  it('the margin is configurable', async () => {
    const client = makeClient({ tokens: { refreshMarginMs: 10 * 60_000 } });
    await monthly(client);
    now += 24 * HOUR - 10 * 60_000 - 1;
    await monthly(client);
    expect(iamCalls()).toHaveLength(1);
    now += 1;
    await monthly(client);
    expect(iamCalls()).toHaveLength(2);
  });

  it('on a 401 from BSS: evicts, re-acquires and retries once', async () => {
    bssReply = (req) =>
      req.headers['x-auth-token']?.startsWith('MIIcustomertoken-1-')
        ? { status: 401, body: { error_code: 'APIGW.0307', error_msg: 'The token must be updated.', request_id: 'a'.repeat(32) } }
        : { body: { total_count: 0, bill_sums: [] } };
    const client = makeClient();
    expect(await monthly(client)).toEqual({ total_count: 0, bill_sums: [] });
    expect(iamCalls()).toHaveLength(2);
    expect(bssCalls().map((r) => r.headers['x-auth-token'])).toEqual(['MIIcustomertoken-1-abcdefghijklmnop', 'MIIcustomertoken-2-abcdefghijklmnop']);
    await monthly(client);
    expect(iamCalls()).toHaveLength(2);
  });

  it('a second 401 is a real error: no third attempt, and the token is not in the message', async () => {
    bssReply = (req) => ({
      status: 401,
      body: { error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: decrypt token fail ${req.headers['x-auth-token']}` },
    });
    const client = makeClient();
    const error = await failure(monthly(client));
    expect(error).toMatchObject({ kind: 'upstream', code: 'APIGW.0301', httpStatus: 401, attempts: 2, operation: 'ShowCustomerMonthlySum' });
    expect(error.upstreamMessage).toBe('Incorrect IAM authentication information: decrypt token fail ***');
    expect(iamCalls()).toHaveLength(2);
    expect(bssCalls()).toHaveLength(2);
  });

  it('a write rejected with 401 at the gateway is repeated with a fresh token (BSS never saw it)', async () => {
    bssReply = (req) =>
      req.headers['x-auth-token']?.startsWith('MIIcustomertoken-1-') ? { status: 401, body: { error_code: 'APIGW.0307', error_msg: 'The token must be updated.' } } : { status: 204 };
    const client = makeClient();
    expect(await client.call(CancelCustomerOrder, { body: { order_id: 'CS1' } }, { customerId: CUSTOMER })).toEqual({});
    expect(bssCalls()).toHaveLength(2);
  });

  it('IAM 403: a no-agency error, remembered for 5 minutes', async () => {
    iamReply = () => ({ status: 403, body: { error: { code: 403, message: 'You have no right to do this action', title: 'Forbidden' } } });
    const client = makeClient();
    const error = await failure(monthly(client));
    expect(error).toMatchObject({ kind: 'no-agency', code: 'IAM.AGENCY_NOT_GRANTED', httpStatus: 403 });
    expect(error.upstreamMessage).toBe(
      `customer ${CUSTOMER} has not authorised the partner: no usable agency "${AGENCY}" delegated to the partner account (IAM: 403 You have no right to do this action)`,
    );
    expect(bssCalls()).toHaveLength(0);

    now += 5 * 60_000 - 1;
    expect(await failure(monthly(client))).toMatchObject({ kind: 'no-agency', code: 'IAM.AGENCY_NOT_GRANTED' });
    expect(iamCalls()).toHaveLength(1);

    now += 1;
    iamReply = agencyToken;
    await monthly(client);
    expect(iamCalls()).toHaveLength(2);
    expect(bssCalls()).toHaveLength(1);
  });

  it('IAM 404 is no-agency too; other customers are unaffected', async () => {
    iamReply = (req) =>
      req.body.includes('"domain_id":"nope') ? { status: 404, body: { error: { code: 404, message: `Could not find agency: ${AGENCY}.`, title: 'Not Found' } } } : agencyToken();
    const client = makeClient();
    expect(await failure(monthly(client, 'nope'.padEnd(32, '0')))).toMatchObject({ kind: 'no-agency', httpStatus: 403 });
    await monthly(client);
    expect(bssCalls()).toHaveLength(1);
  });

  it('IAM 401 (our signature rejected) is an upstream error, not "no agency", and is not cached', async () => {
    iamReply = () => ({ status: 401, body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' } });
    const client = makeClient();
    expect(await failure(monthly(client))).toMatchObject({ kind: 'upstream', code: 'APIGW.0301', httpStatus: 401, operation: 'KeystoneCreateAgencyToken' });
    await failure(monthly(client));
    expect(iamCalls()).toHaveLength(2);
  });

  it('IAM throttling (IAM.0012) is retried', async () => {
    let n = 0;
    iamReply = () => (n++ === 0 ? { status: 429, body: { error_code: 'IAM.0012', error_msg: 'The throttling threshold has been reached. Threshold: 10 times per 1 seconds' } } : agencyToken());
    const client = makeClient();
    await monthly(client);
    expect(iamCalls()).toHaveLength(2);
    expect(client.counter.requests('KeystoneCreateAgencyToken')).toBe(2);
    expect(client.counter.calls('KeystoneCreateAgencyToken')).toBe(1);
  });

  it('without a configured agency, customer calls fail with no-agency and IAM is not asked', async () => {
    const client = makeClient({ agencyName: undefined });
    expect(await failure(monthly(client))).toMatchObject({ kind: 'no-agency', code: 'IAM.AGENCY_NOT_CONFIGURED', httpStatus: 403 });
    expect(server.requests).toHaveLength(0);
  });

  it('customer-only endpoints without a customerId are a programming error', async () => {
    const client = makeClient();
    await expect(client.call(ShowCustomerMonthlySum, { bill_cycle: '2026-02' })).rejects.toThrow(/customer-only/);
  });
});

describe('parseIamTime', () => {
  it('reads six fractional digits and zone-less values as UTC', () => {
    expect(parseIamTime('2026-03-01T08:00:00.412000Z')).toBe(Date.UTC(2026, 2, 1, 8, 0, 0, 412));
    expect(parseIamTime('2026-03-01T08:00:00.412000')).toBe(Date.UTC(2026, 2, 1, 8, 0, 0, 412));
    expect(parseIamTime('2026-03-01T08:00:00Z')).toBe(Date.UTC(2026, 2, 1, 8));
    expect(parseIamTime('')).toBeUndefined();
    expect(parseIamTime(12)).toBeUndefined();
  });
});

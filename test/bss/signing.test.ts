/**
 * The whole client pipeline (spec → request → Node-style signing) against the Node-SDK vectors of
 * huawei-auth-and-errors.md §8.2 (N3, N4, N5): same inputs, byte-identical Authorization.
 */
import { describe, expect, it } from 'vitest';
import { BssClient } from '../../src/bss/client.js';
import { defineOperation } from '../../src/bss/operations/spec.js';
import { captureTransport } from './support/capture-transport.js';
import { ListConversions, ListSubCustomers } from './support/ops.js';

const AT_VECTOR_TIME = () => Date.UTC(2006, 0, 2, 15, 4, 5);
const key = { ak: 'AccessKey', sk: 'SecretKey' };

function client(domainId: string, transport = captureTransport(), extra: { securityToken?: string } = {}) {
  return {
    transport,
    bss: new BssClient({ endpoint: 'https://bss.myhuaweicloud.com', credentials: { ...key, domainId, ...extra }, transport, clock: AT_VECTOR_TIME, sleep: async () => {} }),
  };
}

describe('AK/SK signing through the client (Node SDK vectors)', () => {
  it('N3: GET /v2/bases/conversions, domain id d0', async () => {
    const { bss, transport } = client('d0');
    await bss.call(ListConversions, {});
    const sent = transport.sent[0]!;
    expect(sent.url.toString()).toBe('https://bss.myhuaweicloud.com/v2/bases/conversions');
    expect(sent.headers['Authorization']).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=88db76ce97e3d16531987ce2bf12d37f38092cf0eab08e9fca222dd383efcdac',
    );
    expect(sent.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Domain-Id': 'd0', 'X-Sdk-Date': '20060102T150405Z' });
    expect(sent.body).toBe('');
  });

  it('N4: POST /v2/partners/sub-customers/query with {"offset":0,"limit":10}', async () => {
    const { bss, transport } = client('0123456789abcdef0123456789abcdef');
    await bss.call(ListSubCustomers, { body: { offset: 0, limit: 10 } });
    const sent = transport.sent[0]!;
    expect(sent.body).toBe('{"offset":0,"limit":10}');
    expect(sent.headers['Authorization']).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=81e4e697a92c4af95b5b85bc3456fd9eae6c3f07e89ecc519584691afd3cf83d',
    );
  });

  it('N5: repeated keys, strict encoding and %20 give the documented signature', async () => {
    const N5 = defineOperation<{ measure_type?: number; b?: string; a?: string[] }, unknown>({
      name: 'ListConversions',
      method: 'GET',
      path: '/v2/bases/conversions',
      caller: 'either',
      kind: 'read',
      query: ['measure_type', 'b', 'a'],
    });
    const { bss, transport } = client('0123456789abcdef0123456789abcdef');
    await bss.call(N5, { measure_type: 1, b: 'x y', a: ['一', '(z)*!'] });
    const sent = transport.sent[0]!;
    expect(sent.url.search).toBe('?a=%E4%B8%80&a=%28z%29%2A%21&b=x%20y&measure_type=1');
    expect(sent.headers['Authorization']).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=811028cdf615f9fc27844375a504473464c45fd9667dff1d6d4a59e3bb207f18',
    );
  });

  it('temporary credentials send and sign X-Security-Token', async () => {
    const { bss, transport } = client('d0', captureTransport(), { securityToken: 'temporary-session-token-value' });
    await bss.call(ListConversions, {});
    const sent = transport.sent[0]!;
    expect(sent.headers['X-Security-Token']).toBe('temporary-session-token-value');
    expect(sent.headers['Authorization']).toMatch(/^SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-domain-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/);
  });

  it('a partner token is sent as X-Auth-Token with no signature and no X-Domain-Id', async () => {
    const transport = captureTransport();
    const bss = new BssClient({ endpoint: 'https://bss.myhuaweicloud.com', credentials: { token: 'MIIpartnertoken' }, transport, sleep: async () => {} });
    await bss.call(ListConversions, { x_language: 'en_US' });
    expect(transport.sent[0]!.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Language': 'en_US',
      'X-Auth-Token': 'MIIpartnertoken',
      'User-Agent': 'partner-graph/0.1',
    });
  });

  it('re-signs every attempt with the time of that attempt', async () => {
    let now = AT_VECTOR_TIME();
    const transport = captureTransport((_req, i) => (i === 0 ? { status: 503, text: '{"error_code":"APIGW.0201","error_msg":"Backend unavailable."}' } : {}));
    const bss = new BssClient({
      endpoint: 'https://bss.myhuaweicloud.com',
      credentials: { ...key, domainId: 'd0' },
      transport,
      clock: () => now,
      sleep: async (ms) => {
        now += ms + 1000;
      },
      random: () => 0.5,
    });
    await bss.call(ListConversions, {});
    expect(transport.sent.map((s) => s.headers['X-Sdk-Date'])).toEqual(['20060102T150405Z', '20060102T150406Z']);
    expect(transport.sent[0]!.headers['Authorization']).not.toBe(transport.sent[1]!.headers['Authorization']);
  });
});

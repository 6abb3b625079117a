/**
 * Every test vector of huawei-auth-and-errors.md §8: the Go SDK unit-test vectors (G1/G2 in SHA-256, V11 and
 * SM3), the Go query canonicalisation example, and the Node core vectors N1–N7 with the canonical requests
 * of N4/N5/N6 and their hashes.
 */
import { getHashes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  deriveV11Key,
  formatSdkDate,
  hashHex,
  parseAuthorization,
  parseRawQuery,
  parseSdkDate,
  signRequest,
  strictEncode,
  stringToSign,
  type SignOptions,
} from '../../src/bss/signer.js';

const KEY = { ak: 'AccessKey', sk: 'SecretKey' };
const DATE = '20060102T150405Z';
const DERIVED = { region: 'test-region-1', service: 'demo' };

// Go tests: X-Sdk-Date given as a header, plus a header with `_` that the Go core leaves out.
const G1 = { method: 'GET', url: new URL('https://example.huaweicloud.com/path?limit=1'), headers: { 'X-Sdk-Date': DATE, TEST_UNDERSCORE: 'TEST_VALUE' }, body: '' };
const G2 = {
  method: 'POST',
  url: new URL('https://example.huaweicloud.com/path?key=value'),
  headers: { 'X-Sdk-Date': DATE, TEST_UNDERSCORE: 'TEST_VALUE', 'Content-Type': 'application/json' },
  body: '{"Name":"test","Id":1}\n',
};
const go = (options: SignOptions = {}): SignOptions => ({ style: 'go', ...options });

describe('Go SDK vectors (§8.1)', () => {
  it('sm3 is available in this OpenSSL', () => {
    expect(getHashes()).toContain('sm3');
  });

  it('G1 canonical request hash', () => {
    const request = ['GET', '/path/', 'limit=1', 'x-sdk-date:20060102T150405Z\n', 'x-sdk-date', EMPTY_BODY_SHA256].join('\n');
    expect(hashHex('SDK-HMAC-SHA256', request)).toBe('85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4');
    expect(
      canonicalRequest({
        method: 'GET',
        canonicalUri: canonicalUri(G1.url.pathname),
        canonicalQuery: canonicalQuery(parseRawQuery(G1.url.search)),
        canonicalHeaders: canonicalHeaders(['x-sdk-date'], () => DATE),
        signedHeaders: 'x-sdk-date',
        payloadHash: hashHex('SDK-HMAC-SHA256', ''),
      }),
    ).toBe(request);
  });

  it('G1 SDK-HMAC-SHA256', () => {
    expect(signRequest(G1, KEY, go())).toEqual({
      'X-Sdk-Date': DATE,
      Authorization: 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    });
  });

  it('G2 SDK-HMAC-SHA256 (body with the trailing newline json.Encoder adds)', () => {
    expect(hashHex('SDK-HMAC-SHA256', G2.body)).toBe('a29d7b4c5efd1a22011d69fd7b7aee76fe51e4083c609244228de258afd61289');
    const request = ['POST', '/path/', 'key=value', `x-sdk-date:${DATE}\n`, 'x-sdk-date', 'a29d7b4c5efd1a22011d69fd7b7aee76fe51e4083c609244228de258afd61289'].join('\n');
    expect(hashHex('SDK-HMAC-SHA256', request)).toBe('13f75ff5f5216199f986c7e7f2f77834d5e160ad9e46f37319816dc72ba7eeab');
    expect(signRequest(G2, KEY, go()).Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
    );
  });

  it('G2 without the trailing newline signs differently (negative check)', () => {
    expect(signRequest({ ...G2, body: '{"Name":"test","Id":1}' }, KEY, go()).Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=83599e5230b5b31fb58837c5760b4c2d407542df1f9493834ead538696e17a35',
    );
  });

  it('V11 derived key for 20060102/test-region-1/demo', () => {
    expect(deriveV11Key(KEY, '20060102/test-region-1/demo')).toBe('fded840bf50eb1da840c631cec6649d58c4df22167c366bce4534ec85997f429');
  });

  it('G1 V11-HMAC-SHA256', () => {
    expect(signRequest(G1, KEY, go({ algorithm: 'V11-HMAC-SHA256', derived: DERIVED })).Authorization).toBe(
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=x-sdk-date, Signature=8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc',
    );
  });

  it('G2 V11-HMAC-SHA256', () => {
    expect(signRequest(G2, KEY, go({ algorithm: 'V11-HMAC-SHA256', derived: DERIVED })).Authorization).toBe(
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=x-sdk-date, Signature=4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903',
    );
  });

  it('G1 SDK-HMAC-SM3', () => {
    expect(signRequest(G1, KEY, go({ algorithm: 'SDK-HMAC-SM3' })).Authorization).toBe(
      'SDK-HMAC-SM3 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=acdeecf8061419275127135b54532c2c20b683bf9bbb8a32bee021a8c40befd4',
    );
  });

  it('G2 SDK-HMAC-SM3', () => {
    expect(signRequest(G2, KEY, go({ algorithm: 'SDK-HMAC-SM3' })).Authorization).toBe(
      'SDK-HMAC-SM3 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=359e49285fe5a469f82b86fd761b1a4a7ee16e3181de7d643c53a30667cde508',
    );
  });

  it('V11 needs a derived scope', () => {
    expect(() => signRequest(G1, KEY, go({ algorithm: 'V11-HMAC-SHA256' }))).toThrow(TypeError);
  });

  it('Go query canonicalisation example', () => {
    const pairs: [string, string][] = [
      ['limit', '1'],
      ['enable', 'true'],
      ['test', '一 (&=?!#%.*)'],
      ['path', '/tmp/123'],
      ['multi', '3'],
      ['multi', '1'],
      ['multi', '2'],
    ];
    expect(canonicalQuery(pairs)).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });
});

describe('Node core vectors (§8.2)', () => {
  const domain = '0123456789abcdef0123456789abcdef';
  const bss = (method: string, url: string, domainId: string, body = '') => ({
    method,
    url: new URL(url),
    headers: { 'Content-Type': 'application/json', 'X-Domain-Id': domainId, 'X-Sdk-Date': DATE },
    body,
  });
  const SIGNED = 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-domain-id;x-sdk-date, Signature=';

  it('N1 GET without content type', () => {
    expect(signRequest({ method: 'GET', url: new URL('https://example.huaweicloud.com/path?limit=1'), headers: {}, body: '' }, KEY, { sdkDate: DATE })).toEqual({
      'X-Sdk-Date': DATE,
      Authorization: 'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=7eb88c06474c7197e670e0ae61651746453587eb5fad98074266578511cf3c01',
    });
  });

  it('N2 POST JSON without trailing newline', () => {
    const input = {
      method: 'POST',
      url: new URL('https://example.huaweicloud.com/path?key=value'),
      headers: { 'content-type': 'application/json' },
      body: '{"Name":"test","Id":1}',
    };
    expect(signRequest(input, KEY, { sdkDate: DATE, style: 'node' }).Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-sdk-date, Signature=2862b105981027fbac8b1a4e8bcd3e0de0f8c7c488758c42e9d4456cac9cd7c8',
    );
  });

  it('N3 BSS GET conversions, domain d0', () => {
    expect(signRequest(bss('GET', 'https://bss.myhuaweicloud.com/v2/bases/conversions', 'd0'), KEY).Authorization).toBe(
      `${SIGNED}88db76ce97e3d16531987ce2bf12d37f38092cf0eab08e9fca222dd383efcdac`,
    );
  });

  it('N4 BSS POST sub-customers query: canonical request, hashes, signature', () => {
    const input = bss('POST', 'https://bss.myhuaweicloud.com/v2/partners/sub-customers/query', domain, '{"offset":0,"limit":10}');
    expect(hashHex('SDK-HMAC-SHA256', input.body)).toBe('b5c53d67e1245b97d4d565f432208d66ba0954db9080f93743021cda5f34eafa');
    const request = [
      'POST',
      '/v2/partners/sub-customers/query/',
      '',
      'content-type:application/json',
      'host:bss.myhuaweicloud.com',
      `x-domain-id:${domain}`,
      `x-sdk-date:${DATE}`,
      '',
      'content-type;host;x-domain-id;x-sdk-date',
      'b5c53d67e1245b97d4d565f432208d66ba0954db9080f93743021cda5f34eafa',
    ].join('\n');
    const headers: Record<string, string> = { 'content-type': 'application/json', host: 'bss.myhuaweicloud.com', 'x-domain-id': domain, 'x-sdk-date': DATE };
    const rebuilt = canonicalRequest({
      method: 'POST',
      canonicalUri: canonicalUri(input.url.pathname),
      canonicalQuery: canonicalQuery(parseRawQuery(input.url.search)),
      canonicalHeaders: canonicalHeaders(Object.keys(headers), (n) => headers[n]),
      signedHeaders: 'content-type;host;x-domain-id;x-sdk-date',
      payloadHash: hashHex('SDK-HMAC-SHA256', input.body),
    });
    expect(rebuilt).toBe(request);
    expect(hashHex('SDK-HMAC-SHA256', request)).toBe('f28eecc0412351e2fd90dc208070869b93a318248faeb3c37d1ff647cd4ba22d');
    expect(signRequest(input, KEY).Authorization).toBe(`${SIGNED}81e4e697a92c4af95b5b85bc3456fd9eae6c3f07e89ecc519584691afd3cf83d`);
    // The signature is HMAC(SK, string-to-sign) over that canonical-request hash.
    expect(computeSignature('SDK-HMAC-SHA256', KEY, stringToSign('SDK-HMAC-SHA256', DATE, 'f28eecc0412351e2fd90dc208070869b93a318248faeb3c37d1ff647cd4ba22d'))).toBe(
      '81e4e697a92c4af95b5b85bc3456fd9eae6c3f07e89ecc519584691afd3cf83d',
    );
  });

  it('N5 repeated keys, strict re-encoding of ()*! and %20 for space', () => {
    const input = bss('GET', 'https://bss.myhuaweicloud.com/v2/bases/conversions?measure_type=1&b=x%20y&a=%E4%B8%80&a=(z)*!', domain);
    const query = canonicalQuery(parseRawQuery(input.url.search));
    expect(query).toBe('a=%28z%29%2A%21&a=%E4%B8%80&b=x%20y&measure_type=1');
    const request = [
      'GET',
      '/v2/bases/conversions/',
      query,
      'content-type:application/json',
      'host:bss.myhuaweicloud.com',
      `x-domain-id:${domain}`,
      `x-sdk-date:${DATE}`,
      '',
      'content-type;host;x-domain-id;x-sdk-date',
      EMPTY_BODY_SHA256,
    ].join('\n');
    expect(hashHex('SDK-HMAC-SHA256', request)).toBe('ea0ee057505a0409e6271ba23e0d4b58c26aa442ee8e8dd29841d381b314101d');
    expect(signRequest(input, KEY).Authorization).toBe(`${SIGNED}811028cdf615f9fc27844375a504473464c45fd9667dff1d6d4a59e3bb207f18`);
  });

  it('N6 against the simulator: host keeps the port', () => {
    const input = bss('GET', 'http://127.0.0.1:9000/v2/bases/conversions', domain);
    const request = [
      'GET',
      '/v2/bases/conversions/',
      '',
      'content-type:application/json',
      'host:127.0.0.1:9000',
      `x-domain-id:${domain}`,
      `x-sdk-date:${DATE}`,
      '',
      'content-type;host;x-domain-id;x-sdk-date',
      EMPTY_BODY_SHA256,
    ].join('\n');
    expect(hashHex('SDK-HMAC-SHA256', request)).toBe('dff9c697656c6a8149f61033277a951f63752267288ed4974303b7f833f7d8ef');
    expect(signRequest(input, KEY).Authorization).toBe(`${SIGNED}41be370b868d4b050b340b9e99d4eae81795718b815611d2230cd4b7f213a814`);
  });

  it('N7 N1 with V11', () => {
    const input = { method: 'GET', url: new URL('https://example.huaweicloud.com/path?limit=1'), headers: {}, body: '' };
    expect(signRequest(input, KEY, { sdkDate: DATE, algorithm: 'V11-HMAC-SHA256', derived: DERIVED }).Authorization).toBe(
      'V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=host;x-sdk-date, Signature=e7ec8a3f1e5e6218c66295ba8b1736ce29cdc202c5409b16dc547c002237c936',
    );
  });
});

describe('building blocks', () => {
  it('strict encoder: unreserved kept, everything else upper-case %XY of UTF-8', () => {
    expect(strictEncode("AZaz09-_.~ /*()!'+=&%一")).toBe('AZaz09-_.~%20%2F%2A%28%29%21%27%2B%3D%26%25%E4%B8%80');
  });

  it('canonical URI: trailing slash added, segments decoded then strictly re-encoded', () => {
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/v2/bases/conversions/')).toBe('/v2/bases/conversions/');
    expect(canonicalUri('/a%20b/c(d)/%E4%B8%80')).toBe('/a%20b/c%28d%29/%E4%B8%80/');
  });

  it('raw query: bare key is an empty value, + stays a plus, malformed escapes kept', () => {
    expect(parseRawQuery('?a&b=&c=1+2&d=%2B&e=%zz&&f=x=y')).toEqual([
      ['a', ''],
      ['b', ''],
      ['c', '1+2'],
      ['d', '+'],
      ['e', '%zz'],
      ['f', 'x=y'],
    ]);
    expect(canonicalQuery(parseRawQuery('b&a=1'))).toBe('a=1&b=');
    expect(canonicalQuery([])).toBe('');
  });

  it('X-Sdk-Date format and parse', () => {
    expect(formatSdkDate(new Date('2019-11-15T03:36:55.789Z'))).toBe('20191115T033655Z');
    expect(parseSdkDate('20191115T033655Z')?.toISOString()).toBe('2019-11-15T03:36:55.000Z');
    expect(parseSdkDate('20190231T000000Z')).toBeNull();
    expect(parseSdkDate('2019-11-15T03:36:55Z')).toBeNull();
    expect(parseSdkDate('20191115T033655')).toBeNull();
  });

  it('signing with no date uses the current time', () => {
    const before = Date.now();
    const signed = signRequest({ method: 'GET', url: new URL('https://x.example/p'), headers: {}, body: '' }, KEY);
    const at = parseSdkDate(signed['X-Sdk-Date'])!.getTime();
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('an explicit sdkDate option wins over a given header', () => {
    const signed = signRequest({ method: 'GET', url: new URL('https://x.example/p'), headers: { 'X-Sdk-Date': DATE }, body: '' }, KEY, { sdkDate: '20200101T000000Z' });
    expect(signed['X-Sdk-Date']).toBe('20200101T000000Z');
  });

  it('X-Sdk-Content-Sha256 replaces the body hash', () => {
    const base = { method: 'PUT', url: new URL('https://x.example/upload'), body: 'binary' };
    const a = signRequest({ ...base, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } }, KEY, { sdkDate: DATE });
    const b = signRequest({ ...base, body: 'other bytes', headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } }, KEY, { sdkDate: DATE });
    expect(a.Authorization).toBe(b.Authorization);
    expect(a.Authorization).toContain('SignedHeaders=host;x-sdk-content-sha256;x-sdk-date,');
  });

  it('Node style drops a multipart content-type; Go style drops content-type* and _ names', () => {
    const url = new URL('https://x.example/p');
    const node = signRequest({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data; boundary=x', 'X-A_B': '1' }, body: '' }, KEY, { sdkDate: DATE });
    expect(parseAuthorization(node.Authorization)?.signedHeadersText).toBe('host;x-a_b;x-sdk-date');
    const goSigned = signRequest({ method: 'POST', url, headers: { 'Content-Type-X': 'a', 'User-Agent': 'huaweicloud-usdk-go/3.0', 'X-A_B': '1' }, body: '' }, KEY, {
      sdkDate: DATE,
      style: 'go',
    });
    expect(parseAuthorization(goSigned.Authorization)?.signedHeadersText).toBe('user-agent;x-sdk-date');
  });

  it('parses Authorization headers tolerantly and rejects malformed ones', () => {
    expect(parseAuthorization('SDK-HMAC-SHA256 Access=AK,SignedHeaders=Host;X-Sdk-Date ,  Signature=ab')).toEqual({
      algorithm: 'SDK-HMAC-SHA256',
      ak: 'AK',
      signedHeaders: ['host', 'x-sdk-date'],
      signedHeadersText: 'Host;X-Sdk-Date',
      signature: 'ab',
    });
    expect(parseAuthorization('V11-HMAC-SHA256 Credential=AK/20060102/r/s, SignedHeaders=x-sdk-date, Signature=ab')).toMatchObject({
      ak: 'AK',
      info: '20060102/r/s',
    });
    expect(parseAuthorization('SDK-ECDSA-P256-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=ab')).toBeNull();
    expect(parseAuthorization('SDK-HMAC-SHA256 Access=AK, Signature=ab')).toBeNull();
    expect(parseAuthorization('SDK-HMAC-SHA256 SignedHeaders=x, Signature=ab')).toBeNull();
    expect(parseAuthorization('V11-HMAC-SHA256 Credential=AK, SignedHeaders=x, Signature=ab')).toBeNull();
    expect(parseAuthorization('Bearer xyz')).toBeNull();
    expect(parseAuthorization('garbage')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { buildHttpRequest, buildQuery, pruneBody } from '../../src/bss/http-request.js';
import { wireNumber } from '../../src/bss/wire-json.js';
import { ListSubCustomers, QueryShapes, ShowCustomerOrderDetails, UpdateCustomerAccountAmount, ListPartnerCouponsRecord, ListConversions } from './support/ops.js';

const endpoint = 'https://bss.myhuaweicloud.com';

describe('buildHttpRequest', () => {
  it('sorts query keys byte-wise, repeats array keys in order, encodes strictly with %20, drops unset and empty values', () => {
    const parts = buildHttpRequest(
      QueryShapes,
      { zed: '', measure_type: 1, b: 'x y', a: ['一', '(z)*!', '', 'p+q/r'], flag: false, empty: '', nothing: null },
      { endpoint },
    );
    expect(parts.url.toString()).toBe(
      'https://bss.myhuaweicloud.com/v2/bases/conversions?a=%E4%B8%80&a=%28z%29%2A%21&a=p%2Bq%2Fr&b=x%20y&flag=false&measure_type=1',
    );
    expect(parts.method).toBe('GET');
    expect(parts.body).toBe('');
    expect(parts.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('sends no query string at all when every parameter is unset', () => {
    const parts = buildHttpRequest(QueryShapes, { empty: '', a: [] }, { endpoint });
    expect(parts.url.toString()).toBe('https://bss.myhuaweicloud.com/v2/bases/conversions');
  });

  it('substitutes and encodes path parameters, and sets X-Language from x_language over the call default', () => {
    const parts = buildHttpRequest(ShowCustomerOrderDetails, { order_id: 'CS2406/01 x', x_language: 'en_US', offset: 0, limit: 100 }, { endpoint, language: 'zh_CN' });
    expect(parts.url.pathname).toBe('/v2/orders/customer-orders/details/CS2406%2F01%20x');
    expect(parts.url.search).toBe('?limit=100&offset=0');
    expect(parts.headers).toEqual({ 'Content-Type': 'application/json', 'X-Language': 'en_US' });
    const byDefault = buildHttpRequest(ListConversions, {}, { endpoint, language: 'zh_CN' });
    expect(byDefault.headers['X-Language']).toBe('zh_CN');
  });

  it('never sends X-Language to an endpoint that does not read it', () => {
    const parts = buildHttpRequest(ListPartnerCouponsRecord, { coupon_ids: ['c1', 'c2'] }, { endpoint, language: 'en_US' });
    expect(parts.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(parts.url.search).toBe('?coupon_ids=c1&coupon_ids=c2');
  });

  it('rejects a missing path parameter instead of calling another route', () => {
    expect(() => buildHttpRequest(ShowCustomerOrderDetails, { order_id: '' }, { endpoint })).toThrow(/path parameter order_id is required/);
  });

  it('serialises the body losslessly without unset or empty fields', () => {
    const parts = buildHttpRequest(
      UpdateCustomerAccountAmount,
      { body: { customer_id: 'c-1', amount: wireNumber('12.30'), indirect_partner_id: '' } },
      { endpoint },
    );
    expect(parts.body).toBe('{"customer_id":"c-1","amount":12.30}');
    expect(parts.method).toBe('POST');
  });

  it('sends {} for a body endpoint called without a body', () => {
    expect(buildHttpRequest(ListSubCustomers, {}, { endpoint }).body).toBe('{}');
  });
});

describe('pruneBody', () => {
  it('drops null, undefined and "" at every depth, keeps empty arrays, 0 and false', () => {
    expect(
      pruneBody({ a: '', b: null, c: undefined, d: 0, e: false, f: [], g: { h: '', i: 'x', j: [null, { k: '' }, 'v'] } }),
    ).toEqual({ d: 0, e: false, f: [], g: { i: 'x', j: [{}, 'v'] } });
  });
});

describe('buildQuery', () => {
  it('writes numbers and booleans as Go %v does', () => {
    expect(buildQuery(['limit', 'offset', 'on'], { limit: 100, offset: 2147483647, on: true })).toBe('limit=100&offset=2147483647&on=true');
  });
});

/** The fast `parseWireJson` reads every body exactly as lossless-json does (its reference implementation). */
import { describe, expect, it } from 'vitest';
import { parseWireJson, parseWireJsonLossless } from '../../src/bss/wire-json.js';

const SAMPLES = [
  '{"amount":12.30,"tiny":0.00000001,"exp":-3.5E+2,"e":1e5,"count":3,"neg":-7,"zero":0,"negZero":-0}',
  '{"big":12345678901234567890,"safe":9007199254740991,"unsafe":9007199254740993,"list":[1,2.50,"3.5",[4.0]]}',
  '{"text":"say \\"12.5\\" and 7 \\\\ 8.1","unicode":"\\u4e2d 9.9","key 1.5":1.5,"nested":{"a":[{"b":0.1}]}}',
  '[true,false,null,"",0.10,  1.20 , {"x" : 3.30}]',
  '"just a string 1.5"',
  '42.000',
  '{"endsInBackslash":"x\\\\","after":1.5,"escapedQuote":"\\"","n":-0.25}',
];

describe('parseWireJson', () => {
  it.each(SAMPLES)('agrees with lossless-json on %s', (text) => {
    expect(parseWireJson(text)).toEqual(parseWireJsonLossless(text));
  });

  it('keeps non-integer and unsafe numbers as their exact text', () => {
    expect(parseWireJson('{"a":0.10,"b":1e5,"c":9007199254740993,"d":12}')).toEqual({ a: '0.10', b: '1e5', c: '9007199254740993', d: 12 });
  });

  it('leaves invalid numbers invalid', () => {
    for (const text of ['{"a":1.2.3}', '[01]', '[-]', '[1.]']) {
      expect(() => parseWireJsonLossless(text)).toThrow();
      expect(() => parseWireJson(text)).toThrow(SyntaxError);
    }
  });

  it('rejects a truncated body, as lossless-json does', () => {
    const text = '{"fee_records":[{"amount":1.25,"name":"ab';
    expect(() => parseWireJsonLossless(text)).toThrow();
    expect(() => parseWireJson(text)).toThrow(SyntaxError);
  });
});

describe('parseWireJson on large bodies', () => {
  it('reads a 12 MB string and a long escaped one', () => {
    const big = 'x'.repeat(12 * 1024 * 1024);
    expect((parseWireJson(`{"s":"${big}","n":1.5}`) as { s: string; n: string }).s.length).toBe(big.length);
    const escaped = '\\"'.repeat(1_000_000);
    expect((parseWireJson(`["${escaped}",2.5]`) as string[])[0]!.length).toBe(1_000_000);
  });
});

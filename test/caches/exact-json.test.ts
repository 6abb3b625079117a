/**
 * The shared cache's value codec (src/caches/exact-json.ts): decimal.js values come back as Decimals of the
 * gateway's own constructor with every digit, and plain wire values come back as they went.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/bss/money.js';
import { exactJsonCodec } from '../../src/caches/exact-json.js';

describe('exactJsonCodec', () => {
  it('round-trips Decimals exactly, nested and at the top, as instances of the given constructor', () => {
    const codec = exactJsonCodec(Money);
    const value = {
      amount: new Money('123456789012.12345678'),
      tiny: new Money('0.00000001'),
      huge: new Money('98765432109876543210.000000000000000001'),
      negative: new Money('-0.1'),
      list: [new Money('0.1'), { inner: new Money('2.5') }],
      wire: { measure_id: 1, amount: '0.1', name: 'a "quoted" name', none: null, ok: true },
    };
    const back = codec.decode(codec.encode(value)) as typeof value;
    expect(back.amount).toBeInstanceOf(Money);
    expect(back.amount.toFixed()).toBe('123456789012.12345678');
    expect(back.tiny.toFixed()).toBe('0.00000001');
    expect(back.huge.toFixed()).toBe('98765432109876543210.000000000000000001');
    expect(back.negative.toFixed()).toBe('-0.1');
    expect((back.list[0] as Decimal).plus(new Money('0.2')).toFixed()).toBe('0.3');
    expect(((back.list[1] as { inner: Decimal }).inner).toFixed()).toBe('2.5');
    expect(back.wire).toEqual(value.wire);
    // The gateway's precision (60 digits), not decimal.js's default 20: a sum keeps all 39 significant digits.
    expect(back.huge.plus(back.tiny).toFixed()).toBe('98765432109876543210.000000010000000001');
    expect(codec.decode(codec.encode(new Money('7.25')))).toEqual(new Money('7.25'));
  });

  it('leaves a Decimal as a plain string with JSON.stringify alone (why the codec exists)', () => {
    const plain = JSON.parse(JSON.stringify({ amount: new Decimal('1.5') })) as { amount: unknown };
    expect(typeof plain.amount).toBe('string');
    const codec = exactJsonCodec();
    expect((codec.decode(codec.encode({ amount: new Decimal('1.5') })) as { amount: unknown }).amount).toBeInstanceOf(Decimal);
  });
});

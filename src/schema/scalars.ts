/**
 * Scalars: `Decimal` (exact money as a JSON string, decimal.js inside), `BillingCycle` (`YYYY-MM`, a
 * UTC+8 month as Huawei bills it) and `DateTime` from graphql-scalars.
 */
import { GraphQLError, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Decimal } from 'decimal.js';
import { Money, formatDecimal } from '../bss/money.js';
import { builder } from './builder.js';

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** graphql-js keeps these extensions on the variable or literal error that wraps a scalar's own error. */
const BAD_INPUT = { code: 'BAD_USER_INPUT' } as const;

function parseDecimal(value: unknown): Decimal {
  if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) {
    throw new GraphQLError(`Decimal must be a string holding a plain decimal number such as "12.30" (got ${JSON.stringify(value)})`, { extensions: BAD_INPUT });
  }
  return new Money(value);
}

builder.scalarType('Decimal', {
  description:
    'An exact decimal number, sent as a JSON string (e.g. "12.30"), never a float. Written with at least ' +
    'two decimal places and every further digit the upstream sent ("0.00097222"), never with an exponent. ' +
    'Money is in the currency of its record (CNY yuan for Huawei Cloud China).',
  serialize: (value) => {
    if (Decimal.isDecimal(value)) return formatDecimal(value as Decimal);
    if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return formatDecimal(new Money(value));
    throw new GraphQLError('Decimal fields must resolve to decimal.js values');
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal literals must be strings such as "12.30"', { extensions: BAD_INPUT });
    return parseDecimal(ast.value);
  },
});

const CYCLE = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseCycle(value: unknown): string {
  if (typeof value !== 'string' || !CYCLE.test(value)) {
    throw new GraphQLError(`BillingCycle must be a month written YYYY-MM, e.g. "2026-03" (got ${JSON.stringify(value)})`, { extensions: BAD_INPUT });
  }
  return value;
}

builder.scalarType('BillingCycle', {
  description: 'A billing month, `YYYY-MM`, in Beijing time (UTC+8) as Huawei Cloud bills it.',
  serialize: (value) => {
    // A bad cycle on the way out is the gateway's fault, not the client's: no BAD_USER_INPUT here.
    if (typeof value === 'string' && CYCLE.test(value)) return value;
    throw new GraphQLError(`BillingCycle fields must resolve to YYYY-MM strings (got ${JSON.stringify(value)})`);
  },
  parseValue: parseCycle,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('BillingCycle literals must be strings such as "2026-03"', { extensions: BAD_INPUT });
    return parseCycle(ast.value);
  },
});

builder.addScalarType('DateTime', DateTimeResolver, {});

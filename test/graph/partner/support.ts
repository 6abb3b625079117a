/**
 * Helpers for the partner-graph tests: the contract operations by name, global ids as Relay writes them,
 * money and times as the graph prints them, and a query runner that fails on unexpected errors.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';
import { expect } from 'vitest';
import { formatDecimal, toDecimal } from '../../../src/bss/money.js';
import type { WireDecimal } from '../../../src/bss/operations/spec.js';
import type { Stack } from '../../support/stack.js';

const CONTRACT = parse(readFileSync(new URL('../../../examples/contract.graphql', import.meta.url), 'utf8'));

/** One operation of the schema contract, as its own document. */
export function contractOperation(name: string): string {
  const op = CONTRACT.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`no contract operation ${name}`);
  return print(op);
}

/** The Relay global id of `type` with local id `id`. */
export const globalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`).toString('base64');

/** A wire amount as the `Decimal` scalar prints it. */
export const money = (value: WireDecimal | undefined | null): string | null =>
  value === undefined || value === null || value === '' ? null : formatDecimal(toDecimal(value));

/** A wire UTC time as the `DateTime` scalar prints it. */
export const time = (value: string | undefined | null): string | null => (value ? new Date(value).toISOString() : null);

/** Runs a query and expects no errors; returns the data. */
export async function ok<T = any>(stack: Stack, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await stack.graphql(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** Upstream HTTP requests per operation since the last reset. */
export const requests = (stack: Stack): Readonly<Record<string, number>> => stack.bss.counter.snapshot().requests;

/**
 * Shared pieces of the bill graph tests: the contract operations as clients send them, the raw reads of the
 * BSS client written the way the graph serialises them (exact decimals, enum names written out here, not
 * taken from the schema's tables), and picking customers of the seeded world by what they consumed.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import type { Decimal } from 'decimal.js';
import { Money, formatDecimal, toDecimal } from '../../../src/bss/money.js';
import type { WireDecimal } from '../../../src/bss/operations/spec.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import type { Stack } from '../../support/stack.js';

/** The repository's copy of the shared contract (GraphiQL serves the same file as examples). */
const CONTRACT = new URL('../../../examples/contract.graphql', import.meta.url);

/** One contract operation's text, exactly as the contract file has it. */
export function contractQuery(name: string): string {
  const document = parse(readFileSync(CONTRACT, 'utf8'));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`contract operation ${name} not found`);
  return print({ kind: Kind.DOCUMENT, definitions: [operation] });
}

/** A wire amount as the `Decimal` scalar writes it. */
export const dec = (value: WireDecimal | null | undefined): string | null =>
  value === undefined || value === null ? null : formatDecimal(toDecimal(value));

/** The exact sum of wire amounts, written as the `Decimal` scalar writes it. */
export function decSum(values: Iterable<WireDecimal>): string {
  let total: Decimal = new Money(0);
  for (const v of values) total = total.plus(toDecimal(v));
  return formatDecimal(total);
}

/** A Relay global id as the relay plugin encodes it. */
export const globalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`).toString('base64');

/** E1 names (4.1 sends the code as a string, 4.2 as an int). */
export const CHARGE_MODE: Record<string, string> = { 1: 'YEARLY_MONTHLY', 3: 'ON_DEMAND', 10: 'RESERVED_INSTANCE', 11: 'SAVINGS_PLAN' };
/** E3 names (partner monthly sums). */
export const MONTHLY_BILL_TYPE: Record<string, string> = { 0: 'CONSUMPTION', 1: 'UNSUBSCRIPTION', 2: 'WRITE_OFF' };
/** E2 names (detail records), the codes the simulator emits and a few more. */
export const BILL_DETAIL_TYPE: Record<number, string> = { 1: 'NEW_PURCHASE', 2: 'RENEWAL', 3: 'MODIFICATION', 4: 'UNSUBSCRIPTION', 5: 'USAGE', 8: 'AUTO_RENEWAL' };
/** E4 names (a customer's own monthly sums). */
export const CUSTOMER_BILL_TYPE: Record<number, string> = { 1: 'CONSUMPTION', 2: 'REFUND', 3: 'ADJUSTMENT' };

/** Upstream HTTP requests per operation since the last reset (IAM included). */
export const requests = (stack: Stack): Readonly<Record<string, number>> => stack.bss.counter.snapshot().requests;

/**
 * Upstream requests without the partner graph's customer lookup (`Query.customer` → ListSubCustomers): what
 * the bill fields under a customer cost.
 */
export function belowCustomer(stack: Stack): Readonly<Record<string, number>> {
  const { ListSubCustomers: _lookup, ...rest } = requests(stack);
  return rest;
}

/** Runs a GraphQL operation and fails loudly on errors, returning the data. */
export async function data<T = any>(stack: Stack, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
  const result = await stack.graphql(query, variables, headers);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}

/** Loads the reference catalogues the bill fields resolve through, so call counts show only bill calls. */
export async function warmReference(stack: Stack): Promise<void> {
  await data(stack, '{ serviceTypes { code } resourceTypes { code } measureUnits { id } }');
  stack.bss.counter.reset();
}

/** The partner's own customers (no reseller). */
export function directCustomers(stack: Stack): CustomerRecord[] {
  return stack.simulator.state.world.customers.filter((c) => c.indirectPartnerId === null);
}

/** The first customer matching, or a failure naming what was looked for (the seed decides who exists). */
export function pick(customers: readonly CustomerRecord[], what: string, test: (c: CustomerRecord) => boolean): CustomerRecord {
  const found = customers.find(test);
  if (!found) throw new Error(`the seeded world has no ${what}`);
  return found;
}

/** How many consumption records a customer has in a cycle, straight from the simulator's bill store. */
export function recordCount(stack: Stack, c: CustomerRecord, cycle: string): number {
  return stack.simulator.state.bills.records(c.customerId, cycle).length;
}

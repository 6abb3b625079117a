/**
 * Shared pieces of the commerce graph tests: picking customers of the simulated world by what they hold,
 * and writing the BSS client's raw values the way the graph serialises them (exact decimals, ISO times,
 * Relay global ids), so expectations are built from the upstream's own answers.
 */
import type { WireDecimal } from '../../../src/bss/operations/spec.js';
import { formatDecimal, toDecimal } from '../../../src/bss/money.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import type { Stack } from '../../support/stack.js';

/** A wire amount as the `Decimal` scalar writes it. */
export const dec = (value: WireDecimal | null | undefined): string | null =>
  value === undefined || value === null ? null : formatDecimal(toDecimal(value));

/** A wire UTC time as the `DateTime` scalar writes it. */
export const iso = (value: string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

/** A Relay global id as the relay plugin encodes it. */
export const globalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`).toString('base64');

/** E7, E8, E10, E11 names, written out independently of the schema's tables. */
export const ORDER_STATUS: Record<number, string> = { 1: 'PENDING_APPROVAL', 3: 'PROCESSING', 4: 'CANCELLED', 5: 'COMPLETED', 6: 'PENDING_PAYMENT', 9: 'PENDING_CONFIRMATION' };
export const ORDER_TYPE: Record<number, string> = { 1: 'NEW_PURCHASE', 2: 'RENEWAL', 3: 'MODIFICATION', 4: 'UNSUBSCRIPTION' };
export const PERIOD_STATUS: Record<number, string> = { 2: 'IN_USE', 3: 'CLOSED', 4: 'FROZEN', 5: 'EXPIRED' };
export const ON_DEMAND_STATUS: Record<number, string> = { 1: 'IN_USE', 2: 'GRACE_PERIOD', 3: 'FROZEN', 4: 'CHANGING', 5: 'CLOSING', 6: 'CLOSED' };

/** How many yearly/monthly (provisioned) and pay-per-use resources a customer's book holds. */
export function holdings(stack: Stack, c: CustomerRecord): { period: number; onDemand: number; orders: number } {
  const commerce = stack.simulator.state.commerce;
  const resources = commerce.resourcesOf(c.customerId);
  return {
    period: resources.filter((r) => r.chargeMode === 1 && r.provisioned).length,
    onDemand: resources.filter((r) => r.chargeMode === 3).length,
    orders: commerce.ordersOf(c.customerId).length,
  };
}

/** The partner's own customers (no reseller), by association type. */
export function directCustomers(stack: Stack, associationType?: '1' | '2'): CustomerRecord[] {
  return stack.simulator.state.world.customers.filter(
    (c) => c.indirectPartnerId === null && (associationType === undefined || c.associationType === associationType),
  );
}

/** The first customer matching, or a failure naming what was looked for (the seed decides who exists). */
export function pick(customers: readonly CustomerRecord[], what: string, test: (c: CustomerRecord) => boolean): CustomerRecord {
  const found = customers.find(test);
  if (!found) throw new Error(`the seeded world has no ${what}`);
  return found;
}

/** Runs a GraphQL operation and fails loudly on errors, returning the data. */
export async function data<T = any>(stack: Stack, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
  const result = await stack.graphql(query, variables, headers);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}

/** Upstream HTTP requests per operation since the last reset (IAM included). */
export const requests = (stack: Stack): Readonly<Record<string, number>> => stack.bss.counter.snapshot().requests;

/**
 * Upstream requests without the partner graph's customer lookup (`Query.customer` → ListSubCustomers, one per
 * request): what the commerce fields under a customer cost.
 */
export function belowCustomer(stack: Stack): Readonly<Record<string, number>> {
  const { ListSubCustomers: _lookup, ...rest } = requests(stack);
  return rest;
}

/**
 * Helpers for the write tests: the writes' contract operations by name, the simulator's books (what a write
 * really did, read without the gateway), upstream request counts, and the store's audit rows.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';
import { Decimal } from 'decimal.js';
import type { Stack } from '../../support/stack.js';
import { pageAuditLog, type AuditRow } from '../../../src/store/index.js';

const WRITES = parse(readFileSync(new URL('../../../examples/writes.graphql', import.meta.url), 'utf8'));

/** One operation of the writes' contract (examples/writes.graphql), as its own document. */
export function writesOperation(name: string): string {
  const op = WRITES.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`no writes contract operation ${name}`);
  return print(op);
}

/** Upstream HTTP requests per operation since the last reset. */
export const requests = (stack: Stack): Readonly<Record<string, number>> => stack.bss.counter.snapshot().requests;

/** A customer's cash at the simulator (what Huawei holds), as exact text. */
export function simCustomerCash(stack: Stack, customerId: string): string {
  const sim = stack.simulator.state.partners;
  const record = sim.customers.get(customerId);
  if (!record) throw new Error(`no simulated customer ${customerId}`);
  return sim.funds.customerAccount(record).cash.toFixed(2);
}

/** A scope's (the distributor's: null, or a reseller's) cash at the simulator. */
export function simScopeCash(stack: Stack, scope: string | null): string {
  return stack.simulator.state.partners.funds.scopeAccount(scope).cash.toFixed(2);
}

/** The simulator's adjust log of a scope, for one target. */
export function simTransfers(stack: Stack, scope: string | null, targetId: string) {
  return stack.simulator.state.partners.funds.scopeAccount(scope).transfers.filter((t) => t.targetId === targetId);
}

export const plus = (a: string, b: string): string => new Decimal(a).plus(b).toFixed(2);
export const minus = (a: string, b: string): string => new Decimal(a).minus(b).toFixed(2);

/** Resale customers of a scope in the simulated world. */
export function resaleCustomers(stack: Stack, scope: string | null) {
  return stack.simulator.state.world.customersOf(scope).filter((c) => c.associationType === '2');
}

/** The audit rows of one idempotency key, oldest first. */
export async function auditOf(stack: Stack, idempotencyKey: string): Promise<AuditRow[]> {
  const { rows } = await pageAuditLog(stack.store!, { limit: 100, idempotencyKey });
  return rows.reverse();
}

/** Error codes of a GraphQL response. */
export const codes = (res: { errors?: { extensions?: { code?: string } }[] }): (string | undefined)[] => (res.errors ?? []).map((e) => e.extensions?.code);

let counter = 0;
/** A fresh idempotency key per call (tests share one store). */
export const newKey = (label = 'k'): string => `${label}-${process.pid}-${Date.now()}-${++counter}`;

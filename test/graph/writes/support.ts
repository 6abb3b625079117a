/**
 * Helpers for the write tests: the writes' contract operations by name, the simulator's books (what a write
 * really did, read without the gateway), upstream request counts, and the store's audit rows.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';
import { Decimal } from 'decimal.js';
import { createServer, type AddressInfo } from 'node:net';
import { UndiciTransport, type Transport } from '../../../src/bss/transport.js';
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

/**
 * The real undici transport, except that the next request to a chosen path goes to a loopback port nobody listens
 * on: a genuine ECONNREFUSED, a write that provably never left (BssError kind `transport`), while every other
 * request reaches the simulator. Pass `transport` to the stack's BSS client (`startStack({ bss: { transport } })`);
 * the client does not own it, so `close` it after the stack.
 */
export async function refusingTransport(): Promise<{ transport: Transport; refuseNext(path: string): void; close(): Promise<void> }> {
  const real = new UndiciTransport({ connectTimeoutMs: 5_000 });
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  let refused: string | null = null;
  return {
    transport: {
      send(request) {
        if (request.url.pathname !== refused) return real.send(request);
        refused = null;
        return real.send({ ...request, url: new URL(`${request.url.pathname}${request.url.search}`, `http://127.0.0.1:${port}`) });
      },
      close: () => real.close(),
    },
    refuseNext(path) {
      refused = path;
    },
    close: () => real.close(),
  };
}

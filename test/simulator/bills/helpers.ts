/** Shared fixtures for the bill handler tests: one call helper and the customers of the test world they use. */
import type { Decimal } from 'decimal.js';
import { Money, toDecimal } from '../../../src/bss/money.js';
import type { OperationSpec } from '../../../src/bss/operations/spec.js';
import { billsHandlers } from '../../../src/simulator/handlers/bills/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { callHandler, customerCaller, type CallInput, type CallOutput } from '../../support/sim-request.js';

/** Calls the bills handler of `op`. */
export function call(state: SimState, op: OperationSpec, input: CallInput = {}): Promise<CallOutput> {
  const handler = billsHandlers[op.name];
  if (!handler) throw new Error(`no handler for ${op.name}`);
  return callHandler(state, handler, op, input);
}

/** Calls as the customer itself (customer-only endpoints). */
export function callAs(state: SimState, customer: CustomerRecord, op: OperationSpec, input: CallInput = {}): Promise<CallOutput> {
  return call(state, op, { ...input, caller: customerCaller(customer.customerId) });
}

export function customerAt(state: SimState, index: number): CustomerRecord {
  return state.world.customers[index]!;
}

/** The exact sum of wire decimals (numbers or exact strings, as the lossless parser gives them). */
export function sum(values: Iterable<number | string | Decimal>): Decimal {
  let total = new Money(0);
  for (const v of values) total = total.plus(typeof v === 'object' ? v : toDecimal(v));
  return total;
}

export const round2 = (d: Decimal): string => d.toDecimalPlaces(2).toFixed(2);

/** Every page of a paged endpoint at the largest page size, in order. */
export async function allPages(
  fetch: (offset: number, limit: number) => Promise<CallOutput>, itemsField: string, limit: number,
): Promise<CallOutput['body'][]> {
  const items: CallOutput['body'][] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await fetch(offset, limit);
    if (page.status !== 200) throw new Error(JSON.stringify(page.body));
    items.push(...page.body[itemsField]);
    if (page.body[itemsField].length < limit) return items;
  }
}

/** `CBC.0100` as a handler answers it. */
export const paramError = (message: string) => ({ status: 400, body: { error_code: 'CBC.0100', error_msg: message } });

/** A parsed wire object, as loosely typed as the JSON it came from. */
export type Json = ReturnType<typeof JSON.parse>;

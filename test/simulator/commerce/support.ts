 
/** Shortcuts for the commerce handler tests: call an operation by its spec, find customers by what they hold. */
import type { OperationSpec } from '../../../src/bss/operations/spec.js';
import { commerceHandlers } from '../../../src/simulator/handlers/commerce/index.js';
import type { SimState } from '../../../src/simulator/state.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import { callHandler, customerCaller, type CallInput, type CallOutput } from '../../support/sim-request.js';

export function call(state: SimState, op: OperationSpec<any, any>, input: CallInput = {}): Promise<CallOutput> {
  const handler = commerceHandlers[op.name];
  if (!handler) throw new Error(`no handler for ${op.name}`);
  return callHandler(state, handler, op, input);
}

/** Calls with the customer's own credentials. */
export function asCustomer(state: SimState, customer: CustomerRecord, op: OperationSpec<any, any>, input: CallInput = {}): Promise<CallOutput> {
  return call(state, op, { ...input, caller: customerCaller(customer.customerId) });
}

export function customerAt(state: SimState, index: number): CustomerRecord {
  return state.world.customers[index]!;
}

export const badParameter = (message: string): CallOutput => ({ status: 400, body: { error_code: 'CBC.0100', error_msg: message } });

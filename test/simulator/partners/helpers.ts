/** Calls partner handlers by operation name, and picks customers of a given kind from the test world. */
import { partnerOperations } from '../../../src/bss/operations/partners/index.js';
import { partnersHandlers } from '../../../src/simulator/handlers/partners/index.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';
import type { SimState } from '../../../src/simulator/state.js';
import { callHandler, customerCaller, type CallInput, type CallOutput } from '../../support/sim-request.js';
import { CbcError } from '../../../src/simulator/handler.js';
import { parseWireJson, stringifyWireJson } from '../../../src/bss/wire-json.js';

export function call(state: SimState, name: string, input: CallInput = {}): Promise<CallOutput> {
  const op = partnerOperations.find((o) => o.name === name);
  const handler = partnersHandlers[name];
  if (!op || !handler) throw new Error(`no operation ${name}`);
  return callHandler(state, handler, op, input);
}

export function asCustomer(state: SimState, name: string, customerId: string, input: CallInput = {}): Promise<CallOutput> {
  return call(state, name, { ...input, caller: customerCaller(customerId) });
}

/** The CBC.0100 body `parameterError` produces. */
export function paramError(parameter: string, rule: string): CallOutput {
  return { status: 400, body: { error_code: 'CBC.0100', error_msg: `Parameter error: ${parameter} ${rule}.` } };
}

export function customers(state: SimState, scope: string | null, type?: '1' | '2'): CustomerRecord[] {
  return state.world.customers.filter((c) => c.indirectPartnerId === scope && (type === undefined || c.associationType === type));
}

/** A resale customer of the scope with at least `min` yuan of cash. */
export function fundedResale(state: SimState, scope: string | null, min = 1): CustomerRecord {
  const found = customers(state, scope, '2').find((c) => state.partners.funds.customerAccount(c).cash.gte(min));
  if (!found) throw new Error('no funded resale customer in the test world');
  return found;
}

/** Like `call`, but at another simulator instant (the review clock of §2.13 moves with it). */
export async function callAt(state: SimState, name: string, now: Date, input: CallInput = {}): Promise<CallOutput> {
  const op = partnerOperations.find((o) => o.name === name)!;
  const handler = partnersHandlers[name]!;
  const query = new Map(Object.entries(input.query ?? {}).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
  try {
    const result = await handler({
      op, caller: input.caller ?? { kind: 'partner', domainId: state.world.partner.domainId, via: 'aksk' }, pathParams: {},
      query: { get: (n) => query.get(n)?.[0], getAll: (n) => query.get(n) ?? [], has: (n) => query.has(n) },
      body: input.body === undefined ? undefined : parseWireJson(stringifyWireJson(input.body)), language: input.language ?? 'zh_CN', now, state,
    });
    return { status: result.status ?? 200, body: result.body === undefined ? undefined : parseWireJson(stringifyWireJson(result.body)) };
  } catch (error) {
    if (error instanceof CbcError) return { status: error.status, body: { error_code: error.code, error_msg: error.message } };
    throw error;
  }
}

/**
 * Calls a simulator handler directly, without HTTP: for handler tests that check validation, paging and
 * state changes. End-to-end behaviour (auth, throttling, bodies on the wire) is tested through the server.
 */
import type { OperationSpec } from '../../src/bss/operations/spec.js';
import { parseWireJson, stringifyWireJson } from '../../src/bss/wire-json.js';
import { CbcError, type Handler, type QueryParams, type SimCaller, type SimResult } from '../../src/simulator/handler.js';
import type { Language } from '../../src/simulator/dataset/reference.js';
import { SimState } from '../../src/simulator/state.js';

/** A small world anchored at a fixed instant, so expectations do not move with the clock. */
export const TEST_NOW = new Date('2026-11-15T04:00:00Z');

export function testState(customers = 60, seed = 7): SimState {
  return new SimState({ seed, customers, now: TEST_NOW });
}

export function partnerCaller(state: SimState): SimCaller {
  return { kind: 'partner', domainId: state.world.partner.domainId, via: 'aksk' };
}

export function customerCaller(customerId: string): SimCaller {
  return { kind: 'customer', domainId: customerId, via: 'token' };
}

export interface CallInput {
  caller?: SimCaller;
  query?: Record<string, string | number | readonly (string | number)[]>;
  body?: unknown;
  pathParams?: Record<string, string>;
  language?: Language;
}

/** What the wire would carry: status and the body re-parsed as a client parses it. */
export interface CallOutput {
  status: number;
  body: any;
}

function queryParams(input: CallInput['query']): QueryParams {
  const map = new Map<string, string[]>();
  for (const [k, v] of Object.entries(input ?? {})) map.set(k, (Array.isArray(v) ? v : [v]).map(String));
  return {
    get: (name) => map.get(name)?.[0],
    getAll: (name) => map.get(name) ?? [],
    has: (name) => map.has(name),
  };
}

export async function callHandler(
  state: SimState,
  handler: Handler,
  op: OperationSpec<any, any>,
  input: CallInput = {},
): Promise<CallOutput> {
  try {
    const result: SimResult = await handler({
      op,
      caller: input.caller ?? partnerCaller(state),
      pathParams: input.pathParams ?? {},
      query: queryParams(input.query),
      // Round-trip the body as the platform would receive it: numbers with fractions become exact strings.
      body: input.body === undefined ? undefined : parseWireJson(stringifyWireJson(input.body)),
      language: input.language ?? 'zh_CN',
      now: state.world.now,
      state,
    });
    const status = result.status ?? 200;
    return { status, body: result.body === undefined ? undefined : parseWireJson(stringifyWireJson(result.body)) };
  } catch (error) {
    if (error instanceof CbcError) return { status: error.status, body: { error_code: error.code, error_msg: error.message } };
    throw error;
  }
}

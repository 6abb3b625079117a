/**
 * The contract between the simulator's platform (HTTP, authentication, throttling, faults) and the
 * endpoint handlers. The platform authenticates the request, checks the caller class of the operation
 * (partner-only, customer-only), parses the body losslessly, and calls the operation's handler with a
 * `SimRequest`. A handler validates its parameters, reads or changes the state and returns a `SimResult`,
 * or throws a `CbcError`, which the platform turns into Huawei's error body.
 */
import type { OperationSpec } from '../bss/operations/spec.js';
import type { Language } from './dataset/reference.js';
import type { SimState } from './state.js';

/** Who is calling, established by the gateway-auth layer. */
export interface SimCaller {
  /** `partner`: the partner's AK/SK or password token. `customer`: an assume_role token into a customer. */
  readonly kind: 'partner' | 'customer';
  /** The account the credentials belong to: the partner's domain id, or the customer's. */
  readonly domainId: string;
  readonly via: 'aksk' | 'token';
}

/** Received query parameters: repeated keys kept, `key` without `=` read as an empty value. */
export interface QueryParams {
  get(name: string): string | undefined;
  getAll(name: string): string[];
  has(name: string): boolean;
}

export interface SimRequest {
  readonly op: OperationSpec;
  readonly caller: SimCaller;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: QueryParams;
  /** The JSON body parsed by `parseWireJson` (non-integer numbers are exact strings), or undefined. */
  readonly body: unknown;
  /** `X-Language`, normalised (case-insensitive `zh_cn`/`en_us`), default zh_CN. */
  readonly language: Language;
  /** The simulator's clock, for time-window rules. */
  readonly now: Date;
  readonly state: SimState;
}

export interface SimResult {
  /** 200 unless the operation answers 201/204. */
  readonly status?: number;
  /** Serialised with `stringifyWireJson`: use `wireNumber(...)` for amounts Huawei sends as JSON numbers. */
  readonly body?: unknown;
}

export type Handler = (req: SimRequest) => SimResult | Promise<SimResult>;

// Thrown by handlers and stores alike; defined below both (dataset/cbc-error.ts) and part of this contract.
export { CbcError, parameterError } from './dataset/cbc-error.js';

/**
 * Fault injection for BSS calls: latency, 5xx errors, timeouts, random throttling, reset connections, malformed
 * and slow bodies, and answers lost after the call was carried out (see `FaultConfig`). Each call draws the same
 * fixed number of values from seeded streams, so a given seed and call sequence always yields the same faults
 * whichever rates are set. Changed at runtime with `set`; `reset` returns to the configuration the simulator
 * started with. `once` schedules one exact fault for the next call of an operation (tests that need certainty).
 *
 * Every fault has a phase, which is what reconciliation tests care about: a fault *before apply* (timeout,
 * throttle, 5xx, reset) is injected before the handler runs, so the call changes nothing; a fault *after apply*
 * (malformed, lost) is injected once the handler has changed the state, so the write happened and only its
 * answer is lost.
 */
import { Random } from './dataset/random.js';
import { CbcError } from './handler.js';
import { apig, type GatewayError } from './apig-errors.js';
import { NO_FAULTS, type FaultConfig } from './options.js';

/** How an answer is lost after the call was carried out. */
export type LostAnswerMode =
  /** The connection is closed (socket destroyed) without a byte of the answer. */
  | 'close'
  /** Nothing is ever sent: the client's own timeout ends the call (or the simulator's close). */
  | 'hang'
  /** The API gateway gives up on the backend after it finished: 504 APIGW.0201 "Backend timeout.". */
  | 'gateway-timeout';

export type InjectedFault =
  | { readonly kind: 'none' }
  /** Before apply: never answered (`hang`), or answered after the delay (`delay`, then applied). */
  | { readonly kind: 'timeout'; readonly mode?: 'hang' | 'delay' }
  /** Before apply: a 5xx or 429 with a real body. */
  | { readonly kind: 'error'; readonly error: GatewayError | CbcError }
  /** Before apply: the connection is closed without an answer. */
  | { readonly kind: 'reset' }
  /** After apply: a 200 whose JSON body is cut in half. */
  | { readonly kind: 'malformed' }
  /** After apply: the answer is lost as `mode` says. */
  | { readonly kind: 'lost'; readonly mode: LostAnswerMode };

export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault: InjectedFault;
  readonly slowBody: boolean;
}

/**
 * The exact faults `once` can schedule, named by what happens to the state and to the answer:
 *
 * | fault                   | state changed | what the client sees                                     |
 * |-------------------------|---------------|----------------------------------------------------------|
 * | `lost-after-apply`      | yes           | connection closed, no answer                             |
 * | `hang-after-apply`      | yes           | no answer until its own timeout                          |
 * | `timeout-after-apply`   | yes           | 504 APIGW.0201 Backend timeout.                          |
 * | `malformed-after-apply` | yes           | 200 with the JSON cut in half                            |
 * | `reset-before-apply`    | no            | connection closed, no answer                             |
 * | `error-before-apply`    | no            | 502 APIGW.0201 Backend unavailable.                      |
 * | `hang-before-apply`     | no            | no answer until its own timeout                          |
 */
export type OnceFault =
  | 'lost-after-apply'
  | 'hang-after-apply'
  | 'timeout-after-apply'
  | 'malformed-after-apply'
  | 'reset-before-apply'
  | 'error-before-apply'
  | 'hang-before-apply';

export const ONCE_FAULTS: readonly OnceFault[] = [
  'lost-after-apply',
  'hang-after-apply',
  'timeout-after-apply',
  'malformed-after-apply',
  'reset-before-apply',
  'error-before-apply',
  'hang-before-apply',
];

const ONCE: Readonly<Record<OnceFault, () => InjectedFault>> = {
  'lost-after-apply': () => ({ kind: 'lost', mode: 'close' }),
  'hang-after-apply': () => ({ kind: 'lost', mode: 'hang' }),
  'timeout-after-apply': () => ({ kind: 'lost', mode: 'gateway-timeout' }),
  'malformed-after-apply': () => ({ kind: 'malformed' }),
  'reset-before-apply': () => ({ kind: 'reset' }),
  'error-before-apply': () => ({ kind: 'error', error: apig.backendUnavailable() }),
  'hang-before-apply': () => ({ kind: 'timeout', mode: 'hang' }),
};

/**
 * What tests and tools may do with a running simulator's faults (`sim.faults`).
 *
 * Deterministic faults for reconciliation tests: `sim.faults.once('UpdateCustomerAccountAmount',
 * 'lost-after-apply')` makes the *next* call of that operation that passes authentication, the caller check
 * and the quota (whoever makes it) be carried out and then lose its answer; every later call is answered
 * normally. Schedule before the write, make the write, then read the state back (through the API, or
 * `sim.state`) to prove what happened. Calls queue: two `once` for one operation hit its next two calls.
 * A `once` fault ignores `operations` and the rates, and `reset()` drops the ones not yet used;
 * `pending()` says what is still scheduled (assert it is empty to prove the call reached the simulator).
 * A call the handler refuses (a CBC error) is answered normally and uses the fault up: nothing was applied.
 * The `hang-*` faults end only when the client gives up: give the test's client a short
 * `timeouts.responseMs`. What the BssClient raises for each (see test/bss/lost-answers.test.ts): kind
 * `answer-lost` with TRANSPORT.CONNECTION (lost, reset), TRANSPORT.TIMEOUT (hang) or TRANSPORT.BAD_JSON
 * (malformed); kind `upstream` 504 / 502 APIGW.0201 (timeout-after-apply / error-before-apply).
 */
export interface FaultControl {
  /** The fault configuration in force (rates, latency, `operations`). */
  readonly current: FaultConfig;
  set(partial: Partial<FaultConfig>): void;
  /** Back to the configuration the simulator started with; scheduled `once` faults are dropped. */
  reset(): void;
  /** The next call of `operation` (an SDK name, e.g. `PayOrders`) suffers `fault`; see the table on `OnceFault`. */
  once(operation: string, fault: OnceFault): void;
  /** Scheduled faults not yet used, per operation. */
  pending(): Readonly<Record<string, readonly OnceFault[]>>;
}

const NONE: FaultDecision = { latencyMs: 0, fault: { kind: 'none' }, slowBody: false };

/** Real bodies for the injected server errors: BSS's own, and the gateway's two backend failures. */
const SERVER_ERRORS: readonly (() => GatewayError | CbcError)[] = [
  () => new CbcError(500, 'CBC.0999', 'System error.'),
  apig.backendUnavailable,
  apig.backendTimeout,
];

export class Faults implements FaultControl {
  private config: FaultConfig;
  private random: Random;
  /** The write-era faults (reset, lost) draw from a stream of their own, so older seeds keep their sequences. */
  private applyRandom: Random;
  private readonly scheduled = new Map<string, OnceFault[]>();

  /** `knownOperations`: when given, `once` refuses other names (a typo would otherwise never fire). */
  constructor(
    private readonly initial: FaultConfig,
    private readonly defaultSeed: number,
    private readonly knownOperations?: ReadonlySet<string>,
  ) {
    this.config = initial;
    this.random = this.stream(initial);
    this.applyRandom = this.applyStream(initial);
  }

  get current(): FaultConfig {
    return this.config;
  }

  set(partial: Partial<FaultConfig>): void {
    const reseed = partial.seed !== undefined && partial.seed !== this.config.seed;
    this.config = { ...this.config, ...partial };
    if (reseed) {
      this.random = this.stream(this.config);
      this.applyRandom = this.applyStream(this.config);
    }
  }

  reset(): void {
    this.config = this.initial;
    this.random = this.stream(this.initial);
    this.applyRandom = this.applyStream(this.initial);
    this.scheduled.clear();
  }

  once(operation: string, fault: OnceFault): void {
    if (this.knownOperations && !this.knownOperations.has(operation)) throw new Error(`faults.once: no operation named ${operation}`);
    if (!Object.hasOwn(ONCE, fault)) throw new Error(`faults.once: unknown fault ${fault} (one of ${ONCE_FAULTS.join(', ')})`);
    const queue = this.scheduled.get(operation) ?? [];
    queue.push(fault);
    this.scheduled.set(operation, queue);
  }

  pending(): Readonly<Record<string, readonly OnceFault[]>> {
    return Object.fromEntries([...this.scheduled].map(([op, queue]) => [op, [...queue]]));
  }

  decide(operation: string): FaultDecision {
    const drawn = this.draw(operation);
    const queue = this.scheduled.get(operation);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.scheduled.delete(operation);
    return next === undefined ? drawn : { ...drawn, fault: ONCE[next](), slowBody: false };
  }

  private draw(operation: string): FaultDecision {
    const c = this.config;
    if (c.operations !== null && !c.operations.includes(operation)) return NONE;
    if (isQuiet(c)) return NONE;
    const [jitter, timeout, throttle, error, errorKind, malformed, slow] = Array.from({ length: 7 }, () => this.random.next()) as [
      number, number, number, number, number, number, number,
    ];
    const [reset, lost] = [this.applyRandom.next(), this.applyRandom.next()];
    const latencyMs = c.latencyMs + Math.floor(jitter * (c.latencyJitterMs + 1));
    let fault: InjectedFault = { kind: 'none' };
    // Faults before apply first (the call never reaches the handler), then those after it.
    if (timeout < c.timeoutRate) fault = { kind: 'timeout' };
    else if (throttle < c.throttleRate) fault = { kind: 'error', error: apig.throttled(10) };
    else if (error < c.errorRate) fault = { kind: 'error', error: SERVER_ERRORS[Math.floor(errorKind * SERVER_ERRORS.length)]!() };
    else if (reset < c.resetRate) fault = { kind: 'reset' };
    else if (malformed < c.malformedRate) fault = { kind: 'malformed' };
    else if (lost < c.lostAnswerRate) fault = { kind: 'lost', mode: c.lostAnswerMode };
    return { latencyMs, fault, slowBody: slow < c.slowBodyRate };
  }

  private stream(config: FaultConfig): Random {
    return Random.derive(config.seed ?? this.defaultSeed, 'faults');
  }

  private applyStream(config: FaultConfig): Random {
    return Random.derive(config.seed ?? this.defaultSeed, 'faults.apply');
  }
}

function isQuiet(c: FaultConfig): boolean {
  return (
    c.latencyMs === 0 &&
    c.latencyJitterMs === 0 &&
    c.errorRate === 0 &&
    c.timeoutRate === 0 &&
    c.throttleRate === 0 &&
    c.malformedRate === 0 &&
    c.slowBodyRate === 0 &&
    c.resetRate === 0 &&
    c.lostAnswerRate === 0
  );
}

export function faultConfig(partial: Partial<FaultConfig> | undefined): FaultConfig {
  return { ...NO_FAULTS, ...(partial ?? {}) };
}

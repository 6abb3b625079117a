/**
 * Fault injection for BSS calls: latency, 5xx errors, timeouts, random throttling, malformed and slow bodies
 * (see `FaultConfig`). Each call draws the same fixed number of values from one seeded stream, so a given
 * seed and call sequence always yields the same faults whichever rates are set. Changed at runtime with
 * `setFaults`; `resetFaults` returns to the configuration the simulator started with.
 */
import { Random } from './dataset/random.js';
import { CbcError } from './handler.js';
import { apig, type GatewayError } from './apig-errors.js';
import { NO_FAULTS, type FaultConfig } from './options.js';

export type InjectedFault =
  | { readonly kind: 'none' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'error'; readonly error: GatewayError | CbcError }
  | { readonly kind: 'malformed' };

export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault: InjectedFault;
  readonly slowBody: boolean;
}

const NONE: FaultDecision = { latencyMs: 0, fault: { kind: 'none' }, slowBody: false };

/** Real bodies for the injected server errors: BSS's own, and the gateway's two backend failures. */
const SERVER_ERRORS: readonly (() => GatewayError | CbcError)[] = [
  () => new CbcError(500, 'CBC.0999', 'System error.'),
  apig.backendUnavailable,
  apig.backendTimeout,
];

export class Faults {
  private config: FaultConfig;
  private random: Random;

  constructor(
    private readonly initial: FaultConfig,
    private readonly defaultSeed: number,
  ) {
    this.config = initial;
    this.random = this.stream(initial);
  }

  get current(): FaultConfig {
    return this.config;
  }

  set(partial: Partial<FaultConfig>): void {
    const reseed = partial.seed !== undefined && partial.seed !== this.config.seed;
    this.config = { ...this.config, ...partial };
    if (reseed) this.random = this.stream(this.config);
  }

  reset(): void {
    this.config = this.initial;
    this.random = this.stream(this.initial);
  }

  decide(operation: string): FaultDecision {
    const c = this.config;
    if (c.operations !== null && !c.operations.includes(operation)) return NONE;
    if (isQuiet(c)) return NONE;
    const [jitter, timeout, throttle, error, errorKind, malformed, slow] = Array.from({ length: 7 }, () => this.random.next()) as [
      number, number, number, number, number, number, number,
    ];
    const latencyMs = c.latencyMs + Math.floor(jitter * (c.latencyJitterMs + 1));
    let fault: InjectedFault = { kind: 'none' };
    if (timeout < c.timeoutRate) fault = { kind: 'timeout' };
    else if (throttle < c.throttleRate) fault = { kind: 'error', error: apig.throttled(10) };
    else if (error < c.errorRate) fault = { kind: 'error', error: SERVER_ERRORS[Math.floor(errorKind * SERVER_ERRORS.length)]!() };
    else if (malformed < c.malformedRate) fault = { kind: 'malformed' };
    return { latencyMs, fault, slowBody: slow < c.slowBodyRate };
  }

  private stream(config: FaultConfig): Random {
    return Random.derive(config.seed ?? this.defaultSeed, 'faults');
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
    c.slowBodyRate === 0
  );
}

export function faultConfig(partial: Partial<FaultConfig> | undefined): FaultConfig {
  return { ...NO_FAULTS, ...(partial ?? {}) };
}

/** What every scenario gets, and how it says it cannot run. */
import type { WorldTruth } from './sim-protocol.js';
import type { SimProcess } from './sim-process.js';

export interface BenchContext {
  /** The simulator of scenarios 1–3 (real quotas, realistic latency). */
  readonly sim: SimProcess;
  /** Its ground truth, with each customer's records in `cycle`. */
  readonly truth: WorldTruth;
  /** The dataset anchor every simulator uses (ISO). */
  readonly nowIso: string;
  /** The closed cycle pulled. */
  readonly cycle: string;
  readonly latencyMs: number;
  readonly quick: boolean;
  /** Run the naive client over every customer instead of projecting from a sample (slow). */
  readonly naiveFull: boolean;
  /** Figures one scenario leaves for another (e.g. the speedup over the naive client). */
  readonly results: Map<string, number>;
  log(line?: string): void;
}

export interface Scenario {
  readonly key: string;
  readonly title: string;
  /** Scenarios on the shared simulator; `own` ones start their own (the memory scenario). */
  readonly simulator: 'shared' | 'own';
  run(ctx: BenchContext): Promise<void>;
}

/** Thrown when a scenario's feature is not in the gateway yet: printed as "skipped: <why>". */
export class Skip extends Error {}

/** Lets the last second's quota window pass, so one scenario's calls do not count against the next. */
export const quotaPause = (): Promise<void> => new Promise((r) => setTimeout(r, 1_100));

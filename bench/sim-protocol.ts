/** Messages between the bench (parent) and the simulator process (sim-child.ts). */
import type { SimulatorCredentials } from '../src/simulator/server.js';

export interface ChildOptions {
  readonly seed: number;
  readonly customers: number;
  readonly resellers?: number;
  /** ISO instant: the dataset's "now" (fixes which cycle is closed). */
  readonly now: string;
  /** The real per-API quotas (10/s) on or off. */
  readonly throttle: boolean;
  readonly latencyMs: number;
  /** Dataset knob: hours of time-metered usage folded into one record (undefined: 1, Huawei's hourly records). */
  readonly hoursPerUsageRecord?: number;
}

export interface CustomerTruth {
  readonly customerId: string;
  readonly indirectPartnerId: string | null;
  readonly associationType: '1' | '2';
  /** Detail records (4.2) in the asked cycle; null when no cycle was asked. */
  readonly records: number | null;
}

/** What the simulator holds: the facts every bound is computed from. */
export interface WorldTruth {
  readonly resellers: readonly string[];
  readonly customers: readonly CustomerTruth[];
}

export type ChildRequest = { type: 'truth'; id: number; cycle: string | null } | { type: 'close' };

export type ChildReply =
  | { type: 'ready'; url: string; credentials: SimulatorCredentials }
  | { type: 'truth'; id: number; truth: WorldTruth };

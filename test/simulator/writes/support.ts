/**
 * For the write-effect tests: a simulator on a free port, a real BssClient on it, and helpers that read what
 * a write should have changed. Each test does one write through the client and reads its effects back through
 * the API (never the simulator's state), so a write that a read does not reflect fails here.
 */
import { Decimal } from 'decimal.js';
import { BssClient } from '../../../src/bss/client.js';
import { simulatorClient } from '../../../src/bss/simulator-client.js';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/server.js';
import type { CustomerRecord } from '../../../src/simulator/dataset/world.js';

export const TEST_NOW = new Date('2026-11-15T04:00:00Z');

export interface WriteHarness {
  sim: RunningSimulator;
  client: BssClient;
  close(): Promise<void>;
}

export async function startWriteHarness(customers = 60): Promise<WriteHarness> {
  const sim = await startSimulator({ seed: 7, customers, now: TEST_NOW, throttle: false });
  const client = simulatorClient(sim);
  return {
    sim,
    client,
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

/** Exact decimal text of a wire amount (a number or a string), for comparing sums. */
export const dec = (value: unknown): Decimal => new Decimal(String(value));

/** The world's customers of a scope with the given association type, that granted the partner an agency. */
export function customersOf(h: WriteHarness, scope: string | null, type: '1' | '2' = '2'): CustomerRecord[] {
  return h.sim.state.world.customers.filter((c) => c.indirectPartnerId === scope && c.associationType === type && c.agency !== null);
}

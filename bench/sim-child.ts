/**
 * The simulator as its own process for the benchmarks, so the gateway's RSS is measured alone. Started by
 * `startSimProcess` (sim-process.ts) with its options as one JSON argument; reports its URL over the IPC
 * channel and answers ground-truth questions (how many records each customer has in a cycle) from the
 * very state it serves, so bounds are computed from what the simulator really holds.
 */
import { startSimulator, type RunningSimulator } from '../src/simulator/server.js';
import type { ChildOptions, ChildReply, ChildRequest, WorldTruth } from './sim-protocol.js';

function truthOf(sim: RunningSimulator, cycle: string | null): WorldTruth {
  const world = sim.state.world;
  return {
    resellers: world.resellers.map((r) => r.indirectPartnerId),
    customers: world.customers.map((c) => ({
      customerId: c.customerId,
      indirectPartnerId: c.indirectPartnerId,
      associationType: c.associationType,
      records: cycle === null ? null : sim.state.bills.records(c.customerId, cycle).length,
    })),
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const sim = await startSimulator({
    port: 0,
    seed: options.seed,
    customers: options.customers,
    resellers: options.resellers,
    now: new Date(options.now),
    throttle: options.throttle,
    faults: { latencyMs: options.latencyMs },
    hoursPerUsageRecord: options.hoursPerUsageRecord,
  });
  const send = (reply: ChildReply): void => {
    process.send?.(reply);
  };
  process.on('message', (message: ChildRequest) => {
    if (message.type === 'truth') send({ type: 'truth', id: message.id, truth: truthOf(sim, message.cycle) });
    if (message.type === 'close') void sim.close().then(() => process.exit(0));
  });
  // The parent going away must not leave a listening simulator behind.
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  send({ type: 'ready', url: sim.url, credentials: sim.credentials });
}

await main();

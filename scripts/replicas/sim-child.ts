/**
 * The simulator in a process of its own, counting what it receives: every BSS request's arrival time (when the
 * simulator began handling it), its operation and its status, reported to the parent over IPC on request. The
 * per-API quota check of the multi-replica test and `npm run load -- --replicas` reads these counts: what the
 * upstream saw, not what the gateways believe they sent.
 *
 * argv[2]: JSON `{ seed, customers, throttle, faults?, now? }`. Messages: parent → `{ type: 'arrivals' }` or
 * `{ type: 'faults', faults }` (a new fault mix), child → `{ type: 'ready', url, credentials }`, `{ type: 'arrivals', arrivals }`
 * and `{ type: 'faults', faults }`.
 */
import { allOperations } from '../../src/bss/operations/index.js';
import { DEFAULT_RATE_PER_SECOND } from '../../src/bss/operations/spec.js';
import { startSimulator, type FaultConfig } from '../../src/simulator/server.js';

export interface SimChildOptions {
  readonly seed: number;
  readonly customers: number;
  readonly throttle: boolean;
  readonly faults?: Partial<FaultConfig>;
  readonly now?: string;
}

export interface Arrival {
  readonly operation: string;
  /** The quota the simulator enforces on it (requests per second). */
  readonly rate: number;
  readonly status: number;
  /** ms since the epoch. */
  readonly at: number;
}

export type SimChildMessage =
  | {
    readonly type: 'ready'; readonly url: string; readonly credentials: { ak: string; sk: string; domainId: string; xaccountType: string };
    /** A resale customer of the partner's own scope (funds can be allocated to it). */
    readonly resaleCustomerId: string;
    /** The partner's own customers (ids), for single-customer queries. */
    readonly customerIds: readonly string[];
    /** Those of them that are resale customers (association type 2: the partner reads their balances). */
    readonly resaleCustomerIds: readonly string[];
    /** The last closed billing cycle (UTC+8), for bill queries. */
    readonly cycle: string;
  }
  | { readonly type: 'arrivals'; readonly arrivals: Arrival[] }
  /** The fault mix now in force (after a `{ type: 'faults', faults }` request set it). */
  | { readonly type: 'faults'; readonly faults: FaultConfig }
  /** What Huawei holds for a customer: its cash and how many transfers the partner made to it. */
  | { readonly type: 'funds'; readonly customerId: string; readonly cash: string; readonly transfers: number };

/** Path templates → operations: `{param}` matches one segment. */
const matchers = allOperations.map((op) => ({
  op,
  re: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
}));

function operationOf(method: string, path: string): { name: string; rate: number } {
  const hit = matchers.find((m) => m.op.method === method && m.re.test(path));
  return hit ? { name: hit.op.name, rate: hit.op.ratePerSecond ?? DEFAULT_RATE_PER_SECOND } : { name: `${method} ${path}`, rate: DEFAULT_RATE_PER_SECOND };
}

const options = JSON.parse(process.argv[2] ?? '{}') as SimChildOptions;
const arrivals: Arrival[] = [];
const sim = await startSimulator({
  port: 0,
  seed: options.seed,
  customers: options.customers,
  throttle: options.throttle,
  ...(options.now ? { now: new Date(options.now) } : {}),
  ...(options.faults ? { faults: options.faults } : {}),
  onRequest: (entry) => {
    if (entry.path === '/v3/auth/tokens') return;
    const op = operationOf(entry.method, entry.path);
    arrivals.push({ operation: op.name, rate: op.rate, status: entry.status, at: Date.now() - entry.ms });
  },
});
const { ak, sk, domainId, xaccountType } = sim.credentials;
const resaleCustomerId = sim.state.world.customersOf(null).find((c) => c.associationType === '2')!.customerId;
const customerIds = sim.state.world.customersOf(null).map((c) => c.customerId);
const resaleCustomerIds = sim.state.world.customersOf(null).filter((c) => c.associationType === '2').map((c) => c.customerId);
const beijing = new Date(sim.state.world.now.getTime() + 8 * 3_600_000);
const last = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1));
const cycle = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
process.send?.({ type: 'ready', url: sim.url, credentials: { ak, sk, domainId, xaccountType }, resaleCustomerId, customerIds, resaleCustomerIds, cycle } satisfies SimChildMessage);
process.on('message', (message: { type: string; customerId?: string; faults?: Partial<FaultConfig> }) => {
  if (message.type === 'arrivals') process.send?.({ type: 'arrivals', arrivals: arrivals.splice(0) } satisfies SimChildMessage);
  if (message.type === 'faults') {
    sim.setFaults(message.faults ?? {});
    process.send?.({ type: 'faults', faults: sim.faults.current } satisfies SimChildMessage);
  }
  if (message.type === 'funds') {
    const partners = sim.state.partners;
    const customerId = message.customerId!;
    const cash = partners.funds.customerAccount(partners.customers.get(customerId)!).cash.toFixed(2);
    const transfers = partners.funds.scopeAccount(null).transfers.filter((t) => t.targetId === customerId).length;
    process.send?.({ type: 'funds', customerId, cash, transfers } satisfies SimChildMessage);
  }
});
process.on('disconnect', () => {
  void sim.close().then(() => process.exit(0));
});

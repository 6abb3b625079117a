/**
 * The gateway in this process (its RSS is what the memory scenario samples), pointed at the simulator
 * process: a BssClient with the real per-API budget and the yoga instance, as src/main.ts builds them.
 */
import type { BssClient } from '../src/bss/client.js';
import type { StartSlots } from '../src/bss/start-slots.js';
import { simulatorClient } from '../src/bss/simulator-client.js';
import { DEFAULT_RATE_GUARD_MS } from '../src/config.js';
import { DEFAULT_LIMITS } from '../src/context.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { DEFAULT_QUERY_LIMITS } from '../src/limits/limits-plugin.js';
import { BillCache } from '../src/caches/bill-cache.js';
import { ReferenceCache } from '../src/caches/reference-cache.js';
import type { SimProcess } from './sim-process.js';

/** Where the simulator listens and the partner credentials it accepts. */
export type Upstream = Pick<SimProcess, 'url' | 'credentials'>;

/** A GraphQL response as JSON: scenarios walk whatever shape they asked for. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary response JSON, checked by each scenario
export type GraphQLResult = { data?: any; errors?: any[] };

export interface BenchGateway {
  readonly bss: BssClient;
  readonly gateway: Gateway;
  /** Upstream answers with HTTP 429 since the last reset (each one a retried attempt). */
  throttled(): number;
  /** When (performance.now()) the last upstream attempt finished. */
  lastUpstreamAt(): number;
  reset(): void;
  graphql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult>;
  fetch(path: string): Promise<Response>;
  close(): Promise<void>;
}

export interface BenchGatewayOptions {
  /** Requests per second per API the client allows itself (default 10, the real quota). */
  readonly ratePerSecond?: number;
  /** A closed-cycle bill cache, only where a scenario asks for one (it makes a second pull free). */
  readonly billCache?: boolean;
  /** The rate budget's guard (default: the gateway's, 50 ms). */
  readonly guardMs?: number;
  /** Where the budget books its starts (default: its sliding window in memory); bench/quota-use.ts compares others. */
  readonly slots?: StartSlots;
}

export function benchGateway(sim: Upstream, options: BenchGatewayOptions = {}): BenchGateway {
  let throttled = 0;
  let lastUpstreamAt = 0;
  const { domainId } = sim.credentials;
  const bss = simulatorClient(sim, {
    // As src/main.ts builds it: the quota, with the default headroom against arrival jitter.
    rate: { perSecond: options.ratePerSecond ?? 10, guardMs: options.guardMs ?? DEFAULT_RATE_GUARD_MS, ...(options.slots ? { slots: options.slots } : {}) },
    onRequest: (event) => {
      lastUpstreamAt = performance.now();
      if (event.status === 429) throttled++;
    },
  });
  const gateway = createGateway(
    {
      bss,
      partnerDomainId: domainId,
      reference: new ReferenceCache({ ttlMs: 3_600_000 }),
      defaultLanguage: 'zh_CN',
      // A BI pull asks for whole months in one request; the page cap is a config knob (PARTNER_GRAPH_MAX_FIRST).
      limits: { ...DEFAULT_LIMITS, maxFirst: 1_000_000 },
      ...(options.billCache ? { billCache: new BillCache({ closedCycleTtlMs: 86_400_000, openCycleTtlMs: 300_000, maxRecords: 2_000_000 }) } : {}),
    },
    {
      // The benchmark measures upstream work, not the query-cost guard: a whole month is a big query.
      queryLimits: { ...DEFAULT_QUERY_LIMITS, maxCost: 1e12, maxAliases: 10_000, maxTokens: 1e6, maxBodyBytes: 1e8, maxDepth: 50 },
    },
  );
  return {
    bss,
    gateway,
    throttled: () => throttled,
    lastUpstreamAt: () => lastUpstreamAt,
    reset() {
      throttled = 0;
      bss.counter.reset();
    },
    async graphql(query, variables) {
      const response = await gateway.fetch('http://gateway.bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult;
    },
    fetch(path) {
      return Promise.resolve(gateway.fetch(`http://gateway.bench${path}`, { method: 'GET', headers: { accept: '*/*' } }));
    },
    close: () => bss.close(),
  };
}

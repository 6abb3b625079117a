/**
 * An end-to-end stack with the operations wiring of src/main.ts: metrics on the BSS client's hooks and
 * the reference cache, a pino log captured in memory (raw text, to assert what never appears in it).
 */
import { Writable } from 'node:stream';
import type { BssClient, BssClientOptions } from '../../src/bss/client.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import type { ApiKeyEntry } from '../../src/auth/api-keys.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import { createLog } from '../../src/ops/log.js';
import { Metrics } from '../../src/ops/metrics.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { SimulatorOptions } from '../../src/simulator/options.js';
import { TEST_NOW } from '../support/sim-request.js';

export interface OpsStack {
  readonly simulator: RunningSimulator;
  readonly bss: BssClient;
  readonly gateway: Gateway;
  readonly metrics: Metrics;
  /** Every log line written so far, raw. */
  readonly logText: () => string;
  readonly logLines: () => Record<string, unknown>[];
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: any; errors?: any[] }>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface OpsStackOptions {
  readonly simulator?: Partial<SimulatorOptions>;
  readonly client?: Partial<BssClientOptions>;
  /** Credentials the client signs with, replacing the simulator's (e.g. a wrong SK). */
  readonly credentials?: (real: { ak: string; sk: string; domainId: string }) => { ak: string; sk: string; domainId: string };
  readonly apiKeys?: readonly ApiKeyEntry[];
}

export async function startOpsStack(options: OpsStackOptions = {}): Promise<OpsStack> {
  const simulator = await startSimulator({ throttle: false, port: 0, seed: 42, customers: 60, now: TEST_NOW, ...options.simulator });
  const { ak, sk, domainId } = simulator.credentials;
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLog('debug', sink);
  const metrics = new Metrics();
  const bss = simulatorClient(simulator, {
    ...(options.credentials ? { credentials: options.credentials({ ak, sk, domainId }) } : {}),
    onRequest: (event) => metrics.observeUpstream(event),
    onThrottleWait: (event) => metrics.observeThrottleWait(event),
    ...options.client,
  });
  const gateway = createGateway({
    bss,
    partnerDomainId: domainId,
    reference: new ReferenceCache({ ttlMs: 60_000, onLookup: (hit) => metrics.cacheLookup('reference', hit) }),
    defaultLanguage: 'zh_CN',
    metrics,
    log,
  }, { apiKeys: options.apiKeys ?? null });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    );
  return {
    simulator,
    bss,
    gateway,
    metrics,
    logText: () => chunks.join(''),
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    post,
    async graphql(query, variables, headers) {
      const response = await post({ query, variables }, headers);
      return (await response.json()) as { data?: any; errors?: any[] };
    },
    get: (path, headers = {}) => Promise.resolve(gateway.fetch(`http://gateway.test${path}`, { method: 'GET', headers })),
    async close() {
      await bss.close();
      await simulator.close();
    },
  };
}

/** The value of one series in Prometheus exposition text, or undefined when absent. */
export function seriesValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (.+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) found[pair[1]!] = pair[2]!;
    const wanted = Object.entries(labels);
    if (wanted.length === Object.keys(found).length && wanted.every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

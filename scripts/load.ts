/**
 * `npm run load -- --seconds 30 --concurrency 16 [--rate 10]`: sustained load from a second process on
 * loopback. With `--replicas N [--users 64] [--keys 4] [--warmup 10] [--flood]`: the deployed shape instead,
 * N gateway processes and the simulator in its own (scripts/load-replicas.ts). `--rate` is the gateway's upstream budget per API; above Huawei's 10/s the simulator's quotas
 * are switched off, which turns the run into a stress test of the gateway itself.
 *
 * Three processes: this one (the conductor), a gateway child (the embedded simulator, injecting a mix of
 * 5xx, timeouts, throttling, malformed and slow bodies, plus the gateway over HTTP on a free port, with
 * the production wiring: metrics, structured log to a file, real rate budget and retries), and a load
 * child (undici, a fixed number of closed-loop workers sending a mix of contract-like queries). The
 * gateway child reports process.memoryUsage() over IPC every 250 ms; the conductor prints requests
 * served, responses by HTTP status, GraphQL errors by code, latency percentiles, RSS baseline/peak/final,
 * and whether the gateway process survived (exit code, uncaught exceptions, unhandled rejections).
 *
 * The simulator lives in the gateway's process (as with `npm start` without credentials), so the RSS
 * figures include it; the simulator's own state does not grow with reads.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const SELF = fileURLToPath(import.meta.url);

/** The injected fault mix: rates per upstream BSS call (IAM is never faulted by the simulator). */
const FAULTS = {
  latencyMs: 5,
  latencyJitterMs: 40,
  errorRate: 0.03,
  timeoutRate: 0.01,
  timeoutMode: 'hang' as const,
  throttleRate: 0.02,
  malformedRate: 0.01,
  slowBodyRate: 0.03,
  slowBodyMs: 800,
};

/** Client settings of the gateway under load: a 2 s attempt deadline, 3 attempts. */
const CLIENT = { responseMs: 2_000, maxAttempts: 3 };
/** Huawei's default quota, requests per second per API per account. */
const HUAWEI_RATE = 10;

type GatewayMessage =
  | { readonly type: 'ready'; readonly url: string; readonly cycle: string; readonly logFile: string }
  | { readonly type: 'memory'; readonly rss: number; readonly heapUsed: number }
  | { readonly type: 'stopped'; readonly uncaught: number; readonly unhandled: number; readonly logLines: number; readonly metrics: string };

interface LoadSummary {
  readonly type: 'summary';
  requests: number;
  readonly byStatus: Record<string, number>;
  readonly byQuery: Record<string, number>;
  readonly errorsByCode: Record<string, number>;
  partial: number;
  transportFailures: number;
  readonly latenciesMs: number[];
}

function queries(cycle: string): { name: string; query: string; variables?: Record<string, unknown> }[] {
  return [
    { name: 'PartnerSlice', query: 'query PartnerSlice { partner { domainId balances { accountType amount currency } } serviceTypes { code name } }' },
    {
      name: 'Customers',
      query:
        'query Customers { partner { customers(first: 20) { totalCount edges { node { customerId name accountName balance { amount currency } newCustomerTag { tag } } } } } }',
    },
    {
      name: 'Resellers',
      query: 'query Resellers { partner { indirectPartners(first: 5) { totalCount edges { node { indirectPartnerId name customers(first: 5) { totalCount } } } } } }',
    },
    { name: 'Orders', query: 'query Orders { partner { orders(first: 10) { totalCount edges { node { id currency amountAfterDiscount customer { customerId } } } } } }' },
    {
      name: 'MonthlyBills',
      query: 'query MonthlyBills($cycle: BillingCycle!) { partner { monthlyBills(cycle: $cycle, first: 20) { totalCount edges { node { customerId amount currency } } } } }',
      variables: { cycle },
    },
  ];
}

// ---------------------------------------------------------------- gateway child

async function runGateway(rate: number): Promise<void> {
  const { pino } = await import('pino');
  const { simulatorClient } = await import('../src/bss/simulator-client.js');
  const { createGateway } = await import('../src/gateway.js');
  const { ReferenceCache } = await import('../src/caches/reference-cache.js');
  const { createLog } = await import('../src/ops/log.js');
  const { Metrics } = await import('../src/ops/metrics.js');
  const { startSimulator } = await import('../src/simulator/server.js');

  let uncaught = 0;
  let unhandled = 0;
  // Counted and reported: the run must show zero of each. (Node would exit on either by default; here the
  // count is the evidence, and the conductor also checks the exit code.)
  process.on('uncaughtException', (error) => {
    uncaught++;
    console.error('uncaughtException', error);
  });
  process.on('unhandledRejection', (reason) => {
    unhandled++;
    console.error('unhandledRejection', reason);
  });

  // At Huawei's quota the simulator enforces it too; above it (a stress run) its quotas are off, or every
  // extra request would only be a 429.
  const simulator = await startSimulator({ port: 0, seed: 7, customers: 300, throttle: rate <= HUAWEI_RATE, faults: FAULTS });
  const logFile = join(tmpdir(), `partner-graph-load-${process.pid}.log`);
  const destination = pino.destination({ dest: logFile, sync: false });
  const log = createLog('info', destination);
  const metrics = new Metrics();
  const { domainId } = simulator.credentials;
  const bss = simulatorClient(simulator, {
    rate: { perSecond: rate },
    retry: { maxAttempts: CLIENT.maxAttempts },
    timeouts: { responseMs: CLIENT.responseMs },
    onRequest: (event) => metrics.observeUpstream(event),
    onThrottleWait: (event) => metrics.observeThrottleWait(event),
  });
  const gateway = createGateway({
    bss,
    partnerDomainId: domainId,
    reference: new ReferenceCache({ ttlMs: 300_000, onLookup: (hit) => metrics.cacheLookup('reference', hit) }),
    defaultLanguage: 'zh_CN',
    metrics,
    log,
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const beijing = new Date(simulator.state.world.now.getTime() + 8 * 3_600_000);
  const last = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1));
  const cycle = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;

  const send = (message: GatewayMessage) => process.send?.(message);
  const sample = () => {
    const m = process.memoryUsage();
    send({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed });
  };
  sample();
  const timer = setInterval(sample, 250);
  send({ type: 'ready', url: `http://127.0.0.1:${port}`, cycle, logFile });

  process.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') return;
    clearInterval(timer);
    sample();
    void (async () => {
      const scrape = await gateway.fetch(`http://127.0.0.1:${port}/metrics`);
      const text = await scrape.text();
      destination.flushSync();
      const { readFileSync } = await import('node:fs');
      const logLines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l !== '').length;
      server.closeAllConnections();
      server.close();
      await bss.close();
      await simulator.close();
      send({ type: 'stopped', uncaught, unhandled, logLines, metrics: text });
      process.disconnect();
    })();
  });
}

// ---------------------------------------------------------------- load child

async function runLoad(url: string, seconds: number, concurrency: number, cycle: string): Promise<void> {
  const mix = queries(cycle);
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  const summary: LoadSummary = { type: 'summary', requests: 0, byStatus: {}, byQuery: {}, errorsByCode: {}, partial: 0, transportFailures: 0, latenciesMs: [] };
  const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  const deadline = Date.now() + seconds * 1000;
  let next = 0;

  async function worker(): Promise<void> {
    while (Date.now() < deadline) {
      const q = mix[next++ % mix.length]!;
      const started = performance.now();
      try {
        const response = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: q.query, variables: q.variables, operationName: q.name }),
          headersTimeout: 120_000,
          bodyTimeout: 120_000,
        });
        const text = await response.body.text();
        summary.latenciesMs.push(performance.now() - started);
        summary.requests++;
        bump(summary.byStatus, String(response.statusCode));
        bump(summary.byQuery, q.name);
        try {
          const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
          for (const error of body.errors ?? []) bump(summary.errorsByCode, error.extensions?.code ?? 'UNCODED');
          if (body.errors?.length && body.data) summary.partial++;
        } catch {
          bump(summary.errorsByCode, 'NOT_JSON');
        }
      } catch {
        summary.transportFailures++;
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  await pool.close();
  process.send?.(summary);
  process.disconnect();
}

// ---------------------------------------------------------------- conductor

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function seriesSum(metrics: string, name: string, filter: (labels: string) => boolean = () => true): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (m && m[1] === name && filter(m[2] ?? '')) total += Number(m[3]);
  }
  return total;
}

function byLabel(metrics: string, name: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of metrics.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} ([0-9.e+-]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const value = new RegExp(`${label}="([^"]*)"`).exec(m[2]!)?.[1] ?? '?';
    out[value] = (out[value] ?? 0) + Number(m[3]);
  }
  return out;
}

function once<T>(child: ChildProcess, predicate: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (predicate(message)) {
        child.off('message', onMessage);
        resolve(message);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child ${child.pid} exited early with code ${code}`)));
  });
}

async function conduct(seconds: number, concurrency: number, rate: number): Promise<void> {
  const gateway = fork(SELF, ['--role', 'gateway', '--rate', String(rate)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const samples: { at: number; rss: number; heapUsed: number }[] = [];
  gateway.on('message', (message: GatewayMessage) => {
    if (message.type === 'memory') samples.push({ at: Date.now(), rss: message.rss, heapUsed: message.heapUsed });
  });
  const gatewayExit = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
  const ready = await once(gateway, (m): m is Extract<GatewayMessage, { type: 'ready' }> => (m as GatewayMessage | undefined)?.type === 'ready');
  // Baseline: the gateway warmed up but idle.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const baseline = samples.at(-1)!;

  console.log(
    `gateway pid ${gateway.pid} at ${ready.url}; upstream budget ${rate}/s per API (simulator quotas ${rate <= HUAWEI_RATE ? 'on' : 'off'}); ` +
      `faults ${JSON.stringify(FAULTS)}; load: ${concurrency} workers for ${seconds} s from a second process`,
  );
  const startedAt = Date.now();
  const load = fork(SELF, ['--role', 'load', '--url', ready.url, '--seconds', String(seconds), '--concurrency', String(concurrency), '--cycle', ready.cycle], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const summary = await once(load, (m): m is LoadSummary => (m as LoadSummary | undefined)?.type === 'summary');
  const elapsed = (Date.now() - startedAt) / 1000;
  const loadSamples = samples.filter((s) => s.at >= startedAt);
  const peak = loadSamples.reduce((a, b) => (b.rss > a.rss ? b : a), baseline);
  const peakHeap = loadSamples.reduce((a, b) => Math.max(a, b.heapUsed), baseline.heapUsed);
  // Final: after the load ends and the gateway settles (in-flight upstream retries finish).
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const final = samples.at(-1)!;

  gateway.send({ type: 'stop' });
  const stopped = await once(gateway, (m): m is Extract<GatewayMessage, { type: 'stopped' }> => (m as GatewayMessage | undefined)?.type === 'stopped');
  const exitCode = await gatewayExit;

  const sorted = [...summary.latenciesMs].sort((a, b) => a - b);
  const m = stopped.metrics;
  const upstreamByStatus = byLabel(m, 'upstream_calls_total', 'status');
  const upstreamErrors = byLabel(m, 'upstream_errors_total', 'code');
  const lines = [
    `duration            ${elapsed.toFixed(1)} s, ${concurrency} concurrent workers (closed loop)`,
    `requests served     ${summary.requests} (${(summary.requests / elapsed).toFixed(1)}/s), transport failures at the client: ${summary.transportFailures}`,
    `by query            ${JSON.stringify(summary.byQuery)}`,
    `HTTP status         ${JSON.stringify(summary.byStatus)}`,
    `partial responses   ${summary.partial} (data with typed errors)`,
    `GraphQL errors      ${JSON.stringify(Object.fromEntries(Object.entries(summary.errorsByCode).sort((a, b) => b[1] - a[1])))}`,
    `latency             p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
    `upstream attempts   ${seriesSum(m, 'upstream_calls_total')} by status ${JSON.stringify(upstreamByStatus)}`,
    `upstream failures   ${JSON.stringify(upstreamErrors)}`,
    `upstream retries    ${seriesSum(m, 'upstream_retries_total')}, throttled answers ${seriesSum(m, 'upstream_throttled_total')}, rate-budget waits ${seriesSum(m, 'upstream_throttle_waits_total')} (${seriesSum(m, 'upstream_throttle_wait_seconds_total').toFixed(1)} s)`,
    `reference cache     hits ${seriesSum(m, 'cache_hits_total', (l) => l.includes('"reference"'))}, misses ${seriesSum(m, 'cache_misses_total', (l) => l.includes('"reference"'))}`,
    `gateway RSS         baseline ${mb(baseline.rss)}, peak ${mb(peak.rss)}, final ${mb(final.rss)} (heap used: baseline ${mb(baseline.heapUsed)}, peak ${mb(peakHeap)}, final ${mb(final.heapUsed)}; ${samples.length} samples)`,
    `gateway process     exit code ${exitCode}, uncaught exceptions ${stopped.uncaught}, unhandled rejections ${stopped.unhandled}, log lines ${stopped.logLines} (${ready.logFile})`,
  ];
  console.log(lines.join('\n'));
  if (exitCode !== 0 || stopped.uncaught > 0 || stopped.unhandled > 0 || summary.requests === 0) process.exitCode = 1;
}

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'conductor' },
    seconds: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '16' },
    rate: { type: 'string', default: String(HUAWEI_RATE) },
    url: { type: 'string' },
    cycle: { type: 'string' },
    // The deployed shape (scripts/load-replicas.ts): N gateway processes, the simulator in its own process.
    replicas: { type: 'string' },
    users: { type: 'string' },
    keys: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '10' },
    flood: { type: 'boolean', default: false },
  },
});
if (values.replicas !== undefined && values.role === 'conductor') {
  const { conductReplicas } = await import('./load-replicas.js');
  const replicas = Number(values.replicas);
  const users = Number(values.users ?? values.concurrency);
  const keys = Number(values.keys);
  if (!(Number.isInteger(replicas) && replicas >= 1 && Number.isInteger(users) && users >= 1 && Number.isInteger(keys) && keys >= 1)) {
    console.error('usage: npm run load -- --replicas 3 --users 64 --keys 4 --seconds 60 [--warmup 10] [--flood]');
    process.exit(2);
  }
  await conductReplicas({ replicas, users, keys, seconds: Number(values.seconds), warmupSeconds: Number(values.warmup), flood: values.flood ?? false });
  process.exit(process.exitCode ?? 0);
}
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const rate = Number(values.rate);
if (!(seconds > 0) || !(Number.isInteger(concurrency) && concurrency > 0) || !(rate > 0)) {
  console.error('usage: npm run load -- --seconds 30 --concurrency 16 [--rate 10]');
  process.exit(2);
}
if (values.role === 'gateway') await runGateway(rate);
else if (values.role === 'load') await runLoad(values.url!, seconds, concurrency, values.cycle!);
else await conduct(seconds, concurrency, rate);

/**
 * The Prometheus metrics of one gateway (prom-client), on a registry of its own rather than the global
 * one, so a process (a test file) can run many gateways without their series colliding. Served at
 * GET /metrics, before authentication: scrapers carry no API key, so the port must not be public.
 *
 * Label values are bounded: operation names come from the client, so only well-formed names are kept,
 * unnamed operations are `anonymous`, and past `maxOperationNames` distinct names the rest are `other`.
 * Upstream operation names come from our own operation specs (a fixed set).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Plugin } from 'graphql-yoga';

import type { RequestEvent } from '../bss/call-counter.js';
import type { ThrottleWaitEvent } from '../bss/client.js';
import { isThrottleCode } from '../bss/errors.js';
import type { SyncEvent } from '../sync/events.js';
import { currentScope, type RequestScope } from './request-scope.js';

export type CacheName = 'reference' | 'bill' | 'partner';

/**
 * How a GraphQL request ended: no errors; data with errors; errors and no data (HTTP 4xx/5xx too); or the
 * client went away before its answer (whatever the unread answer would have been).
 */
export type Outcome = 'success' | 'partial' | 'error' | 'cancelled';

export interface MetricsOptions {
  /** Process metrics (memory, CPU, event loop, GC) of prom-client. Default true. */
  readonly defaultMetrics?: boolean;
  /** Distinct operation-name label values kept before the rest become `other`. Default 200. */
  readonly maxOperationNames?: number;
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
/** Paths worth their own label; anything else (scanners, typos) is `other`. */
const KNOWN_ROUTES = new Set(['/graphql', '/metrics', '/healthz', '/readyz', '/export/consumption']);
/** A failed upstream attempt kept per request for its log line, at most. */
const MAX_UPSTREAM_ERRORS_PER_REQUEST = 10;

export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly maxOperationNames: number;

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route (known paths, else "other") and status.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly graphqlRequests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests, by operation name and outcome (success, partial, error, cancelled).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its response headers, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly graphqlErrors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors in responses, by extensions.code (Huawei codes such as CBC.0999, or ours).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly upstreamCalls = new Counter({
    name: 'upstream_calls_total',
    help: 'HTTP requests sent to Huawei Cloud (every attempt, retries included), by operation and HTTP status ("none": no response).',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: 'upstream_call_duration_seconds',
    help: 'Duration of one upstream attempt (headers and body), by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly upstreamRetries = new Counter({
    name: 'upstream_retries_total',
    help: 'Upstream attempts that were retries of a failed attempt, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly upstreamThrottled = new Counter({
    name: 'upstream_throttled_total',
    help: 'Upstream answers that were throttling (HTTP 429, APIGW.0308, CBC.0250), by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly upstreamErrors = new Counter({
    name: 'upstream_errors_total',
    help: 'Failed upstream attempts, by operation and code (Huawei code, or TRANSPORT.* for no usable response).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  private readonly throttleWaits = new Counter({
    name: 'upstream_throttle_waits_total',
    help: 'Upstream attempts that queued in the per-API rate budget before starting, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly throttleWaitSeconds = new Counter({
    name: 'upstream_throttle_wait_seconds_total',
    help: 'Time upstream attempts spent queued in the per-API rate budget, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly cacheHits = new Counter({
    name: 'cache_hits_total',
    help: 'Cache lookups answered without a new upstream load, by cache (reference, bill, partner).',
    labelNames: ['cache'] as const,
    registers: [this.registry],
  });
  private readonly unhandledRejections = new Counter({
    name: 'process_unhandled_rejections_total',
    help: 'Promise rejections nobody handled (a bug: each is logged); the gateway keeps serving.',
    registers: [this.registry],
  });
  private readonly cacheMisses = new Counter({
    name: 'cache_misses_total',
    help: 'Cache lookups that had to load from upstream, by cache (reference, bill, partner).',
    labelNames: ['cache'] as const,
    registers: [this.registry],
  });

  private readonly syncUnits = new Counter({
    name: 'consumption_sync_units_total',
    help: 'Customer × cycle units the consumption sync worked on, by outcome (synced, failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly syncRecords = new Counter({
    name: 'consumption_sync_records_total',
    help: 'Consumption records the sync wrote into the store.',
    registers: [this.registry],
  });
  private readonly syncDrift = new Counter({
    name: 'consumption_sync_drift_units_total',
    help: 'Units of settled cycles found to differ from the upstream summary (read again or replaced at once).',
    registers: [this.registry],
  });
  private readonly syncCalls: Gauge<'operation'> = new Gauge({
    name: 'consumption_sync_upstream_calls',
    help: 'Upstream calls the consumption sync made since start, by operation (within its share of each quota).',
    labelNames: ['operation'] as const,
    registers: [this.registry],
    collect: () => {
      for (const [operation, n] of Object.entries(this.syncCallSource?.() ?? {})) this.syncCalls.set({ operation }, n);
    },
  });
  private readonly syncCyclesComplete = new Gauge({
    name: 'consumption_sync_cycles_complete',
    help: 'Billing cycles the sync keeps that are complete (every listed customer synced), after the last pass.',
    registers: [this.registry],
  });
  private readonly syncCycles = new Gauge({
    name: 'consumption_sync_cycles',
    help: 'Billing cycles the sync keeps.',
    registers: [this.registry],
  });
  private readonly syncLag: Gauge = new Gauge({
    name: 'consumption_sync_lag_seconds',
    help: 'Seconds since the last sync pass that left every kept cycle complete (since start when none has yet); absent without a sync.',
    registers: [this.registry],
    collect: () => {
      if (this.syncCallSource) this.syncLag.set((Date.now() - (this.syncCaughtUpAt ?? this.startedAt)) / 1000);
    },
  });
  private syncCallSource: (() => Readonly<Record<string, number>>) | null = null;
  private syncCaughtUpAt: number | null = null;
  private readonly startedAt = Date.now();

  constructor(options: MetricsOptions = {}) {
    this.maxOperationNames = options.maxOperationNames ?? 200;
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // Known label sets start at zero, so a rate() over them works before the first event.
    this.unhandledRejections.inc(0);
    for (const cache of ['reference', 'bill'] as const) {
      this.cacheHits.inc({ cache }, 0);
      this.cacheMisses.inc({ cache }, 0);
    }
  }

  /**
   * The consumption sync's progress (src/sync/events.ts). `calls` reads the sync's own call counter when
   * /metrics is scraped; the lag counts from the last pass that left every cycle complete.
   */
  trackSync(calls: () => Readonly<Record<string, number>>): void {
    this.syncCallSource = calls;
    for (const outcome of ['synced', 'failed'] as const) this.syncUnits.inc({ outcome }, 0);
    this.syncRecords.inc(0);
    this.syncDrift.inc(0);
  }

  observeSync(event: SyncEvent): void {
    switch (event.type) {
      case 'unit-synced':
        this.syncUnits.inc({ outcome: 'synced' });
        this.syncRecords.inc(event.records);
        break;
      case 'unit-failed':
        this.syncUnits.inc({ outcome: 'failed' });
        break;
      case 'drift-checked':
        this.syncDrift.inc(event.differing + event.replaced);
        break;
      case 'pass-finished':
        this.syncCycles.set(event.cycles);
        this.syncCyclesComplete.set(event.cyclesComplete);
        if (event.cyclesComplete === event.cycles) this.syncCaughtUpAt = Date.now();
        break;
      default:
        break;
    }
  }

  /** The BSS client's onRequest hook: one upstream attempt finished. */
  observeUpstream(event: RequestEvent): void {
    const operation = event.operation;
    const throttled = event.status === 429 || (event.errorCode !== undefined && isThrottleCode(event.errorCode));
    this.upstreamCalls.inc({ operation, status: event.status === undefined ? 'none' : String(event.status) });
    this.upstreamDuration.observe({ operation }, event.durationMs / 1000);
    if (event.attempt > 1) this.upstreamRetries.inc({ operation });
    if (throttled) this.upstreamThrottled.inc({ operation });
    if (event.errorCode !== undefined) this.upstreamErrors.inc({ operation, code: event.errorCode });

    const scope = currentScope();
    if (!scope) return;
    scope.upstreamRequests += 1;
    if (event.attempt > 1) scope.upstreamRetries += 1;
    if (throttled) scope.upstreamThrottled += 1;
    if (event.errorCode !== undefined && (throttled || event.status === undefined || event.status >= 500 || event.status < 400)) scope.upstreamTrouble = true;
    if (event.errorCode !== undefined && scope.upstreamErrors.length < MAX_UPSTREAM_ERRORS_PER_REQUEST) {
      scope.upstreamErrors.push(`${operation}:${event.errorCode}:${event.status ?? 'none'}${event.requestId ? `:${event.requestId}` : ''}`);
    }
  }

  /** The BSS client's onThrottleWait hook: an attempt queued in the rate budget. */
  observeThrottleWait(event: ThrottleWaitEvent): void {
    this.throttleWaits.inc({ operation: event.operation });
    this.throttleWaitSeconds.inc({ operation: event.operation }, event.waitedMs / 1000);
    const scope = currentScope();
    if (!scope) return;
    scope.throttleWaits += 1;
    scope.throttleWaitMs += event.waitedMs;
  }

  /** A lookup in a process-wide cache: hit (no upstream load) or miss. */
  /** A promise rejection nobody handled (src/ops/unhandled-rejections.ts). */
  unhandledRejection(): void {
    this.unhandledRejections.inc();
  }

  cacheLookup(cache: CacheName, hit: boolean): void {
    (hit ? this.cacheHits : this.cacheMisses).inc({ cache });
  }

  /** One HTTP request answered (called by the request log plugin when the response is ready). */
  observeRequest(scope: RequestScope, status: number, durationMs: number, graphql: boolean): void {
    this.httpRequests.inc({ route: KNOWN_ROUTES.has(scope.path) ? scope.path : 'other', status: String(status) });
    if (!graphql) return;
    const operation = this.operationLabel(scope.operationName);
    this.graphqlRequests.inc({ operation, outcome: outcomeOf(scope, status) });
    this.graphqlDuration.observe({ operation }, durationMs / 1000);
    for (const code of scope.errorCodes) this.graphqlErrors.inc({ code: codeLabel(code) });
  }

  /** The exposition text and its content type (`text/plain; version=0.0.4`). */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }

  private operationLabel(name: string | undefined): string {
    if (name === undefined) return 'anonymous';
    if (!GRAPHQL_NAME.test(name)) return 'invalid';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= this.maxOperationNames) return 'other';
    this.operationNames.add(name);
    return name;
  }
}

export function outcomeOf(scope: RequestScope, status: number): Outcome {
  if (scope.signal?.aborted === true) return 'cancelled';
  if (status >= 400 || scope.hasData === false) return 'error';
  return scope.errorCodes.length > 0 ? 'partial' : 'success';
}

/** Error codes are ours or Huawei's (a fixed vocabulary); anything odd-looking is folded into one value. */
function codeLabel(code: string): string {
  return /^[A-Za-z0-9_.]{1,64}$/.test(code) ? code : 'OTHER';
}

/** GET /metrics: the registry's exposition text. Needs no API key (see the file comment). */
export function useMetrics(metrics: Metrics): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return metrics.render().then(({ body, contentType }) => {
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' } }));
      });
    },
  };
}

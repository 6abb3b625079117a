/**
 * STUB (issue 5 fills this in): the Prometheus registry (prom-client) of one gateway: GraphQL requests and
 * latencies, upstream calls by operation and status, throttle waits, cache hits and misses; served at /metrics.
 */
import type { Plugin } from 'graphql-yoga';

import type { RequestEvent } from '../bss/call-counter.js';

export class Metrics {
  /** The BSS client's onRequest hook: one upstream attempt finished. */
  observeUpstream(_event: RequestEvent): void {}
}

export function useMetrics(_metrics: Metrics): Plugin {
  return {};
}

/**
 * The whole stack in one process for end-to-end tests: the simulator on a free loopback port, a BSS
 * client pointed at it, and the gateway answering through `yoga.fetch` (no extra HTTP hop needed).
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { BssClient, BssClientOptions } from '../../src/bss/client.js';
import { simulatorClient } from '../../src/bss/simulator-client.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { ReferenceCache } from '../../src/caches/reference-cache.js';
import type { BillCache } from '../../src/caches/bill-cache.js';
import type { PartnerDataCache } from '../../src/caches/partner-cache.js';
import type { TrustedDocumentsOptions } from '../../src/limits/trusted-documents.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { TEST_NOW } from './sim-request.js';
import { sha256Hex, type ApiKeyEntry } from '../../src/auth/api-keys.js';
import type { Log } from '../../src/ops/log.js';
import type { QueryLimits } from '../../src/limits/limits-plugin.js';
import type { GraphLimits, WriteOptions } from '../../src/context.js';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../src/store/index.js';
import { ConsumptionSync, type ConsumptionSyncOptions } from '../../src/sync/index.js';

export interface Stack {
  readonly simulator: RunningSimulator;
  readonly bss: BssClient;
  readonly gateway: Gateway;
  /** The state store, with `store` (in memory unless one was given). */
  readonly store: Store | undefined;
  /** The consumption sync, with `sync`: not started; tests run `sync.runPass()` themselves. */
  readonly sync: ConsumptionSync | undefined;
  /**
   * Runs a GraphQL operation through the gateway and returns the parsed JSON response. Pass a typed
   * document (test/generated, from GraphQL Code Generator) to get typed data and variables.
   */
  graphql<T = any, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: any[] }>;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly customers?: number;
  readonly seed?: number;
  /** Resellers in the simulated world; default one per 50 customers (at least 2). */
  readonly resellers?: number;
  /** API keys for the gateway (default: none, the open caller: admin without PII permission). */
  readonly apiKeys?: readonly ApiKeyEntry[] | null;
  /** Send an admin key with the PII permission on every request, for tests comparing personal data with raw records. */
  readonly pii?: boolean;
  /** The gateway's log (e.g. to capture `pii.reveal` lines). */
  readonly log?: Log;
  /** A process-wide bill cache for the gateway (default: none, every request reads upstream). */
  readonly billCache?: BillCache;
  /** Partner data cached across requests (default: none, every request reads upstream). */
  readonly partnerCache?: PartnerDataCache;
  /** Persisted operations accepted by hash (default: none). */
  readonly trustedDocuments?: TrustedDocumentsOptions;
  /** Query limits (default: the production defaults); batching tests raise the cost limit for worst-case nestings. */
  readonly queryLimits?: QueryLimits;
  /** Connection limits (default: `first` ≤ 1000); whole-month pulls raise `maxFirst`, as a BI deployment would. */
  readonly limits?: GraphLimits;
  /** A state store for the gateway: `'memory'` opens PGlite in memory (`memory://`), closed with the stack; or a store to use (not closed). */
  readonly store?: 'memory' | Store;
  /** A consumption sync into the store (needs `store`), with these options; the simulator's clock is its "now". */
  readonly sync?: boolean | Partial<Omit<ConsumptionSyncOptions, 'bss' | 'store'>>;
  /** Knobs of the write path (default: its own, with a clock that runs from the simulator's "now" as the simulator's does). */
  readonly writes?: WriteOptions;
  /** Options of the BSS client pointed at the simulator (e.g. a transport that refuses some connections). */
  readonly bss?: Partial<BssClientOptions>;
}

const PII_TEST_KEY = 'pg_test-admin-with-pii';

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // The simulator's quotas are off here: graph tests count the calls a query makes, and a 429 retried
  // on a loaded machine would add an attempt. Throttling is tested in test/integration and the platform.
  const simulator = await startSimulator({
    throttle: false,
    port: 0,
    seed: options.seed ?? 42,
    customers: options.customers ?? 120,
    resellers: options.resellers,
    now: TEST_NOW,
  });
  const { domainId } = simulator.credentials;
  // The simulator's clock starts at TEST_NOW and runs: writes draw their reconciliation windows on the same clock.
  const simulatorStarted = performance.now();
  const simulatorClock = (): Date => new Date(TEST_NOW.getTime() + Math.floor(performance.now() - simulatorStarted));
  const bss = simulatorClient(simulator, options.bss);
  const ownStore = options.store === 'memory';
  const store = options.store === 'memory' ? await openStore({ databaseUrl: undefined, dataDir: MEMORY_DATA_DIR }) : options.store;
  if (options.sync && !store) throw new Error('startStack: a sync needs a store');
  const sync = options.sync && store
    ? new ConsumptionSync({ bss, store, now: () => TEST_NOW, ...(options.sync === true ? {} : options.sync) })
    : undefined;
  const gateway = createGateway({
    bss,
    partnerDomainId: domainId,
    reference: new ReferenceCache({ ttlMs: 60_000 }),
    defaultLanguage: 'zh_CN',
    // The simulator's "now": which cycle is open (future cycles are refused) must not move with the calendar.
    now: () => TEST_NOW,
    ...(options.log ? { log: options.log } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.billCache ? { billCache: options.billCache } : {}),
    ...(options.partnerCache ? { partnerCache: options.partnerCache } : {}),
    ...(store ? { store } : {}),
    ...(sync ? { sync } : {}),
    writes: { clock: simulatorClock, ...options.writes },
  }, {
    ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
    ...(options.trustedDocuments ? { trustedDocuments: options.trustedDocuments } : {}),
    apiKeys: options.pii ? [...(options.apiKeys ?? []), { name: 'test-pii', role: 'admin', pii: true, sha256: sha256Hex(PII_TEST_KEY) }] : (options.apiKeys ?? null),
  });
  const auth: Record<string, string> = options.pii ? { authorization: `Bearer ${PII_TEST_KEY}` } : {};
  return {
    simulator,
    bss,
    gateway,
    store,
    sync,
    async graphql(query, variables, headers) {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth, ...headers },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      return (await response.json()) as { data?: any; errors?: any[] };
    },
    async close() {
      await sync?.stop();
      if (ownStore) await store?.close();
      await bss.close();
      await simulator.close();
    },
  };
}

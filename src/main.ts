/**
 * `npm start`: read the configuration; with no Huawei Cloud credentials, start the embedded simulator
 * on a free loopback port and point the gateway at it; then serve GraphQL on PORT.
 */
import { BssClient } from './bss/client.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DEFAULT_LIMITS } from './context.js';
import { createGateway } from './gateway.js';
import { createHttpServer } from './http-server.js';
import { HttpDrain } from './http-drain.js';
import { stopOnSignals } from './graceful-shutdown.js';
import { contractExampleVariables } from './graphiql.js';
import { ReferenceCache } from './caches/reference-cache.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { exampleData } from './simulator/example-data.js';
import { BillCache } from './caches/bill-cache.js';
import { setUpPartnerCache } from './partner-cache-setup.js';
import { loadTrustedDocuments, TrustedDocumentsError } from './limits/trusted-documents.js';
import { Metrics } from './ops/metrics.js';
import { createLog, logDestination } from './ops/log.js';
import { keepServingOnUnhandledRejection } from './ops/unhandled-rejections.js';
import { ApiKeysError, loadApiKeys, type ApiKeyEntry } from './auth/api-keys.js';
import { openStore, scheduleIdempotencyPurge, type Store } from './store/index.js';
import { storeUpstreamSlots } from './store/upstream-slots.js';
import { ConsumptionSync } from './sync/index.js';
import { syncObserver } from './ops/sync-log.js';

interface Upstream {
  readonly bssEndpoint: string;
  readonly iamEndpoint: string;
  readonly credentials: { ak: string; sk: string; domainId: string; securityToken?: string };
  readonly agencyName: string | undefined;
  readonly simulator?: RunningSimulator;
}

async function upstreamFor(config: Config): Promise<Upstream> {
  if (config.credentials) {
    return { bssEndpoint: config.bssEndpoint, iamEndpoint: config.iamEndpoint, credentials: config.credentials, agencyName: config.agencyName };
  }
  const simulator = await startSimulator({
    port: 0,
    seed: config.simulator.seed,
    customers: config.simulator.customers,
    faults: { latencyMs: config.simulator.latencyMs },
  });
  const { ak, sk, domainId, xaccountType } = simulator.credentials;
  return {
    bssEndpoint: simulator.url,
    iamEndpoint: simulator.url,
    credentials: { ak, sk, domainId },
    agencyName: config.agencyName ?? xaccountType,
    simulator,
  };
}

/**
 * The API keys, or null for an open gateway, which only the embedded simulator may be: against real
 * Huawei Cloud the gateway holds the partner's credentials and every customer's personal data.
 */
function apiKeysFor(config: Config): ApiKeyEntry[] | null {
  const file = config.auth.apiKeysFile;
  let keys: ApiKeyEntry[] | null = null;
  try {
    keys = file ? loadApiKeys(file) : null;
  } catch (error) {
    if (!(error instanceof ApiKeysError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (config.credentials && (keys === null || keys.length === 0)) {
    console.error(
      'Refusing to start: Huawei Cloud credentials are set but no API key is configured. Set API_KEYS_FILE to a JSON ' +
        'array with at least one key entry (create one with `npm run key -- --name NAME --role admin`).',
    );
    process.exit(1);
  }
  return keys;
}

/** The trusted documents' manifest, read once at start; an unreadable one stops the gateway with the reason. */
function trustedDocumentsFor(config: Config): { documents: Map<string, string>; only: boolean } | undefined {
  const { manifestPath, only } = config.trustedDocuments;
  if (!manifestPath) return undefined;
  try {
    return { documents: loadTrustedDocuments(manifestPath), only };
  } catch (error) {
    if (!(error instanceof TrustedDocumentsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * The state store: PGlite under PARTNER_GRAPH_DATA_DIR by default (no server needed), PostgreSQL when
 * DATABASE_URL is set. An embedded store that cannot open is logged and the gateway serves without it (live
 * pulls only, no writes). A PostgreSQL that cannot open ends the process (exit 1, for the orchestrator to
 * restart it): a replica serving without it would book the quota in its own window alone, beside the others'
 * (429s for everyone), and could not honour the idempotency keys the other replicas keep.
 * Its location is logged, never the URL's password (Store.location has none).
 */
async function openStateStore(config: Config, log: ReturnType<typeof createLog>): Promise<Store | undefined> {
  try {
    const store = await openStore(config.store, { onIdleError: (error) => log.warn({ err: error }, 'state store: an idle connection failed') });
    log.info({ event: 'store.open', engine: store.engine, location: store.location, migrationsApplied: store.migrationsApplied }, 'state store open');
    return store;
  } catch (error) {
    const err = error instanceof Error ? { name: error.name, message: error.message.replace(/\/\/[^@\s]*@/g, '//') } : String(error);
    if (config.store.databaseUrl !== undefined) {
      log.fatal({ event: 'store.open.failed', err }, 'DATABASE_URL is set but the state store could not be opened: not serving (replicas share the quota and idempotency keys through it)');
      log.flush();
      console.error(`State store: DATABASE_URL is set but PostgreSQL could not be opened (${typeof err === 'string' ? err : err.message}); not serving.`);
      process.exit(1);
    }
    log.error({ event: 'store.open.failed', err }, 'state store could not be opened: consumption is pulled live');
    return undefined;
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const apiKeys = apiKeysFor(config);
  const trustedDocuments = trustedDocumentsFor(config);
  // Batched asynchronous writes to stdout (src/ops/log.ts logDestination): not a blocking syscall per request line.
  const log = createLog(config.log.level, logDestination());
  const metrics = new Metrics();
  keepServingOnUnhandledRejection(log, () => metrics.unhandledRejection());
  // The store opens (PGlite: seconds of WASM start-up) while the simulator starts.
  const [upstream, store] = await Promise.all([upstreamFor(config), openStateStore(config, log)]);
  const bss = new BssClient({
    endpoint: upstream.bssEndpoint,
    iamEndpoint: upstream.iamEndpoint,
    credentials: upstream.credentials,
    agencyName: upstream.agencyName,
    rate: {
      perSecond: config.upstream.ratePerSecond,
      guardMs: config.upstream.rateGuardMs,
      // Replicas on one PostgreSQL share each API's quota through it (docs/deploy.md); one process (PGlite, or no
      // store) keeps the same sliding window in memory.
      ...(store?.engine === 'postgresql'
        ? {
          slots: storeUpstreamSlots(store),
          onSlotsError: (error: unknown) => log.warn({ event: 'rate.shared.failed', err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'shared upstream quota unreachable: this replica books its own window for 5 s'),
        }
        : {}),
    },
    retry: { maxAttempts: config.upstream.retryMaxAttempts },
    timeouts: {
      connectMs: config.upstream.connectTimeoutMs,
      readMs: config.upstream.readTimeoutMs,
      billReadMs: config.upstream.billReadTimeoutMs,
      writeMs: config.upstream.writeTimeoutMs,
    },
    onRequest: (event) => metrics.observeUpstream(event),
    onThrottleWait: (event) => metrics.observeThrottleWait(event),
  });
  const sync = store && config.sync.enabled
    ? new ConsumptionSync({
      bss,
      store,
      share: config.sync.share,
      months: config.sync.months,
      refreshMs: config.sync.refreshMs,
      settleMs: config.sync.settleMs,
      concurrency: config.sync.concurrency,
      language: config.language,
      onEvent: syncObserver(log, metrics),
    })
    : undefined;
  if (sync) metrics.trackSync(() => sync.calls().calls);
  // Expired idempotency records go hourly (store/purge-schedule.ts); those still owed a reconciliation stay.
  const purge = store ? scheduleIdempotencyPurge(store, log) : undefined;
  // Shared by the replicas through the store when DATABASE_URL is set (src/partner-cache-setup.ts).
  const partnerCache = setUpPartnerCache(config, store, metrics, log);
  // Counts the requests in flight; on SIGTERM/SIGINT it drains them and readiness answers 503 meanwhile.
  const drain = new HttpDrain();
  const gateway = createGateway(
    {
      bss,
      ...(store ? { store } : {}),
      ...(sync ? { sync } : {}),
      partnerDomainId: upstream.credentials.domainId,
      reference: new ReferenceCache({ ttlMs: config.graph.referenceTtlMs, onLookup: (hit) => metrics.cacheLookup('reference', hit) }),
      defaultLanguage: config.language,
      limits: { ...DEFAULT_LIMITS, maxFirst: config.graph.maxFirst },
      billCache: new BillCache({ ...config.billCache, onLookup: (hit) => metrics.cacheLookup('bill', hit) }),
      ...(partnerCache.cache ? { partnerCache: partnerCache.cache } : {}),
      metrics,
      log,
    },
    {
      exampleVariables: upstream.simulator ? contractExampleVariables(exampleData(upstream.simulator.state.world)) : { first: 20 },
      apiKeys,
      http: config.http,
      queryLimits: config.limits,
      keyConcurrency: config.keyConcurrency,
      ...(trustedDocuments ? { trustedDocuments } : {}),
      shuttingDown: () => drain.draining,
    },
  );

  const server = createHttpServer(gateway, config.httpServer, log);
  drain.attach(server);
  // A port already taken (or not ours to take) is an operator's fix, said in one line like a config error.
  server.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
    const what = error.code === 'EADDRINUSE' ? 'is already in use (EADDRINUSE)' : 'may not be used by this user (EACCES)';
    const other = config.port < 65535 ? config.port + 1 : 4000;
    console.error(`Cannot listen on ${config.host}:${config.port}: the port ${what}. Set PORT to a free port (e.g. PORT=${other} npm start) or stop the process holding it.`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    console.log(`Partner Graph: GraphiQL at http://${shown === '127.0.0.1' ? 'localhost' : shown}:${port}/graphql`);
    if (apiKeys === null) {
      console.warn('WARNING: no API_KEYS_FILE: the gateway is OPEN, every request is an admin without PII permission (allowed on the simulator only).');
    } else {
      console.log(`API keys: ${apiKeys.length} from ${config.auth.apiKeysFile}`);
    }
    if (store) {
      console.log(
        `State store: ${store.engine} at ${store.location}; consumption sync ${sync ? `on (${Math.round(config.sync.share * 100)} % of each API's quota, ${config.sync.months} closed cycles and the open one; first pass in the background)` : 'off'}`,
      );
    }
    // Started once the gateway listens: the first pass runs in the background and never delays start-up.
    sync?.start();
    if (upstream.simulator) {
      const c = upstream.simulator.credentials;
      console.log(
        `Data is SIMULATED: no HUAWEICLOUD_SDK_AK/SK/DOMAIN_ID set, so the embedded Huawei Cloud simulator ` +
          `(seed ${config.simulator.seed}, ${config.simulator.customers} customers) answers at ${upstream.simulator.url}\n` +
          `  demo partner: domain ${c.domainId}, AK ${c.ak} (demo credentials, not secret)`,
      );
    } else {
      console.log(`Upstream: ${upstream.bssEndpoint} as partner domain ${upstream.credentials.domainId}`);
    }
  });

  // SIGTERM/SIGINT (src/graceful-shutdown.ts): not ready, no new connections, the answers in flight finish within
  // PARTNER_GRAPH_DRAIN_TIMEOUT_MS; then what they used closes, in order, and the process exits 0.
  stopOnSignals({
    log,
    drain: (cut) => drain.drain(server, config.shutdown.drainTimeoutMs, cut),
    close: async () => {
      purge?.stop();
      // The sync stops first (its reads are aborted; those units stay unsynced), then the store closes.
      await sync?.stop();
      await partnerCache.close();
      await store?.close();
      await bss.close();
      await upstream.simulator?.close();
    },
  });
}

await main();

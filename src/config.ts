/**
 * Environment → one typed, validated configuration. Every problem is reported with the variable that
 * caused it, all at once, so an operator fixes the environment in one go. Credential variables follow
 * Huawei's SDK names (huawei-auth-and-errors.md §2.6).
 */

import type { QueryLimits } from './limits/limits-plugin.js';
import type { KeyConcurrency } from './limits/key-concurrency.js';
import type { Language } from './language.js';
import type { LogLevel } from './ops/log.js';
import {
  DEFAULT_PARTNER_CACHE_MAX_ENTRIES, DEFAULT_PARTNER_CACHE_STALE_FACTOR, DEFAULT_PARTNER_CACHE_TTLS_MS, PARTNER_DATA_KINDS, type PartnerCacheTtls, type PartnerDataKind,
} from './caches/partner-cache.js';
import { DEFAULT_DEADLINES } from './bss/deadlines.js';

/**
 * The rate budget's default headroom (src/bss/rate-budget.ts `guardMs`): the sliding window is 1050 ms wide
 * instead of 1000. Arrival jitter needs no headroom (a call holds its place until a window after its answer,
 * and the upstream counted it before answering); the guard covers the one case the answer does not bound: a
 * call that timed out here and still reaches the upstream later. Paid for with 5 % of the quota; 0 spends it exactly.
 */
export const DEFAULT_RATE_GUARD_MS = 50;

/** PARTNER_GRAPH_DRAIN_TIMEOUT_MS unset: 25 s, inside Kubernetes' 30 s grace (docs/deploy.md "Graceful shutdown"). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 25_000;

export type { Language } from './language.js';

export interface PartnerCredentialsConfig {
  readonly ak: string;
  readonly sk: string;
  readonly domainId: string;
  readonly securityToken?: string;
}

export interface SimulatorConfig {
  readonly seed: number;
  readonly customers: number;
  readonly latencyMs: number;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Partner credentials for real Huawei Cloud; absent → the embedded simulator. */
  readonly credentials: PartnerCredentialsConfig | undefined;
  readonly bssEndpoint: string;
  readonly iamEndpoint: string;
  /** Agency customers granted the partner (the partner platform id `xaccountType`); absent: customer-only fields fail. */
  readonly agencyName: string | undefined;
  readonly language: Language;
  readonly upstream: {
    /** Requests per second per API per credential (Huawei's default quota is 10). */
    readonly ratePerSecond: number;
    /** Headroom against arrival jitter: any quota + 1 consecutive calls of an API span at least 1 s + this. */
    readonly rateGuardMs: number;
    readonly connectTimeoutMs: number;
    /** One attempt's deadline for its whole answer, by what a timeout costs (src/bss/deadlines.ts): a read is retried. */
    readonly readTimeoutMs: number;
    /** The same for a page of bill or consumption records, the one large, slow read. */
    readonly billReadTimeoutMs: number;
    /** The same for a write, never retried: its timeout is an unknown outcome to reconcile (docs/writes.md). */
    readonly writeTimeoutMs: number;
    readonly retryMaxAttempts: number;
  };
  readonly graph: {
    /** Largest first/last a connection accepts; beyond it a query is refused before any upstream call. */
    readonly maxFirst: number;
    /** How long reference catalogues (service types, units, …) are cached, per language. */
    readonly referenceTtlMs: number;
  };
  readonly simulator: SimulatorConfig;
  readonly auth: {
    /** API_KEYS_FILE: a JSON array of `{ name, role, indirectPartnerId?, pii?, sha256 }`; absent → open (simulator only). */
    readonly apiKeysFile: string | undefined;
  };
  readonly http: {
    /** Serve GraphiQL at GET /graphql (turn off in production if no one explores there). */
    readonly graphiql: boolean;
    /** Answer introspection queries (GraphiQL and codegen need it). */
    readonly introspection: boolean;
    /** Origins allowed by CORS; empty: no cross-origin access; `['*']`: any origin. */
    readonly corsOrigins: readonly string[];
  };
  /** The node HTTP server against slow and too many clients (src/http-server.ts documents each). */
  readonly httpServer: {
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly maxConnections: number;
  };
  /** Stopping on SIGTERM/SIGINT (src/graceful-shutdown.ts, docs/deploy.md "Graceful shutdown"). */
  readonly shutdown: {
    /** PARTNER_GRAPH_DRAIN_TIMEOUT_MS: how long requests in flight may run on after the signal (default 25 s). */
    readonly drainTimeoutMs: number;
  };
  /** Query limits (src/limits/limits-plugin.ts documents each). */
  readonly limits: Required<QueryLimits>;
  /** Operations per API key at once and waiting (src/limits/key-concurrency.ts, docs/limits.md). */
  readonly keyConcurrency: KeyConcurrency;
  readonly log: {
    readonly level: LogLevel;
  };
  readonly billCache: {
    /** How long bills of a closed cycle (before the current one in UTC+8) stay cached. */
    readonly closedCycleTtlMs: number;
    /** How long bills of the open cycle stay cached (they change as usage is rated). */
    readonly openCycleTtlMs: number;
    /** Consumption records kept at most across all cached pulls (bounds memory). */
    readonly maxRecords: number;
  };
  /** Partner data cached across requests (docs/deploy.md, "Every environment variable" and "Cache per replica or shared"): TTL per kind (0: not cached), entries at most (0: no cache). */
  readonly partnerCache: {
    readonly ttlMs: PartnerCacheTtls;
    readonly maxEntries: number;
    /** PARTNER_GRAPH_CACHE_STALE_FACTOR: an expired entry answers (refreshed in the background) until TTL × this old; 0: never. */
    readonly staleFactor: number;
    /**
     * PARTNER_GRAPH_CACHE_SHARE_PERSONAL_DATA: answers holding personal data go to the level shared through
     * PostgreSQL too (off: they stay in each replica's memory; docs/security.md).
     */
    readonly sharePersonalData: boolean;
  };
  /** Trusted documents (docs/trusted-documents.md): persisted operations accepted by hash. */
  readonly trustedDocuments: {
    /** PARTNER_GRAPH_TRUSTED_DOCUMENTS: the manifest (codegen's persisted-documents.json); absent: none. */
    readonly manifestPath: string | undefined;
    /** PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY: refuse any operation that is not in the manifest (production). */
    readonly only: boolean;
  };
  /** The state store (docs/store.md): embedded PGlite files by default, a PostgreSQL server with DATABASE_URL. */
  readonly store: {
    /** DATABASE_URL: a PostgreSQL server (15 or later); absent → the embedded engine under `dataDir`. */
    readonly databaseUrl: string | undefined;
    /** PARTNER_GRAPH_DATA_DIR: the embedded engine's files (`memory://`: kept in memory, gone at exit). */
    readonly dataDir: string;
    /** PARTNER_GRAPH_STORE_PROCESS: the embedded engine in a child process (default on) instead of a worker thread. */
    readonly engineProcess: boolean;
  };
  /** The background consumption sync into the store (src/sync/, docs/store.md "The sync"). */
  readonly sync: {
    /** PARTNER_GRAPH_SYNC: on (default) or off. */
    readonly enabled: boolean;
    /** PARTNER_GRAPH_SYNC_SHARE: fraction of each API's quota the sync may spend (default 0.5). */
    readonly share: number;
    /** PARTNER_GRAPH_SYNC_MONTHS: closed cycles kept, newest first (default and most: 18). */
    readonly months: number;
    /** PARTNER_GRAPH_SYNC_REFRESH_MINUTES: the open cycle's re-read and closed cycles' drift check (default 1440). */
    readonly refreshMs: number;
    /** PARTNER_GRAPH_SYNC_SETTLE_DAYS: days after its end a cycle is still re-read like the open one (default 3). */
    readonly settleMs: number;
    /** PARTNER_GRAPH_SYNC_CONCURRENCY: customers read at once (default 4). */
    readonly concurrency: number;
  };
}

export type { LogLevel } from './ops/log.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

class Reader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** A set, non-blank value, trimmed; blank counts as unset (a common shell mistake, not a value). */
  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback: string): string {
    const raw = this.string(name) ?? fallback;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
      if (url.pathname !== '/' || url.search || url.hash) {
        this.problems.push(`${name} must be a bare origin such as https://bss.myhuaweicloud.com (got "${raw}")`);
      }
      return url.origin;
    } catch {
      this.problems.push(`${name} must be an http(s) URL such as https://bss.myhuaweicloud.com (got "${raw}")`);
      return fallback;
    }
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  /** A comma-separated list, blanks dropped. */
  list(name: string): string[] {
    return (this.string(name) ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!match) this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return match ?? fallback;
  }
}

function readCredentials(r: Reader): PartnerCredentialsConfig | undefined {
  const ak = r.string('HUAWEICLOUD_SDK_AK');
  const sk = r.string('HUAWEICLOUD_SDK_SK');
  const domainId = r.string('HUAWEICLOUD_SDK_DOMAIN_ID');
  const securityToken = r.string('HUAWEICLOUD_SDK_SECURITY_TOKEN');
  if (!ak && !sk && !domainId && !securityToken) return undefined;
  // Half a credential is a mistake, not a request for the simulator: say which part is missing.
  if (!ak) r.problems.push('HUAWEICLOUD_SDK_AK is required when any HUAWEICLOUD_SDK_* credential is set');
  if (!sk) r.problems.push('HUAWEICLOUD_SDK_SK is required when HUAWEICLOUD_SDK_AK is set');
  // BSS is a global service: without a domain id the SDKs would call IAM to discover it; we require it.
  if (!domainId) r.problems.push('HUAWEICLOUD_SDK_DOMAIN_ID (the partner account id) is required with HUAWEICLOUD_SDK_AK');
  else if (!/^[0-9a-f]{32}$/i.test(domainId)) r.problems.push(`HUAWEICLOUD_SDK_DOMAIN_ID must be 32 hex characters (got "${domainId}")`);
  if (!ak || !sk || !domainId) return undefined;
  return { ak, sk, domainId, ...(securityToken ? { securityToken } : {}) };
}

function readHttpServer(r: Reader): Config['httpServer'] {
  const headersTimeoutMs = r.integer('PARTNER_GRAPH_HEADERS_TIMEOUT_MS', 20_000, 1_000, 600_000);
  const requestTimeoutMs = r.integer('PARTNER_GRAPH_REQUEST_TIMEOUT_MS', 60_000, 1_000, 3_600_000);
  // Node refuses a headers timeout longer than the request timeout (the headers are part of the request).
  if (headersTimeoutMs > requestTimeoutMs) {
    r.problems.push(
      `PARTNER_GRAPH_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than PARTNER_GRAPH_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`,
    );
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: r.integer('PARTNER_GRAPH_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: r.integer('PARTNER_GRAPH_MAX_CONNECTIONS', 1_000, 1, 1_000_000),
  };
}

/** DATABASE_URL as libpq and node-postgres take it; its password never appears in a problem. */
function readDatabaseUrl(r: Reader): string | undefined {
  const raw = r.string('DATABASE_URL');
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return raw;
  } catch {
    // reported below
  }
  r.problems.push('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database');
  return undefined;
}

/** PARTNER_GRAPH_SYNC_SHARE: a fraction in (0, 1]; the rest of each API's quota is the interactive queries'. */
function readShare(r: Reader): number {
  const raw = r.string('PARTNER_GRAPH_SYNC_SHARE');
  if (raw === undefined) return 0.5;
  const value = Number(raw);
  if (!/^(0?\.\d+|1(\.0*)?|0)$/.test(raw) || !(value > 0 && value <= 1)) {
    r.problems.push(`PARTNER_GRAPH_SYNC_SHARE must be a fraction above 0 and at most 1, such as 0.5 (got "${raw}")`);
    return 0.5;
  }
  return value;
}

/** PARTNER_GRAPH_CACHE_TTL_<KIND>_SECONDS for each kind of partner data; 0 turns that kind off. */
function readPartnerCacheTtls(r: Reader): PartnerCacheTtls {
  const ttl = (kind: PartnerDataKind): number =>
    r.integer(`PARTNER_GRAPH_CACHE_TTL_${kind.toUpperCase()}_SECONDS`, DEFAULT_PARTNER_CACHE_TTLS_MS[kind] / 1000, 0, 86_400) * 1000;
  return Object.fromEntries(PARTNER_DATA_KINDS.map((kind) => [kind, ttl(kind)])) as Record<PartnerDataKind, number>;
}

/**
 * The upstream deadlines per kind of call (src/bss/deadlines.ts). A write's is at most 10 minutes: an idempotency
 * record in progress longer than 15 is taken for abandoned (src/store/idempotency.ts). The one deadline of earlier
 * versions is refused by name rather than ignored: a read and a write want different ones.
 */
function readDeadlines(r: Reader): Pick<Config['upstream'], 'readTimeoutMs' | 'billReadTimeoutMs' | 'writeTimeoutMs'> {
  if (r.string('PARTNER_GRAPH_RESPONSE_TIMEOUT_MS') !== undefined) {
    r.problems.push(
      'PARTNER_GRAPH_RESPONSE_TIMEOUT_MS is replaced by PARTNER_GRAPH_READ_TIMEOUT_MS (default 5000), ' +
        'PARTNER_GRAPH_BILL_READ_TIMEOUT_MS (default 20000) and PARTNER_GRAPH_WRITE_TIMEOUT_MS (default 30000): unset it and set those you need',
    );
  }
  return {
    readTimeoutMs: r.integer('PARTNER_GRAPH_READ_TIMEOUT_MS', DEFAULT_DEADLINES.readMs, 100, 600_000),
    billReadTimeoutMs: r.integer('PARTNER_GRAPH_BILL_READ_TIMEOUT_MS', DEFAULT_DEADLINES.billReadMs, 100, 600_000),
    writeTimeoutMs: r.integer('PARTNER_GRAPH_WRITE_TIMEOUT_MS', DEFAULT_DEADLINES.writeMs, 100, 600_000),
  };
}

function readTrustedDocuments(r: Reader): Config['trustedDocuments'] {
  const manifestPath = r.string('PARTNER_GRAPH_TRUSTED_DOCUMENTS');
  const only = r.boolean('PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY', false);
  if (only && !manifestPath) {
    r.problems.push('PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY needs PARTNER_GRAPH_TRUSTED_DOCUMENTS, the persisted-documents.json to accept');
  }
  return { manifestPath, only };
}

export function loadConfig(env: Env = process.env): Config {
  const r = new Reader(env);
  const config: Config = {
    port: r.integer('PORT', 4000, 0, 65535),
    host: r.string('HOST') ?? '127.0.0.1',
    credentials: readCredentials(r),
    bssEndpoint: r.url('HUAWEICLOUD_BSS_ENDPOINT', 'https://bss.myhuaweicloud.com'),
    iamEndpoint: r.url('HUAWEICLOUD_IAM_ENDPOINT', 'https://iam.myhuaweicloud.com'),
    agencyName: r.string('PARTNER_GRAPH_AGENCY_NAME'),
    language: r.oneOf<Language>('PARTNER_GRAPH_LANGUAGE', 'zh_CN', ['zh_CN', 'en_US']),
    upstream: {
      ratePerSecond: r.integer('PARTNER_GRAPH_RATE_PER_SECOND', 10, 1, 1000),
      rateGuardMs: r.integer('PARTNER_GRAPH_RATE_GUARD_MS', DEFAULT_RATE_GUARD_MS, 0, 1000),
      connectTimeoutMs: r.integer('PARTNER_GRAPH_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
      ...readDeadlines(r),
      retryMaxAttempts: r.integer('PARTNER_GRAPH_RETRY_MAX_ATTEMPTS', 5, 1, 10),
    },
    graph: {
      maxFirst: r.integer('PARTNER_GRAPH_MAX_FIRST', 1000, 1, 100_000),
      referenceTtlMs: r.integer('PARTNER_GRAPH_REFERENCE_TTL_SECONDS', 6 * 3600, 1, 30 * 86_400) * 1000,
    },
    simulator: {
      seed: r.integer('SIMULATOR_SEED', 42, 0, 2 ** 31 - 1),
      customers: r.integer('SIMULATOR_CUSTOMERS', 300, 1, 200_000),
      latencyMs: r.integer('SIMULATOR_LATENCY_MS', 0, 0, 60_000),
    },
    auth: { apiKeysFile: r.string('API_KEYS_FILE') },
    http: {
      graphiql: r.boolean('PARTNER_GRAPH_GRAPHIQL', true),
      introspection: r.boolean('PARTNER_GRAPH_INTROSPECTION', true),
      corsOrigins: r.list('PARTNER_GRAPH_CORS_ORIGINS'),
    },
    httpServer: readHttpServer(r),
    // 25 s: inside Kubernetes' default 30 s grace period, with 5 s left to stop the sync and close the store.
    shutdown: { drainTimeoutMs: r.integer('PARTNER_GRAPH_DRAIN_TIMEOUT_MS', DEFAULT_DRAIN_TIMEOUT_MS, 0, 600_000) },
    limits: {
      maxCost: r.integer('PARTNER_GRAPH_MAX_COST', 2_500, 1, 10_000_000),
      maxDepth: r.integer('PARTNER_GRAPH_MAX_DEPTH', 12, 1, 100),
      maxAliases: r.integer('PARTNER_GRAPH_MAX_ALIASES', 30, 1, 1_000),
      maxTokens: r.integer('PARTNER_GRAPH_MAX_TOKENS', 5_000, 10, 1_000_000),
      maxBodyBytes: r.integer('PARTNER_GRAPH_MAX_BODY_BYTES', 1_048_576, 1_024, 100 * 1_048_576),
      executionTimeoutMs: r.integer('PARTNER_GRAPH_EXECUTION_TIMEOUT_MS', 300_000, 100, 3_600_000),
      assumedCustomersPerScope: r.integer('PARTNER_GRAPH_COST_ASSUMED_CUSTOMERS', 100, 1, 1_000_000),
    },
    log: { level: r.oneOf<LogLevel>('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) },
    billCache: {
      closedCycleTtlMs: r.integer('PARTNER_GRAPH_CLOSED_CYCLE_TTL_SECONDS', 24 * 3600, 1, 90 * 86_400) * 1000,
      openCycleTtlMs: r.integer('PARTNER_GRAPH_OPEN_CYCLE_TTL_SECONDS', 300, 0, 86_400) * 1000,
      maxRecords: r.integer('PARTNER_GRAPH_BILL_CACHE_MAX_RECORDS', 200_000, 0, 100_000_000),
    },
    partnerCache: {
      ttlMs: readPartnerCacheTtls(r),
      maxEntries: r.integer('PARTNER_GRAPH_CACHE_MAX_ENTRIES', DEFAULT_PARTNER_CACHE_MAX_ENTRIES, 0, 1_000_000),
      staleFactor: r.integer('PARTNER_GRAPH_CACHE_STALE_FACTOR', DEFAULT_PARTNER_CACHE_STALE_FACTOR, 0, 10),
      sharePersonalData: r.boolean('PARTNER_GRAPH_CACHE_SHARE_PERSONAL_DATA', false),
    },
    keyConcurrency: {
      maxConcurrent: r.integer('PARTNER_GRAPH_MAX_CONCURRENT_PER_KEY', 16, 1, 10_000),
      maxQueued: r.integer('PARTNER_GRAPH_MAX_QUEUED_PER_KEY', 64, 0, 100_000),
      retryAfterSeconds: r.integer('PARTNER_GRAPH_RETRY_AFTER_SECONDS', 1, 1, 3_600),
    },
    trustedDocuments: readTrustedDocuments(r),
    store: {
      databaseUrl: readDatabaseUrl(r),
      dataDir: r.string('PARTNER_GRAPH_DATA_DIR') ?? './.partner-graph',
      engineProcess: r.boolean('PARTNER_GRAPH_STORE_PROCESS', true),
    },
    sync: {
      enabled: r.boolean('PARTNER_GRAPH_SYNC', true),
      share: readShare(r),
      months: r.integer('PARTNER_GRAPH_SYNC_MONTHS', 18, 0, 18),
      refreshMs: r.integer('PARTNER_GRAPH_SYNC_REFRESH_MINUTES', 1440, 1, 7 * 1440) * 60_000,
      settleMs: r.integer('PARTNER_GRAPH_SYNC_SETTLE_DAYS', 3, 0, 31) * 86_400_000,
      concurrency: r.integer('PARTNER_GRAPH_SYNC_CONCURRENCY', 4, 1, 64),
    },
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

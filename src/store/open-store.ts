/**
 * Opens the state store from configuration: a PostgreSQL server when DATABASE_URL is set, otherwise the
 * embedded PGlite engine (in its worker thread) with its files under PARTNER_GRAPH_DATA_DIR. Either way
 * the same Kysely database, the same migrations (applied here, at start, then planner statistics refreshed)
 * and the same queries.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Kysely, sql } from 'kysely';
import type { StoreDatabase } from './database.js';
import type { Store } from './store.js';
import { migrateToLatest } from './migrate.js';
import { PgliteWorkerClient } from './pglite-worker-client.js';
import { createPostgresPool, postgresDialect } from './postgres-engine.js';
import { SingleConnectionDialect } from './single-connection-dialect.js';
import { StoreAttachments } from './store-attachments.js';
import { refreshStatistics } from './statistics.js';

/** What the store needs of the configuration (src/config.ts `store`). */
export interface StoreConfig {
  /** A PostgreSQL server (`postgres://…`); absent: the embedded engine. */
  readonly databaseUrl: string | undefined;
  /** The embedded engine's directory, or `memory://` for a store that lasts as long as the process. */
  readonly dataDir: string;
  /**
   * The embedded engine in a child process instead of a worker thread (PARTNER_GRAPH_STORE_PROCESS): its
   * WebAssembly heap (~400 MB, ~800 MB on the first open) then stays out of the gateway process's memory.
   */
  readonly engineProcess?: boolean;
}

export interface OpenStoreOptions {
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL: connections at most (default 10). */
  readonly maxConnections?: number;
  /** PostgreSQL: an idle connection's error (the pool replaces the connection). */
  readonly onIdleError?: (error: Error) => void;
}

/** The oldest PostgreSQL server the migrations run on (UNIQUE NULLS NOT DISTINCT is 15's). */
export const MIN_POSTGRES_VERSION = 150000;

export const MEMORY_DATA_DIR = 'memory://';

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgresql://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgresql (DATABASE_URL)';
  }
}

async function openEngine(config: StoreConfig, options: OpenStoreOptions): Promise<Omit<Store, 'migrationsApplied' | 'close'>> {
  if (config.databaseUrl) {
    const pool = createPostgresPool({ connectionString: config.databaseUrl, maxConnections: options.maxConnections, onIdleError: options.onIdleError });
    return {
      engine: 'postgresql', db: new Kysely<StoreDatabase>({ dialect: postgresDialect(pool) }), location: describeUrl(config.databaseUrl), serverUrl: config.databaseUrl,
    };
  }
  let dir = MEMORY_DATA_DIR;
  if (!config.dataDir.startsWith(MEMORY_DATA_DIR)) {
    await mkdir(resolve(config.dataDir), { recursive: true });
    dir = join(resolve(config.dataDir), 'pglite');
  }
  const client = await PgliteWorkerClient.start(dir, { process: config.engineProcess ?? false });
  return { engine: 'pglite', db: new Kysely<StoreDatabase>({ dialect: new SingleConnectionDialect(async () => client) }), location: dir };
}

export async function openStore(config: StoreConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const { engine, db, location, serverUrl } = await openEngine(config, options);
  try {
    const { rows } = await sql<{ version: number }>`select current_setting('server_version_num')::int as version`.execute(db);
    const version = rows[0]?.version ?? 0;
    if (engine === 'postgresql' && version < MIN_POSTGRES_VERSION) {
      throw new Error(`the store needs PostgreSQL 15 or later; ${location} runs ${Math.floor(version / 10000)}`);
    }
    const migrationsApplied = options.migrate === false ? [] : await migrateToLatest(db);
    if (options.migrate !== false) await refreshStatistics({ db });
    const attachments = new StoreAttachments();
    return {
      engine, db, location, migrationsApplied, serverUrl, attachments,
      // What holds connections of its own ends first, then the engine.
      close: async () => {
        await attachments.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

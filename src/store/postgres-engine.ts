/**
 * The PostgreSQL server engine (DATABASE_URL): node-postgres' pool under Kysely's own PostgreSQL dialect.
 * NUMERIC and BIGINT are read as both engines read them (type-parsers.mjs), per pool, so nothing else in the
 * process that uses node-postgres is affected.
 */
import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { STORE_TYPE_PARSERS } from './type-parsers.mjs';

export interface PostgresEngineOptions {
  readonly connectionString: string;
  /** Connections at most (default 10). */
  readonly maxConnections?: number;
  /** An idle connection's error (the server restarted, the network dropped): the pool replaces the connection. */
  readonly onIdleError?: (error: Error) => void;
}

const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  STORE_TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

export function createPostgresPool(options: PostgresEngineOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: { getTypeParser },
    application_name: 'partner-graph',
  });
  // Without a listener an idle client's error would be an uncaught 'error' event: the process would exit.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

export function postgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}

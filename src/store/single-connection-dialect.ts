/**
 * Kysely over one connection that runs a statement at a time (SqlExecutor): the embedded engine, PGlite, has
 * exactly one session. The PostgreSQL adapter, query compiler and introspector are Kysely's own, so the
 * store's queries and migrations compile to the same SQL as on a PostgreSQL server.
 *
 * One connection means one user at a time: a transaction holds it from BEGIN to COMMIT and other queries
 * wait (hence the sync writes in small transactions, one customer × cycle each).
 */
import {
  CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings,
} from 'kysely';
import type { SqlExecutor } from './sql-executor.js';

/** A FIFO lock: the connection's one holder at a time. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();
  private releaseHolder: (() => void) | null = null;

  async acquire(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.releaseHolder = release;
  }

  release(): void {
    const release = this.releaseHolder;
    this.releaseHolder = null;
    release?.();
  }
}

class ExecutorConnection implements DatabaseConnection {
  constructor(private readonly executor: SqlExecutor) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.executor.query(compiled.sql, compiled.parameters);
    return { rows: rows as R[], numAffectedRows: BigInt(affectedRows) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the embedded store does not stream query results; page with keyset queries instead');
  }
}

class SingleConnectionDriver implements Driver {
  private executor: SqlExecutor | null = null;
  private connection: ExecutorConnection | null = null;
  private readonly lock = new ConnectionLock();

  constructor(private readonly open: () => Promise<SqlExecutor>) {}

  async init(): Promise<void> {
    this.executor = await this.open();
    this.connection = new ExecutorConnection(this.executor);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    if (!this.connection) {
      this.lock.release();
      throw new Error('the store is closed');
    }
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = settings.isolationLevel || settings.accessMode ? 'start transaction' : 'begin';
    if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) text += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.lock.release();
  }

  async destroy(): Promise<void> {
    const executor = this.executor;
    this.executor = null;
    this.connection = null;
    await executor?.close();
  }
}

export class SingleConnectionDialect implements Dialect {
  /** `open` is called once, when Kysely first needs the connection. */
  constructor(private readonly open: () => Promise<SqlExecutor>) {}

  createAdapter(): PostgresAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new SingleConnectionDriver(this.open);
  }

  createQueryCompiler(): PostgresQueryCompiler {
    return new PostgresQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): PostgresIntrospector {
    return new PostgresIntrospector(db);
  }
}

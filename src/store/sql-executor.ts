/**
 * The smallest interface an engine connection offers the store's Kysely dialect over PGlite
 * (single-connection-dialect.ts): one statement with its parameters in, rows out. The PGlite worker client
 * implements it; the store bench also wraps an in-thread PGlite with it to compare.
 */
export interface SqlResult {
  readonly rows: Record<string, unknown>[];
  /** Rows an INSERT/UPDATE/DELETE touched (0 for other statements). */
  readonly affectedRows: number;
}

export interface SqlExecutor {
  /** One statement; with no parameters, several `;`-separated statements (the simple protocol) may run. */
  query(sql: string, params: readonly unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
}

/** A PostgreSQL error from either engine, with the fields node-postgres gives (code: the SQLSTATE). */
export class StoreDatabaseError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;

  constructor(fields: { message: string; code?: string; detail?: string; constraint?: string; table?: string }) {
    super(fields.message);
    this.name = 'StoreDatabaseError';
    this.code = fields.code;
    this.detail = fields.detail;
    this.constraint = fields.constraint;
    this.table = fields.table;
  }
}

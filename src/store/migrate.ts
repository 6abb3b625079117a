/**
 * Migrations: the numbered .sql files in migrations/ (`0001_state_store.sql`, …), applied in order by Kysely's
 * Migrator, each in the transaction the Migrator opens, so a failed file leaves nothing half done. On
 * PostgreSQL the Migrator holds a session advisory lock while it checks and applies: two gateway processes
 * starting at once on one database apply each file once (the second waits, then finds nothing to do).
 * Applied files are listed in `store_migrations`. Forward only: a change is a new file, never an edit.
 */
import { readdir, readFile } from 'node:fs/promises';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** Reads every `NNNN_name.sql` of a directory; the name without `.sql` is the migration's name. */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: URL = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.sql')).sort();
    const migrations: Record<string, Migration> = {};
    const numbers = new Set<string>();
    for (const file of files) {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`store migration "${file}" must be named NNNN_lower_case_words.sql`);
      if (numbers.has(match[1]!)) throw new Error(`two store migrations are numbered ${match[1]}`);
      numbers.add(match[1]!);
      const text = await readFile(new URL(file, this.dir), 'utf8');
      // No parameters: both engines run the file's statements through the simple protocol, one by one.
      migrations[file.slice(0, -'.sql'.length)] = { up: async (db) => void (await sql.raw(text).execute(db)) };
    }
    return migrations;
  }
}

export class StoreMigrationError extends Error {
  constructor(migration: string | undefined, cause: unknown) {
    super(`store migration ${migration ?? '(setup)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreMigrationError';
  }
}

/** Applies every pending migration; returns the names applied now (none when the store is current). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, provider: MigrationProvider = new SqlFileMigrationProvider()): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'store_migrations', migrationLockTableName: 'store_migrations_lock' });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw new StoreMigrationError(results.find((r) => r.status === 'Error')?.migrationName, error);
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The opened store as its users see it (open-store.ts opens one). A module of its own so every query file
 * can name it without importing the engines.
 */
import type { Kysely } from 'kysely';
import type { StoreDatabase } from './database.js';
import type { StoreAttachments } from './store-attachments.js';

export type StoreEngine = 'pglite' | 'postgresql';

export interface Store {
  readonly engine: StoreEngine;
  readonly db: Kysely<StoreDatabase>;
  /** For logs: the embedded engine's directory, or the server's host, port and database (never a password). */
  readonly location: string;
  /** The migrations this open applied (none when the store was current). */
  readonly migrationsApplied: readonly string[];
  /**
   * PostgreSQL: the server's URL (DATABASE_URL, password included), for connections opened outside this
   * store's pool — the export's writer threads (src/export/focus-writer-threads.ts). Never logged.
   */
  readonly serverUrl?: string;
  /** What the layers above keep per store and end with it (store-attachments.ts); absent on hand-built stores. */
  readonly attachments?: StoreAttachments;
  close(): Promise<void>;
}

/** What a read needs: the store, or a transaction of it (`{ db: trx }`) for reads that must agree. */
export type StoreReader = Pick<Store, 'db'>;

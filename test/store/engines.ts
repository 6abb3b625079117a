/**
 * Every store test runs against both engines: PGlite in memory always, PostgreSQL when TEST_DATABASE_URL
 * (or DATABASE_URL) names a server (.ci/with-postgres starts one in CI). Each describe block gets its own
 * fresh database on the server, dropped afterwards, so test files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, MEMORY_DATA_DIR, type Store } from '../../src/store/index.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

export type EngineName = 'pglite' | 'postgresql';

/** Opening PGlite runs initdb in WASM: seconds, more on a busy machine. */
export const OPEN_TIMEOUT_MS = 120_000;

let warned = false;

/** A new empty database on the test server, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `store_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated store on a fresh database of the engine; `close` also drops the server database. */
export async function openTestStore(engine: EngineName): Promise<Store> {
  if (engine === 'pglite') return openStore({ databaseUrl: undefined, dataDir: MEMORY_DATA_DIR });
  const database = await createTestDatabase();
  const store = await openStore({ databaseUrl: database.url, dataDir: MEMORY_DATA_DIR });
  return {
    ...store,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

export const ENGINES: readonly EngineName[] = ['pglite', 'postgresql'];

/**
 * `describe` once per engine; `body` gets the block's store (opened before its tests, closed after). Without a
 * server the PostgreSQL block is skipped, and says so.
 */
export function describeEachEngine(title: string, body: (store: () => Store, engine: EngineName) => void): void {
  for (const engine of ENGINES) {
    if (engine === 'postgresql' && !TEST_DATABASE_URL) {
      if (!warned) {
        warned = true;
        console.warn('store tests: PostgreSQL skipped — set TEST_DATABASE_URL (bash .ci/with-postgres npx vitest run test/store)');
      }
      describe.skip(`${title} [postgresql: skipped, no TEST_DATABASE_URL]`, () => body(() => undefined as never, engine));
      continue;
    }
    describe(`${title} [${engine}]`, () => {
      let store: Store | undefined;
      beforeAll(async () => {
        store = await openTestStore(engine);
      }, OPEN_TIMEOUT_MS);
      afterAll(async () => {
        await store?.close();
      }, OPEN_TIMEOUT_MS);
      body(() => store!, engine);
    });
  }
}

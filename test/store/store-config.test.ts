/** The store's configuration: DATABASE_URL chooses the server, PARTNER_GRAPH_DATA_DIR the embedded files. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('store configuration', () => {
  it('defaults to the embedded engine under ./.partner-graph', () => {
    expect(loadConfig({}).store).toEqual({ databaseUrl: undefined, dataDir: './.partner-graph', engineProcess: true });
    expect(loadConfig({ PARTNER_GRAPH_STORE_PROCESS: 'off' }).store.engineProcess).toBe(false);
  });

  it('takes a PostgreSQL URL and a data directory', () => {
    const env = { DATABASE_URL: 'postgres://gw:secret@db.internal:5432/partner_graph', PARTNER_GRAPH_DATA_DIR: '/var/lib/partner-graph' };
    expect(loadConfig(env).store).toEqual({ databaseUrl: env.DATABASE_URL, dataDir: '/var/lib/partner-graph', engineProcess: true });
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/pg' }).store.databaseUrl).toBe('postgresql://localhost/pg');
  });

  it('refuses another URL without repeating it (it may hold a password)', () => {
    for (const bad of ['mysql://gw:secret@db/x', 'not a url secret']) {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual(['DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database']);
      expect((error as Error).message).not.toContain('secret');
    }
  });
});

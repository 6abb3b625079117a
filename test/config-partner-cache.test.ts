/** The configuration of issue 14's cross-request cache and trusted documents: defaults, overrides, refusals. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { problemsOf } from './support/config-problems.js';

describe('partner cache and trusted documents configuration', () => {
  it('defaults: balances 10 s, resellers 5 min, the rest 60 s, 5000 entries; no trusted documents', () => {
    const config = loadConfig({});
    expect(config.partnerCache).toEqual({
      ttlMs: { customers: 60_000, balances: 10_000, resellers: 300_000, orders: 60_000, resources: 60_000, coupons: 60_000 },
      maxEntries: 5_000,
      staleFactor: 2,
      sharePersonalData: false,
    });
    expect(config.trustedDocuments).toEqual({ manifestPath: undefined, only: false });
  });

  it('takes a TTL per kind (0 turns a kind off) and the entry bound', () => {
    const config = loadConfig({ PARTNER_GRAPH_CACHE_TTL_BALANCES_SECONDS: '0', PARTNER_GRAPH_CACHE_TTL_ORDERS_SECONDS: '30', PARTNER_GRAPH_CACHE_MAX_ENTRIES: '100' });
    expect(config.partnerCache.ttlMs.balances).toBe(0);
    expect(config.partnerCache.ttlMs.orders).toBe(30_000);
    expect(config.partnerCache.maxEntries).toBe(100);
    expect(loadConfig({ PARTNER_GRAPH_CACHE_STALE_FACTOR: '0' }).partnerCache.staleFactor).toBe(0);
    expect(loadConfig({ PARTNER_GRAPH_CACHE_SHARE_PERSONAL_DATA: 'on' }).partnerCache.sharePersonalData).toBe(true);
    expect(problemsOf({ PARTNER_GRAPH_CACHE_TTL_COUPONS_SECONDS: '-1' })).toEqual(['PARTNER_GRAPH_CACHE_TTL_COUPONS_SECONDS must be a whole number from 0 to 86400 (got "-1")']);
  });

  it('needs a manifest to refuse everything else', () => {
    expect(problemsOf({ PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY: 'true' })).toEqual([
      'PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY needs PARTNER_GRAPH_TRUSTED_DOCUMENTS, the persisted-documents.json to accept',
    ]);
    expect(loadConfig({ PARTNER_GRAPH_TRUSTED_DOCUMENTS: '/srv/persisted-documents.json', PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY: 'on' }).trustedDocuments)
      .toEqual({ manifestPath: '/srv/persisted-documents.json', only: true });
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { problemsOf } from './support/config-problems.js';

const CREDS = {
  HUAWEICLOUD_SDK_AK: 'AKEXAMPLE0000000001',
  HUAWEICLOUD_SDK_SK: 'sk-example',
  HUAWEICLOUD_SDK_DOMAIN_ID: '0123456789abcdef0123456789abcdef',
};

describe('loadConfig', () => {
  it('defaults to the simulator on port 4000 with Huawei endpoints', () => {
    const config = loadConfig({});
    expect(config.credentials).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.bssEndpoint).toBe('https://bss.myhuaweicloud.com');
    expect(config.iamEndpoint).toBe('https://iam.myhuaweicloud.com');
    expect(config.upstream.ratePerSecond).toBe(10);
    expect(config.language).toBe('zh_CN');
    expect(config.graph).toEqual({ maxFirst: 1000, referenceTtlMs: 21_600_000 });
  });

  it('reads the graph limits', () => {
    const config = loadConfig({ PARTNER_GRAPH_MAX_FIRST: '250', PARTNER_GRAPH_REFERENCE_TTL_SECONDS: '60' });
    expect(config.graph).toEqual({ maxFirst: 250, referenceTtlMs: 60_000 });
    expect(problemsOf({ PARTNER_GRAPH_MAX_FIRST: '0' })).toEqual(['PARTNER_GRAPH_MAX_FIRST must be a whole number from 1 to 100000 (got "0")']);
  });

  it('reads the SDK credential variables', () => {
    const config = loadConfig({ ...CREDS, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'tok' });
    expect(config.credentials).toEqual({
      ak: CREDS.HUAWEICLOUD_SDK_AK,
      sk: CREDS.HUAWEICLOUD_SDK_SK,
      domainId: CREDS.HUAWEICLOUD_SDK_DOMAIN_ID,
      securityToken: 'tok',
    });
  });

  it('names each missing part of a half-set credential', () => {
    expect(problemsOf({ HUAWEICLOUD_SDK_AK: 'x' })).toEqual([
      'HUAWEICLOUD_SDK_SK is required when HUAWEICLOUD_SDK_AK is set',
      'HUAWEICLOUD_SDK_DOMAIN_ID (the partner account id) is required with HUAWEICLOUD_SDK_AK',
    ]);
    expect(problemsOf({ HUAWEICLOUD_SDK_SK: 'x', HUAWEICLOUD_SDK_DOMAIN_ID: CREDS.HUAWEICLOUD_SDK_DOMAIN_ID })).toEqual([
      'HUAWEICLOUD_SDK_AK is required when any HUAWEICLOUD_SDK_* credential is set',
    ]);
  });

  it('rejects bad values with the variable and the rule', () => {
    expect(
      problemsOf({
        ...CREDS,
        HUAWEICLOUD_SDK_DOMAIN_ID: 'nothex',
        PORT: '70000',
        HUAWEICLOUD_BSS_ENDPOINT: 'ftp://x',
        HUAWEICLOUD_IAM_ENDPOINT: 'https://iam.example.com/v3',
        PARTNER_GRAPH_LANGUAGE: 'fr',
        PARTNER_GRAPH_RATE_PER_SECOND: '1.5',
        PARTNER_GRAPH_RATE_GUARD_MS: '-5',
      }),
    ).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "70000")',
      'HUAWEICLOUD_SDK_DOMAIN_ID must be 32 hex characters (got "nothex")',
      'HUAWEICLOUD_BSS_ENDPOINT must be an http(s) URL such as https://bss.myhuaweicloud.com (got "ftp://x")',
      'HUAWEICLOUD_IAM_ENDPOINT must be a bare origin such as https://bss.myhuaweicloud.com (got "https://iam.example.com/v3")',
      'PARTNER_GRAPH_LANGUAGE must be one of zh_CN, en_US (got "fr")',
      'PARTNER_GRAPH_RATE_PER_SECOND must be a whole number from 1 to 1000 (got "1.5")',
      'PARTNER_GRAPH_RATE_GUARD_MS must be a whole number from 0 to 1000 (got "-5")',
    ]);
  });

  it('defaults the HTTP edge, limits, log and bill cache to safe production values', () => {
    const config = loadConfig({});
    expect(config.auth).toEqual({ apiKeysFile: undefined });
    expect(config.http).toEqual({ graphiql: true, introspection: true, corsOrigins: [] });
    expect(config.limits).toEqual({
      maxCost: 2_500, maxDepth: 12, maxAliases: 30, maxTokens: 5_000, maxBodyBytes: 1_048_576, executionTimeoutMs: 300_000, assumedCustomersPerScope: 100,
    });
    expect(config.log).toEqual({ level: 'info' });
    expect(config.billCache).toEqual({ closedCycleTtlMs: 86_400_000, openCycleTtlMs: 300_000, maxRecords: 200_000 });
  });

  it('reads switches, origin lists, limits and cache settings', () => {
    const config = loadConfig({
      API_KEYS_FILE: '/etc/partner-graph/keys.json',
      PARTNER_GRAPH_GRAPHIQL: 'off',
      PARTNER_GRAPH_INTROSPECTION: 'FALSE',
      PARTNER_GRAPH_CORS_ORIGINS: ' https://a.example.com, ,https://b.example.com ',
      PARTNER_GRAPH_MAX_COST: '10000',
      PARTNER_GRAPH_COST_ASSUMED_CUSTOMERS: '2000',
      PARTNER_GRAPH_EXECUTION_TIMEOUT_MS: '60000',
      LOG_LEVEL: 'DEBUG',
      PARTNER_GRAPH_CLOSED_CYCLE_TTL_SECONDS: '604800',
      PARTNER_GRAPH_OPEN_CYCLE_TTL_SECONDS: '0',
      PARTNER_GRAPH_BILL_CACHE_MAX_RECORDS: '0',
    });
    expect(config.auth.apiKeysFile).toBe('/etc/partner-graph/keys.json');
    expect(config.http).toEqual({ graphiql: false, introspection: false, corsOrigins: ['https://a.example.com', 'https://b.example.com'] });
    expect(config.limits.maxCost).toBe(10_000);
    expect(config.limits.assumedCustomersPerScope).toBe(2_000);
    expect(config.limits.executionTimeoutMs).toBe(60_000);
    expect(config.log.level).toBe('debug');
    expect(config.billCache).toEqual({ closedCycleTtlMs: 604_800_000, openCycleTtlMs: 0, maxRecords: 0 });
  });

  it('reads the consumption sync\'s settings, with defaults, and refuses a share outside (0, 1] or more than 18 months', () => {
    expect(loadConfig({}).sync).toEqual({ enabled: true, share: 0.5, months: 18, refreshMs: 86_400_000, settleMs: 3 * 86_400_000, concurrency: 4 });
    expect(loadConfig({
      PARTNER_GRAPH_SYNC: 'off', PARTNER_GRAPH_SYNC_SHARE: '0.25', PARTNER_GRAPH_SYNC_MONTHS: '6', PARTNER_GRAPH_SYNC_REFRESH_MINUTES: '60',
      PARTNER_GRAPH_SYNC_SETTLE_DAYS: '0', PARTNER_GRAPH_SYNC_CONCURRENCY: '2',
    }).sync).toEqual({ enabled: false, share: 0.25, months: 6, refreshMs: 3_600_000, settleMs: 0, concurrency: 2 });
    expect(loadConfig({ PARTNER_GRAPH_SYNC_SHARE: '1' }).sync.share).toBe(1);
    expect(problemsOf({ PARTNER_GRAPH_SYNC_SHARE: '0', PARTNER_GRAPH_SYNC_MONTHS: '19' })).toEqual([
      'PARTNER_GRAPH_SYNC_SHARE must be a fraction above 0 and at most 1, such as 0.5 (got "0")',
      'PARTNER_GRAPH_SYNC_MONTHS must be a whole number from 0 to 18 (got "19")',
    ]);
    expect(problemsOf({ PARTNER_GRAPH_SYNC_SHARE: '1.5' })).toHaveLength(1);
  });

  it('names the variable and the rule for bad switches and limits', () => {
    expect(problemsOf({ PARTNER_GRAPH_GRAPHIQL: 'maybe', PARTNER_GRAPH_MAX_DEPTH: '0', LOG_LEVEL: 'loud', PARTNER_GRAPH_MAX_BODY_BYTES: '10' })).toEqual([
      'PARTNER_GRAPH_GRAPHIQL must be true or false (got "maybe")',
      'PARTNER_GRAPH_MAX_DEPTH must be a whole number from 1 to 100 (got "0")',
      'PARTNER_GRAPH_MAX_BODY_BYTES must be a whole number from 1024 to 104857600 (got "10")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('reads the HTTP server limits against slow and too many clients', () => {
    expect(loadConfig({}).httpServer).toEqual({ headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
    const config = loadConfig({
      PARTNER_GRAPH_HEADERS_TIMEOUT_MS: '5000',
      PARTNER_GRAPH_REQUEST_TIMEOUT_MS: '30000',
      PARTNER_GRAPH_KEEP_ALIVE_TIMEOUT_MS: '65000',
      PARTNER_GRAPH_MAX_CONNECTIONS: '200',
    });
    expect(config.httpServer).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: 200 });
    expect(problemsOf({ PARTNER_GRAPH_HEADERS_TIMEOUT_MS: '10', PARTNER_GRAPH_MAX_CONNECTIONS: 'lots', PARTNER_GRAPH_KEEP_ALIVE_TIMEOUT_MS: '0' })).toEqual([
      'PARTNER_GRAPH_HEADERS_TIMEOUT_MS must be a whole number from 1000 to 600000 (got "10")',
      'PARTNER_GRAPH_KEEP_ALIVE_TIMEOUT_MS must be a whole number from 100 to 600000 (got "0")',
      'PARTNER_GRAPH_MAX_CONNECTIONS must be a whole number from 1 to 1000000 (got "lots")',
    ]);
    expect(problemsOf({ PARTNER_GRAPH_HEADERS_TIMEOUT_MS: '90000' })).toEqual([
      'PARTNER_GRAPH_HEADERS_TIMEOUT_MS (90000) must not be longer than PARTNER_GRAPH_REQUEST_TIMEOUT_MS (60000)',
    ]);
  });

  it('treats blank variables as unset and accepts language case-insensitively', () => {
    const config = loadConfig({ HUAWEICLOUD_SDK_AK: '  ', PARTNER_GRAPH_LANGUAGE: 'en_us', HUAWEICLOUD_BSS_ENDPOINT: 'http://127.0.0.1:9000/' });
    expect(config.credentials).toBeUndefined();
    expect(config.language).toBe('en_US');
    expect(config.bssEndpoint).toBe('http://127.0.0.1:9000');
  });
});

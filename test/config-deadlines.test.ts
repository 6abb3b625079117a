/** The upstream deadlines per kind of call (src/bss/deadlines.ts) and the drain deadline, as the environment sets them. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { problemsOf } from './support/config-problems.js';

const deadlines = (env: Record<string, string>) => {
  const { readTimeoutMs, billReadTimeoutMs, writeTimeoutMs } = loadConfig(env).upstream;
  return { readTimeoutMs, billReadTimeoutMs, writeTimeoutMs };
};

describe('upstream deadlines', () => {
  it('default to 5 s for a read, 20 s for a page of bill records, 30 s for a write', () => {
    expect(deadlines({})).toEqual({ readTimeoutMs: 5_000, billReadTimeoutMs: 20_000, writeTimeoutMs: 30_000 });
  });

  it('are set one by one', () => {
    expect(deadlines({ PARTNER_GRAPH_READ_TIMEOUT_MS: '3000' })).toEqual({ readTimeoutMs: 3_000, billReadTimeoutMs: 20_000, writeTimeoutMs: 30_000 });
    expect(deadlines({ PARTNER_GRAPH_BILL_READ_TIMEOUT_MS: '60000', PARTNER_GRAPH_WRITE_TIMEOUT_MS: '45000' })).toEqual({
      readTimeoutMs: 5_000, billReadTimeoutMs: 60_000, writeTimeoutMs: 45_000,
    });
  });

  it('a write may wait at most 10 minutes (an idempotency record in progress for 15 is taken for abandoned)', () => {
    expect(problemsOf({ PARTNER_GRAPH_WRITE_TIMEOUT_MS: '600001', PARTNER_GRAPH_READ_TIMEOUT_MS: '99' })).toEqual([
      'PARTNER_GRAPH_READ_TIMEOUT_MS must be a whole number from 100 to 600000 (got "99")',
      'PARTNER_GRAPH_WRITE_TIMEOUT_MS must be a whole number from 100 to 600000 (got "600001")',
    ]);
  });

  it('the former single deadline is refused by name, with what replaced it', () => {
    expect(problemsOf({ PARTNER_GRAPH_RESPONSE_TIMEOUT_MS: '3000' })).toEqual([
      'PARTNER_GRAPH_RESPONSE_TIMEOUT_MS is replaced by PARTNER_GRAPH_READ_TIMEOUT_MS (default 5000), ' +
        'PARTNER_GRAPH_BILL_READ_TIMEOUT_MS (default 20000) and PARTNER_GRAPH_WRITE_TIMEOUT_MS (default 30000): unset it and set those you need',
    ]);
  });
});

describe('the drain deadline on SIGTERM/SIGINT', () => {
  it('defaults to 25 s (inside Kubernetes\' 30 s grace period), 0 to 10 minutes', () => {
    expect(loadConfig({}).shutdown).toEqual({ drainTimeoutMs: 25_000 });
    expect(loadConfig({ PARTNER_GRAPH_DRAIN_TIMEOUT_MS: '0' }).shutdown).toEqual({ drainTimeoutMs: 0 });
    expect(problemsOf({ PARTNER_GRAPH_DRAIN_TIMEOUT_MS: '25s' })).toEqual(['PARTNER_GRAPH_DRAIN_TIMEOUT_MS must be a whole number from 0 to 600000 (got "25s")']);
  });
});

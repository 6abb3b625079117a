/**
 * graphql-http's GraphQL-over-HTTP server audit against the gateway, through `gateway.fetch` (no
 * socket), with the audit's own requests unchanged. The gateway's CSRF prevention refuses GET requests
 * without a preflighted header, so the audit's three MAY checks of plain GETs end as notices (no MUST or
 * SHOULD depends on them); a client sending `x-graphql-yoga-csrf` passes those too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startStack, type Stack } from '../support/stack.js';

async function audit(stack: Stack, extraHeaders: Record<string, string>): Promise<AuditResult[]> {
  const fetchFn = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    return Promise.resolve(stack.gateway.fetch(String(input), { ...init, headers }));
  };
  const results: AuditResult[] = [];
  for (const a of serverAudits({ url: 'http://gateway.test/graphql', fetchFn })) results.push(await a.fn());
  return results;
}

function summary(label: string, results: readonly AuditResult[]): void {
  const count = (status: string): number => results.filter((r) => r.status === status).length;
  console.log(`graphql-http audit (${label}): ${count('ok')} ok, ${count('notice')} notice, ${count('warn')} warn, ${count('error')} error of ${results.length}`);
  for (const r of results) if (r.status !== 'ok') console.log(`  ${r.status}: ${r.name}: ${'reason' in r ? r.reason : ''}`);
}

describe('GraphQL over HTTP (graphql-http server audit)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ customers: 10 });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('passes every MUST and SHOULD with the audit\'s own requests', async () => {
    const results = await audit(stack, {});
    summary('as is', results);
    expect(results.length).toBe(61);
    expect(results.filter((r) => r.status === 'error' || r.status === 'warn').map((r) => r.name)).toEqual([]);
    expect(results.filter((r) => !r.name.startsWith('MAY') && r.status !== 'ok')).toEqual([]);
    // Only the plain-GET MAYs are refused, by CSRF prevention (403).
    expect(results.filter((r) => r.status !== 'ok').map((r) => r.id).length).toBe(3);
  });

  it('passes every check when the client sends the CSRF header', async () => {
    const results = await audit(stack, { 'x-graphql-yoga-csrf': '1' });
    summary('with x-graphql-yoga-csrf', results);
    expect(results.filter((r) => r.status !== 'ok').map((r) => r.name)).toEqual([]);
  });
});

/**
 * Trusted documents (issue 14): operations by hash from the manifest GraphQL Code Generator's client preset writes
 * (examples/trusted-documents/generated/persisted-documents.json, from codegen.yml), the document's own
 * `__meta__.hash` sent as `extensions.persistedQuery.sha256Hash` as a front-end would. An unknown hash is
 * PERSISTED_QUERY_NOT_FOUND; with the switch on, query text is refused (PERSISTED_QUERY_ONLY); with it off, allowed.
 * Refusals make no upstream call.
 */
import { fileURLToPath } from 'node:url';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractPartnerDocument } from '../../examples/trusted-documents/generated/graphql.js';
import { loadTrustedDocuments, TrustedDocumentsError } from '../../src/limits/trusted-documents.js';
import { startStack, type Stack } from '../support/stack.js';

const MANIFEST = fileURLToPath(new URL('../../examples/trusted-documents/generated/persisted-documents.json', import.meta.url));
const documents = loadTrustedDocuments(MANIFEST);
const hash = (ContractPartnerDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
const UNKNOWN = `sha256:${'0'.repeat(64)}`;

const byHash = (sha256Hash: string, operationName?: string) =>
  JSON.stringify({ ...(operationName ? { operationName } : {}), extensions: { persistedQuery: { version: 1, sha256Hash } } });

let open: Stack;
let only: Stack;

beforeAll(async () => {
  [open, only] = await Promise.all([
    startStack({ customers: 20, trustedDocuments: { documents, only: false } }),
    startStack({ customers: 20, trustedDocuments: { documents, only: true } }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([open?.close(), only?.close()]);
});

async function post(stack: Stack, body: string): Promise<{ status: number; json: any }> {
  const response = await stack.gateway.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: await response.json() };
}

describe('trusted documents', () => {
  it('runs a document by the hash codegen gave it, the same as its text', async () => {
    for (const stack of [open, only]) {
      const { status, json } = await post(stack, byHash(hash));
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
      expect(json.data.partner.domainId).toBe(stack.simulator.credentials.domainId);
    }
    // An APQ-style client sends the bare hex: the same document.
    const bare = await post(only, byHash(hash.replace(/^sha256:/, '')));
    expect(bare.json.data.partner.domainId).toBe(only.simulator.credentials.domainId);
  });

  it('runs a document by hash over GET (a cacheable URL)', async () => {
    const url = `http://gateway.test/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`;
    const response = await only.gateway.fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } });
    const json = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(json.data.partner.domainId).toBe(only.simulator.credentials.domainId);
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND and no upstream call', async () => {
    for (const stack of [open, only]) {
      stack.bss.counter.reset();
      const { status, json } = await post(stack, byHash(UNKNOWN));
      expect(status).toBe(400);
      expect(json.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(stack.bss.counter.calls()).toBe(0);
    }
  });

  it('refuses query text when only trusted documents are allowed, and runs it when not', async () => {
    const text = JSON.stringify({ query: print(ContractPartnerDocument) });
    only.bss.counter.reset();
    const refused = await post(only, text);
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(refused.json.data).toBeUndefined();
    expect(only.bss.counter.calls()).toBe(0);

    const allowed = await post(open, text);
    expect(allowed.status).toBe(200);
    expect(allowed.json.data.partner.domainId).toBe(open.simulator.credentials.domainId);
  });

  it('answers a request with neither query nor hash with BAD_REQUEST', async () => {
    const { status, json } = await post(only, JSON.stringify({ variables: {} }));
    expect(status).toBe(400);
    expect(json.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_REQUEST']);
  });

  it('reads codegen\'s manifest by hash and refuses one that is not a manifest', () => {
    expect(documents.size).toBeGreaterThan(0);
    expect(documents.get(hash.replace(/^sha256:/, ''))).toMatch(/^query ContractPartner /);
    const dir = mkdtempSync(join(tmpdir(), 'pg-trusted-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'not-a-hash': 'query { partner { id } }' }));
    expect(() => loadTrustedDocuments(bad)).toThrow(TrustedDocumentsError);
    writeFileSync(bad, '[1, 2]');
    expect(() => loadTrustedDocuments(bad)).toThrow(/must be a JSON object of hash → document/);
  });
});

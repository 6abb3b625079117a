/**
 * Trusted documents: operations a front-end ships as hashes instead of query text. GraphQL Code Generator's
 * client preset (`presetConfig.persistedDocuments: true`) writes `persisted-documents.json`, an object of
 * SHA-256 hash → document; the gateway loads it and runs a request's
 * `extensions.persistedQuery: { version: 1, sha256Hash }` through yoga's persisted-operations plugin.
 *
 * With `only` (PARTNER_GRAPH_TRUSTED_DOCUMENTS_ONLY, for production) every request must name a hash of the
 * manifest: query text is refused (PERSISTED_QUERY_ONLY), so the only operations that can reach the upstream
 * quota are the ones the front-end teams reviewed and shipped. Without it, hashes and text are both accepted.
 * docs/trusted-documents.md shows the codegen configuration and a fetch by hash.
 */
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';
export const PERSISTED_QUERY_ONLY = 'PERSISTED_QUERY_ONLY';

export interface TrustedDocumentsOptions {
  /** Bare SHA-256 hex → document text (loadTrustedDocuments reads codegen's persisted-documents.json into this). */
  readonly documents: ReadonlyMap<string, string>;
  /** Refuse anything that is not a hash of `documents`. */
  readonly only: boolean;
}

export class TrustedDocumentsError extends Error {
  override readonly name = 'TrustedDocumentsError';
}

/** A manifest key: SHA-256 hex, with the `sha256:` prefix codegen's client preset writes (and sends), or bare as APQ clients send it. */
const MANIFEST_KEY = /^(?:sha256:)?([0-9a-f]{64})$/;

/** The bare hex of a hash as a client sent it, or null when it is no SHA-256 hash. */
export function bareHash(hash: string): string | null {
  return MANIFEST_KEY.exec(hash)?.[1] ?? null;
}

/** Reads a persisted-documents.json: an object of SHA-256 hash (`sha256:<hex>` or `<hex>`) → document text; keyed by bare hex. */
export function loadTrustedDocuments(path: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TrustedDocumentsError(`PARTNER_GRAPH_TRUSTED_DOCUMENTS: cannot read ${path} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TrustedDocumentsError(`PARTNER_GRAPH_TRUSTED_DOCUMENTS: ${path} must be a JSON object of hash → document, as codegen's persisted-documents.json`);
  }
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    const hex = bareHash(hash);
    if (hex === null || typeof document !== 'string') {
      throw new TrustedDocumentsError(`PARTNER_GRAPH_TRUSTED_DOCUMENTS: ${path} has an entry that is not a SHA-256 hex hash → document text ("${hash.slice(0, 80)}")`);
    }
    documents.set(hex, document);
  }
  return documents;
}

export function useTrustedDocuments(options: TrustedDocumentsOptions): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => options.documents.get(bareHash(hash) ?? '') ?? null,
    allowArbitraryOperations: !options.only,
    customErrors: {
      notFound: {
        message: 'No trusted document has this hash (extensions.persistedQuery.sha256Hash); deploy the front-end\'s persisted-documents.json with the gateway.',
        extensions: { code: PERSISTED_QUERY_NOT_FOUND, http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'This gateway runs trusted documents only: send extensions.persistedQuery { version: 1, sha256Hash } of a document in its manifest, not query text.',
        extensions: { code: PERSISTED_QUERY_ONLY, http: { status: 400 } },
      },
      // No query and no hash: the same answer as without the plugin.
      keyNotFound: {
        message: 'Must provide query string or a trusted document hash (extensions.persistedQuery.sha256Hash).',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
    },
  }) as Plugin;
}

/**
 * GraphiQL that works with no internet: yoga's own GraphiQL build (@graphql-yoga/graphiql), served from
 * node_modules under /graphiql/ instead of the CDN yoga's default page loads it from, with the contract
 * operations (examples/contract.graphql, examples/store.graphql) open as tabs so an analyst starts from working queries.
 */
import { readFile, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { notFound } from './http-edge.js';

const readFileAsync = promisify(readFile);
export const ASSET_PREFIX = '/graphiql/';

const ASSET_DIR = join(dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist');
const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves the GraphiQL bundle; anything outside its dist folder or of another type is not found. */
export function useGraphiQLAssets(): Plugin {
  return {
    // Not async: every request passes here, and a promise from a hook makes yoga's whole hook chain wait a turn.
    onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return undefined;
      return serveAsset(url, endResponse, fetchAPI);
    },
  };
}

async function serveAsset(url: URL, endResponse: (response: Response) => void, fetchAPI: { Response: typeof Response }): Promise<void> {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(url.pathname.slice(ASSET_PREFIX.length)));
  } catch {
    endResponse(notFound()); // a malformed %-escape (URIError) names no file
    return;
  }
  const type = CONTENT_TYPES[relative.slice(relative.lastIndexOf('.'))];
  const file = join(ASSET_DIR, relative);
  if (!type || !file.startsWith(ASSET_DIR + sep)) {
    endResponse(notFound());
    return;
  }
  try {
    const body = await readFileAsync(file);
    endResponse(new fetchAPI.Response(body, { status: 200, headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } }));
  } catch {
    endResponse(notFound());
  }
}

const escapeScript = (json: string): string => json.replace(/</g, '\\u003c');

/** What the page hands to yoga's GraphiQL wrapper: yoga's options plus the wrapper's own editor seed. */
export type GraphiQLPageProps = GraphiQLOptions & { query?: string; variables?: string };

/**
 * The options with the first tab's query and variables as the wrapper's editor seed. The wrapper in
 * @graphql-yoga/graphiql (4.5.0) seeds the editor with `?query=`, else its `query` prop, else its welcome
 * comment, and GraphiQL lets that seed replace the first default tab's query: without `query` a fresh
 * browser shows the welcome text under our first tab's title (graphql-yoga#3979). Variables go as a string
 * even when empty: null would make GraphiQL restore whatever the variables editor last held in storage.
 */
function graphiQLPageProps(options: GraphiQLOptions): GraphiQLPageProps {
  const first = options.defaultTabs?.[0];
  const query = first?.query ?? options.defaultQuery;
  if (!query) return options;
  return { ...options, query, variables: (first?.query ? first.variables : null) ?? '' };
}

/** The page yoga renders for GraphiQL, pointing at the local assets. */
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  const props = graphiQLPageProps(options);
  const title = (options.title ?? 'GraphiQL').replace(/[<>&"]/g, '');
  const a = ASSET_PREFIX;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="${a}graphiql.css"></head>
<body id="body" class="no-focus-outline"><noscript>You need to enable JavaScript to run GraphiQL.</noscript>
<div id="root">Loading ${title}…</div>
<script>
const workerUrls = {
  editorWorkerService: "${a}monacoeditorwork/editor.worker.bundle.js",
  json: "${a}monacoeditorwork/json.worker.bundle.js",
  graphql: "${a}monacoeditorwork/graphql.worker..bundle.js"
};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workerUrls[label] };
</script>
<script src="${a}yoga-graphiql.umd.js"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(root, ${escapeScript(JSON.stringify(props))});</script>
</body></html>`;
}

/**
 * The contract files GraphiQL opens as tabs, in order: the schema contract and the consumption store's
 * (`Query.consumptionSync`), each a copy of its file under ../shared/contract/, then examples of the reads
 * issue 15 gave fields (reads.graphql: ours, not a shared contract), then the writes' contract (writes.graphql,
 * a copy of ../shared/contract/writes.graphql: its mutations need their variables filled in before they run).
 */
export const CONTRACT_FILES = ['contract.graphql', 'store.graphql', 'reads.graphql', 'writes.graphql'] as const;

/** One tab per operation of the contract files (examples/), with example variables where we have them. */
export function contractTabs(variables: Record<string, unknown> = {}): NonNullable<GraphiQLOptions['defaultTabs']> {
  return CONTRACT_FILES.flatMap((file) => parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')).definitions).filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((op) => {
      const used = Object.fromEntries(
        (op.variableDefinitions ?? []).flatMap((v) => (v.variable.name.value in variables ? [[v.variable.name.value, variables[v.variable.name.value]]] : [])),
      );
      return { query: print(op), variables: Object.keys(used).length > 0 ? JSON.stringify(used, null, 2) : null };
    });
}

/**
 * Variables that make every contract tab answer as soon as GraphiQL opens: an example customer (on the
 * embedded simulator, one with an agency so its own data is readable: src/simulator/example-data.ts), a
 * billing cycle, and that customer's global id for the node refetch.
 */
export function contractExampleVariables(example: { readonly customerId: string | undefined; readonly cycle: string }): Record<string, unknown> {
  const id = example.customerId ? encodeGlobalID('Customer', example.customerId) : undefined;
  return { first: 20, customerId: example.customerId, cycle: example.cycle, id };
}

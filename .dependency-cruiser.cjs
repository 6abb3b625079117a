/**
 * The layers of DESIGN.md, enforced: each imports only those below it, and nothing under src/ is part of an
 * import cycle. Run by `npm test` (test/architecture.test.ts) and by `npm run deps`. Type-only imports count:
 * a type is a dependency on the layer that defines it.
 *
 * Lowest first: bss (the Huawei client) → caches → sources (upstream access per endpoint group) → loaders
 * (request-scoped batching) → context → resolvers → schema → the gateway (plugins, export, main). The
 * simulator is a separate application over bss; only main.ts starts it. The store never calls the upstream;
 * the sync (src/sync/) sits beside the loaders: it reads through sources and writes the store.
 */
const below = (layer, allowed) => ({
  name: `${layer}-imports-only-below`,
  comment: `${layer}/ may import only ${allowed.join(', ')} (and itself): nothing imports upward (DESIGN.md).`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: [`^src/${layer}/`, ...allowed.map((a) => `^src/${a}`)] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle means two modules each depend on the other: no layer owns the code between them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    below('bss', []),
    // Caches hold values, not clients; the one thing they take from bss is how to mark a load other requests join
    // (runShared), so its upstream calls are not bound to the request that started it.
    below('caches', ['bss/shared-load\\.ts$', 'language\\.ts$']),
    below('sources', ['bss/', 'caches/', 'language\\.ts$']),
    below('store', ['language\\.ts$', 'sources/']),
    {
      name: 'store-never-calls-upstream',
      comment: 'The store keeps what the sources read (their record types) but never reads the upstream itself: types only.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/sources/', dependencyTypesNot: ['type-only'] },
    },
    below('loaders', ['bss/', 'caches/', 'sources/', 'language\\.ts$']),
    // The background consumption sync: upstream (through sources) into the store; nothing above it.
    below('sync', ['bss/', 'caches/', 'sources/', 'store/', 'language\\.ts$']),
    below('simulator', ['bss/']),
    {
      name: 'resolvers-not-upward',
      comment: 'Resolvers shape GraphQL from loaders and sources; the schema, plugins and HTTP edge are above them.',
      severity: 'error',
      from: { path: '^src/resolvers/' },
      to: { path: '^src/(schema|export|limits|simulator)/|^src/(gateway|main|graphiql|http-server|http-edge|http-drain|graceful-shutdown)\\.ts$' },
    },
    {
      name: 'schema-not-upward',
      comment: 'The schema is below the gateway: it never imports the HTTP edge, the export or the simulator.',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: '^src/(export|simulator)/|^src/(gateway|main|http-server|http-edge|http-drain|graceful-shutdown)\\.ts$' },
    },
    {
      name: 'only-main-starts-the-simulator',
      comment: 'The gateway talks to the simulator over HTTP like any client; only main.ts starts it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/simulator/', '^src/main\\.ts$'] },
      to: { path: '^src/simulator/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs) without an exports map. Node (and so the
    // externalised Pothos/yoga) loads index.js, while Vite would pick index.mjs for our sources: two
    // instances of graphql, and "Cannot use GraphQLSchema from another module or realm". Pin one.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The simulator and the gateway listen on loopback ports; files run in forked workers.
    pool: 'forks',
    // Timeouts catch hangs, not slowness: a stack's start and warm-up take seconds on an idle machine and
    // can take ten times that on a busy one (the suite must pass with two CPU-bound processes beside it).
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

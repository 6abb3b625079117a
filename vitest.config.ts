import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The simulator and the gateway listen on loopback ports; keep files isolated but not too many at once
    // on the 2-core CI machine.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

import { defineConfig } from 'vitest/config';

// Live tests hit real provider APIs with real keys; they are opt-in (`npm run test:live` sets
// CLIPBENCH_LIVE=1 and runs only them), never part of the default suite.
const live = process.env['CLIPBENCH_LIVE'] === '1';

export const config = defineConfig({
  test: {
    include: live ? ['test/live/**/*.live.test.ts'] : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: live ? ['node_modules/**'] : ['test/live/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

// vitest loads the config through its default export; this file is config, not library code.
// biome-ignore lint/style/noDefaultExport: vitest requires a default export in its config file
export default config;

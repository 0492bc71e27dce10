import { defineConfig } from 'vitest/config';

// Live tests hit real provider APIs with real keys; they are opt-in (`npm run test:live`), never default.
export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/live/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

// vitest loads the config through its default export; this file is config, not library code.
// biome-ignore lint/style/noDefaultExport: vitest requires a default export in its config file
export default config;

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Tests that saturate the machine on purpose: they run alone, after the rest, so no timing-sensitive test shares the cores with them. */
const saturationTests = ['test/admission.test.ts'];

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for everyone (Apollo's packages require it); without this
    // alias Vite would pick its ESM build for our imports, and two copies cannot share a schema.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // Whole-system tests start real processes; two cores, so at most two files at once.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'suite', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'], exclude: saturationTests, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'saturation', include: saturationTests, sequence: { groupOrder: 1 } } },
    ],
  },
});

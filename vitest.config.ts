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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      // Unit tests (and the few that start a fleet or a broker connection of their own): two files at once.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'bench/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      // Whole-system tests start a gateway and a fleet of a dozen processes each: on two cores, two
      // at once only starve each other (every start twice as slow, timing-bound tests flaky), so one at a time.
      { extends: true, test: { name: 'system', include: ['test/**/*.test.ts'], exclude: saturationTests, maxWorkers: 1, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'saturation', include: saturationTests, maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});

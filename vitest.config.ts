import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim-core/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx'],
    testTimeout: 120_000,
    pool: 'threads',
  },
});

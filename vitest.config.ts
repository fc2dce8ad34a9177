import { defineConfig } from 'vitest/config';

// Test what users run: resolve packages with the "production" condition, not
// "development". micromark and friends publish development builds full of
// internal assertions, and one of them fails on input such as "-\n[x] |" that
// the production build parses fine.
process.env.NODE_ENV = 'production';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Transpiled components are cached here rather than in the user's ~/.cache.
    env: { PROXY_COMPONENT_CACHE: fileURLToPath(new URL('./.cache/test', import.meta.url)) },
  },
});

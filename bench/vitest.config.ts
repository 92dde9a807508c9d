// Unit tests of the bench's own helpers (not benchmarks, and not part of `pnpm test`):
// `pnpm exec vitest run --config bench/vitest.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { root: import.meta.dirname, globals: true, include: ['lib/**/*.test.ts'], environment: 'node' },
});

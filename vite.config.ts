/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { studioCspPlugin } from './apps/web/csp-plugin.ts';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'apps/web',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  plugins: [react(), tailwindcss(), studioCspPlugin()],
  worker: { format: 'es' },
  // openai is imported only from the engine worker: pre-bundle it so the dev server does not
  // re-optimise and reload the page the first time a worker starts (TOOLCHAIN.md). openai and
  // papaparse are the engine's dependencies, not the studio's: named through the engine
  // (`engine > dep`) they resolve, where a bare name printed "Failed to resolve dependency" on
  // every `pnpm dev` (apps/web/vite-dev.test.ts).
  optimizeDeps: { include: ['@backflow/engine > openai', 'zod', '@backflow/engine > papaparse', 'diff'] },
  build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true, sourcemap: true },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  test: {
    root: rootDir,
    globals: true,
    include: ['apps/**/*.test.{ts,tsx}', 'packages/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    // Vitest's default in a run is one worker less than the cores: one worker on these 2-core
    // machines, where half the suite waits on child processes and sockets (CLI runs, serve-sim).
    // Three workers keep both cores busy: the unit step went from 261 s to 180 s. Larger machines
    // keep Vitest's own default.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Generous: a recipe run end to end took 28 s with the machine loaded three times over;
    // a test must not fail on machine speed, and a passing test never waits for this.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});

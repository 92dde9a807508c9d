import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4319);
// Where the built studio is served from and where reports go: separate values let two checkouts
// or two people on one machine run the suite side by side (`pnpm build --outDir /tmp/a` then `E2E_DIST=/tmp/a`).
const DIST = resolve(process.env.E2E_DIST ?? 'dist');
const REPORT = process.env.E2E_REPORT ?? '.reports/playwright.json';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Playwright wipes outputDir at start: keep it apart from anything else (TOOLCHAIN.md).
  outputDir: process.env.E2E_OUTPUT ?? 'e2e/.output/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: REPORT }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A failed test keeps its trace (actions, console, network) and a screenshot. DOM snapshots
    // and a screencast in every test's trace cost a third of the suite's time on 2 cores
    // (132 s against 79 s on three specs), so the trace leaves them out.
    screenshot: 'only-on-failure',
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false, sources: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `pnpm exec vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

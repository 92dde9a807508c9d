/**
 * Benchmark 5, the studio in Chromium (Playwright, run by the bench, not by the test suite): time
 * to open the 500-node / 700-edge fixture, p50/p95 frame time while panning and zooming it, the
 * stored-run view (if mounted), and the gzip size of the initial JS of the built studio.
 * BENCH_STUDIO_DIST=<dir> reuses a build; otherwise the studio is built into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { initialScripts } from './lib/initial-js';
import type { BenchResult, FigureRow } from './lib/result';
import { serveStatic } from './lib/static-server';
import { envInt, median, quantile, round } from './lib/stats';
import { panAndZoom, startFrameRecorder, stopFrameRecorder, timeOpenWorkflow } from './lib/studio-page';

const ROOT = join(import.meta.dirname, '..');

function buildStudio(): { dir: string; temporary: boolean } {
  const given = process.env.BENCH_STUDIO_DIST;
  if (given) return { dir: given, temporary: false };
  const dir = mkdtempSync(join(tmpdir(), 'backflow-bench-studio-'));
  const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--outDir', dir, '--emptyOutDir'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr || build.stdout}`);
  return { dir, temporary: true };
}

/** Checks a run-views mount exists in the built app's entry graph (it is lazy, so look for its chunk). */
function runViewsMounted(): boolean {
  const app = join(ROOT, 'apps/web/src/shell/App.tsx');
  return existsSync(app) && /run-views|RunView/.test(readFileSync(app, 'utf8'));
}

/** Runs benchmark 5 (repeats: BENCH_REPEATS_STUDIO, default 3; pan/zoom: BENCH_PAN_MS, default 5000). */
export async function run(): Promise<BenchResult> {
  const repeats = envInt('BENCH_REPEATS_STUDIO', 3);
  const panMs = envInt('BENCH_PAN_MS', 5000);
  const large = JSON.parse(readFileSync(join(ROOT, 'e2e/fixtures/large-500.json'), 'utf8'));
  const nodeCount = large.nodes.length as number;
  const build = buildStudio();
  const server = await serveStatic(build.dir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const opens: number[] = [];
  const frames: number[] = [];
  let gestures = 0;
  try {
    for (let r = 0; r < repeats; r++) {
      // A fresh context per repeat: empty IndexedDB, cold caches, like a first visit.
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      // tsx compiles with keepNames, which wraps functions in __name(): give the page one.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await context.newPage();
      await page.goto(`${server.origin}/?e2e`);
      await page.waitForFunction(() => 'ready' in ((window as { __backflow?: object }).__backflow ?? {}));
      opens.push(await timeOpenWorkflow(page, large, nodeCount));
      await startFrameRecorder(page);
      gestures += await panAndZoom(page, panMs);
      frames.push(...(await stopFrameRecorder(page)));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const scripts = initialScripts(build.dir);
  if (build.temporary) rmSync(build.dir, { recursive: true, force: true });
  const gzipKb = scripts.reduce((s, x) => s + x.gzipBytes, 0) / 1024;
  const rows: FigureRow[] = [
    {
      figure: `open ${nodeCount}-node workflow (ms, median)`,
      value: round(median(opens), 0),
      target: '< 1500',
      ratio: round(median(opens) / 1500, 2),
    },
    {
      figure: 'frame time while panning/zooming, p50 (ms)',
      value: round(quantile(frames, 0.5), 1),
      target: '-',
      ratio: null,
    },
    {
      figure: 'frame time while panning/zooming, p95 (ms)',
      value: round(quantile(frames, 0.95), 1),
      target: '< 20',
      ratio: round(quantile(frames, 0.95) / 20, 2),
    },
    {
      figure: 'initial JS, gzip (KB)',
      value: round(gzipKb, 1),
      target: '< 400',
      ratio: round(gzipKb / 400, 2),
    },
  ];
  const notes = [
    `${frames.length} frames over ${repeats} x ${panMs} ms of pan/zoom (${gestures} drag+wheel gestures); headless Chromium, --disable-gpu (software compositing)`,
    `initial JS = ${scripts.map((s) => s.file).join(', ')}`,
  ];
  if (runViewsMounted()) {
    notes.push(
      'stored-run (10,000 calls) open time: run views are mounted but this benchmark does not drive them yet.',
    );
  } else {
    notes.push(
      'stored-run (10,000 calls) open time: NOT MEASURED. The run views (apps/web/src/run-views) are not mounted in the built studio at the time of this run: there is no screen that opens a stored run to time.',
    );
  }
  return {
    title: `5. Studio (Chromium, median/quantiles over ${repeats} fresh contexts)`,
    rows,
    notes,
    detail: { openMs: opens.map((x) => round(x, 0)), scripts },
  };
}

/**
 * Benchmark 5, the studio in Chromium (Playwright, run by the bench, not by the test suite): time
 * to open the 500-node / 700-edge fixture, p50/p95 frame time while panning and zooming it, the
 * stored run of 10,000 calls (run history and call log), frame time during a 200-example worker
 * run, and the gzip size of the initial JS of the built studio.
 * BENCH_STUDIO_DIST=<dir> reuses a build; otherwise the studio is built into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { TraceBreakdown } from './lib/frame-trace';
import { initialScripts } from './lib/initial-js';
import type { BenchResult, FigureRow } from './lib/result';
import { serveStatic } from './lib/static-server';
import { envInt, median, quantile, round } from './lib/stats';
import { buildStoredRun, seedStoredRun, timeOpenRunHistory, timeResumeToCallLog } from './lib/stored-run';
import {
  panAndZoom,
  startFrameRecorder,
  stopFrameRecorder,
  timeOpenWorkflow,
  tracedPanAndZoom,
} from './lib/studio-page';
import { datasetRows, framesDuringWorkerRun } from './lib/worker-frames';

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

function roundAll(b: TraceBreakdown): Record<string, number> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, round(v, 2)]));
}

function mainThread(b: TraceBreakdown): number {
  return b.script + b.styleLayout + b.paint + b.gc + b.otherMain;
}

/** Rows for the traced pan/zoom run: renderer main thread and the raster/compositor side. */
function tracedRows(traced: { perFrame: TraceBreakdown } | null): FigureRow[] {
  if (!traced) return [];
  const b = traced.perFrame;
  return [
    {
      figure: 'traced pan/zoom frame: renderer main thread, CPU (ms per frame)',
      value: round(mainThread(b), 1),
      target: '-',
      ratio: null,
    },
    {
      figure: 'traced pan/zoom frame: raster + compositor + display compositor, CPU (ms per frame)',
      value: round(b.raster + b.compositor + b.viz, 1),
      target: '-',
      ratio: null,
    },
  ];
}

function tracedNote(traced: { frames: number[]; perFrame: TraceBreakdown }): string {
  const b = traced.perFrame;
  const f = (x: number) => round(x, 1);
  return `traced pan/zoom run (one more fresh context, Chromium tracing on, ${traced.frames.length} frames, p95 ${f(quantile(traced.frames, 0.95))} ms while traced): per frame, renderer main thread ${f(mainThread(b))} ms = script ${f(b.script)} + style/layout ${f(b.styleLayout)} + paint/layerize/commit ${f(b.paint)} + GC ${f(b.gc)} + other ${f(b.otherMain)}; raster ${f(b.raster)}, compositor ${f(b.compositor)}, display compositor (viz, software draw) ${f(b.viz)} ms; thread time where the trace has it`;
}

const STORED_CALLS = 10_000;
const WORKER_EXAMPLES = 200;

/** Runs benchmark 5 (repeats: BENCH_REPEATS_STUDIO, default 3; pan/zoom: BENCH_PAN_MS, default 5000). */
export async function run(): Promise<BenchResult> {
  const repeats = envInt('BENCH_REPEATS_STUDIO', 3);
  const panMs = envInt('BENCH_PAN_MS', 5000);
  const large = JSON.parse(readFileSync(join(ROOT, 'e2e/fixtures/large-500.json'), 'utf8'));
  const nodeCount = large.nodes.length as number;
  const storedRun = await buildStoredRun(STORED_CALLS);
  const build = buildStudio();
  const server = await serveStatic(build.dir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const opens: number[] = [];
  const frames: number[] = [];
  const historyOpens: number[] = [];
  const callLogOpens: number[] = [];
  const workerFrames: number[] = [];
  let workerError = '';
  let gestures = 0;
  let traced: { frames: number[]; perFrame: TraceBreakdown } | null = null;
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
      // The stored run: seed IndexedDB, reload so the studio starts from it, open its history.
      await page.evaluate(
        (doc) =>
          (
            window as unknown as { __backflow: { loadWorkflow(d: unknown): Promise<void> } }
          ).__backflow.loadWorkflow(doc),
        storedRun.workflow,
      );
      await seedStoredRun(page, storedRun);
      await page.reload();
      await page.waitForFunction(() => 'ready' in ((window as { __backflow?: object }).__backflow ?? {}));
      await page.evaluate(
        () => (window as unknown as { __backflow: { ready: Promise<void> } }).__backflow.ready,
      );
      historyOpens.push(await timeOpenRunHistory(page, STORED_CALLS));
      callLogOpens.push(await timeResumeToCallLog(page, STORED_CALLS));
      await context.close();
    }
    // Where the pan/zoom frame time goes: the same gestures once more in a fresh context, traced
    // (tracing slows the page, so these frames are not part of the figures above).
    {
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await context.newPage();
      await page.goto(`${server.origin}/?e2e`);
      await page.waitForFunction(() => 'ready' in ((window as { __backflow?: object }).__backflow ?? {}));
      await timeOpenWorkflow(page, large, nodeCount);
      traced = await tracedPanAndZoom(browser, page, panMs);
      await context.close();
    }
    // One worker run (a fresh context): a 200-example minibatch on the diamond fixture.
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await context.newPage();
    await page.goto(`${server.origin}/?e2e`);
    await page.waitForFunction(() => 'ready' in ((window as { __backflow?: object }).__backflow ?? {}));
    await page.evaluate(
      (doc) =>
        (
          window as unknown as { __backflow: { loadWorkflow(d: unknown): Promise<void> } }
        ).__backflow.loadWorkflow(doc),
      storedRun.workflow,
    );
    try {
      workerFrames.push(
        ...(await framesDuringWorkerRun(
          page,
          datasetRows(storedRun.trainJsonl, WORKER_EXAMPLES),
          WORKER_EXAMPLES,
        )),
      );
    } catch (err) {
      workerError = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    }
    await context.close();
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
    ...tracedRows(traced),
    {
      figure: `open the run history of a stored run of ${STORED_CALLS.toLocaleString('en')} LLM calls (ms, median)`,
      value: round(median(historyOpens), 0),
      target: '< 1000',
      ratio: round(median(historyOpens) / 1000, 2),
    },
    {
      figure: `open a stored run of ${STORED_CALLS.toLocaleString('en')} LLM calls until the call log shows its rows (ms, median)`,
      value: round(median(callLogOpens), 0),
      target: '< 1000',
      ratio: round(median(callLogOpens) / 1000, 2),
    },
    {
      figure: `frame time during a ${WORKER_EXAMPLES}-example run in the worker, p50 (ms)`,
      value: workerFrames.length > 0 ? round(quantile(workerFrames, 0.5), 1) : null,
      target: '< 17',
      ratio: workerFrames.length > 0 ? round(quantile(workerFrames, 0.5) / 17, 2) : null,
    },
    {
      figure: `frame time during a ${WORKER_EXAMPLES}-example run in the worker, p95 (ms)`,
      value: workerFrames.length > 0 ? round(quantile(workerFrames, 0.95), 1) : null,
      target: '< 20',
      ratio: workerFrames.length > 0 ? round(quantile(workerFrames, 0.95) / 20, 2) : null,
    },
    {
      figure: 'initial JS, gzip (KB)',
      value: round(gzipKb, 1),
      target: '< 400',
      ratio: round(gzipKb / 400, 2),
    },
  ];
  const notes = [
    ...(traced ? [tracedNote(traced)] : []),
    `${frames.length} frames over ${repeats} x ${panMs} ms of pan/zoom (${gestures} drag+wheel gestures); headless Chromium, --disable-gpu (software compositing)`,
    `initial JS = ${scripts.map((s) => s.file).join(', ')}`,
  ];
  notes.push(
    `stored run: a real sembp run of diamond-words (${storedRun.events.length} events, ${new Set(storedRun.calls.map((c) => c.callKey)).size} distinct calls) padded to ${STORED_CALLS} call records, written into IndexedDB with the studio's schema; timed from clicking the Optimize tab (lazy panel, listRuns of every event and call, runSummary) until its history row shows "${STORED_CALLS} calls". The run stopped after its first backward walk with a checkpoint; the call-log figure is timed from pressing Resume on the banner (driver reads its events and calls from IndexedDB) until the virtualised call log shows rows and "of ${STORED_CALLS} calls".`,
    workerError
      ? `frame time during a ${WORKER_EXAMPLES}-example run in the worker: NOT MEASURED (${workerError}).`
      : `worker run: diamond-words with ${WORKER_EXAMPLES} imported rows (the fixture's 24 training rows cycled), simulator, 1 iteration, minibatch ${WORKER_EXAMPLES}, no validation share; ${workerFrames.length} frames recorded from Play until the run stopped (its forward unit runs all ${WORKER_EXAMPLES} examples, then backward and update); the canvas shows the diamond while it runs.`,
  );
  return {
    title: `5. Studio (Chromium, median/quantiles over ${repeats} fresh contexts)`,
    rows,
    notes,
    detail: {
      openMs: opens.map((x) => round(x, 0)),
      historyOpenMs: historyOpens.map((x) => round(x, 0)),
      callLogOpenMs: callLogOpens.map((x) => round(x, 0)),
      tracedPanPerFrameMs: traced ? roundAll(traced.perFrame) : null,
      scripts,
    },
  };
}

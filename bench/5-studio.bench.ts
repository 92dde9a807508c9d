/**
 * Benchmark 5, the studio in Chromium (Playwright, run by the bench, not by the test suite): time
 * to open the 500-node / 700-edge fixture, p50/p95 frame time while panning and zooming it, the
 * stored run of 10,000 calls (launch with it stored, run history and call log), frame time during
 * a 200-example worker run, the evaluation grid (frames while it fills, opening it) and the
 * Experiments view (opening it, frames while a grid of arms runs, opening it with the results),
 * and the gzip size of the initial JS of the built studio.
 * BENCH_STUDIO_DIST=<dir> reuses a build; otherwise the studio is built into a temporary folder.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceBreakdown } from './lib/frame-trace';
import { initialScripts } from './lib/initial-js';
import type { BenchResult, FigureRow } from './lib/result';
import { serveStatic } from './lib/static-server';
import { envInt, median, quantile, round } from './lib/stats';
import {
  buildStoredRun,
  READY_PROBE,
  seedStoredRun,
  timeLaunch,
  timeOpenRunHistory,
  timeResumeToCallLog,
} from './lib/stored-run';
import { buildStudio, launchChromium, loadWorkflow, openStudio } from './lib/studio-browser';
import {
  panAndZoom,
  startFrameRecorder,
  stopFrameRecorder,
  timeOpenWorkflow,
  tracedPanAndZoom,
} from './lib/studio-page';
import { experimentFigures, gridFigures } from './lib/studio-views';
import { datasetRows, framesDuringWorkerRun } from './lib/worker-frames';

const ROOT = join(import.meta.dirname, '..');

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
const GRID_EXAMPLES = 500;
const EXPERIMENT_FIXTURE = /^Chain3 receipt — broken-1/;
const EXPERIMENT_ITERATIONS = 2;

/** A figure row from frame times (null while not measured). */
function frameRow(figure: string, frames: number[], q: number, target: number | null): FigureRow {
  const value = frames.length > 0 ? round(quantile(frames, q), 1) : null;
  return {
    figure,
    value,
    target: target === null ? '-' : `< ${target}`,
    ratio: value !== null && target !== null ? round(value / target, 2) : null,
  };
}

/** A figure row from open times (median; null while not measured). */
function openRow(figure: string, times: number[], target: number | null): FigureRow {
  const value = times.length > 0 ? round(median(times), 0) : null;
  return {
    figure,
    value,
    target: target === null ? '-' : `< ${target}`,
    ratio: value !== null && target !== null ? round(value / target, 2) : null,
  };
}

/** The first line of an error, for a note saying why a figure was not measured. */
const firstLine = (err: unknown) => (err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err));

/** Runs benchmark 5 (repeats: BENCH_REPEATS_STUDIO, default 3; pan/zoom: BENCH_PAN_MS, default 5000). */
export async function run(): Promise<BenchResult> {
  const repeats = envInt('BENCH_REPEATS_STUDIO', 3);
  const panMs = envInt('BENCH_PAN_MS', 5000);
  const large = JSON.parse(readFileSync(join(ROOT, 'e2e/fixtures/large-500.json'), 'utf8'));
  const nodeCount = large.nodes.length as number;
  const storedRun = await buildStoredRun(STORED_CALLS);
  const build = buildStudio();
  const server = await serveStatic(build.dir);
  const browser = await launchChromium();
  const opens: number[] = [];
  const frames: number[] = [];
  const launches: number[] = [];
  const historyOpens: number[] = [];
  const callLogOpens: number[] = [];
  const workerFrames: number[] = [];
  let workerError = '';
  const gridFrames: number[] = [];
  const gridOpens: number[] = [];
  let gridError = '';
  const experiment = { opens: [] as number[], frames: [] as number[], reopens: [] as number[], runs: 0 };
  let experimentError = '';
  let gestures = 0;
  let traced: { frames: number[]; perFrame: TraceBreakdown } | null = null;
  try {
    for (let r = 0; r < repeats; r++) {
      // A fresh context per repeat: empty IndexedDB, cold caches, like a first visit.
      const { context, page } = await openStudio(browser, server.origin, READY_PROBE);
      opens.push(await timeOpenWorkflow(page, large, nodeCount));
      await startFrameRecorder(page);
      gestures += await panAndZoom(page, panMs);
      frames.push(...(await stopFrameRecorder(page)));
      // The stored run: seed IndexedDB, reload so the studio starts from it (timed until it has
      // loaded), open its history.
      await loadWorkflow(page, storedRun.workflow);
      await seedStoredRun(page, storedRun);
      launches.push(await timeLaunch(page));
      historyOpens.push(await timeOpenRunHistory(page, STORED_CALLS));
      callLogOpens.push(await timeResumeToCallLog(page, STORED_CALLS));
      await context.close();
    }
    // Where the pan/zoom frame time goes: the same gestures once more in a fresh context, traced
    // (tracing slows the page, so these frames are not part of the figures above).
    {
      const { context, page } = await openStudio(browser, server.origin);
      await timeOpenWorkflow(page, large, nodeCount);
      traced = await tracedPanAndZoom(browser, page, panMs);
      await context.close();
    }
    // One worker run (a fresh context): a 200-example minibatch on the diamond fixture.
    {
      const { context, page } = await openStudio(browser, server.origin);
      await loadWorkflow(page, storedRun.workflow);
      try {
        workerFrames.push(
          ...(await framesDuringWorkerRun(
            page,
            datasetRows(storedRun.trainJsonl, WORKER_EXAMPLES),
            WORKER_EXAMPLES,
          )),
        );
      } catch (err) {
        workerError = firstLine(err);
      }
      await context.close();
    }
    // The evaluation grid: a forward run of 500 examples on the diamond fixture, in `repeats` fresh
    // contexts with their frames pooled. One run gives about 37 frames, so its p95 is its second
    // slowest frame: on the same quiet machine one build gave 16.8 and 35.9 ms in two runs.
    for (let r = 0; r < repeats && gridError === ''; r++) {
      const { context, page } = await openStudio(browser, server.origin);
      await loadWorkflow(page, storedRun.workflow);
      try {
        const grid = await gridFigures(page, datasetRows(storedRun.trainJsonl, GRID_EXAMPLES), GRID_EXAMPLES);
        gridFrames.push(...grid.frames);
        gridOpens.push(grid.openMs);
      } catch (err) {
        gridError = firstLine(err);
      }
      await context.close();
    }
    // The Experiments view (a fresh context): two arms x 1 seed on a gallery fixture with a test split.
    {
      const { context, page } = await openStudio(browser, server.origin);
      try {
        const x = await experimentFigures(page, EXPERIMENT_FIXTURE, EXPERIMENT_ITERATIONS);
        experiment.opens.push(x.openMs);
        experiment.frames.push(...x.frames);
        experiment.reopens.push(x.reopenMs);
        experiment.runs = x.runs;
      } catch (err) {
        experimentError = firstLine(err);
      }
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
    ...tracedRows(traced),
    openRow(
      `launch (reload) with a stored run of ${STORED_CALLS.toLocaleString('en')} LLM calls, until loaded (ms, median)`,
      launches,
      null,
    ),
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
    frameRow(
      `frame time during a ${WORKER_EXAMPLES}-example run in the worker, p50 (ms)`,
      workerFrames,
      0.5,
      17,
    ),
    frameRow(
      `frame time during a ${WORKER_EXAMPLES}-example run in the worker, p95 (ms)`,
      workerFrames,
      0.95,
      20,
    ),
    frameRow(
      `evaluation grid: frame time while a ${GRID_EXAMPLES}-example forward run fills it, p50 (ms)`,
      gridFrames,
      0.5,
      17,
    ),
    frameRow(
      `evaluation grid: frame time while a ${GRID_EXAMPLES}-example forward run fills it, p95 (ms)`,
      gridFrames,
      0.95,
      20,
    ),
    openRow(`evaluation grid: open the Run panel with ${GRID_EXAMPLES} scored rows (ms)`, gridOpens, 1000),
    openRow('experiments: open the Experiments view (ms)', experiment.opens, 1000),
    frameRow('experiments: frame time while a grid of 2 arms runs, p50 (ms)', experiment.frames, 0.5, 17),
    frameRow('experiments: frame time while a grid of 2 arms runs, p95 (ms)', experiment.frames, 0.95, 20),
    openRow(
      'experiments: open the Experiments view with the finished grid, until its chart shows (ms)',
      experiment.reopens,
      1000,
    ),
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
    `stored run: a real sembp run of diamond-words (${storedRun.events.length} events, ${new Set(storedRun.calls.map((c) => c.callKey)).size} distinct calls) padded to ${STORED_CALLS} call records, written into IndexedDB with the studio's schema; the launch is timed from the reload's navigation start until the studio's initial load has merged (__backflow.ready: stored tables checked, last project open); the history is timed from clicking the Optimize tab (lazy panel, listRuns from the run rows' digests, no event or call row read) until its history row shows "${STORED_CALLS} calls". The run stopped after its first backward walk with a checkpoint; the call-log figure is timed from pressing Resume on the banner (driver reads its events and calls from IndexedDB) until the virtualised call log shows rows and "of ${STORED_CALLS} calls".`,
    workerError
      ? `frame time during a ${WORKER_EXAMPLES}-example run in the worker: NOT MEASURED (${workerError}).`
      : `worker run: diamond-words with ${WORKER_EXAMPLES} imported rows (the fixture's 24 training rows cycled), simulator, 1 iteration, minibatch ${WORKER_EXAMPLES}, no validation share; ${workerFrames.length} frames recorded from Play until the run stopped (its forward unit runs all ${WORKER_EXAMPLES} examples, then backward and update); the canvas shows the diamond while it runs.`,
    gridError
      ? `evaluation grid: NOT MEASURED (${gridError}).`
      : `evaluation grid: diamond-words with ${GRID_EXAMPLES} imported rows, a forward run of all of them from the Run panel (simulator, in the engine Worker); ${gridFrames.length} frames from Run forward until done (pooled over ${repeats} fresh contexts), and the grid holds every example (a scored row per finished example; virtualised, only the rows in view are mounted); then the Dataset tab, and the open is timed from clicking the Run tab until the grid of ${GRID_EXAMPLES} rows shows its first rows.`,
    experimentError
      ? `experiments: NOT MEASURED (${experimentError}).`
      : `experiments: the gallery's "Chain3 receipt — broken-1" (its train/val/test labels), the Experiments dialog's default arms (sembp, textgrad) x 1 seed x ${EXPERIMENT_ITERATIONS} iterations on the simulator in the experiment Worker (${experiment.runs} runs); open = from clicking Experiments (lazy chunk, its own database) until the form's Start shows; ${experiment.frames.length} frames from Start until the grid is done; reopen = the dialog closed and opened again, until the finished grid's chart shows.`,
  );
  return {
    title: `5. Studio (Chromium, median/quantiles over ${repeats} fresh contexts)`,
    rows,
    notes,
    detail: {
      openMs: opens.map((x) => round(x, 0)),
      launchMs: launches.map((x) => round(x, 0)),
      historyOpenMs: historyOpens.map((x) => round(x, 0)),
      callLogOpenMs: callLogOpens.map((x) => round(x, 0)),
      tracedPanPerFrameMs: traced ? roundAll(traced.perFrame) : null,
      scripts,
    },
  };
}

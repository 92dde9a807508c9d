/**
 * Bench 6's studio frame time while checkpoints are written (issue 19's dataset curve): the page
 * imports `count` examples, starts a 1-iteration simulator run (minibatch 16, no validation share)
 * from the Optimize panel and plays it to its end, recording every animation frame from Start (the
 * run's first checkpoint carries its data part) to the end. Each IndexedDB write of a checkpoint
 * or of the run's data part is timed in the page, from its `put` until its transaction commits;
 * a frame "during a write" is one whose interval overlaps such a window. The driver does these
 * writes on the main thread, after the engine Worker's message has been cloned into the page, so
 * their cost (cloning in, cloning into IndexedDB) is what those frames pay.
 */
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FigureRow } from './result';
import { serveStatic } from './static-server';
import { median, quantile, round } from './stats';
import { diamondFixture } from './stored-run';
import { buildStudio, launchChromium, loadWorkflow, openStudio } from './studio-browser';
import { startFrameRecorder, stopFrameRecorderTimed } from './studio-page';
import { datasetRows, importRows, setUpOneIteration, waitForRunStatus } from './worker-frames';

/** One timed write of the `checkpoints` or `runData` store (page clock, ms). */
export interface TimedWrite {
  store: string;
  start: number;
  end: number;
}

/** What one size's run gives: every frame, the writes, and the frames that overlapped one. */
export interface CheckpointFrames {
  frames: number[];
  writes: TimedWrite[];
  during: number[];
}

/** Wraps `IDBObjectStore.prototype.put` in the page to time the writes of the two stores. */
function timeWrites(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchWrites: { store: string; start: number; end: number }[] };
    w.__benchWrites = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'checkpoints' || this.name === 'runData') {
        const write = { store: this.name, start: performance.now(), end: Number.NaN };
        w.__benchWrites.push(write);
        this.transaction.addEventListener('complete', () => {
          write.end = performance.now();
        });
      }
      return put.apply(this, args);
    };
  });
}

/** The intervals of `frames` (each ending at `end`) that overlap one of `writes`. */
export function framesDuring(
  frames: readonly { ms: number; end: number }[],
  writes: readonly TimedWrite[],
): number[] {
  return frames.filter((f) => writes.some((w) => f.end - f.ms < w.end && f.end > w.start)).map((f) => f.ms);
}

/**
 * Imports `jsonl` (`count` rows) into the open workflow, runs one iteration from Start to its end,
 * and returns the frames and the checkpoint writes (see the module comment).
 */
export async function framesWhileCheckpointing(
  page: Page,
  jsonl: string,
  count: number,
): Promise<CheckpointFrames> {
  await importRows(page, jsonl, count);
  const panel = await setUpOneIteration(page, 16);
  await timeWrites(page);
  await startFrameRecorder(page);
  await panel.getByRole('button', { name: 'Start optimization' }).click();
  await waitForRunStatus(page, 'ready|paused', 120_000);
  await panel.getByRole('button', { name: 'Play', exact: true }).click();
  const ended = await waitForRunStatus(page, 'done|budget|error|awaiting', 300_000);
  const frames = await stopFrameRecorderTimed(page);
  if (ended === 'error') throw new Error('the run failed');
  const writes = await page.evaluate(() =>
    (window as unknown as { __benchWrites: TimedWrite[] }).__benchWrites.filter((w) =>
      Number.isFinite(w.end),
    ),
  );
  return { frames: frames.map((f) => f.ms), writes, during: framesDuring(frames, writes) };
}

/**
 * Bench 6's `studio-frames` rows: for each dataset size, a fresh context opens diamond-words with
 * `size` imported rows and runs {@link framesWhileCheckpointing}. A size that cannot run gives a
 * row of nulls and a note saying why.
 */
export async function checkpointFrameRows(
  sizes: readonly number[],
): Promise<{ rows: FigureRow[]; notes: string[] }> {
  const { workflow, trainJsonl } = diamondFixture();
  const build = buildStudio();
  const server = await serveStatic(build.dir);
  const browser = await launchChromium();
  const rows: FigureRow[] = [];
  const notes: string[] = [];
  try {
    for (const size of sizes) {
      const { context, page } = await openStudio(browser, server.origin);
      try {
        await loadWorkflow(page, workflow);
        const m = await framesWhileCheckpointing(page, datasetRows(trainJsonl, size), size);
        const ms = (w: TimedWrite) => w.end - w.start;
        const checkpoints = m.writes.filter((w) => w.store === 'checkpoints');
        const data = m.writes.filter((w) => w.store === 'runData');
        rows.push({
          curve: 'studio-frames',
          examples: size,
          checkpointWrites: checkpoints.length,
          checkpointWriteMs: checkpoints.length > 0 ? round(median(checkpoints.map(ms)), 1) : null,
          dataWriteMs: data.length > 0 ? round(Math.max(...data.map(ms)), 1) : null,
          frames: m.frames.length,
          frameP50Ms: round(quantile(m.frames, 0.5), 1),
          frameP95Ms: round(quantile(m.frames, 0.95), 1),
          framesDuringWrites: m.during.length,
          duringWriteP95Ms: m.during.length > 0 ? round(quantile(m.during, 0.95), 1) : null,
          duringWriteMaxMs: m.during.length > 0 ? round(Math.max(...m.during), 1) : null,
        });
      } catch (err) {
        rows.push({ curve: 'studio-frames', examples: size, frameP95Ms: null });
        notes.push(
          `studio-frames at ${size} examples: NOT MEASURED (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`,
        );
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    if (build.temporary) rmSync(build.dir, { recursive: true, force: true });
  }
  notes.push(
    'studio-frames: the studio in headless Chromium (software compositing): diamond-words with the given number of imported rows (its 24 training rows cycled), one iteration, minibatch 16, no validation share, on the simulator in the engine Worker; frames from Start optimization (the first checkpoint carries the data part) until the run ends. checkpointWriteMs: median time of a checkpoint row from put to commit (page clock); dataWriteMs: the run data part, written once; duringWrite*: the frame intervals that overlap one of those writes.',
  );
  return { rows, notes };
}

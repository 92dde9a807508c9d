/**
 * In-page measurements for the studio benchmark (the functions run inside Chromium via
 * page.evaluate, so they may only use what they are given and the page's globals).
 */
import type { Browser, Page } from '@playwright/test';
import { perFrame, type TraceBreakdown, type TraceEvent, traceBreakdown } from './frame-trace';

interface BackflowApi {
  ready: Promise<void>;
  loadWorkflow(doc: unknown): Promise<void>;
}

/**
 * Milliseconds from calling loadWorkflow until `nodes` node elements are in the DOM and two
 * animation frames have been painted after that (the graph is on screen, not just in the store).
 */
export function timeOpenWorkflow(page: Page, doc: unknown, nodes: number): Promise<number> {
  return page.evaluate(
    async ({ doc, nodes }) => {
      const api = (window as unknown as { __backflow: BackflowApi }).__backflow;
      await api.ready;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      await api.loadWorkflow(doc);
      for (let i = 0; i < 6000; i++) {
        if (document.querySelectorAll('.react-flow__node').length >= nodes) break;
        await frame();
      }
      await frame();
      await frame();
      return performance.now() - t0;
    },
    { doc, nodes },
  );
}

/**
 * Starts recording the time between animation frames into `window.__benchFrames` (and each
 * frame's time, on the page's `performance.now()` clock, into `window.__benchFrameAt`).
 */
export function startFrameRecorder(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __benchFrames: number[];
      __benchFrameAt: number[];
      __benchStop: boolean;
    };
    w.__benchFrames = [];
    w.__benchFrameAt = [];
    w.__benchStop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__benchFrames.push(t - last);
      w.__benchFrameAt.push(t);
      last = t;
      if (!w.__benchStop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops the recorder and returns the frame times (the first, partial frame dropped). */
export function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchStop: boolean };
    w.__benchStop = true;
    return w.__benchFrames.slice(1);
  });
}

/**
 * Stops the recorder and returns each frame interval with its end (the first, partial one
 * dropped), for relating frames to other events on the page's clock.
 */
export function stopFrameRecorderTimed(page: Page): Promise<{ ms: number; end: number }[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __benchFrames: number[];
      __benchFrameAt: number[];
      __benchStop: boolean;
    };
    w.__benchStop = true;
    return w.__benchFrames.map((ms, i) => ({ ms, end: w.__benchFrameAt[i] as number })).slice(1);
  });
}

/** Pans (drag on the pane) and zooms (wheel) the canvas for `durationMs`. */
export async function panAndZoom(page: Page, durationMs: number): Promise<number> {
  const canvas = page.locator('.react-flow').first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas on the page');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const end = Date.now() + durationMs;
  let gestures = 0;
  while (Date.now() < end) {
    // Drag from an empty corner of the pane so that no node is grabbed.
    const start = { x: box.x + 30, y: box.y + box.height - 30 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + i * 25, start.y - i * 15);
    await page.mouse.up();
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, gestures % 2 === 0 ? -120 : 120);
    gestures++;
  }
  return gestures;
}

/** Trace categories for `tracedPanAndZoom`: the timeline events and the compositor's. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'cc',
  'viz',
];

/**
 * Pans and zooms like `panAndZoom` with Chromium tracing on, and returns where the time of an
 * average frame went. Tracing slows the page down, so its frames are not the measured figures.
 */
export async function tracedPanAndZoom(
  browser: Browser,
  page: Page,
  durationMs: number,
): Promise<{ frames: number[]; perFrame: TraceBreakdown }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await startFrameRecorder(page);
  await panAndZoom(page, durationMs);
  const frames = await stopFrameRecorder(page);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  return { frames, perFrame: perFrame(traceBreakdown(trace.traceEvents), frames.length) };
}

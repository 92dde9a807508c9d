/**
 * Benchmark 5's figures for the evaluation grid and the Experiments view (issue 19: keep the
 * studio's frame and open-time targets met as they land). The grid: a forward run of `count`
 * imported examples from the Run panel, frames recorded from Run forward until the run is done
 * and the grid holds every example (it gains a scored row per finished example and mounts those in
 * view), then the time to show the Run panel again with the finished grid's rows in view. The
 * Experiments view: the time to open the dialog (a lazy chunk, then its own database), frames
 * while a grid of arms runs in its Worker on the simulator, and the time to open it again with
 * that finished grid until its chart is shown.
 */
import type { Page } from '@playwright/test';
import { startFrameRecorder, stopFrameRecorder } from './studio-page';
import { importRows } from './worker-frames';

/** What to press: a tab by the start of its name, or the element a selector finds. */
type Press = { tab: string } | { selector: string };

/**
 * Milliseconds from pressing `press` until an element matches `shown` and two more frames ran
 * (timed in the page; the studio's CSP allows no eval, so the probe is data, not code).
 */
function timeInPage(page: Page, press: Press, shown: string): Promise<number> {
  return page.evaluate(
    async ({ press, shown }) => {
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const done = () => document.querySelector(shown) !== null;
      const target =
        'tab' in press
          ? [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) =>
              t.textContent?.trim().startsWith(press.tab),
            )
          : document.querySelector<HTMLElement>(press.selector);
      if (!target) throw new Error(`nothing to press: ${JSON.stringify(press)}`);
      const t0 = performance.now();
      target.click();
      // Bounded wait: ~100 s at 60 fps.
      for (let i = 0; i < 6000 && !done(); i++) await frame();
      if (!done()) throw new Error(`never shown: ${shown}`);
      await frame();
      await frame();
      return performance.now() - t0;
    },
    { press, shown },
  );
}

/** The evaluation grid's figures for a forward run of `count` rows of `jsonl` on the open workflow. */
export async function gridFigures(
  page: Page,
  jsonl: string,
  count: number,
): Promise<{ frames: number[]; openMs: number }> {
  await importRows(page, jsonl, count);
  await page.getByRole('tab', { name: /^Run/ }).click();
  await page.getByRole('radio', { name: /First/ }).check();
  await page.getByLabel('Number of examples').fill(String(count));
  await startFrameRecorder(page);
  await page.getByTestId('run-forward').click();
  await page.waitForFunction(
    () =>
      /done|error/.test(
        document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') ?? '',
      ),
    undefined,
    { timeout: 300_000 },
  );
  // The last examples' rows reach the grid in the frame after their results: count that frame too.
  const filled = `[data-testid="eval-grid"][data-rows="${count}"] [data-testid="eval-row"]`;
  await page.waitForFunction((filled) => document.querySelector(filled) !== null, filled);
  const frames = await stopFrameRecorder(page);
  const status = await page.getByTestId('run-status').getAttribute('data-status');
  if (status !== 'done') throw new Error(`the forward run ended ${status}`);
  // Away and back: the Run panel mounts again with the finished grid.
  await page.getByRole('tab', { name: /^Dataset/ }).click();
  const openMs = await timeInPage(page, { tab: 'Run' }, filled);
  return { frames, openMs };
}

/** The Experiments view's figures: a grid of the two default arms x 1 seed x `iterations`. */
export async function experimentFigures(
  page: Page,
  galleryTitle: RegExp,
  iterations: number,
): Promise<{ openMs: number; frames: number[]; runs: number; reopenMs: number }> {
  await page.getByRole('button', { name: 'Examples' }).click();
  const gallery = page.getByTestId('gallery-dialog');
  await gallery.getByRole('button', { name: galleryTitle }).first().click();
  await gallery.waitFor({ state: 'hidden' });
  const open = { selector: '[data-testid="experiments-button"]' };
  const openMs = await timeInPage(page, open, '[data-testid="experiment-start"]');
  const dialog = page.getByTestId('experiments-dialog');
  await dialog.getByTestId('experiment-seeds').fill('1');
  await dialog.getByTestId('experiment-iterations').fill(String(iterations));
  await startFrameRecorder(page);
  await dialog.getByTestId('experiment-start').click();
  await page.waitForFunction(
    () =>
      // The row's stored status: 'active' while this page runs it, then how it ended.
      /^(done|budgetExhausted|failed|aborted)$/.test(
        document.querySelector('[data-testid="experiment-status"]')?.getAttribute('data-status') ?? '',
      ),
    undefined,
    { timeout: 300_000 },
  );
  const frames = await stopFrameRecorder(page);
  const status = await dialog.getByTestId('experiment-status').getAttribute('data-status');
  if (status !== 'done') throw new Error(`the experiment ended ${status}`);
  const runs = Number(await dialog.getByTestId('experiment-progress').getAttribute('data-done'));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const reopenMs = await timeInPage(page, open, '[data-testid="experiment-chart"]');
  return { openMs, frames, runs, reopenMs };
}

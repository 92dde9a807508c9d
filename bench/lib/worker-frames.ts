/**
 * Frame times on the studio page while the engine Worker runs an optimization whose minibatch is
 * 200 examples (its first unit is the 200-example forward pass): the page imports a 200-row
 * dataset through the Dataset panel, starts the run from the Optimize panel and records the time
 * between animation frames from Play until the run stops. Issue 5: the canvas stays at 60 fps.
 */
import type { Locator, Page } from '@playwright/test';
import { startFrameRecorder, stopFrameRecorder } from './studio-page';

/** `count` JSONL rows cycling the fixture's training rows, flattened for the import dialog. */
export function datasetRows(trainJsonl: string, count: number): string {
  const rows = trainJsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { inputs: { sentence: string }; target: string });
  return Array.from({ length: count }, (_, i) => {
    const r = rows[i % rows.length] as (typeof rows)[number];
    return JSON.stringify({ sentence: r.inputs.sentence, target: r.target });
  }).join('\n');
}

/** Imports `jsonl` (`count` rows) as the open workflow's dataset through the Dataset panel. */
export async function importRows(page: Page, jsonl: string, count: number): Promise<void> {
  await page.getByRole('tab', { name: /^Dataset/ }).click();
  await page.getByTestId('dataset-file-input').setInputFiles({
    name: `bench-${count}.jsonl`,
    mimeType: 'application/jsonl',
    buffer: Buffer.from(jsonl),
  });
  const dialog = page.getByTestId('dataset-import-dialog');
  await dialog.getByRole('button', { name: `Import ${count} examples` }).click();
  await page.getByTestId('dataset-count').getByText(`${count} examples`).waitFor({ timeout: 60_000 });
}

/**
 * Opens the Optimize panel set for one iteration with a `minibatch` minibatch and no validation
 * share; returns the panel.
 */
export async function setUpOneIteration(page: Page, minibatch: number): Promise<Locator> {
  await page.getByRole('tab', { name: /^Optimize/ }).click();
  const panel = page.getByTestId('optimize-panel');
  await panel.getByLabel('Iterations').fill('1');
  await panel.getByLabel('Validation share').fill('0');
  await panel.getByLabel('Minibatch size').fill(String(minibatch));
  return panel;
}

/** Waits until the run meter's status matches `pattern` (a RegExp source); returns the status. */
export async function waitForRunStatus(page: Page, pattern: string, timeout: number): Promise<string> {
  await page.waitForFunction(
    (p) =>
      new RegExp(p).test(
        document.querySelector('[data-testid="run-meter"]')?.getAttribute('data-status') ?? '',
      ),
    pattern,
    { timeout },
  );
  return (await page.getByTestId('run-meter').getAttribute('data-status')) ?? '';
}

/**
 * Imports `jsonl` (`count` rows), starts a 1-iteration simulator run with a `count` minibatch and
 * no validation share, and returns the frame times from Play until the run is no longer running.
 */
export async function framesDuringWorkerRun(page: Page, jsonl: string, count: number): Promise<number[]> {
  await importRows(page, jsonl, count);
  const panel = await setUpOneIteration(page, count);
  await panel.getByRole('button', { name: 'Start optimization' }).click();
  await waitForRunStatus(page, 'ready|paused', 30_000);
  await startFrameRecorder(page);
  await panel.getByRole('button', { name: 'Play', exact: true }).click();
  const status = await waitForRunStatus(page, 'done|budget|error|awaiting', 120_000);
  const frames = await stopFrameRecorder(page);
  if (status === 'error') throw new Error('the worker run failed');
  return frames;
}

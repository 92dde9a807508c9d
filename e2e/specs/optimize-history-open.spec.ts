import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

// Chain3 receipt, broken-2: the `label` node lost the instruction to begin with "Total:".
test('a finished run opened from the history after a reload: the same curves, calls and final prompts, read-only', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.openPanel();
  const startDoc = await o.studio.workflow();
  const start = await o.prompts();

  // A short run in step mode: it waits for the culprit only; the other nodes' proposals change
  // nothing and say so, with nothing to accept.
  await o.start({ algorithm: 'gtbp', iterations: 2, pauseForDecisions: true, seed: 1 });
  expect(await o.playToEnd()).toBe('awaiting');
  const culprit = o.panel.locator('[aria-label="Proposed prompt for label"]');
  await expect(culprit).toContainText('waiting for your decision');
  for (const id of ['extract', 'total']) {
    const card = o.panel.locator(`[aria-label="Proposed prompt for ${id}"]`);
    await expect(card).toContainText('unchanged: nothing to decide');
    await expect(card.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  }
  await page.screenshot({ path: 'e2e/.output/optimize-history-unchanged.png' });
  for (let i = 0; i < 10 && (await o.status()) === 'awaiting'; i++) {
    await o.panel.getByRole('button', { name: 'Accept', exact: true }).first().click();
    await o.playToEnd();
  }
  await expect(o.meter).toHaveAttribute('data-status', 'done');
  const live = await o.runViews();
  const final = await o.prompts();
  expect(live.curves.length).toBeGreaterThan(0);
  expect(live.calls).toMatch(/^(\d+) of \1 calls/);
  expect(live.finalPrompts).toEqual(final);
  expect(final.label).toContain('Total:');
  const callCount = Number(live.calls.split(' ')[0]);

  // Reload, and put the workflow back as the run started (same project), so applying shows.
  await o.studio.flush();
  await page.reload();
  await o.studio.open();
  await o.studio.loadWorkflow(startDoc);
  await expect.poll(() => o.prompts()).toEqual(start);
  await o.openPanel();
  const row = o.panel.getByTestId('run-history-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${callCount} calls`);
  await o.openStoredRun();

  // Labelled as a stored run: which, how it ended, when; the new-run form and controls are gone.
  const header = o.panel.getByTestId('stored-run');
  await expect(header.getByTestId('stored-run-label')).toHaveText(/^GTBP · /);
  await expect(header.getByTestId('stored-run-ending')).toContainText(/^Finished/);
  await expect(header.getByTestId('stored-run-ending')).toContainText('Read-only');
  await expect(o.panel.getByTestId('run-controls')).toHaveCount(0);
  await expect(o.panel.getByRole('button', { name: 'Start optimization' })).toHaveCount(0);
  await expect(row).toContainText('shown');

  // The same curves, call log and final prompts as the run showed live.
  expect(await o.runViews()).toEqual(live);
  await o.panel.getByTestId('final-prompts').screenshot({ path: 'e2e/.output/optimize-history-final.png' });

  // Blame on the canvas and the legend; the culprit carries the most.
  await expect(page.getByTestId('blame-legend-stored')).toContainText(/GTBP · .* · iteration 1/);
  const looks = await o.looks();
  const top = [...looks].sort((a, b) => (b.blame ?? -1) - (a.blame ?? -1))[0];
  expect(top?.id).toBe('label');

  // The Backward tab of the culprit, and its proposal read-only with the decision taken.
  await o.studio.node('label').click();
  const backward = o.panel.getByTestId('optimize-backward');
  await expect(backward.getByTestId('backward-example').first()).toBeVisible();
  await expect(culprit).toContainText('accepted by you');
  await expect(o.panel.getByRole('button', { name: 'Accept', exact: true })).toHaveCount(0);
  await expect(o.panel.getByRole('button', { name: /^Revert/ })).toHaveCount(0);
  await page.screenshot({ path: 'e2e/.output/optimize-history-open.png' });

  // Opening called no model and changed nothing.
  const state = await o.studio.state();
  expect(state.canUndo).toBe(false);
  expect(await o.prompts()).toEqual(start);

  // The report of the stored run: its final prompts and its calls.
  const download = page.waitForEvent('download');
  await o.panel.getByRole('button', { name: 'Report (JSON)' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
    stopReason: string | null;
    totals: { calls: number };
    curves: unknown[];
    promptChanges: { nodeId: string; after: string }[];
  };
  expect(report.stopReason).not.toBeNull();
  expect(report.totals.calls).toBe(callCount);
  expect(report.curves).toHaveLength(live.curves.length);
  expect(Object.fromEntries(report.promptChanges.map((c) => [c.nodeId, c.after]))).toEqual(final);

  // Applying its final prompts is one step in the workflow history.
  await header.getByRole('button', { name: /^Apply final prompts/ }).click();
  await expect.poll(() => o.prompts()).toEqual(final);
  await expect(header.getByRole('button', { name: /^Apply final prompts/ })).toBeDisabled();
  expect((await o.studio.state()).canUndo).toBe(true);
  await o.studio.pressUndo();
  await expect.poll(() => o.prompts()).toEqual(start);

  // Back to a new run.
  await header.getByRole('button', { name: 'Back to a new run' }).click();
  await expect(o.panel.getByTestId('stored-run')).toHaveCount(0);
  await expect(o.panel.getByRole('button', { name: 'Start optimization' })).toBeEnabled();
  await expect(page.getByTestId('blame-legend')).toHaveCount(0);
  expect(o.studio.errors).toEqual([]);
});

test('an unfinished run opened from the history keeps offering Resume, and resumes from there', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-2/);
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 2, seed: 1 });
  await o.control('Run to end of pass');
  await o.studio.flush();
  await page.reload();
  await o.studio.open();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible();

  await o.openPanel();
  await o.openStoredRun();
  const header = o.panel.getByTestId('stored-run');
  await expect(header.getByTestId('stored-run-ending')).toContainText(/^Stopped before its end/);
  await expect(header).toContainText('Resume on the banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('blame-legend-stored')).toBeVisible();
  expect((await o.looks()).some((l) => l.blame !== null)).toBe(true);

  await banner.getByRole('button', { name: 'Resume' }).click();
  await expect(o.panel.getByTestId('stored-run')).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  expect(await o.playToEnd()).toBe('done');
  expect(o.studio.errors).toEqual([]);
});

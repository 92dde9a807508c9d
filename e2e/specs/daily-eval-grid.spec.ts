import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('forward run: a scored grid with accuracy, filters, a clicked row on the canvas, CSV export', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.studio.tab('Run').click();
  await page.getByRole('radio', { name: /First/ }).check();
  await page.getByLabel('Number of examples').fill('6');
  await page.getByTestId('run-forward').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'done');
  const grid = page.getByTestId('eval-grid');
  const rows = grid.getByTestId('eval-row');
  await expect(rows).toHaveCount(6);
  const accuracy = grid.getByTestId('eval-accuracy');
  await expect(accuracy).toContainText(/All\s*\d+% · \d\/6 passed \(95% CI \d+%–\d+%\)/);
  // The broken variant fails some examples: each failing row says why.
  const failing = rows.filter({ has: page.locator('[data-passed="false"]') });
  const failCount = await grid.locator('[data-testid="eval-row"][data-passed="false"]').count();
  expect(failCount).toBeGreaterThan(0);
  await expect(
    grid.locator('[data-testid="eval-row"][data-passed="false"]').first().getByTestId('eval-feedback'),
  ).not.toBeEmpty();
  await grid.getByRole('button', { name: /^Failing/ }).click();
  await expect(rows).toHaveCount(failCount);
  expect(await failing.count()).toBe(0);
  await grid.getByRole('button', { name: 'All' }).click();

  // A clicked row puts that example's outputs on the canvas.
  const first = rows.first();
  await first.click();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const exampleId = await first.getAttribute('data-example');
  await expect(page.getByTestId('run-nodes')).toContainText(`example ${exampleId}`);
  const answer = (await first.locator('td').nth(2).locator('div').first().textContent()) ?? '';
  const outputNode = o.studio.canvas.locator('.react-flow__node-wf-output [data-testid="node-output"]');
  await expect(outputNode.first()).toContainText(answer.trim().slice(0, 20));

  // Export CSV: a header and one line per example.
  const download = page.waitForEvent('download');
  await grid.getByRole('button', { name: 'Grid as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-eval\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'exampleId,split,input,target,answer,passed,score,feedback,changed,previousAnswer',
  );
  expect(csv.trimEnd().split('\r\n')).toHaveLength(7);

  // A second run can be compared with the first.
  await page.getByTestId('run-forward').click();
  await expect(status).toHaveAttribute('data-status', 'done');
  await expect(grid.getByRole('button', { name: /^Changed since last run/ })).toBeEnabled();
  await grid.getByLabel('Previous run side by side').check();
  await expect(grid.getByRole('columnheader', { name: 'Previous' })).toBeVisible();
  expect(o.studio.errors).toEqual([]);
});

/** Every row of the grid as "exampleId text", read while scrolling its scroller from top to bottom. */
async function scrolledRows(page: Page): Promise<string[]> {
  const scroller = page.getByTestId('eval-grid-scroller');
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  const seen = new Map<string, string>();
  // Bounded: a 60-row grid takes a few screens.
  for (let i = 0; i < 100; i++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const drawn = await page
      .getByTestId('eval-row')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('aria-rowindex'), tr.getAttribute('data-example'), tr.textContent]),
      );
    for (const [index, id, text] of drawn) seen.set(String(index), `${id} ${text}`);
    const atEnd = await scroller.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight;
      return end;
    });
    if (atEnd) break;
  }
  return [...seen.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, row]) => row);
}

test('a grid drawn as its rows arrive equals the same grid drawn at once, every row reachable', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  // 60 rows (the fixture's cycled): more than the grid's scroller shows, most finishing together.
  const train = readFileSync(join(root, 'packages/sim/fixtures/chain3-receipt/train.jsonl'), 'utf8');
  const rows = train
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const jsonl = Array.from({ length: 60 }, (_, i) => {
    const r = rows[i % rows.length];
    return JSON.stringify({ receipt: r.inputs.receipt, target: r.target });
  }).join('\n');
  await o.studio.tab('Dataset').click();
  await page
    .getByTestId('dataset-file-input')
    .setInputFiles({ name: 'receipts-60.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(jsonl) });
  await page.getByRole('button', { name: /^(Import|Replace with) 60/ }).click();
  await o.studio.tab('Run').click();
  await page.getByRole('radio', { name: /First/ }).check();
  await page.getByLabel('Number of examples').fill('60');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const grid = page.getByTestId('eval-grid');
  await expect(grid).toHaveAttribute('data-rows', '60');
  await expect(grid.getByRole('table')).toHaveAttribute('aria-rowcount', '61');
  // Only the rows in view (and a few beyond) are mounted.
  const mounted = await grid.getByTestId('eval-row').count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThan(60);
  const live = await scrolledRows(page);
  expect(live).toHaveLength(60);
  expect(new Set(live).size).toBe(60);
  // Away and back: the panel mounts again and draws the finished grid in one go.
  await o.studio.tab('Dataset').click();
  await o.studio.tab('Run').click();
  expect(await scrolledRows(page)).toEqual(live);

  // The failing filter: exactly the failing rows, from the top.
  const failing = grid.getByRole('button', { name: /^Failing/ });
  const failCount = Number((await failing.textContent())?.match(/\((\d+)\)/)?.[1]);
  await failing.click();
  const failed = await scrolledRows(page);
  expect(failed).toHaveLength(failCount);
  expect(failed).toEqual(live.filter((r) => r.endsWith('fail')));
  await expect(grid.locator('[data-testid="eval-row"][data-passed="true"]')).toHaveCount(0);
  await grid.getByRole('button', { name: 'All' }).click();

  // The keyboard reaches every row: arrow down from the first row to the last, Enter shows it.
  await page.getByTestId('eval-grid-scroller').evaluate((el) => {
    el.scrollTop = 0;
  });
  await grid.getByTestId('eval-row').first().focus();
  for (let i = 0; i < 59; i++) await page.keyboard.press('ArrowDown');
  const last = grid.locator('[data-testid="eval-row"]:focus');
  await expect(last).toHaveAttribute('aria-rowindex', '61');
  await page.keyboard.press('Enter');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  expect(o.studio.errors).toEqual([]);
});

test('opening another workflow shows its own canvas and panels; the first comes back as it was', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  const firstName = (await o.studio.state()) && (await page.title());
  // A broken variant opens under its own name, so Projects tells it from the clean example.
  expect(firstName).toBe('Receipt total (chain of 3) (broken-1) · Backflow');
  await o.studio.tab('Run').click();
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
  const outputs = o.studio.canvas.getByTestId('node-output');
  await expect(outputs.first()).toBeVisible();
  // An optimization run on the first workflow, finished: blame on its canvas.
  await o.openPanel();
  await o.start({ iterations: 1, batchSize: 4, seed: 3 });
  await o.playToEnd();

  await o.studio.openExample(/^Diamond spread\s/);
  await expect(outputs).toHaveCount(0);
  await expect(o.studio.canvas.locator('[data-backward-rank]')).toHaveCount(0);
  await expect(o.meter).toHaveCount(1);
  expect(await o.status()).toBe('idle');
  await expect(page.getByTestId('proposals')).toHaveCount(0);
  await o.studio.tab('Run').click();
  await expect(page.getByTestId('eval-grid')).toHaveCount(0);

  // Back to the first workflow: its run and its grid come back.
  await page.getByRole('button', { name: 'Projects' }).click();
  await page
    .getByTestId('project-row')
    .filter({ hasText: firstName.replace(/ · Backflow$/, '') })
    .getByRole('button')
    .first()
    .click();
  await expect(page.getByTestId('eval-grid')).toBeVisible();
  await expect(outputs.first()).toBeVisible();
  await o.openPanel();
  expect(await o.status()).toBe('done');
  expect(o.studio.errors).toEqual([]);
});

test('Abort while paused ends the run, disables the controls and offers Resume below the toolbar', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt — broken-1/);
  await o.openPanel();
  await o.start({ iterations: 3, batchSize: 3, seed: 7 });
  await o.control('Step');
  await o.panel.getByRole('button', { name: 'Abort' }).click();
  await expect(o.meter).toHaveAttribute('data-status', 'aborted');
  await expect(page.getByTestId('optimize-message')).toContainText(/^Aborted in iteration 1/);
  for (const name of ['Play', 'Step', 'Abort'])
    await expect(o.panel.getByRole('button', { name, exact: true })).toBeDisabled();
  await expect(o.panel.getByRole('button', { name: 'Start optimization' })).toBeEnabled();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toBeVisible();
  const toolbar = await page.getByRole('toolbar', { name: 'Add node' }).boundingBox();
  const box = await banner.boundingBox();
  if (!toolbar || !box) throw new Error('no toolbar or banner');
  expect(box.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height);

  // Resumed, the form shows the run's own settings (not the defaults).
  await o.studio.flush();
  await page.reload();
  await o.studio.open();
  await page.getByTestId('resume-banner').getByRole('button', { name: 'Resume' }).click();
  await o.openPanel();
  await expect(o.panel.getByLabel('Iterations')).toHaveValue('3');
  await expect(o.panel.getByLabel('Minibatch size')).toHaveValue('3');
  await expect(o.panel.getByLabel('Seed')).toHaveValue('7');
  expect(await o.playToEnd()).toBe('done');
  expect(o.studio.errors).toEqual([]);
});

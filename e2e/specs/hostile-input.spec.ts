/**
 * The studio's hostile corpus (e2e/fixtures/hostile/, issue #21) fed through Import and the
 * Dataset tab: each file gets its message, nothing stored changes, and the studio is alive after
 * a reload. Also: rows that no longer read are set aside on load instead of blanking the page, a
 * bundle cannot pick another project's dataset row, names are shown bidi-isolated, and huge or
 * deeply nested files are refused before they are parsed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { plantRows, storedDocuments } from '../pages/stored';
import { StudioPage } from '../pages/studio';

const HOSTILE = new URL('../fixtures/hostile/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', HOSTILE), 'utf8')) as {
  cases: { file: string; through: 'import' | 'dataset'; outcome: string; message: string }[];
};
const casesOf = (through: string, outcome: string) =>
  manifest.cases.filter((c) => c.through === through && c.outcome === outcome);
const pathOf = (file: string) => new URL(file, HOSTILE).pathname;

/** Opens the studio on the Chain3 example (a project with a dataset) and flushes it to storage. */
async function openExample(page: Page): Promise<StudioPage> {
  const studio = new StudioPage(page);
  await studio.openReceiptExample();
  await studio.flush();
  return studio;
}

/** Reloads and checks the studio came back: canvas drawn, the same project open, no page error. */
async function reloadAlive(studio: StudioPage, workflow: Record<string, unknown>): Promise<void> {
  await studio.page.reload();
  await studio.open();
  await expect(studio.nodes().first()).toBeVisible();
  expect(await studio.workflow()).toEqual(workflow);
  expect(studio.errors).toEqual([]);
}

test('hostile files through Import: a message each, nothing stored, alive after reload', async ({
  page,
}, info) => {
  const studio = await openExample(page);
  const workflowBefore = await studio.workflow();
  const storedBefore = await storedDocuments(page);
  const importInput = page.getByTestId('import-workflow-input');
  const lastToast = page.getByTestId('toast').last();

  for (const { file, message } of casesOf('import', 'refused')) {
    await importInput.setInputFiles(pathOf(file));
    await expect(lastToast, file).toContainText(message);
    await expect(lastToast, file).toHaveAttribute('role', 'alert');
    await lastToast.getByRole('button', { name: 'Dismiss' }).click();
    expect(await studio.workflow(), file).toEqual(workflowBefore);
  }

  // Generated, too large to keep: refused by size before being read, and before being parsed.
  const huge = info.outputPath('prompt-60mb.json');
  const prompt = 'x'.repeat(60 * 1024 * 1024);
  writeFileSync(
    huge,
    `{"format":"backflow.workflow","version":1,"id":"big","name":"Big","nodes":[{"id":"a","kind":"llm","position":{"x":0,"y":0},"systemPrompt":"${prompt}","userTemplate":""}],"edges":[]}`,
  );
  await importInput.setInputFiles(huge);
  await expect(lastToast).toContainText('The file is 60.0 MB; the studio imports files up to 25.0 MB.');
  const deep = info.outputPath('nesting-100k.json');
  writeFileSync(deep, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  await importInput.setInputFiles(deep);
  await expect(lastToast).toContainText('nested more than 64 levels deep');

  await studio.flush();
  expect(await storedDocuments(page)).toEqual(storedBefore);
  await reloadAlive(studio, workflowBefore);
  expect(await storedDocuments(page)).toEqual(storedBefore);
});

test('hostile files through the Dataset tab: a message each, the stored dataset kept, alive after reload', async ({
  page,
}) => {
  const studio = await openExample(page);
  const workflowBefore = await studio.workflow();
  const size = (await studio.state()).datasetSize;
  const storedBefore = await storedDocuments(page);
  await studio.tab('Dataset').click();
  const picker = page.getByTestId('dataset-file-input');
  const dialog = page.getByTestId('dataset-import-dialog');

  for (const { file, message } of casesOf('dataset', 'refused')) {
    await picker.setInputFiles(pathOf(file));
    const toast = page.getByTestId('toast').last();
    await expect(toast, file).toContainText(message);
    await expect(toast.locator('bdi'), file).toHaveText(file);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(dialog).toHaveCount(0);
  }
  for (const { file, message } of casesOf('dataset', 'dialog')) {
    await picker.setInputFiles(pathOf(file));
    await expect(dialog.getByTestId('import-file-problem'), file).toContainText(message);
    await expect(dialog.getByTestId('import-errors'), file).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: /examples$/ }), file).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  // Fields the input node does not read: named before importing, not at run time.
  for (const { file, message } of casesOf('dataset', 'misfit')) {
    await picker.setInputFiles(pathOf(file));
    await expect(dialog.getByTestId('import-field-problems'), file).toContainText(message);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  expect((await studio.state()).datasetSize).toBe(size);
  await studio.flush();
  expect(await storedDocuments(page)).toEqual(storedBefore);

  // A good file replacing the dataset says so first, and Undo brings the old one back.
  await picker.setInputFiles(pathOf('ds-good.jsonl'));
  await expect(dialog.getByTestId('import-replaces')).toContainText(`(${size} examples)`);
  await dialog.getByLabel('Target', { exact: true }).selectOption('answer');
  await dialog.getByRole('button', { name: 'Replace with 3 examples' }).click();
  await expect(page.getByTestId('dataset-count')).toHaveText('3 examples');
  await page.getByTestId('toast').last().getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('dataset-count')).toHaveText(`${size} examples`);
  await studio.flush();
  expect(await storedDocuments(page)).toEqual(storedBefore);
  await reloadAlive(studio, workflowBefore);
});

test('stored rows that no longer read are set aside on load, never a blank page', async ({ page }) => {
  const studio = await openExample(page);
  const workflow = await studio.workflow();
  const id = workflow.id as string;
  // What the issue saw brick the studio: an empty dataset object, number cells, a broken document.
  await plantRows(page, 'datasets', [
    {
      id: `${id}:dataset`,
      workflowId: id,
      updatedAt: 1,
      dataset: {
        id: 'd',
        name: 'Numbers',
        fields: ['q'],
        examples: [{ id: '1', inputs: { q: 1 }, target: '2' }],
      },
      split: { seed: 1, train: 1, val: 0 },
    },
    { id: 'wf_gone:dataset', workflowId: 'wf_gone', updatedAt: 1, dataset: {} },
  ]);
  await plantRows(page, 'workflows', [
    {
      id: 'wf_broken',
      name: 'Broken \u202efdp.exe',
      updatedAt: Date.now() + 60_000,
      doc: { format: 'backflow.workflow', nodes: 'none' },
    },
  ]);

  await page.reload();
  await studio.open();
  await expect(page.getByTestId('toast').last()).toContainText(
    '3 stored items could not be read and were set aside',
  );
  expect(await studio.workflow()).toEqual(workflow);
  expect((await studio.state()).datasetSize).toBe(0);
  await page.getByRole('button', { name: 'Projects' }).click();
  const setAside = page.getByTestId('quarantine-row');
  await expect(setAside).toHaveCount(3);
  await expect(setAside.filter({ hasText: 'Broken' }).locator('bdi').first()).toHaveText(
    'Broken \u202efdp.exe',
  );
  const download = page.waitForEvent('download');
  await setAside.filter({ hasText: 'Numbers' }).getByRole('button', { name: 'Download' }).click();
  expect(JSON.parse(readFileSync(await (await download).path(), 'utf8'))).toMatchObject({
    dataset: { name: 'Numbers' },
  });
  await setAside.first().getByRole('button', { name: 'Delete' }).click();
  await expect(setAside).toHaveCount(2);
  await expect(page.getByTestId('project-row').filter({ hasText: 'Broken' })).toHaveCount(0);
  await expect(page.getByTestId('project-row').filter({ hasText: 'Receipt total' })).toHaveCount(1);

  // The next load is quiet: nothing left to set aside.
  await reloadAlive(studio, workflow);
  await expect(page.getByTestId('toast')).toHaveCount(0);
});

test('imported on purpose: a bundle cannot pick another project’s dataset row; names are isolated', async ({
  page,
}) => {
  const studio = await openExample(page);
  // A project whose id the thief's bundle names in its dataset part.
  const victim = { ...(await studio.workflow()), id: 'VICTIM', name: 'Victim' };
  await studio.loadWorkflow(victim);
  await studio.flush();
  const before = await storedDocuments(page);
  const victimDataset = JSON.parse(before.datasets ?? '[]').find(
    (d: { id: string }) => d.id === 'VICTIM:dataset',
  );

  await page.getByTestId('import-workflow-input').setInputFiles(pathOf('bundle-steals-dataset-id.json'));
  await expect(page.getByText('Imported "Dataset thief" with 2 examples.')).toBeVisible();
  expect((await studio.workflow()).id).toBe('hostile-thief');
  expect((await studio.state()).datasetSize).toBe(2);
  const after = JSON.parse((await storedDocuments(page)).datasets ?? '[]') as { id: string }[];
  expect(after.find((d) => d.id === 'VICTIM:dataset')).toEqual(victimDataset);
  expect(after.find((d) => d.id === 'hostile-thief:dataset')).toMatchObject({ workflowId: 'hostile-thief' });

  await page.getByTestId('import-workflow-input').setInputFiles(pathOf('bundle-rlo-name.json'));
  const toast = page.getByTestId('toast').last();
  await expect(toast.locator('bdi')).toHaveText('Invoice \u202efdp.exe');
  await page.getByRole('button', { name: 'Projects' }).click();
  const row = page.getByTestId('project-row').filter({ hasText: 'Invoice' });
  await expect(row.locator('bdi')).toHaveText('Invoice \u202efdp.exe');
  expect(studio.errors).toEqual([]);
});

test('a 6 MB prompt imports with a warning naming the node', async ({ page }, info) => {
  const studio = new StudioPage(page);
  await studio.open();
  const doc = JSON.parse(readFileSync(pathOf('wf-cycle-bare.json'), 'utf8')) as {
    id: string;
    name: string;
    nodes: { id: string; systemPrompt?: string }[];
    edges: { id: string }[];
  };
  const file = info.outputPath('prompt-6mb.json');
  const nodes = doc.nodes
    .filter((n) => n.id !== 'b')
    .map((n) =>
      n.id === 'a' ? { ...n, systemPrompt: 'y'.repeat(6_000_000), userTemplate: '{{question}}' } : n,
    );
  writeFileSync(
    file,
    JSON.stringify({
      ...doc,
      id: 'huge',
      name: 'Huge prompt',
      nodes,
      edges: doc.edges.filter((e) => ['e1', 'e2'].includes(e.id)),
    }),
  );
  await page.getByTestId('import-workflow-input').setInputFiles(file);
  await expect(page.getByText('Imported "Huge prompt".')).toBeVisible();
  await expect(page.getByTestId('toast').last()).toContainText(
    'has a 5.7 MB system prompt; every call sends all of it',
  );
  await expect(page.getByTestId('toast').last().locator('bdi')).toHaveText('A');
  expect(studio.errors).toEqual([]);
});

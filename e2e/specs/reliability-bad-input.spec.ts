/**
 * A representative subset of the bad-input corpus (e2e/fixtures/bad/) imported into the studio:
 * each file is refused with its precise message, nothing already stored changes, and the studio
 * stays usable afterwards.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { storedDocuments } from '../pages/stored';
import { StudioPage } from '../pages/studio';

const BAD = new URL('../fixtures/bad/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', BAD), 'utf8')) as {
  cases: { file: string; kind: string; message?: string }[];
};
const fragmentOf = (file: string) => manifest.cases.find((c) => c.file === file)?.message ?? '';
/** The studio words JSON syntax errors itself (without the line and column the engine gives). */
const studioFragmentOf = (file: string) =>
  ['wf-truncated.json', 'wf-empty.json', 'wf-binary.json'].includes(file)
    ? 'The file is not JSON: '
    : fragmentOf(file);

/** Workflow files the studio must refuse at import (a cycle too; other graph problems are imported and listed). */
const REFUSED = [
  'wf-truncated.json',
  'wf-array.json',
  'wf-empty.json',
  'wf-wrong-format.json',
  'wf-binary.json',
  'wf-unknown-version.json',
  'wf-proto-top.json',
  'wf-proto-node.json',
  'wf-constructor-key.json',
  'wf-unknown-kind.json',
  'wf-nodes-object.json',
  'wf-position-string.json',
  'wf-cycle.json',
  'wf-self-loop.json',
];

test('bad workflow files are refused with a precise message; stored projects stay as they were', async ({
  page,
}) => {
  const studio = new StudioPage(page);
  await studio.openReceiptExample();
  await studio.flush();
  const workflowBefore = await studio.workflow();
  const storedBefore = await storedDocuments(page);

  for (const file of REFUSED) {
    await page.getByTestId('import-workflow-input').setInputFiles(new URL(file, BAD).pathname);
    // Consecutive files have different messages, so the newest toast is this file's.
    const toast = page.getByTestId('toast').last();
    await expect(toast, file).toContainText(studioFragmentOf(file));
    if (studioFragmentOf(file) === fragmentOf(file))
      await expect(toast).toContainText(
        /cycle/.test(file) || file.includes('self-loop')
          ? 'The workflow is not imported: '
          : 'Not a valid Backflow workflow: ',
      );
    expect(await studio.workflow(), file).toEqual(workflowBefore);
  }
  await studio.flush();
  expect(await storedDocuments(page)).toEqual(storedBefore);

  // Other graph problems are not broken files: imported, and the problem named under Problems.
  await page
    .getByTestId('import-workflow-input')
    .setInputFiles(new URL('wf-dangling-edge.json', BAD).pathname);
  await expect(page.getByText(/^Imported "/)).toBeVisible();
  await studio.tab('Problems').click();
  await expect(studio.panels).toContainText(fragmentOf('wf-dangling-edge.json'));

  // Still usable: it edits, undoes, and the earlier project is intact in the list.
  const before = (await studio.state()).nodeCount;
  await studio.addNode('llm');
  await expect.poll(async () => (await studio.state()).nodeCount).toBe(before + 1);
  await studio.pressUndo();
  await expect.poll(async () => (await studio.state()).nodeCount).toBe(before);
  await page.getByRole('button', { name: 'Projects' }).click();
  await expect(page.getByTestId('project-row').filter({ hasText: 'Receipt total' })).toHaveCount(1);
  expect(studio.errors).toEqual([]);
});

/** Dataset files whose bad rows the import dialog must name (good rows are kept). */
const DATASETS = [
  'ds-ragged-rows.csv',
  'ds-empty-targets.csv',
  'ds-unclosed-quote.csv',
  'ds-bad-jsonl-line.jsonl',
];

test('bad dataset rows are named line by line; cancelling keeps the stored dataset', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.openReceiptExample();
  const size = (await studio.state()).datasetSize;
  await studio.flush();
  const storedBefore = await storedDocuments(page);
  await studio.tab('Dataset').click();

  const cases = manifest.cases as {
    file: string;
    examples?: unknown[];
    rowErrors?: [number, string, string][];
  }[];
  for (const file of DATASETS) {
    const expected = cases.find((c) => c.file === file);
    if (!expected?.rowErrors || !expected.examples) throw new Error(`${file}: not a row-error case`);
    await page.getByTestId('dataset-file-input').setInputFiles(new URL(file, BAD).pathname);
    const dialog = page.getByTestId('dataset-import-dialog');
    await expect(dialog, file).toBeVisible();
    await dialog.getByLabel('Target', { exact: true }).selectOption('target');
    const errors = dialog.getByTestId('import-errors');
    const skipped = expected.rowErrors.length;
    await expect(errors, file).toContainText(`${skipped} ${skipped === 1 ? 'row' : 'rows'} skipped`);
    for (const [, , fragment] of expected.rowErrors) await expect(errors, file).toContainText(fragment);
    await expect(dialog.getByRole('button', { name: /^Replace with \d+ examples$/ })).toHaveText(
      `Replace with ${expected.examples.length} examples`,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await studio.state()).datasetSize, file).toBe(size);
  }
  await studio.flush();
  expect(await storedDocuments(page)).toEqual(storedBefore);

  // Mixed line endings (CRLF, LF, CR in one file) are not errors: the file imports whole.
  await page
    .getByTestId('dataset-file-input')
    .setInputFiles(new URL('ds-mixed-line-endings.csv', BAD).pathname);
  const dialog = page.getByTestId('dataset-import-dialog');
  await dialog.getByLabel('Target', { exact: true }).selectOption('target');
  await expect(dialog.getByTestId('import-errors')).toHaveCount(0);
  // Chain3 has a dataset already: the button says it replaces it.
  await dialog.getByRole('button', { name: 'Replace with 3 examples' }).click();
  await expect(page.getByTestId('dataset-count')).toHaveText('3 examples');
  expect(studio.errors).toEqual([]);
});

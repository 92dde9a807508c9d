import { expect, test } from '@playwright/test';
import { OptimizePage } from '../pages/optimize';

test('the loss in the inspector: kind, parameters, a reason for a bad regex, and a preview on the shown example', async ({
  page,
}) => {
  const o = new OptimizePage(page);
  await o.openFixture(/^Chain3 receipt\s*Runs/);
  await o.studio.tab('Run').click();
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');

  await o.studio.node('answer').click();
  await o.studio.tab('Inspector').click();
  const editor = page.getByTestId('loss-editor');
  await expect(editor.getByLabel('Loss kind')).toHaveValue('exact');
  const preview = editor.getByTestId('loss-preview');
  await expect(preview).toContainText(/Preview on example \S+: target Total: /);
  await expect(preview.locator('[data-passed]')).toBeVisible();

  await editor.getByLabel('Loss kind').selectOption('regex');
  const pattern = editor.getByLabel('Pattern');
  await pattern.fill('Total: (\\d+');
  await expect(editor.getByTestId('loss-problem')).toContainText('The pattern does not compile:');
  await expect(preview).toHaveCount(0);
  // A capture group: the last match must equal the target, so capturing the whole line passes.
  await pattern.fill('(Total: [\\d.]+)');
  await expect(editor.getByTestId('loss-problem')).toHaveCount(0);
  await expect(preview.locator('[data-passed="true"]')).toBeVisible();
  await expect(preview).toContainText('correct');
  const loss = ((await o.studio.workflow()) as { loss: unknown }).loss;
  expect(loss).toEqual({ kind: 'regex', pattern: '(Total: [\\d.]+)', flags: 'i' });

  await editor.getByLabel('Loss kind').selectOption('js');
  await editor.getByLabel('Loss code').fill('return output.includes(');
  // The page's CSP forbids compiling on the main thread: the sandbox compiles it and says why.
  await expect(preview).toContainText(/does not compile: SyntaxError/);
  await expect(preview.locator('[data-passed="false"]')).toBeVisible();
  expect(o.studio.errors).toEqual([]);
});

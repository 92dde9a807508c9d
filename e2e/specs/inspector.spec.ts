import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const doc = JSON.parse(readFileSync(new URL('../fixtures/code-node.json', import.meta.url), 'utf8'));

test('the user template completes {{ with upstream variables; a code node test-runs', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.loadWorkflow(doc);

  await studio.node('ask').click();
  const template = page.getByTestId('user-template-editor').locator('.cm-content');
  await template.click();
  await page.keyboard.type('Context: {{');
  const option = page.locator('.cm-tooltip-autocomplete').getByText('context', { exact: true });
  await expect(option).toBeVisible();
  // CodeMirror ignores Enter for a moment after the list opens (interactionDelay); a click is immediate.
  await option.click();
  await expect(template).toHaveText('Context: {{context}}');
  await expect(page.getByTestId('user-template-editor').locator('.cm-var')).toHaveText('{{context}}');
  await page.mouse.click(20, 880); // leave the editor
  await expect
    .poll(async () => {
      const wf = (await studio.workflow()) as { nodes: { id: string; userTemplate?: string }[] };
      return wf.nodes.find((n) => n.id === 'ask')?.userTemplate;
    })
    .toBe('Context: {{context}}');

  await studio.node('shout').click();
  await expect(page.getByTestId('code-editor')).toContainText('toUpperCase');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('code-test-result')).toHaveText('!'); // no dataset: inputs are empty
  expect(studio.errors).toEqual([]);
});

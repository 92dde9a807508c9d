/**
 * Hostile text is shown as text everywhere: workflow and node names, prompts, roles, dataset cells
 * and model output carrying `<script>`, `<img onerror>`, `javascript:` links and markdown tricks.
 * Each payload sets a flag on `window` or opens a dialog if it ever executes; the spec fails if any
 * flag is set or any dialog opens, and checks that the payloads are visible as literal text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

/** Every payload sets `window.__xss` to its own number when it runs. */
const PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '[click me](javascript:window.__xss=3)',
  '<svg onload="window.__xss = 4"></svg>',
  '<a href="javascript:window.__xss=5">link</a>',
  '![pic](x" onerror="window.__xss=6)',
  '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
  '<img src=x onerror=alert(8)>',
  '<details open ontoggle="window.__xss = 9">',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, meant literally.
  '${window.__xss = 10}',
];

function hostileBundle() {
  const base = JSON.parse(readFileSync(new URL('../fixtures/chain-a-b.json', import.meta.url), 'utf8'));
  base.id = 'xss-hostile';
  base.name = `Hostile ${PAYLOADS[0]} ${PAYLOADS[1]}`;
  const label = (i: number) => `${PAYLOADS[i]} node`;
  base.nodes[0].label = label(1);
  base.nodes[1].label = label(2);
  base.nodes[1].role = `Role ${PAYLOADS[3]} ${PAYLOADS[4]}`;
  // No skill in the prompt: the simulated model answers with its input, so the output is hostile too.
  base.nodes[1].systemPrompt = `You are careful. ${PAYLOADS[5]} ${PAYLOADS[6]}`;
  base.nodes[2].label = label(7);
  base.nodes[2].systemPrompt = `You are careful. ${PAYLOADS[8]}`;
  base.nodes[3].label = label(0);
  const examples = PAYLOADS.map((p, i) => ({
    id: `x${i}`,
    inputs: { question: `${p} question ${i}` },
    target: `${p} target`,
  }));
  return {
    format: 'backflow.bundle',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    workflow: base,
    dataset: {
      dataset: { id: 'xss-data', name: `Data ${PAYLOADS[2]}`, examples, fields: ['question'] },
      split: { seed: 1, train: 0.6, val: 0.2 },
    },
  };
}

test('hostile names, prompts, roles, cells and model output never execute', async ({ page }, info) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const studio = new StudioPage(page);
  await studio.open();
  const flag = () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);

  const file = info.outputPath('hostile.backflow.json');
  writeFileSync(file, JSON.stringify(hostileBundle()));
  await page.getByTestId('import-workflow-input').setInputFiles(file);
  await expect(page.getByText(/^Imported "Hostile /)).toBeVisible();
  expect((await studio.state()).datasetSize).toBe(PAYLOADS.length);

  // Canvas: the labels are literal text.
  await expect(studio.node('a')).toContainText(PAYLOADS[2]!);
  await expect(studio.node('out')).toContainText(PAYLOADS[0]!);

  // Run forward on the simulated model: the outputs echo the hostile inputs onto the canvas.
  await studio.tab('Run').click();
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(studio.canvas.getByTestId('node-output').first()).toBeVisible();

  // Inspector of each node, the dataset table, the problems list.
  // The evaluation grid shows the answer (and the loss's feedback quoting it) as text.
  await expect(page.getByTestId('eval-row').first()).toContainText(`${PAYLOADS[0]} question 0`);
  await studio.tab('Inspector').click();
  for (const id of ['in', 'b', 'out', 'a']) await studio.node(id).click();
  // The system prompt's editor shows the payloads as text.
  await expect(studio.panels).toContainText(PAYLOADS[5]!);
  await studio.tab('Dataset').click();
  await expect(page.getByTestId('example-table')).toContainText(
    '<script>window.__xss = 1</script> question 0',
  );
  await studio.tab('Problems').click();
  await studio.tab('Run').click();

  // Exports are data, never markup: the bundle keeps the payloads as JSON strings.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /Workflow \+ dataset/ }).click();
  const exported = info.outputPath('export.json');
  await (await download).saveAs(exported);
  expect(JSON.parse(readFileSync(exported, 'utf8')).workflow.name).toContain(PAYLOADS[0]);

  // Nothing ran: no flag, no dialog, no page error, and no element a payload would have created.
  await page.waitForTimeout(300); // let any late onerror/onload fire
  expect(await flag()).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(studio.errors).toEqual([]);
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll(
        'img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript:"], details[ontoggle], [onerror]',
      ).length,
  );
  expect(injected).toBe(0);
});

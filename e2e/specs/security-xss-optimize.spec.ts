/**
 * Hostile text through an optimization: payloads in a node's prompt and in every dataset cell reach
 * the proposed prompts (the simulator keeps sentences that name no skill verbatim), the merge
 * diffs, the version timeline, the Backward tab's calls, the call log, the run compare view and
 * the exported reports and workflow. Each view is opened; nothing may run (no `window.__pwned`, no
 * dialog, no element a payload would create) and the payloads must be visible as text. The
 * Markdown report is also rendered by the most permissive viewer there is (raw HTML passed
 * through, every link protocol kept) in a page without the studio's CSP, where markup would run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { micromark } from 'micromark';
import { OptimizePage } from '../pages/optimize';

/**
 * Every payload sets `window.__pwned` (or opens a dialog) if it ever runs. No digits: the cell
 * payload goes through "extract every number", and the prompt's must not change what it computes.
 */
const P = {
  script: '<script>window.__pwned = "script"</script>',
  img: `<img src=x onerror="window.__pwned = 'img'">`,
  mdLink: `[click me](javascript:window.__pwned='md-link')`,
  anchor: `<a href="javascript:window.__pwned='anchor'">link</a>`,
  svg: `<svg onload="window.__pwned = 'svg'"></svg>`,
  mdImage: `![pic](x" onerror="window.__pwned='md-image')`,
  autolink: `<javascript:window.__pwned='autolink'>`,
  tick: '`</code><img src=x onerror="window.__pwned=\'tick\'">`',
  alert: `<img src=x onerror=alert('pwned')>`,
  iframe: `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  details: `<details open ontoggle="window.__pwned = 'details'">`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, meant literally.
  template: '${window.__pwned = "template"}',
};
/** In the broken node's prompt: the proposal keeps them, around the step it repairs. */
const PROMPT = [P.script, P.img, P.mdLink, P.anchor, P.svg, P.mdImage, P.autolink, P.tick, P.alert];
/** In the label node's prompt (not repaired: it reaches the reports as it is). */
const LABEL = [P.iframe, P.details, P.template];
/** Appended to every receipt: it reaches the forward calls of the first node. */
const CELL = `${P.img.replace("'img'", "'cell'")} [cell](javascript:window.__pwned='cell-link')`;
const NAME = `Receipts ${P.script} ${P.mdLink} ${P.autolink} ${P.tick}`;

const fixture = (file: string) =>
  readFileSync(new URL(`../../packages/sim/fixtures/chain3-receipt/${file}`, import.meta.url), 'utf8');

/** Chain3 receipt, broken-1 ("total" multiplies), with the payloads planted. */
function hostileBundle() {
  const workflow = JSON.parse(fixture('broken-1.workflow.json'));
  workflow.id = 'xss-optimize';
  workflow.name = NAME;
  const node = (id: string) => workflow.nodes.find((n: { id: string }) => n.id === id);
  node('total').label = `Total ${P.svg}`;
  node('total').systemPrompt =
    `Multiply the numbers together. ${PROMPT.slice(0, 4).join(' ')} Show exactly 1 decimal. ${PROMPT.slice(4).join(' ')}`;
  node('label').systemPrompt = `${node('label').systemPrompt} ${LABEL.join(' ')}`;
  const examples = `${fixture('train.jsonl')}\n${fixture('val.jsonl')}`
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .map((e) => ({ ...e, inputs: { receipt: `${e.inputs.receipt} ${CELL}` } }));
  return {
    format: 'backflow.bundle',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    workflow,
    dataset: {
      dataset: { id: 'xss-optimize-data', name: 'Hostile receipts', examples, fields: ['receipt'] },
      split: { seed: 1, train: 0.75, val: 0.25 },
    },
  };
}

/** Elements a payload would have created, and whether one ran. */
async function harm(page: Page): Promise<{ pwned: unknown; injected: number }> {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    injected: document.querySelectorAll(
      'img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript:"], details[ontoggle], [onerror], [onload], script:not([src])',
    ).length,
  }));
}

async function expectText(where: Locator, texts: readonly string[]): Promise<void> {
  for (const text of texts) await expect(where).toContainText(text);
}

/** Clicks `button` and returns the text of the file it downloads. */
async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const next = page.waitForEvent('download');
  await button.click();
  const file = await next;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('hostile prompts and cells stay text through proposals, diffs, calls, compare and exported reports', async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const o = new OptimizePage(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await o.studio.open();
  const bundle = info.outputPath('hostile-optimize.backflow.json');
  writeFileSync(bundle, JSON.stringify(hostileBundle()));
  await page.getByTestId('import-workflow-input').setInputFiles(bundle);
  await expect(page.getByText(/^Imported "Receipts /)).toBeVisible();

  // An optimization that waits for decisions: the proposal for "total" keeps every payload.
  await o.openPanel();
  await o.start({ algorithm: 'gtbp', iterations: 2, batchSize: 4, seed: 3, pauseForDecisions: true });
  expect(await o.playToEnd()).toBe('awaiting');
  const proposal = page.locator('[aria-label="Proposed prompt for total"]');
  const merge = proposal.getByTestId('merge-diff');
  await expect(merge.locator('.cm-content')).toHaveCount(2);
  await expectText(merge.locator('.cm-content').first(), PROMPT); // current
  await expectText(merge.locator('.cm-content').last(), PROMPT); // proposed
  await expect(merge.locator('.cm-content').last()).toContainText('Add the numbers up.');
  // Accept "total" (and whatever else waits), then run to the end.
  for (let i = 0; i < 10 && (await o.status()) === 'awaiting'; i++) {
    await page.getByTestId('proposals').getByRole('button', { name: 'Accept', exact: true }).first().click();
  }
  expect(await o.playToEnd()).toBe('done');
  const doc = (await o.studio.workflow()) as { nodes: { id: string; systemPrompt?: string }[] };
  const totalPrompt = doc.nodes.find((n) => n.id === 'total')?.systemPrompt ?? '';
  for (const p of PROMPT) expect(totalPrompt).toContain(p);

  // The selected node's backward view: the version timeline's diff and the calls behind it.
  await o.studio.node('total').click();
  const backward = page.getByTestId('optimize-backward');
  const timeline = backward.getByTestId('version-timeline');
  await expect(timeline.getByTestId('prompt-version')).toHaveCount(2);
  await expectText(timeline.getByTestId('merge-diff'), PROMPT);
  /** The expandable call whose summary starts with `title`, opened. */
  const openCall = async (title: string) => {
    const summary = backward
      .locator('summary')
      .filter({ hasText: new RegExp(`^${title}`) })
      .first();
    await summary.click();
    return summary.locator('xpath=..').getByTestId('call-body');
  };
  await expectText(await openCall('Forward call'), PROMPT);
  // The message "total" received: the successor's inversion call, with its prompt and the cell,
  // as text inside the request's json context block (so quotes arrive escaped).
  const asJsonText = (text: string) => JSON.stringify(text).slice(1, -1);
  await expectText(await openCall('Request and response'), [...LABEL, CELL].map(asJsonText));
  // The first node's: the dataset cell as its input and in its call's request.
  await o.studio.node('extract').click();
  await expect(backward.getByTestId('backward-tab')).toContainText(CELL);
  const extractCall = await openCall('Forward call');
  await expect(extractCall).toContainText('Receipt: ');
  await expect(extractCall).toContainText(CELL);

  // The run's call log: the first node's calls carry the cell; open one.
  await o.panel.locator('summary', { hasText: /^Curves, calls/ }).click();
  const log = o.panel.getByTestId('call-log');
  await log.getByLabel('Filter by node').selectOption('extract');
  await log.getByTestId('call-row').first().click();
  await expect(log.getByTestId('call-body')).toContainText(CELL);
  await log.getByLabel('Filter by node').selectOption('total');
  await log.getByTestId('call-row').first().click();
  await expectText(log.getByTestId('call-body').first(), PROMPT);

  // Exports: data, never markup.
  const exports = o.panel.getByTestId('export-run');
  const json = await download(page, exports.getByRole('button', { name: 'Report (JSON)' }));
  const report = JSON.parse(json.text);
  expect(report.workflow.name).toBe(NAME);
  for (const p of PROMPT) expect(report.final.prompts.total).toContain(p);
  for (const p of LABEL) expect(report.final.prompts.label).toContain(p);
  const change = report.promptChanges.find((c: { nodeId: string }) => c.nodeId === 'total');
  for (const p of PROMPT) expect(change.diff).toContain(p);
  const optimized = await download(page, exports.getByRole('button', { name: 'Optimized workflow' }));
  const workflow = JSON.parse(optimized.text);
  expect(workflow.name).toBe(NAME);
  expect(workflow.nodes.find((n: { id: string }) => n.id === 'total').systemPrompt).toBe(totalPrompt);
  const md = await download(page, exports.getByRole('button', { name: 'Report (Markdown)' }));
  expect(md.name).toMatch(/-report-run-\w+-\d{4}-\d{2}-\d{2}\.md$/);

  // The Markdown, rendered with raw HTML and javascript: links allowed, in a page with no CSP.
  const viewer = await page.context().newPage();
  const viewerDialogs: string[] = [];
  viewer.on('dialog', (d) => {
    viewerDialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.setContent(micromark(md.text, { allowDangerousHtml: true, allowDangerousProtocol: true }));
  const body = viewer.locator('body');
  await expect(viewer.locator('h1')).toHaveText(`Optimization report: ${NAME}`);
  await expectText(body, [...PROMPT, ...LABEL]);
  await expect(viewer.locator('a')).toHaveCount(0);
  expect(await harm(viewer)).toEqual({ pwned: undefined, injected: 0 });
  expect(viewerDialogs).toEqual([]);
  await viewer.close();

  // A second run (the repaired prompts: it stops at its baseline), then the compare view of both.
  await o.panel.getByLabel('Pause for decisions').uncheck();
  await o.start({ iterations: 1 });
  expect(await o.playToEnd()).toBe('done');
  const history = o.panel.getByTestId('run-history');
  await expect(history.getByTestId('run-history-row')).toHaveCount(2);
  for (const box of await history.getByRole('checkbox').all()) await box.check();
  await history.getByRole('button', { name: /^Compare/ }).click();
  const compare = o.panel.getByTestId('run-compare');
  await expectText(compare, [...PROMPT, ...LABEL]);
  await expect(compare.getByTestId('merge-diff').first()).toBeVisible();

  // Nothing ran anywhere in the studio.
  expect(await harm(page)).toEqual({ pwned: undefined, injected: 0 });
  expect(dialogs).toEqual([]);
  expect(o.studio.errors).toEqual([]);
});

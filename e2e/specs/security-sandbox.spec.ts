/**
 * Code nodes run in the sandbox Worker: an endless loop is stopped with a message and the studio
 * stays usable; code cannot reach the network, storage or the page.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const base = JSON.parse(readFileSync(new URL('../fixtures/code-node.json', import.meta.url), 'utf8')) as {
  nodes: { id: string; code?: string }[];
};

/** The code-node fixture with the `shout` node's body replaced. */
function withCode(code: string) {
  const doc = structuredClone(base);
  const node = doc.nodes.find((n) => n.id === 'shout');
  if (!node) throw new Error('fixture without the shout node');
  node.code = code;
  return doc;
}

async function testRun(page: Page, studio: StudioPage, code: string): Promise<string> {
  await studio.loadWorkflow(withCode(code));
  await studio.node('shout').click();
  const result = page.getByTestId('code-test-result');
  const previous = (await result.isVisible()) ? await result.textContent() : null;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // The default limit is 5 s; the expectation waits longer so a busy machine cannot fail it. Each
  // call in these specs expects a different text than the one before, so a change means "answered".
  await expect(result).not.toHaveText(previous ?? '', { timeout: 30_000 });
  await expect(result).toBeVisible();
  return (await result.textContent()) ?? '';
}

test('an endless loop in a code node is stopped with a message; the studio stays usable', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  await studio.open();
  const message = await testRun(page, studio, 'while (true) {}');
  expect(message).toMatch(/did not finish within 5000 ms and was stopped/);
  // The page was never blocked: it still edits, and the next run works in a fresh Worker.
  expect(await testRun(page, studio, 'return "still " + "alive";')).toBe('still alive');
  const before = (await studio.state()).nodeCount;
  await studio.addNode('llm');
  await expect.poll(async () => (await studio.state()).nodeCount).toBe(before + 1);
  expect(studio.errors).toEqual([]);
});

test('code cannot use the network, storage, the page or other contexts', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const studio = new StudioPage(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await studio.open();
  const probe = `return [typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof indexedDB,
    typeof caches, typeof BroadcastChannel, typeof importScripts, typeof postMessage, typeof document,
    typeof window, typeof localStorage, typeof eval, typeof Function].join(",");`;
  expect(await testRun(page, studio, probe)).toBe(Array(13).fill('undefined').join(','));
  expect(await testRun(page, studio, 'return fetch("http://127.0.0.1:9/steal");')).toMatch(
    /The code threw ReferenceError: fetch is not defined/,
  );
  expect(await testRun(page, studio, 'return indexedDB.open("backflow");')).toMatch(
    /The code threw ReferenceError: indexedDB is not defined/,
  );
  expect(await testRun(page, studio, 'return (() => {}).constructor("return 1")();')).toMatch(
    /The code threw TypeError/,
  );
  expect(await testRun(page, studio, 'return import("http://127.0.0.1:9/x.js");')).toMatch(
    /may not use `import`/,
  );
  expect(requests.filter((url) => url.includes('127.0.0.1:9/'))).toEqual([]);
  expect(studio.errors).toEqual([]);
});

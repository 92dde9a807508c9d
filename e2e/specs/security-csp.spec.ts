/**
 * The built studio carries a Content-Security-Policy (no inline script, no eval, plain HTTP only on
 * loopback) and nothing the studio does while in use violates it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../pages/studio';

const doc = JSON.parse(readFileSync(new URL('../fixtures/code-node.json', import.meta.url), 'utf8'));

test('the CSP is present and using the studio reports no violation', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const consoleCsp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleCsp.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  const studio = new StudioPage(page);
  await studio.open();

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).toMatch(/connect-src 'self' https: http:\/\/localhost:\*/);
  expect(policy).not.toMatch(/connect-src[^;]* http: /);

  // Use the studio: load a workflow, edit, open the lazily loaded panels, run code in the sandbox.
  await studio.loadWorkflow(doc);
  await studio.addNode('llm');
  await studio.node('ask').click();
  await expect(page.getByTestId('user-template-editor')).toBeVisible();
  await studio.node('shout').click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('code-test-result')).toHaveText('!');
  for (const name of ['Problems', 'Dataset', 'Run'] as const) await studio.tab(name).click();
  await studio.flush();

  // An inline script planted in the page is refused (and reported), proving the policy is live.
  const inlineRan = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  const all = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(all.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
  // KNOWN, reported: the engine's validator probes code-node syntax with `new Function` on the page
  // (packages/engine/src/graph/validate-nodes.ts); under this policy the probe is refused (caught,
  // the sandbox still reports syntax errors on run) but Chromium reports it. Nothing else may be.
  const unexpected = all.filter(
    (v) => !v.startsWith('script-src-elem inline') && !v.startsWith('script-src eval '),
  );
  expect(unexpected).toEqual([]);
  expect(consoleCsp.filter((t) => !/inline script|evaluate a string as JavaScript/.test(t))).toEqual([]);
  expect(studio.errors).toEqual([]);
});

/**
 * The studio in Chromium for benchmarks 5 and 6: a build of it (or `BENCH_STUDIO_DIST`), headless
 * Chromium with software compositing, and a fresh context per measurement (empty IndexedDB, cold
 * caches) with the page opened at `?e2e` (the test API, `window.__backflow`) and loaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..', '..');

/** `BENCH_STUDIO_DIST`, else a `vite build` into a temporary folder (`temporary`: delete it after). */
export function buildStudio(): { dir: string; temporary: boolean } {
  const given = process.env.BENCH_STUDIO_DIST;
  if (given) return { dir: given, temporary: false };
  const dir = mkdtempSync(join(tmpdir(), 'backflow-bench-studio-'));
  const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--outDir', dir, '--emptyOutDir'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr || build.stdout}`);
  return { dir, temporary: true };
}

/** Headless Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium), no GPU. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
}

/** Resolves when the studio's test API is installed and its initial load has been merged. */
export async function waitForStudio(page: Page): Promise<void> {
  await page.waitForFunction(() => 'ready' in ((window as { __backflow?: object }).__backflow ?? {}));
  await page.evaluate(() => (window as unknown as { __backflow: { ready: Promise<void> } }).__backflow.ready);
}

/**
 * A fresh 1600 x 900 context with the studio open at `origin` and loaded. `initScript` runs in the
 * page before the studio's own scripts, on every load.
 */
export async function openStudio(
  browser: Browser,
  origin: string,
  initScript?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  // tsx compiles with keepNames, which wraps functions in __name(): give the page one.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  await page.goto(`${origin}/?e2e`);
  await waitForStudio(page);
  return { context, page };
}

/** Opens `doc` as the current project through the test API. */
export function loadWorkflow(page: Page, doc: unknown): Promise<void> {
  return page.evaluate(
    (doc) =>
      (
        window as unknown as { __backflow: { loadWorkflow(d: unknown): Promise<void> } }
      ).__backflow.loadWorkflow(doc),
    doc,
  );
}

/**
 * A newcomer's first `pnpm dev` prints no "Failed to resolve dependency" warning: every entry of
 * `optimizeDeps.include` must resolve from the studio (the engine's own dependencies are named
 * through it, `@backflow/engine > openai`). Starts the real dev server on a free port, requests
 * the page (so the optimizer runs), and stops it by its pid; every wait is bounded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const viteBin = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `text()` matches `pattern`, or rejects when the child exits or `ms` passes. */
function waitFor(child: ChildProcess, text: () => string, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${pattern} within ${ms} ms:\n${text()}`)), ms);
    const check = () => pattern.test(text()) && done();
    const exit = () => done(new Error(`vite exited:\n${text()}`));
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exit);
      error ? reject(error) : resolve();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.on('exit', exit);
    check();
  });
}

describe('pnpm dev', () => {
  it('starts without a "Failed to resolve dependency" warning', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [viteBin, '--port', String(port), '--strictPort', '--clearScreen', 'false'],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await waitFor(child, () => output, /ready in/, 45_000);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      // The page's entry module: the dependency optimizer runs when it is first served.
      const entry = await fetch(`http://127.0.0.1:${port}/src/main.tsx`);
      expect(entry.status).toBe(200);
      expect(output).not.toMatch(/Failed to resolve dependency/);
    } finally {
      if (child.pid !== undefined && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
    }
  }, 60_000);
});

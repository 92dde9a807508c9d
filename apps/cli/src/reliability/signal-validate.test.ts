/**
 * A command that does not watch the abort signal (`validate`) is ended by the first SIGTERM, so
 * `timeout 20 backflow validate ...` and Ctrl+C always work, even on input that never ends.
 */
import { execFileSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBuiltCli, startCli, waitForExit } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';

beforeAll(() => ensureBuiltCli(), 180_000);

it('validate reading a pipe that never ends stops with 130 on the first SIGTERM', async () => {
  const { dir, remove } = tempDir('signal');
  try {
    const fifo = join(dir, 'endless.json');
    execFileSync('mkfifo', [fifo]);
    const child = startCli(['validate', fifo], { cwd: dir });
    // Opening the pipe for writing completes once the CLI has opened it for reading: by then its
    // signal handlers are installed, so the signal below tests them, not Node's default.
    const writer = await open(fifo, 'w');
    await writer.write('{"format": "backflow.workflow", "nodes": [');
    child.kill('SIGTERM');
    const result = await waitForExit(child, 60_000);
    await writer.close().catch(() => undefined);
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  } finally {
    remove();
  }
}, 120_000);

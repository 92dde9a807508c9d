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
    const exit = waitForExit(child, 60_000);
    let exited = false;
    child.once('close', () => {
      exited = true;
    });
    child.kill('SIGTERM');
    // Keep the pipe flowing (bounded: 1,000 chunks of 64 KiB) so the reader is never parked in a
    // blocking read while it exits; a reader that is gone makes the write fail with EPIPE.
    const chunk = Buffer.alloc(64 * 1024, ' ');
    for (let i = 0; i < 1000 && !exited; i++) {
      if (
        !(await writer.write(chunk).then(
          () => true,
          () => false,
        ))
      )
        break;
    }
    const result = await exit;
    await writer.close().catch(() => undefined);
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  } finally {
    remove();
  }
}, 120_000);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuiltCli, firstStdoutLine, runCli, startCli, waitForExit } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';

beforeAll(ensureBuiltCli, 120_000);

// Generous limits: these start Node subprocesses on a shared, possibly busy machine (never a speed check).
describe('backflow serve-sim (built CLI)', { timeout: 120_000 }, () => {
  it('prints its URL, answers /health and a chat completion, and stops on SIGTERM', async () => {
    const tmp = tempDir('serve-sim');
    const logFile = join(tmp.dir, 'requests.jsonl');
    const child = startCli(['serve-sim', '--port', '0', '--seed', '3', '--log', logFile]);
    const exited = waitForExit(child, 60_000);
    try {
      const url = await firstStdoutLine(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const origin = url.replace(/\/v1$/, '');
      const health = await fetch(`${origin}/health`);
      expect(health.status).toBe(200);
      const response = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'sim',
          temperature: 0,
          messages: [
            { role: 'system', content: 'Convert the text to upper case.' },
            { role: 'user', content: 'hello world' },
          ],
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: { message: { content: string } }[]; usage: object };
      expect(body.choices[0]?.message.content).toContain('HELLO WORLD');
      expect(body.usage).toBeDefined();
    } finally {
      child.kill('SIGTERM');
    }
    const result = await exited;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Simulated model (offline)');
    expect(result.stderr).toContain('stopped');
    const log = readFileSync(logFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; status: number; outcome: string });
    tmp.remove();
    expect(
      log.some((e) => e.path === '/v1/chat/completions' && e.status === 200 && e.outcome === 'answered'),
    ).toBe(true);
  });

  it('a taken port is a usage error (exit 2) with a one-line reason', async () => {
    const first = startCli(['serve-sim', '--port', '0']);
    const exited = waitForExit(first, 60_000);
    try {
      const url = await firstStdoutLine(first);
      const port = new URL(url).port;
      const second = await runCli(['serve-sim', '--port', port], { timeoutMs: 30_000 });
      expect(second.code).toBe(2);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toContain('already in use');
    } finally {
      first.kill('SIGINT');
    }
    expect((await exited).code).toBe(0);
  });

  it('rejects bad flag values with exit 2', async () => {
    expect((await runCli(['serve-sim', '--fault-rate', '2'])).code).toBe(2);
    expect((await runCli(['serve-sim', '--port', 'abc'])).code).toBe(2);
    expect((await runCli(['serve-sim', 'extra'])).code).toBe(2);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuiltCli, repoRoot, runCli } from '../test-support/built-cli';

const invalidDir = join(repoRoot, 'packages/engine/src/graph/fixtures/invalid');
const validDir = join(repoRoot, 'packages/engine/src/graph/fixtures/valid');
interface Expected {
  code: string;
  nodeId?: string;
  edgeId?: string;
}
interface FileResult {
  file: string;
  ok: boolean;
  problems: { code: string; severity: string; nodeId?: string; edgeId?: string }[];
}
const expected = JSON.parse(readFileSync(join(invalidDir, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;
const invalidFiles = Object.keys(expected).sort();
const validFiles = readdirSync(validDir).sort();

beforeAll(ensureBuiltCli, 120_000);

// Each run of the built CLI costs a Node start-up, so whole corpora go through one invocation.
// Generous limits: these start Node subprocesses on a shared, possibly busy machine (never a speed check).
describe('backflow validate (built CLI)', { timeout: 120_000 }, () => {
  it('covers every file of the invalid corpus', () => {
    const files = readdirSync(invalidDir).filter((f) => f.endsWith('.json') && f !== 'expected.json');
    expect(invalidFiles).toEqual(files.sort());
  });

  it('reports every invalid file as failing, with the expected code and location (--json)', async () => {
    const result = await runCli(['validate', '--json', ...invalidFiles.map((f) => join(invalidDir, f))]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(invalidFiles.length);
    for (const [i, line] of lines.entries()) {
      const parsed = JSON.parse(line) as FileResult;
      const want = expected[invalidFiles[i]!]!;
      expect(parsed.ok, parsed.file).toBe(false);
      const match = parsed.problems.find(
        (p) =>
          p.severity === 'error' &&
          p.code === want.code &&
          (want.nodeId === undefined || p.nodeId === want.nodeId) &&
          (want.edgeId === undefined || p.edgeId === want.edgeId),
      );
      expect(match, `${parsed.file}: ${line}`).toBeDefined();
    }
  });

  it('prints each problem as one text line with its code and location', async () => {
    const result = await runCli(['validate', ...invalidFiles.map((f) => join(invalidDir, f))]);
    expect(result.code).toBe(1);
    for (const file of invalidFiles) {
      const want = expected[file]!;
      const section = sectionOf(result.stdout, file);
      const line = section.find((l) => l.startsWith('error') && l.includes(` ${want.code} `));
      expect(line, `${file}:\n${section.join('\n')}`).toBeDefined();
      if (want.nodeId) expect(line).toContain(`node "${want.nodeId}"`);
      if (want.edgeId) expect(line).toContain(`edge "${want.edgeId}"`);
    }
  });

  it('exits 1 for a single invalid file and 0 for each valid fixture', async () => {
    const one = await runCli(['validate', join(invalidDir, 'cycle.json')]);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/^error {3}cycle {2}node "solve": /m);
    const valid = await runCli(['validate', ...validFiles.map((f) => join(validDir, f))]);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    for (const file of validFiles) expect(valid.stdout).toContain(`${file}: `);
  });

  it('a missing file is a data error (exit 1) with a one-line reason', async () => {
    const result = await runCli(['validate', 'no/such/workflow.json']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no such file');
  });

  it('usage errors exit 2; --help exits 0', async () => {
    for (const args of [['validate'], ['validate', 'a.json', '--bogus'], ['no-such-command'], []]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
    }
    const help = await runCli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: backflow validate');
  });
});

const SUMMARY = /: (no problems|\d+ errors?, \d+ warnings?)$/;

/** The problem lines printed for one file: those between the previous summary line and its own. */
function sectionOf(stdout: string, file: string): string[] {
  const lines = stdout.split('\n');
  const end = lines.findIndex((l) => SUMMARY.test(l) && l.includes(`/${file}: `));
  let start = end - 1;
  while (start >= 0 && !SUMMARY.test(lines[start]!)) start--;
  return lines.slice(start + 1, end);
}

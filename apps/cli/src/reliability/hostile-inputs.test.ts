/**
 * The CLI's hostile-input corpus (apps/cli/fixtures/hostile/manifest.json): every case runs the
 * built bundle once, in a fresh temporary directory, and must end with its exit code, one plain
 * line on stderr, no stack trace, and the directory exactly as it was.
 */
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureBuiltCli, repoRoot, runCli } from '../test-support/built-cli';
import { tempDir } from '../test-support/fixtures';

/** Inputs too large to keep in the repository, written by the test. */
type Generated =
  | 'deep-workflow'
  | 'deep-bundle'
  | 'long-prompt'
  | 'sparse-65mib'
  | 'deep-jsonl'
  | 'directory';

interface HostileCase {
  name: string;
  args: string[];
  /** Files put in the temporary directory first: a corpus file name, `text:<content>`, or a generator. */
  setup?: Record<string, string | { generate: Generated }>;
  exit: number;
  stderr?: string;
  stdout?: string;
  /** Lines allowed on stderr (default 1): `run` lists a workflow's problems before its one-line reason. */
  stderrLines?: number;
}

const hostileDir = join(repoRoot, 'apps/cli/fixtures/hostile');
const simDir = join(repoRoot, 'packages/sim/fixtures/diamond-spread');
const manifest = JSON.parse(readFileSync(join(hostileDir, 'manifest.json'), 'utf8')) as {
  cases: HostileCase[];
};

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const workflowText = () => readFileSync(join(simDir, 'workflow.json'), 'utf8');

/** Writes a generated input at `path`. */
function generate(path: string, kind: Generated): void {
  if (kind === 'directory') {
    mkdirSync(path, { recursive: true });
  } else if (kind === 'sparse-65mib') {
    // A sparse file: 65 MiB long, no disk used; the CLI must refuse it from its size alone.
    writeFileSync(path, '');
    truncateSync(path, 65 * 1024 * 1024);
  } else writeFileSync(path, generatedText(kind));
}

function generatedText(kind: Exclude<Generated, 'directory' | 'sparse-65mib'>): string {
  switch (kind) {
    case 'deep-workflow':
      return workflowText().replace(/\}\s*$/, `, "x": ${nested(100_000)}}`);
    case 'deep-bundle':
      return `{"format": "backflow.bundle", "version": 1, "workflow": {"format": "backflow.workflow", "x": ${nested(100_000)}}}`;
    case 'long-prompt': {
      const doc = JSON.parse(workflowText()) as { nodes: { kind: string; systemPrompt?: string }[] };
      const llm = doc.nodes.find((n) => n.kind === 'llm')!;
      llm.systemPrompt = `Answer. ${'x'.repeat(17 * 1024 * 1024)}`;
      return JSON.stringify(doc);
    }
    case 'deep-jsonl':
      return `{"inputs": {"readings": "1, 2"}, "target": "1"}\n{"inputs": {"readings": ${nested(5000)}}, "target": "1"}\n`;
  }
}

function prepare(dir: string, setup: HostileCase['setup']): void {
  for (const [name, source] of Object.entries(setup ?? {})) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof source !== 'string') generate(path, source.generate);
    else if (source.startsWith('text:')) writeFileSync(path, source.slice('text:'.length));
    else copyFileSync(join(hostileDir, source), path);
  }
}

/** Every entry under `dir` with its size and, for small files, its text: what "left as it was" compares. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const info = statSync(join(dir, name));
      if (info.isDirectory()) return `${name}/`;
      const text = info.size < 4096 ? readFileSync(join(dir, name), 'utf8') : '';
      return `${name} ${info.size} ${text}`;
    });
}

const fill = (arg: string) => arg.replaceAll('{hostile}', hostileDir).replaceAll('{sim}', simDir);

beforeAll(() => ensureBuiltCli(), 180_000);

describe('hostile inputs to the command line (apps/cli/fixtures/hostile)', () => {
  it('has 40+ cases, each naming existing corpus files', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(40);
    for (const c of manifest.cases) {
      for (const source of Object.values(c.setup ?? {}))
        if (typeof source === 'string' && !source.startsWith('text:'))
          expect(statSync(join(hostileDir, source)).isFile()).toBe(true);
    }
  });

  // Concurrent: each case waits on its own subprocess, so several can start at once.
  it.concurrent.each(manifest.cases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const { dir, remove } = tempDir('hostile');
      try {
        prepare(dir, c.setup);
        const before = snapshot(dir);
        const result = await runCli(c.args.map(fill), { cwd: dir, env: { OPENAI_API_KEY: undefined } });
        const output = `${result.stdout}\n${result.stderr}`;
        expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(output).not.toContain('internal error');
        expect(result.code, result.stderr).toBe(c.exit);
        const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
        if (c.exit !== 0) expect(lines.length, result.stderr).toBeLessThanOrEqual(c.stderrLines ?? 1);
        // `validate` prints problems on stdout; any line on stderr is the one-line reason.
        if (c.exit !== 0 && lines.length > 0) expect(lines.at(-1)).toMatch(/^backflow: /);
        if (c.stderr !== undefined) expect(lines.at(-1)).toContain(c.stderr);
        if (c.stdout !== undefined) expect(result.stdout).toContain(c.stdout);
        // Nothing left behind: no output directory, temporary file or checkpoint appeared.
        expect(snapshot(dir)).toEqual(before);
      } finally {
        remove();
      }
    },
    120_000,
  );
});

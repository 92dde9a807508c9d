// Test support: the simulator's fixtures, temporary directories and a port nobody listens on.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuiltCli, repoRoot } from './built-cli';

export const simFixturesDir = join(repoRoot, 'packages/sim/fixtures');

/** A simulator fixture: a working workflow, its data, and broken variants with their culprits. */
export interface SimFixture {
  name: string;
  dir: string;
  workflow: string;
  train: string;
  val: string;
  /** File name of each broken variant -> the node that was broken. */
  culprits: Record<string, string>;
}

/** Every fixture under packages/sim/fixtures that has the documented layout. */
export function simFixtures(): SimFixture[] {
  if (!existsSync(simFixturesDir)) return [];
  return readdirSync(simFixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(simFixturesDir, d.name, 'workflow.json')))
    .map((d) => {
      const dir = join(simFixturesDir, d.name);
      const culpritsFile = join(dir, 'culprits.json');
      const culprits = existsSync(culpritsFile)
        ? (JSON.parse(readFileSync(culpritsFile, 'utf8')) as Record<string, string>)
        : {};
      return {
        name: d.name,
        dir,
        workflow: join(dir, 'workflow.json'),
        train: join(dir, 'train.jsonl'),
        val: join(dir, 'val.jsonl'),
        culprits,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The first broken variant of a fixture, as a path. */
export function firstBroken(fixture: SimFixture): string {
  const name = Object.keys(fixture.culprits).sort()[0];
  if (name === undefined) throw new Error(`fixture ${fixture.name} has no broken variant`);
  return join(fixture.dir, name);
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `backflow-cli-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test file that runs the built CLI: builds it once before the file's tests and gives them a
 * temporary directory, removed after them (`dir` is there once the file's `beforeAll` ran).
 */
export function builtCliTempDir(prefix: string): { readonly dir: string } {
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    await ensureBuiltCli();
    tmp = tempDir(prefix);
  }, 120_000);
  afterAll(() => tmp?.remove());
  return {
    get dir() {
      if (!tmp) throw new Error('The temporary directory is made before the tests (beforeAll).');
      return tmp.dir;
    },
  };
}

/** A 127.0.0.1 port that was free a moment ago and has nothing listening (for "unreachable" tests). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

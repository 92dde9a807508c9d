import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The engine must run in a Web Worker and in Node. Biome enforces that for every file under
// packages/engine/src; this test proves the rule is really wired: it copies the repository's
// biome.json into a scratch tree and lints probe files placed where engine code lives.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const biomeBin = join(repoRoot, 'node_modules/.bin/biome');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'backflow-boundary-'));
  const config = JSON.parse(readFileSync(join(repoRoot, 'biome.json'), 'utf8'));
  delete config.$schema;
  writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));
  mkdirSync(join(scratch, 'packages/engine/src'), { recursive: true });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lintAsEngineFile(name: string, source: string) {
  writeFileSync(join(scratch, 'packages/engine/src', name), source);
  const result = spawnSync(biomeBin, ['lint', `packages/engine/src/${name}`], {
    cwd: scratch,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('engine import boundary', () => {
  it.each([
    ['react.ts', "import React from 'react';\nexport const x = React;\n", 'no React here'],
    ['dexie.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n", 'storage-free'],
    ['zustand.ts', "import { create } from 'zustand';\nexport const x = create;\n", 'UI-free'],
    [
      'xyflow.ts',
      "import { ReactFlow } from '@xyflow/react';\nexport const x = ReactFlow;\n",
      'canvas lives in apps/web',
    ],
    [
      'nodefs.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no Node built-ins',
    ],
    ['document.ts', 'export const x = document.title;\n', 'document'],
    ['window.ts', 'export const x = window.location;\n', 'window'],
  ])('rejects %s', (name, source, expected) => {
    const { status, output } = lintAsEngineFile(name, source);
    expect(status).not.toBe(0);
    expect(output).toContain(expected);
  });

  it('accepts plain engine code', () => {
    const { status, output } = lintAsEngineFile(
      'plain.ts',
      "import { z } from 'zod';\n\nexport const schema = z.string();\n",
    );
    expect(output).not.toContain('noRestricted');
    expect(status).toBe(0);
  });
});

// The engine and the simulator are used only through their package entries (the public index,
// `testing`, and the simulator's Node-only `server`): a deep import would tie a host to a file
// layout the packages are free to change, and would skip the index's choice of what is public.
const ENTRY_PACKAGES = ['engine', 'sim'] as const;
const SCANNED = ['apps', 'bench', 'e2e', 'scripts', 'packages'];
const SOURCE_FILE = /\.(ts|tsx|mts|js|mjs)$/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

type Exports = Record<string, string>;

function packageExports(name: string): Exports {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8'));
  return manifest.exports as Exports;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', 'results', 'fixtures'].includes(entry.name) || entry.name.startsWith('.')) {
      return [];
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

/** The imports in `source` (at repository path `file`) that reach past a package entry. */
function deepImports(file: string, source: string, exports: Record<string, Exports>): string[] {
  const bad: string[] = [];
  for (const [, spec] of source.matchAll(SPECIFIER)) {
    if (spec === undefined) continue;
    const bare = /^@backflow\/(engine|sim)(\/.*)?$/.exec(spec);
    if (bare) {
      const subpath = `.${bare[2] ?? ''}`;
      if (!(subpath in (exports[bare[1] ?? ''] ?? {}))) bad.push(spec);
      continue;
    }
    if (!spec.startsWith('.')) continue;
    // A relative path into another package must land on one of its entry files.
    const target = relative(repoRoot, resolve(dirname(join(repoRoot, file)), spec));
    const into = /^packages\/(engine|sim)\/src\//.exec(target);
    if (!into || file.startsWith(`packages/${into[1]}/`)) continue;
    const entries = Object.values(exports[into[1] ?? ''] ?? {}).map((path) =>
      join('packages', into[1] ?? '', path).replace(/\.ts$/, ''),
    );
    if (!entries.includes(target.replace(/\.ts$/, ''))) bad.push(spec);
  }
  return bad;
}

describe('package entries', () => {
  const exports = Object.fromEntries(ENTRY_PACKAGES.map((name) => [name, packageExports(name)]));

  it.each(ENTRY_PACKAGES)('%s exports named entries only, and no side effects', (name) => {
    expect(Object.keys(exports[name] ?? {}).filter((key) => key.includes('*'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8'));
    expect(manifest.sideEffects).toBe(false);
  });

  it('finds deep imports, bare or relative', () => {
    const probe = [
      "import { a } from '@backflow/engine/providers/index.ts';",
      "import { b } from '@backflow/sim/world/sim-model.ts';",
      "const c = await import('@backflow/engine/graph/index.ts');",
      "import { d } from '../../packages/sim/src/world/sim-model.ts';",
      "import { e } from '@backflow/engine';",
      "import { f } from '@backflow/sim/server';",
      "import { g } from '../../packages/sim/src/index.ts';",
      "import { h } from './local';",
    ].join('\n');
    expect(deepImports('e2e/specs/probe.spec.ts', probe, exports)).toEqual([
      '@backflow/engine/providers/index.ts',
      '@backflow/sim/world/sim-model.ts',
      '@backflow/engine/graph/index.ts',
      '../../packages/sim/src/world/sim-model.ts',
    ]);
  });

  it('no file imports the engine or the simulator past their entries', () => {
    const found = SCANNED.flatMap((dir) =>
      sourceFiles(join(repoRoot, dir)).flatMap((path) => {
        const file = relative(repoRoot, path);
        // This file's probe above holds deep imports on purpose.
        if (file === 'packages/engine/src/boundary.test.ts') return [];
        return deepImports(file, readFileSync(path, 'utf8'), exports).map((spec) => `${file}: ${spec}`);
      }),
    );
    expect(found).toEqual([]);
  });
});

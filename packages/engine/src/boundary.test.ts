import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
